"""Translated content: which language is shown, French typography, and translation status."""

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import FALLBACK_LANGUAGES
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "fr"

NBSP = "\u00a0"
# An ordinary space before ; : ! ? » or after « becomes non-breaking, as French typography wants.
_SPACE_BEFORE = re.compile(r"[ \u202f]+([;:!?»])")
_SPACE_AFTER = re.compile(r"«[ \u202f]+")


def french_typography(text):
    """Make the spaces French punctuation needs non-breaking (never adds or removes any)."""
    if not text:
        return text
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    return _SPACE_AFTER.sub("«" + NBSP, text)


def translated_fields(model):
    """The names of a model's translated fields, in the order the model declares them."""
    names = translator.get_options_for_model(model).all_fields
    return tuple(field.name for field in model._meta.fields if field.name in names)


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


class TranslationTracked(models.Model):
    """Remembers when the English and the French of a record last changed.

    The translators' status board lists what is missing or outdated from these two dates.
    """

    source_changed_at = models.DateTimeField(_("English last changed"), null=True, editable=False)
    translation_changed_at = models.DateTimeField(
        _("French last changed"), null=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.apply_french_typography()
        now = timezone.now()
        saved = getattr(self, "_saved_texts", {})
        current = self._texts()
        if current[SOURCE_LANGUAGE] != saved.get(SOURCE_LANGUAGE):
            self.source_changed_at = now
        if current[TARGET_LANGUAGE] != saved.get(TARGET_LANGUAGE):
            self.translation_changed_at = now
        super().save(*args, **kwargs)
        self._saved_texts = current

    def apply_french_typography(self):
        for name in translated_fields(type(self)):
            field = build_localized_fieldname(name, TARGET_LANGUAGE)
            value = getattr(self, field, None)
            if isinstance(value, str):
                setattr(self, field, french_typography(value))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_texts = instance._texts()
        return instance

    def _texts(self):
        # __dict__, not getattr: a deferred field must not cost a query here.
        return {
            code: [
                self.__dict__.get(build_localized_fieldname(name, code))
                for name in translated_fields(type(self))
            ]
            for code in (SOURCE_LANGUAGE, TARGET_LANGUAGE)
        }

    def missing_translations(self):
        """Names of fields with English text and no French."""
        return [
            name
            for name in translated_fields(type(self))
            if getattr(self, build_localized_fieldname(name, SOURCE_LANGUAGE), None)
            and not getattr(self, build_localized_fieldname(name, TARGET_LANGUAGE), None)
        ]

    def french_is_complete(self):
        return not self.missing_translations()

    @property
    def translation_is_outdated(self):
        """The English changed after the French was last saved."""
        if self.source_changed_at is None:
            return False
        if self.translation_changed_at is None:
            return True
        return self.source_changed_at > self.translation_changed_at
