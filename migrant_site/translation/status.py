"""Per-field translation status: which French is missing or outdated, and what changed in English.

Each tracked record keeps, per translated field, the English its French was written from
(`TranslationTracked.translated_from`, kept by a pre_save signal on every path that saves).
A field is then:

- MISSING: it has English and no French;
- OUTDATED: its English is no longer the one its French was written from;
- UP_TO_DATE: otherwise.

Why a stored copy of that English rather than django-reversion's history: a revision exists
only for saves made inside a revision block (the admin's), not for the shell, imports or
scripts, and finding "the English when the French last changed" in it means replaying every
version. The copy is written in the same save as the French, so it is right on every path.

The functions here are the API the board, the translator's form and the XLIFF exchange share:

- `field_statuses(record)`: a `FieldStatus` for each translated field that has English.
- `record_status(record)`: a `RecordStatus` (public state, dates, fields needing work).
- `records_needing_work(models=None)`: every record with missing or outdated French across
  `TRACKED_MODELS`, live ones first (`board_order` gives every record in that order).
- `word_diff(old, new)`: the English change as safe HTML, word by word.
"""

import difflib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from migrant_site.translation.models import (
    NBSP,
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    translated_fields,
)

# The models whose French the status board follows, in the order it lists them.
TRACKED_MODELS = ["branch.BranchProfile", "news.NewsItem", "contacts.Office"]

MISSING = "missing"
OUTDATED = "outdated"
UP_TO_DATE = "up-to-date"
STATE_LABELS = {MISSING: _("missing"), OUTDATED: _("outdated"), UP_TO_DATE: _("up to date")}

# What visitors see of a record: live (shown now), scheduled (shown at its date), draft.
LIVE = "live"
SCHEDULED = "scheduled"
DRAFT = "draft"
PUBLIC_STATES = [LIVE, SCHEDULED, DRAFT]  # the board's order
PUBLIC_STATE_LABELS = {LIVE: _("Live"), SCHEDULED: _("Scheduled"), DRAFT: _("Draft")}


def comparable(text):
    """Text as a translator reads it: entity or character for a no-break space, spacing alike."""
    return " ".join((text or "").replace("&nbsp;", NBSP).split())


@dataclass(frozen=True)
class FieldStatus:
    name: str  # the field's name without a language: "title"
    label: str  # its verbose name, for people
    state: str  # MISSING, OUTDATED or UP_TO_DATE
    source: str  # the English now
    translation: str  # the French now ("" when missing)
    source_then: str | None  # the English the French was written from (None: missing, unknown)
    translated_at: datetime | None  # when the French was last written (None: missing, unknown)

    @property
    def needs_work(self):
        return self.state != UP_TO_DATE

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    def diff(self):
        """The English change since the French was written, as HTML (<del>/<ins>)."""
        return word_diff(self.source_then or "", self.source)


def field_statuses(record):
    """The status of each translated field of `record` that has English text, in model order."""
    sources = record.translated_from if isinstance(record.translated_from, dict) else {}
    statuses = []
    for name in translated_fields(type(record)):
        english = getattr(record, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        french = getattr(record, build_localized_fieldname(name, TARGET_LANGUAGE)) or ""
        if not english:
            continue
        written = sources.get(name) if french else None
        source_then = written.get("source") if isinstance(written, dict) else None
        if not french:
            state = MISSING
        elif source_then is None or comparable(source_then) != comparable(english):
            state = OUTDATED
        else:
            state = UP_TO_DATE
        at = written.get("at") if isinstance(written, dict) else None
        statuses.append(
            FieldStatus(
                name=name,
                label=str(type(record)._meta.get_field(name).verbose_name),
                state=state,
                source=english,
                translation=french,
                source_then=source_then,
                translated_at=parse_datetime(at) if isinstance(at, str) else None,
            )
        )
    return statuses


def public_state(record):
    """(state, date): LIVE, SCHEDULED or DRAFT, and the publication date when it has one.

    A record without publication fields (the branch profile, an office) is always live.
    """
    published_at = getattr(record, "published_at", None)
    status = getattr(record, "status", None)
    if status is not None and status == type(record).Status.DRAFT:
        return DRAFT, published_at
    if hasattr(record, "is_published") and not record.is_published:
        return SCHEDULED, published_at
    return LIVE, published_at


def change_url(record):
    """The record's change form in the admin (the translator's form for a Translator)."""
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@dataclass
class RecordStatus:
    record: object
    fields: list = field(default_factory=list)  # FieldStatus of every field with English

    @property
    def model_label(self):
        return self.record._meta.label  # "news.NewsItem"

    @property
    def model_name(self):
        return self.record._meta.verbose_name

    @property
    def needing_work(self):
        return [status for status in self.fields if status.needs_work]

    @property
    def missing(self):
        return [status for status in self.fields if status.state == MISSING]

    @property
    def outdated(self):
        return [status for status in self.fields if status.state == OUTDATED]

    @property
    def public_state(self):
        return public_state(self.record)[0]

    @property
    def public_state_label(self):
        return PUBLIC_STATE_LABELS[self.public_state]

    @property
    def public_date(self):
        return public_state(self.record)[1]

    @property
    def updated_at(self):
        return getattr(self.record, "updated_at", None)

    @property
    def url(self):
        return change_url(self.record)


def record_status(record):
    return RecordStatus(record=record, fields=field_statuses(record))


def tracked_models():
    return [apps.get_model(label) for label in TRACKED_MODELS]


def board_order(models=None):
    """Every record's status, live first, then scheduled, then drafts.

    Within a state, in TRACKED_MODELS order, then each model's own ordering (newest news first).
    """
    rows = []
    for model_rank, model in enumerate(models or tracked_models()):
        for record in model._default_manager.all():
            status = record_status(record)
            rows.append((PUBLIC_STATES.index(status.public_state), model_rank, status))
    rows.sort(key=lambda row: row[:2])  # stable: keeps each model's ordering
    return [status for *_, status in rows]


def records_needing_work(models=None):
    """Every record with missing or outdated French, in the board's order (see board_order)."""
    return [status for status in board_order(models) if status.needing_work]


_WORDS = re.compile(r"\s*\S+")  # each word with the spacing before it


def _words(text):
    return _WORDS.findall(html.unescape(text or ""))


def _run(tag, words):
    """Words in a <del>/<ins>, the spacing before them outside it."""
    text = "".join(words)
    body = text.lstrip()
    return f"{escape(text[: len(text) - len(body)])}<{tag}>{escape(body)}</{tag}>"


def word_diff(old, new):
    """`old` → `new` as escaped HTML, removed words in <del>, added ones in <ins>.

    HTML in the texts (rich-text fields) is compared and shown as text, never interpreted.
    """
    old_words, new_words = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(new_words[j1:j2])))
        if op == "delete":
            parts.append(_run("del", old_words[i1:i2]))
        if op == "insert":
            parts.append(_run("ins", new_words[j1:j2]))
        if op == "replace":  # the new words' spacing goes before the old ones, one space between
            lead = new_words[j1][: len(new_words[j1]) - len(new_words[j1].lstrip())]
            old_run = [old_words[i1].lstrip(), *old_words[i1 + 1 : i2]]
            new_run = [new_words[j1].lstrip(), *new_words[j1 + 1 : j2]]
            parts.append(f"{escape(lead)}{_run('del', old_run)} {_run('ins', new_run)}")
    return mark_safe("".join(parts))
