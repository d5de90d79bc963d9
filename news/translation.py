from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "image_caption", "image_credit")
    # Summary is required in English only; French may lag behind (and falls back).
    required_languages = ("en",)
