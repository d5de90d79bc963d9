import pytest

pytestmark = pytest.mark.django_db


def test_contact_page_in_english(client, seeded):
    html = client.get("/en/contact/").content.decode()
    assert "<h1>Contact us</h1>" in html
    assert '<address class="office">' in html
    assert "<strong>International Migration Branch</strong> <abbr>ILO/MIGRANT</abbr>" in html
    for text in [
        "Conditions of Work and Equality Department",
        "International Labour Office",
        "4 Route des Morillons",
        "CH-1211 Geneva",
        "Switzerland",
    ]:
        assert text in html
    assert '<a href="tel:+41227996667">+41 22 799 6667</a>' in html


def test_contact_page_in_french(client, seeded):
    html = client.get("/fr/contact/").content.decode()
    assert "<h1>Nous contacter</h1>" in html
    for text in [
        "Service des migrations internationales",
        "4, route des Morillons",
        "CH-1211 Genève",
        "Suisse",
        "Tél.\u00a0:",
    ]:
        assert text in html
