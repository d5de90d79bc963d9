"""Settings for the MIGRANT site, read from the environment (see .env.example)."""

import hashlib
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from migrant_site.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used by `make run` on a developer's machine.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes first.
    "modeltranslation",
    # django.contrib.admin, with the site's own AdminSite (migrant_site/admin_site.py).
    "migrant_site.admin_site.MigrantAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "reversion",
    "axes",
    # The admin's rich-text editor: its static files and its French strings.
    "django_prose_editor",
    "django.contrib.sitemaps",
    "branch",
    "news",
    "contacts",
    "migrant_site",
]

MIDDLEWARE = [
    # Production (see "Production" in README): a request id for every request, then conditional
    # GET (304) and the anonymous page cache, so a page is stored with the headers set below.
    # Fresh cached pages are answered even before this stack, by the WSGI app (pagecache.py).
    "migrant_site.middleware.RequestIdMiddleware",
    "migrant_site.middleware.AllowedMethodsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "migrant_site.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "migrant_site.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "migrant_site.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "migrant_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "branch.context_processors.site",
                "migrant_site.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "migrant_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
]
# The language content is written in first; every other language is translated from it.
SOURCE_LANGUAGE = LANGUAGE_CODE
# What each language needs that its code and name cannot give. Adding a language: add it here
# and to LANGUAGES, then migrations (makemigrations), its catalogue (locale/) and its content.
# PostgreSQL's text search configuration per language (its stemming): news search.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
# OpenGraph's locale for the pages in each language.
OPENGRAPH_LOCALES = {"en": "en_GB", "fr": "fr_FR"}
# Languages written with French typography (a non-breaking space before ; : ! ? and in « »).
FRENCH_TYPOGRAPHY_LANGUAGES = {"fr"}
# Wording naming a language inside a sentence: a name alone does not fit every sentence.
LANGUAGE_WORDING = {
    "en": {
        "marker": _("in English"),
        "not_translated": _("This text is not yet available in English."),
        "preview": _("Preview in English"),
        "preview_changes": _("Preview changes in English"),
    },
    "fr": {
        "marker": _("in French"),
        "not_translated": _("This text is not yet available in French."),
        "preview": _("Preview in French"),
        "preview_changes": _("Preview changes in French"),
    },
}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"  # Geneva
USE_I18N = True
USE_TZ = True

# An untranslated field falls back to the source language, and a source field left empty
# (a French-only item, say) to the other languages in turn.
MODELTRANSLATION_DEFAULT_LANGUAGE = SOURCE_LANGUAGE
MODELTRANSLATION_FALLBACK_LANGUAGES = (
    SOURCE_LANGUAGE,
    *(code for code, _name in LANGUAGES if code != SOURCE_LANGUAGE),
)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# What browsers and bots ask for at the site's root (/favicon.ico, /apple-touch-icon.png),
# served there by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# Part of every cached page's key, so that no instance serves a page cached by another release
# (whose hashed stylesheet may be gone). The image sets it from its build argument; otherwise
# the hash of the static files' manifest (written by collectstatic), or "dev" without one.
MANIFEST = STATIC_ROOT / "staticfiles.json"
RELEASE_ID = os.environ.get("RELEASE_ID") or (
    hashlib.sha256(MANIFEST.read_bytes()).hexdigest()[:12] if MANIFEST.exists() else "dev"
)

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Editors' uploads: news images are checked (type, size, pixels) before anything is stored.
NEWS_IMAGE_MAX_BYTES = env_int("NEWS_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
NEWS_IMAGE_MAX_PIXELS = env_int("NEWS_IMAGE_MAX_PIXELS", 40_000_000)
# Longest side, in pixels: WebP copies cannot exceed 16,383.
NEWS_IMAGE_MAX_SIDE = min(env_int("NEWS_IMAGE_MAX_SIDE", 16_000), 16_383)

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed admin logins for one username
# from one address, that pair is locked out for AXES_COOLOFF_HOURS. So nobody locks out anyone
# else, and signing in to one's own account does not clear the failures against another.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_USERNAME_CALLABLE = "migrant_site.auth.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# The address is the visitor's, from X-Forwarded-For, only when the request comes from the
# proxy: FORWARDED_ALLOW_IPS, the variable gunicorn reads for the same trust (addresses or
# networks, comma-separated).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
AXES_CLIENT_IP_CALLABLE = "migrant_site.auth.client_ip"

# Production: static and media files, cache, security, logs (README "Production").

# WhiteNoise serves compressed files with hashed names and far-future cache headers. The
# manifest needs `collectstatic` (done at image build); with DEBUG on (`make run`) and in tests
# the plain storage serves the files from their apps without it.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    # Any Django storage backend (e.g. an object store) by setting MEDIA_STORAGE_BACKEND, with
    # its options as a JSON object in MEDIA_STORAGE_OPTIONS.
    "default": {
        "BACKEND": os.environ.get(
            "MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Django's Redis cache, shared by every instance, when REDIS_URL is set; local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "migrant"),
    }
}
if REDIS_URL:
    # A cache that does not answer quickly is treated as down, rather than holding a worker.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
# Each process's own copy of what it serves most (cached pages, template fragments, the content
# version): read without a network round trip. Bounded, so memory stays flat.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# Seconds an anonymous page is served from the cache. Edits show at once (a content version in
# the cache is part of every page key); this short lifetime bounds how late a scheduled news
# item appears. 0 turns the page cache off (the default with DEBUG on).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", "0" if DEBUG else "60")
# Seconds a process reuses what it built for a content version (template fragments, the branch
# profile, the news year counts) when the page itself is not cached: another URL for the same
# content (?utm_source=…), an editor's session. It also bounds how late a scheduled item shows.
CONTENT_CACHE_SECONDS = env_int("CONTENT_CACHE_SECONDS", "0" if DEBUG else "60")

# Security. Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The container health check calls /healthz over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preload only asks browsers to trust the header; listing the domain is a separate request.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The admin under another path than the default, if wanted (must end with "/").
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")

# No inline script or style anywhere, so no 'unsafe-inline' (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# JSON lines on stdout, each with the request_id of the request that caused it (RequestIdFilter).
# The line per request is gunicorn's access log (gunicorn.conf.py), with the same request_id.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "migrant_site.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's loggers go to our handler only; gunicorn's access log has a line for every
        # answer, so django.request keeps only errors (with their traceback).
        "django": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
