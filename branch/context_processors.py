from django.utils.functional import SimpleLazyObject

from migrant_site.content_version import remember

from .models import BranchProfile


def cached_profile():
    return remember("branch-profile", BranchProfile.objects.load)


def site(request):
    """The branch profile for the header and footer of every page: fetched only if used, and
    then kept in memory until the next edit."""
    return {"profile": SimpleLazyObject(cached_profile)}
