from .content_version import cache_seconds_and_version


def fragment_cache(request):
    """What {% fragment %} (migrant_site/templatetags/fragments.py) keys and keeps fragments by,
    read once per request."""
    seconds, version = cache_seconds_and_version()
    return {"fragment_cache_seconds": seconds, "content_version": version}
