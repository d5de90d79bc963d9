"""The in-process cost of a page the page cache does not hold (the bench's "off" mode).

    python bench/miss.py              ms a request, per page: best of 7 × 200 requests
    python bench/miss.py --callgrind  the same, then instructions a request under callgrind

No server and no network: the site's WSGI application, called as gunicorn calls it, with the
page cache off and the fragments and data kept per content version on, DEBUG off, on a fresh
SQLite database under bench/results/ holding what the bench serves (the seed content and 1,000
generated items). The times move with the machine's load; the instruction counts (valgrind's
callgrind, fixed hash seed) do not, so they compare two commits on a busy machine (copy this
file into a worktree of the other commit and run it there). Fragments and the database
connection are kept for an hour rather than a minute, so that none expires during the slow
callgrind run (about fifty times slower).
"""

import io
import os
import re
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "results" / "miss.sqlite3"
GENERATED = 1000
NUMBER, REPEAT = 200, 7
COUNTED = 50  # requests a page under callgrind

sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="migrant_site.settings",
    SECRET_KEY="bench-only-not-a-secret",
    DEBUG="false",
    ALLOWED_HOSTS="localhost",
    SECURE_SSL_REDIRECT="false",
    STATIC_MANIFEST="false",
    DATABASE_URL=f"sqlite:///{DATABASE}",
    STATIC_ROOT=str(ROOT / "bench" / "results" / "miss-static"),
    LOG_LEVEL="WARNING",
    PAGE_CACHE_SECONDS="0",
    CONTENT_CACHE_SECONDS="3600",
    CONN_MAX_AGE="3600",
)


def prepare():
    Path(os.environ["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    for command in (["migrate"], ["load_seed_content"], ["generate_news", str(GENERATED)]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, check=True, capture_output=True
        )


def site():
    """The pages the bench measures, and a function that requests one as gunicorn would."""
    import django

    django.setup()
    from migrant_site.wsgi import application
    from news.models import NewsItem

    slug = NewsItem.objects.published()[0].slug
    pages = {
        "home": "/en/",
        "list": "/en/news/",
        "item": f"/en/news/{slug}/",
        "contact": "/en/contact/",
    }

    def start_response(status, headers):
        assert status == "200 OK", status

    def get(path):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "localhost",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        response = application(environ, start_response)
        b"".join(response)
        if hasattr(response, "close"):
            response.close()

    for path in pages.values():  # builds the fragments and the kept data
        for _ in range(3):
            get(path)
    return pages, get


def times():
    pages, get = site()
    for name, path in pages.items():
        best = (
            min(timeit.repeat(lambda path=path: get(path), number=NUMBER, repeat=REPEAT)) / NUMBER
        )
        print(f"{name:<8} {best * 1e3:6.3f} ms a request", flush=True)
    return pages


def count_under_callgrind():
    """Run by callgrind: os.getppid() marks each page's requests (--dump-before=getppid)."""
    pages, get = site()
    for path in pages.values():
        os.getppid()
        for _ in range(COUNTED):
            get(path)
    os.getppid()


def instructions(pages):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--dump-before=getppid",
                f"--callgrind-out-file={out}/cg",
                sys.executable,
                __file__,
                "--counted",
            ],
            env=dict(os.environ, PYTHONHASHSEED="0"),
            check=True,
            capture_output=True,
        )
        # Dump n (1-based) holds what ran since dump n - 1: dump 2 is the first page's requests.
        totals = {}
        for dump in Path(out).glob("cg.*"):
            total = re.search(r"^totals: (\d+)", dump.read_text(), re.M)
            totals[int(dump.name.split(".")[1])] = int(total.group(1))
    for number, name in enumerate(pages, start=2):
        print(f"{name:<8} {totals[number] / COUNTED / 1e6:6.3f} M instructions a request")


if __name__ == "__main__":
    if "--counted" in sys.argv:
        count_under_callgrind()
    else:
        prepare()
        measured = times()
        if "--callgrind" in sys.argv:
            instructions(measured)
