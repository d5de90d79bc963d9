"""Which language a translated field is actually shown in, once fallbacks apply."""

from django.utils.translation import get_language
from modeltranslation.settings import FALLBACK_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, resolution_order


def fallback_order(language):
    """The languages whose text a page in `language` shows, in order of preference."""
    return resolution_order(language, FALLBACK_LANGUAGES)


def displayed_language(instance, field_name, language=None):
    """The language of the text modeltranslation shows for `field_name` (None if all are empty)."""
    language = language or get_language()
    for code in fallback_order(language):
        if getattr(instance, build_localized_fieldname(field_name, code), None):
            return code
    return None
