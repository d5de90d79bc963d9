"""Print SQL queries per page as JSON: run by bench/run.py against the bench database."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migrant_site.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()
counts = {}
for path in sys.argv[1:]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    counts[path] = {"status": status, "queries": len(queries)}
print(json.dumps(counts))
