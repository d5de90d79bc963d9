from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import ExtractYear
from django.urls import reverse

from .models import NewsItem


class LocalizedSitemap(Sitemap):
    # Each URL once per language, with xhtml:link alternates for en, fr and x-default.
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        # Django builds x-default by removing the /en/ prefix, as if English had none. Here
        # every language is prefixed and segments are translated (/news/ is a 404 for a French
        # browser), so x-default is the English URL, as in the head of every page.
        for url in urls:
            by_language = {alt["lang_code"]: alt for alt in url["alternates"]}
            if "x-default" in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls


def latest_news_update():
    return NewsItem.objects.published().aggregate(Max("updated_at"))["updated_at__max"]


class PagesSitemap(LocalizedSitemap):
    """Fixed pages. Home and news list change when news does; the contact page has no date."""

    NEWS_DATED = {"branch:home", "news:list"}

    def items(self):
        self.news_updated = latest_news_update()
        return ["branch:home", "news:list", "contacts:contact"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.news_updated if item in self.NEWS_DATED else None


class NewsSitemap(LocalizedSitemap):
    def items(self):
        return NewsItem.objects.published().order_by("published_at", "pk")

    def lastmod(self, item):
        return item.updated_at


class NewsYearSitemap(LocalizedSitemap):
    def items(self):
        return list(
            NewsItem.objects.published()
            .annotate(year=ExtractYear("published_at"))
            .values("year")
            .annotate(updated=Max("updated_at"))
            .order_by("year")
        )

    def location(self, item):
        return reverse("news:year", kwargs={"year": item["year"]})

    def lastmod(self, item):
        return item["updated"]


sitemaps = {"pages": PagesSitemap, "news": NewsSitemap, "years": NewsYearSitemap}
