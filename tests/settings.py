"""The project's settings, with what only tests need."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# Static files from the apps, without a collectstatic manifest (tests that need one build it).
os.environ.setdefault("STATIC_MANIFEST", "false")

from migrant_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production settings (issue 6) that tests opt into where they test them: the test client speaks
# plain HTTP, and caches shared across tests would serve one test's pages to the next.
SECURE_SSL_REDIRECT = False
PAGE_CACHE_SECONDS = 0
CONTENT_CACHE_SECONDS = 0
# WhiteNoise looks for STATIC_ROOT per request rather than at start (there is none in tests).
WHITENOISE_AUTOREFRESH = True
