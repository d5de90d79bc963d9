"""Editing that loses nothing: who may restore history, and saves refused when the record moved on.

Every record edited in the admin counts its saves (`EditVersioned.edit_version`). A change form
carries the count it was opened with; a save from a form opened on an older count is refused in
the database row itself (one conditional UPDATE), so it holds across processes and servers.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from migrant_site.i18n import translated_fields
from migrant_site.translators import EDITORS, in_group

# How the site's time zone (settings.TIME_ZONE) is named to editors. Europe/Zurich is the
# zone of all Switzerland; the branch sits in Geneva.
TIME_ZONE_PLACES = {"Europe/Zurich": _("Geneva")}


def site_time_zone_name():
    """The site's time zone in words, in the active language: "Geneva time", "heure de Genève"."""
    from babel.dates import get_timezone_location

    zone = timezone.get_default_timezone_name()
    place = TIME_ZONE_PLACES.get(zone) or get_timezone_location(
        zone, locale=(get_language() or "en").replace("-", "_"), return_city=True
    )
    return gettext("%(place)s time") % {"place": place}


class EditConflict(Exception):
    """The record was saved by someone else after the form being saved was opened."""


class EditVersionedQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk change is a change too: forms opened before it must not overwrite it.
        kwargs.setdefault("edit_version", F("edit_version") + 1)
        return super().update(**kwargs)


class EditVersioned(models.Model):
    """Counts its saves; `expected_edit_version`, when set, makes the next save conditional."""

    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        expected = self.__dict__.pop("expected_edit_version", None)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            if self.pk is not None and not kwargs.get("force_insert"):
                self.edit_version = self._next_edit_version(using, expected)
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = [*kwargs["update_fields"], "edit_version"]
            super().save(*args, **kwargs)

    def _next_edit_version(self, using, expected):
        row = type(self)._base_manager.using(using).filter(pk=self.pk)
        if expected is None:
            current = row.select_for_update().values_list("edit_version", flat=True).first()
            return 0 if current is None else current + 1
        # One statement checks and claims the row: a second save from the same opened version
        # waits for this transaction, then finds the count moved on and updates nothing.
        if not row.filter(edit_version=expected).update(edit_version=expected + 1):
            raise EditConflict
        return expected + 1


def may_restore(user):
    """Restoring history is the editors' call: Editors and superusers only."""
    return user.is_active and user.is_staff and (user.is_superuser or in_group(user, EDITORS))


# Forms


class OpenedVersionField(forms.IntegerField):
    """The record's edit_version when the form was opened, sent back hidden."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, **kwargs)

    def has_changed(self, initial, data):
        return False  # bookkeeping, not a change the user made


class EditVersionCheck(forms.Form):
    """Mixed into the admin's model forms by `checking_edit_version`."""

    opened_version = OpenedVersionField()
    check_unchanged_forms = True  # a change form; the list's rows are checked only when changed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.edit_version
        self.edit_conflict = None

    def clean(self):
        cleaned_data = super().clean()
        if self.instance._state.adding or not (self.check_unchanged_forms or self.has_changed()):
            return cleaned_data
        opened = cleaned_data.get("opened_version")
        if opened is not None and opened == self.instance.edit_version:
            return cleaned_data
        # The form comes back with the saved values the user had not touched (see Conflict),
        # and saving it again is saving over what the user has now seen.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = str(self.instance.edit_version)
        self.edit_conflict = conflict = Conflict(self, opened)
        if self.check_unchanged_forms:
            raise ValidationError(conflict.message)
        for name in self.changed_data:
            self.add_error(name, conflict.message)
        return cleaned_data


def checking_edit_version(form_class, check_unchanged_forms=True):
    """`form_class` with the hidden opened version and the conflict check."""
    return type(
        form_class.__name__,
        (EditVersionCheck, form_class),
        {"check_unchanged_forms": check_unchanged_forms, "__module__": __name__},
    )


