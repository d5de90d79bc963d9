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
