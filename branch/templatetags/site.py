from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """This page's URL in another language (the same page, not the other homepage)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag(takes_context=True)
def absolute_translated_url(context, language_code):
    request = context["request"]
    return request.build_absolute_uri(translate_url(request.path, language_code))


@register.simple_tag
def site_languages():
    return settings.LANGUAGES
