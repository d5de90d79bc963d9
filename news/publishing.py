"""The news change form's publishing workflow: pending drafts of live items, publishing and
discarding them, unpublishing, a preview of the unsaved form, and old addresses (slugs)."""

from datetime import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from migrant_site.history import KINDS, structured
from migrant_site.roles import is_translator_only

from . import search
from .drafts import draft_fields
from .models import NewsItem, NewsSlugRedirect
from .views import preview_response

TAKE_OVER = "take_over_old_address"
OLD_ADDRESSES = "old_addresses"


def differs(value, other):
    # The admin's time widget has no microseconds; a stored time usually does.
    if isinstance(value, datetime) and isinstance(other, datetime):
        return value.replace(microsecond=0) != other.replace(microsecond=0)
    return value != other


class NewsItemAdminForm(forms.ModelForm):
    take_over_old_address = forms.BooleanField(
        label=_("Take over an old address"),
        required=False,
        help_text=_(
            "Tick to use a slug that is an old address of another item: its old links will "
            "then lead here."
        ),
    )
    # Set by the admin for Translators: with a pending draft, their saves join the draft.
    draft_only = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.live_status = instance.status if instance.pk else None
        self.had_pending_changes = bool(instance.pk and instance.pending_changes)
        if self.draft_only:
            del self.fields[TAKE_OVER]  # Translators: the slug is read-only for them

    @property
    def saves_pending_draft(self):
        """This save keeps the edits aside as a pending draft, not on the public page."""
        if self.live_status != NewsItem.Status.PUBLISHED:
            return False
        return "_save_pending" in self.data or (self.had_pending_changes and self.draft_only)

    def clean(self):
        cleaned = super().clean()
        self._check_old_address(cleaned)
        if self.saves_pending_draft:
            self._refuse_what_a_draft_cannot_hold(cleaned)
        else:
            self._refuse_a_past_unpublish_time(cleaned)
        return cleaned

    def _changed(self, cleaned, name):
        if name == "image":
            return name in self.changed_data
        return name in cleaned and differs(cleaned[name], getattr(self.instance, name))

    def _check_old_address(self, cleaned):
        slug = cleaned.get("slug")
        if not slug or cleaned.get(TAKE_OVER):
            return
        redirect = (
            NewsSlugRedirect.objects.filter(old_slug=slug)
            .exclude(item_id=self.instance.pk)
            .select_related("item")
            .defer(*(f"item__{name}" for name in search.document_names()))
            .first()
        )
        if redirect:
            self.add_error(
                "slug",
                _(
                    "“%(slug)s” is an old address of “%(title)s”, and leads there. Choose "
                    "another slug, or tick “Take over an old address” below to use it here."
                )
                % {"slug": slug, "title": redirect.item.title},
            )

    def _refuse_what_a_draft_cannot_hold(self, cleaned):
        held = set(draft_fields(NewsItem))
        model_fields = {field.name for field in NewsItem._meta.concrete_fields}
        for name in self.fields:
            if name in model_fields and name not in held and self._changed(cleaned, name):
                self.add_error(
                    name,
                    _(
                        "A draft keeps only the texts and the language. Publish this change "
                        "with the draft (“Publish changes”), or undo it to save the draft."
                    ),
                )

    def _refuse_a_past_unpublish_time(self, cleaned):
        unpublish_at = cleaned.get("unpublish_at")
        if (
            cleaned.get("status") == NewsItem.Status.PUBLISHED
            and unpublish_at
            and unpublish_at <= timezone.now()
            and (self._changed(cleaned, "status") or self._changed(cleaned, "unpublish_at"))
        ):
            self.add_error(
                "unpublish_at",
                _(
                    "This time has passed, so the item would stay off the site. Clear it, or "
                    "choose a later time, to publish the item."
                ),
            )

    def full_clean(self):
        super().full_clean()
        # A file input cannot be filled in again by the server: say so, rather than let the
        # editor believe the chosen image is still there.
        if (
            self.is_bound
            and self._errors
            and self.files.get(self.add_prefix("image"))
            and "image" not in self._errors
        ):
            self.add_error(
                "image",
                _(
                    "The image you chose was not saved, because of the other errors on this "
                    "page: please choose the file again."
                ),
            )


