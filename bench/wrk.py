"""The load generator: wrk, requesting a list of paths in turn (a Lua script)."""

import json
import re
import shutil
import subprocess
import sys

from bench.config import CONNECTIONS, HOST, QUICK, QUICK_CONNECTIONS, QUICK_DELAY_MS, RESULTS

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def require_wrk():
    """Stop at once, saying why, when wrk is not installed (`.ci/run` installs it)."""
    if not shutil.which("wrk"):
        sys.exit(
            "wrk is not installed: make bench and make loadtest measure with it.\n"
            "Install the wrk package (apt-get install wrk; .ci/run does) and run again."
        )


def load(port, paths, seconds, connections=CONNECTIONS, scheme="http"):
    """Requests/s, p50 and p99 (ms), errors and requests answered, requesting `paths` in turn."""
    script = RESULTS / f"paths-{port}.lua"
    quoted = ", ".join(json.dumps(p) for p in paths)
    lua = (
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    if QUICK:
        connections = QUICK_CONNECTIONS
        lua += f"delay = function()\n  return {QUICK_DELAY_MS}\nend\n"
    script.write_text(lua)
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
