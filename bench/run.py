"""`make bench` and `make loadtest`: the site under its production gunicorn config, measured.

    python -m bench.run             benchmark: pages vs the floor, cache on and off, targets
    python -m bench.run --loadtest  60 s at 32 connections, 0 errors expected, p99 printed
    python -m bench.run --loadtest --proxy   the same through nginx (deploy/nginx/, over TLS)

Environment:
    BENCH_QUICK=1      1 s runs of one paced connection, one round, fewer generated items, no
                       warm-ups (the test suite's smoke run: the harness, not the speed)
    BENCH_PORT         first of four ports (site "off", floor, site "on", site "cold"); 8801;
                       the load test's proxy listens on the fifth and sixth (HTTPS, HTTP)
    DATABASE_URL       postgres://… to bench on PostgreSQL (database `<name>_bench`, recreated);
                       SQLite under bench/results/ otherwise
    PAGE_CACHE_SECONDS, CONTENT_CACHE_SECONDS   set by the bench per server:
                       on   = page cache on (60), as in production
                       off  = page cache off, fragments and data per content version on: what
                              a page costs when it is not in the page cache
                       cold = both off: every page rendered from the database
    LOADTEST_SECONDS, LOADTEST_CONNECTIONS   60 and 32
Needs wrk (the load generator). Beside this module: config (durations, ports, targets),
database, servers (gunicorn, nginx), wrk, report (tables and CSVs); floor.py is the bare app.
Results: bench/results/*.csv (ignored by git).
"""

import os
import statistics
import sys
import urllib.request

from bench.config import (
    GENERATED,
    HOST,
    LARGE_LIST,
    MODES,
    PORT,
    QUICK,
    RESULTS,
    ROUNDS,
    SEARCHES,
    SECONDS,
    log,
)
from bench.database import (
    base_env,
    first_news_slug,
    fresh_database,
    manage,
    query_counts,
    snapshot_database,
)
from bench.report import report, report_search
from bench.servers import Proxy, Server
from bench.wrk import load, require_wrk


def fetch(port, path):
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=10) as response:
        return response.read()


