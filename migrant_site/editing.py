"""Editing that loses nothing: who may restore history, and saves refused when the record moved on.

Every record edited in the admin counts its saves (`EditVersioned.edit_version`). A change form
carries the count it was opened with; a save from a form opened on an older count is refused in
the database row itself (one conditional UPDATE), so it holds across processes and servers.
"""

import datetime

from babel.dates import get_timezone_location
from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from migrant_site.roles import EDITORS, in_group
from migrant_site.translation.models import translated_fields

# How the site's time zone (settings.TIME_ZONE) is named to editors. Europe/Zurich is the
# zone of all Switzerland; the branch sits in Geneva.
TIME_ZONE_PLACES = {"Europe/Zurich": _("Geneva")}


def site_time_zone_name():
    """The site's time zone in words, in the active language: "Geneva time", "heure de Genève"."""
    zone = timezone.get_default_timezone_name()
    place = TIME_ZONE_PLACES.get(zone) or get_timezone_location(
        zone, locale=(get_language() or settings.LANGUAGE_CODE).replace("-", "_"), return_city=True
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


@receiver(pre_save)
def keep_counting_on_raw_saves(sender, instance, raw, using, **kwargs):
    """A revision reverted or a fixture loaded over an existing row brings its own, older count:
    the row counts on from the one it has, so no form opened since can pass for current."""
    if raw and issubclass(sender, EditVersioned) and instance.pk is not None:
        row = sender._base_manager.using(using).filter(pk=instance.pk)
        current = row.values_list("edit_version", flat=True).first()
        if current is not None:
            instance.edit_version = current + 1


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


class OpenedValuesField(forms.CharField):
    """The record's values when the form was opened, sent back hidden: with them a conflict
    tells what the other person changed from what the user changed."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)

    def has_changed(self, initial, data):
        return False


def compared_fields(model):
    """The fields a conflict compares: what editors edit (each language's title, not title)."""
    originals = set(translated_fields(model))
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in originals
    ]


def stored_value(field, record):
    value = field.value_from_object(record)
    if isinstance(field, models.FileField):
        return value.name or ""
    return value


OPENED_VALUES_SALT = "migrant_site.editing.opened_values"


def opened_values(record):
    """The record's compared values, signed and compressed for a hidden input."""

    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date | datetime.time) else value

    values = {f.attname: plain(stored_value(f, record)) for f in compared_fields(type(record))}
    return signing.dumps(values, salt=OPENED_VALUES_SALT, compress=True)


def read_opened_values(model, text):
    """{attname: value} from `opened_values`, or None if missing, altered or out of date."""
    try:
        data = signing.loads(text or "", salt=OPENED_VALUES_SALT)
        return {f.attname: f.to_python(data[f.attname]) for f in compared_fields(model)}
    except (signing.BadSignature, TypeError, ValueError, KeyError, ValidationError):
        return None


class EditVersionCheck(forms.Form):
    """Mixed into the admin's model forms by `checking_edit_version`."""

    opened_version = OpenedVersionField()
    change_form = True  # else a row of the list, checked only when the user changed it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.edit_version
        if "opened_values" in self.fields and not self.is_bound:
            self.fields["opened_values"].initial = opened_values(self.instance)
        self.edit_conflict = None

    def clean(self):
        cleaned_data = super().clean()
        if self.instance._state.adding or not (self.change_form or self.has_changed()):
            return cleaned_data
        opened = cleaned_data.get("opened_version")
        if opened is not None and opened == self.instance.edit_version:
            return cleaned_data
        if opened is not None and self.change_form and self._nothing_changed_since_opened():
            # Saved since, but nothing in it changed (a Save without edits): no conflict.
            cleaned_data["opened_version"] = self.instance.edit_version
            return cleaned_data
        # Saving the form shown again saves over what the user has now seen.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = str(self.instance.edit_version)
        if not self.change_form:
            # A row of a list: there is no room for the comparison there.
            message = gettext(
                "Not saved: this record was changed after you opened this list. "
                "Reload the page to see the change, then edit again."
            )
            for name in self.changed_data:
                self.add_error(name, message)
            return cleaned_data
        # The form comes back with the saved values the user had not touched (see Conflict).
        self.edit_conflict = Conflict(self)
        self.data[self.add_prefix("opened_values")] = opened_values(self.instance)
        raise ValidationError(self.edit_conflict.message)

    def _nothing_changed_since_opened(self):
        record = self.instance
        opened = read_opened_values(type(record), self.data.get(self.add_prefix("opened_values")))
        return opened is not None and all(
            opened[field.attname] == stored_value(field, record)
            for field in compared_fields(type(record))
        )


def checking_edit_version(form_class, change_form=True):
    """`form_class` with the hidden opened version (and values, on a change form) and the check."""
    attrs = {"change_form": change_form, "__module__": __name__}
    if change_form:
        attrs["opened_values"] = OpenedValuesField()
    return type(form_class.__name__, (EditVersionCheck, form_class), attrs)


class Conflict:
    """Who saved the record after the form was opened, when, and what changed, field by field.

    Fields the user had not changed take the saved value in the form shown again; where both
    changed a field, the user's input is kept and the row says so.
    """

    def __init__(self, form):
        record = form.instance
        self.record = record
        self.changed_by, self.changed_at = self._latest_change(record)
        opened = read_opened_values(type(record), form.data.get(form.add_prefix("opened_values")))
        self.opened_known = opened is not None
        self.rows = []
        for field in compared_fields(type(record)):
            now = stored_value(field, record)
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
    def _latest_change(record):
        """(user, date) of the saved state, from its revision when it has one."""
        latest = Version.objects.get_for_object(record).select_related("revision__user").first()
        if latest is None or latest.field_dict.get("edit_version") != record.edit_version:
            # Saved outside the admin (no revision): when, if the record keeps it; not who.
            return None, getattr(record, "updated_at", None)
        return latest.revision.user, latest.revision.date_created

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
        # The hidden opened version and values are in the template, not listed as fields.
        hidden = {"opened_version", "opened_values"}
        return [name for name in super().get_fields(request, obj) if name not in hidden]

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return checking_edit_version(form, change_form=False)

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
            version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
            title = gettext("Earlier version of %(name)s") % {"name": version.object_repr}
            extra_context = {"title": title, **(extra_context or {})}
        with transaction.atomic(using=router.db_for_write(self.model)):
            # The revision brings back its own edit_version; the record keeps counting from
            # the one it has now (see get_object), locked until the restore is saved.
            row = self.model._base_manager.filter(pk=unquote(object_id))
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
