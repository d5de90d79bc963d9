from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from migrant_site.content_version import bump_content_version
from migrant_site.translation import interface_strings
from migrant_site.translation.models import french_typography


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
