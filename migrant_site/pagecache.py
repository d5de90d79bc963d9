"""The anonymous page cache: whole pages for visitors without a session, keyed by URL.

A page is stored, with the content version it was rendered under, in the shared cache (Redis in
production: every instance and worker can answer it) and in this process's memory (answered
without a round trip). It is fresh while the content version is unchanged and it is younger than
PAGE_CACHE_SECONDS; an older copy is kept a day, to answer instead of the 503 page while the
database is down.

Two places use it:
- `AnonymousPageCacheMiddleware`, first in the middleware stack, renders and stores pages, and
  answers from the cache what reaches it (the test client, a stale copy during an outage);
- `CachedPageApplication` wraps the WSGI application (wsgi.py) and answers fresh pages before
  Django's handler and middleware run at all: most of the cost of a cached page is that stack.
"""

import hashlib
import logging
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from .cache import SharedCacheUnavailable, content_version, local_cache
from .middleware import request_id_for

logger = logging.getLogger(__name__)

STALE_SECONDS = 24 * 60 * 60


class CachedPage(NamedTuple):
    """A stored 200 answer: its content version, when it was stored, its headers and body."""

    version: int | None
    stored_at: float
    headers: list[tuple[str, str]]
    body: bytes

    def is_fresh(self, version):
        return (
            self.version == version and time.time() - self.stored_at < settings.PAGE_CACHE_SECONDS
        )

    def response(self):
        response = HttpResponse(self.body)
        for name, value in self.headers:
            response[name] = value
        return response


# What identifies a page: the parts of the request, as received, that make up its URL.
KEY_PARTS = (
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)


def page_key(environ):
    """The cache key of the page a request (its WSGI environ, or request.META) asks for.

    Made from the request as received, with nothing to validate: only pages that Django answered
    200 are stored, so a key made with a host Django refuses is never found.
    """
    raw = "\n".join(str(environ.get(name, "")) for name in KEY_PARTS)
    return "page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def is_anonymous_get(environ):
    """Only these are served and stored: anyone with a session (editors) sees live pages."""
    return environ["REQUEST_METHOD"] == "GET" and settings.SESSION_COOKIE_NAME not in parse_cookie(
        environ.get("HTTP_COOKIE", "")
    )


def find(key):
    """(current content version, the cached page at `key` or None), fresh or not.

    Raises when the shared cache does not answer.
    """
    version = content_version()
    page = local_cache().get(key)
    if page is None or page.version != version:
        page = cache.get(key) or page
        if page is not None and page.version == version:
            local_cache().set(key, page, STALE_SECONDS)
    return version, page


def store(key, version, response):
    page = CachedPage(version, time.time(), list(response.items()), response.content)
    local_cache().set(key, page, STALE_SECONDS)
    cache.set(key, page, STALE_SECONDS)


def cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token: it belongs to this visitor only.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in response.get("Cache-Control", "") for word in ("private", "no-store"))
    )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' pages, before the rest of the middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
            return self.get_response(request)
        if not is_anonymous_get(request.META):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        key = page_key(request.META)
        try:
            version, page = find(key)
        except SharedCacheUnavailable:
            return self.get_response(request)  # logged once a second, by content_version()
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if page and page.is_fresh(version):
            return page.response()

        response = self.get_response(request)
        if response.status_code == 503 and page:
            return page.response()
        if cacheable(request, response):
            set_response_etag(response)
            try:
                store(key, version, response)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        return response


class CachedPageApplication:
    """WSGI: answer a fresh cached page at once; hand everything else to Django.

    The page was stored after the whole stack ran, so it carries every header it had then
    (security headers, ETag, Content-Length). Only the request id and a 304 for a matching
    If-None-Match are added here. Gunicorn's access log records these requests.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        page = self.fresh_page(environ)
        if page is None:
            return self.application(environ, start_response)
        request = WSGIRequest(environ)
        request_id = ("X-Request-ID", request_id_for(request))
        if "HTTP_IF_NONE_MATCH" not in environ:
            start_response("200 OK", [*page.headers, request_id])
            return [page.body]
        # A revalidation: Django's own rules decide between 304 and the page.
        response = page.response()
        response = get_conditional_response(request, etag=response["ETag"], response=response)
        start_response(
            f"{response.status_code} {response.reason_phrase}", [*response.items(), request_id]
        )
        return [response.content]

    @staticmethod
    def fresh_page(environ):
        if not (settings.PAGE_CACHE_SECONDS and is_anonymous_get(environ)):
            return None
        try:
            version, page = find(page_key(environ))
        except Exception:
            return None  # the cache is down: Django renders the page (the middleware logs it)
        return page if page and page.is_fresh(version) else None
