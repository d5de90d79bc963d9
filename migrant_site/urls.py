from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

# Public pages live under /en/ and /fr/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("branch.urls")),
    path(_("news/"), include("news.urls")),
    path(_("contact/"), include("contacts.urls")),
)
