from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin

from migrant_site.history import HistoryAdminMixin
from migrant_site.i18n import SOURCE_LANGUAGE, TARGET_LANGUAGE, translated_fields
from migrant_site.rich_text import RichTextAdminMixin
from migrant_site.translators import TranslatorAdminMixin

from .models import NewsItem


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=NewsItem.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        dates = model_admin.get_queryset(request).dates("published_at", "year", order="DESC")
        return [(str(date.year), str(date.year)) for date in dates]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.annotate(year=ExtractYear("published_at")).filter(
                year=int(self.value())
            )
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
class NewsItemAdmin(
    HistoryAdminMixin, RichTextAdminMixin, TranslatorAdminMixin, VersionAdmin, TranslationAdmin
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
    list_filter = [PublicationStateFilter, YearFilter, "language", FrenchCompleteFilter]
    search_fields = ["title_en", "title_fr"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title_en",)}
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at" and field is not None:
            # Django's split widget names its two boxes in plain text only: label them.
            date, time = field.widget.widgets
            date.attrs["aria-label"] = _("Publication date")
            time.attrs["aria-label"] = _("Publication time")
        return field

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["preview_links"] = [
                (name, self._preview_url(obj, code)) for code, name in LANGUAGE_NAMES
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, obj):
        # A draft or scheduled item is not on the site yet (the preview links show it).
        return obj.get_absolute_url() if obj.is_published else None

    @staticmethod
    def _preview_url(obj, language):
        with translation.override(language):
            return reverse("news:preview", kwargs={"slug": obj.slug})


LANGUAGE_NAMES = [("en", _("Preview in English")), ("fr", _("Preview in French"))]
