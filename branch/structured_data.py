"""schema.org descriptions of the branch and its news, for search engines (JSON-LD)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from migrant_site.translation.models import displayed_language

ILO_URL = "https://www.ilo.org"


def ilo():
    return {
        "@type": "Organization",
        "name": _("International Labour Organization"),
        "alternateName": _("ILO"),
        "url": ILO_URL,
    }


def organization(profile, request):
    """The branch, part of the ILO, with the address and phone of its office."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": profile.name,
        "alternateName": profile.acronym,
        "url": request.build_absolute_uri(reverse("branch:home")),
        "parentOrganization": ilo(),
    }
    office = profile.office
    if office:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postcode,
            "addressLocality": office.city,
            "addressCountry": office.country_code,
        }
        contact = {"@type": "ContactPoint", "contactType": _("general enquiries")}
        if office.phone:
            contact["telephone"] = office.phone
        if office.email:
            contact["email"] = office.email
        data["contactPoint"] = contact
    return data


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
