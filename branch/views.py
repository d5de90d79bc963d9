from django.shortcuts import render

from news.models import NewsItem

LATEST_NEWS_COUNT = 4


def home(request):
    latest_news = NewsItem.objects.published()[:LATEST_NEWS_COUNT]
    return render(request, "branch/home.html", {"latest_news": latest_news})
