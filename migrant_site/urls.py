from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from migrant_site.pagecache import same_in_every_language
from migrant_site.rich_text import javascript_catalog
from migrant_site.translation import xliff_views
from migrant_site.translation.admin import translation_status
from news.sitemaps import sitemaps
from news.views import SearchView

from . import views

urlpatterns = [
    path(
        f"{settings.ADMIN_URL}translation-status/",
        admin.site.admin_view(translation_status),
        name="translation-status",
    ),
    path(f"{settings.ADMIN_URL}rich-text-i18n/", javascript_catalog, name="rich-text-i18n"),
    path(
        f"{settings.ADMIN_URL}translation-status/xliff/",
        admin.site.admin_view(xliff_views.xliff_export),
        name="xliff-export",
    ),
    path(
        f"{settings.ADMIN_URL}translation-status/xliff/import/",
        admin.site.admin_view(xliff_views.xliff_import),
        name="xliff-import",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", same_in_every_language(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        same_in_every_language(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
    ),
    path("healthz", views.healthz, name="healthz"),
]

# Public pages live under /en/ and /fr/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("branch.urls")),
    path(_("news/"), include("news.urls")),
    path(_("contact/"), include("contacts.urls")),
    path(_("search/"), SearchView.as_view(), name="search"),
)

# Uploaded news images, served by Django only in development (a web server serves them otherwise).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "migrant_site.views.server_error"
