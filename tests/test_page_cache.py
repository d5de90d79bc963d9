"""Anonymous page cache, conditional GET, request ids and logs, health, the database 503 page."""

import json
import logging
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The page cache as in production (tests otherwise run without it), empty."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


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


def test_request_id_is_generated_echoed_and_logged(client, seeded, caplog):
    with caplog.at_level(logging.INFO, logger="migrant_site.request"):
        response = client.get("/en/contact/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    record = next(r for r in caplog.records if r.name == "migrant_site.request")
    line = json.loads(logging.getLogger().handlers[0].format(record))
    assert line["request_id"] == request_id
    assert line["path"] == "/en/contact/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"


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


def test_healthz_answers_503_when_the_cache_does_not(client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:8749/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
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


def test_a_scheduled_item_appears_once_the_cached_page_is_a_minute_old(
    client, seeded, page_cache, monkeypatch
):
    NewsItem.objects.create(
        title_en="Scheduled item",
        slug="scheduled-item",
        summary_en="S",
        status="published",
        published_at=timezone.now() + timedelta(hours=1),
    )
    assert "Scheduled item" not in client.get("/en/news/").content.decode()
    # Its time comes (no save, so no invalidation): the cached page hides it at most a minute.
    NewsItem.objects.filter(slug="scheduled-item").update(published_at=timezone.now())
    assert "Scheduled item" not in client.get("/en/news/").content.decode()
    later = time.time() + 61
    monkeypatch.setattr("migrant_site.middleware.time.time", lambda: later)
    assert "Scheduled item" in client.get("/en/news/").content.decode()
