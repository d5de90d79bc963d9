import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "accept_language, target",
    [
        ("fr-CH,fr;q=0.9,en;q=0.8", "/fr/"),
        ("fr", "/fr/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == target


def test_unknown_language_prefix_is_404(client, seeded):
    assert client.get("/de/").status_code == 404
    assert client.get("/fr/news/").status_code == 404
    assert client.get("/en/actualites/").status_code == 404


def switcher_link(html, lang):
    match = re.search(rf'<a href="([^"]*)" lang="{lang}" hreflang="{lang}">', html)
    return match.group(1)


@pytest.mark.parametrize(
    "english, french",
    [
        ("/en/", "/fr/"),
        ("/en/news/", "/fr/actualites/"),
        ("/en/news/?page=2", "/fr/actualites/?page=2"),
        (
            "/en/news/bahrain-decree-79-aims-at-ending-sponsor-system/",
            "/fr/actualites/bahrain-decree-79-aims-at-ending-sponsor-system/",
        ),
        ("/en/contact/", "/fr/contact/"),
    ],
)
def test_language_switcher_lands_on_the_same_page(client, seeded, make_news, english, french):
    make_news(12)
    en_html = client.get(english).content.decode()
    fr_html = client.get(french).content.decode()
    assert switcher_link(en_html, "fr") == french
    assert switcher_link(fr_html, "en") == english
    assert ">Français</a>" in en_html and ">English</a>" in fr_html


def test_english_pages_say_the_seeded_items_source_is_in_french(client, seeded):
    """The seed page's "(in french)": the material the item points to is French."""
    slug = "promote-mobility-and-protect-the-rights-of-migrant-workers"
    for url in ["/en/", "/en/news/", f"/en/news/{slug}/"]:
        html = client.get(url).content.decode()
        assert (
            '<p class="news-source">Source: BITMIGRANT'
            ' <span class="language-marker">(in French)</span></p>'
        ) in html, url
        assert 'hreflang="fr">Promote' not in html  # its English page is in English
    french = client.get("/fr/actualites/").content.decode()
    assert '<p class="news-source">Source\u00a0: BITMIGRANT</p>' in french


def test_translated_items_are_not_labelled_in_another_language(client, seeded):
    for url in ["/fr/", "/fr/actualites/", "/en/", "/en/news/"]:
        html = client.get(url).content.decode()
        assert "(en anglais)" not in html and "(in English)" not in html, url
        assert not re.search(r'href="/(fr/actualites|en/news)/[^"]*" hreflang=', html), url
    assert (
        '<a href="/fr/actualites/bahrain-decree-79-aims-at-ending-sponsor-system/">'
        "Bahreïn\u00a0: le décret 79"
    ) in client.get("/fr/actualites/").content.decode()


def test_body_in_the_item_language_carries_its_lang(client, seeded):
    from news.models import NewsItem

    item = NewsItem.objects.get(language="fr")
    item.body_fr = "<p>Le blog BITMIGRANT présente des outils.</p>"
    item.save()
    html = client.get(item.get_absolute_url().replace("/fr/actualites/", "/en/news/")).content
    assert b'<div class="body"><p class="translation-notice">' in html
    assert b'<div lang="fr"><p>Le blog BITMIGRANT' in html


def test_hreflang_alternates_on_every_page(client, seeded):
    html = client.get("/en/news/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/actualites/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/news/">' in html
