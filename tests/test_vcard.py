import re

import pytest
import vobject

from contacts.models import Office
from contacts.vcard import escape, fold

pytestmark = pytest.mark.django_db


def download(client, language):
    office = Office.objects.get()
    prefix = "/en/contact/" if language == "en" else "/fr/contact/"
    response = client.get(f"{prefix}{office.pk}/vcard/")
    assert response.status_code == 200
    return response


def unfolded(text):
    """The logical lines of a vCard: a CRLF followed by a space continues the line."""
    return text.replace("\r\n ", "").split("\r\n")


def test_contact_page_links_each_office_vcard(client, seeded):
    office = Office.objects.get()
    html = client.get("/fr/contact/").content.decode()
    assert f'<a href="/fr/contact/{office.pk}/vcard/" type="text/vcard" download>' in html
    assert "Ajouter à votre carnet d’adresses (vCard)" in html


def test_vcard_is_served_as_a_named_utf8_download(client, seeded):
    response = download(client, "en")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ilo-migrant.vcf"'


def test_vcard_is_strict_vcard_4(client, seeded):
    # vobject reads vCard 4.0 only loosely, so the structure is checked here line by line
    # against RFC 6350: CRLF endings, 75-octet lines, then the unfolded properties.
    text = download(client, "fr").content.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfolded(text)[:-1]
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "KIND:org"]
    assert lines[-1] == "END:VCARD"
    props = dict(line.split(":", 1) for line in lines)
    assert props["FN;LANGUAGE=fr"] == "Service des migrations internationales"
    assert props["ORG;LANGUAGE=fr"] == (
        "Bureau international du Travail;"
        "Département des conditions de travail et de l’égalité;"
        "Service des migrations internationales"
    )
    assert props["ADR;TYPE=work;LANGUAGE=fr"] == ";;4\\, route des Morillons;Genève;;1211;Suisse"
    assert props["TEL;VALUE=uri;TYPE=work"] == "tel:+41227996667"
    assert props["URL"] == "http://testserver/fr/contact/"
    assert "EMAIL;TYPE=work" not in props  # the seed office has no email


def test_vcard_parses_in_each_language(client, seeded):
    office = Office.objects.get()
    office.email = "migrant@ilo.org"
    office.save()
    for language, city, country in [("en", "Geneva", "Switzerland"), ("fr", "Genève", "Suisse")]:
        card = vobject.readOne(download(client, language).content.decode())
        assert card.version.value == "4.0"
        adr = card.adr.value
        assert (adr.city, adr.code, adr.country) == (city, "1211", country)
        assert card.tel.value == "tel:+41227996667"
        assert card.email.value == "migrant@ilo.org"


def test_unknown_office_is_404(client, seeded):
    assert client.get("/en/contact/999/vcard/").status_code == 404


def test_escaping_and_folding_follow_rfc_6350():
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = fold("NOTE:" + "é" * 80)
    physical = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical)
    assert all(line.startswith(" ") for line in physical[1:])
    assert re.sub(r"\r\n ", "", folded) == "NOTE:" + "é" * 80
