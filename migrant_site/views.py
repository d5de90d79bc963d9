import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache

from .middleware import DATABASE_UNAVAILABLE, database_unavailable


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def cache_answers():
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # Any cache backend error means the cache is not usable.
        return False


@never_cache
def healthz(request):
    """For load balancers and the container: 200 when the database and the cache answer."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request):
    """handler500. A database that went away outside a view (a middleware saving the session,
    say) still gets the branded 503 page; any other failure gets the 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable()
    return defaults.server_error(request)
