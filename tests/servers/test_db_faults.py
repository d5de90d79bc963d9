"""The database connections are cut under a live gunicorn: the site recovers, no data is lost.

PostgreSQL only (pg_terminate_backend); CI runs the suite on PostgreSQL too.
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from news.models import NewsItem
from tests.services import ON_POSTGRESQL, worker_port

from .processes import ROOT

PORT = worker_port(8860)
PAGES = ["/en/", "/en/news/", "/fr/actualites/"]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="cuts connections with pg_terminate_backend: PostgreSQL only (CI runs it there)",
    ),
]


def status_of(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


@pytest.fixture
def live_gunicorn(transactional_db, tmp_path):
    """The site under the repo's gunicorn.conf.py, on the test database."""
    call_command("load_seed_content", stdout=open(os.devnull, "w"))
    db = connection.settings_dict
    env = dict(
        os.environ,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        DEBUG="false",
        SECRET_KEY="fault-test-only",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",  # every read reaches the database (no page cache, once merged)
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        WEB_CONCURRENCY="2",
        DJANGO_SETTINGS_MODULE="migrant_site.settings",
    )
    # As the image build does: production pages name hashed static files.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "migrant_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if status_of("/en/") == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        yield server
    finally:
        server.terminate()
        server.wait(10)


def cut_every_other_connection():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_site_recovers_and_keeps_every_saved_item_when_connections_are_cut(live_gunicorn):
    stop = threading.Event()
    answers, saved, failed_saves = [], [], []

    def reader():
        while not stop.is_set():
            for path in PAGES:
                answers.append(status_of(path))

    def editor():
        n = 0
        while not stop.is_set():
            n += 1
            try:
                # Title, then summary, in one transaction: both are saved or neither is.
                with transaction.atomic():
                    item = NewsItem.objects.create(
                        slug=f"saved-{n}", title_en=f"Saved {n}", summary_en="", status="published"
                    )
                    item.summary_en = f"Summary {n}"
                    item.save()
                saved.append(item.slug)
            except DatabaseError:
                failed_saves.append(n)
                connection.close()  # the next save opens a fresh connection
            time.sleep(0.005)
        connection.close()

    threads = [threading.Thread(target=reader), threading.Thread(target=editor)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        cut = cut_every_other_connection()
        time.sleep(0.5)
        cut += cut_every_other_connection()
        # Recovery within 5 s: a bounded poll, no timing assertion beyond the bound.
        for _ in range(50):
            if status_of("/en/news/") == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the site did not answer 200 within 5 s of the cut")
        saved_before = len(saved)
        for _ in range(50):  # and the editor saves again
            if len(saved) > saved_before:
                break
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)

    assert cut >= 2  # the editor's connection and at least one worker's
    assert len(saved) > saved_before, "no save succeeded after the cut"
    stored = set(NewsItem.objects.filter(slug__startswith="saved-").values_list("slug", flat=True))
    assert set(saved) <= stored, "a save that reported success is missing"
    assert not NewsItem.objects.filter(slug__startswith="saved-", summary_en="").exists()
    # A request in flight during the cut gets the branded 503, never a 500, a reset connection
    # or a timeout, and pages are served again afterwards.
    assert set(answers) <= {200, 503}, set(answers)
    assert answers.count(200) > 0
    assert all(status_of(path) == 200 for path in PAGES)
    print(
        f"cut {cut} connections; answers: { {a: answers.count(a) for a in set(answers)} }; "
        f"saves ok {len(saved)}, failed {len(failed_saves)}"
    )
