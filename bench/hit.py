"""The in-process cost of a cached page: the site's WSGI application answering /en/ from memory.

    python bench/hit.py     best of 15 × 2,000 calls, in µs a hit (no server, no network)

A fresh SQLite database under bench/results/, the seed content, DEBUG off. Steadier than req/s
on a machine shared with other jobs: it measures the code of a hit and nothing else.
"""

import io
import os
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "results" / "hit.sqlite3"

sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="migrant_site.settings",
    SECRET_KEY="bench-only-not-a-secret",
    DEBUG="false",
    ALLOWED_HOSTS="localhost",
    SECURE_SSL_REDIRECT="false",
    STATIC_MANIFEST="false",
    DATABASE_URL=f"sqlite:///{DATABASE}",
    LOG_LEVEL="WARNING",
)


def main():
    import django

    DATABASE.parent.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=io.StringIO())
    from migrant_site.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/en/",
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
    }

    def start_response(status, headers):
        assert status == "200 OK", status

    def hit():
        application(dict(environ, **{"wsgi.input": io.BytesIO()}), start_response)

    hit()  # rendered and stored
    number = 2000
    best = min(timeit.repeat(hit, number=number, repeat=15)) / number
    print(f"cached /en/ answered by the WSGI application: {best * 1e6:.1f} µs a hit")


if __name__ == "__main__":
    main()
