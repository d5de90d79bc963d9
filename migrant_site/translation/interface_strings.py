"""The site's interface strings, translated on the web: safe, live on every instance, durable.

The catalogue in the repository (locale/<language>/LC_MESSAGES/django.po) stays the reference.
Each of its messages has an InterfaceString row; a translation saved on the web is stored there,
in the database, so it survives a deploy, and every process lays the saved translations over its
compiled catalogue. A save bumps the content version (migrant_site.content_version): each process notices
within a second, reloads the translations and misses its cached pages. `manage.py
write_interface_strings` writes them into the .po file, to be committed.
"""

import functools
import gettext
import logging
import re
import time
from collections import Counter

import polib
from django.apps import apps as global_apps
from django.conf import settings
from django.db import DatabaseError
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import trans_real

from migrant_site.content_version import (
    VERSION_CHECK_SECONDS,
    SharedCacheUnavailable,
    content_version,
)

logger = logging.getLogger(__name__)

# makemessages (GNU gettext) wraps at 79 columns; a message written back is wrapped the same way.
PO_WRAP_WIDTH = 79
URL_SEGMENT_WARNING = _(
    "This text is part of the pages’ web addresses: changing it would break every link to "
    "them. Ask a developer to change it in the code."
)
# Markup a translation may only repeat from the English: tags, stray angle brackets, character
# references and straight double quotes (which would end an HTML attribute the text sits in).
MARKUP = re.compile(r"<[^<>]*>|[<>\"]|&#?\w+;")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE]


def catalogue_path(language):
    return settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"


def catalogue_key(context, english):
    """The key gettext looks a message up by."""
    return f"{context}\x04{english}" if context else english


@functools.cache
def url_segments():
    """The English of every translated URL path segment (gettext_lazy in a urls module)."""
    found = set()

    def walk(patterns):
        for entry in patterns:
            route = getattr(entry.pattern, "_route", None) or getattr(entry.pattern, "_regex", "")
            if isinstance(route, Promise):
                with translation.override(None):
                    found.add(str(route))
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            else:
                assert isinstance(entry, URLPattern)

    walk(get_resolver().url_patterns)
    return frozenset(found)


def problems(english, text):
    """Why `text` cannot translate `english` on a page (an empty list when it can)."""
    if not text:
        return []
    found = []
    if Counter(MARKUP.findall(text)) != Counter(MARKUP.findall(english)):
        found.append(
            _(
                "The translation must have the same markup as the English (HTML tags, < > & "
                "codes, straight double quotes): type « » for quotation marks."
            )
        )
    if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(english)):
        found.append(
            _(
                "The translation must keep the English placeholders (such as %(example)s) as they are."
            )
            % {"example": "%(count)s"}
        )
    return found


# The catalogue file, read and written back.


def catalogue_entries(language):
    """The messages of the site's catalogue for `language` (no header, no obsolete entry)."""
    return [entry for entry in polib.pofile(str(catalogue_path(language))) if not entry.obsolete]


def entry_forms(entry):
    """The translation in the file, as (singular, plural)."""
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")
    return entry.msgstr, ""


def sync_catalogue(using="default", apps=None, **kwargs):
    """Give every message of the catalogue its row, in step with the file (after `migrate`).

    A translation saved on the web that the file now has (written back and deployed) is
    dropped; rows of messages the file no longer has are deleted.
    """
    try:
        model = (apps or global_apps).get_model("migrant_site", "InterfaceString")
    except LookupError:  # migrating backwards, before the table exists
        return
    for language in target_languages():
        if not catalogue_path(language).exists():
            continue
        rows = {
            (row.context, row.english): row
            for row in model.objects.using(using).filter(language=language)
        }
        new = []
        for entry in catalogue_entries(language):
            forms = entry_forms(entry)
            row = rows.pop((entry.msgctxt or "", entry.msgid), None)
            if row is None:
                new.append(
                    model(
                        language=language,
                        context=entry.msgctxt or "",
                        english=entry.msgid,
                        english_plural=entry.msgid_plural,
                        in_catalogue=forms[0],
                        in_catalogue_plural=forms[1],
                    )
                )
                continue
            before = (row.english_plural, row.in_catalogue, row.in_catalogue_plural)
            row.english_plural = entry.msgid_plural
            row.in_catalogue, row.in_catalogue_plural = forms
            dropped = (row.translation, row.translation_plural) == forms
            if dropped:
                row.translation = row.translation_plural = ""
            if dropped or before != (row.english_plural, *forms):
                row.save(using=using)
        model.objects.using(using).bulk_create(new)
        model.objects.using(using).filter(pk__in=[row.pk for row in rows.values()]).delete()


