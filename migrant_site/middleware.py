"""Production middleware: request log, anonymous page cache, headers, database outage page."""

import contextvars
import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, set_response_etag

from .cache import VERSION_KEY

logger = logging.getLogger(__name__)
request_log = logging.getLogger("migrant_site.request")

_request_id = contextvars.ContextVar("request_id", default=None)
# An incoming X-Request-ID (from the proxy) is kept only if it is short and plain.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every log record (None outside a request)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class RequestLogMiddleware:
    """One JSON log line per request, with an id echoed in X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            request_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            return response
        finally:
            _request_id.reset(token)


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' GET requests from the shared cache, before the rest of the stack.

    Like Django's cache middleware pair, but in one place at the top of the stack, and with the
    content version in the key, read in the same cache round trip as the page. Anyone with a
    session cookie (editors) is never served nor stored. A page is fresh for
    PAGE_CACHE_SECONDS; an older one is kept a day to answer instead of the 503 page while the
    database is down.
    """

    STALE_SECONDS = 24 * 60 * 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if request.method != "GET" or not seconds:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response

        key = (
            "page:"
            + hashlib.md5(
                f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode(),
                usedforsecurity=False,
            ).hexdigest()
        )
        try:
            found = cache.get_many([VERSION_KEY, key])
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if entry and entry[0] == version and time.time() - entry[1] < seconds:
            return entry[2]

        response = self.get_response(request)
        if response.status_code == 503 and entry:
            return entry[2]
        if self.cacheable(request, response):
            set_response_etag(response)
            try:
                cache.set(key, (version, time.time(), response), max(seconds, self.STALE_SECONDS))
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def cacheable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # The page holds a CSRF token: it belongs to this visitor only.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(
                word in response.get("Cache-Control", "") for word in ("private", "no-store")
            )
        )


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (no Django setting for it): no powerful feature is used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """The branded 503 page, in the visitor's language, when the database does not answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable", exc_info=exception)
        # Rendered without the request's context processors: they would query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        patch_cache_control(response, no_store=True)
        return response
