import runpy

from django.conf import settings


def test_an_empty_integer_variable_means_its_default(monkeypatch):
    # compose passes `${NAME:-}` as an empty string when the host has no value for it.
    for name in ("PAGE_CACHE_SECONDS", "CONN_MAX_AGE", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("SECRET_KEY", "tests-only-not-a-secret")
    site = runpy.run_path(str(settings.BASE_DIR / "migrant_site" / "settings.py"))
    server = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert site["PAGE_CACHE_SECONDS"] == 60
    assert site["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert server["timeout"] == 30
