"""What `make bench` prints (the tables, each target with pass or MISS, the SUMMARY line) and
the CSVs it writes under bench/results/."""

import csv
import gzip
import os
import statistics
from datetime import UTC, datetime

from bench.config import (
    CONNECTIONS,
    GENERATED,
    LARGE_LIST,
    MB,
    QUICK,
    QUICK_CONNECTIONS,
    QUICK_DELAY_MS,
    RESULTS,
    ROOT,
    ROUNDS,
    SEARCHES,
    SECONDS,
    TARGETS,
    log,
)


def mark(ok):
    return "pass" if ok else "MISS"


def report(env, pages, queries, sizes, runs, rss, small_list, large_list):
    def mean(mode, path, key):
        return statistics.mean(r[key] for m, p, r in runs if m == mode and p == path)

    floor_rps = statistics.mean(r["rps"] for m, _, r in runs if m == "floor")
    floor_cpu = statistics.mean(r["cpu_us"] for m, _, r in runs if m == "floor")
    css = b"".join((ROOT / "static" / "css" / n).read_bytes() for n in ("site.css", "print.css"))
    client = f"{CONNECTIONS} connections"
    if QUICK:
        client = f"{QUICK_CONNECTIONS} connection paced to {QUICK_DELAY_MS} ms (quick: no speed)"
    log("")
    log(f"MIGRANT bench — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    log(
        f"  gunicorn.conf.py, 2 sync workers, {SECONDS} s × {ROUNDS} rounds per cell, "
        f"{client}, wrk, "
        f"{env['DATABASE_URL'].split(':')[0]}, {GENERATED} generated news items"
    )
    log(
        f"  floor (home bytes from memory): {floor_rps:,.0f} req/s, {floor_cpu:.0f} µs CPU a request"
    )
    log("")
    log("  × floor = the page's mean req/s ÷ the floor's mean req/s. The floor is bench/floor.py,")
    log("  a bare WSGI app answering the home page's bytes, under the same gunicorn config (2 sync")
    log("  workers, access log off on every server) and the same client; for each page the runs")
    log("  are interleaved floor, on, off, cold, one server each, so drift hits all alike.")
    log("  CPU × floor = the floor's CPU time per request ÷ the page's (workers' utime + stime")
    log("  from /proc over each run ÷ requests answered): the same ratio, steadier on a machine")
    log("  shared with other jobs.")
    log("")
    log("  cache: on = page cache (production); off = page cache off, fragments kept per content")
    log("  version on (a page-cache miss); cold = nothing cached, every page from the database")
    log("")
    header = (
        f"{'page':<48} {'cache':<5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'× floor':>8} "
        f"{'CPU µs':>7} {'CPU × floor':>11}"
    )
    log(header)
    rows = []
    for path in pages:
        for mode in ("on", "off", "cold"):
            row = {
                "page": path,
                "cache": mode,
                "rps": mean(mode, path, "rps"),
                "p50_ms": mean(mode, path, "p50"),
                "p99_ms": mean(mode, path, "p99"),
                "errors": sum(r["errors"] for m, p, r in runs if m == mode and p == path),
                "cpu_us": mean(mode, path, "cpu_us"),
            }
            row["ratio"] = row["rps"] / floor_rps
            row["cpu_ratio"] = floor_cpu / row["cpu_us"] if row["cpu_us"] else 0.0
            target = TARGETS["cached"] if mode == "on" else None
            if mode == "off" and path == "/en/":
                target = TARGETS["home_miss"]
            row["target"] = f"≥ {target}" if target else ""
            row["result"] = mark(row["ratio"] >= target) if target else ""
            rows.append(row)
            log(
                f"{path[:48]:<48} {mode:<5} {row['rps']:>8,.0f} {row['p50_ms']:>7.2f} "
                f"{row['p99_ms']:>7.2f} {row['ratio']:>7.2f}× {row['cpu_us']:>7.0f} "
                f"{row['cpu_ratio']:>10.2f}× {row['target']:>6} {row['result']}"
            )
    log("")
    log(f"{'page':<48} {'queries cold/warm':>17} {'bytes':>7} {'gzip':>6}")
    for path in pages:
        raw = sizes[path]
        cold, warm = queries[path]["cold"], queries[path]["warm"]
        log(
            f"{path[:48]:<48} {cold:>12}/{warm:<4} {len(raw):>7} {len(gzip.compress(raw)):>6}"
            f"   ≤ {TARGETS['queries']} queries {mark(max(cold, warm) <= TARGETS['queries'])}"
        )
    home_kb = (len(gzip.compress(sizes["/en/"])) + len(gzip.compress(css))) / 1024
    growth = {mode: large_list[mode]["p50"] / small_list[mode]["p50"] for mode in small_list}
    site_peaks = [p for name, peaks in rss.items() if name != "floor" for p in peaks]
    site_mb = max(site_peaks) / MB
    log("")
    log(
        f"home HTML + CSS gzipped: {home_kb:.1f} KB   ≤ {TARGETS['home_gzip_kb']} KB "
        f"{mark(home_kb <= TARGETS['home_gzip_kb'])}"
    )
    for mode in small_list:
        target = (
            f"   ≤ {TARGETS['list_growth']}× {mark(growth[mode] <= TARGETS['list_growth'])}"
            if mode == "off"
            else ""
        )
        log(
            f"news list p50, cache {mode}: {small_list[mode]['p50']:.2f} ms at 10 items, "
            f"{large_list[mode]['p50']:.2f} ms at {LARGE_LIST:,} items = {growth[mode]:.2f}×"
            + target
        )
    for name, peaks in rss.items():
        log(f"worker peak RSS, {name}: " + ", ".join(f"{p / MB:.1f} MB" for p in peaks))
    log(
        f"site worker peak RSS: {site_mb:.1f} MB   ≤ {TARGETS['rss_mb']} MB "
        f"{mark(site_mb <= TARGETS['rss_mb'])}"
    )
    errors = sum(r["errors"] for _, _, r in runs)
    if errors:
        log(f"errors during the runs: {errors}")

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{datetime.now(UTC):%Y%m%d-%H%M%S}.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(
            f,
            fieldnames=[
                "page",
                "cache",
                "rps",
                "p50_ms",
                "p99_ms",
                "ratio",
                "cpu_us",
                "cpu_ratio",
                "errors",
                "target",
                "result",
            ],
        )
        writer.writeheader()
        writer.writerows(rows)
        writer.writerow(
            {"page": "floor", "rps": floor_rps, "ratio": 1.0, "cpu_us": floor_cpu, "cpu_ratio": 1.0}
        )
        for mode in small_list:
            writer.writerow(
                {"page": "/en/news/ (10 items)", "cache": mode, **pick(small_list[mode])}
            )
            writer.writerow(
                {
                    "page": f"/en/news/ ({LARGE_LIST} items)",
                    "cache": mode,
                    **pick(large_list[mode]),
                    "ratio": growth[mode],
                }
            )
    log(f"CSV: {path.relative_to(ROOT)}")
    names = dict(zip(pages, ["home", "list", "item", "contact"], strict=True))
    ratios = " ".join(f"{names[r['page']]}:{r['cache']}={r['ratio']:.2f}" for r in rows)
    cpu = " ".join(
        f"{names[r['page']]}:{r['cache']}={r['cpu_ratio']:.2f}" for r in rows if r["cache"] == "on"
    )
    log(f"SUMMARY ratios to floor ({floor_rps:,.0f} req/s): {ratios}; CPU × floor, cached: {cpu}")