def write_catalogue(language, translations):
    """Write `translations` ({(context, english): (singular, plural)}) into the catalogue file.

    Only the entries whose translation changes are rewritten; every other line of the file stays
    byte for byte as it was (a whole-file rewrite would rewrap it). Returns the English of the
    entries changed.
    """
    path = catalogue_path(language)
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    changed = []
    for index, block in enumerate(blocks):
        entries = list(polib.pofile(block + "\n"))
        if len(entries) != 1 or entries[0].obsolete:
            continue  # the header, or obsolete entries
        entry = entries[0]
        forms = translations.get((entry.msgctxt or "", entry.msgid))
        if forms is None or forms == entry_forms(entry):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        else:
            entry.msgstr = forms[0]
        if "fuzzy" in entry.flags:  # a translator's answer settles a fuzzy match
            entry.flags.remove("fuzzy")
            entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        trailing = block[len(block.rstrip("\n")) :]
        blocks[index] = entry.__unicode__(wrapwidth=PO_WRAP_WIDTH).rstrip("\n") + trailing
        changed.append(entry.msgid)
    if changed:
        path.write_text("\n\n".join(blocks), encoding="utf-8")
    return changed


# Every process lays the translations saved on the web over its compiled catalogues.

_loaded = {"version": object(), "at": 0.0}


def refresh_translations(**kwargs):
    """Reload the saved translations if they changed (a request_started receiver).

    The content version says when; while the shared cache does not answer, the database is
    read again once a second.
    """
    try:
        version = content_version()
    except SharedCacheUnavailable:
        if time.monotonic() - _loaded["at"] < VERSION_CHECK_SECONDS:
            return
        version = None
    else:
        if version == _loaded["version"]:
            return
    try:
        saved = saved_translations()
    except DatabaseError as error:  # the page says so, if it needs the database too
        logger.warning("Interface strings not reloaded: %s", error)
        return
    install(saved)
    _loaded.update(version=version, at=time.monotonic())


def saved_translations():
    """{language: {gettext key: translation}} of the translations saved on the web."""
    from migrant_site.translation.models import InterfaceString

    catalogues = {language: {} for language in target_languages()}
    rows = InterfaceString.objects.exclude(translation="").filter(language__in=list(catalogues))
    for row in rows.exclude(english__in=url_segments()):
        key = catalogue_key(row.context, row.english)
        if row.english_plural:
            catalogues[row.language][(key, 0)] = row.translation
            catalogues[row.language][(key, 1)] = row.translation_plural
        else:
            catalogues[row.language][key] = row.translation
    return catalogues


def install(catalogues):
    """Replace each language's translation object with a fresh one, `catalogues` laid on top."""
    for language, messages in catalogues.items():
        fresh = trans_real.DjangoTranslation(language)
        if messages:
            layer = gettext.NullTranslations()
            layer._catalog = messages
            # The plural rule of the site's catalogue (Django's own French has three forms).
            site = gettext.translation("django", settings.LOCALE_PATHS[0], [language])
            layer.plural = site.plural
            fresh.merge(layer)  # on top: it wins over every catalogue merged before
        # One assignment: a thread still rendering keeps the object it activated.
        trans_real._translations[language] = fresh


def forget_translations():
    """Back to the compiled catalogues alone, reloaded at the next request (for tests)."""
    install({language: {} for language in target_languages()})
    _loaded.update(version=object(), at=0.0)
