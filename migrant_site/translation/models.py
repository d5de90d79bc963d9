"""Translated content: which language is shown, French typography, and translation status."""

import re
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import FALLBACK_LANGUAGES
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

from migrant_site.content_version import bump_content_version
from migrant_site.translation import interface_strings

SOURCE_LANGUAGE = settings.SOURCE_LANGUAGE
# The translation workflow (translated_from, the per-field status, the translator's form, the
# XLIFF exchange) follows one target language: to follow more, translated_from would keep a
# source per language.
TARGET_LANGUAGE = interface_strings.target_languages()[0]

NBSP = "\u00a0"
# An ordinary space before ; : ! ? » or after « becomes non-breaking, as French typography wants;
# a narrow no-break space (U+202F) a translator typed is kept.
_SPACE_BEFORE = re.compile(r" +(?=[;:!?»])")
_SPACE_AFTER = re.compile(r"(?<=«) +")
# Written as an entity, a no-break space shows as "&nbsp;" in a plain field and in the editor.
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#[xX]0*[aA]0);")
_TAG = re.compile(r"(<[^>]*>)")


def french_typography(text, html=False):
    """Make the spaces French punctuation needs non-breaking, as characters, never entities.

    Rich text (`html=True`) is changed between its tags only. Applying it twice changes nothing.
    """
    if not text:
        return text
    text = _NBSP_ENTITY.sub(NBSP, text)
    parts = _TAG.split(text) if html else [text]
    for index in range(0, len(parts), 2):  # even indexes are text, odd ones are tags
        parts[index] = _SPACE_AFTER.sub(NBSP, _SPACE_BEFORE.sub(NBSP, parts[index]))
    return "".join(parts)


@cache
def translated_fields(model):
    """The names of a model's translated fields, in the order the model declares them (worked
    out once: modeltranslation registers the fields at startup)."""
    names = translator.get_options_for_model(model).all_fields
    return tuple(field.name for field in model._meta.fields if field.name in names)


@cache
def tracked_columns(model):
    """(name, source-language attribute, target-language attribute) of each translated field."""
    return tuple(
        (
            name,
            build_localized_fieldname(name, SOURCE_LANGUAGE),
            build_localized_fieldname(name, TARGET_LANGUAGE),
        )
        for name in translated_fields(model)
    )


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
    """Remembers, per translated field, the English its French was written from.

    Subclasses name their sanitised-HTML fields in `rich_text_fields` (shown rendered).

    `translated_from` maps a field's name ("title") to {"source": the English text when its
    French was last written, "at": when}. A French field whose English differs from that
    source is outdated; `migrant_site.translation.status` reads this, field by field.

    It is kept up to date by a pre_save signal, so it holds on every path that saves a record:
    `save()` (admin, shell, forms) and raw saves (`loaddata` imports, django-reversion restores,
    which bring their own `translated_from` along with the texts it describes).
    """

    translated_from = models.JSONField(
        _("English each French text was written from"), default=dict, blank=True, editable=False
    )

    rich_text_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.apply_french_typography()
        update_fields = kwargs.get("update_fields")
        if update_fields:
            # A French field saved alone takes its new source along.
            kwargs["update_fields"] = {*update_fields, "translated_from"}
        super().save(*args, **kwargs)
        self._saved_texts = self._texts()

    def apply_french_typography(self):
        for name in translated_fields(type(self)):
            for code in settings.FRENCH_TYPOGRAPHY_LANGUAGES:
                field = build_localized_fieldname(name, code)
                value = getattr(self, field, None)
                if isinstance(value, str):
                    html = name in self.rich_text_fields
                    setattr(self, field, french_typography(value, html=html))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_texts = instance._texts()
        return instance

    def _texts(self):
        # __dict__, not getattr: a deferred field must not cost a query here. Taken for every
        # record read, public pages included: the columns' names are worked out once per model.
        values = self.__dict__
        return {
            "texts": {
                name: (values.get(source), values.get(target))
                for name, source, target in tracked_columns(type(self))
            },
            "translated_from": values.get("translated_from"),
        }

    def _stored_texts(self):
        """The texts as the database has them, or None for a new record."""
        saved = getattr(self, "_saved_texts", None)
        if saved is not None:
            return saved
        if self.pk is None:
            return None
        fields = [
            build_localized_fieldname(name, code)
            for name in translated_fields(type(self))
            for code in (SOURCE_LANGUAGE, TARGET_LANGUAGE)
        ]
        stored = (
            type(self)
            ._base_manager.using(self._state.db or "default")
            .filter(pk=self.pk)
            .only(*fields, "translated_from")
            .first()
        )
        return stored._saved_texts if stored is not None else None

    def record_translation_sources(self, raw=False):
        """Note, for each French field written since the last save, the English it answers.

        A French field that changed (or is new) was written from the English now beside it; an
        emptied one has no source; one left alone keeps its source, so an English change made
        without touching it leaves it outdated. Raw saves and new rows keep the sources they
        bring.
        """
        stored = self._stored_texts()
        previous = stored["texts"] if stored else {}
        previous_sources = (stored or {}).get("translated_from") or {}
        incoming = self.translated_from if isinstance(self.translated_from, dict) else {}
        now = timezone.now().isoformat()
        deferred = self.get_deferred_fields()
        sources = {}
        for name, (english, french) in self._texts()["texts"].items():
            if build_localized_fieldname(name, TARGET_LANGUAGE) in deferred:
                # Not loaded, so not changed: its source stays.
                if name in previous_sources:
                    sources[name] = previous_sources[name]
                continue
            if not french:
                continue
            if (raw or stored is None) and name in incoming:
                # A raw save, or a new row that brings its sources (an import), keeps them.
                sources[name] = incoming[name]
            elif french != previous.get(name, (None, None))[1]:
                sources[name] = {"source": english or "", "at": now}
            elif name in incoming:
                sources[name] = incoming[name]
            elif name in previous_sources:
                sources[name] = previous_sources[name]
        self.translated_from = sources

    def mark_translated(self, names):
        """Note the French of fields `names` as written from the English now beside it.

        For a translator who checked a French text against a changed English and kept it.
        Takes effect at the next save.
        """
        now = timezone.now().isoformat()
        sources = dict(self.translated_from or {})
        for name in names:
            if getattr(self, build_localized_fieldname(name, TARGET_LANGUAGE), None):
                english = getattr(self, build_localized_fieldname(name, SOURCE_LANGUAGE), None)
                sources[name] = {"source": english or "", "at": now}
        self.translated_from = sources

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


