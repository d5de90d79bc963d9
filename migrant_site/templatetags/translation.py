from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from migrant_site.translation.models import displayed_language

register = template.Library()


@lru_cache(maxsize=1024)
def translate_path(path, from_language, to_language):
    # Resolving and reversing costs about 50 µs, four times a page; the answer depends only on
    # these arguments (the URL patterns are fixed), so each process remembers the latest ones.
    with override(from_language):
        return translate_url(path, to_language)


def translated_path(path, language_code):
    return translate_path(path, get_language(), language_code)


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """This page's URL in another language (the same page, not the other homepage)."""
    path = context["request"].get_full_path()
    url = translated_path(path, language_code)
    if url == path and language_code != get_language():
        # Nothing to translate (a 404): offer that language's homepage rather than this page again.
        with override(language_code):
            url = reverse("branch:home")
    return url


@register.simple_tag(takes_context=True)
def absolute_uri(context, url):
    """`url` with this request's scheme and host (unchanged if it has its own)."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def absolute_translated_url(context, language_code):
    request = context["request"]
    return request.build_absolute_uri(translated_path(request.path, language_code))


@register.simple_tag
def translated(instance, field_name, element="span", html=False, notice=False):
    """A translated field, marked with its own `lang` when it falls back to another language.

    `element` wraps the text; `html=True` for sanitised rich text; `notice=True` adds a short
    note, in the page's language, that the text is not translated yet.
    """
    value = getattr(instance, field_name, "")
    if html:
        value = mark_safe(value)  # sanitised with nh3 when saved
    current = get_language()
    shown = displayed_language(instance, field_name, current)
    if shown in (None, current):
        if element == "span":
            return format_html("{}", value)
        return format_html("<{0}>{1}</{0}>", element, value)
    text = format_html('<{0} lang="{1}">{2}</{0}>', element, shown, value)
    if notice:
        wording = settings.LANGUAGE_WORDING
        note = wording.get(current, wording[settings.SOURCE_LANGUAGE])["not_translated"]
        text = format_html('<p class="translation-notice">{}</p>{}', note, text)
    return text


@register.simple_tag
def fallback_language(instance, field_name):
    """The language of a translated field's text when it is not the page's, else "": for a
    `lang` attribute (an image's alt text, say), where `translated` cannot wrap the text."""
    shown = displayed_language(instance, field_name)
    return shown if shown not in (None, get_language()) else ""


@register.simple_tag
def language_wording(language_code, key):
    """A sentence naming a language (settings.LANGUAGE_WORDING): "Preview in French"."""
    return settings.LANGUAGE_WORDING[language_code][key]


@register.simple_tag
def source_language():
    """The language content is written in first (settings.SOURCE_LANGUAGE)."""
    return settings.SOURCE_LANGUAGE


@register.simple_tag
def opengraph_locale(language_code):
    return settings.OPENGRAPH_LOCALES[language_code]
