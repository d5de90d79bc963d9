"""A translator changes an interface string in the admin and sees it on the French pages."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User

from migrant_site import interface_strings

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS", "/tmp/h12b"))


@pytest.fixture
def translator_page(site, page):
    interface_strings.forget_translations()
    user = User.objects.create_user("translator", password="a-long-translator-password")
    user.is_staff = True
    user.save()
    # The migrations' groups do not survive the live server's flush: as they set it up.
    group, _ = Group.objects.get_or_create(name="Translators")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["view_interfacestring", "change_interfacestring"])
    )
    user.groups.add(group)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "translator")
    page.fill("#id_password", "a-long-translator-password")
    page.click("input[type=submit]")
    yield page
    interface_strings.forget_translations()


def test_translator_changes_an_interface_string_and_the_french_page_shows_it(site, translator_page):
    page = translator_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.click("text=Interface strings (French)")
    page.fill("#searchbar", "main content")
    page.press("#searchbar", "Enter")
    page.screenshot(path=SCREENSHOTS / "interface-strings-list.png", full_page=True)
    page.click("#result_list >> text=Skip to main content")

    page.fill("#id_translation", 'Aller au contenu<meta http-equiv="refresh" content="0">')
    page.click("input[name=_save]")
    assert page.locator(".errorlist").is_visible()
    page.screenshot(path=SCREENSHOTS / "interface-string-markup-refused.png", full_page=True)

    page.fill("#id_translation", "Passer au contenu")
    page.click("input[name=_save]")
    assert page.locator(".messagelist .success").is_visible()

    page.goto(f"{site}/fr/")
    assert page.locator(".skip-link, a[href='#main-content']").first.inner_text() == (
        "Passer au contenu"
    )


def test_url_segments_are_shown_locked(site, translator_page):
    page = translator_page
    page.goto(f"{site}/admin/migrant_site/interfacestring/?q=news%2F")
    page.click("#result_list >> text=news/")
    page.screenshot(path=SCREENSHOTS / "interface-string-url-locked.png", full_page=True)
    assert "changing it would break every link" in page.locator(".messagelist").inner_text()
    assert page.locator("#id_translation").count() == 0
