import pytest
from lxml import html as lxml_html

from news.models import NewsItem
from tests.search import on_postgresql, result_titles

pytestmark = pytest.mark.django_db


def test_search_finds_published_news_in_the_page_language(client, seeded):
    en = client.get("/en/search/", {"q": "Bahrain"})
    assert en.status_code == 200
    assert result_titles(en) == ["Bahrain: Decree 79 aims at ending sponsor system"]
    assert "1 news item matches “Bahrain”." in en.content.decode()
    fr = client.get("/fr/recherche/", {"q": "Manille"})
    assert result_titles(fr) == [
        "L’OIT salue l’Appel à l’action de Manille pour protéger les droits des femmes migrantes"
    ]
    # The French text is searched on French pages only.
    assert result_titles(client.get("/en/search/", {"q": "Manille"})) == []


def test_search_ignores_drafts(client, seeded):
    NewsItem.objects.create(title_en="Bahrain draft", slug="bahrain-draft", summary_en="x")
    titles = result_titles(client.get("/en/search/", {"q": "Bahrain"}))
    assert titles == ["Bahrain: Decree 79 aims at ending sponsor system"]


def test_search_box_is_on_every_page_and_works_without_javascript(client, seeded):
    for url, action in [("/en/", "/en/search/"), ("/fr/actualites/", "/fr/recherche/")]:
        tree = lxml_html.fromstring(client.get(url).content)
        form = tree.xpath('//header//form[@role="search"]')[0]
        assert form.get("action") == action and form.get("method") == "get"
        field = form.xpath('.//input[@name="q"]')[0]
        assert form.xpath(f'string(.//label[@for="{field.get("id")}"])').strip()


def test_no_results_and_empty_query_get_a_message(client, seeded):
    html = client.get("/en/search/", {"q": "zzzqqq"}).content.decode()
    assert "No news matches “zzzqqq”." in html
    html = client.get("/fr/recherche/", {"q": "   "}).content.decode()
    assert "Saisissez un ou plusieurs mots" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "migrant\x00workers",
        "\x00",
        "'; DROP TABLE news_newsitem; --",
        '"unclosed',
        "!!! & | <-> :* ()",
        "<script>alert(1)</script>",
        "%_%",
        "🙂 ∑ \u202e",
        "-",
        "the and of",
    ],
)
def test_odd_queries_answer_calmly(client, seeded, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_search_results_are_paginated_and_keep_the_query(client, make_news):
    make_news(25)
    first = client.get("/en/search/", {"q": "Generated"})
    assert len(result_titles(first)) == 10
    assert 'href="?q=Generated&amp;page=2"' in first.content.decode()
    third = client.get("/en/search/", {"q": "Generated", "page": "3"})
    assert len(result_titles(third)) == 5
    for page in ["4", "0", "abc"]:
        assert client.get("/en/search/", {"q": "Generated", "page": page}).status_code == 404


def test_search_page_runs_at_most_three_queries(
    client, seeded, make_news, django_assert_max_num_queries
):
    make_news(30)
    for params in [{"q": "Generated"}, {"q": "Généré"}, {"q": ""}, {"q": "Généré", "page": 2}]:
        with django_assert_max_num_queries(3):
            assert client.get("/fr/recherche/", params).status_code == 200


@on_postgresql
def test_search_stems_words_on_postgresql(client, seeded):
    # English: "migrants" finds the item whose title says "migrant women".
    en = result_titles(client.get("/en/search/", {"q": "migrants women"}))
    assert en[0].startswith("ILO welcomes Manila Call to Action")
    # French: « migrante » finds « migrantes », « travailleur » finds « travailleurs »
    # (the French stemmer does not relate « travailleuses » to « travailleurs »).
    fr = result_titles(client.get("/fr/recherche/", {"q": "migrante Manille"}))
    assert fr[0].startswith("L’OIT salue l’Appel à l’action de Manille")
    fr = result_titles(client.get("/fr/recherche/", {"q": "travailleur"}))
    assert fr[0] == "Promouvoir la mobilité et protéger les droits des travailleurs migrants"


@on_postgresql
def test_search_ranks_title_matches_first_on_postgresql(client, make_news):
    make_news(3)
    NewsItem.objects.filter(slug="generated-item-2").update(title_en="Remittances in focus")
    NewsItem.objects.filter(slug="generated-item-0").update(summary_en="A word on remittances")
    titles = result_titles(client.get("/en/search/", {"q": "remittance"}))
    assert titles == ["Remittances in focus", "Generated item 0"]


def test_search_page_is_titled_in_french_and_kept_out_of_indexes(client, seeded):
    html = client.get("/fr/recherche/", {"q": "migrants"}).content.decode()
    assert "<h1>Recherche</h1>" in html
    assert "<title>Recherche («\u00a0migrants\u00a0») | OIT</title>" in html
    assert '<meta name="robots" content="noindex">' in html
