"""XLIFF 2.0 round trip with translation tools: export, preview, import all or nothing."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from migrant_site.translation import xliff
from migrant_site.translation.status import record_status
from news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(seeded):
    return NewsItem.objects.create(
        title_en="Fair recruitment initiative",
        slug="fair-recruitment",
        summary_en="A new initiative.",
        status=NewsItem.Status.PUBLISHED,
    )


def translated(data, targets):
    """The file as a translation tool gives it back: `targets` by field name."""
    document = Xliff2File.parsestring(data)
    for unit in document.getunits():
        name = unit.getid().split(".")[3]
        if name in targets:
            unit.target = targets[name]
    return bytes(document)


def test_export_has_the_missing_fields_with_english_and_a_note(item):
    document = Xliff2File.parsestring(xliff.export_xliff())
    assert document.getsourcelanguage() == "en" and document.gettargetlanguage() == "fr"
    units = {unit.getid().split(".", 4)[3]: unit for unit in document.getunits()}
    title = units["title"]
    assert title.getid().startswith(f"news.newsitem.{item.pk}.title.")
    assert title.source == "Fair recruitment initiative" and not title.target
    assert "Missing" in xliff.unit_notes(title)
    # Notes on the unit, before its segment, as the XLIFF 2.0 schema has them.
    assert [etree.QName(child).localname for child in title.getunitelement()] == [
        "notes",
        "segment",
    ]


def test_outdated_field_says_what_the_english_was(item):
    item.title_fr = "Initiative pour un recrutement équitable"
    item.save()
    item.title_en = "Fair recruitment initiative launched"
    item.save()
    units = Xliff2File.parsestring(xliff.export_xliff([item])).getunits()
    title = next(u for u in units if ".title." in u.getid())
    assert title.target == "Initiative pour un recrutement équitable"
    assert "Fair recruitment initiative\n" not in xliff.unit_notes(title)
    assert "The English was" in xliff.unit_notes(title) and "Fair recruitment initiative" in (
        xliff.unit_notes(title)
    )


def test_import_saves_the_french_and_marks_it_up_to_date(item):
    data = translated(xliff.export_xliff(), {"title": "Initiative de recrutement équitable"})
    changes = xliff.plan_import(data)
    assert [(c.name, c.before, c.after) for c in changes] == [
        ("title", "", "Initiative de recrutement équitable")
    ]
    xliff.apply_import(changes)
    item.refresh_from_db()
    assert item.title_fr == "Initiative de recrutement équitable"
    assert [f.name for f in record_status(item).needing_work] == ["summary"]


def refused(data):
    with pytest.raises(xliff.ImportRefused) as excinfo:
        xliff.plan_import(data)
    return " ".join(excinfo.value.problems)


def test_import_refuses_the_whole_file_on_any_bad_unit(item):
    data = translated(
        xliff.export_xliff(),
        {"title": "Titre", "summary": 'Résumé<meta http-equiv="refresh" content="0">'},
    )
    assert "other markup" in refused(data)
    item.refresh_from_db()
    assert not item.title_fr  # the good unit was not applied either


def test_import_refuses_units_changed_since_the_export(item):
    data = translated(xliff.export_xliff(), {"title": "Titre"})
    item.title_en = "Fair recruitment initiative, revised"
    item.save()
    assert "changed on the site since the export" in refused(data)


def test_import_refuses_unknown_units_and_malformed_files(item):
    data = translated(xliff.export_xliff(), {"title": "Titre"})
    assert "Unknown unit" in refused(data.replace(f".{item.pk}.title.".encode(), b".999.title."))
    assert "Unknown unit" in refused(data.replace(b".title.", b".slug."))
    assert "not XLIFF 2.0" in refused(b"<xliff><unit")
    assert "not XLIFF 2.0" in refused(data.replace(b"document:2.0", b"document:1.2"))


def test_translator_previews_then_applies_an_import_in_the_admin(client, translator, item):
    client.force_login(translator)
    exported = client.get("/admin/translation-status/xliff/")
    assert exported["Content-Disposition"].startswith("attachment")
    data = translated(exported.content, {"title": "Initiative de recrutement équitable"})
    upload = {"file": ("fr.xlf", data)}
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(
        "/admin/translation-status/xliff/import/",
        {"file": SimpleUploadedFile(*upload["file"])},
    ).content.decode()
    assert "This file changes 1 French field." in preview
    item.refresh_from_db()
    assert not item.title_fr  # nothing saved before the confirmation
    response = client.post(
        "/admin/translation-status/xliff/import/", {"content": data.decode(), "apply": "1"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_fr == "Initiative de recrutement équitable"


def test_others_cannot_exchange_files(client, db):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get("/admin/translation-status/xliff/").status_code == 403
    assert client.get("/admin/translation-status/xliff/import/").status_code == 403


def test_commands_round_trip(item, tmp_path):
    path = tmp_path / "fr.xlf"
    call_command("export_xliff", str(path), stdout=open("/dev/null", "w"))
    path.write_bytes(translated(path.read_bytes(), {"title": "Titre", "summary": "Résumé"}))
    call_command("import_xliff", str(path), stdout=open("/dev/null", "w"))
    item.refresh_from_db()
    assert (item.title_fr, item.summary_fr) == ("Titre", "Résumé")
    with pytest.raises(CommandError, match="changed on the site since the export"):
        call_command("import_xliff", str(path), stdout=open("/dev/null", "w"))


def test_chosen_records_are_exported_from_the_list(client, translator, item):
    client.force_login(translator)
    response = client.post(
        "/admin/news/newsitem/",
        {"action": "export_for_translation", "_selected_action": [item.pk]},
    )
    ids = [unit.getid() for unit in Xliff2File.parsestring(response.content).getunits()]
    assert ids and all(uid.startswith(f"news.newsitem.{item.pk}.") for uid in ids)
