import json
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from django.utils.translation import override

from .conftest import PAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    """axe-core's WCAG 2.0–2.2 A/AA violations on the page, as a readable report ('' if none)."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.generate_report() if results.violations_count else ""


def nu_errors(vnu, documents, tmp_path):
    """Run the Nu HTML Checker once over all documents; returns its error messages."""
    files = []
    for name, html in documents.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(html)
        files.append(str(file))
    run = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *files], capture_output=True, text=True
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}"
        for m in messages
    ]


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_wcag_violations(site, page, url):
    response = page.goto(site + url)
    assert response.status == (404 if "404" in url or "no-such" in url or "pas-de" in url else 200)
    report = axe_violations(page)
    assert not report, f"axe-core found violations on {url}:\n{report}"


def server_error_page(language):
    """The 500 page as Django renders it: an empty context, no request."""
    with override(language):
        return render_to_string("500.html")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_server_error_page_has_no_wcag_violations(site, page, language):
    page.goto(f"{site}/{language}/")  # so that its stylesheet loads from the live server
    page.set_content(server_error_page(language))
    assert page.locator("html").get_attribute("lang") == language
    report = axe_violations(page)
    assert not report, f"axe-core found violations on the {language} 500 page:\n{report}"


def test_every_page_is_valid_html(site, page, vnu, tmp_path):
    documents = {name: page.request.get(site + url).body() for name, url in PAGES.items()}
    for language in ["en", "fr"]:
        documents[f"500-{language}"] = server_error_page(language).encode()
    errors = nu_errors(vnu, documents, tmp_path)
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)


def test_language_switcher_round_trip(site, page):
    page.goto(site + "/en/news/")
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(site + "/fr/actualites/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Quoi de neuf"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(site + "/en/news/")
    assert page.locator("html").get_attribute("lang") == "en"


FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, href: el.getAttribute("href"), cls: el.className, text: el.innerText,
    visible: el.matches(":focus-visible"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


@pytest.mark.parametrize("url", ["/en/", "/fr/"])
def test_keyboard_reaches_every_link_with_a_visible_focus(site, page, url):
    page.goto(site + url)
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    focusable = page.locator("a[href], input, button, select, textarea").count()
    reached = []
    for _ in range(focusable + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY" or (reached and focused == reached[0]):
            break
        assert focused["visible"] and (focused["outline"] or focused["shadow"]), focused
        reached.append(focused)
    hrefs = [f["href"] for f in reached]
    assert "skip-link" in reached[0]["cls"]
    # The language switcher comes after the site name and before the main navigation.
    other, news = ("/fr/", "/en/news/") if url == "/en/" else ("/en/", "/fr/actualites/")
    assert 1 < hrefs.index(other) < hrefs.index(news)
    assert sorted(f["href"] for f in reached if f["tag"] == "A") == sorted(links)


def test_skip_link_moves_focus_to_main(site, page):
    page.goto(site + "/en/news/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Skip to main content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("device, width", [("desktop", 1280), ("phone", 375)])
def test_home_page_screenshot(site, browser, language, device, width, screenshots):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/{language}/")
    path = screenshots / f"home-{language}-{device}.png"
    page.screenshot(path=path, full_page=True)
    context.close()
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_layout_fits_320_pixels_without_javascript(site, browser, url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + url)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320, f"{url} scrolls sideways at 320 px ({width} px wide)"


def test_print_hides_navigation_and_shows_link_addresses(site, page):
    page.goto(site + PAGES["item-en"])
    page.emulate_media(media="print")
    for selector in [".site-nav", ".language-switcher", ".skip-link"]:
        assert not page.locator(selector).is_visible(), selector
    after = page.eval_on_selector("main a[href]", "a => getComputedStyle(a, '::after').content")
    assert "/en/news/" in after
