"""The servers the bench starts: gunicorn with the repo's config, and nginx in front of it."""

import getpass
import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.config import HOST, PORT, RESULTS, ROOT


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
        """User + system CPU time the workers have used so far, replaced workers included."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # PPid: a worker of this server
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
            elif int(stat.parent.name) == self.process.pid:
                # A worker replaced after GUNICORN_MAX_REQUESTS leaves its time to the master
                # that reaped it (cutime, cstime): without it the count goes backwards.
                ticks += int(fields[13]) + int(fields[14])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


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
                https(https_port).request("GET", "/en/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def https(port):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # our own certificate
    return http.client.HTTPSConnection(HOST, port, timeout=10, context=context)
