"""Old addresses keep working: a renamed item's old slug answers 301 to its new address."""

import pytest

from news.models import NewsItem, NewsSlugRedirect
from tests.editors.conftest import news_form, published_item, save_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(seeded):
    return published_item(title_en="Renamed story", slug="a", summary_en="x")


def rename(item, slug):
    item.slug = slug
    item.save()


def test_an_old_slug_answers_301_to_the_new_address_in_both_languages(client, item):
    rename(item, "b")
    english = client.get("/en/news/a/")
    assert (english.status_code, english["Location"]) == (301, "/en/news/b/")
    french = client.get("/fr/actualites/a/")
    assert (french.status_code, french["Location"]) == (301, "/fr/actualites/b/")
    assert client.get("/en/news/b/").status_code == 200


def test_feeds_and_sitemap_use_the_new_address(client, item):
    rename(item, "b")
    for path in ["/en/news/feed/", "/fr/actualites/atom/", "/sitemap.xml"]:
        body = client.get(path).content.decode()
        assert "/news/b/" in body or "/actualites/b/" in body
        assert "/news/a/" not in body and "/actualites/a/" not in body


def test_a_chain_of_renames_is_still_one_redirect(client, item):
    rename(item, "b")
    rename(item, "c")
    for old in ("a", "b"):
        response = client.get(f"/en/news/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/en/news/c/")


def test_taking_back_an_old_slug_makes_it_live_again(client, item):
    rename(item, "b")
    rename(item, "a")
    assert client.get("/en/news/a/").status_code == 200
    assert client.get("/en/news/b/")["Location"] == "/en/news/a/"
    assert list(NewsSlugRedirect.objects.values_list("old_slug", flat=True)) == ["b"]


def test_renaming_in_the_admin_keeps_the_old_address(editor_client, client, item):
    save_news(editor_client, item, slug="better-slug", status="published")
    assert client.get("/en/news/a/")["Location"] == "/en/news/better-slug/"


def test_another_item_takes_an_old_address_only_when_the_editor_says_so(
    editor_client, client, item
):
    rename(item, "b")
    response = editor_client.post("/admin/news/newsitem/add/", news_form(slug="a"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "“a” is an old address of “Renamed story”, and leads there. Choose another slug, or "
        "tick “Take over an old address” below to use it here."
    ]
    assert "Take over an old address" in response.content.decode()
    taken = editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(slug="a", status="published", take_over_old_address="on"),
    )
    assert taken.status_code == 302
    newcomer = client.get("/en/news/a/")
    assert newcomer.status_code == 200 and "<h1>A new item" in newcomer.content.decode()
    assert not NewsSlugRedirect.objects.filter(old_slug="a").exists()


def test_an_item_may_take_back_its_own_old_slug_without_ticking(editor_client, item):
    rename(item, "b")
    save_news(editor_client, item, slug="a", status="published")


def test_an_old_slug_of_a_withdrawn_item_answers_410_and_of_a_draft_404(client, item):
    rename(item, "b")
    item.unpublish()
    assert client.get("/en/news/a/").status_code == 410
    assert client.get("/fr/actualites/b/").status_code == 410
    draft = NewsItem.objects.create(title_en="Draft", slug="c", summary_en="x")
    rename(draft, "d")
    assert client.get("/en/news/c/").status_code == 404


def test_translators_do_not_see_the_take_over_box(client, translator, item):
    client.force_login(translator)
    html = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert "take_over_old_address" not in html


def test_the_change_form_lists_the_old_addresses_after_the_slug(editor_client, item):
    rename(item, "b")
    rename(item, "c")
    response = editor_client.get(f"/admin/news/newsitem/{item.pk}/change/")
    fields = list(response.context["adminform"].form.fields)
    assert fields.index("take_over_old_address") == fields.index("slug") + 1
    html = response.content.decode()
    assert '<div class="readonly">a, b</div>' in html
    assert (
        html.index("field-slug")
        < html.index("field-old_addresses")
        < html.index("field-take_over_old_address")
    )


def test_an_item_never_renamed_shows_no_old_address(editor_client, item):
    html = editor_client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert '<div class="readonly">-</div>' in html
