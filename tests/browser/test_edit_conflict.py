"""Two people, two browsers, one news item: the later save is refused and nobody's work is lost."""

import pytest

from news.models import NewsItem
from tests.pages import ITEM
from tests.people import staff_member

from .conftest import log_in

pytestmark = pytest.mark.browser


def signed_in(browser, site, group, language="en"):
    name = group.lower()
    staff_member(name, group)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = context.new_page()
    log_in(page, site, name)
    return page


def test_a_save_from_a_form_opened_before_anothers_save_is_refused_and_merged(browser, site):
    item = NewsItem.objects.get(slug=ITEM)
    url = f"{site}/admin/news/newsitem/{item.pk}/change/"
    editor = signed_in(browser, site, "Editors")
    translator = signed_in(browser, site, "Translators")
    editor.goto(url)
    translator.goto(url)

    translator.fill("#id_title_fr", "Bahreïn : le décret 79 abolit la kafala")
    translator.click("input[name=_save]")
    translator.wait_for_url(f"{site}/admin/news/newsitem/")

    editor.fill("#id_title_en", "Bahrain: Decree 79 ends the sponsor system")
    editor.click("input[name=_save]")
    editor.wait_for_load_state()
    assert editor.url == url  # not saved: the form is shown again
    error = editor.locator(".errorlist.nonfield").inner_text()
    assert "Not saved: translators changed this record on" in error
    conflict = editor.get_by_role("region", name="What changed since you opened this form")
    assert "Title [fr]" in conflict.inner_text()
    # The editor's English is kept; the French they had not touched is the translator's.
    assert editor.input_value("#id_title_en") == "Bahrain: Decree 79 ends the sponsor system"
    assert editor.input_value("#id_title_fr") == "Bahreïn\u00a0: le décret 79 abolit la kafala"
    item.refresh_from_db()
    assert item.title_en == "Bahrain: Decree 79 aims at ending sponsor system"
    assert item.title_fr == "Bahreïn\u00a0: le décret 79 abolit la kafala"

    editor.click("input[name=_save]")
    editor.wait_for_url(f"{site}/admin/news/newsitem/")
    item.refresh_from_db()
    assert item.title_en == "Bahrain: Decree 79 ends the sponsor system"
    assert item.title_fr == "Bahreïn\u00a0: le décret 79 abolit la kafala"
    editor.context.close()
    translator.context.close()
