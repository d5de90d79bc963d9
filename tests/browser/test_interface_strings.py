"""A translator changes an interface string in the admin and sees it on the French pages."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_translator_changes_an_interface_string_and_the_french_page_shows_it(
    site, translator_page, screenshots
):
    page = translator_page
    page.click("text=Interface strings (French)")
    page.fill("#searchbar", "main content")
    page.press("#searchbar", "Enter")
    page.screenshot(path=screenshots / "interface-strings-list.png", full_page=True)
    page.click("#result_list >> text=Skip to main content")

    page.fill("#id_translation", 'Aller au contenu<meta http-equiv="refresh" content="0">')
    page.click("input[name=_save]")
    expect(page.locator(".errorlist")).to_contain_text("same markup as the English")
    page.screenshot(path=screenshots / "interface-string-markup-refused.png", full_page=True)

    page.fill("#id_translation", "Passer au contenu")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(f"{site}/fr/")
    expect(page.locator("a[href='#main-content']")).to_have_text("Passer au contenu")


def test_url_segments_are_shown_locked(site, translator_page, screenshots):
    page = translator_page
    page.goto(f"{site}/admin/migrant_site/interfacestring/?q=news%2F")
    page.click("#result_list >> text=news/")
    page.screenshot(path=screenshots / "interface-string-url-locked.png", full_page=True)
    expect(page.locator(".messagelist")).to_contain_text("changing it would break every link")
    assert page.locator("#id_translation").count() == 0
