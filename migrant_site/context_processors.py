from .cache import content_cache_seconds


def fragment_cache(request):
    """What {% fragment %} (migrant_site/templatetags/fragments.py) keys and keeps fragments by,
    read once per request."""
    seconds, version = content_cache_seconds()
    return {"fragment_cache_seconds": seconds, "content_version": version}
