import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migrant_site.settings")

from migrant_site.pagecache import CachedPageApplication  # noqa: E402 (needs the settings module)

# Fresh cached pages are answered before Django's handler runs (see pagecache.py).
application = CachedPageApplication(get_wsgi_application())
