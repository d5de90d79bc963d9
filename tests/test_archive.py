import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_year_archive_lists_that_years_items_in_both_languages(client, seeded):
    en = client.get("/en/news/2011/").content.decode()
    assert "<h1>News from 2011</h1>" in en
    assert "Labour Migration Academy" in en
    assert "Bahrain" not in en and "Manila" not in en
    fr = client.get("/fr/actualites/2011/").content.decode()
    assert "<h1>Actualités de 2011</h1>" in fr
    assert "Académie sur les migrations de main-d’œuvre" in fr


def test_year_without_published_items_is_404(client, seeded, hidden_news):
    # A draft of this year and an item scheduled far ahead (hidden_news) open no year.
    for year in [2010, 1900, timezone.now().year, timezone.now().year + 2]:
        assert client.get(f"/en/news/{year}/").status_code == 404, year


def test_news_list_links_the_years_that_have_items(client, seeded):
    html = client.get("/en/news/").content.decode()
    for year in [2012, 2011, 2009, 2008]:
        assert f'<a href="/en/news/{year}/">{year}</a> (1 item)' in html
    assert "/en/news/2010/" not in html
    fr = client.get("/fr/actualites/").content.decode()
    assert '<a href="/fr/actualites/2012/">2012</a> (1 article)' in fr


def test_slugs_still_resolve_next_to_year_and_feed_paths(client, seeded):
    assert client.get("/en/news/labour-migration-academy-2011/").status_code == 200


def test_year_archive_and_list_run_at_most_three_queries(
    client, seeded, make_news, django_assert_max_num_queries
):
    make_news(30)
    year = timezone.now().year
    for url in [f"/en/news/{year - 1}/", "/en/news/", "/fr/actualites/?page=2"]:
        with django_assert_max_num_queries(3):
            response = client.get(url)
        if response.status_code == 404:  # early January: all items may fall in one year
            continue
        assert response.status_code == 200
    page = client.get("/en/news/?page=3").content.decode()
    assert page.count('<article class="news-summary">') == 10  # 34 items: 10, 10, 10, 4
    assert client.get("/en/news/?page=5").status_code == 404
