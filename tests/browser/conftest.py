"""A real Chromium (Debian's, not a downloaded one) driven by Playwright against a live server."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from migrant_site.translation import interface_strings
from tests import pages
from tests.people import password, staff_member
from tests.services import missing

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VNU_JAR = Path(__file__).resolve().parents[2] / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every public page, in both languages, and the page for an address that names none.
PAGES = {
    **pages.PAGES,
    "404-en": "/en/no-such-page/",
    "404-fr": "/fr/pas-de-page/",
}


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM is still used
    # synchronously by the fixtures.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The seeded site, served for the browser; returns its base URL."""
    call_command("load_seed_content", stdout=open(os.devnull, "w"))
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def vnu():
    """The command that runs the Nu HTML Checker."""
    java = shutil.which("java")
    if not java:
        missing("no java to run the Nu HTML Checker (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"no Nu HTML Checker at {VNU_JAR} (make install fetches it with npm)")
    return [java, "-jar", str(VNU_JAR)]


def log_in(page, site, username, then="/admin/"):
    """Sign `page` in through the admin's form as one of tests/people.py's accounts; it lands
    on `then`."""
    page.goto(f"{site}/admin/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", password(username))
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}{then}")


@pytest.fixture
def translator_page(site, page):
    """A browser signed in as a member of Translators."""
    interface_strings.forget_translations()
    staff_member("translator", "Translators")
    log_in(page, site, "translator")
    yield page
    interface_strings.forget_translations()


@pytest.fixture
def screenshots(tmp_path):
    """Where a test saves the screenshots of what it checked: $SCREENSHOTS, or a temporary folder."""
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