def bench():
    # No access log on any server, floor included: the ratio compares the app's own work.
    env = dict(base_env(), GUNICORN_ACCESSLOG="")
    log(f"Preparing a fresh database ({env['DATABASE_URL'].split(':')[0]})…")
    fresh_database(env)
    manage(env, "generate_news", "6")  # 4 seed + 6: a ten-item news list

    small_list = list_runs(env)
    small_env = snapshot_database(env)  # the ten-item site, for the search runs

    manage(env, "generate_news", str(GENERATED - 6))
    slug = first_news_slug(env)
    pages = ["/en/", "/en/news/", f"/en/news/{slug}/", "/en/contact/"]
    queries = query_counts(env, pages)

    site_off = Server(env, PORT, **MODES["off"])
    home = fetch(PORT, "/en/")
    body_file = RESULTS / f"floor-body-{PORT}.html"
    body_file.write_bytes(home)
    servers = {
        "off": site_off,
        "floor": Server(env, PORT + 1, app="bench.floor:application", BENCH_FLOOR_BODY=body_file),
        "on": Server(env, PORT + 2, **MODES["on"]),
        "cold": Server(env, PORT + 3, **MODES["cold"]),
    }
    runs = []
    try:
        sizes = {path: fetch(PORT, path) for path in pages}
        # Interleaved A B A B, so drift on a shared machine hits floor and site alike.
        for round_number in range(ROUNDS):
            log(f"Round {round_number + 1} of {ROUNDS}…")
            for path in pages:
                runs.append(("floor", path, measured(servers["floor"], "/")))
                for mode in MODES:
                    runs.append((mode, path, measured(servers[mode], path)))
        rss = {name: server.worker_peak_rss() for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()

    manage(env, "generate_news", str(LARGE_LIST - GENERATED - 4))
    large_list = list_runs(env, rss)
    small_search, large_search = search_runs(small_env, env)

    report_search(env, small_search, large_search)
    report(env, pages, queries, sizes, runs, rss, small_list, large_list)


def measured(server, path):
    """A load run, with the server's CPU time per request (µs): unlike req/s, it hardly moves
    when other jobs share the machine."""
    before = server.worker_cpu_seconds()
    result = load(server.port, [path], SECONDS)
    result["cpu_us"] = (server.worker_cpu_seconds() - before) / max(result["requests"], 1) * 1e6
    return result


def list_runs(env, rss=None):
    """The news list's first page, page cache off, with fragments ("off") and without ("cold")."""
    results = {}
    for mode in ("off", "cold"):
        server = Server(env, PORT, **MODES[mode])
        try:
            results[mode] = median_run(server.port, ["/en/news/"])
            if rss is not None:
                rss[f"{mode} (large list)"] = server.worker_peak_rss()
        finally:
            server.stop()
    return results


def search_runs(small_env, large_env):
    """Each of SEARCHES on the ten-item site and on the large one, page cache off, interleaved
    so that drift on a shared machine hits both alike: "off" reuses the results kept per
    content version, "cold" asks the database each time. Two dicts keyed (word, mode)."""
    runs = {}
    for mode in ("off", "cold"):
        servers = {
            "small": Server(small_env, PORT, **MODES[mode]),
            "large": Server(large_env, PORT + 1, **MODES[mode]),
        }
        try:
            for _ in range(ROUNDS):
                for word, path in SEARCHES.items():
                    for size, server in servers.items():
                        if not QUICK:
                            load(server.port, [path], 1)  # warm-up: connections, first plans
                        result = load(server.port, [path], SECONDS)
                        runs.setdefault((size, word, mode), []).append(result)
        finally:
            for server in servers.values():
                server.stop()
    medians = {
        key: {k: statistics.median(r[k] for r in results) for k in results[0]}
        for key, results in runs.items()
    }
    return tuple(
        {(word, mode): r for (s, word, mode), r in medians.items() if s == size}
        for size in ("small", "large")
    )


def median_run(port, paths):
    results = [load(port, paths, SECONDS) for _ in range(ROUNDS)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def loadtest():
    seconds = int(os.environ.get("LOADTEST_SECONDS", "60"))
    connections = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
    env = base_env()
    log("Preparing a fresh database…")
    fresh_database(env)
    manage(env, "generate_news", str(GENERATED))
    pages = [
        "/en/",
        "/fr/",
        "/en/news/",
        "/en/news/?page=7",
        f"/en/news/{first_news_slug(env)}/",
        "/en/contact/",
        "/fr/actualites/",
    ]
    # The production config as it stands: workers from WEB_CONCURRENCY or the CPU count.
    site = Server(
        env,
        PORT,
        workers=int(os.environ["WEB_CONCURRENCY"]) if "WEB_CONCURRENCY" in os.environ else None,
    )
    proxy = None
    try:
        port, scheme, through = PORT, "http", "gunicorn directly"
        if "--proxy" in sys.argv:
            proxy = Proxy(PORT, PORT + 4)
            port, scheme, through = PORT + 4, "https", "nginx (TLS, proxy cache) and gunicorn"
        log(
            f"Load test through {through}: {seconds} s, {connections} connections, "
            f"{len(pages)} pages in turn…"
        )
        result = load(port, pages, seconds, connections, scheme)
    finally:
        if proxy:
            proxy.stop()
        site.stop()
    log(
        f"{result['rps']:,.0f} req/s, p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms, "
        f"errors {result['errors']}"
    )
    if result["errors"]:
        log("LOADTEST FAILED: errors above (non-2xx/3xx answers or socket errors)")
        sys.exit(1)
    log("LOADTEST OK: 0 errors")


if __name__ == "__main__":
    require_wrk()
    RESULTS.mkdir(parents=True, exist_ok=True)
    loadtest() if "--loadtest" in sys.argv else bench()
