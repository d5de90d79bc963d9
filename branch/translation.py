from modeltranslation.translator import TranslationOptions, register

from .models import BranchProfile


@register(BranchProfile)
class BranchProfileTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "parent_organisation",
        "quote",
        "quote_author",
        "quote_source",
        "mandate",
        "copyright_notice",
        "copyright_url",
        "privacy_url",
        "disclaimer_url",
    )