class Conflict:
    """Who saved the record after the form was opened, when, and what changed, field by field.

    Fields the user had not changed take the saved value in the form shown again; where both
    changed a field, the user's input is kept and the row says so.
    """

    def __init__(self, form, opened_version):
        record = form.instance
        self.record = record
        self.changed_by, self.changed_at = self._latest_change(record)
        opened = self._snapshot(record, opened_version) if opened_version is not None else None
        self.opened_known = opened is not None
        self.rows = []
        for field in self._compared_fields(type(record)):
            now = getattr(record, field.attname)
            if isinstance(field, models.FileField):
                in_form = False  # a file input cannot be refilled; an upload is the user's input
                yours = field.name in form.files
            else:
                in_form = field.name in form.fields
                yours = in_form and self._changed(form, field.name, opened, now)
            if self.opened_known:
                then = opened.get(field.attname)
                if then == now:
                    continue
                if in_form and not yours:
                    self._show_in_form(form, field.name, now)
                self.rows.append(self._row(field, then, now, kept_yours=yours))
            elif yours:
                self.rows.append(self._row(field, None, now, kept_yours=True))
        self.message = self._message()

    @staticmethod
    def _compared_fields(model):
        originals = set(translated_fields(model))  # title_en and title_fr, not title
        return [
            field
            for field in model._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in originals
        ]

    @staticmethod
    def _versions(record):
        from reversion.models import Version

        return Version.objects.get_for_object(record).select_related("revision__user")[:50]

    def _latest_change(self, record):
        """(user, date) of the saved state, from its revision when it has one."""
        latest = next(iter(self._versions(record)), None)
        if latest is None or latest.field_dict.get("edit_version") != record.edit_version:
            # Saved outside the admin (no revision): when, if the record keeps it; not who.
            return None, getattr(record, "updated_at", None)
        return latest.revision.user, latest.revision.date_created

    def _snapshot(self, record, opened_version):
        for version in self._versions(record):
            if version.field_dict.get("edit_version") == opened_version:
                return version.field_dict
        return None

    @staticmethod
    def _changed(form, name, opened, now):
        """The user changed the field: from the opened value if known, else from the saved one."""
        field = form.fields[name]
        initial = opened.get(form.instance._meta.get_field(name).attname) if opened else now
        data = form[name].data
        if isinstance(data, str):
            data = data.replace("\r\n", "\n")  # browsers send textarea lines with CRLF
        return field.has_changed(initial, data)

    @staticmethod
    def _show_in_form(form, name, value):
        """Put a saved value into the bound data, as the field's widget would have sent it."""
        field = form.fields[name]
        widget = field.widget
        key = form.add_prefix(name)
        prepared = field.prepare_value(value)
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(prepared)
            for suffix, subwidget, part in zip(
                widget.widgets_names, widget.widgets, parts, strict=True
            ):
                form.data[key + suffix] = subwidget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if prepared:
                form.data[key] = "on"
            else:
                form.data.pop(key, None)
        else:
            form.data[key] = "" if prepared is None else str(prepared)

    @staticmethod
    def _row(field, then, now, kept_yours):
        return {
            "label": field.verbose_name,
            "then": display_value(field, then),
            "now": display_value(field, now),
            "kept_yours": kept_yours,
        }

    def _message(self):
        if self.changed_at is None:
            return gettext(
                "Not saved: this record was changed after you opened this form. "
                "Compare below, then save again."
            )
        when = formats.date_format(timezone.localtime(self.changed_at), "DATETIME_FORMAT")
        if self.changed_by is None:
            return gettext(
                "Not saved: this record was changed on %(date)s, after you opened this form. "
                "Compare below, then save again."
            ) % {"date": when}
        who = self.changed_by.get_full_name() or self.changed_by.get_username()
        return gettext(
            "Not saved: %(user)s changed this record on %(date)s, after you opened this form. "
            "Compare below, then save again."
        ) % {"user": who, "date": when}


def display_value(field, value):
    """A stored value as an editor reads it."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    return str(value)


# Admin


class EditingAdminMixin:
    """For VersionAdmin admins: stale saves refused, and History restored only by editors.

    Translators (and any other staff) may read History and open an earlier revision, read-only;
    restoring one or recovering a deleted record is refused before anything is reverted.
    """

    change_list_template = "admin/editing/change_list.html"
    object_history_template = "admin/editing/object_history.html"
    revision_form_template = "admin/editing/revision_form.html"

    def has_restore_permission(self, request):
        return may_restore(request.user) and self.has_change_permission(request)

    def has_change_permission(self, request, obj=None):
        if getattr(request, "reading_history", False):
            return False  # an earlier revision, shown read-only
        return super().has_change_permission(request, obj)

    # Conflicts

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return checking_edit_version(form) if change else form

    def get_fields(self, request, obj=None):
        # The hidden opened version is rendered by the template, not listed as a field.
        return [name for name in super().get_fields(request, obj) if name != "opened_version"]

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return checking_edit_version(form, check_unchanged_forms=False)

    def save_model(self, request, obj, form, change):
        if change and "opened_version" in form.cleaned_data:
            obj.expected_edit_version = form.cleaned_data["opened_version"]
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Saved by someone else between the form's check and this save (both rolled
            # back): the form, checked again, now shows the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "may_restore": self.has_restore_permission(request),
            **(extra_context or {}),
        }
        try:
            return super().changelist_view(request, extra_context)
        except EditConflict:
            return super().changelist_view(request, extra_context)

    # History

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            "may_restore": self.has_restore_permission(request),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            if request.method not in ("GET", "HEAD"):
                raise PermissionDenied
            request.reading_history = True
        with transaction.atomic(using=router.db_for_write(self.model)):
            # The revision brings back its own edit_version; the record keeps counting from
            # the one it has now (see get_object), locked until the restore is saved.
            row = self.model._base_manager.filter(pk=self.model._meta.pk.to_python(object_id))
            if request.method == "POST":
                row = row.select_for_update()
            current = row.values_list("edit_version", flat=True).first()
            if current is not None:
                request.edit_version_before_restore = current
            return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        current = getattr(request, "edit_version_before_restore", None)
        if obj is not None and current is not None:
            type(obj)._base_manager.filter(pk=obj.pk).update(edit_version=current)
            obj.edit_version = current
        return obj

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)
