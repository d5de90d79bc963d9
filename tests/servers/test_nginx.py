"""nginx in front of two gunicorn instances, with the repo's own config (deploy/nginx/).

The proxy image's command (deploy/nginx/start.sh) fills in deploy/nginx/nginx.conf.template and
runs Debian's nginx, here as the current user with every path in a temporary folder, on ports
8781 (HTTPS) and 8782 (HTTP), before the image's gunicorn command on 8701 and 8702 (200 further
for each further worker of make test)
(tests/servers/test_gunicorn.py). Without nginx (or its Brotli modules) the tests skip, and fail in CI.
"""

import contextlib
import getpass
import gzip
import http.client
import os
import re
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.services import REDIS_URL, empty_redis, missing, require_postgresql, worker_port

from .processes import (
    PORT_A,
    PORT_B,
    ROOT,
    Browser,
    gunicorn,
    manage,
    production_env,
    serving,
)

HTTPS_PORT, HTTP_PORT = worker_port(8781), worker_port(8782)
# The instances' page lifetime here (PAGE_CACHE_SECONDS, hence s-maxage): short, to see an edit.
LIFETIME = 2
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
IMAGE_LIMIT = 10 * 1024 * 1024  # NEWS_IMAGE_MAX_BYTES's default


def nginx_missing():
    if not shutil.which("nginx") or not shutil.which("envsubst"):
        return "nginx or envsubst is not installed (Debian: nginx, gettext-base)"
    if not BROTLI.exists():
        return "nginx's Brotli modules are not installed (libnginx-mod-http-brotli-filter/-static)"
    return None


@pytest.fixture(autouse=True)
def needs_nginx():
    reason = nginx_missing()
    if reason:
        missing(reason)


class ProxyVisitor(Browser):
    """A visitor of https://localhost/ through nginx (a self-signed certificate)."""

    def __init__(self):
        super().__init__(HTTPS_PORT)

    def connection(self):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection("127.0.0.1", HTTPS_PORT, timeout=20, context=context)


@contextlib.contextmanager
def nginx(tmp_path, static_root, media_root):
    folder = tmp_path / "nginx"
    folder.mkdir()
    key, certificate = folder / "privkey.pem", folder / "fullchain.pem"
    # The README's command for a local trial's certificate.
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(
        os.environ,
        NGINX_TEMPLATE=str(ROOT / "deploy/nginx/nginx.conf.template"),
        NGINX_CONF=str(folder / "nginx.conf"),
        NGINX_USER=getpass.getuser(),
        NGINX_RUN_DIR=str(folder / "run"),
        NGINX_CACHE_DIR=str(folder / "cache"),
        NGINX_ACCESS_LOG=f"{folder / 'access.log'} site",
        NGINX_SERVER_NAME="localhost",
        NGINX_HTTP_PORT=str(HTTP_PORT),
        NGINX_HTTPS_PORT=str(HTTPS_PORT),
        NGINX_UPSTREAMS=f"server 127.0.0.1:{PORT_A}; server 127.0.0.1:{PORT_B};",
        NGINX_TLS_CERTIFICATE=str(certificate),
        NGINX_TLS_CERTIFICATE_KEY=str(key),
        NGINX_STATIC_ROOT=str(static_root),
        NGINX_MEDIA_ROOT=str(media_root),
        NEWS_IMAGE_MAX_BYTES=str(IMAGE_LIMIT),
    )
    log_path = folder / "error.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["sh", str(ROOT / "deploy/nginx/start.sh")], env=env, stdout=log, stderr=log
        )
    with serving(process, HTTPS_PORT, log_path, seconds=15):
        yield ProxyVisitor()


