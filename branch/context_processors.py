from django.utils.functional import SimpleLazyObject

from .models import BranchProfile


def site(request):
    """The branch profile for the header and footer of every page, fetched once, only if used."""
    return {"profile": SimpleLazyObject(BranchProfile.objects.for_pages)}
