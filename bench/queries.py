"""Print SQL queries per page, cold and warm, as JSON: run by bench/run.py on the bench database."""

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
    # Twice: the first render builds the fragments kept per content version, the second uses them.
    for name in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts.setdefault(path, {})[name] = len(queries)
print(json.dumps(counts))
