from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "image_caption", "image_credit")
    # Summary is required in the source language only; translations may lag behind (and fall back).
    required_languages = (settings.SOURCE_LANGUAGE,)
