from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from migrant_site.editing import EditVersioned, EditVersionedQuerySet
from migrant_site.html import clean_html
from migrant_site.translation.models import (
    SOURCE_LANGUAGE,
    TranslationTracked,
    displayed_language,
)

from . import search
from .drafts import PendingChangesMixin
from .images import (
    RENDITION_WIDTHS,
    NewsImageFormField,
    make_renditions,
    rendition_name,
    rendition_widths,
)


def language_marker(code):
    """Said beside an item written in another language than the page's: "in French"."""
    wording = settings.LANGUAGE_WORDING.get(code)
    return wording["marker"] if wording else code


class NewsImageField(models.ImageField):
    """Uploads go through NewsImageFormField's checks in every form, the admin's included."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NewsImageFormField, **kwargs})


class NewsItemQuerySet(EditVersionedQuerySet):
    def published(self):
        """What visitors may see: published, due and not expired. Scheduled items appear, and
        expiring ones disappear, by themselves; a pending draft (pending_changes) is never seen.
        """
        now = timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=NewsItem.Status.PUBLISHED,
            published_at__lte=now,
        )

    def scheduled(self):
        """Published, but not due yet: they appear by themselves at their time."""
        return self.filter(status=NewsItem.Status.PUBLISHED, published_at__gt=timezone.now())

    def expired(self):
        """Published, but past their "unpublish at" time: off the site by themselves."""
        return self.filter(status=NewsItem.Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def years(self):
        """(year, number of items) pairs, newest year first, in one query."""
        return (
            self.annotate(year=ExtractYear("published_at"))
            .values_list("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )

    def search(self, query, language):
        """Items matching `query` in the text shown in `language`, best match first (search.py)."""
        return search.matches(self, query, language)


class NewsItemManager(models.Manager.from_queryset(NewsItemQuerySet)):
    def get_queryset(self):
        # The search documents are the database's own: never read into Python.
        return super().get_queryset().defer(*search.document_names())


class NewsItem(PendingChangesMixin, EditVersioned, TranslationTracked):
    rich_text_fields = ("body",)  # sanitised HTML, shown rendered

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
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. At this time the item leaves every page, feed and search by itself; "
            "its address then answers that it was withdrawn."
        ),
    )
    # The language of the material the item reports on, not of the text a page shows: that is
    # each field's own (see shown_language). Visitors reading the other language are told.
    language = models.CharField(
        _("language of the source"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.SOURCE_LANGUAGE,
        help_text=_("The language of the material the item reports on (its source)."),
    )
    source_name = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the material is, e.g. a blog or a report: shown with its language."),
    )
    source_url = models.URLField(_("source link"), blank=True)
    summary = models.TextField(_("summary"))
    body = models.TextField(
        _("body"), blank=True, help_text=_("Formatted text: paragraphs, links, lists, emphasis.")
    )
    image = NewsImageField(
        _("image"),
        upload_to="news/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG or WebP, up to 10 MB. Smaller copies are made for the pages."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required in English with an "
            "image; the French page shows the English until it is translated."
        ),
    )
    # Edits of a published item saved as a draft: {field name: value}; see news/drafts.py.
    pending_changes = models.JSONField(
        _("changes not yet published"), default=dict, blank=True, editable=False
    )
    image_caption = models.CharField(
        _("image caption"),
        max_length=300,
        blank=True,
        help_text=_("Optional. Shown under the picture."),
    )
    image_credit = models.CharField(
        _("image credit"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Who took or owns the picture, e.g. “ILO/M. Crozet”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemManager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        # The search documents' GIN indexes are PostgreSQL's and kept out of the model: SQLite
        # rebuilds a table with every index the model names (see news/search.py).
        indexes = [models.Index(fields=["status", "-published_at"], name="news_public_order")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.clean_rich_text()
        super().save(*args, **kwargs)
        # Renditions are made once, when the image is saved, never while a page renders.
        if self.image and not self.image.storage.exists(
            self._rendition(RENDITION_WIDTHS[0], "jpg")
        ):
            make_renditions(self.image, self._rendition_widths())

    def clean_rich_text(self):
        for code, _name in settings.LANGUAGES:
            field = build_localized_fieldname("body", code)
            setattr(self, field, clean_html(getattr(self, field)))

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        # English alt text only: a draft may wait for its French, which the status board lists
        # as missing (the French page meanwhile shows the English, marked lang="en").
        alt = build_localized_fieldname("image_alt", SOURCE_LANGUAGE)
        if self.image and not (getattr(self, alt) or "").strip():
            raise ValidationError({alt: _("Describe the image, for people who cannot see it.")})
        if (
            self.status == self.Status.PUBLISHED
            and self.unpublish_at
            and self.published_at
            and self.unpublish_at <= self.published_at
        ):
            raise ValidationError({"unpublish_at": _("Choose a time after the publication date.")})

    @property
    def is_published(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and not self.is_expired
        )

    @property
    def is_expired(self):
        """Past its "unpublish at" time (whatever its status): its address answers 410 Gone."""
        return self.unpublish_at is not None and self.unpublish_at <= timezone.now()

    def publication_state(self):
        """Draft, Scheduled, Published or Expired, and whether changes are pending, for the
        admin."""
        if self.status == self.Status.DRAFT:
            return _("Draft")
        if self.is_expired:
            return _("Expired")
        if self.published_at > timezone.now():
            return _("Scheduled")
        if self.pending_changes:
            return _("Published — changes not yet published")
        return _("Published")

    def unpublish(self):
        """Back to draft, off the site at once. An item visitors could see is marked as taken
        off now, so its address answers 410 Gone (a scheduled one was never out: 404)."""
        if self.is_published:
            self.unpublish_at = timezone.now()
        self.status = self.Status.DRAFT
        self.save()

    def _rendition_widths(self):
        return rendition_widths(self.image_width)

    def _rendition(self, width, extension):
        return rendition_name(self.image.name, width, extension)

    def image_sources(self):
        """srcset strings for <picture>, from the row alone: no query, no file access."""
        storage = self.image.storage
        widths = self._rendition_widths()

        def srcset(extension):
            return ", ".join(
                f"{storage.url(self._rendition(width, extension))} {width}w" for width in widths
            )

        widest = widths[-1]
        return {
            "webp": srcset("webp"),
            "jpeg": srcset("jpg"),
            "src": storage.url(self._rendition(widest, "jpg")),
            "thumbnail": storage.url(self._rendition(widths[0], "jpg")),
            "width": widest,
            "height": round(self.image_height * widest / self.image_width),
        }

    @property
    def shown_language(self):
        """The language the page shows the item's title in (its own, or a fallback)."""
        return displayed_language(self, "title") or get_language()

    @property
    def in_other_language(self):
        """The page shows the item's title in another language than its own."""
        return self.shown_language != get_language()

    @property
    def language_marker(self):
        return language_marker(self.shown_language)

    @property
    def source_marker(self):
        """The source's language, said beside it on a page in another language ("" otherwise)."""
        if self.language == get_language():
            return ""
        return language_marker(self.language)


