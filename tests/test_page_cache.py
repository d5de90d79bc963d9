"""Anonymous page cache, conditional GET, request ids and logs, health, the database 503 page."""

import contextlib
import json
import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from migrant_site.content_version import forget_content_version
from migrant_site.pagecache import CachedPageApplication
from news.models import NewsItem
from tests.conftest import clear_caches, scheduled_item, shared_cache_down

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_served_from_the_cache(
    client, seeded, page_cache, django_assert_num_queries
):
    first = client.get("/en/news/")
    with django_assert_num_queries(0):
        second = client.get("/en/news/")
    assert second.status_code == 200
    assert second.content == first.content


def test_saving_content_shows_on_the_next_anonymous_request(
    client, seeded, page_cache, django_capture_on_commit_callbacks
):
    assert "Bahrain: Decree 79" in client.get("/en/news/").content.decode()
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    with django_capture_on_commit_callbacks(execute=True):
        item.title_en = "Bahrain ends the sponsor system"
        item.save()
    html = client.get("/en/news/").content.decode()
    assert "Bahrain ends the sponsor system" in html
    assert "Bahrain: Decree 79" not in html


def test_deleting_content_shows_on_the_next_anonymous_request(
    client, seeded, page_cache, django_capture_on_commit_callbacks
):
    assert "Bahrain: Decree 79" in client.get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system").delete()
    assert "Bahrain: Decree 79" not in client.get("/en/").content.decode()


def test_a_visitor_with_a_session_never_gets_a_cached_page(
    client, seeded, page_cache, django_assert_max_num_queries
):
    client.get("/en/contact/")
    client.cookies["sessionid"] = "an-editor-session"
    with django_assert_max_num_queries(3) as queries:
        response = client.get("/en/contact/")
    assert len(queries) > 0  # rendered, not taken from the cache
    assert "private" in response["Cache-Control"]


def test_an_editors_page_is_never_stored_for_visitors(admin_client, client, seeded, page_cache):
    admin_client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert len(queries) > 0  # the visitor's page was rendered, not taken from the cache


