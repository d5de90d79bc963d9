import pytest

from tests import pages

pytestmark = pytest.mark.django_db


def test_english_homepage_shows_the_seed_page(client, seeded):
    html = client.get("/en/").content.decode()
    for text in [
        "ILO is a specialized agency of the United Nations",
        "<h1>International Migration Branch</h1>",
        "The ILO’s mandate requires it to reach out to those who are most vulnerable",
        "Mr. Guy Ryder, ILO Director-General",
        "in his Vision Statement",
        "In this era of globalisation",
        "The International Migration Branch (MIGRANT) is the main unit",
        "MIGRANT promotes the ratification and implementation of international standards",
        "Conditions of Work and Equality Department",
        "International Labour Office",
        "4 Route des Morillons",
        "CH-1211 Geneva",
        "Switzerland",
        '<a href="tel:+41227996667">+41 22 799 6667</a>',
        "© 1996–2013 International Labour Organization (ILO)",
        "Copyright and permissions",
        "Privacy policy",
        "Disclaimer",
    ]:
        assert text in html, text


def test_french_homepage_is_in_french(client, seeded):
    html = client.get("/fr/").content.decode()
    for text in [
        '<html lang="fr">',
        "L’OIT est une institution spécialisée des Nations Unies",
        "<h1>Service des migrations internationales</h1>",
        "Le mandat de l’OIT exige",
        "M. Guy Ryder, Directeur général du BIT",
        "À l’ère de la mondialisation",
        "Département des conditions de travail et de l’égalité",
        "Bureau international du Travail",
        "CH-1211 Genève",
        "Suisse",
        "Quoi de neuf",
        "© 1996–2013 Organisation internationale du Travail (OIT)",
        "Droits d’auteur et autorisations",
        "Politique de confidentialité",
        "Clause de non-responsabilité",
    ]:
        assert text in html, text
    assert "In this era of globalisation" not in html


def test_homepage_lists_the_four_seed_items_newest_first_with_dates(client, seeded):
    html = client.get("/en/").content.decode()
    positions = [
        html.index(date)
        for date in ["18 March 2012", "18 April 2011", "31 August 2009", "30 September 2008"]
    ]
    assert positions == sorted(positions)
    assert "Bahrain: Decree 79 aims at ending sponsor system" in html
    assert "Governments from 38 countries" in html


def test_french_homepage_dates_are_french(client, seeded):
    html = client.get("/fr/").content.decode()
    for date in ["18 mars 2012", "18 avril 2011", "31 août 2009", "30 septembre 2008"]:
        assert date in html


def test_homepage_renders_without_seed_content(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "International Migration Branch" in response.content.decode()


def test_every_page_has_one_h1_and_landmarks(client, seeded):
    for url in [*pages.PAGES.values(), "/en/news/ilo-welcomes-manila-call-to-action/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<main id="main-content"' in html, url
        assert '<a class="skip-link" href="#main-content">' in html, url
        assert "<header" in html and "<footer" in html, url
