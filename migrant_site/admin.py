from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migrant_site.models import InterfaceString
from migrant_site.translation import interface_strings


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
