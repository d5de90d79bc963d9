"""The Docker image's command, run for real: gunicorn with gunicorn.conf.py, DEBUG off.

Each server is the CMD of the Dockerfile, started as a subprocess on a port of our own, with its
own committed database (migrated and seeded by the `site` fixture, since pytest's test database
lives in an uncommitted transaction no other process can see). On PostgreSQL with Redis, two
instances share one database and one cache, as behind a load balancer.
"""

import json
import re
import time

from migrant_site.content_version import VERSION_CHECK_SECONDS
from tests.services import REDIS_URL, empty_redis, require_postgresql, worker_port

from .processes import (
    PASSWORD,
    PORT_A,
    PORT_B,
    ROOT,
    Browser,
    gunicorn,
    production_env,
)

PORT_SIGN_IN = worker_port(8711)


def test_image_command_serves_the_site_with_static_files_headers_and_logs(site, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(PORT_A, production_env(site["url"], site["static_root"]), log) as visitor:
        health = visitor.request("/healthz")
        assert health.status == 200
        assert json.loads(health.body) == {"status": "ok", "database": "ok", "cache": "ok"}

        page = visitor.request("/en/", headers={"X-Request-ID": "from-the-proxy-42"})
        assert page.status == 200
        assert page.getheader("X-Request-ID") == "from-the-proxy-42"
        assert "unsafe-inline" not in page.getheader("Content-Security-Policy")
        assert page.getheader("Strict-Transport-Security").startswith("max-age=31536000")

        # Hashed, compressed, cached for ever.
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.body.decode())
        assert stylesheet, "no hashed stylesheet in the page"
        css = visitor.request(stylesheet[1], headers={"Accept-Encoding": "gzip"})
        assert css.status == 200
        assert css.getheader("Content-Encoding") == "gzip"
        assert "max-age=315360000" in css.getheader("Cache-Control")
        assert "immutable" in css.getheader("Cache-Control")

        plain = visitor.request("/en/", headers={"X-Forwarded-Proto": "http"})
        assert plain.status == 301
        assert plain.getheader("Location") == "https://localhost/en/"

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    # One JSON line per request, gunicorn's, with the request id the app echoed.
    access = [line for line in lines if "remote" in line]
    mine = [line for line in access if line["request_id"] == "from-the-proxy-42"]
    assert len(mine) == 1
    assert {"method": "GET", "path": "/en/", "status": "200"}.items() <= mine[0].items()


def test_database_down_gives_healthz_503_and_the_branded_page_then_recovers(site, tmp_path):
    log = tmp_path / "gunicorn.log"
    down = production_env(site["down_url"], site["static_root"])
    with gunicorn(PORT_A, down, log) as visitor:
        health = visitor.request("/healthz")
        assert health.status == 503
        assert json.loads(health.body)["database"] == "unavailable"
        page = visitor.request("/fr/contact/")
        assert page.status == 503
        html = page.body.decode()
        assert '<html lang="fr">' in html and "Service temporairement indisponible" in html
        assert "Traceback" not in html
        assert visitor.request("/en/news/").status == 503

    # The database is back (the instance restarted with its real address).
    with gunicorn(PORT_A, production_env(site["url"], site["static_root"]), log) as visitor:
        assert visitor.request("/healthz").status == 200
        assert "Genève" in visitor.text("/fr/contact/")


def sign_in(visitor, password, forwarded_for):
    """A sign-in through the admin form; the proxy (if any) said it came from forwarded_for."""
    headers = {"X-Forwarded-For": forwarded_for}
    visitor.request("/admin/login/", headers=headers)
    form = {"username": "editor", "password": password}
    form["csrfmiddlewaretoken"] = visitor.cookies["csrftoken"]
    return visitor.request("/admin/login/?next=/admin/", form, headers=headers).status


