"""Gunicorn settings for production (the Docker image and `make bench` use this file).

Each value can be changed from the environment without rebuilding the image.
"""

import json
import multiprocessing
import os

from gunicorn import glogging

from migrant_site.env import env_int

bind = os.environ.get("GUNICORN_BIND") or "0.0.0.0:8000"
# Sync workers: the pages are short, CPU-bound renders or cache hits; 2 × CPUs + 1 by default.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Replace workers now and then, so no slow leak grows for ever. Not too often: a new worker
# starts with an empty memory of cached pages, and cached pages are served by the thousand a second.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 50000)
max_requests_jitter = max_requests // 10
# Load Django once in the master; each worker is a fork of it. A new worker then starts in
# milliseconds instead of importing the site again (a second of CPU taken from the others).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# Trust X-Forwarded-* only from the proxy in front (its address, or "*" inside a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log: one JSON object per line on stdout, with the request id the app echoes.
# An empty GUNICORN_ACCESSLOG turns it off (the app then logs no line per request).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"query": "%(q)s", "status": "%(s)s", "bytes": "%(B)s", "duration_ms": "%(M)s", '
    '"request_id": "%({x-request-id}o)s", "user_agent": "%(a)s"}'
)


class JsonSafeAtoms(glogging.SafeAtoms):
    """Escape for JSON (gunicorn escapes only double quotes) only the values the format uses, not
    every header."""

    def __init__(self, atoms):
        dict.__init__(self, atoms)

    def __getitem__(self, key):
        value = super().__getitem__(key)
        return json.dumps(value)[1:-1] if isinstance(value, str) else value


class JsonAccessLogger(glogging.Logger):
    atoms_wrapper_class = JsonSafeAtoms


logger_class = JsonAccessLogger

# No runtime control socket (gunicorn ≥ 24): not used, and several instances on one host would
# share its default path.
control_socket_disable = True
