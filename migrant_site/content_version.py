"""The content version: part of every cached page's and fragment's key, bumped by any change.

The version lives in the shared cache (Redis in production), so one bump makes every instance
miss its cached pages at once; the old entries simply expire. Each process keeps the version it
last read for VERSION_CHECK_SECONDS, so a cached page costs no round trip to Redis: an edit made
on one instance reaches the anonymous visitors of the others within that second (at once on the
instance that saved it).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "content-version"
VERSION_CHECK_SECONDS = 1
# The apps whose models are shown on public pages. Any model of theirs (present or added later)
# invalidates the pages when saved or deleted.
CONTENT_APPS = {"branch", "news", "contacts"}
UNAVAILABLE = "unavailable"  # in place of the version, while the shared cache does not answer
logger = logging.getLogger(__name__)


def local_cache():
    """This process's own memory (the "local" cache): no network, nothing shared."""
    return caches["local"]


class SharedCacheUnavailable(Exception):
    pass


# (the version, the time.time() it was read at): trusted for VERSION_CHECK_SECONDS after that,
# and asked again at once if the clock went back.
_last_read = (None, 0.0)


def content_version():
    """The shared content version as this process last read it, at most a second ago.

    None until the first change since the shared cache started. Raises SharedCacheUnavailable
    if the shared cache did not answer: callers then do without caching.
    """
    global _last_read
    version, read_at = _last_read
    if not 0 <= time.time() - read_at < VERSION_CHECK_SECONDS:
        try:
            version = cache.get(VERSION_KEY)
        except Exception as error:  # any backend's failure: Redis down, unreachable, slow
            logger.warning("Shared cache unavailable: %s", error)
            # Remembered for the second too: a Redis that does not answer costs one timeout a
            # second per process, not one for every page and fragment that asks.
            version = UNAVAILABLE
        _last_read = (version, time.time())
    if version == UNAVAILABLE:
        raise SharedCacheUnavailable
    return version


def forget_content_version():
    """Ask the shared cache for the version on the next call."""
    global _last_read
    _last_read = (None, 0.0)


def cache_seconds_and_version():
    """(CONTENT_CACHE_SECONDS, content version), or (0, None) when the shared cache is down:
    without the version, edits made elsewhere would go unseen, so nothing is reused then."""
    seconds = settings.CONTENT_CACHE_SECONDS
    if not seconds:
        return 0, None
    try:
        return seconds, content_version()
    except SharedCacheUnavailable:
        return 0, None


def remember(name, compute):
    """compute()'s result, reused by this process while the content version stays the same."""
    seconds, version = cache_seconds_and_version()
    if not seconds:
        return compute()
    return local_cache().get_or_set(f"{name}:{version}", compute, seconds)


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # First change since the cache started: start from a value no earlier run has used.
        if not cache.add(VERSION_KEY, time.time_ns(), timeout=None):
            cache.incr(VERSION_KEY)
    forget_content_version()


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        # After commit: another instance rendering before then would otherwise cache the old
        # content under the new version. Robust: a cache outage must not fail the save itself.
        transaction.on_commit(bump_content_version, robust=True)


def connect_content_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"content_changed_{id(signal)}")
