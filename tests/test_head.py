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
