"""What the site tells browsers and shared caches (nginx, a CDN) they may keep: Cache-Control, Vary."""

import pytest
from django.utils.cache import cc_delim_re

from migrant_site.content_version import forget_content_version
from migrant_site.pagecache import CachedPageApplication
from tests import pages
from tests.conftest import shared_cache_down
from tests.test_page_cache import call, environ_of

pytestmark = pytest.mark.django_db

PUBLIC = [
    *pages.PAGES.values(),
    *pages.FOUND_PAGES.values(),
    "/en/?utm_source=mail",  # answered, as public, but never stored under its own key
    "/en/news/?page=1",
    "/en/news/feed/",
    "/fr/actualites/atom/",
    "/sitemap.xml",
    "/robots.txt",
]


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def vary(response):
    return {value.lower() for value in cc_delim_re.split(response.get("Vary", "")) if value}


@pytest.mark.parametrize("path", PUBLIC)
def test_public_answers_tell_shared_caches_how_long_to_keep_them(client, seeded, page_cache, path):
    for answer in ("rendered", "cached"):
        response = client.get(path)
        assert response.status_code == 200, answer
        assert directives(response) == {
            "public",
            "max-age=30",  # browsers: edits show to a returning visitor within half a minute
            "s-maxage=60",  # shared caches: as long as the page cache (PAGE_CACHE_SECONDS)
            "stale-while-revalidate=60",  # one visitor waits for a refresh, not all of them
            "stale-if-error=86400",  # a day, as the page cache answers during an outage
        }, answer
        # The language is in the URL, and these pages are the same for every anonymous visitor.
        assert not vary(response) & {"accept-language", "cookie"}, answer


def test_the_fast_path_sends_the_same_cache_control(client, seeded, page_cache):
    first = client.get("/en/news/")
    answer = call(CachedPageApplication(None), environ_of(first))
    assert answer["headers"]["Cache-Control"] == first["Cache-Control"]


def test_the_language_redirect_varies_on_accept_language_and_is_not_public(client, page_cache):
    response = client.get("/", headers={"Accept-Language": "fr"})
    assert response.status_code == 302
    assert "accept-language" in vary(response)
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path", ["/en/", "/en/news/bahrain-decree-79-aims-at-ending-sponsor-system/preview/", "/admin/"]
)
def test_signed_in_staff_pages_are_private(admin_client, seeded, page_cache, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_a_visitor_with_a_session_cookie_gets_a_private_page(client, seeded, page_cache):
    client.get("/en/contact/")
    client.cookies["sessionid"] = "anything"
    assert {"private", "no-cache"} <= directives(client.get("/en/contact/"))


def test_a_page_that_sets_a_cookie_is_private(client, page_cache):
    response = client.get("/admin/login/")
    assert response.cookies
    assert "private" in directives(response) and "public" not in directives(response)


def test_made_up_parameters_get_the_cached_page_with_its_headers(client, seeded, page_cache):
    first = client.get("/en/news/")
    environ = environ_of(first, QUERY_STRING="utm_source=mail")
    answer = call(CachedPageApplication(None), environ)
    assert answer["body"] == first.content  # the cached page, without rendering it again
    assert answer["headers"]["Cache-Control"] == first["Cache-Control"]


def test_shared_caches_may_keep_pages_while_the_page_cache_is_down(client, seeded, page_cache):
    with shared_cache_down():
        forget_content_version()
        response = client.get("/en/news/")
        forget_content_version()
    assert response.status_code == 200
    assert "public" in directives(response)
