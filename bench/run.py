"""`make bench` and `make loadtest`: the site under its production gunicorn config, measured.

    python bench/run.py             benchmark: pages vs the floor, cache on and off, targets
    python bench/run.py --loadtest  60 s at 32 connections, 0 errors expected, p99 printed
    python bench/run.py --loadtest --proxy   the same through nginx (deploy/nginx/, over TLS)

Environment:
    BENCH_QUICK=1      1 s runs, one round, fewer generated items (the test suite's smoke run)
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
    BENCH_CLIENT       wrk or python; wrk when installed, else a small Python keep-alive client
Results: bench/results/*.csv (ignored by git).
"""

import csv
import getpass
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUICK = os.environ.get("BENCH_QUICK") == "1"
SECONDS = 1 if QUICK else 5
ROUNDS = 1 if QUICK else 2
CONNECTIONS = 8
GENERATED = 50 if QUICK else 1000
LARGE_LIST = 100 if QUICK else 10_000
PORT = int(os.environ.get("BENCH_PORT", "8801"))
HOST = "127.0.0.1"
# One database per port: runs on different ports (the test suite's, yours) never collide.
DB_FILE = RESULTS / f"db-{PORT}.sqlite3"
MB = 1024 * 1024
CLIENT = os.environ.get("BENCH_CLIENT") or ("wrk" if shutil.which("wrk") else "python")

# Each site server's caches (see the docstring); the floor is the fourth server.
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
    "rss_mb": 80,
    "home_gzip_kb": 30,
}


def log(message):
    print(message, flush=True)


# --- database and servers ---------------------------------------------------------------


def base_env():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "WEB_CONCURRENCY"))
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-only-not-a-secret",
        ALLOWED_HOSTS=HOST,
        # Plain HTTP on the loopback: no redirect to HTTPS (the proxy's job in production).
        SECURE_SSL_REDIRECT="false",
        # Collected as the image build does, for hashed static names.
        STATIC_ROOT=str(RESULTS / f"static-{PORT}"),
        DJANGO_SETTINGS_MODULE="migrant_site.settings",
        PYTHONPATH=str(ROOT),
    )
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + pg_bench_name(url)
    else:
        env["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
    return env


def pg_bench_name(url):
    return url.rsplit("/", 1)[1].split("?")[0] + "_bench"


def fresh_database(env):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = pg_bench_name(url)
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        DB_FILE.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_seed_content")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Server:
    """gunicorn with the repo's config file, on one port, stopped by `stop()`."""

    def __init__(self, env, port, app=None, workers=2, **extra):
        self.env = dict(env, GUNICORN_BIND=f"{HOST}:{port}", WEB_CONCURRENCY=str(workers), **extra)
        if workers is None:
            del self.env["WEB_CONCURRENCY"]
        self.port = port
        command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        command += [app or "migrant_site.wsgi:application"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            self.wait_ready()
        except RuntimeError:
            self.stop()
            raise

    def wait_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/en/", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn on port {self.port} did not answer")

    def worker_peak_rss(self):
        """VmHWM (peak resident memory) of each worker process, in bytes."""
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{self.process.pid}$", text, re.M):
                peaks.append(int(re.search(r"^VmHWM:\s+(\d+) kB", text, re.M).group(1)) * 1024)
        return peaks

    def worker_cpu_seconds(self):
        """User + system CPU time the workers have used so far."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # PPid: a worker of this server
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- load generators --------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def load(port, paths, seconds, connections=CONNECTIONS, scheme="http"):
    """Requests/s, p50 and p99 (ms), and errors, requesting `paths` in turn."""
    if CLIENT == "wrk":
        return load_wrk(port, paths, seconds, connections, scheme)
    return load_python(port, paths, seconds, connections, scheme)


def load_wrk(port, paths, seconds, connections, scheme):
    script = RESULTS / f"paths-{port}.lua"
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script]
        + [f"{scheme}://{HOST}:{port}{paths[0]}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(\w+)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"^\s+(\d+) requests in", out, re.M).group(1))
    return {
        "rps": rps,
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
        "requests": requests,
    }


def load_python(port, paths, seconds, connections, scheme):
    """Fallback when wrk is absent: keep-alive HTTP/1.1 clients in threads."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset):
        mine, conn, i = [], None, offset
        while time.monotonic() < stop_at:
            path = paths[i % len(paths)]
            i += 1
            try:
                conn = conn or connect(port, scheme)
                started = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                mine.append((time.perf_counter() - started) * 1000)
                if not 200 <= response.status < 400:
                    with lock:
                        errors[0] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except OSError:
                with lock:
                    errors[0] += 1
                conn = None
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "rps": len(latencies) / seconds,
        "p50": cuts[49],
        "p99": cuts[98],
        "errors": errors[0],
        "requests": len(latencies),
    }


