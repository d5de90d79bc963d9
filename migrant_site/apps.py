from django.apps import AppConfig


class MigrantSiteConfig(AppConfig):
    """The project's own plumbing: page cache invalidation, health check, backup commands."""

    name = "migrant_site"
    verbose_name = "MIGRANT site"

    def ready(self):
        from . import cache

        cache.connect_content_signals()
