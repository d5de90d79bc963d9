"""Editors and translators in the admin, in a real browser: the rich-text editor and the pages
this site adds to the admin, with axe-core."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsItem
from tests.people import staff_member

from .conftest import log_in
from .test_pages import axe_violations

# Serialized rollback: the groups the migrations made are back for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def people(site):
    """An editor and a translator."""
    staff_member("editor", "Editors")
    staff_member("translator", "Translators")
    return site


def sign_in(browser, site, username, language="en"):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.policy_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.policy_violations.append(f"{message.text} {message.location}")
        ),
    )
    log_in(page, site, username)
    return page


def editor_for(page, field):
    page.locator(f".field-{field} .rich-text[data-ready=true]").wait_for()
    return page.locator(f".field-{field} .ProseMirror")


def button(page, field, name):
    return page.locator(f'.field-{field} .prose-menubar button[data-name="{name}"]')


def test_an_editor_formats_a_story_without_typing_a_tag(people, browser, screenshots):
    page = sign_in(browser, people, "editor")
    page.goto(f"{people}/admin/news/newsitem/add/")
    page.fill("#id_title_en", "Formatted by keyboard")
    page.fill("#id_title_fr", "Mis en forme au clavier")
    page.fill("#id_summary_en", "A summary.")
    page.fill("#id_summary_fr", "Un résumé.")
    page.select_option("#id_status", "published")

    # English: keyboard shortcuts only.
    editor_for(page, "body_en").click()
    keyboard = page.keyboard
    keyboard.press("Control+Alt+2")
    keyboard.type("Why it matters")
    keyboard.press("Enter")
    keyboard.type("Plain, then ")
    keyboard.press("Control+b")
    keyboard.type("bold")
    keyboard.press("Control+b")
    assert button(page, "body_en", "bold").get_attribute("aria-pressed") == "false"
    keyboard.type(" and ")
    keyboard.press("Control+i")
    keyboard.type("italic")
    keyboard.press("Control+i")
    keyboard.press("Enter")
    keyboard.press("Control+Shift+8")
    keyboard.type("first point")
    keyboard.press("Enter")
    keyboard.type("second point")
    keyboard.press("Enter")
    keyboard.press("Enter")  # out of the list
    keyboard.press("Control+Shift+b")
    keyboard.type("A quotation from the branch")
    # A link, last: Shift+Home selects the quotation's words, Ctrl+K asks for the address.
    keyboard.press("Shift+Home")
    page.wait_for_function("window.getSelection().toString() === 'A quotation from the branch'")
    keyboard.press("Control+k")
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.name") == "href"
    keyboard.type("https://www.ilo.org/migrant")
    keyboard.press("Enter")
    dialog.wait_for(state="detached")
    page.wait_for_function("document.querySelector('#id_body_en').value.includes('href=')")

    # French: the toolbar, reached and pressed with the keyboard.
    editor_for(page, "body_fr").click()
    keyboard.type("Pourquoi")
    button(page, "body_fr", "heading2").focus()
    keyboard.press("Enter")
    editor_for(page, "body_fr").press("End")
    keyboard.press("Enter")
    button(page, "body_fr", "orderedList").focus()
    keyboard.press("Enter")
    keyboard.type("premier point ")
    button(page, "body_fr", "bold").focus()
    keyboard.press("Space")
    keyboard.type("en gras")
    assert button(page, "body_fr", "bold").get_attribute("aria-pressed") == "true"
    page.screenshot(path=screenshots / "admin-news-form-en-desktop.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_url(f"{people}/admin/news/newsitem/")
    assert page.policy_violations == []

    item = NewsItem.objects.get(title_en="Formatted by keyboard")
    page.goto(f"{people}{item.get_absolute_url()}")
    body = page.locator(".news-item .body")
    assert body.locator("h2").inner_text() == "Why it matters"
    assert body.locator("strong").inner_text() == "bold"
    assert body.locator("em").inner_text() == "italic"
    link = body.locator("a")
    assert link.get_attribute("href") == "https://www.ilo.org/migrant"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert body.locator("ul li").all_inner_texts() == ["first point", "second point"]
    assert body.locator("blockquote").inner_text() == "A quotation from the branch"
    assert body.locator("blockquote a").inner_text() == "A quotation from the branch"

    page.goto(f"{people}/fr/actualites/{item.slug}/")
    body = page.locator(".news-item .body")
    assert body.locator("h2").inner_text() == "Pourquoi"
    assert body.locator("ol li").inner_text() == "premier point en gras"
    assert body.locator("ol li strong").inner_text() == "en gras"


def test_a_paste_keeps_what_is_allowed_and_says_what_it_dropped(people, browser):
    page = sign_in(browser, people, "editor")
    page.goto(f"{people}/admin/news/newsitem/add/")
    editor = editor_for(page, "body_en")
    editor.click()
    page.evaluate(
        """html => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "pasted")
            const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                       cancelable: true})
            document.querySelector(".field-body_en .ProseMirror").dispatchEvent(event)
        }""",
        '<meta charset="utf-8"><p style="color:red"><b>Kept bold</b> and '
        '<span style="font-size:20pt">plain</span></p><ul><li>item</li></ul>'
        '<table><tr><td>cell</td></tr></table><img src="https://example.org/x.png" alt="x">',
    )
    notice = page.locator(".field-body_en .rich-text-notice")
    assert notice.inner_text() == "Not kept from the pasted text: tables, images."
    value = page.locator("#id_body_en").input_value()
    assert "<strong>Kept bold</strong>" in value and "<ul><li><p>item</p></li></ul>" in value
    assert "style" not in value and "<img" not in value and "<table" not in value


def test_the_french_admin_names_the_editor_in_french(people, browser):
    page = sign_in(browser, people, "editor", "fr")
    page.goto(f"{people}/admin/news/newsitem/add/")
    editor_for(page, "body_en").click()
    assert button(page, "body_en", "bold").get_attribute("aria-label") == "Gras"
    assert page.locator(".field-body_en [role=toolbar]").get_attribute("aria-label") == (
        "Mise en forme"
    )
    page.keyboard.type("Texte")
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+k")
    assert page.locator("dialog h3").inner_text() == "Modifier le lien"


@pytest.mark.parametrize(
    "username, url",
    [
        ("editor", "/admin/"),
        ("editor", "/admin/news/newsitem/"),
        ("editor", "/admin/news/newsitem/add/"),
        ("editor", "/admin/branch/branchprofile/1/change/"),
        ("editor", "/admin/news/newsitem/{item}/history/"),
        ("translator", "/admin/"),
        ("translator", "/admin/news/newsitem/{item}/change/"),
    ],
)
def test_admin_pages_have_no_wcag_violations(people, browser, username, url):
    item = NewsItem.objects.first()
    page = sign_in(browser, people, username)
    page.goto(people + url.format(item=item.pk))
    page.wait_for_load_state("networkidle")
    assert page.policy_violations == []  # before axe-core, which sets styles of its own
    report = axe_violations(page)
    assert not report, f"axe-core found violations on {url} for {username}:\n{report}"


def test_news_list_reads_at_1280_pixels(people, browser):
    NewsItem.objects.create(
        title_en="Labour Migration Academy: Enhancing Protection, Promoting Development "
        "and Facilitating Governance in a long headline",
        slug="long",
        summary_en="S",
    )
    page = sign_in(browser, people, "editor")
    page.goto(f"{people}/admin/news/newsitem/")
    clipped = page.evaluate(
        """() => [...document.querySelectorAll("#result_list thead th")]
            .filter(th => th.scrollWidth > th.clientWidth + 1
                          || th.getBoundingClientRect().right >
                             document.querySelector(".results").getBoundingClientRect().right + 1)
            .map(th => th.textContent.trim())"""
    )
    assert clipped == []
    # A 130-character headline takes at most five lines (a 100-character one took eight).
    title = page.locator(".field-title a", has_text="in a long headline")
    line_height = float(title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert title.bounding_box()["height"] <= 5 * line_height + 1


def test_admin_home_screenshot(people, browser, screenshots):
    NewsItem.objects.create(
        title_en="Global Migration Forum opens in Geneva",
        slug="forum",
        summary_en="S",
        status=NewsItem.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=5, minutes=20),
    )
    page = sign_in(browser, people, "translator")
    page.screenshot(path=screenshots / "admin-home-en-desktop.png", full_page=True)
    assert page.locator("#your-work").is_visible()
    assert page.locator("#your-work a[href='/admin/translation-status/']").is_visible()
