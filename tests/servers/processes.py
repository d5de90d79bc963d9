"""Starting the site as the Docker image does, for the tests in this folder: gunicorn with
gunicorn.conf.py and DEBUG off, on a port of the test's, and a visitor that speaks to it."""

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.services import production_environ, worker_port

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# Two instances behind one proxy (each of make test's workers has its own ports).
PORT_A, PORT_B = worker_port(8701), worker_port(8702)
PASSWORD = "a-long-editor-password"


def dockerfile_cmd():
    """The image's command, read from the Dockerfile so the test cannot drift from it."""
    lines = [
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")
    ]
    assert len(lines) == 1
    return json.loads(lines[0].removeprefix("CMD "))


def production_env(database_url, static_root, **extra):
    return production_environ(
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        SECRET_KEY="gunicorn-test-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="2",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        **extra,
    )


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def with_port(url, port):
    parts = urlsplit(url)
    host = f"{parts.username}@" if parts.username else ""
    return parts._replace(netloc=f"{host}{parts.hostname}:{port}").geturl()


@contextlib.contextmanager
def serving(process, port, log_path, seconds=30):
    """`process`, once it accepts connections on `port` (its log shown if it dies first);
    stopped on the way out."""
    try:
        deadline = time.monotonic() + seconds
        while True:
            assert process.poll() is None, Path(log_path).read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert time.monotonic() < deadline, f"{process.args} did not start"
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def gunicorn(port, env, log_path):
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    with open(log_path, "ab") as log:
        process = subprocess.Popen(dockerfile_cmd(), cwd=ROOT, env=env, stdout=log, stderr=log)
    with serving(process, port, log_path):
        yield Browser(port)


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
