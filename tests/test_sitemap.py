from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from tests import pages

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


@pytest.fixture
def sitemap(client, seeded):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    SCHEMA.assertValid(tree)
    return tree


def locations(tree):
    return tree.xpath("s:url/s:loc/text()", namespaces=NS)


def test_sitemap_lists_every_public_page_in_both_languages(sitemap):
    locs = set(locations(sitemap))
    slug = "ilo-welcomes-manila-call-to-action"
    for path in [
        *pages.PAGES.values(),
        f"/en/news/{slug}/",
        f"/fr/actualites/{slug}/",
        "/en/news/2008/",
        "/fr/actualites/2012/",
    ]:
        assert HOST + path in locs, path
    # 3 pages + 4 items + 4 years, each in two languages
    assert len(locs) == len(locations(sitemap)) == 22


def test_each_url_has_its_alternates_and_a_lastmod(sitemap):
    url = sitemap.xpath(
        's:url[s:loc="http://testserver/fr/actualites/labour-migration-academy-2011/"]',
        namespaces=NS,
    )[0]
    alternates = {
        link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=NS)
    }
    assert alternates == {
        "en": f"{HOST}/en/news/labour-migration-academy-2011/",
        "fr": f"{HOST}/fr/actualites/labour-migration-academy-2011/",
        "x-default": f"{HOST}/en/news/labour-migration-academy-2011/",
    }
    assert url.findtext("s:lastmod", namespaces=NS) == timezone.localdate().isoformat()
    home = sitemap.xpath('s:url[s:loc="http://testserver/en/"]', namespaces=NS)[0]
    assert home.findtext("s:lastmod", namespaces=NS)


def test_drafts_and_future_items_are_not_in_the_sitemap(client, seeded, hidden_news):
    content = client.get("/sitemap.xml").content.decode()
    assert "secret-draft" not in content and "future-item" not in content
    assert f"/en/news/{timezone.now().year + 2}/" not in content


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()
