"""What Translators may do: the French side of content, the interface strings, their to-do list."""

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from migrant_site.i18n import TARGET_LANGUAGE, translated_fields

EDITORS = "Editors"
TRANSLATORS = "Translators"

# The models whose French the status board follows, in the order it lists them.
TRACKED_MODELS = ["branch.BranchProfile", "news.NewsItem", "contacts.Office"]


def group_names(user):
    """The user's groups, read once per request (the admin asks several times per form)."""
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def in_group(user, *names):
    return user.is_active and not group_names(user).isdisjoint(names)


def is_translator_only(user):
    """A Translator who is neither an Editor nor a superuser: French fields only."""
    return not user.is_superuser and in_group(user, TRANSLATORS) and not in_group(user, EDITORS)


class TranslatorAdminMixin:
    """Translators see every field of a record but can change only its French side."""

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

    def get_prepopulated_fields(self, request, obj=None):
        if is_translator_only(request.user):
            return {}  # the slug is read-only for them
        return super().get_prepopulated_fields(request, obj)


def records_needing_translation(model):
    """Every record of `model` whose French is missing or older than its English."""
    rows = []
    for record in model._default_manager.all():
        missing = record.missing_translations()
        if missing or record.translation_is_outdated:
            rows.append(
                {
                    "record": record,
                    "missing": [model._meta.get_field(name).verbose_name for name in missing],
                    "outdated": record.translation_is_outdated,
                    "url": reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                        args=[record.pk],
                    ),
                }
            )
    return rows


def translation_status(request):
    """The translators' to-do list, for Editors, Translators and superusers."""
    if not (request.user.is_superuser or in_group(request.user, EDITORS, TRANSLATORS)):
        raise PermissionDenied
    sections = []
    for label in TRACKED_MODELS:
        model = apps.get_model(label)
        rows = records_needing_translation(model)
        sections.append(
            {
                "name": model._meta.verbose_name_plural,
                "rows": rows,
                "total": model._default_manager.count(),
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "sections": sections,
        "to_do": sum(len(section["rows"]) for section in sections),
    }
    return TemplateResponse(request, "admin/translation_status.html", context)
