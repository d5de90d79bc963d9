"""The translators' admin: the French side of content only, their board (the to-do list) and
the site's interface strings."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, QueryDict
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from migrant_site.html import clean_html
from migrant_site.roles import EDITORS, TRANSLATORS, in_group, is_translator_only
from migrant_site.translation import interface_strings
from migrant_site.translation.models import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    InterfaceString,
    translated_fields,
)
from migrant_site.translation.status import (
    MISSING,
    OUTDATED,
    PUBLIC_STATE_LABELS,
    PUBLIC_STATES,
    board_order,
    field_statuses,
    tracked_models,
)


@admin.action(description=_("Export for a translation tool (XLIFF)"))
def export_for_translation(modeladmin, request, queryset):
    from migrant_site.translation.xliff_views import xliff_export

    return xliff_export(request, queryset)


class TranslatorAdminMixin:
    """Translators see every field of a record but can change only its French side."""

    actions = [export_for_translation]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_translator_only(request.user):
            return readonly
        originals = set(translated_fields(self.model))
        french = {build_localized_fieldname(name, TARGET_LANGUAGE) for name in originals}
        # Not the original names ("title"): modeltranslation would expand them to every language.
        return readonly + [
            field.name
            for field in self.model._meta.get_fields()
            if getattr(field, "editable", False)
            and field.concrete
            and not field.primary_key
            and field.name not in french | originals
        ]

    def get_changelist_instance(self, request):
        # The list's editable columns (list_editable) would bypass the read-only fields.
        changelist = super().get_changelist_instance(request)
        if is_translator_only(request.user):
            readonly = set(self.get_readonly_fields(request))
            changelist.list_editable = [f for f in changelist.list_editable if f not in readonly]
        return changelist

    def get_prepopulated_fields(self, request, obj=None):
        if is_translator_only(request.user):
            return {}  # the slug is read-only for them
        return super().get_prepopulated_fields(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if obj is not None and is_translator_only(request.user):
            # The translator's form: the model's own change form, each English beside its French.
            form = context["adminform"].form
            pairs = translation_pairs(obj, form)
            paired = {pair["field"].name for pair in pairs}
            response.context_data.update(
                base_change_form=select_template(response.template_name),
                translation_pairs=pairs,
                other_fields=[
                    form[name]
                    for name in form.fields
                    if name not in paired and not form[name].is_hidden  # hidden: beside the buttons
                ],
            )
            response.template_name = "admin/translator_change_form.html"
        return response

    def save_model(self, request, obj, form, change):
        if change and is_translator_only(request.user):
            # They saw each English beside its French: the French on the form is up to date.
            obj.mark_translated(
                name
                for name in translated_fields(self.model)
                if build_localized_fieldname(name, TARGET_LANGUAGE) in form.fields
            )
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if SAVE_AND_NEXT in request.POST:
            self.message_user(
                request,
                format_html(_("The French of “{}” was saved."), obj),
                messages.SUCCESS,
            )
            filters = board_filters(QueryDict(request.GET.get(BOARD_PARAMETER, "")))
            board = reverse("translation-status")
            query = urlencode({key: value for key, value in filters.items() if value})
            return HttpResponseRedirect(
                next_on_board(obj, filters) or (f"{board}?{query}" if query else board)
            )
        return super().response_change(request, obj)


SAVE_AND_NEXT = "_savenext"


def translation_pairs(record, form):
    """Each translated field of the form: its English (rendered, read-only), its French field
    and its status, in the model's order."""
    statuses = {status.name: status for status in field_statuses(record)}
    pairs = []
    for name in translated_fields(type(record)):
        french = build_localized_fieldname(name, TARGET_LANGUAGE)
        if french not in form.fields:
            continue
        english = getattr(record, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        rich = name in record.rich_text_fields
        pairs.append(
            {
                "name": name,
                "label": type(record)._meta.get_field(name).verbose_name,
                # Stored sanitised; sanitised again here, as any HTML shown is.
                "english": mark_safe(clean_html(english)) if rich else english,
                "rich": rich,
                "field": form[french],
                "status": statuses.get(name),
            }
        )
    return pairs


BOARD_NEEDS = {MISSING: _("French missing"), OUTDATED: _("English changed")}
BOARD_FILTERS = ("model", "need", "state")
# The board's filters ride along to the form, so "Save and next" stays within them.
BOARD_PARAMETER = "board"


def board_filters(query):
    """The board's filters from a QueryDict: {"model": "news.newsitem", "need": ..., "state": ...}."""
    return {key: query.get(key, "") for key in BOARD_FILTERS}


def _board(filters):
    """Every tracked record in the board's order, and whether the filters keep it."""
    models = [
        model for model in tracked_models() if filters.get("model") in ("", model._meta.label_lower)
    ]
    need, state = filters.get("need"), filters.get("state")

    def kept(status):
        return (
            status.needing_work
            and (need != MISSING or status.missing)
            and (need != OUTDATED or status.outdated)
            and (state not in PUBLIC_STATES or status.public_state == state)
        )

    return board_order(models), kept


def board_rows(filters):
    statuses, kept = _board(filters)
    return [status for status in statuses if kept(status)]


def board_link(url, filters):
    """A record's form URL, carrying the board's filters when there are any."""
    query = urlencode({key: value for key, value in filters.items() if value})
    return f"{url}?{urlencode({BOARD_PARAMETER: query})}" if query else url


def next_on_board(record, filters=None):
    """The form URL of the record after `record` on the (filtered) board, wrapping round."""
    filters = filters or board_filters(QueryDict())
    statuses, kept = _board(filters)
    here = next((i for i, status in enumerate(statuses) if status.record == record), -1)
    for status in statuses[here + 1 :] + statuses[: max(here, 0)]:
        if kept(status) and status.record != record:
            return board_link(status.url, filters)
    return None


def translation_status(request):
    """The translators' board, for Editors, Translators and superusers: every record whose
    French is missing or outdated, field by field, live records first, with the English diff."""
    if not (request.user.is_superuser or in_group(request.user, EDITORS, TRANSLATORS)):
        raise PermissionDenied
    filters = board_filters(request.GET)
    rows = board_rows(filters)
    for row in rows:
        row.link = board_link(row.url, filters)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "to_do": len(rows),
        "missing_fields": sum(len(row.missing) for row in rows),
        "outdated_fields": sum(len(row.outdated) for row in rows),
        "filters": filters,
        "model_choices": [
            (model._meta.label_lower, model._meta.verbose_name_plural) for model in tracked_models()
        ],
        "need_choices": list(BOARD_NEEDS.items()),
        "state_choices": [(state, PUBLIC_STATE_LABELS[state]) for state in PUBLIC_STATES],
        "totals": [
            {
                "name": model._meta.verbose_name_plural,
                "count": sum(1 for row in rows if row.record._meta.model is model),
                "total": model._default_manager.count(),
            }
            for model in tracked_models()
        ],
    }
    return TemplateResponse(request, "admin/translation_status.html", context)


