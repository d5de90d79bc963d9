"""Interface strings translated on the web: the site's catalogue only, no markup, no URL
segment, live on every process without a restart, and written back to the .po file."""

import difflib
import shutil

import polib
import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import ngettext

from migrant_site.content_version import VERSION_KEY, bump_content_version
from migrant_site.translation import interface_strings
from migrant_site.translation.models import InterfaceString

pytestmark = pytest.mark.django_db

LIST = "/admin/migrant_site/interfacestring/"
ATTACK = '<meta http-equiv="refresh" content="0;url=https://attacker.example/">'


@pytest.fixture(autouse=True)
def compiled_catalogue_only():
    """No test leaves translations saved on the web in this process's catalogues."""
    interface_strings.forget_translations()
    yield
    interface_strings.forget_translations()


def row(english):
    return InterfaceString.objects.get(english=english)


def change_url(english):
    return f"{LIST}{row(english).pk}/change/"


def test_translator_sees_the_sites_french_catalogue_and_nothing_else(client, translator):
    client.force_login(translator)
    html = client.get(f"{LIST}?q=main+content").content.decode()
    catalogue = [e for e in polib.pofile(str(interface_strings.catalogue_path("fr")))]
    assert InterfaceString.objects.count() == len(catalogue)
    assert set(InterfaceString.objects.values_list("language", flat=True)) == {"fr"}
    assert "Aller au contenu principal" in html
    # Django's own messages and other apps' catalogues are not there, nor any server path.
    assert not InterfaceString.objects.filter(english="This field is required.").exists()
    assert str(settings.BASE_DIR) not in html and "LC_MESSAGES" not in html
    assert "Interface strings: the MIGRANT site’s catalogue" in html
    assert client.get("/rosetta/").status_code == 404


def test_editors_cannot_open_the_interface_strings(client, editor):
    client.force_login(editor)
    assert client.get(LIST).status_code == 403
    assert "Interface strings" not in client.get("/admin/").content.decode()


def test_translation_with_markup_the_english_lacks_is_refused(client, translator):
    client.force_login(translator)
    response = client.post(
        change_url("Skip to main content"), {"translation": f"Aller au contenu{ATTACK}"}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "must have the same markup as the English" in response.content.decode()
    assert row("Skip to main content").translation == ""
    assert "http-equiv" not in client.get("/fr/").content.decode()


@pytest.mark.parametrize(
    "translation",
    [
        "Aller <b>au</b> contenu",
        "Aller au contenu <",
        'Aller au "contenu"',
        "Aller&nbsp;au contenu",
    ],
)
def test_any_markup_character_is_refused(translation):
    assert interface_strings.problems("Skip to main content", translation)


def test_markup_and_placeholders_of_the_english_may_move():
    english = 'Read <a href="/x">%(count)s items</a> now'
    assert not interface_strings.problems(english, 'Lisez maintenant <a href="/x">%(count)s</a>')
    assert interface_strings.problems(english, 'Lisez <a href="/y">%(count)s</a>')
    assert interface_strings.problems(english, 'Lisez <a href="/x">%(total)s</a>')


def test_url_segments_are_locked_with_a_warning(client, translator):
    client.force_login(translator)
    html = client.get(change_url("news/")).content.decode()
    assert "changing it would break every link" in html
    assert 'name="translation"' not in html
    response = client.post(change_url("news/"), {"translation": "nouvelles/"})
    assert response.status_code == 403
    # Even written to the database by other means, it never reaches the URLs.
    InterfaceString.objects.filter(english="news/").update(translation="nouvelles/")
    interface_strings.forget_translations()
    assert client.get("/fr/actualites/").status_code == 200


def test_saved_translation_shows_at_once_even_on_cached_pages(
    client, translator, page_cache, django_capture_on_commit_callbacks
):
    visitor = client.__class__()
    assert "Aller au contenu principal" in visitor.get("/fr/").content.decode()  # now cached
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url("Skip to main content"), {"translation": "Passer au contenu : go"}
        )
    assert response.status_code == 302
    saved = row("Skip to main content")
    assert saved.translation == "Passer au contenu\u00a0: go"  # French typography
    assert saved.changed_by == translator
    html = visitor.get("/fr/").content.decode()
    assert "Passer au contenu\u00a0: go" in html and "Aller au contenu principal" not in html
    assert "Skip to main content" in visitor.get("/en/").content.decode()


