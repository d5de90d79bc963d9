"""The search page and the header search box, in the browser: run once search is built."""

import pytest
from django.urls import NoReverseMatch, reverse

from .test_pages import axe_violations, nu_errors


def search_page_exists():
    for name in ["search:search", "search"]:
        try:
            reverse(name)
            return True
        except NoReverseMatch:
            pass
    return False


if not search_page_exists():
    pytest.skip("search page not built yet", allow_module_level=True)

pytestmark = pytest.mark.browser

SEARCHES = {"search-en": "/en/search/?q=migrant", "search-fr": "/fr/recherche/?q=migrant"}


@pytest.mark.parametrize("url", SEARCHES.values(), ids=SEARCHES.keys())
def test_search_page_finds_news_and_has_no_wcag_violations(site, page, url):
    assert page.goto(site + url).status == 200
    assert page.locator("main a[href*='/news/'], main a[href*='/actualites/']").count() > 0
    report = axe_violations(page)
    assert not report, f"axe-core found violations on {url}:\n{report}"


def test_search_pages_are_valid_html(site, page, vnu, tmp_path):
    documents = {name: page.request.get(site + url).body() for name, url in SEARCHES.items()}
    errors = nu_errors(vnu, documents, tmp_path)
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)


@pytest.mark.parametrize(
    "language, results", [("en", "/en/search/?q=migrant"), ("fr", "/fr/recherche/?q=migrant")]
)
def test_header_search_box_works_from_the_keyboard_without_javascript(
    site, browser, language, results
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{language}/")
    box = page.get_by_role("searchbox")
    for _ in range(40):  # Tab until the search box has the focus
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the search box")
    assert box.evaluate("el => el.matches(':focus-visible')")
    page.keyboard.type("migrant")
    page.keyboard.press("Enter")
    page.wait_for_url(site + results)
    assert page.locator("html").get_attribute("lang") == language
    context.close()
