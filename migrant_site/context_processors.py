from .content_version import cache_seconds_and_version


def fragment_cache(request):
    """For {% cache fragment_cache_seconds "name" content_version … using="local" %}: a fragment
    is rebuilt after any edit (new version), and not reused at all while the cache is down."""
    seconds, version = cache_seconds_and_version()
    return {"fragment_cache_seconds": seconds, "content_version": version}
