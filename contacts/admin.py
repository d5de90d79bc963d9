from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from migrant_site.editing import EditingAdminMixin
from migrant_site.history import HistoryAdminMixin
from migrant_site.translation.admin import TranslatorAdminMixin

from .models import Office


@admin.register(Office)
class OfficeAdmin(
    HistoryAdminMixin, EditingAdminMixin, TranslatorAdminMixin, VersionAdmin, TranslationAdmin
):
    list_display = ["unit", "acronym", "city", "phone", "email", "order"]
    list_editable = ["order"]
    search_fields = ["unit", "acronym", "city"]
