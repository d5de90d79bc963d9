"""An editor edits a live item as a pending draft, in a real browser, while a visitor reads it."""

import pytest

from news.models import NewsItem
from tests.pages import ITEM

from .conftest import log_in
from .test_pages import axe_violations, nu_errors

pytestmark = pytest.mark.browser


def heading(page):
    return page.locator("main h1").inner_text()


def test_an_editor_drafts_previews_and_publishes_changes_to_a_live_item(
    site, browser, page, editor, screenshots
):
    item = NewsItem.objects.get(slug=ITEM)
    old_title = item.title_en
    visitor = browser.new_context().new_page()
    public = f"{site}/en/news/{ITEM}/"
    log_in(page, site, "editor")
    page.goto(f"{site}/admin/news/newsitem/{item.pk}/change/")
    page.screenshot(path=screenshots / "news-change-form-live.png", full_page=True)

    page.fill("#id_title_en", "Bahrain ends the sponsor system (corrected)")
    page.get_by_role("button", name="Save as draft, not published").click()
    page.wait_for_selector("text=Saved as a draft: the public page has not changed.")
    assert page.locator(".news-pending-notice").is_visible()
    page.screenshot(path=screenshots / "news-change-form-pending.png", full_page=True)

    # The visitor still reads the published title.
    visitor.goto(public)
    assert heading(visitor).startswith(old_title)

    # The saved draft, in the preview.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview in English").click()
    preview = popup.value
    preview.wait_for_load_state()
    assert heading(preview).startswith("Bahrain ends the sponsor system (corrected)")
    preview.close()

    # Unsaved edits, in the preview of the form as it stands: nothing saved.
    page.fill("#id_title_fr", "Bahreïn met fin au parrainage (corrigé)")
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Preview changes in French").click()
    unsaved = popup.value
    unsaved.wait_for_load_state()
    assert heading(unsaved).startswith("Bahreïn met fin au parrainage (corrigé)")
    assert "These changes are not saved yet." not in unsaved.content()  # shown in French
    assert "Ces modifications ne sont pas encore enregistrées." in unsaved.content()
    unsaved.close()
    assert NewsItem.objects.get(pk=item.pk).pending_changes.get("title_fr") is None

    page.get_by_role("button", name="Publish changes").click()
    page.wait_for_selector("text=are published")
    visitor.goto(public)
    assert heading(visitor).startswith("Bahrain ends the sponsor system (corrected)")
    visitor.goto(f"{site}/fr/actualites/{ITEM}/")
    assert heading(visitor).startswith("Bahreïn met fin au parrainage (corrigé)")
    assert NewsItem.objects.get(pk=item.pk).pending_changes == {}
    visitor.context.close()


def test_a_withdrawn_items_410_page_is_accessible_and_valid_in_both_languages(
    site, page, vnu, tmp_path
):
    NewsItem.objects.get(slug=ITEM).unpublish()
    documents = {}
    for language, url in [("en", f"/en/news/{ITEM}/"), ("fr", f"/fr/actualites/{ITEM}/")]:
        response = page.goto(site + url)
        assert response.status == 410
        report = axe_violations(page)
        assert not report, f"axe-core found violations on {url}:\n{report}"
        documents[f"410-{language}"] = response.body()
    errors = nu_errors(vnu, documents, tmp_path)
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)


def test_a_translator_translates_a_pending_draft_that_the_editor_then_publishes(
    site, browser, page, editor, translator, screenshots
):
    item = NewsItem.objects.get(slug=ITEM)
    old_french = item.summary_fr
    form = f"{site}/admin/news/newsitem/{item.pk}/change/"
    log_in(page, site, "editor")
    page.goto(form)
    page.fill("#id_summary_en", "A corrected English summary.")
    page.get_by_role("button", name="Save as draft, not published").click()
    page.wait_for_selector(".news-pending-notice")

    # The translator, in another browser, sees the draft's English and writes its French.
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(other, site, "translator")
    other.goto(form)
    assert "A corrected English summary." in other.locator("#pair-summary").inner_text()
    assert other.locator(".news-pending-notice").is_visible()
    other.fill("#id_summary_fr", "Un résumé anglais corrigé, traduit.")
    other.screenshot(path=screenshots / "news-translator-form-pending.png", full_page=True)
    other.get_by_role("button", name="Save draft changes").click()
    other.wait_for_selector("text=Saved as a draft")
    visitor = browser.new_context().new_page()
    visitor.goto(f"{site}/fr/actualites/{ITEM}/")
    assert old_french[:40] in visitor.locator("main").inner_text()

    # The editor reloads the form, sees the French in the draft, and publishes both.
    page.goto(form)
    assert page.input_value("#id_summary_fr") == "Un résumé anglais corrigé, traduit."
    page.get_by_role("button", name="Publish changes").click()
    page.wait_for_selector("text=are published")
    visitor.goto(f"{site}/fr/actualites/{ITEM}/")
    assert "Un résumé anglais corrigé, traduit." in visitor.locator("main").inner_text()
    other.context.close()
    visitor.context.close()
