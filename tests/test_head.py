import json

import pytest
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content).head


def meta(tree, prop):
    return tree.xpath(f'string(meta[@property="{prop}" or @name="{prop}"]/@content)')


@pytest.mark.parametrize(
    "url, title, locale",
    [
        ("/en/", "International Migration Branch", "en_GB"),
        ("/fr/", "Service des migrations internationales", "fr_FR"),
        ("/en/news/", "What’s new", "en_GB"),
        ("/fr/actualites/", "Quoi de neuf", "fr_FR"),
        ("/en/contact/", "Contact us", "en_GB"),
        ("/fr/contact/", "Nous contacter", "fr_FR"),
        (
            "/fr/actualites/ilo-welcomes-manila-call-to-action/",
            "L’OIT salue l’Appel à l’action de Manille",
            "fr_FR",
        ),
    ],
)
def test_every_page_has_title_description_canonical_and_opengraph(
    client, seeded, url, title, locale
):
    tree = head(client, url)
    assert tree.findtext("title").startswith(title)
    assert meta(tree, "og:title").startswith(title)
    assert len(meta(tree, "description")) > 20
    assert meta(tree, "og:description") == meta(tree, "description")
    canonical = tree.xpath('string(link[@rel="canonical"]/@href)')
    assert canonical == f"http://testserver{url}"
    assert meta(tree, "og:url") == canonical
    assert meta(tree, "og:locale") == locale
    hreflangs = tree.xpath('link[@rel="alternate"][@hreflang]/@hreflang')
    assert hreflangs == ["en", "fr", "x-default"]


def test_news_item_is_an_opengraph_article_with_its_summary(client, seeded):
    tree = head(client, "/en/news/ilo-welcomes-manila-call-to-action/")
    assert meta(tree, "og:type") == "article"
    assert meta(tree, "description").startswith("Governments from 38 countries")
    assert meta(head(client, "/en/"), "og:type") == "website"


def json_ld(client, url):
    tree = lxml_html.fromstring(client.get(url).content)
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


@pytest.mark.parametrize(
    "url, name, city, ilo",
    [
        ("/en/", "International Migration Branch", "Geneva", "International Labour Organization"),
        (
            "/en/contact/",
            "International Migration Branch",
            "Geneva",
            "International Labour Organization",
        ),
        (
            "/fr/",
            "Service des migrations internationales",
            "Genève",
            "Organisation internationale du Travail",
        ),
        (
            "/fr/contact/",
            "Service des migrations internationales",
            "Genève",
            "Organisation internationale du Travail",
        ),
    ],
)
def test_home_and_contact_describe_the_branch_as_an_ilo_organization(
    client, seeded, url, name, city, ilo
):
    [data] = json_ld(client, url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == name
    assert data["parentOrganization"]["name"] == ilo
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4, route des Morillons" if city == "Genève" else "4 Route des Morillons",
        "postalCode": "1211",
        "addressLocality": city,
        "addressCountry": "CH",
    }
    assert data["contactPoint"]["@type"] == "ContactPoint"
    assert data["contactPoint"]["telephone"] == "+41 22 799 6667"


def test_news_item_is_described_as_a_news_article(client, seeded):
    [data] = json_ld(client, "/fr/actualites/labour-migration-academy-2011/")
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Académie sur les migrations de main-d’œuvre")
    assert data["datePublished"].startswith("2011-04-18")
    assert data["dateModified"]
    assert data["inLanguage"] == "fr"
    assert data["url"] == "http://testserver/fr/actualites/labour-migration-academy-2011/"
    assert data["publisher"]["name"] == "Service des migrations internationales"
    assert json_ld(client, "/en/news/") == []


def test_json_ld_cannot_be_broken_out_of(client, seeded):
    from news.models import NewsItem

    item = NewsItem.objects.get(slug="labour-migration-academy-2011")
    item.title_en = "</script><script>alert(1)</script>"
    item.save()
    response = client.get(item.get_absolute_url())
    assert b"<script>alert(1)" not in response.content
    [data] = json_ld(client, item.get_absolute_url())
    assert data["headline"] == "</script><script>alert(1)</script>"
