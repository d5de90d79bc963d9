"""A translator's saved interface string reaches every gunicorn worker (the rest of the
interface strings' tests are in tests/test_interface_strings.py)."""

import time

from tests.services import REDIS_URL, empty_redis, worker_port

from .processes import gunicorn, manage, production_env

PORT = worker_port(8731)


def test_every_gunicorn_worker_shows_a_saved_string_within_seconds_and_after_a_redeploy(tmp_path):
    """Real processes: two gunicorn workers sharing Redis, a save from a third process."""
    empty_redis()
    env = production_env(
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        tmp_path / "static",
        REDIS_URL=REDIS_URL,
        STATIC_MANIFEST="false",
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(PORT, env, tmp_path / "gunicorn.log") as visitor:
        assert "Aller au contenu principal" in visitor.text("/fr/")  # and cached
        manage(
            env,
            "shell",
            "-c",
            "from migrant_site.translation.models import InterfaceString as S; "
            "s = S.objects.get(english='Skip to main content'); "
            "s.translation = 'Sauter au contenu'; s.save()",
        )
        deadline = time.monotonic() + 5
        while "Sauter au contenu" not in visitor.text("/fr/"):
            assert time.monotonic() < deadline, "not shown within 5 seconds"
            time.sleep(0.2)
        time.sleep(1.1)  # every worker's memory of the version is now fresh
        pages = [visitor.text("/fr/") for _ in range(8)]
        assert all("Sauter au contenu" in page for page in pages)
    with gunicorn(PORT, env, tmp_path / "gunicorn.log") as visitor:
        assert "Sauter au contenu" in visitor.text("/fr/")