class PublishingAdminMixin:
    """For NewsItemAdmin (a VersionAdmin): see the module's docstring."""

    form = NewsItemAdminForm
    actions = ["unpublish_selected"]

    def can_publish(self, request, obj=None):
        """Publishing, unpublishing and discarding drafts are the editors' call."""
        return self.has_change_permission(request, obj) and not is_translator_only(request.user)

    def has_publish_permission(self, request):
        return self.can_publish(request)  # for the list's action (permissions=["publish"])

    def get_object(self, request, object_id, from_field=None):
        # The change form edits the item as it will be: its pending draft applied.
        obj = super().get_object(request, object_id, from_field)
        return obj.apply_pending_changes() if obj is not None else None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [OLD_ADDRESSES] if obj is not None else readonly

    @admin.display(description=_("old addresses"))
    def old_addresses(self, obj):
        slugs = obj.old_slugs.order_by("old_slug").values_list("old_slug", flat=True)
        return ", ".join(slugs) or self.get_empty_value_display()

    def get_fieldsets(self, request, obj=None):
        # Right after the slug: its old addresses, and the box to take over another item's
        # (for those who may change the slug).
        after_slug = [OLD_ADDRESSES] if obj is not None else []
        if not is_translator_only(request.user):
            after_slug.append(TAKE_OVER)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = []
            for field in options["fields"]:
                if field not in (TAKE_OVER, OLD_ADDRESSES):
                    fields.append(field)
                if field == "slug":
                    fields.extend(after_slug)
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.draft_only = is_translator_only(request.user)
        return form

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_changes_view),
                name=f"{opts.app_label}_{opts.model_name}_preview_changes",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and (
            "_discard_pending" in request.POST or "_unpublish" in request.POST
        ):
            return self.editorial_action(request, object_id)
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context.update(self.editing_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def editing_context(self, request, obj):
        live = obj.status == NewsItem.Status.PUBLISHED
        can_publish = self.can_publish(request, obj)
        return {
            "news_is_live": live,
            "news_has_pending": live and obj.has_pending_changes,
            "news_can_publish": can_publish,
            "news_can_save_draft": live and (can_publish or obj.has_pending_changes),
            "news_draft_only": not can_publish,
            # The change form only, not an earlier revision's: the previews are of the item.
            "show_previews": True,
        }

    def editorial_action(self, request, object_id):
        obj = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        if not self.can_publish(request, obj):
            raise PermissionDenied
        with reversion.create_revision():
            reversion.set_user(request.user)
            if "_discard_pending" in request.POST:
                obj.discard_pending()
                kind = "discarded"
            else:
                obj.unpublish()
                kind = "unpublished"
            reversion.set_comment(structured(kind))
        message = str(KINDS[kind])
        self.log_change(request, obj, message)
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        if change and form.saves_pending_draft:
            obj.save_pending_changes()
            obj._news_saved = "draft"
            return
        if change and obj.has_pending_changes:
            obj._news_saved = "published"
        obj.pending_changes = {}
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        saved = getattr(obj, "_news_saved", None)
        if saved and reversion.is_active():
            # Told in the reader's language by migrant_site.history.describe().
            kind = {"draft": "draft", "published": "published_changes"}[saved]
            reversion.set_comment(structured(kind, entry))
        return entry

    def response_change(self, request, obj):
        saved = getattr(obj, "_news_saved", None)
        if saved == "draft":
            self.message_user(
                request,
                gettext(
                    "Saved as a draft: the public page has not changed. Preview it, then "
                    "“Publish changes” when it is ready."
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        if saved == "published" and "_publish_pending" in request.POST:
            self.message_user(
                request,
                gettext("The changes to “%(title)s” are published.") % {"title": obj.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description=_("Unpublish the selected news items"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        items = list(queryset.filter(status=NewsItem.Status.PUBLISHED))
        for item in items:
            item.unpublish()
        reversion.set_comment(structured("unpublished"))
        self.message_user(
            request,
            ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", len(items))
            % {"count": len(items)},
            messages.SUCCESS,
        )

    def preview_changes_view(self, request, object_id, language):
        """The item as the change form now stands, unsaved, in `language`: POST the form."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or language not in dict(settings.LANGUAGES):
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        image = (obj.image.name, obj.image_width, obj.image_height)
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        form.is_valid()  # fills the instance with every value that could be read
        item = form.instance
        new_image = "image" in form.changed_data
        # Renditions are made on save: the preview keeps the saved image.
        item.image, item.image_width, item.image_height = image
        item.clean_rich_text()
        item.apply_french_typography()
        with translation.override(language):
            return preview_response(request, item, unsaved=True, new_image=new_image)
