from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from migrant_site.editing import EditVersioned, EditVersionedQuerySet
from migrant_site.translation.models import TranslationTracked


class Office(EditVersioned, TranslationTracked):
    """An office visitors can write to, call or visit."""

    unit = models.CharField(_("unit"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    street = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    country_code = models.CharField(
        _("country code"), max_length=2, help_text=_("ISO 3166 code used before the postcode.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("International format: +41 22 799 6667")
    )
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EditVersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.unit} ({self.acronym})" if self.acronym else self.unit

    def get_absolute_url(self):
        return reverse("contacts:contact")

    @property
    def phone_uri(self):
        """The phone number as a tel: URI, digits only after the plus sign."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:+{digits}" if digits else ""
