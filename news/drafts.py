"""Drafts of live items: edits of a published item kept aside until an editor publishes them.

The pending edits are a JSON object on the item itself, `pending_changes`, {field name: value},
holding only the content fields (DRAFT_FIELDS) that differ from the live row. Everything public
reads the live columns, so a pending draft never shows on a page, a feed, the sitemap or search;
the preview applies it in memory. Publishing copies it onto the live columns in one save, so
django-reversion records both the draft (a revision whose pending_changes holds it) and the
publication.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from migrant_site.translation.models import translated_fields

# Besides the translated texts: anything else (slug, status, dates, image) changes the live
# item at once, or waits until the draft is published or discarded.
UNTRANSLATED_DRAFT_FIELDS = ("language", "source_name", "source_url")
# Not on the form, but kept with the draft: which French a translator checked against which
# English (TranslationTracked), so that it holds once the draft is published.
TRACKING_FIELDS = ("translated_from",)


def draft_fields(model):
    """Names of the fields a pending draft may hold: every language's column of each
    translated field, UNTRANSLATED_DRAFT_FIELDS and TRACKING_FIELDS."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        build_localized_fieldname(name, code)
        for name in translated_fields(model)
        for code, _name in settings.LANGUAGES
    ] + [name for name in (*UNTRANSLATED_DRAFT_FIELDS, *TRACKING_FIELDS) if name in names]


def same(value, other):
    # modeltranslation's French columns may be NULL where a form gives "".
    return (value or "") == (other or "")


class PendingChangesMixin:
    """For a model with a `pending_changes` JSONField and a `clean_rich_text()` method."""

    @property
    def has_pending_changes(self):
        return bool(self.pending_changes)

    def apply_pending_changes(self):
        """This instance, in memory, as it will be once the draft is published."""
        names = set(draft_fields(type(self)))
        for name, value in self.pending_changes.items():
            if name in names:
                setattr(self, name, value)
        return self

    def save_pending_changes(self):
        """Keep this instance's draft fields, where they differ from the live row, as the
        pending draft. The live row is not changed otherwise (nor its updated_at)."""
        self.clean_rich_text()
        self.apply_french_typography()
        live = type(self).objects.get(pk=self.pk)
        live.pending_changes = {
            name: getattr(self, name)
            for name in draft_fields(type(self))
            if not same(getattr(self, name), getattr(live, name))
        }
        # The version the form was opened with (migrant_site.editing.EditVersioned): a draft
        # saved from a stale form is refused like any other save.
        if "expected_edit_version" in self.__dict__:
            live.expected_edit_version = self.__dict__.pop("expected_edit_version")
        live.save(update_fields=["pending_changes"])
        self.pending_changes = live.pending_changes
        if hasattr(live, "edit_version"):
            self.edit_version = live.edit_version

    def publish_pending(self):
        """Apply the pending draft to the live item and save it."""
        self.apply_pending_changes()
        self.pending_changes = {}
        self.save()

    def discard_pending(self):
        self.pending_changes = {}
        self.save(update_fields=["pending_changes"])
