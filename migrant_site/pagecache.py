"""The anonymous page cache: whole pages for visitors without a session, keyed by what they show.

A page is stored, with the content version it was rendered under, in the shared cache (Redis in
production: every instance and worker can answer it) and in this process's memory (answered
without a round trip, nor unpickling). It is fresh while the content version is unchanged and it
is younger than PAGE_CACHE_SECONDS; an older copy is kept a day, to answer instead of the 503
page while the database is down. Every key has that lifetime: only the content version lives
without one, so a full Redis (`volatile-lru`) evicts pages, never the version.

A key is made from what the page depends on: the release (RELEASE_ID: the hashed CSS of another
release may be gone), the scheme and host as Django reads them, the path, and the query
parameters a view reads (`QUERY_PARAMETERS`); any other parameter (`?utm_source=…`) is left out,
so such visits get the same cached page. A page is stored only from a request that asked for
nothing else, and pages with a query string or an unusual host are stored at most
`OPEN_STORES_PER_MINUTE` times a minute per process: a stream of made-up URLs adds a bounded
number of keys.

Two places use it:
- `AnonymousPageCacheMiddleware`, first in the middleware stack, renders and stores pages, and
  answers from the cache what reaches it (the test client, a stale copy during an outage);
- `CachedPageApplication` wraps the WSGI application (wsgi.py) and answers fresh pages before
  Django's handler and middleware run at all: most of the cost of a cached page is that stack.
  It looks the page up once; on a miss it hands what it found to the middleware.
"""

import functools
import hashlib
import logging
import time
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)

from .content_version import SharedCacheUnavailable, content_version
from .middleware import request_id_from

logger = logging.getLogger(__name__)

STALE_SECONDS = 24 * 60 * 60
# Browsers keep a public page this long at most (shared caches: PAGE_CACHE_SECONDS).
BROWSER_SECONDS = 30
# The query parameters each view reads, by URL name; every other view reads none.
QUERY_PARAMETERS = {"news:list": {"page"}, "search": {"q", "page"}}
KEY_PARAMETERS = frozenset().union(*QUERY_PARAMETERS.values())
# Pages kept in each process's memory, the oldest stored going first.
LOCAL_PAGES = 500
# New pages with a query string or an unusual host (a port, capitals) stored per process and
# minute: searches and list pages are cached, a flood of made-up ones is not.
OPEN_STORES_PER_MINUTE = 60
# Where the WSGI application leaves its lookup for the middleware (one lookup per request).
LOOKUP = "migrant_site.pagecache"


class Config(NamedTuple):
    """The settings a cached page's answer reads, read once (settings' lookups cost per hit)."""

    seconds: int
    release: str
    proxy_ssl_header: tuple | None
    forwarded_host: bool
    session_cookie: str
    file_prefixes: tuple[str, str]


@functools.cache
def config():
    return Config(
        settings.PAGE_CACHE_SECONDS,
        settings.RELEASE_ID,
        settings.SECURE_PROXY_SSL_HEADER,
        settings.USE_X_FORWARDED_HOST,
        settings.SESSION_COOKIE_NAME,
        (settings.STATIC_URL, settings.MEDIA_URL),
    )


@receiver(setting_changed)
def reread_config(**kwargs):
    config.cache_clear()


class CachedPage(NamedTuple):
    """A stored 200 answer: its content version, when it was stored, its headers and body."""

    version: int | None
    stored_at: float
    headers: list[tuple[str, str]]
    body: bytes

    def is_fresh(self, version):
        return self.version == version and time.time() - self.stored_at < config().seconds

    def response(self):
        response = HttpResponse(self.body)
        for name, value in self.headers:
            response[name] = value
        return response


class Key(NamedTuple):
    """A request's page key, whether the request asked for anything beyond what it names
    (`canonical`), and whether it needs a share of the open budget to be stored (`open`)."""

    key: str
    canonical: bool
    open: bool
    parameters: frozenset


def request_scheme(environ):
    """The scheme as Django's `request.scheme` reads it (behind the trusted proxy's header)."""
    if config().proxy_ssl_header:
        header, secure = config().proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure else "http"
    return environ.get("wsgi.url_scheme", "http")


def request_host(environ):
    """The host as Django's `request.get_host()` reads it, before validating it: a page is
    stored only when Django answered 200, so a key made with a host it refuses is never found."""
    if config().forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    host, port = environ["SERVER_NAME"], str(environ["SERVER_PORT"])
    return (
        host
        if port == ("443" if request_scheme(environ) == "https" else "80")
        else f"{host}:{port}"
    )


def page_key(environ):
    """The Key of the page a request (its WSGI environ, or request.META) asks for."""
    query = environ.get("QUERY_STRING", "")
    pairs = parse_qsl(query, keep_blank_values=True) if query else []
    known = sorted(pair for pair in pairs if pair[0] in KEY_PARAMETERS)
    names = frozenset(name for name, _ in known)
    host = request_host(environ)
    raw = "\n".join(
        (
            config().release,
            request_scheme(environ),
            host,
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            urlencode(known),
        )
    )
    return Key(
        key="page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest(),
        canonical=len(known) == len(pairs) == len(names),
        open=bool(query) or host != host.lower() or ":" in host.rpartition("]")[2],
        parameters=names,
    )


def is_anonymous_get(environ):
    """Only these are served and stored: anyone with a session (editors) sees live pages."""
    return environ["REQUEST_METHOD"] == "GET" and (
        "HTTP_COOKIE" not in environ
        or config().session_cookie not in parse_cookie(environ["HTTP_COOKIE"])
    )


