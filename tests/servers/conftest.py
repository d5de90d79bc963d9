import shutil
from urllib.parse import urlsplit

import pytest

from tests.services import DATABASE_URL, ON_POSTGRESQL, worker_port

from .processes import manage, production_env, with_port

CLOSED_PORT = worker_port(8749)  # nothing listens there: "the database is down"


def postgresql_database(suffix, template=None):
    """Database `<DATABASE_URL's name>_<suffix>`, made anew (a copy of `template` if given);
    returns its name and URL."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = f"{parts.path.lstrip('/') or 'postgres'}_{suffix}"
    drop_postgresql_database(name)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name, parts._replace(path=f"/{name}").geturl()


def drop_postgresql_database(name):
    import psycopg

    admin_url = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def site_template(tmp_path_factory):
    """Built once: a migrated, seeded database with an editor, and the collected static files
    (as the image build does). Each test gets its own copy of the database (`site`)."""
    folder = tmp_path_factory.mktemp("site")
    if ON_POSTGRESQL:
        name, url = postgresql_database("gunicorn_template")
    else:
        name, url = None, f"sqlite:///{folder / 'site.sqlite3'}"
    static_root = folder / "staticfiles"
    env = production_env(url, static_root)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed_content")
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org")
    manage(env, "collectstatic", "--noinput")
    yield {"database": name or folder / "site.sqlite3", "static_root": static_root}
    if ON_POSTGRESQL:
        drop_postgresql_database(name)


@pytest.fixture
def site(site_template, tmp_path):
    """The site's own database, a fresh copy of the template's: a test's sign-ins and edits stay
    in it. Its URL, the same with the server down (`down_url`), and the static files."""
    if ON_POSTGRESQL:
        name, url = postgresql_database("gunicorn", template=site_template["database"])
        down_url = with_port(url, CLOSED_PORT)
    else:
        copy = tmp_path / "site.sqlite3"
        shutil.copyfile(site_template["database"], copy)
        url = f"sqlite:///{copy}"
        down_url = f"sqlite:///{tmp_path / 'no-such-folder' / 'site.sqlite3'}"
    yield {"url": url, "down_url": down_url, "static_root": site_template["static_root"]}
    if ON_POSTGRESQL:
        drop_postgresql_database(name)