def prepare(served, tmp_path, **extra):
    media_root = tmp_path / "media"
    (media_root / "news").mkdir(parents=True)
    (media_root / "news" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    env = production_env(
        served["url"],
        served["static_root"],
        MEDIA_ROOT=str(media_root),
        PAGE_CACHE_SECONDS=str(LIFETIME),
        FORWARDED_ALLOW_IPS="127.0.0.1",
        **extra,
    )
    manage(env, "write_unavailable_pages")  # as the image build does, after collectstatic
    return env, media_root


def get(visitor, path, headers=None):
    visitor.cookies.clear()  # an anonymous visitor each time
    return visitor.request(path, headers=headers)


def test_nginx_caches_compresses_serves_files_and_outlives_the_instances(site, tmp_path):
    env, media_root = prepare(site, tmp_path)
    log = tmp_path / "gunicorn.log"
    with nginx(tmp_path, site["static_root"], media_root) as proxy:
        with gunicorn(PORT_A, env, log), gunicorn(PORT_B, env, log):
            # Django answered over HTTPS (X-Forwarded-Proto reached it: no redirect).
            first = get(proxy, "/en/news/")
            assert first.status == 200
            assert first.getheader("X-Cache-Status") == "MISS"
            assert 'href="https://localhost/en/news/"' in first.body.decode()
            assert "s-maxage=2" in first.getheader("Cache-Control")
            second = get(proxy, "/en/news/")
            assert second.getheader("X-Cache-Status") == "HIT"
            assert second.body == first.body

            # HTML compressed, gzip and Brotli; HTTP/2.
            zipped = get(proxy, "/en/", {"Accept-Encoding": "gzip"})
            assert zipped.getheader("Content-Encoding") == "gzip"
            assert b"<html" in gzip.decompress(zipped.body)
            brotli = get(proxy, "/en/", {"Accept-Encoding": "br"})
            assert brotli.getheader("Content-Encoding") == "br"
            assert len(brotli.body) < len(gzip.decompress(zipped.body)) / 2
            feed = get(proxy, "/en/news/feed/", {"Accept-Encoding": "br"})
            assert feed.getheader("Content-Encoding") == "br"
            if shutil.which("curl"):
                version = subprocess.run(
                    [
                        *("curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_version}"),
                        *("--resolve", f"localhost:{HTTPS_PORT}:127.0.0.1"),
                        f"https://localhost:{HTTPS_PORT}/en/",
                    ],
                    capture_output=True,
                    text=True,
                ).stdout
                assert version == "2"

            # Static and media files come from nginx itself (Django would add X-Request-ID).
            stylesheet = re.search(
                r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', first.body.decode()
            )
            css = get(proxy, stylesheet[1], {"Accept-Encoding": "gzip"})
            assert css.status == 200
            assert css.getheader("X-Request-ID") is None
            assert css.getheader("Content-Encoding") == "gzip"  # WhiteNoise's .gz, as it is
            assert "immutable" in css.getheader("Cache-Control")
            photo = get(proxy, "/media/news/photo.jpg")
            assert photo.status == 200 and photo.getheader("X-Request-ID") is None
            assert "max-age=2592000" in photo.getheader("Cache-Control")

            # Signed-in users and the admin are never answered from the cache.
            for _ in range(2):
                signed_in = get(proxy, "/en/news/", {"Cookie": "sessionid=an-editor-session"})
                assert signed_in.getheader("X-Cache-Status") == "BYPASS"
                assert "private" in signed_in.getheader("Cache-Control")
                assert get(proxy, "/admin/login/").getheader("X-Cache-Status") != "HIT"
                # The language redirect depends on Accept-Language: never held.
                assert get(proxy, "/").getheader("X-Cache-Status") == "BYPASS"

            # A body larger than the image limit allows is refused by nginx.
            conn = proxy.connection()
            conn.putrequest("POST", "/admin/login/")
            conn.putheader("Content-Length", str(IMAGE_LIMIT + 2 * 1024 * 1024))
            conn.endheaders()
            assert conn.getresponse().status == 413
            conn.close()

            plain = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=5)
            plain.request("GET", "/en/", headers={"Host": "localhost"})
            response = plain.getresponse()
            assert (response.status, response.getheader("Location")) == (
                301,
                "https://localhost/en/",
            )

        # Both instances stopped: held pages still answer, the rest get the branded 503.
        held = get(proxy, "/en/news/")
        assert held.status == 200
        assert held.getheader("X-Cache-Status") in ("HIT", "STALE")
        assert held.body == first.body
        unavailable = get(proxy, "/fr/actualites/")
        assert unavailable.status == 503
        assert unavailable.getheader("Retry-After") == "30"
        html = unavailable.body.decode()
        assert '<html lang="fr">' in html and "Service temporairement indisponible" in html
        assert get(proxy, "/en/contact/").status == 503
        assert get(proxy, stylesheet[1]).status == 200


def test_an_admin_save_shows_through_the_proxy_within_the_shared_lifetime(request, tmp_path):
    require_postgresql()
    empty_redis()
    import psycopg

    served = request.getfixturevalue("site")
    env, media_root = prepare(served, tmp_path, REDIS_URL=REDIS_URL)
    log = tmp_path / "gunicorn.log"
    with (
        nginx(tmp_path, served["static_root"], media_root) as proxy,
        gunicorn(PORT_A, env, log),
        gunicorn(PORT_B, env, log),
    ):
        get(proxy, "/en/news/")
        held = get(proxy, "/en/news/")
        assert held.getheader("X-Cache-Status") == "HIT"
        assert "Bahrain: Decree 79" in held.body.decode()

        with psycopg.connect(served["url"]) as conn:
            (pk,) = conn.execute(
                "SELECT id FROM news_newsitem WHERE slug LIKE 'bahrain%%'"
            ).fetchone()
        editor = ProxyVisitor()
        editor.log_in()
        deleted = editor.request(
            f"/admin/news/newsitem/{pk}/delete/",
            {"post": "yes", "csrfmiddlewaretoken": editor.cookies["csrftoken"]},
        )
        assert deleted.status == 302, deleted.body
        saved = time.monotonic()

        # Within the shared lifetime (s-maxage), plus one refresh in the background.
        while "Bahrain: Decree 79" in get(proxy, "/en/news/").body.decode():
            assert time.monotonic() - saved < 2 * LIFETIME + 2, "the proxy still shows it"
            time.sleep(0.2)
        assert "Bahrain: Decree 79" not in get(proxy, "/en/").body.decode()
