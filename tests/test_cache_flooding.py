"""Issue 13, finding 3: the shared cache cannot be flooded with made-up URLs and headers.

Run against a real Redis (tests/services.py: TEST_REDIS_URL, one database per test worker;
skipped locally when none answers, failing in CI), counting the keys the attack leaves there.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine

from migrant_site.content_version import VERSION_KEY, bump_content_version
from migrant_site.pagecache import OPEN_STORES_PER_MINUTE, clear_local_pages
from tests.services import REDIS_URL, empty_redis

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def redis_cache(settings, page_cache):
    """The shared cache on a real, empty Redis database; yields a client to count its keys."""
    client = empty_redis()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "flood-test",
        },
    }
    yield client
    client.flushdb()


def page_keys(redis_client):
    return [key for key in redis_client.keys("*") if b":page:" in key]


def test_made_up_query_parameters_add_no_key(client, seeded, redis_cache):
    assert client.get("/en/news/").status_code == 200
    assert len(page_keys(redis_cache)) == 1
    for n in range(300):
        response = client.get(f"/en/news/?utm={n}")
        assert response.status_code == 200
    # Each of them was the cached page (no new render), and none added a key.
    assert len(page_keys(redis_cache)) == 1


def test_parameters_a_page_does_not_read_add_no_key(client, seeded, redis_cache):
    for n in range(100):
        assert client.get(f"/en/?page={n}").status_code == 200
        # The seed's news is one page: only 01 and a last `page` of 1 name it.
        assert client.get(f"/en/news/?page=0{n + 1}").status_code == (200 if n == 0 else 404)
        assert client.get(f"/en/news/?page=1&page={n}").status_code == (200 if n == 1 else 404)
    assert page_keys(redis_cache) == []


def test_junk_forwarded_headers_add_no_key(client, seeded, redis_cache):
    client.get("/en/contact/")
    for n in range(100):
        forged = {"X-Forwarded-Host": f"evil{n}.example", "X-Forwarded-Proto": f"junk{n}"}
        assert client.get("/en/contact/", headers=forged).status_code == 200
    assert len(page_keys(redis_cache)) == 1
    for n in range(20):
        assert client.get("/en/contact/", headers={"Host": f"evil{n}.example"}).status_code == 400
    assert len(page_keys(redis_cache)) == 1


def test_a_stream_of_searches_or_host_variants_stores_a_bounded_number_of_pages(
    client, seeded, redis_cache
):
    # Within one minute (the budget's window).
    with time_machine.travel(time.time(), tick=False):
        for n in range(OPEN_STORES_PER_MINUTE * 2):
            assert client.get(f"/en/search/?q=word{n}").status_code == 200
            assert client.get("/en/", headers={"Host": f"testserver:{n + 1}"}).status_code == 200
    assert len(page_keys(redis_cache)) <= OPEN_STORES_PER_MINUTE


def test_pages_expire_and_the_content_version_never_does(client, seeded, redis_cache):
    bump_content_version()
    client.get("/en/")
    client.get("/fr/")
    keys = page_keys(redis_cache)
    assert len(keys) == 2
    assert all(0 < redis_cache.ttl(key) <= 24 * 60 * 60 for key in keys)
    (version_key,) = [key for key in redis_cache.keys("*") if key.endswith(VERSION_KEY.encode())]
    assert redis_cache.ttl(version_key) == -1  # no expiry: `volatile-lru` never evicts it


def test_compose_redis_evicts_only_keys_with_an_expiry():
    compose = (ROOT / "compose.yaml").read_text()
    assert '"--maxmemory-policy", "volatile-lru"' in compose
    assert "allkeys" not in compose


def test_a_new_release_does_not_serve_pages_cached_by_the_previous_one(
    client, seeded, redis_cache, settings
):
    settings.RELEASE_ID = "release-1"
    old = client.get("/en/contact/")
    # The previous release's page, as if its stylesheet had another hashed name.
    key = page_keys(redis_cache)[0]
    clear_local_pages()  # a new process
    settings.RELEASE_ID = "release-2"
    new = client.get("/en/contact/")
    assert new.content == old.content  # rendered again, under its own key
    assert key in page_keys(redis_cache) and len(page_keys(redis_cache)) == 2


def test_release_id_defaults_to_the_hash_of_the_static_manifest(tmp_path):
    code = "from django.conf import settings; print(settings.RELEASE_ID)"

    def release_id(**env):
        environ = {k: v for k, v in os.environ.items() if k not in {"RELEASE_ID", "STATIC_ROOT"}}
        environ.update(DJANGO_SETTINGS_MODULE="migrant_site.settings", SECRET_KEY="x", **env)
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip().splitlines()[-1]

    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/site.css": "css/site.1.css"}}')
    first = release_id(STATIC_ROOT=str(tmp_path))
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/site.css": "css/site.2.css"}}')
    assert release_id(STATIC_ROOT=str(tmp_path)) != first
    assert release_id(STATIC_ROOT=str(tmp_path), RELEASE_ID="abc123") == "abc123"
