from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, YearArchiveView

from migrant_site.content_version import remember

from . import search
from .models import NewsItem, NewsSlugRedirect


class PublishedNewsMixin:
    # A method, not a class attribute: "published" depends on the time of the request.
    def get_queryset(self):
        return NewsItem.objects.published()


class ElidedPaginationMixin:
    """Page links as 1 2 … 9 10 11 … 99 100, not a hundred links."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class NewsListView(PublishedNewsMixin, ElidedPaginationMixin, ListView):
    paginate_by = 10
    template_name = "news/newsitem_list.html"

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # One query gives both the year links and the total the paginator would count itself.
        # It reads every published item, so it is kept until the next edit (60 s at most).
        self.years = remember("news-years", lambda: list(queryset.years()))
        paginator.count = sum(count for _, count in self.years)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = self.years  # set while paginating, above
        return context


class NewsYearArchiveView(PublishedNewsMixin, YearArchiveView):
    date_field = "published_at"
    make_object_list = True
    allow_empty = False  # a year without items is a 404, not an empty page
    template_name = "news/newsitem_archive_year.html"


class NewsDetailView(PublishedNewsMixin, DetailView):
    template_name = "news/newsitem_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return moved_or_gone(request, kwargs["slug"])


def moved_or_gone(request, slug):
    """No public item at `slug`: 301 from an old slug to the item's address, 410 Gone for an
    item taken off the site (unpublished or expired), 404 otherwise."""
    moved_to = (
        NewsSlugRedirect.objects.filter(old_slug=slug).values_list("item_id", flat=True).first()
    )
    lookup = {"pk": moved_to} if moved_to else {"slug": slug}
    item = NewsItem.objects.filter(**lookup).first()  # its manager leaves out search documents
    if item is not None and item.is_published:
        return HttpResponsePermanentRedirect(item.get_absolute_url())
    if item is not None and item.is_expired:
        return render(request, "410.html", status=410)
    raise Http404


def preview_response(request, newsitem, **context):
    response = render(
        request,
        "news/newsitem_detail.html",
        {"newsitem": newsitem, "object": newsitem, "preview": True, **context},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def preview(request, slug):
    """Any item, draft or not, with its pending changes, as visitors would see it; only staff
    who may view news. 404 else."""
    if not (request.user.is_staff and request.user.has_perm("news.view_newsitem")):
        raise Http404
    newsitem = get_object_or_404(NewsItem, slug=slug)
    return preview_response(
        request, newsitem.apply_pending_changes(), pending=newsitem.has_pending_changes
    )


class SearchView(ElidedPaginationMixin, ListView):
    """Published news matching ?q= in the page's language. Any input gets a calm answer."""

    paginate_by = 10
    template_name = "news/search.html"
    MAX_QUERY_LENGTH = 200

    def get_query(self):
        # NUL bytes are refused by PostgreSQL; a huge query is neither useful nor cheap.
        query = self.request.GET.get("q", "").replace("\x00", "")
        return " ".join(query.split())[: self.MAX_QUERY_LENGTH]

    def get_queryset(self):
        self.query = self.get_query()
        if not self.query:
            return []
        # The best matches only (search.MAX_RESULTS): a page beyond them is a 404.
        return search.Results(NewsItem.objects.published(), self.query, get_language())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            truncated=getattr(self.object_list, "truncated", False),
            max_results=search.MAX_RESULTS,
            **kwargs,
        )
