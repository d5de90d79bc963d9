"""XLIFF 2.0 exchange with translation tools (Trados, memoQ, OmegaT...): export, then import.

The file (translate-toolkit's `translate.storage.xliff2`) has a unit per field to translate:
the English now as source, the French now as target, a note saying what changed. A unit's id
names the record and field and ends with a fingerprint of the English and French at export, so
an import can tell when either changed since. An import applies the whole file or nothing.
"""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree
from modeltranslation.utils import build_localized_fieldname
from translate.storage.xliff2 import Xliff2File

from migrant_site.translation.interface_strings import problems
from migrant_site.translation.models import SOURCE_LANGUAGE, TARGET_LANGUAGE, translated_fields
from migrant_site.translation.status import (
    MISSING,
    OUTDATED,
    TRACKED_MODELS,
    read_whole,
    record_status,
    records_needing_work,
)

XLIFF_2 = "{urn:oasis:names:tc:xliff:document:2."


def fingerprint(english, french):
    return hashlib.sha256(f"{english}\0{french}".encode()).hexdigest()[:12]


def unit_id(record, name, english, french):
    opts = record._meta
    return f"{opts.app_label}.{opts.model_name}.{record.pk}.{name}.{fingerprint(english, french)}"


def note(status):
    if status.state == MISSING:
        return "Missing: no French yet."
    if status.state == OUTDATED:
        if status.source_then is None:
            return "Outdated: the English the French was written from is not known."
        return f"Outdated. The English was, when the French was written:\n{status.source_then}"
    return "Up to date."


def export_xliff(records=None):
    """XLIFF 2.0 bytes: every field needing work, or every field of `records` when given."""
    document = Xliff2File(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    if records is None:
        statuses = [(s, s.needing_work) for s in read_whole(records_needing_work())]
    else:
        statuses = [(s, s.fields) for s in map(record_status, records)]
    for status, fields in statuses:
        for field in fields:
            unit = document.addsourceunit(field.source)
            unit.setid(unit_id(status.record, field.name, field.source, field.translation))
            if field.translation:
                unit.target = field.translation
            add_notes(
                unit,
                [
                    f"{status.record._meta.verbose_name} “{status.record}”, {field.label}.",
                    note(field),
                ],
            )
    return bytes(document)


def add_notes(unit, texts):
    """Notes on the unit, before its segment, where XLIFF 2.0 puts them (translate-toolkit's
    addnote writes them into the segment, which the schema does not allow)."""
    notes = etree.Element(unit.namespaced("notes"))
    for text in texts:
        etree.SubElement(notes, unit.namespaced("note")).text = text
    unit.getunitelement().insert(0, notes)


def unit_notes(unit):
    return "\n".join(
        note.text or "" for note in unit.getunitelement().iter(unit.namespaced("note"))
    )


@dataclass
class Change:
    record: object
    name: str
    label: str
    english: str
    before: str
    after: str


class ImportRefused(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def read_units(data):
    try:
        document = Xliff2File.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ImportRefused(
            [_("The file is not XLIFF 2.0: %(error)s") % {"error": error}]
        ) from None
    if not document.document.getroot().tag.startswith(XLIFF_2):
        raise ImportRefused([_("The file is not XLIFF 2.0: %(error)s") % {"error": "namespace"}])
    if document.gettargetlanguage() != TARGET_LANGUAGE:
        raise ImportRefused([_("The file’s target language is not French.")])
    units = list(document.getunits())
    if not units:
        raise ImportRefused([_("The file has no unit to import.")])
    return units


def plan_import(data):
    """The changes the file makes, or ImportRefused with every problem found (nothing applied)."""
    tracked = {label.lower() for label in TRACKED_MODELS}
    found, changes, seen = [], [], set()
    for unit in read_units(data):
        uid = unit.getid() or ""
        parts = uid.split(".")
        record = None
        if len(parts) == 5 and f"{parts[0]}.{parts[1]}" in tracked and uid not in seen:
            model = apps.get_model(parts[0], parts[1])
            if parts[3] in translated_fields(model):
                record = model._default_manager.filter(pk=parts[2]).first()
        if record is None:
            found.append(_("Unknown unit %(id)s.") % {"id": uid})
            continue
        seen.add(uid)
        name = parts[3]
        english = getattr(record, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        french = getattr(record, build_localized_fieldname(name, TARGET_LANGUAGE)) or ""
        target = unit.target or ""
        label = str(type(record)._meta.get_field(name).verbose_name)
        where = {"record": record, "field": label}
        if fingerprint(english, french) != parts[4] or unit.source != english:
            found.append(
                _("“%(record)s”, %(field)s: changed on the site since the export.") % where
            )
        elif target and problems(english, target):
            found.append(
                _(
                    "“%(record)s”, %(field)s: the French has other markup or placeholders than the English."
                )
                % where
            )
        elif target:
            changes.append(Change(record, name, label, english, french, target))
    if found:
        raise ImportRefused(found)
    return changes


def apply_import(changes):
    """Save every change in one transaction (or none); each field is then up to date."""
    by_record = {}
    for change in changes:
        by_record.setdefault((type(change.record), change.record.pk), []).append(change)
    with transaction.atomic():
        for (model, pk), record_changes in by_record.items():
            record = model._default_manager.select_for_update().get(pk=pk)
            for change in record_changes:
                now = (
                    getattr(record, build_localized_fieldname(change.name, SOURCE_LANGUAGE)) or "",
                    getattr(record, build_localized_fieldname(change.name, TARGET_LANGUAGE)) or "",
                )
                if now != (change.english, change.before):
                    raise ImportRefused([_("The site changed during the import: export again.")])
                setattr(
                    record, build_localized_fieldname(change.name, TARGET_LANGUAGE), change.after
                )
            record.mark_translated([change.name for change in record_changes])
            record.save()
    return len(changes)
