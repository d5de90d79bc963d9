"""gunicorn settings, read from the environment (minimal; production may extend it)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
wsgi_app = "migrant_site.wsgi:application"
accesslog = "-"
errorlog = "-"
