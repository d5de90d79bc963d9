from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from .models import NewsItem


class PublishedNewsMixin:
    # A method, not a class attribute: "published" depends on the time of the request.
    def get_queryset(self):
        return NewsItem.objects.published()


class NewsListView(PublishedNewsMixin, ListView):
    paginate_by = 10
    template_name = "news/newsitem_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class NewsDetailView(PublishedNewsMixin, DetailView):
    template_name = "news/newsitem_detail.html"


@never_cache
def preview(request, slug):
    """Any item, draft or not, as visitors would see it; only staff who may view news. 404 else."""
    if not (request.user.is_staff and request.user.has_perm("news.view_newsitem")):
        raise Http404
    newsitem = get_object_or_404(NewsItem, slug=slug)
    response = render(
        request,
        "news/newsitem_detail.html",
        {"newsitem": newsitem, "object": newsitem, "preview": True},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
