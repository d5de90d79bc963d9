"""The admin home's "Your work": what the signed-in editor or translator has to do next."""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast
from django.urls import reverse
from modeltranslation.utils import get_translation_fields

from migrant_site.roles import TRANSLATORS, in_group
from migrant_site.translation.status import records_needing_work

LISTED = 10  # per section; the full lists are one click away


def _change_url(item):
    return reverse("admin:news_newsitem_change", args=[item.pk])


def work_for(request):
    """Sections of the user's work, each a list of {item, url}; empty when nothing is to do."""
    NewsItem = apps.get_model("news", "NewsItem")
    user = request.user
    if not (user.is_superuser or user.has_perm("news.view_newsitem")):
        return {}
    # LogEntry keeps object ids as text: PostgreSQL compares them with the key only once cast.
    touched = (
        LogEntry.objects.filter(user=user, content_type=ContentType.objects.get_for_model(NewsItem))
        .annotate(item_id=Cast("object_id", BigIntegerField()))
        .values("item_id")
    )
    drafts = (
        NewsItem.objects.filter(status=NewsItem.Status.DRAFT, pk__in=touched)
        .only("pk", *get_translation_fields("title"), "updated_at")
        .order_by("-updated_at")
    )
    scheduled = NewsItem.objects.scheduled().only(
        "pk", *get_translation_fields("title"), "published_at"
    )
    pending = (
        NewsItem.objects.exclude(pending_changes={})
        .only("pk", *get_translation_fields("title"), "updated_at")
        .order_by("-updated_at")
    )
    work = {
        "drafts": [{"item": item, "url": _change_url(item)} for item in drafts[:LISTED]],
        "scheduled": [
            {"item": item, "url": _change_url(item)}
            for item in scheduled.order_by("published_at")[:LISTED]
        ],
        "pending": [{"item": item, "url": _change_url(item)} for item in pending[:LISTED]],
        "drafts_url": reverse("admin:news_newsitem_changelist") + "?state=draft",
        "scheduled_url": reverse("admin:news_newsitem_changelist") + "?state=scheduled",
    }
    if user.is_superuser or in_group(user, TRANSLATORS):
        work["needs_french"] = len(records_needing_work())
        work["board_url"] = reverse("translation-status")
    return work
