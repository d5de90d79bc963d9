from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from migrant_site.translators import translation_status

urlpatterns = [
    path(
        "admin/translation-status/",
        admin.site.admin_view(translation_status),
        name="translation-status",
    ),
    path("admin/", admin.site.urls),
    # Translators edit the interface strings (locale/fr) here.
    path("rosetta/", include("rosetta.urls")),
]

# Public pages live under /en/ and /fr/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("branch.urls")),
    path(_("news/"), include("news.urls")),
    path(_("contact/"), include("contacts.urls")),
)

# Uploaded news images, served by Django only in development (a web server serves them otherwise).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