def is_static(path):
    """Static and media files: never pages (WhiteNoise or the web server answers them)."""
    return path.startswith(config().file_prefixes)


# This process's own copies: plain objects in a dict, so a hit unpickles nothing.
_local_pages = {}


def local_get(key):
    return _local_pages.get(key)


def local_set(key, page):
    _local_pages.pop(key, None)
    while len(_local_pages) >= LOCAL_PAGES:
        try:
            del _local_pages[next(iter(_local_pages))]
        except (KeyError, StopIteration, RuntimeError):  # another thread took it first
            break
    _local_pages[key] = page


def clear_local_pages():
    _local_pages.clear()


def find(key):
    """(current content version, the cached page at `key` or None), fresh or not.

    Raises when the shared cache does not answer.
    """
    version = content_version()
    page = local_get(key)
    if page is None or page.version != version:
        page = cache.get(key) or page
        if page is not None and page.version == version:
            local_set(key, page)
    return version, page


class OpenBudget:
    """At most `per_minute` stores a minute (per process)."""

    def __init__(self, per_minute):
        self.per_minute = per_minute
        self.reset()

    def reset(self):
        self.minute, self.used = 0, 0

    def take(self):
        minute = int(time.time() // 60)
        if minute != self.minute:
            self.minute, self.used = minute, 0
        self.used += 1
        return self.used <= self.per_minute


open_budget = OpenBudget(OPEN_STORES_PER_MINUTE)


def store(key, version, response):
    page = CachedPage(version, time.time(), list(response.items()), response.content)
    local_set(key, page)
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


def reads_only_its_parameters(request, key):
    """The request names only query parameters its view reads, with plain values."""
    match = request.resolver_match
    allowed = QUERY_PARAMETERS.get(match.view_name, set()) if match else set()
    page = request.GET.get("page")
    return key.parameters <= allowed and (page is None or (page.isdigit() and page[0] != "0"))


def make_public(response):
    """What shared caches (nginx, a CDN) and browsers may keep, consistent with this cache."""
    seconds = config().seconds
    patch_cache_control(
        response,
        public=True,
        max_age=min(BROWSER_SECONDS, seconds),
        s_maxage=seconds,
        stale_while_revalidate=seconds,
        stale_if_error=STALE_SECONDS,
    )
    if getattr(response, "same_in_every_language", False):
        vary = [v for v in cc_delim_re.split(response.get("Vary", "")) if v]
        response.headers.pop("Vary", None)
        if kept := [v for v in vary if v.lower() != "accept-language"]:
            response["Vary"] = ", ".join(kept)


def same_in_every_language(view):
    """For a view outside /en/ and /fr/ whose answer does not depend on the visitor's language
    (robots.txt, the sitemap): shared caches need not keep a copy per Accept-Language."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response.same_in_every_language = True
        return response

    return wrapped


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' pages, before the rest of the middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not config().seconds or is_static(request.path):
            return self.get_response(request)
        if not is_anonymous_get(request.META):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            found = request.META.pop(LOOKUP, None)
            if found is None:
                key = page_key(request.META)
                version, page = find(key.key)
            else:
                key, version, page = found
        except Exception as error:
            if not isinstance(error, SharedCacheUnavailable):  # logged by content_version()
                logger.warning("Page cache unavailable", exc_info=True)
            key = version = page = None  # rendered, and not stored
        if page and page.is_fresh(version):
            return page.response()

        response = self.get_response(request)
        if response.status_code == 503 and page:
            return page.response()
        if not cacheable(request, response):
            if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                patch_cache_control(response, private=True)
            return response
        # Shared caches may keep it even while this cache is down.
        make_public(response)
        set_response_etag(response)
        if key is None or not (key.canonical and reads_only_its_parameters(request, key)):
            return response  # not stored: its key would be that of another page
        if key.open and not open_budget.take():
            return response
        try:
            store(key.key, version, response)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
        return response


class CachedPageApplication:
    """WSGI: answer a fresh cached page at once; hand everything else to Django.

    The page was stored after the whole stack ran, so it carries every header it had then
    (security headers, Cache-Control, ETag, Content-Length). Only the request id and a 304 for
    a matching If-None-Match are added here. Gunicorn's access log records these requests.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            config().seconds
            and is_anonymous_get(environ)
            and not is_static(environ.get("PATH_INFO", ""))
        ):
            key = page_key(environ)
            try:
                version, page = find(key.key)
            except Exception:
                # The cache is down: Django renders the page (the middleware logs it).
                return self.application(environ, start_response)
            if page is not None and page.is_fresh(version):
                return self.answer(environ, start_response, page)
            environ[LOOKUP] = (key, version, page)  # the middleware needs not look again
        return self.application(environ, start_response)

    @staticmethod
    def answer(environ, start_response, page):
        request_id = ("X-Request-ID", request_id_from(environ))
        if "HTTP_IF_NONE_MATCH" not in environ:
            start_response("200 OK", [*page.headers, request_id])
            return [page.body]
        # A revalidation: Django's own rules decide between 304 and the page.
        response = page.response()
        response = get_conditional_response(
            WSGIRequest(environ), etag=response["ETag"], response=response
        )
        start_response(
            f"{response.status_code} {response.reason_phrase}", [*response.items(), request_id]
        )
        return [response.content]
