"""schema.org description of the branch, for search engines (JSON-LD)."""

from django.urls import reverse
from django.utils.translation import gettext as _

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
