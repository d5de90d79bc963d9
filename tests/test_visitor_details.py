"""The branch's icons, and the feed links on the news pages (the browser checks the rest:
tests/browser/test_visitor_details.py)."""

import pytest
from django.contrib.staticfiles import finders
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db

NEWS_PAGES = ["/en/news/", "/fr/actualites/", "/en/news/2012/", "/fr/actualites/2012/"]


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/favicon.ico", ("image/x-icon", "image/vnd.microsoft.icon")),
        ("/apple-touch-icon.png", ("image/png",)),
    ],
)
def test_the_icons_browsers_ask_for_are_served(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] in content_type
    assert b"".join(response.streaming_content)


@pytest.mark.parametrize("path", ["/en/", "/fr/contact/", "/en/search/?q=x", "/en/nowhere/"])
def test_every_page_links_its_icons(client, seeded, path):
    head = lxml_html.fromstring(client.get(path).content).head
    links = [(link.get("rel"), link.get("href")) for link in head.iter("link")]
    assert ("icon", "/favicon.ico") in links
    assert ("icon", "/static/img/icon.svg") in links and finders.find("img/icon.svg")
    assert ("apple-touch-icon", "/apple-touch-icon.png") in links


@pytest.mark.parametrize("path", NEWS_PAGES)
def test_news_pages_link_their_feeds_visibly_in_the_page_language(client, seeded, path):
    tree = lxml_html.fromstring(client.get(path).content)
    links = tree.xpath('//main//p[@class="feed-links"]/a')
    language = path[1:3]
    names = ["RSS feed", "Atom feed"] if language == "en" else ["Flux RSS", "Flux Atom"]
    assert [a.text_content() for a in links] == names
    for link in links:
        assert link.get("href").startswith(f"/{language}/")
        assert client.get(link.get("href")).status_code == 200
