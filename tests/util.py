"""Helpers shared by test modules (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from geo.indicators import empty_records
from geo.store import import_records

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
PASSWORD = "correct horse battery"
# A district's small file: two communes of the first quarter, one without an inspection count.
GOOD_CSV = "Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n14755,2019-Q1,Có,3\n14758,2019-Q1,Không,\n"
# An unknown code and a negative count.
BAD_CSV = "Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n99999,2019-Q1,Có,-2\n"


def make_records(period: str, rows: dict[str, dict]) -> pd.DataFrame:
    """Records for ``period`` from ``{code: {field: value}}``; unspecified fields are no data."""
    frame = empty_records()
    extra = pd.DataFrame([{"commune_code": code, "period": period, **fields} for code, fields in rows.items()])
    return pd.concat([frame, extra], ignore_index=True).astype(frame.dtypes.to_dict())


def store(engine, records, **kw):
    """Import ``records`` as a file would be imported (a fixed file name and hash unless given)."""
    return import_records(engine, records, file_name=kw.pop("file_name", "f.csv"), sha256="0" * 64,
                          rows_read=len(records), **kw)


def require(*paths: Path) -> None:
    """Skip when reference files are missing, except under CI (``CI`` set), where that is a failure."""
    if missing := [str(p) for p in paths if not p.exists()]:
        message = f"reference data not found: {missing}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