def test_another_process_sees_the_change_within_a_second(client):
    """This process read the content version less than a second ago; another saves a string
    (the row and the shared version: its own memory of the version is not ours)."""
    bump_content_version()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert "Aller au contenu principal" in client.get("/fr/").content.decode()
        InterfaceString.objects.filter(english="Skip to main content").update(
            translation="Sauter au contenu"
        )
        cache.incr(VERSION_KEY)
        assert "Aller au contenu principal" in client.get("/fr/").content.decode()
        clock.shift(1.1)
        assert "Sauter au contenu" in client.get("/fr/").content.decode()


def test_plural_messages_are_translated_in_both_forms():
    message = row("%(counter)s record needs French.")
    message.translation = "%(counter)s fiche attend sa traduction."
    message.translation_plural = "%(counter)s fiches attendent leur traduction."
    message.full_clean()
    message.save()
    interface_strings.refresh_translations()
    with translation.override("fr"):
        assert ngettext(message.english, message.english_plural, 3) == message.translation_plural
        assert ngettext(message.english, message.english_plural, 1) == message.translation
    message.translation_plural = ""
    with pytest.raises(ValidationError):
        message.full_clean()


def test_plural_message_form_asks_for_both_forms(client, translator):
    message = InterfaceString.objects.exclude(english_plural="").first()
    client.force_login(translator)
    url = f"{LIST}{message.pk}/change/"
    assert 'name="translation_plural"' in client.get(url).content.decode()
    response = client.post(url, {"translation": message.in_catalogue, "translation_plural": ""})
    assert "Give both forms, or neither." in response.content.decode()


def test_the_list_is_in_french_for_a_french_speaking_translator(client, translator):
    client.force_login(translator)
    html = client.get(LIST, headers={"accept-language": "fr"}).content.decode()
    assert "Textes de l’interface\u00a0: le catalogue du site MIGRANT" in html


@pytest.fixture
def catalogue_copy(tmp_path, settings):
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_write_back_changes_only_the_entries_that_changed(catalogue_copy):
    before = catalogue_copy.read_text(encoding="utf-8").splitlines()
    long = "Passer directement au contenu principal de la page, sans lire la navigation " * 2
    for english, new in [
        ("Skip to main content", long.strip()),
        ("Search", "Chercher"),  # two messages: with and without a context
    ]:
        InterfaceString.objects.filter(english=english, context="").update(translation=new)
    call_command("write_interface_strings", stdout=open("/dev/null", "w"))
    after = catalogue_copy.read_text(encoding="utf-8").splitlines()

    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:]
    removed = [line[1:] for line in diff if line.startswith("-")]
    added = [line[1:] for line in diff if line.startswith("+")]
    assert removed == ['msgstr "Aller au contenu principal"', 'msgstr "Rechercher"']
    assert added[0] == 'msgstr ""' and added[-1] == 'msgstr "Chercher"'
    assert len(added) == 4 and all(len(line) <= 79 for line in added)  # wrapped as makemessages
    catalogue = polib.pofile(str(catalogue_copy))
    assert catalogue.find("Skip to main content").msgstr == long.strip()
    assert catalogue.find("Search", msgctxt="page heading").msgstr == "Recherche"

    # Written back and deployed: the file has them, the database no longer needs them.
    call_command("migrate", verbosity=0)
    assert row("Skip to main content").translation == ""
    assert row("Skip to main content").in_catalogue == long.strip()
