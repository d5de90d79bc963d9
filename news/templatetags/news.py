from django import template

from news.models import NewsItem

register = template.Library()


@register.simple_tag
def latest_news(count=4):
    """The newest published items. A tag, not a view's queryset, so that a page keeping its list
    in a fragment does not even build the query (building it costs more than the fragment)."""
    return NewsItem.objects.published()[:count]
