"""The floor: a bare WSGI app answering the home page's exact bytes from memory.

Served by the same gunicorn config as the site, it is the fastest any page could be.
"""

import os

with open(os.environ["BENCH_FLOOR_BODY"], "rb") as f:
    BODY = f.read()

HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