def test_sign_in_lock_out_keys_on_the_address_the_trusted_proxy_gives(site, tmp_path):
    """The test's requests come from 127.0.0.1: first the proxy's address, then a stranger's."""
    log = tmp_path / "gunicorn.log"
    env = production_env(site["url"], site["static_root"], AXES_FAILURE_LIMIT="3")
    with gunicorn(PORT_SIGN_IN, dict(env, FORWARDED_ALLOW_IPS="127.0.0.1"), log) as proxy:
        attacker, editor = Browser(PORT_SIGN_IN), Browser(PORT_SIGN_IN)
        # The attacker makes up the left of X-Forwarded-For; the proxy appends the real address.
        statuses = [sign_in(attacker, "wrong", f"192.0.2.{n}, 198.51.100.66") for n in range(3)]
        assert statuses == [200, 200, 429]
        # The editor, through the same proxy from elsewhere, is not locked out.
        assert sign_in(editor, PASSWORD, "203.0.113.10") == 302
        assert proxy.port == PORT_SIGN_IN

    # Not from a trusted proxy: the header is ignored, so changing it does not reset the count.
    with gunicorn(PORT_SIGN_IN, dict(env, FORWARDED_ALLOW_IPS="10.9.9.9"), log):
        stranger = Browser(PORT_SIGN_IN)
        statuses = [sign_in(stranger, "wrong", f"198.51.100.{n}") for n in range(3)]
        assert statuses == [200, 200, 429]
        assert sign_in(stranger, PASSWORD, "203.0.113.10") == 429


def test_two_instances_share_postgresql_and_redis(request, tmp_path):
    require_postgresql()
    empty_redis()
    import psycopg

    site = request.getfixturevalue("site")
    env = production_env(site["url"], site["static_root"], REDIS_URL=REDIS_URL)
    log = tmp_path / "gunicorn.log"
    with gunicorn(PORT_A, env, log) as a, gunicorn(PORT_B, env, log) as b:
        # B renders and caches the list; A's visitors get B's cached page.
        assert "Bahrain: Decree 79" in b.text("/en/news/")
        assert "Bahrain: Decree 79" in a.text("/en/news/")

        # An editor deletes the item in A's admin.
        with psycopg.connect(site["url"]) as conn:
            (pk,) = conn.execute(
                "SELECT id FROM news_newsitem WHERE slug LIKE 'bahrain%%'"
            ).fetchone()
        a.log_in()
        deleted = a.request(
            f"/admin/news/newsitem/{pk}/delete/",
            {"post": "yes", "csrfmiddlewaretoken": a.cookies["csrftoken"]},
        )
        assert deleted.status == 302, deleted.body
        # B's visitors see it gone within a second: each process re-reads the content version
        # at most once a second (VERSION_CHECK_SECONDS), so a cached page needs no Redis trip.
        deadline = time.monotonic() + 2
        while "Bahrain: Decree 79" in b.text("/en/news/"):
            assert time.monotonic() < deadline, "instance B still shows the deleted item"
            time.sleep(0.1)
        # That was one of B's two workers; a second later, every worker has read the version.
        time.sleep(VERSION_CHECK_SECONDS + 0.1)
        assert "Bahrain: Decree 79" not in b.text("/en/")

        # A repeated conditional request is answered 304 without a body.
        etag = b.request("/en/news/").getheader("ETag")
        not_modified = b.request("/en/news/", headers={"If-None-Match": etag})
        assert not_modified.status == 304
        assert not_modified.body == b""

    # B restarts pointed at a closed port: cached pages still answer, others get the 503 page.
    down = production_env(site["down_url"], site["static_root"], REDIS_URL=REDIS_URL)
    with gunicorn(PORT_B, down, log) as b:
        assert json.loads(b.request("/healthz").body) == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "ok",
        }
        assert "Labour Migration Academy" in b.text("/en/news/")
        page = b.request("/fr/actualites/")
        assert page.status == 503
        assert "Service temporairement indisponible" in page.body.decode()
    with gunicorn(PORT_B, env, log) as b:
        assert b.request("/healthz").status == 200
        assert "Académie sur les migrations" in b.text("/fr/actualites/")


def test_gunicorn_config_reads_the_environment(monkeypatch):
    import multiprocessing
    import runpy

    for name in ("GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    defaults = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert defaults["bind"] == "0.0.0.0:8000"
    assert defaults["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert defaults["worker_class"] == "sync"
    assert defaults["timeout"] == 30
    assert defaults["accesslog"] == "-"
    # Workers are forks of a master that loaded Django: replacing one costs no import.
    assert defaults["preload_app"] is True
    assert defaults["max_requests"] == 50000
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8703")
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "10")
    configured = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (configured["bind"], configured["workers"], configured["timeout"]) == (
        "127.0.0.1:8703",
        2,
        10,
    )
