"""Search from the stored, indexed documents (PostgreSQL), kept current on every save path;
results bounded and reused until the content changes (both databases)."""

import pytest
import reversion
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from reversion.models import Version

from news.models import NewsItem
from tests.search import on_postgresql, result_titles

pytestmark = pytest.mark.django_db


def found(client, query, url="/en/search/"):
    return result_titles(client.get(url, {"q": query}))


@on_postgresql
def test_every_save_path_keeps_the_search_documents_current(client, seeded):
    item = NewsItem.objects.get(slug__startswith="bahrain-decree-79")
    # save(), as the admin does
    item.title_en = "Quokka reform in Bahrain"
    item.save()
    assert found(client, "quokka") == ["Quokka reform in Bahrain"]
    # QuerySet.update(), which sends no signal and calls no save()
    NewsItem.objects.filter(pk=item.pk).update(summary_en="Zanzibar recruitment fees")
    assert found(client, "zanzibar") == ["Quokka reform in Bahrain"]
    # bulk_create(), as generate_news does
    call_command("generate_news", "3", stdout=open("/dev/null", "w"))
    assert len(found(client, "update", "/en/search/")) == 3
    assert len(found(client, "actualité", "/fr/recherche/")) == 3


@on_postgresql
def test_a_restored_revision_and_an_imported_item_are_searchable(client, seeded):
    item = NewsItem.objects.get(slug__startswith="bahrain-decree-79")
    with reversion.create_revision():
        item.title_en = "Quokka reform in Bahrain"
        item.save()
    with reversion.create_revision():
        item.title_en = "Sponsorship ends"
        item.save()
    assert found(client, "quokka") == []
    Version.objects.get_for_object(item)[1].revision.revert()  # as the admin's History does
    assert found(client, "quokka") == ["Quokka reform in Bahrain"]

    # import_content loads with loaddata: a raw save, no save() method, no signal handler.
    item.refresh_from_db()
    dump = serializers.serialize("json", [item])
    assert "search_" not in dump  # derived, never exported
    item.delete()
    for restored in serializers.deserialize("json", dump):
        restored.save()
    assert found(client, "quokka") == ["Quokka reform in Bahrain"]


def test_a_french_page_searches_the_english_text_an_untranslated_field_shows(client, db):
    NewsItem.objects.create(
        title_en="Zanzibar labour mobility",
        slug="zanzibar",
        summary_en="Recruitment",
        summary_fr="Recrutement",
        status=NewsItem.Status.PUBLISHED,
    )
    assert found(client, "Zanzibar", "/fr/recherche/") == ["Zanzibar labour mobility"]
    # The French summary is shown on French pages, so the English one is not searched there.
    assert found(client, "Recruitment", "/fr/recherche/") == []
    assert found(client, "Recrutement", "/fr/recherche/") == ["Zanzibar labour mobility"]


@on_postgresql
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_rare_word_is_found_through_the_gin_index_of_the_page_language(make_news, language):
    make_news(1000)
    NewsItem.objects.filter(slug="generated-item-500").update(summary_en="Quokka")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_newsitem")
    plan = NewsItem.objects.published().search("quokka", language).explain()
    assert f"Bitmap Index Scan on news_search_{language}" in plan
    assert "Seq Scan" not in plan


def test_results_stop_at_the_hundred_best_and_say_so(client, make_news):
    make_news(105)
    first = client.get("/en/search/", {"q": "Generated"}).content.decode()
    assert (
        "More than 100 news items match “Generated”: showing the 100 best matches. "
        "Add words to narrow your search." in first
    )
    assert 'aria-label="Page 10"' in first
    tenth = client.get("/en/search/", {"q": "Generated", "page": "10"})
    assert len(result_titles(tenth)) == 10
    assert client.get("/en/search/", {"q": "Generated", "page": "11"}).status_code == 404
    french = client.get("/fr/recherche/", {"q": "généré"}).content.decode()
    assert "Plus de 100 articles correspondent à «\u00a0généré\u00a0»" in french


def test_fewer_results_than_the_bound_are_all_counted(client, make_news):
    make_news(12)
    html = client.get("/en/search/", {"q": "Generated"}).content.decode()
    assert "12 news items match “Generated”." in html
    assert "More than" not in html


def test_results_are_reused_until_the_content_changes(
    client, make_news, content_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    make_news(15)
    client.get("/en/")  # the branch profile is kept: what follows is the search's own work
    with django_assert_num_queries(2):  # the matches' ids, then the page's items
        assert len(found(client, "Generated")) == 10
    for page in ("1", "2"):
        with django_assert_num_queries(1):  # the ids are kept: only the page's items
            assert client.get("/en/search/", {"q": "Generated", "page": page}).status_code == 200
    item = NewsItem.objects.get(slug="generated-item-3")
    item.title_en = "Remittances"
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert "Remittances" in found(client, "Remittances")
    assert "Remittances" not in found(client, "Generated")


@on_postgresql
def test_a_word_in_many_items_is_ranked_among_its_newest_matches(client, make_news, monkeypatch):
    make_news(8)
    NewsItem.objects.filter(slug="generated-item-7").update(title_en="Remittances")  # the oldest
    NewsItem.objects.exclude(slug="generated-item-7").update(summary_en="On remittances")
    assert found(client, "remittances")[:2] == ["Remittances", "Generated item 0"]
    monkeypatch.setattr("news.search.MAX_CANDIDATES", 5)
    assert found(client, "remittances") == [f"Generated item {n}" for n in range(5)]
