from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """This page's URL in another language (the same page, not the other homepage)."""
    path = context["request"].get_full_path()
    url = translate_url(path, language_code)
    if url == path and language_code != get_language():
        # Nothing to translate (a 404): offer that language's homepage rather than this page again.
        with override(language_code):
            url = reverse("branch:home")
    return url


@register.simple_tag(takes_context=True)
def absolute_translated_url(context, language_code):
    request = context["request"]
    return request.build_absolute_uri(translate_url(request.path, language_code))


@register.simple_tag
def site_languages():
    return settings.LANGUAGES
