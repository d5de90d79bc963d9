"""What every visitor notices: icons, no console errors, a compact phone header, the footer
at the bottom of short pages, visible feed links."""

import pytest

from tests.pages import FOUND_PAGES

from .conftest import PAGES

pytestmark = pytest.mark.browser

# Every public page a visitor can reach, beyond PAGES: search results and a year archive.
ALL_PAGES = {**PAGES, **FOUND_PAGES, "search-empty-en": "/en/search/"}
PHONE = {"width": 375, "height": 800}


@pytest.mark.parametrize("url", ALL_PAGES.values(), ids=ALL_PAGES.keys())
def test_no_console_error_nor_failed_request_on_any_page(site, page, url):
    problems = []

    def console(message):
        # A 404 page's own status is reported too: that one is the point of the page.
        if message.type == "error" and message.location.get("url") != site + url:
            problems.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", console)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))

    def check(response):
        if response.status >= 400 and response.url != site + url:
            problems.append(f"{response.status}: {response.url}")

    page.on("response", check)
    page.goto(site + url, wait_until="networkidle")
    assert page.evaluate("document.querySelector('link[rel=icon]') !== null")
    # Chromium asks for the icon by itself, after the page: make sure that request is over.
    for icon in ("/favicon.ico", "/apple-touch-icon.png", "/static/img/icon.svg"):
        assert page.request.get(site + icon).status == 200, icon
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("url", ["/en/", "/fr/", "/en/news/", "/fr/actualites/"])
def test_phone_header_is_at_most_220_pixels_and_laid_out_alike_in_both_languages(
    site, browser, url
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + url)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 220, f"{url}: header {header['height']} px high at 375 px"
    layout = page.evaluate(
        """() => [".brand", ".language-switcher", ".site-search", ".site-nav"].map(
            (s) => { const b = document.querySelector(s).getBoundingClientRect();
                     return [s, Math.round(b.top), Math.round(b.height)]; })"""
    )
    context.close()
    # Each block starts where the English page's does: the French is no taller anywhere.
    english = url.replace("/fr/actualites/", "/en/news/").replace("/fr/", "/en/")
    context = browser.new_context(viewport=PHONE)
    other = context.new_page()
    other.goto(site + english)
    reference = other.evaluate(
        """() => [".brand", ".language-switcher", ".site-search", ".site-nav"].map(
            (s) => { const b = document.querySelector(s).getBoundingClientRect();
                     return [s, Math.round(b.top), Math.round(b.height)]; })"""
    )
    context.close()
    assert layout == reference


@pytest.mark.parametrize("url", ["/en/search/?q=zzzz", "/fr/pas-de-page/"])
def test_footer_sits_at_the_bottom_of_a_short_page(site, page, url):
    page.goto(site + url)
    viewport = page.viewport_size["height"]
    assert page.evaluate("document.documentElement.scrollHeight") == viewport  # a short page
    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(viewport, abs=0.5)


@pytest.mark.parametrize(
    "url, names",
    [
        ("/en/news/", ["RSS feed", "Atom feed"]),
        ("/fr/actualites/", ["Flux RSS", "Flux Atom"]),
        (PAGES["item-en"], ["RSS feed", "Atom feed"]),
        ("/fr/actualites/2012/", ["Flux RSS", "Flux Atom"]),
    ],
)
def test_news_pages_show_links_to_the_feeds(site, page, url, names):
    page.goto(site + url)
    language = url[1:3]
    for name, path in zip(names, ("feed", "atom"), strict=True):
        link = page.get_by_role("link", name=name)
        assert link.is_visible()
        href = link.get_attribute("href")
        assert href.startswith(f"/{language}/") and href.endswith(f"/{path}/")
        assert page.request.get(site + href).status == 200