def test_repeated_conditional_request_gets_304(client, seeded, page_cache):
    etag = client.get("/fr/")["ETag"]
    response = client.get("/fr/", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_error_and_redirect_pages_are_not_cached(client, seeded, page_cache):
    assert client.get("/en/news/no-such-item/").status_code == 404
    NewsItem.objects.create(
        title_en="Now there", slug="no-such-item", summary_en="S", status="published"
    )
    assert client.get("/en/news/no-such-item/").status_code == 200


def test_request_id_is_generated_echoed_and_carried_by_the_requests_log_lines(
    client, seeded, caplog, monkeypatch
):
    def down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr("news.models.NewsItemQuerySet.published", down)
    with caplog.at_level(logging.ERROR, logger="migrant_site.middleware"):
        response = client.get("/en/news/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    record = next(r for r in caplog.records if r.getMessage() == "Database unavailable")
    line = json.loads(logging.getLogger().handlers[0].format(record))
    assert line["request_id"] == request_id
    assert line["level"] == "ERROR"
    # Outside a request, no id.
    other = json.loads(logging.getLogger().handlers[0].format(logging.makeLogRecord({})))
    assert other.get("request_id") is None


def test_incoming_request_id_is_kept_and_a_hostile_one_replaced(client, seeded):
    kept = client.get("/en/", headers={"X-Request-ID": "proxy-1234.abc"})
    assert kept["X-Request-ID"] == "proxy-1234.abc"
    replaced = client.get("/en/", headers={"X-Request-ID": 'x"\n<script>' + "a" * 300})
    assert len(replaced["X-Request-ID"]) == 32


def test_healthz_answers_200_with_json_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_cache_does_not(client):
    with shared_cache_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_database_error_gives_the_branded_503_in_the_visitors_language(client, seeded, monkeypatch):
    def down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr("news.models.NewsItemQuerySet.published", down)
    response = client.get("/fr/actualites/")
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Service temporairement indisponible" in html
    assert "Service des migrations internationales" in html
    assert "Traceback" not in html
    assert response["Retry-After"] == "30"


def test_a_scheduled_item_appears_once_the_cached_page_is_a_minute_old(client, seeded, page_cache):
    scheduled_item(timezone.now() + timedelta(hours=1))
    assert "Scheduled item" not in client.get("/en/news/").content.decode()
    # Its time comes (no save, so no invalidation): the cached page hides it at most a minute.
    NewsItem.objects.filter(slug="scheduled-item").update(published_at=timezone.now())
    assert "Scheduled item" not in client.get("/en/news/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert "Scheduled item" in client.get("/en/news/").content.decode()


# The WSGI fast path (migrant_site.wsgi): fresh cached pages answered before Django runs.


def django_must_not_run(environ, start_response):
    raise AssertionError("Django's handler ran for a page that was cached and fresh")


def rendered_by_django(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"rendered by Django"]


def call(application, environ):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    answer["body"] = b"".join(application(environ, start_response))
    return answer


def environ_of(response, **changes):
    """The WSGI environ of a request the test client made, to ask for the same page again."""
    environ = dict(response.wsgi_request.META)
    environ.update(changes)
    return environ


def test_fresh_cached_page_is_answered_before_django_with_all_its_headers(
    client, seeded, page_cache
):
    first = client.get("/fr/contact/")
    answer = call(CachedPageApplication(django_must_not_run), environ_of(first))
    assert answer["status"] == "200 OK"
    assert answer["body"] == first.content
    for header in ("Content-Type", "Content-Security-Policy", "ETag", "Content-Language"):
        assert answer["headers"][header] == first[header]
    # Its own request id, not the one of the request that stored the page.
    assert len(answer["headers"]["X-Request-ID"]) == 32
    assert answer["headers"]["X-Request-ID"] != first["X-Request-ID"]


def test_fast_path_answers_304_to_a_matching_if_none_match(client, seeded, page_cache):
    first = client.get("/en/")
    environ = environ_of(first, HTTP_IF_NONE_MATCH=first["ETag"])
    answer = call(CachedPageApplication(django_must_not_run), environ)
    assert answer["status"] == "304 Not Modified"
    assert answer["body"] == b""
    assert answer["headers"]["ETag"] == first["ETag"]
    other = environ_of(first, HTTP_IF_NONE_MATCH='"another-version"')
    assert call(CachedPageApplication(django_must_not_run), other)["body"] == first.content


@pytest.mark.parametrize(
    "changes",
    [
        {"HTTP_COOKIE": "sessionid=an-editor-session"},
        {"REQUEST_METHOD": "POST"},
        {"QUERY_STRING": "page=2"},  # another page: not stored yet
        {"HTTP_HOST": "other.example"},  # never stored under a host Django refused
    ],
    ids=["editor", "post", "other-query", "other-host"],
)
def test_fast_path_hands_everything_else_to_django(client, seeded, page_cache, changes):
    first = client.get("/en/news/")
    answer = call(CachedPageApplication(rendered_by_django), environ_of(first, **changes))
    assert answer["body"] == b"rendered by Django"


def test_fast_path_hands_a_page_older_than_a_minute_to_django(client, seeded, page_cache):
    first = client.get("/en/news/")
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        answer = call(CachedPageApplication(rendered_by_django), environ_of(first))
    assert answer["body"] == b"rendered by Django"


def test_fast_path_hands_over_to_django_once_the_shared_cache_is_down_for_a_second(
    client, seeded, page_cache
):
    first = client.get("/en/news/")
    with shared_cache_down():
        # Within the second this process trusts its copy of the content version: still served.
        answer = call(CachedPageApplication(django_must_not_run), environ_of(first))
        assert answer["body"] == first.content
        # Then the version cannot be read: the page may be stale, Django answers instead.
        forget_content_version()
        answer = call(CachedPageApplication(rendered_by_django), environ_of(first))
        assert answer["body"] == b"rendered by Django"


def test_edits_reach_the_fast_path_at_once_on_the_instance_that_saved(
    client, seeded, page_cache, django_capture_on_commit_callbacks
):
    first = client.get("/en/news/")
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.filter(slug__startswith="bahrain").first().delete()
    answer = call(CachedPageApplication(rendered_by_django), environ_of(first))
    assert answer["body"] == b"rendered by Django"


def test_the_site_wsgi_application_answers_a_fresh_cached_page_before_django(
    client, seeded, page_cache
):
    from migrant_site.wsgi import application

    first = client.get("/en/contact/")
    requests_django_began = []

    def began(**kwargs):
        requests_django_began.append(kwargs)

    request_started.connect(began)
    try:
        with inside_the_test_transaction():
            answer = call(application, environ_of(first))
    finally:
        request_started.disconnect(began)
    assert answer["body"] == first.content
    assert requests_django_began == []


@pytest.fixture
def lookups(monkeypatch):
    """The page keys looked up in the cache, in order."""
    from migrant_site import pagecache

    keys, find = [], pagecache.find
    monkeypatch.setattr(pagecache, "find", lambda key: keys.append(key) or find(key))
    return keys


@contextlib.contextmanager
def inside_the_test_transaction():
    """Run the real WSGI application without closing the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_miss_looks_the_page_up_once(client, seeded, page_cache, lookups):
    from migrant_site.wsgi import application

    environ = environ_of(client.get("/en/contact/"))
    clear_caches()
    lookups.clear()
    with inside_the_test_transaction():
        answer = call(application, environ)
    assert answer["status"] == "200 OK"
    assert len(lookups) == 1  # by the WSGI application; the middleware reused its answer
    with inside_the_test_transaction():
        assert call(application, environ)["body"] == answer["body"]  # stored: a hit
    assert len(lookups) == 2


def test_static_and_media_files_never_go_through_the_page_cache(client, page_cache, lookups):
    for path in ("/static/css/site.css", "/media/news/photo.jpg"):
        client.get(path)
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "testserver"}
        assert call(CachedPageApplication(rendered_by_django), environ)["body"] == (
            b"rendered by Django"
        )
    assert lookups == []


def test_a_scheduled_item_reaches_a_cached_page_within_two_minutes_of_its_time(
    client, admin_client, seeded, page_cache, content_cache
):
    due = timezone.now()
    scheduled_item(due + timedelta(hours=1))
    with time_machine.travel(due, tick=False):
        admin_client.get("/en/")  # an editor's visit: fragments kept, the page not
    NewsItem.objects.filter(slug="scheduled-item").update(published_at=due)
    # The worst case: a page stored just before its fragments expire is kept a minute more.
    for seconds, shown in [(59, False), (118, False), (120, True)]:
        with time_machine.travel(due + timedelta(seconds=seconds), tick=False):
            assert ("Scheduled item" in client.get("/en/").content.decode()) is shown, seconds
