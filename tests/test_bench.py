"""The benchmark runs (bench/run.py --quick: one repetition, no national layer). No timing is asserted here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_quick_benchmark_runs(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: `make test` installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    out = tmp_path / "bench.json"
    res = subprocess.run([sys.executable, "bench/run.py", "--quick", "--json", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900, check=False)  # a loaded 2-core machine
    assert res.returncode == 0, res.stderr[-2000:]
    assert "province map: bytes to paint" in res.stdout
    assert "link to 2019: sign-in click -> painted" in res.stdout  # issue 25's figure, in the same run
    assert out.exists()
