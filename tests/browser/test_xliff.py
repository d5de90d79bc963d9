"""A translator's XLIFF round trip in the browser: export, translate, preview, save; a bad file
is refused whole."""

import pytest
from playwright.sync_api import expect
from translate.storage.xliff2 import Xliff2File

from news.models import NewsItem

pytestmark = pytest.mark.browser


def translate_file(path, targets):
    document = Xliff2File.parsestring(path.read_bytes())
    for unit in document.getunits():
        name = unit.getid().split(".")[3]
        if name in targets:
            unit.target = targets[name]
    path.write_bytes(bytes(document))


def test_translator_exports_translates_previews_and_saves(
    site, translator_page, screenshots, tmp_path
):
    page = translator_page
    item = NewsItem.objects.create(
        title_en="Fair recruitment initiative",
        slug="fair-recruitment",
        summary_en="A new initiative.",
        status=NewsItem.Status.PUBLISHED,
    )
    page.goto(f"{site}/admin/")
    page.click("text=Exchange with a translation tool (XLIFF)")
    with page.expect_download() as download:
        page.click("text=Export what needs translating (XLIFF 2.0)")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    bad = tmp_path / "bad.xlf"
    bad.write_bytes(path.read_bytes())
    translate_file(bad, {"title": "Titre", "summary": "<script>alert(1)</script>Résumé"})
    page.set_input_files("input[type=file]", str(bad))
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text("nothing was saved")
    page.screenshot(path=screenshots / "xliff-import-refused.png", full_page=True)

    translate_file(path, {"title": "Initiative de recrutement équitable", "summary": "Résumé."})
    page.set_input_files("input[type=file]", str(path))
    page.click("input[type=submit]")
    expect(page.locator("h2")).to_contain_text("This file changes 2 French fields.")
    page.screenshot(path=screenshots / "xliff-import-preview.png", full_page=True)
    item.refresh_from_db()
    assert not item.title_fr
    page.click("input[name=apply]")
    expect(page.locator(".messagelist")).to_contain_text("2 French fields saved.")
    item.refresh_from_db()
    assert (item.title_fr, item.summary_fr) == ("Initiative de recrutement équitable", "Résumé.")
