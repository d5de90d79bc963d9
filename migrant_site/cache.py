"""The content version: part of every cached page's key, bumped by any change of content.

The version lives in the shared cache (Redis in production), so one bump makes every instance
miss its cached pages at once; the old entries simply expire.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "content-version"
# The apps whose models are shown on public pages. Any model of theirs (present or added later)
# invalidates the pages when saved or deleted.
CONTENT_APPS = {"branch", "news", "contacts"}


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # First change since the cache started: start from a value no earlier run has used.
        if not cache.add(VERSION_KEY, time.time_ns(), timeout=None):
            cache.incr(VERSION_KEY)


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        # After commit: another instance rendering before then would otherwise cache the old
        # content under the new version. Robust: a cache outage must not fail the save itself.
        transaction.on_commit(bump_content_version, robust=True)


def connect_content_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"content_changed_{id(signal)}")