# search_<language> for each language: the words its pages show, kept by the database.
search.add_document_fields(NewsItem)


@receiver(pre_save, sender=NewsItem)
def remember_stored_slug(sender, instance, update_fields=None, **kwargs):
    """What the save replaces, for follow_renames. Signals, not save(): django-reversion's
    restores and recoveries (and loaddata) save raw, without calling save()."""
    instance.saves_slug = update_fields is None or "slug" in update_fields
    instance.stored_slug = None
    if instance.pk and instance.saves_slug:
        stored = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True)
        instance.stored_slug = stored.first()


@receiver(post_save, sender=NewsItem)
def follow_renames(sender, instance, **kwargs):
    if instance.saves_slug and instance.stored_slug != instance.slug:
        NewsSlugRedirect.follow_rename(instance, instance.stored_slug)


class NewsSlugRedirect(models.Model):
    """An item's earlier slug: /en/news/<old_slug>/ and /fr/actualites/<old_slug>/ answer 301 to
    the item's current address. It points at the item, not at the next slug, so a chain of
    renames (a → b → c) is still one redirect (a → c).

    Not django.contrib.redirects: it maps one whole path to another, so each old slug would need
    a row per language (and new rows for every language added), plus the sites framework; and it
    would keep pointing at the slug of the day, not follow the item through later renames.
    """

    old_slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    # Kept when the item is deleted: an editor who recovers it (django-reversion gives it back
    # its id) finds its old links working again. Meanwhile they answer 404 and are free for
    # another item. Hence no database constraint.
    item = models.ForeignKey(
        NewsItem,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="old_slugs",
        verbose_name=_("news item"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address of a news item")
        verbose_name_plural = _("old addresses of news items")

    def __str__(self):
        return self.old_slug

    @classmethod
    def follow_rename(cls, item, renamed_from):
        # The item's slug is its own now: an old address of this or another item no longer
        # redirects (taking another item's old address is refused by the admin unless ticked).
        cls.objects.filter(old_slug=item.slug).delete()
        if renamed_from and renamed_from != item.slug:
            cls.objects.update_or_create(old_slug=renamed_from, defaults={"item": item})
