from django.apps import AppConfig
from django.core.signals import request_started
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MigrantSiteConfig(AppConfig):
    """The project's own plumbing: page cache invalidation, health check, backup commands, the
    interface strings translated on the web."""

    name = "migrant_site"
    # The admin's section for its one model there, the interface strings.
    verbose_name = _("Site interface")

    def ready(self):
        from . import content_version
        from .translation import interface_strings

        content_version.connect_content_signals()
        post_migrate.connect(interface_strings.sync_catalogue, sender=self)
        request_started.connect(
            interface_strings.refresh_translations, dispatch_uid="refresh_translations"
        )
