from django import template

from branch.templatetags.structured_data import json_ld
from news import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, item):
    return json_ld(structured_data.news_article(item, context.get("profile"), context["request"]))
