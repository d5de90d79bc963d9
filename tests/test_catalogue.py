"""The French interface catalogue is complete, clean and in step with the code."""

import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

PO_FILE = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
SOURCES = ["branch", "news", "contacts", "migrant_site", "templates"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def read_catalogue(path):
    with open(path, "rb") as f:
        return read_po(f, locale="fr")


def messages(catalogue):
    return [m for m in catalogue if m.id]


def msgid(message):
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_message_is_translated_and_not_fuzzy():
    catalogue = read_catalogue(PO_FILE)
    untranslated = [msgid(m) for m in messages(catalogue) if not m.string or not all(m.string)]
    fuzzy = [msgid(m) for m in messages(catalogue) if m.fuzzy]
    assert not untranslated, f"Untranslated: {untranslated}"
    assert not fuzzy, f"Fuzzy (check and remove the flag): {fuzzy}"
    assert not catalogue.fuzzy, "The catalogue header is marked fuzzy"


def test_no_obsolete_messages_are_left():
    obsolete = list(read_catalogue(PO_FILE).obsolete)
    assert not obsolete, f"Obsolete (#~) messages: {obsolete}"


def test_placeholders_are_kept_in_the_translation():
    broken = []
    for m in messages(read_catalogue(PO_FILE)):
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != expected:
                broken.append((ids[0], string))
    assert not broken, f"Placeholders differ: {broken}"


def test_catalogue_has_every_string_the_code_marks(tmp_path, settings):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext, msgmerge) is required in CI")
        pytest.skip("GNU gettext is not installed: cannot run makemessages")
    for name in SOURCES:
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name)
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        call_command("makemessages", locale=["fr"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    regenerated = read_catalogue(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    known = {msgid(m) for m in messages(read_catalogue(PO_FILE))}
    new = sorted({msgid(m) for m in messages(regenerated)} - known)
    gone = sorted(regenerated.obsolete)
    assert not new, f"Run makemessages and translate: {new}"
    assert not gone, f"In the catalogue but no longer in the code: {gone}"
