# Django's admin looks for an app's admin module: the site's own admin is translation's.
from migrant_site.translation import admin  # noqa: F401
