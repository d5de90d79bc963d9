"""The bench's own database (SQLite under bench/results/, or `<name>_bench` on PostgreSQL) and
the environment every server and command of the bench runs with."""

import json
import os
import shutil
import subprocess
import sys

from bench.config import DB_FILE, HOST, MODES, PORT, RESULTS, ROOT


def base_env():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "WEB_CONCURRENCY"))
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-only-not-a-secret",
        ALLOWED_HOSTS=HOST,
        # Plain HTTP on the loopback: no redirect to HTTPS (the proxy's job in production).
        SECURE_SSL_REDIRECT="false",
        # Collected as the image build does, for hashed static names.
        STATIC_ROOT=str(RESULTS / f"static-{PORT}"),
        DJANGO_SETTINGS_MODULE="migrant_site.settings",
        PYTHONPATH=str(ROOT),
    )
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + pg_bench_name(url)
    else:
        env["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
    return env


def pg_bench_name(url):
    return url.rsplit("/", 1)[1].split("?")[0] + "_bench"


def fresh_database(env):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = pg_bench_name(url)
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        DB_FILE.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_seed_content")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def snapshot_database(env):
    """A copy of the site's database as it is now; returns the environment that serves it."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}_small" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}_small" TEMPLATE "{name}"')
        return dict(env, DATABASE_URL=f"{url}_small")
    copy = DB_FILE.with_name(f"db-{PORT}-small.sqlite3")
    shutil.copyfile(DB_FILE, copy)
    return dict(env, DATABASE_URL=f"sqlite:///{copy}")


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def query_counts(env, paths):
    command = [sys.executable, str(ROOT / "bench" / "queries.py"), *paths]
    env = dict(env, ALLOWED_HOSTS=f"{HOST},testserver", **MODES["off"])
    return json.loads(last_line(command, env))


FIRST_SLUG = "from news.models import NewsItem; print(NewsItem.objects.published()[0].slug)"


def first_news_slug(env):
    command = [sys.executable, "manage.py", "shell", "-v", "0", "-c", FIRST_SLUG]
    return last_line(command, env)


def last_line(command, env):
    """What a command prints last: the answer comes after any log lines the site writes."""
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[-1].strip()
