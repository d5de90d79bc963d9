from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from migrant_site.editing import EditVersioned, EditVersionedQuerySet
from migrant_site.html import clean_html
from migrant_site.translation.models import TranslationTracked

# There is one branch: its profile's primary key, which the database enforces.
SINGLETON_PK = 1


class BranchProfileQuerySet(EditVersionedQuerySet):
    def load(self):
        """The profile as every public page needs it: one query, its office joined."""
        return self.select_related("office").first()


class BranchProfile(EditVersioned, TranslationTracked):
    """The branch itself: one record, shown in the header, footer and on the homepage."""

    rich_text_fields = ("mandate",)  # sanitised HTML, shown rendered

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40)
    parent_organisation = models.CharField(
        _("parent organisation line"),
        max_length=200,
        help_text=_(
            "Shown above the branch name, e.g. “ILO is a specialized agency of the United Nations”."
        ),
    )
    quote = models.TextField(_("quote"), blank=True)
    quote_author = models.CharField(_("quote author"), max_length=200, blank=True)
    quote_source = models.CharField(
        _("quote source"), max_length=200, blank=True, help_text=_("Where the quote comes from.")
    )
    mandate = models.TextField(
        _("mandate"), help_text=_("Formatted text: paragraphs, links, lists, emphasis, headings.")
    )
    office = models.ForeignKey(
        "contacts.Office",
        verbose_name=_("office shown on the homepage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    copyright_notice = models.CharField(_("copyright notice"), max_length=200)
    copyright_url = models.URLField(_("“Copyright and permissions” link"), blank=True)
    privacy_url = models.URLField(_("“Privacy policy” link"), blank=True)
    disclaimer_url = models.URLField(_("“Disclaimer” link"), blank=True)

    objects = BranchProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("branch profile")
        verbose_name_plural = _("branch profile")
        constraints = [
            # The database refuses a second profile.
            models.CheckConstraint(
                condition=models.Q(pk=SINGLETON_PK), name="branch_profile_is_singleton"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})"

    @property
    def description(self):
        """The pages' default meta description, in the active language."""
        return f"{self} – {self.parent_organisation}"

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_PK
        for field in get_translation_fields("mandate"):
            setattr(self, field, clean_html(getattr(self, field)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("branch:home")