@admin.register(InterfaceString)
class InterfaceStringAdmin(admin.ModelAdmin):
    """The site's own catalogue, for Translators: English, the file's translation, a new one."""

    list_display = ["english", "in_catalogue", "translation", "changed_at", "is_url_segment"]
    list_filter = [("translation", admin.EmptyFieldListFilter)]
    search_fields = ["english", "in_catalogue", "translation"]
    list_per_page = 50

    def get_fields(self, request, obj=None):
        fields = ["context", "english", "in_catalogue", "translation"]
        if obj is not None and obj.english_plural:
            fields = ["context", "english", "english_plural", "in_catalogue"]
            fields += ["in_catalogue_plural", "translation", "translation_plural"]
        if obj is not None and not obj.context:
            fields.remove("context")
        return fields + ["changed_by", "changed_at"]

    readonly_fields = [
        "context",
        "english",
        "english_plural",
        "in_catalogue",
        "in_catalogue_plural",
        "changed_by",
        "changed_at",
    ]

    @admin.display(boolean=True, description=_("web address (locked)"))
    def is_url_segment(self, obj):
        return obj.is_url_segment

    def has_add_permission(self, request):
        return False  # the messages come from the code, through the catalogue

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_url_segment:
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.is_url_segment:
            messages.warning(request, interface_strings.URL_SEGMENT_WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": _("Interface strings: the MIGRANT site’s catalogue"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        obj.changed_by = request.user
        obj.changed_at = timezone.now()
        super().save_model(request, obj, form, change)
