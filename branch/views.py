from django.shortcuts import render

from news.models import NewsItem

LATEST_NEWS_COUNT = 4


def latest_news():
    return NewsItem.objects.published()[:LATEST_NEWS_COUNT]


def home(request):
    # A callable, not a queryset: the template calls it only when it rebuilds the cached
    # fragment that lists the news (building a queryset alone costs more than the fragment).
    return render(request, "branch/home.html", {"latest_news": latest_news})
