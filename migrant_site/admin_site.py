"""The admin as this site's own: its name, the branch profile one click away, the work to do."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class MigrantAdminSite(admin.AdminSite):
    site_header = _("MIGRANT — site administration")
    site_title = _("MIGRANT — site administration")

    def get_app_list(self, request, app_label=None):
        """A singleton's link opens its one record (ModelAdmin.singleton_url)."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for entry in app["models"]:
                model_admin = self._registry.get(entry["model"])
                url = getattr(model_admin, "singleton_url", lambda request: None)(request)
                if url:
                    entry["admin_url"] = url
                    entry["add_url"] = None
        return app_list

    def index(self, request, extra_context=None):
        # Imported here: this module is loaded with the app registry, before any model.
        from migrant_site.dashboard import work_for
        from migrant_site.roles import EDITORS, TRANSLATORS, in_group

        user = request.user
        context = {
            "can_see_translation_status": user.is_superuser or in_group(user, EDITORS, TRANSLATORS),
            "work": work_for(request),
            **(extra_context or {}),
        }
        return super().index(request, context)


class MigrantAdminConfig(AdminConfig):
    default_site = "migrant_site.admin_site.MigrantAdminSite"
