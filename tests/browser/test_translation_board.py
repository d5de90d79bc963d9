"""A translator works through the board in a real browser: the diff, the paired form, Save and next."""

import pytest

from branch.models import BranchProfile
from migrant_site.translation.status import UP_TO_DATE, field_statuses
from news.models import NewsItem
from tests.people import staff_member

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def translator(site):
    return staff_member("camille", "Translators")


@pytest.fixture
def outdated_profile(site):
    """The quote's author changed in English in the save that changed the French footer."""
    profile = BranchProfile.objects.get()
    profile.quote_author_en = "Gilbert F. Houngbo, ILO Director-General"
    profile.copyright_notice_fr = "Copyright © Organisation internationale du Travail"
    profile.save()
    return profile


def open_board(page, site, language="en"):
    page.set_extra_http_headers({"Accept-Language": language})
    log_in(page, site, "camille", then="/admin/translation-status/")


def test_translator_follows_the_board_to_the_form_and_on_to_the_next_record(
    site, page, translator, outdated_profile, screenshots
):
    draft = NewsItem.objects.create(title_en="Draft only", slug="draft-only", summary_en="Soon.")
    open_board(page, site)
    page.screenshot(path=screenshots / "translation-board.png", full_page=True)

    rows = page.locator("tr.board-row")
    assert rows.count() == 2
    first = rows.nth(0)
    assert "International Migration Branch" in first.inner_text()
    assert first.locator("del").first.inner_text() == "Mr. Guy Ryder,"
    assert first.locator("ins").first.inner_text() == "Gilbert F. Houngbo,"
    assert "Draft" in rows.nth(1).inner_text()

    first.locator("th a").click()
    page.wait_for_url(f"**/admin/branch/branchprofile/{outdated_profile.pk}/change/")
    pair = page.locator("#pair-quote_author")
    english = pair.locator(".english-text")
    french = pair.locator("textarea, input").first
    # The English sits beside its French, on the same row, left of it.
    english_box, french_box = english.bounding_box(), french.bounding_box()
    assert english_box["x"] + english_box["width"] <= french_box["x"]
    assert abs(english_box["y"] - french_box["y"]) < 80
    assert english.inner_text() == "Gilbert F. Houngbo, ILO Director-General"
    assert pair.locator(".state-outdated").is_visible()
    # Rich text shown rendered, as a paragraph, not as markup.
    assert page.locator("#pair-mandate .english-text p").first.is_visible()
    page.screenshot(path=screenshots / "translator-form.png", full_page=True)

    french.fill("M. Gilbert F. Houngbo, Directeur général du BIT")
    page.click("input[name=_savenext]")
    page.wait_for_url(f"**/admin/news/newsitem/{draft.pk}/change/")
    assert "was saved" in page.locator(".messagelist").inner_text()

    outdated_profile.refresh_from_db()
    assert outdated_profile.quote_author_fr == "M. Gilbert F. Houngbo, Directeur général du BIT"
    assert {s.state for s in field_statuses(outdated_profile)} == {UP_TO_DATE}


def test_the_board_and_form_in_french_for_a_french_speaking_translator(
    site, page, translator, outdated_profile, screenshots
):
    open_board(page, site, language="fr")
    assert page.locator("h1").inner_text() == "Statut des traductions"
    page.select_option("#board-need", "outdated")
    page.click("#translation-board-filters button")
    assert page.locator("tr.board-row").count() == 1
    page.locator("tr.board-row th a").click()
    assert page.locator("input[name=_savenext]").get_attribute("value") == (
        "Enregistrer et passer au suivant"
    )
    page.screenshot(path=screenshots / "translator-form-fr.png", full_page=True)
