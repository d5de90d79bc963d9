import pytest

from news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_news_list_shows_all_seed_items_in_both_languages(client, seeded):
    en = client.get("/en/news/").content.decode()
    fr = client.get("/fr/actualites/").content.decode()
    assert "<h1>What’s new</h1>" in en
    assert "<h1>Quoi de neuf</h1>" in fr
    assert en.count('<article class="news-summary">') == 4
    assert "Labour Migration Academy: Enhancing Protection" in en
    assert "Académie sur les migrations de main-d’œuvre" in fr
    assert "18 March 2012" in en and "18 mars 2012" in fr


def test_news_is_paginated_ten_a_page_newest_first(client, make_news):
    make_news(25)
    first = client.get("/en/news/").content.decode()
    third = client.get("/en/news/?page=3").content.decode()
    assert first.count('<article class="news-summary">') == 10
    assert third.count('<article class="news-summary">') == 5
    assert first.index("Generated item 0<") < first.index("Generated item 9<")
    assert "Generated item 24<" in third
    assert 'aria-current="page">3</a>' in third


@pytest.mark.parametrize("page", ["0", "4", "-1", "abc", "1.5", "99999999999999999999"])
def test_bad_page_numbers_are_404(client, make_news, page):
    make_news(25)
    assert client.get("/en/news/", {"page": page}).status_code == 404


def test_an_empty_page_number_is_the_first_page(client, make_news):
    make_news(25)
    response = client.get("/en/news/", {"page": ""})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_news_item_page_shows_title_date_and_text(client, seeded):
    url = "/en/news/ilo-welcomes-manila-call-to-action/"
    html = client.get(url).content.decode()
    assert "<h1>ILO welcomes Manila Call to Action to protect rights of migrant women" in html
    assert '<time datetime="2008-09-30">30 September 2008</time>' in html
    assert "Governments from 38 countries" in html
    fr = client.get("/fr/actualites/ilo-welcomes-manila-call-to-action/").content.decode()
    assert "L’OIT salue l’Appel à l’action de Manille" in fr
    assert "30 septembre 2008" in fr


def test_unknown_slug_is_404(client, seeded):
    assert client.get("/en/news/no-such-item/").status_code == 404
    assert client.get("/fr/actualites/no-such-item/").status_code == 404


def test_draft_and_future_items_are_not_public(client, seeded, hidden_news):
    for url in ["/en/", "/en/news/"]:
        html = client.get(url).content.decode()
        assert "Secret draft" not in html and "Future item" not in html
    assert client.get("/en/news/secret-draft/").status_code == 404
    assert client.get("/en/news/future-item/").status_code == 404


def test_hostile_html_in_a_body_never_reaches_the_page(client, db):
    item = NewsItem.objects.create(
        title_en="Hostile",
        slug="hostile",
        summary_en="x",
        status=NewsItem.Status.PUBLISHED,
        body_en=(
            '<p onclick="steal()">Hi <a href="javascript:steal()">x</a></p><script>steal()</script>'
        ),
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<p>Hi <a" in html
    assert "steal()" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/fr/",
        "/en/news/",
        "/fr/actualites/?page=3",
        "/en/contact/",
        "/en/news/generated-item-7/",
    ],
)
def test_public_pages_run_at_most_three_queries(
    client, seeded, make_news, django_assert_max_num_queries, url
):
    make_news(50)
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
