from .cache import content_cache_seconds


def fragment_cache(request):
    """For {% cache fragment_cache_seconds "name" content_version … using="local" %}: a fragment
    is rebuilt after any edit (new version), and not reused at all while the cache is down."""
    seconds, version = content_cache_seconds()
    return {"fragment_cache_seconds": seconds, "content_version": version}
