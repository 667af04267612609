"""Helpers shared by test modules (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from geo.figures.summary import empty_records
from geo.records.store import import_records

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


def unit_file(path: Path, version: str, period: str, *, healthy: str = "Có", inspections: int = 1,
              extra: tuple = (), not_healthy_every: int = 0) -> Path:
    """A district-style CSV with every unit of ``version`` for ``period``, keyed by code, with names.

    ``not_healthy_every``: every n-th unit is "Không" (so that a map has more than one class).
    """
    from geo.units import versions

    rows = []
    for i, r in enumerate(versions.units(version).itertuples()):
        h = "Không" if not_healthy_every and i % not_healthy_every == 0 else healthy
        rows.append((r.commune_code, r.commune_name, period, h, inspections))
    rows += list(extra)
    pd.DataFrame(rows, columns=["Mã xã", "Tên xã", "Kỳ", "Lành mạnh", "Số lượt kiểm tra"]).to_csv(path, index=False)
    return path


def import_unit_files(db: str, folder: Path, files: list[tuple[str, str]], *, replace: bool = False,
                      **kw: object) -> None:
    """Import one :func:`unit_file` per ``(version, period)`` into ``db`` through the CLI's validator.

    ``replace``: the files replace records already stored for their periods (the illustrative ones of a
    seeded database cover every period from 2018 to 2026-Q3).
    """
    from geo.records.store import get_engine, import_report
    from geo.records.validation import validate_file
    from geo.units.versions import UnitLists

    engine = get_engine(db)
    for version, period in files:
        path = unit_file(folder / f"{period}.csv", version, period, **kw)
        report = validate_file(path, UnitLists())
        assert report.ok, report.errors[:3]
        import_report(engine, report, user="test", replace=replace)


def as_user(db: str, role: str = "editor") -> list[str]:
    """``--user NAME`` for the command line: an active account of ``role`` (named after it) in ``db``."""
    from geo.access import accounts
    from geo.records.store import get_engine

    engine = get_engine(db)
    if accounts.get_user(engine, role) is None:
        accounts.add_user(engine, role, PASSWORD, role)
    return ["--user", role]


def audit_cannot_be_written(engine) -> None:
    """Make every new audit line fail as on a full disk (only the audit table: the rest still writes)."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE TRIGGER audit_full BEFORE INSERT ON audit "
                                 "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        else:
            conn.exec_driver_sql("CREATE FUNCTION audit_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                                 "'could not extend file' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql")
            conn.exec_driver_sql("CREATE TRIGGER audit_full BEFORE INSERT ON audit FOR EACH ROW "
                                 "EXECUTE FUNCTION audit_full()")


def read_only(engine) -> None:
    """Make the whole database refuse writes from now on, as a read-only file or a standby server does."""
    from sqlalchemy import event

    statement = ("PRAGMA query_only = ON" if engine.dialect.name == "sqlite"
                 else "SET default_transaction_read_only = on")

    def on_connect(dbapi_connection, _record) -> None:
        postgres = engine.dialect.name == "postgresql"
        if postgres:
            dbapi_connection.autocommit = True  # a session setting, outside any transaction
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if postgres:
            dbapi_connection.autocommit = False

    event.listen(engine, "connect", on_connect)
    engine.dispose()  # the pooled connections were opened before: new ones get the setting
