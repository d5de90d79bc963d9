"""What the bench measures, how long, on which ports, and the targets it checks."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUICK = os.environ.get("BENCH_QUICK") == "1"
SECONDS = 1 if QUICK else 5
ROUNDS = 1 if QUICK else 2
CONNECTIONS = 8
# The quick run checks the harness, not the speed: one paced connection (a request each 10 ms at
# most) keeps it from taking both cores from the test suite around it.
QUICK_CONNECTIONS, QUICK_DELAY_MS = 1, 10
GENERATED = 50 if QUICK else 1000
LARGE_LIST = 100 if QUICK else 10_000
PORT = int(os.environ.get("BENCH_PORT", "8801"))
HOST = "127.0.0.1"
# One database per port: runs on different ports (the test suite's, yours) never collide.
DB_FILE = RESULTS / f"db-{PORT}.sqlite3"
MB = 1024 * 1024

# Each site server's caches (see run.py's docstring); the floor is the fourth server.
MODES = {
    "off": {"PAGE_CACHE_SECONDS": "0", "CONTENT_CACHE_SECONDS": "60"},
    "on": {"PAGE_CACHE_SECONDS": "60", "CONTENT_CACHE_SECONDS": "60"},
    "cold": {"PAGE_CACHE_SECONDS": "0", "CONTENT_CACHE_SECONDS": "0"},
}

TARGETS = {
    "cached": 0.7,  # cached page rps / floor rps
    "home_miss": 0.3,  # home rps with the cache off / floor rps
    "queries": 3,
    "list_growth": 1.2,  # news list p50 at 10,000 items / at 10 items
    "search_growth": 2.0,  # search p50 at 10,000 items / at 10 items, PostgreSQL, nothing reused
    "rss_mb": 80,
    "home_gzip_kb": 30,
}

# A word in every item and a word in one (seed) item: the two ends of a search's work.
SEARCHES = {"common": "/en/search/?q=migration", "rare": "/en/search/?q=Bahrain"}


def log(message):
    print(message, flush=True)
