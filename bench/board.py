"""The translators' board with many records needing French, timed in process.

    python bench/board.py [COUNT [NEEDING]]   COUNT generated news items (10,000), NEEDING of
                                              them (all) needing French: half with their English
                                              title changed, half without French summary

A fresh SQLite database under bench/results/, or, with DATABASE_URL=postgres://…/NAME, a fresh
database NAME_board. DEBUG off. A signed-in translator (django.test.Client) asks for the board's
first page and last page, and posts "Save and next" on a record in the middle of the board; each
is run once to warm up (the last page is page ⌈records / 50⌉), then timed five times (the best is printed) with its SQL queries counted.
"""

import io
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "results" / "board.sqlite3"
RUNS = 5
# WhiteNoise warns that there is no STATIC_ROOT: the board is timed, not its static files.
warnings.filterwarnings("ignore", "No directory at")

sys.path.insert(0, str(ROOT))
URL = os.environ.get("DATABASE_URL", "")
os.environ.update(
    DJANGO_SETTINGS_MODULE="migrant_site.settings",
    SECRET_KEY="bench-only-not-a-secret",
    DEBUG="false",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    STATIC_MANIFEST="false",
    DATABASE_URL=f"{URL}_board" if URL.startswith("postgres") else f"sqlite:///{DATABASE}",
    LOG_LEVEL="WARNING",
)


def fresh_database():
    if URL.startswith("postgres"):
        import psycopg

        name = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        DATABASE.parent.mkdir(exist_ok=True)
        DATABASE.unlink(missing_ok=True)


def load(count, needing):
    from django.core.management import call_command
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from news.models import NewsItem

    call_command("migrate", verbosity=0)
    call_command("load_seed_content", stdout=io.StringIO())
    call_command("generate_news", str(count), stdout=io.StringIO())
    generated = NewsItem.objects.filter(slug__startswith="generated-")
    # update() sends no pre_save: the English changes and the French stays as it was written.
    pks = list(generated.order_by("pk").values_list("pk", flat=True)[:needing])
    changed = generated.filter(pk__in=pks[: needing // 2])
    changed.update(title_en=Concat(F("title_en"), Value(", revised")))
    generated.filter(pk__in=pks[needing // 2 :]).update(summary_fr="")


def timed(call):
    """(best seconds, queries) of `call` over RUNS runs after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    best = float("inf")
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - start)
    return best, len(queries)


def french_form(record):
    fields = {f.name: getattr(record, f.name) or "" for f in record._meta.fields}
    form = {name: value for name, value in fields.items() if name.endswith("_fr")}
    return {**form, "opened_version": record.edit_version, "_savenext": "1"}


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    needing = int(sys.argv[2]) if len(sys.argv) > 2 else count
    fresh_database()
    import django

    django.setup()
    load(count, needing)
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from migrant_site.roles import TRANSLATORS
    from migrant_site.translation.status import records_needing_work

    translator = User.objects.create_user("camille", is_staff=True)
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client = Client()
    client.force_login(translator)
    rows = records_needing_work()
    middle = rows[len(rows) // 2].record
    middle_url = f"/admin/news/newsitem/{middle.pk}/change/"

    sizes = {}

    def get(path):
        def call():
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            sizes[path] = len(response.content)

        return call

    def save_and_next():
        middle.refresh_from_db()
        response = client.post(middle_url, french_form(middle))
        assert response.status_code == 302, response.status_code

    print(f"{connection_vendor()}, {count:,} generated items, {len(rows):,} records needing work")
    first, last = (
        "/admin/translation-status/",
        f"/admin/translation-status/?p={-(-len(rows) // 50)}",
    )
    for label, path, call in [
        ("board, first page", first, get(first)),
        ("board, last page", last, get(last)),
        ("save and next", None, save_and_next),
    ]:
        best, queries = timed(call)
        size = f", {sizes[path] / 1024:,.0f} KiB" if path else ""
        print(f"{label}: {best * 1000:,.0f} ms (best of {RUNS}), {queries} queries{size}")


def connection_vendor():
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
