"""Revision history that reads well: structured comments, told in the viewer's language.

django-reversion stores each revision's comment as text in the saver's language. Here the
comment is the admin's structured change message (JSON, as Django's LogEntry keeps it) with
the changed fields' names, plus "restored" and "recovered" entries of our own; describe()
renders it when the history is read, in the reader's language.
"""

import contextvars
import json

from django import forms
from django.contrib.admin.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst, get_text_list, normalize_newlines
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import get_comment, is_active, set_comment
from reversion.signals import pre_revision_commit

# Other kinds of revision, told in the reader's language (news/publishing.py writes them).
KINDS = {
    "draft": _("Saved as a draft, not published."),
    "published_changes": _("Published the changes."),
    "unpublished": _("Unpublished: the item is a draft again, off the site."),
    "discarded": _("Discarded the changes not yet published."),
}


def structured(kind, entry=None):
    """A revision comment: `kind` (see KINDS), then the admin's change message if any."""
    changes = json.loads(entry.change_message or "[]") if entry is not None else []
    return json.dumps([{kind: {}}, *changes])


# Set while a restore or a recovery is saved: what it is, and the version it comes from.
_restoring = contextvars.ContextVar("restoring", default=None)


def moment(value):
    """A revision's time in the reader's language, to the second."""
    value = timezone.localtime(value)
    return f"{date_format(value, 'DATE_FORMAT')}, {date_format(value, 'H:i:s')}"


class TextFormField(forms.CharField):
    """Browsers send a textarea's line ends as CRLF: without this, every save of a text with
    several lines would list it as changed."""

    def to_python(self, value):
        return normalize_newlines(super().to_python(value))


class HistoryAdminMixin:
    """For a VersionAdmin: structured revision comments (the history page, editing's
    object_history.html, shows them with the `history` template tags)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs.setdefault("form_class", TextFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        for entry in message:
            if "changed" in entry and not formsets:
                # The field names, so the reader's language can name them later.
                entry["changed"]["names"] = form.changed_data
        return message

    def _keep_structured(self, entry):
        if not is_active():
            return
        restoring = _restoring.get()
        if restoring is not None:
            restoring["changes"] = json.loads(entry.change_message or "[]")
        # Unless another mixin already wrote a structured comment of its own (structured()).
        if get_comment() == entry.get_change_message():
            set_comment(entry.change_message)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._keep_structured(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._keep_structured(entry)
        return entry

    def _restore(self, kind, version_id, view, *args):
        from reversion.models import Version

        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        date = version.revision.date_created.isoformat() if version else None
        token = _restoring.set({"kind": kind, "date": date, "changes": []})
        try:
            return view(*args)
        finally:
            _restoring.reset(token)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        parent = super().revision_view
        return self._restore(
            "restored", version_id, parent, request, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        parent = super().recover_view
        return self._restore("recovered", version_id, parent, request, version_id, extra_context)


@receiver(pre_revision_commit)
def mark_restores(sender, revision, versions, **kwargs):
    """django-reversion writes "Reverted to previous version" in the saver's language: say it
    as data instead."""
    restoring = _restoring.get()
    if restoring is not None:
        entry = {restoring["kind"]: {"date": restoring["date"]}}
        revision.comment = json.dumps([entry, *restoring["changes"]])


def _field_label(model, name, fallback):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return fallback
    original = getattr(field, "translated_field", None)
    if original is None:
        return capfirst(field.verbose_name)
    # modeltranslation's own label ("Title [en]") is fixed when the app loads, in English.
    return f"{capfirst(original.verbose_name)} [{field.language}]"


def describe(comment, model=None):
    """A revision comment in the active language (comments from before this are kept as is)."""
    try:
        entries = json.loads(comment)
    except (TypeError, ValueError):
        return comment
    if not isinstance(entries, list):
        return comment
    if not entries:
        return gettext("No fields changed.")
    parts = []
    for entry in entries:
        kind = next((name for name in KINDS if name in entry), None)
        if kind:
            parts.append(str(KINDS[kind]))
        elif "restored" in entry or "recovered" in entry:
            kind = "restored" if "restored" in entry else "recovered"
            date = parse_datetime(entry[kind].get("date") or "")
            when = moment(date) if date else "?"
            if kind == "restored":
                parts.append(gettext("Restored from the version of %(date)s.") % {"date": when})
            else:
                parts.append(
                    gettext("Recovered after deletion, from the version of %(date)s.")
                    % {"date": when}
                )
        elif model is not None and "names" in entry.get("changed", {}):
            changed = entry["changed"]
            labels = [
                _field_label(model, name, label)
                for name, label in zip(changed["names"], changed.get("fields", []), strict=False)
            ]
            parts.append(
                gettext("Changed {fields}.").format(fields=get_text_list(labels, gettext("and")))
            )
        else:
            parts.append(LogEntry(change_message=json.dumps([entry])).get_change_message())
    return " ".join(parts)
