"""What some tests need from the machine: Redis, PostgreSQL, a tool. On a developer's machine a
missing one skips those tests with the reason; in CI (CI=true) it fails them."""

import os
from urllib.parse import urlsplit

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))


# What the test run sets in its own environment and no production process has: the test
# settings, test-only switches, the browser tests' async flag, the test databases.
TEST_ONLY_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "STATIC_MANIFEST",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "PAGE_CACHE_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_environ(**values):
    """This process's environment as a production process would have it, DEBUG off, `values`
    on top: for the subprocesses that run the project's own settings."""
    environ = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return {**environ, "DEBUG": "false", **values}


def missing(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


def worker_number():
    """0, 1, … for each pytest-xdist worker (make test runs several); 0 without xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def worker_port(port):
    """A port of the test suite's, moved 200 further for each worker: tests that start servers
    on fixed ports then run side by side on several workers."""
    return port + 200 * worker_number()


def redis_url():
    """TEST_REDIS_URL (default database 6), one database further for each worker: the tests
    empty their database, and two workers must not empty each other's."""
    parts = urlsplit(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6"))
    database = int(parts.path.lstrip("/") or 0) + worker_number()
    return parts._replace(path=f"/{database}").geturl()


REDIS_URL = redis_url()


def empty_redis():
    """The test's Redis database, emptied; a client to it. Skips (fails in CI) without Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.RedisError:
        missing(f"needs Redis at {REDIS_URL} (TEST_REDIS_URL)")
    return client


def require_postgresql():
    if not ON_POSTGRESQL:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
