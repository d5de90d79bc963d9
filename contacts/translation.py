from modeltranslation.translator import TranslationOptions, register

from .models import Office


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = ("unit", "department", "organisation", "street", "city", "country")
