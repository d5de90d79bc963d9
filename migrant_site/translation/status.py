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
  `TRACKED_MODELS`, live ones first (`board_order` gives that order). Only the records that
  may need work are read, with the fields their status needs (`read_whole` reads the rest).
- `board(filters)`, `board_page(statuses, number)`, `board_totals(statuses)`,
  `next_on_board(record, filters)`: the translators' board, its pages, figures and
  "Save and next".
- `word_diff(old, new)`: the English change as safe HTML, word by word.
"""

import difflib
import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.db.models.lookups import Exact, IsNull
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from migrant_site.translation.models import NBSP, tracked_columns

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
EXPIRED = "expired"  # taken off by its "unpublish at" time
PUBLIC_STATES = [LIVE, SCHEDULED, DRAFT, EXPIRED]  # the board's order
PUBLIC_STATE_LABELS = {
    LIVE: _("Live"),
    SCHEDULED: _("Scheduled"),
    DRAFT: _("Draft"),
    EXPIRED: _("Expired"),
}
# What public_state reads of a record, among the fields it has.
PUBLIC_STATE_FIELDS = ("status", "published_at", "unpublish_at")

# Records a page of the board lists, as the admin's list of interface strings (list_per_page).
BOARD_PAGE_SIZE = 50


def comparable(text):
    """Text as a translator reads it: entity or character for a no-break space, spacing alike."""
    return " ".join((text or "").replace("&nbsp;", NBSP).split())


@dataclass(frozen=True)
class FieldStatus:
    name: str  # the field's name without a language: "title"
    label: str  # its verbose name, for people (lazy: translated when shown)
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
    for name, english_field, french_field in tracked_columns(type(record)):
        english = getattr(record, english_field) or ""
        french = getattr(record, french_field) or ""
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
                label=type(record)._meta.get_field(name).verbose_name,
                state=state,
                source=english,
                translation=french,
                source_then=source_then,
                translated_at=parse_datetime(at) if isinstance(at, str) else None,
            )
        )
    return statuses


def public_state(record):
    """(state, date): LIVE, SCHEDULED, DRAFT or EXPIRED, and the publication date when it has
    one.

    A record without publication fields (the branch profile, an office) is always live.
    """
    published_at = getattr(record, "published_at", None)
    status = getattr(record, "status", None)
    if status is not None and status == type(record).Status.DRAFT:
        return DRAFT, published_at
    if getattr(record, "is_expired", False):
        return EXPIRED, published_at
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


def status_fields(model):
    """The fields a record's status reads: each translated field in both languages, the sources
    of the French and what `public_state` reads."""
    texts = [field for _name, *fields in tracked_columns(model) for field in fields]
    concrete = {field.name for field in model._meta.concrete_fields}
    return [*texts, "translated_from", *(name for name in PUBLIC_STATE_FIELDS if name in concrete)]


def may_need_work(model):
    """A filter keeping each record of `model` with a field that has English and either no
    French or a source other than that very English.

    It keeps every record `field_statuses` finds needing work, and the few whose English differs
    from the source only in spacing (up to date there): up-to-date records are never read.
    """
    condition = Q()
    for name, english, french in tracked_columns(model):
        source = KT(f"translated_from__{name}__source")
        condition |= Q(**{f"{english}__gt": ""}) & (
            Q(**{f"{french}__isnull": True})
            | Q(**{french: ""})
            | Q(IsNull(source, True))
            | ~Q(Exact(F(english), source))
        )
    return condition


def board_order(models=None, including=None):
    """The status of each record that may need French (see may_need_work), and of the record
    `including` whatever its status: live first, then scheduled, drafts and expired ones.

    Within a state, in TRACKED_MODELS order, then each model's own ordering (newest news first).
    The records hold only the fields their status reads (`read_whole` reads the rest).
    """
    rows = []
    for model_rank, model in enumerate(models or tracked_models()):
        kept = may_need_work(model)
        if isinstance(including, model):
            kept |= Q(pk=including.pk)
        for record in model._default_manager.filter(kept).only(*status_fields(model)):
            status = record_status(record)
            rows.append((PUBLIC_STATES.index(status.public_state), model_rank, status))
    rows.sort(key=lambda row: row[:2])  # stable: keeps each model's ordering
    return [status for *_, status in rows]


def records_needing_work(models=None):
    """Every record with missing or outdated French, in the board's order (see board_order)."""
    return [status for status in board_order(models) if status.needing_work]


def read_whole(statuses):
    """The same statuses with their records read whole (a query per model), to show them."""
    pks = defaultdict(list)
    for status in statuses:
        pks[type(status.record)].append(status.record.pk)
    records = {model: model._default_manager.in_bulk(ids) for model, ids in pks.items()}
    return [
        record_status(records[type(status.record)][status.record.pk])
        for status in statuses
        if status.record.pk in records[type(status.record)]  # unless deleted meanwhile
    ]


def board_models(filters):
    """The tracked models the board's filters keep (`filters["model"]`: "news.newsitem" or "")."""
    return [
        model for model in tracked_models() if filters.get("model") in ("", model._meta.label_lower)
    ]


def on_board(status, filters):
    """Whether the board, with `filters` ("need": MISSING, OUTDATED or "", "state": a public
    state or ""), lists the record of `status`."""
    need, state = filters.get("need"), filters.get("state")
    return (
        status.needing_work
        and (need != MISSING or status.missing)
        and (need != OUTDATED or status.outdated)
        and (state not in PUBLIC_STATES or status.public_state == state)
    )


def board(filters):
    """The statuses the board lists with `filters`, in its order."""
    return [status for status in board_order(board_models(filters)) if on_board(status, filters)]


def next_on_board(record, filters):
    """The status of the record after `record` on the board with `filters`, wrapping round to
    its start; None when no other record is left. Pages play no part: the board's whole order."""
    statuses = board_order(board_models(filters), including=record)
    here = next((i for i, status in enumerate(statuses) if status.record == record), -1)
    for status in statuses[here + 1 :] + statuses[: max(here, 0)]:
        if on_board(status, filters) and status.record != record:
            return status
    return None


def board_page(statuses, number):
    """Page `number` (1, 2, …) of the board's statuses, their records read whole.

    As in the admin's lists, a number that is not a number means the first page, and one
    outside the pages raises InvalidPage.
    """
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    page = Paginator(statuses, BOARD_PAGE_SIZE).page(number)
    page.object_list = read_whole(page.object_list)
    return page


def board_totals(statuses):
    """The board's figures for `statuses` (all its pages): records and fields needing work,
    and, for each tracked model, how many of its records are listed out of how many."""
    listed = Counter(type(status.record) for status in statuses)
    return {
        "to_do": len(statuses),
        "missing_fields": sum(len(status.missing) for status in statuses),
        "outdated_fields": sum(len(status.outdated) for status in statuses),
        "per_model": [
            {
                "name": model._meta.verbose_name_plural,
                "count": listed[model],
                "total": model._default_manager.count(),
            }
            for model in tracked_models()
        ],
    }


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
