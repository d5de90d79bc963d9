"""Reading the environment: one module for settings.py and gunicorn.conf.py (which must not
import Django's settings)."""

import os


def env_int(name, default):
    # An empty variable (e.g. `WEB_CONCURRENCY: ${WEB_CONCURRENCY:-}` in compose) means the default.
    return int(os.environ.get(name) or default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
