"""The benchmark runs (bench/run.py --quick: one repetition, no national layer). No timing is asserted here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import live
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_quick_benchmark_runs(tmp_path):
    live.require_chromium()
    out = tmp_path / "bench.json"
    res = subprocess.run([sys.executable, "bench/run.py", "--quick", "--json", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900, check=False)  # a loaded 2-core machine
    assert res.returncode == 0, res.stderr[-2000:]
    assert "province map: bytes to paint" in res.stdout
    assert "link to 2019: sign-in click -> painted" in res.stdout  # issue 25's figure, in the same run
    assert out.exists()