@receiver(pre_save)
def record_translation_sources(sender, instance, raw=False, **kwargs):
    if isinstance(instance, TranslationTracked):
        instance.record_translation_sources(raw=raw)


class InterfaceString(models.Model):
    """A message of the site's own catalogue (locale/<language>/LC_MESSAGES/django.po), with the
    translation a translator saved on the web, if any: that one is shown instead of the file's
    until the file itself has it (`manage.py write_interface_strings`, then a deploy)."""

    language = models.CharField(_("language"), max_length=10, editable=False)
    context = models.CharField(_("context"), max_length=200, blank=True, editable=False)
    english = models.TextField(_("English"), editable=False)
    english_plural = models.TextField(_("English (plural)"), blank=True, editable=False)
    in_catalogue = models.TextField(_("translation in the catalogue"), editable=False)
    in_catalogue_plural = models.TextField(
        _("translation in the catalogue (plural)"), blank=True, editable=False
    )
    translation = models.TextField(
        _("new translation"),
        blank=True,
        help_text=_("Shown on the site instead of the catalogue’s. Leave empty to keep that one."),
    )
    translation_plural = models.TextField(_("new translation (plural)"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), null=True, editable=False)

    class Meta:
        verbose_name = _("interface string")
        verbose_name_plural = _("interface strings")
        ordering = ["language", "english", "context"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "context", "english"], name="interface_string_is_unique"
            ),
        ]

    def __str__(self):
        return self.english

    def save(self, *args, **kwargs):
        if self.language in settings.FRENCH_TYPOGRAPHY_LANGUAGES:
            self.translation = french_typography(self.translation)
            self.translation_plural = french_typography(self.translation_plural)
        super().save(*args, **kwargs)
        # Every process reloads the translations and misses its cached pages.
        transaction.on_commit(bump_content_version, robust=True)

    @property
    def is_url_segment(self):
        return self.english in interface_strings.url_segments()

    def clean(self):
        if self.is_url_segment and (self.translation or self.translation_plural):
            raise ValidationError(interface_strings.URL_SEGMENT_WARNING)
        errors = {}
        # Every form keeps the placeholders of the English plural, as the catalogue check wants.
        source = self.english_plural or self.english
        for field in ("translation", "translation_plural"):
            problems = interface_strings.problems(source, getattr(self, field))
            if problems:
                errors[field] = problems
        if self.english_plural and bool(self.translation) != bool(self.translation_plural):
            errors["translation_plural"] = _("Give both forms, or neither.")
        if errors:
            raise ValidationError(errors)
