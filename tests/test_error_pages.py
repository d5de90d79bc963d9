import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from migrant_site.urls import handler500  # noqa: F401 (this module is a URLconf in these tests)
from migrant_site.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("boom: a secret detail of the failure")


def remembering_view(request):
    # The session is saved after the view, by SessionMiddleware.
    request.session["seen"] = True
    return HttpResponse("ok")


# The site's URLs plus views that fail, under each language prefix.
urlpatterns = site_urlpatterns + i18n_patterns(
    path("broken/", broken_view), path("remembering/", remembering_view)
)


@pytest.mark.parametrize(
    "url, lang, heading, nav",
    [
        ("/en/no-such-page/", "en", "Page not found", "What’s new"),
        ("/fr/pas-de-page/", "fr", "Page introuvable", "Quoi de neuf"),
        ("/en/news/no-such-item/", "en", "Page not found", "What’s new"),
        ("/fr/actualites/pas-d-article/", "fr", "Page introuvable", "Quoi de neuf"),
    ],
)
def test_unknown_page_gets_the_branded_404_in_the_visitors_language(
    client, seeded, settings, url, lang, heading, nav
):
    settings.DEBUG = False
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert nav in html and 'class="site-footer"' in html
    assert "Traceback" not in html


def test_language_switcher_on_a_404_leads_to_the_other_homepage(client, seeded):
    assert 'href="/fr/" lang="fr"' in client.get("/en/no-such-page/").content.decode()
    assert 'href="/en/" lang="en"' in client.get("/fr/pas-de-page/").content.decode()


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/fr/actualites/pas-d-article/"])
def test_a_404_names_no_version_of_itself_in_another_language(client, seeded, url):
    # Search engines would otherwise be told that a missing page exists in French and English.
    html = client.get(url).content.decode()
    assert "hreflang=" not in html[: html.index("</head>")]


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize(
    "url, lang, heading, home",
    [
        ("/en/broken/", "en", "Sorry, something went wrong", 'href="/en/"'),
        ("/fr/broken/", "fr", "Désolés, une erreur s’est produite", 'href="/fr/"'),
    ],
)
def test_failing_view_gets_the_branded_500_without_touching_the_database(
    client, db, settings, django_assert_num_queries, url, lang, heading, home
):
    settings.DEBUG = False
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert home in html and 'class="site-nav"' in html
    assert "boom" not in html and "Traceback" not in html


@pytest.mark.urls("tests.test_error_pages")
def test_database_gone_after_the_view_still_gets_the_branded_503(client, db, settings, monkeypatch):
    settings.DEBUG = False
    client.raise_request_exception = False

    def down(self, must_create=False):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.save", down)
    response = client.get("/fr/remembering/")
    assert response.status_code == 503
    assert "Service temporairement indisponible" in response.content.decode()
    assert response["Retry-After"] == "30"
    # Any other failure is still the 500 page.
    assert client.get("/en/broken/").status_code == 500
