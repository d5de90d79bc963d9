import feedparser
import pytest
from django.utils import timezone

from news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def partly_translated(seeded):
    """An item whose title is translated and summary is not, and one with no French at all."""
    now = timezone.now()
    partly = NewsItem.objects.create(
        title_en="Partly translated",
        title_fr="Traduit en partie",
        slug="partly",
        summary_en="Summary only in English.",
        status=NewsItem.Status.PUBLISHED,
        published_at=now,
    )
    english = NewsItem.objects.create(
        title_en="Only in English",
        slug="only-english",
        summary_en="No French yet.",
        status=NewsItem.Status.PUBLISHED,
        published_at=now,
    )
    return partly, english


def test_french_list_marks_only_the_fields_it_shows_in_english(client, partly_translated):
    html = client.get("/fr/actualites/").content.decode()
    # Translated title: no marker, no hreflang; its English summary is marked.
    assert '<h2><a href="/fr/actualites/partly/">Traduit en partie</a></h2>' in html
    assert (
        '<p class="translation-notice">Ce texte n’est pas encore disponible en français.</p>'
        '<p lang="en">Summary only in English.</p>'
    ) in html
    # Untranslated title: its link leads to a page shown in English, and says so.
    assert (
        '<a href="/fr/actualites/only-english/" hreflang="en"><span lang="en">Only in English'
        '</span></a> <span class="language-marker">(en anglais)</span>'
    ) in html
    assert html.count("(en anglais)") == 1


def test_detail_page_marks_an_english_title_only_when_it_shows_one(client, partly_translated):
    partly = client.get("/fr/actualites/partly/").content.decode()
    assert "<h1>Traduit en partie</h1>" in partly
    english = client.get("/fr/actualites/only-english/").content.decode()
    assert (
        '<h1><span lang="en">Only in English</span> <span class="language-marker">'
        "(en anglais)</span>"
    ) in english


def test_feed_entries_say_the_language_they_are_shown_in(client, partly_translated):
    feed = feedparser.parse(client.get("/fr/actualites/atom/").content)
    languages = {
        entry.link.rstrip("/").rsplit("/", 1)[-1]: entry.title_detail.language
        for entry in feed.entries
    }
    assert languages["only-english"] == "en"
    assert languages["partly"] == "fr"
    assert languages["promote-mobility-and-protect-the-rights-of-migrant-workers"] == "fr"
    rss = feedparser.parse(client.get("/en/news/feed/").content)
    assert {entry.get("language") for entry in rss.entries} == {"en"}


def test_source_link_carries_its_language(client, seeded):
    item = NewsItem.objects.get(slug="promote-mobility-and-protect-the-rights-of-migrant-workers")
    item.source_url = "https://example.org/bitmigrant/"
    item.save()
    english = client.get(item.get_absolute_url().replace("/fr/actualites/", "/en/news/"))
    assert (
        'Source: <a href="https://example.org/bitmigrant/" hreflang="fr">BITMIGRANT</a>'
        ' <span class="language-marker">(in French)</span>'
    ) in english.content.decode()
