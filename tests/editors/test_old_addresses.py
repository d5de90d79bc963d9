"""Old addresses keep working: a renamed item's old slug answers 301 to its new address."""

import os

import pytest
from django.core.management import call_command
from reversion.models import Version

from news.models import NewsItem, NewsSlugRedirect
from tests.editors.conftest import news_form, opened_form, published_item, save_news

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


# Through history: a deleted item recovered, or an earlier revision restored, in the admin.


def delete_in_admin(client, item):
    url = f"/admin/news/newsitem/{item.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302


def recover_in_admin(client, title, **fields):
    version = Version.objects.get_deleted(NewsItem).get(object_repr=title)
    url = f"/admin/news/newsitem/recover/{version.pk}/"
    opened = opened_form(client, url)[1]["opened_version"].value()
    data = news_form(title_en=title, status="published", opened_version=opened, **fields)
    assert client.post(url, data).status_code == 302


def restore_in_admin(client, item, version, **fields):
    url = f"/admin/news/newsitem/{item.pk}/history/{version.pk}/"
    opened = opened_form(client, url)[1]["opened_version"].value()
    data = news_form(title_en=item.title_en, status="published", opened_version=opened, **fields)
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()


def leads(client, old, new):
    """/en/news/<old>/ and /fr/actualites/<old>/ answer 301 to <new>'s address."""
    english = client.get(f"/en/news/{old}/")
    assert (english.status_code, english.get("Location")) == (301, f"/en/news/{new}/")
    french = client.get(f"/fr/actualites/{old}/")
    assert (french.status_code, french.get("Location")) == (301, f"/fr/actualites/{new}/")


@pytest.fixture
def renamed_twice(editor_client, seeded):
    """An item saved in the admin as a, then b, then c."""
    data = news_form(title_en="Story a", slug="a", status="published")
    assert editor_client.post("/admin/news/newsitem/add/", data).status_code == 302
    item = NewsItem.objects.get(slug="a")
    save_news(editor_client, item, title_en="Story a", slug="b", status="published")
    save_news(editor_client, item, title_en="Story a", slug="c", status="published")
    item.refresh_from_db()
    return item


def test_a_recovered_item_answers_at_its_old_addresses_again(editor_client, renamed_twice):
    delete_in_admin(editor_client, renamed_twice)
    assert editor_client.get("/en/news/a/").status_code == 404
    assert editor_client.get("/en/news/c/").status_code == 404
    recover_in_admin(editor_client, "Story a", slug="c")
    assert editor_client.get("/en/news/c/").status_code == 200
    leads(editor_client, "a", "c")
    leads(editor_client, "b", "c")


def test_an_address_taken_while_the_item_was_deleted_stays_with_its_new_holder(
    editor_client, renamed_twice
):
    delete_in_admin(editor_client, renamed_twice)
    # A deleted item's old address is free: no tick needed to take it.
    data = news_form(title_en="Newcomer", slug="a", status="published")
    assert editor_client.post("/admin/news/newsitem/add/", data).status_code == 302
    recover_in_admin(editor_client, "Story a", slug="c")
    assert editor_client.get("/en/news/a/").status_code == 200  # the newcomer's page
    leads(editor_client, "b", "c")


def test_restoring_an_earlier_revision_keeps_every_address_leading_to_the_item(
    editor_client, renamed_twice
):
    first = Version.objects.get_for_object(renamed_twice).last()
    restore_in_admin(editor_client, renamed_twice, first, slug="a")
    assert renamed_twice.slug == "a"
    assert editor_client.get("/en/news/a/").status_code == 200
    leads(editor_client, "b", "a")
    leads(editor_client, "c", "a")


def test_an_export_with_a_deleted_items_old_addresses_imports(
    editor_client, renamed_twice, tmp_path, media_root
):
    delete_in_admin(editor_client, renamed_twice)
    archive = tmp_path / "content.zip"
    call_command("export_content", str(archive), stdout=open(os.devnull, "w"))
    call_command("import_content", str(archive), replace=True, stdout=open(os.devnull, "w"))
    assert not NewsItem.objects.filter(slug="c").exists()
    assert editor_client.get("/en/news/a/").status_code == 404
