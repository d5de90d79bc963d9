"""`make bench` in its quick mode, so the harness cannot rot (the full run is not in CI)."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.services import worker_port

from .processes import ROOT

PORT = worker_port(8870)  # and the next three


def test_without_wrk_the_bench_stops_at_once_and_says_so(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path), BENCH_QUICK="1", BENCH_PORT=str(PORT))
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "wrk is not installed" in result.stderr
    assert "Preparing" not in result.stdout


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (.ci/run installs it)")
def test_quick_bench_prints_the_table_targets_and_summary_and_writes_a_csv():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite: fast, isolated
    env.update(BENCH_QUICK="1", BENCH_PORT=str(PORT))
    before = set((ROOT / "bench" / "results").glob("bench-*.csv"))
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for text in ["/en/news/", "/en/contact/", "× floor", "≤ 3 queries", "≤ 80 MB", "≤ 30 KB"]:
        assert text in out, text
    assert "connection paced to 10 ms (quick: no speed), wrk," in out
    assert "errors during the runs" not in out
    assert out.splitlines()[-1].startswith("SUMMARY ratios to floor")
    summary = out.splitlines()[-1]
    for ratio in ("home:on=", "home:off=", "home:cold=", "contact:cold="):
        assert ratio in summary, ratio
    assert "queries cold/warm" in out
    assert "rare word (/en/search/?q=Bahrain), cache cold:" in out
    assert "common word (/en/search/?q=migration), cache off:" in out
    assert set((ROOT / "bench" / "results").glob("bench-*.csv")) - before
