"""The Docker image's command, run for real: gunicorn with gunicorn.conf.py, DEBUG off.

Each server is the CMD of the Dockerfile, started as a subprocess on a port of our own, with its
own committed database (migrated and seeded here, since pytest's test database lives in an
uncommitted transaction no other process can see). On PostgreSQL with Redis, two instances share
one database and one cache, as behind a load balancer.
"""

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PORT_A, PORT_B = 8701, 8702
PORT_SIGN_IN = 8711
CLOSED_PORT = 8749  # nothing listens there: "the database is down"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
PASSWORD = "a-long-editor-password"


def dockerfile_cmd():
    """The image's command, read from the Dockerfile so the test cannot drift from it."""
    lines = [
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")
    ]
    assert len(lines) == 1
    return json.loads(lines[0].removeprefix("CMD "))


def production_env(database_url, static_root, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "STATIC_MANIFEST",
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "PAGE_CACHE_SECONDS",
        }
    }
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        DEBUG="false",
        SECRET_KEY="gunicorn-test-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="2",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        **extra,
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def with_port(url, port):
    parts = urlsplit(url)
    host = f"{parts.username}@" if parts.username else ""
    return parts._replace(netloc=f"{host}{parts.hostname}:{port}").geturl()


@pytest.fixture
def site(tmp_path):
    """A committed, migrated, seeded database with an editor, and collected static files."""
    if ON_POSTGRESQL:
        import psycopg

        parts = urlsplit(DATABASE_URL)
        name = f"{parts.path.lstrip('/') or 'postgres'}_gunicorn"
        admin_url = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = parts._replace(path=f"/{name}").geturl()
        down_url = with_port(url, CLOSED_PORT)
    else:
        url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        down_url = f"sqlite:///{tmp_path / 'no-such-folder' / 'site.sqlite3'}"
    static_root = tmp_path / "staticfiles"
    env = production_env(url, static_root)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed_content")
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org")
    manage(env, "collectstatic", "--noinput")  # as the image build does
    yield {"url": url, "down_url": down_url, "static_root": static_root}
    if ON_POSTGRESQL:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def gunicorn(port, env, log_path):
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    with open(log_path, "ab") as log:
        process = subprocess.Popen(dockerfile_cmd(), cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, Path(log_path).read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
        yield Browser(port)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Browser:
    """A visitor behind the TLS proxy (X-Forwarded-Proto: https), keeping its cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, path, form=None, headers=None):
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://localhost{path}"
        conn = self.connection()
        conn.request("POST" if form is not None else "GET", path, body, headers)
        response = conn.getresponse()
        response.body = response.read()
        conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)

    def text(self, path):
        response = self.request(path)
        assert response.status == 200, (path, response.status)
        return response.body.decode()

    def log_in(self):
        self.request("/admin/login/")
        response = self.request(
            "/admin/login/?next=/admin/",
            {
                "username": "editor",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert response.status == 302, response.body


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


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def test_two_instances_share_postgresql_and_redis(request, tmp_path):
    if not ON_POSTGRESQL:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    if not redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"needs Redis at {REDIS_URL} (TEST_REDIS_URL)")
    import psycopg
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
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