def connect(port, scheme):
    if scheme == "http":
        return http.client.HTTPConnection(HOST, port, timeout=10)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # our own certificate
    return http.client.HTTPSConnection(HOST, port, timeout=10, context=context)


class Proxy:
    """nginx as the proxy image runs it (deploy/nginx/start.sh), in front of one site server,
    with a self-signed certificate; its files under bench/results/."""

    def __init__(self, upstream_port, https_port):
        folder = RESULTS / f"proxy-{https_port}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        key, certificate = folder / "privkey.pem", folder / "fullchain.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
        env = dict(
            os.environ,
            NGINX_TEMPLATE=str(ROOT / "deploy" / "nginx" / "nginx.conf.template"),
            NGINX_CONF=str(folder / "nginx.conf"),
            NGINX_USER=getpass.getuser(),
            NGINX_RUN_DIR=str(folder / "run"),
            NGINX_CACHE_DIR=str(folder / "cache"),
            NGINX_ACCESS_LOG="off",
            NGINX_HTTP_PORT=str(https_port + 1),
            NGINX_HTTPS_PORT=str(https_port),
            NGINX_UPSTREAMS=f"server {HOST}:{upstream_port};",
            NGINX_TLS_CERTIFICATE=str(certificate),
            NGINX_TLS_CERTIFICATE_KEY=str(key),
            NGINX_STATIC_ROOT=str(RESULTS / f"static-{PORT}"),
            NGINX_MEDIA_ROOT=str(folder),
        )
        self.process = subprocess.Popen(
            ["sh", str(ROOT / "deploy" / "nginx" / "start.sh")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited (see deploy/nginx/start.sh)")
            try:
                connect(https_port, "https").request("GET", "/en/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


# --- measurements ------------------------------------------------------------------------


def fetch(port, path):
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=10) as response:
        return response.read()


def query_counts(env, paths):
    command = [sys.executable, str(ROOT / "bench" / "queries.py"), *paths]
    env = dict(env, ALLOWED_HOSTS=f"{HOST},testserver", **MODES["off"])
    return json.loads(last_line(command, env))


def last_line(command, env):
    """What a command prints last: the answer comes after any log lines the site writes."""
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[-1].strip()


def django_shell(env, code):
    return last_line([sys.executable, "manage.py", "shell", "-v", "0", "-c", code], env)


FIRST_SLUG = "from news.models import NewsItem; print(NewsItem.objects.published()[0].slug)"


def first_news_slug(env):
    return django_shell(env, FIRST_SLUG)


def mark(ok):
    return "pass" if ok else "MISS"


def bench():
    # No access log on any server, floor included: the ratio compares the app's own work.
    env = dict(base_env(), GUNICORN_ACCESSLOG="")
    log(f"Preparing a fresh database ({env['DATABASE_URL'].split(':')[0]})…")
    fresh_database(env)
    manage(env, "generate_news", "6")  # 4 seed + 6: a ten-item news list

    small_list = list_runs(env)

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


def median_run(port, paths):
    results = [load(port, paths, SECONDS) for _ in range(ROUNDS)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def report(env, pages, queries, sizes, runs, rss, small_list, large_list):
    def mean(mode, path, key):
        return statistics.mean(r[key] for m, p, r in runs if m == mode and p == path)

    floor_rps = statistics.mean(r["rps"] for m, _, r in runs if m == "floor")
    floor_cpu = statistics.mean(r["cpu_us"] for m, _, r in runs if m == "floor")
    css = b"".join((ROOT / "static" / "css" / n).read_bytes() for n in ("site.css", "print.css"))
    log("")
    log(f"MIGRANT bench — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    log(
        f"  gunicorn.conf.py, 2 sync workers, {SECONDS} s × {ROUNDS} rounds per cell, "
        f"{CONNECTIONS} connections, {CLIENT}, "
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


def pick(result):
    return {
        "rps": result["rps"],
        "p50_ms": result["p50"],
        "p99_ms": result["p99"],
        "errors": result["errors"],
    }


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
    RESULTS.mkdir(parents=True, exist_ok=True)
    loadtest() if "--loadtest" in sys.argv else bench()
