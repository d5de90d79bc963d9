"""Hostile and unusual input on the public pages and the admin login: never a 500."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests import pages

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PUBLIC = [*pages.PAGES.values(), *pages.FOUND_PAGES.values(), "/en/search/", "/fr/recherche/"]
PAGES = PUBLIC + ["/admin/login/"]

# Text as attackers send it: any code point, including NUL, controls and lone surrogates.
hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["../", "..%2f", "%00", "\x00", "%ff%fe", "%c3%28", "-1", "0", "9" * 40, ""]),
)


@pytest.fixture
def site(client, seeded, make_news):
    make_news(25)
    # The test client re-raises a view's exception; the server would answer 500.
    client.raise_request_exception = True
    return client


def assert_not_a_server_error(response):
    assert response.status_code < 500, response.status_code


@FUZZ
@given(
    page=st.sampled_from(PAGES),
    params=st.dictionaries(
        st.sampled_from(["page", "q", "lang", "next", "language"]), hostile_text, max_size=3
    ),
)
def test_any_query_string_is_answered(site, page, params):
    assert_not_a_server_error(site.get(page, params))


@FUZZ
@given(path=st.text(max_size=100))
@example(path="\n/[")
def test_any_path_is_answered(site, path):
    assert_not_a_server_error(site.get("/en/news/" + path))
    # The test client itself reads "//x" as a host name, so leading slashes are folded here,
    # after the tabs and newlines that urllib drops from any URL ("\n/[" would become "//[").
    folded = path.translate(dict.fromkeys(map(ord, "\t\r\n"))).lstrip("/")
    assert_not_a_server_error(site.get("/" + folded))


@FUZZ
@given(
    page=st.sampled_from(["/", *PAGES]),
    accept_language=hostile_text,
    host=st.one_of(st.just("testserver"), hostile_text),
)
def test_any_language_and_host_header_is_answered(site, page, accept_language, host):
    response = site.get(page, headers={"accept-language": accept_language, "host": host})
    assert_not_a_server_error(response)


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["username", "password", "next", "csrfmiddlewaretoken", "this_is_the_login_form"]
        ),
        hostile_text,
        max_size=5,
    )
)
def test_any_admin_login_form_is_answered(site, fields):
    site.enforce_csrf_checks = False
    assert_not_a_server_error(site.post("/admin/login/", fields))


@pytest.mark.parametrize(
    "url",
    [
        "/en/news/?page=-1",
        "/en/news/?page=0",
        "/en/news/?page=" + "9" * 400,
        "/en/news/?page=1e9",
        "/en/news/?page=last",
        "/en/news/?page=%00",
        "/en/news/?page=%ff",
        "/en/news/?q=" + "a" * 10_000,
        "/en/?q=" + "é" * 10_000,
        "/en/news/%ff%fe/",
        "/en/news/%c3%28/",
        "/en/news/%00/",
        "/en/news/../../etc/passwd/",
        "/en/news/..%2f..%2fetc%2fpasswd/",
        "/en/news/%2e%2e/",
        "/fr/actualites/" + "x" * 10_000 + "/",
        "/en/contact/?lang=%00",
        "/%ff/",
        "/en/%00",
        "/admin/login/?next=%00",
        "/admin/login/?next=" + "%2f" * 5000,
    ],
)
def test_unusual_urls_get_a_client_error_or_a_normal_page(site, url):
    response = site.get(url)
    assert response.status_code in {200, 301, 302, 400, 404}, (url, response.status_code)


@pytest.mark.parametrize(
    "value",
    ["\x00", "a\x00b", "x" * 10_000, "../../etc/passwd", "<script>alert(1)</script>"],
)
def test_admin_login_answers_unusual_credentials_with_the_form(site, value):
    site.enforce_csrf_checks = False
    response = site.post("/admin/login/", {"username": value, "password": value})
    assert response.status_code == 200
    assert b'id="login-form"' in response.content


@pytest.mark.parametrize(
    "body", [b"username=%ff%fe&password=%c3%28", b"username=\xff\xfe&password=\x00", b"%%%&&=="]
)
def test_admin_login_answers_invalid_utf8_with_the_form(site, body):
    site.enforce_csrf_checks = False
    response = site.generic(
        "POST", "/admin/login/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert b'id="login-form"' in response.content
