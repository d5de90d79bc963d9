from django.urls import path

from . import feeds, views

app_name = "news"

# Fixed paths before the slug, or the slug pattern would swallow them.
urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    path("feed/", feeds.LatestNewsFeed(), name="feed"),
    path("atom/", feeds.LatestNewsAtomFeed(), name="atom"),
    path("<int:year>/", views.NewsYearArchiveView.as_view(), name="year"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
    path("<slug:slug>/preview/", views.preview, name="preview"),
]