def report_search(env, small, large):
    postgresql = env["DATABASE_URL"].startswith("postgres")
    log("")
    log("search p50, page cache off, 10-item and large site interleaved (off: results reused")
    log("per content version; cold: nothing reused, the index's own cost):")
    for (word, mode), result in small.items():
        growth = large[word, mode]["p50"] / result["p50"]
        target = ""
        if mode == "cold":
            limit = TARGETS["search_growth"]
            target = f"   ≤ {limit}× {mark(growth <= limit)}" if postgresql else "   (SQLite)"
        log(
            f"  {word} word ({SEARCHES[word]}), cache {mode}: {result['p50']:.2f} ms at 10 items, "
            f"{large[word, mode]['p50']:.2f} ms at {LARGE_LIST:,} items = {growth:.2f}×{target}"
        )
    path = RESULTS / f"search-{datetime.now(UTC):%Y%m%d-%H%M%S}.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["page", "items", "cache", *pick(result)])
        writer.writeheader()
        for items, results in ((10, small), (LARGE_LIST, large)):
            for (word, mode), result in results.items():
                writer.writerow(
                    {"page": SEARCHES[word], "items": items, "cache": mode, **pick(result)}
                )
    log(f"CSV: {path.relative_to(ROOT)}")


def pick(result):
    return {
        "rps": result["rps"],
        "p50_ms": result["p50"],
        "p99_ms": result["p99"],
        "errors": result["errors"],
    }
