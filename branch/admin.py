from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from migrant_site.editing import EditingAdminMixin
from migrant_site.history import HistoryAdminMixin
from migrant_site.rich_text import RichTextAdminMixin
from migrant_site.translation.admin import TranslatorAdminMixin

from .models import BranchProfile


@admin.register(BranchProfile)
class BranchProfileAdmin(
    HistoryAdminMixin,
    RichTextAdminMixin,
    EditingAdminMixin,
    TranslatorAdminMixin,
    VersionAdmin,
    TranslationAdmin,
):
    rich_text_fields = ["mandate"]
    # Footer links typed without a scheme are https, as Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (_("Identity"), {"fields": ["name", "acronym", "parent_organisation", "office"]}),
        (_("Quote"), {"fields": ["quote", "quote_author", "quote_source"]}),
        (_("Mandate"), {"fields": ["mandate"]}),
        (
            _("Footer"),
            {"fields": ["copyright_notice", "copyright_url", "privacy_url", "disclaimer_url"]},
        ),
    ]

    def singleton_url(self, request):
        """The admin home and sidebar open the profile itself, not a list of one."""
        profile = BranchProfile.objects.only("pk").first()
        if profile is not None:
            return reverse("admin:branch_branchprofile_change", args=[profile.pk])
        if self.has_add_permission(request):
            return reverse("admin:branch_branchprofile_add")
        return None

    def changelist_view(self, request, extra_context=None):
        url = self.singleton_url(request)
        if url:
            return redirect(url)
        return super().changelist_view(request, extra_context)

    # One branch, one profile: no second one, and it is never deleted.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and not BranchProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
