from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname, get_translation_fields
from reversion.admin import VersionAdmin

from migrant_site.editing import EditingAdminMixin, site_time_zone_name
from migrant_site.history import HistoryAdminMixin
from migrant_site.rich_text import RichTextAdminMixin
from migrant_site.translation.admin import TranslatorAdminMixin
from migrant_site.translation.models import SOURCE_LANGUAGE, TARGET_LANGUAGE, translated_fields

from .models import NewsItem
from .publishing import PublishingAdminMixin


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
            ("expired", _("Expired")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=NewsItem.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        if self.value() == "expired":
            return queryset.expired()
        return queryset


class FrenchCompleteFilter(admin.SimpleListFilter):
    title = _("French complete")
    parameter_name = "french"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        # The rule of TranslationTracked.missing_translations(), in SQL: English, and no French.
        missing = Q()
        for name in translated_fields(NewsItem):
            source = build_localized_fieldname(name, SOURCE_LANGUAGE)
            target = build_localized_fieldname(name, TARGET_LANGUAGE)
            missing |= (~Q(**{source: ""}) & Q(**{f"{source}__isnull": False})) & (
                Q(**{target: ""}) | Q(**{f"{target}__isnull": True})
            )
        if self.value() == "yes":
            return queryset.exclude(missing)
        if self.value() == "no":
            return queryset.filter(missing)
        return queryset


@admin.register(NewsItem)
# PublishingAdminMixin after EditingAdminMixin: a draft's save is checked against the version
# the form was opened with too (save_model). HistoryAdminMixin first: it wraps restores.
class NewsItemAdmin(
    HistoryAdminMixin,
    RichTextAdminMixin,
    TranslatorAdminMixin,
    EditingAdminMixin,
    PublishingAdminMixin,
    VersionAdmin,
    TranslationAdmin,
):
    rich_text_fields = ["body"]
    list_display = [
        "thumbnail",
        "title",
        "state",
        "publication",
        "item_language",
        "french_complete",
    ]
    list_display_links = ["title"]
    list_filter = [PublicationStateFilter, "language", FrenchCompleteFilter]
    search_fields = get_translation_fields("title")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": (build_localized_fieldname("title", SOURCE_LANGUAGE),)}
    actions = [*TranslatorAdminMixin.actions, *PublishingAdminMixin.actions]  # both mixins' own
    # A source link typed without a scheme is https, as Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        return obj.publication_state()

    @admin.display(description="", empty_value="")
    def thumbnail(self, obj):
        # The smallest rendition, beside the title that describes it (alt="").
        if not obj.image or not obj.image_width:
            return ""
        return format_html(
            '<img src="{}" alt="" class="news-thumbnail" loading="lazy">',
            obj.image_sources()["thumbnail"],
        )

    @admin.display(description=_("publication date"), ordering="published_at")
    def publication(self, obj):
        # Date and time on two short lines, so the title keeps the width.
        moment = timezone.localtime(obj.published_at)
        return format_html(
            '<time datetime="{}">{}<br>{}</time>',
            moment.isoformat(),
            date_format(moment, "SHORT_DATE_FORMAT"),
            time_format(moment, "TIME_FORMAT"),
        )

    @admin.display(description=_("language"), ordering="language")
    def item_language(self, obj):
        return obj.get_language_display()

    @admin.display(description=_("French complete"), boolean=True)
    def french_complete(self, obj):
        return obj.french_is_complete()

    @staticmethod
    def _preview_url(obj, language):
        with translation.override(language):
            return reverse("news:preview", kwargs={"slug": obj.slug})

    def view_on_site(self, obj):
        # Visitors get a 404 for an item that is not public yet: editors see its preview.
        return (
            obj.get_absolute_url() if obj.is_published else self._preview_url(obj, get_language())
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at" and field is not None:
            zone = gettext("Time zone: %(zone)s.") % {"zone": site_time_zone_name()}
            field.help_text = f"{db_field.help_text} {zone}"
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # Django's split widget names its two boxes in plain text only: label them.
            date, time = field.widget.widgets
            name = capfirst(db_field.verbose_name)
            date.attrs["aria-label"] = gettext("%(field)s: date") % {"field": name}
            time.attrs["aria-label"] = gettext("%(field)s: time") % {"field": name}
        return field

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._say_when_it_goes_live(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._say_when_it_goes_live(request, obj)
        return response

    def _say_when_it_goes_live(self, request, obj):
        if obj.status != NewsItem.Status.PUBLISHED or obj.published_at <= timezone.now():
            return
        local = timezone.localtime(obj.published_at)
        self.message_user(
            request,
            gettext("It will go live on %(date)s at %(time)s (%(zone)s).")
            % {
                # Format strings per language: "18 March 2027 at 09:00", "18 mars 2027 à 9 h 00".
                "date": formats.date_format(local, pgettext("date format", "j F Y")),
                "time": formats.date_format(local, pgettext("time format", "H:i")),
                "zone": site_time_zone_name(),
            },
            messages.INFO,
        )
