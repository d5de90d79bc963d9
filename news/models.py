from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migrant_site.html import clean_html
from migrant_site.i18n import displayed_language, fallback_order

# Shown beside an item written in another language than the page's.
LANGUAGE_MARKERS = {"en": _("in English"), "fr": _("in French")}


# PostgreSQL text search configurations, per site language: they know each one's stemming.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
SEARCH_FIELDS = {"title": "A", "summary": "B", "body": "C"}  # field: weight in the ranking


def displayed_text(field, language):
    """SQL for the text a visitor reads: the language's column, or its fallback when empty."""
    columns = [NullIf(f"{field}_{code}", Value("")) for code in fallback_order(language)]
    return Coalesce(*columns, Value(""), output_field=models.TextField())


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and due. Scheduled items appear by themselves."""
        return self.filter(status=NewsItem.Status.PUBLISHED, published_at__lte=timezone.now())

    def years(self):
        """(year, number of items) pairs, newest year first, in one query."""
        return (
            self.annotate(year=ExtractYear("published_at"))
            .values_list("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )

    def search(self, query, language):
        """Items matching `query` in the text shown in `language`, best match first.

        PostgreSQL: full-text search with the language's stemming ("migrants" finds
        "migrant"), ranked by relevance. Other databases: a plain contains-match.
        """
        texts = {field: displayed_text(field, language) for field in SEARCH_FIELDS}
        if connections[self.db].vendor != "postgresql":
            matches = Q()
            for field in texts:
                matches |= Q(**{f"search_{field}__icontains": query})
            return self.alias(**{f"search_{f}": t for f, t in texts.items()}).filter(matches)

        config = SEARCH_CONFIGS.get(language, "simple")
        vectors = [
            SearchVector(texts[field], weight=weight, config=config)
            for field, weight in SEARCH_FIELDS.items()
        ]
        vector = vectors[0] + vectors[1] + vectors[2]
        search_query = SearchQuery(query, config=config, search_type="websearch")
        return (
            self.alias(document=vector)
            .filter(document=search_query)
            .annotate(rank=SearchRank(F("document"), search_query))
            .order_by("-rank", "-published_at", "-pk")
        )


class NewsItem(models.Model):
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
    def body_language(self):
        """The language the body is shown in on the current page (its own, if not translated)."""
        return displayed_language(self, "body") or self.language

    @property
    def in_other_language(self):
        """The item itself is written in another language than the page's."""
        return self.language != get_language()

    @property
    def language_marker(self):
        return LANGUAGE_MARKERS.get(self.language, self.language)
