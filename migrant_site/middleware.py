"""Production middleware: request ids, headers, database outage page (page cache: pagecache.py)."""

import contextvars
import logging
import os
import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# The errors of a database that went away (as opposed to a bug in a query).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

_request_id = contextvars.ContextVar("request_id", default=None)
# An incoming X-Request-ID (from the proxy) is kept only if it is short and plain.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_from(meta):
    """The proxy's X-Request-ID (in a WSGI environ or request.META) when it is short and plain,
    else a new one."""
    incoming = meta.get("HTTP_X_REQUEST_ID", "")
    return incoming if VALID_REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every log record (None outside a request)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    """Gives each request an id: echoed in X-Request-ID, carried by every log line it causes.

    Gunicorn's access log (gunicorn.conf.py) is the one line per request, with this id in it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.META)
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            return response
        finally:
            _request_id.reset(token)


class AllowedMethodsMiddleware:
    """405 for any method but GET, HEAD and POST: nothing here answers TRACE, PUT and the like,
    and a function view would otherwise render its page for them."""

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (no Django setting for it): no powerful feature is used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def database_unavailable():
    """The branded 503 page, in the active language; it needs no database."""
    # Rendered without the request's context processors: they would query the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    patch_cache_control(response, no_store=True)
    return response


class DatabaseUnavailableMiddleware:
    """The branded 503 page, in the visitor's language, when the database does not answer.

    This covers the views; `migrant_site.views.server_error` covers the rest of the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.error("Database unavailable", exc_info=exception)
        return database_unavailable()
