"""The project's settings, with what only tests need."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from migrant_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
