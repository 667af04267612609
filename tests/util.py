"""Helpers shared by test modules (never import one test module from another)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def require(*paths: Path) -> None:
    """Skip when reference files are missing, except under CI (``CI`` set), where that is a failure."""
    if missing := [str(p) for p in paths if not p.exists()]:
        message = f"reference data not found: {missing}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
