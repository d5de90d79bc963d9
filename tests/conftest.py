import os
from datetime import timedelta

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone, translation

from migrant_site.content_version import forget_content_version
from migrant_site.pagecache import clear_local_pages, open_budget
from migrant_site.roles import EDITORS, TRANSLATORS
from news.models import NewsItem
from tests.people import staff_member


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that start servers and need no test database first: make test's workers then
    run these long ones beside the many short ones, rather than last. pytest-django's order
    (database tests, then transactional ones, then the rest) holds for all the others."""
    items.sort(key=lambda item: not starts_servers(item))


def starts_servers(item):
    uses_database = item.get_closest_marker("django_db") or any(
        name in item.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    return "servers" in item.path.parts and not uses_database


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Tests read the French catalogue as it stands, compiled before any French is looked up."""
    for po_path in settings.BASE_DIR.glob("locale/*/LC_MESSAGES/django.po"):
        with open(po_path, "rb") as po:
            catalogue = read_po(po)
        # Written aside, then renamed: another worker may be reading the file meanwhile.
        part = po_path.with_suffix(f".mo.{os.getpid()}")
        with open(part, "wb") as mo:
            write_mo(mo, catalogue)
        part.replace(po_path.with_suffix(".mo"))


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a French page an earlier test requested leaves
    French active in the thread (LocaleMiddleware activates it and nothing resets it)."""
    translation.activate(settings.LANGUAGE_CODE)


def clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()
    clear_local_pages()
    forget_content_version()
    open_budget.reset()


def shared_cache_down():
    """Settings where the shared cache is a real Redis client aimed at a port nobody listens on
    (each process's own memory, the "local" cache, still works). Use as `with ...:`."""
    dead_redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:8749/0",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
    return override_settings(CACHES={**settings.CACHES, "default": dead_redis})


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache as in production (tests otherwise run without it), empty."""
    settings.PAGE_CACHE_SECONDS = 60
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def content_cache(settings):
    """Fragments, profile and year counts kept per content version, as in production; empty."""
    settings.CONTENT_CACHE_SECONDS = 60
    clear_caches()
    yield
    clear_caches()


class Seed:
    """The seed committed to the test database once per session (as `setUpTestData` does for a
    class): the tables it filled, and whether it is there now."""

    tables = []
    committed = False


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def empty_seed_tables():
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), Seed.tables, allow_cascade=True)
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = row_counts()
        call_command("load_seed_content", stdout=open(os.devnull, "w"))
        after = row_counts()
    Seed.tables = [table for table in after if after[table] != before[table]]
    assert all(before[table] == 0 for table in Seed.tables), "the seed only fills empty tables"
    Seed.committed = True


@pytest.fixture(autouse=True)
def seed_only_where_asked(request):
    """A database test that does not ask for `seeded` sees the tables as the migrations leave
    them: inside its transaction the seed is taken away (the rollback brings it back). A
    transactional test empties the tables for good (its flush would anyway)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction", False)) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if marker is None and not transactional and "db" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    if not Seed.committed:
        return
    if transactional:
        with request.getfixturevalue("django_db_blocker").unblock():
            empty_seed_tables()
        Seed.committed = False
    elif "seeded" not in request.fixturenames:
        request.getfixturevalue("db")
        empty_seed_tables()


@pytest.fixture
def seeded(db):
    """The site as `make run` leaves it: the seed page's content in English and French (loaded
    here only when a transactional test has emptied the tables since)."""
    call_command("load_seed_content", stdout=open(os.devnull, "w"))


@pytest.fixture
def make_news(db):
    """Create published news items, newest first, one day apart."""

    def make(count, **fields):
        now = timezone.now()
        items = [
            NewsItem(
                title_en=f"Generated item {n}",
                title_fr=f"Article généré {n}",
                slug=f"generated-item-{n}",
                summary_en=f"Summary {n}",
                summary_fr=f"Résumé {n}",
                status=NewsItem.Status.PUBLISHED,
                published_at=now - timedelta(days=n + 1),
                **fields,
            )
            for n in range(count)
        ]
        for item in items:
            item.record_translation_sources()  # bulk_create sends no pre_save
        return NewsItem.objects.bulk_create(items)

    return make


@pytest.fixture
def hidden_news(db):
    """A draft and an item scheduled far ahead: nothing public may show either."""
    draft = NewsItem.objects.create(title_en="Secret draft", slug="secret-draft", summary_en="x")
    scheduled = NewsItem.objects.create(
        title_en="Future item",
        slug="future-item",
        summary_en="x",
        status=NewsItem.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=800),
    )
    return draft, scheduled


@pytest.fixture
def media_root(tmp_path, settings):
    """Uploads go to a temporary MEDIA_ROOT, checked and thrown away after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    return staff_member("editor", EDITORS)


@pytest.fixture
def translator(db):
    return staff_member("translator", TRANSLATORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def translator_client(translator):
    """A second browser, signed in as a translator (editor_client is pytest-django's `client`)."""
    client = Client()
    client.force_login(translator)
    return client


def scheduled_item(published_at):
    """A published news item, "Scheduled item", due at `published_at`."""
    return NewsItem.objects.create(
        title_en="Scheduled item",
        slug="scheduled-item",
        summary_en="S",
        status=NewsItem.Status.PUBLISHED,
        published_at=published_at,
    )
