import feedparser
import pytest

pytestmark = pytest.mark.django_db

SEED_SLUGS = {
    "promote-mobility-and-protect-the-rights-of-migrant-workers": "fr",
    "labour-migration-academy-2011": "en",
    "bahrain-decree-79-aims-at-ending-sponsor-system": "en",
    "ilo-welcomes-manila-call-to-action": "en",
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def item_language(entry):
    # RSS: dc:language; Atom: xml:lang on the entry, which feedparser puts on its texts.
    return entry.get("language") or entry.title_detail.language


def slug_of(entry):
    return entry.link.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    "url, content_type, language, prefix",
    [
        ("/en/news/feed/", "application/rss+xml", "en", "http://testserver/en/news/"),
        ("/en/news/atom/", "application/atom+xml", "en", "http://testserver/en/news/"),
        ("/fr/actualites/feed/", "application/rss+xml", "fr", "http://testserver/fr/actualites/"),
        ("/fr/actualites/atom/", "application/atom+xml", "fr", "http://testserver/fr/actualites/"),
    ],
)
def test_feeds_list_published_items_in_the_page_language(
    client, seeded, url, content_type, language, prefix
):
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.feed.language == language
    assert [slug_of(e) for e in feed.entries] == list(SEED_SLUGS)
    assert all(e.link.startswith(prefix) for e in feed.entries)
    # Each entry says the language it is shown in: the seed is translated, so the feed's.
    assert [item_language(e) for e in feed.entries] == [language] * len(SEED_SLUGS)


def test_french_feed_has_french_titles_and_dates(client, seeded):
    _, feed = parse(client, "/fr/actualites/atom/")
    assert feed.entries[1].title.startswith("Académie sur les migrations de main-d’œuvre")
    assert "What’s new" not in feed.feed.title
    assert feed.feed.title == "Service des migrations internationales – Quoi de neuf"
    assert feed.entries[0].published_parsed[:3] == (2012, 3, 18)


def test_drafts_and_future_items_are_not_in_the_feeds(client, seeded, hidden_news):
    for url in ["/en/news/feed/", "/en/news/atom/", "/fr/actualites/feed/"]:
        _, feed = parse(client, url)
        slugs = {slug_of(e) for e in feed.entries}
        assert slugs == set(SEED_SLUGS), url


def test_every_page_links_its_feeds(client, seeded):
    for url, prefix in [("/en/", "/en/news/"), ("/fr/contact/", "/fr/actualites/")]:
        html = client.get(url).content.decode()
        assert 'type="application/rss+xml" title="' in html
        assert f'href="{prefix}feed/"' in html, url
        assert 'type="application/atom+xml"' in html and f'href="{prefix}atom/"' in html, url
