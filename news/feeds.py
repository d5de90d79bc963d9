from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from branch.models import BranchProfile

from .models import NewsItem

FEED_LENGTH = 20


class LanguageRssFeed(Rss201rev2Feed):
    """RSS 2.0 has no per-item language: Dublin Core's dc:language is the usual way."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["item_language"])


class LanguageAtomFeed(Atom1Feed):
    """Atom says it with xml:lang on the entry itself."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["item_language"]}


class LatestNewsFeed(Feed):
    # The feed's language is the page's (Feed uses the active language when none is set).
    feed_type = LanguageRssFeed
    description = _("News from the ILO International Migration Branch.")

    def title(self):
        profile = BranchProfile.objects.first()
        name = profile.name if profile else _("International Migration Branch")
        return f"{name} – {_('What’s new')}"

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsItem.objects.published()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take an item's description (RSS) or summary (Atom, type="html") as HTML; the
        # summary is plain text, so markup typed into it must reach them as text.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_extra_kwargs(self, item):
        # The language the entry is shown in: its French, or the English it falls back to.
        return {"item_language": item.shown_language}


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = LanguageAtomFeed
    subtitle = LatestNewsFeed.description
