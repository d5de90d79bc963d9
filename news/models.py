from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migrant_site.html import clean_html
from migrant_site.i18n import TranslationTracked

# Shown beside an item written in another language than the page's.
LANGUAGE_MARKERS = {"en": _("in English"), "fr": _("in French")}


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and due. Scheduled items appear by themselves."""
        return self.filter(status=NewsItem.Status.PUBLISHED, published_at__lte=timezone.now())


class NewsItem(TranslationTracked):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A published item with a future date stays hidden until then."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the item"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the item itself is written in."),
    )
    summary = models.TextField(_("summary"))
    body = models.TextField(
        _("body"), blank=True, help_text=_("Formatted text: paragraphs, links, lists, emphasis.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [models.Index(fields=["status", "-published_at"], name="news_public_order")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("body_en", "body_fr"):
            setattr(self, field, clean_html(getattr(self, field)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def in_other_language(self):
        """The item itself is written in another language than the page's."""
        return self.language != get_language()

    @property
    def language_marker(self):
        return LANGUAGE_MARKERS.get(self.language, self.language)
