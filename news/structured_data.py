"""schema.org description of a news item, for search engines (JSON-LD)."""

from branch.structured_data import ilo
from migrant_site.translation.models import displayed_language


def news_article(item, profile, request):
    url = request.build_absolute_uri(item.get_absolute_url())
    publisher = ilo()
    if profile:
        publisher = {"@type": "Organization", "name": profile.name, "parentOrganization": ilo()}
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": item.published_at.isoformat(timespec="seconds"),
        "dateModified": item.updated_at.isoformat(timespec="seconds"),
        # The language of the text on this page (an untranslated title falls back).
        "inLanguage": displayed_language(item, "title") or item.language,
        "publisher": publisher,
    }
