"""``python -m geo audit [--limit N] [--csv FILE | --json]``: read the audit trail, newest first.

Three forms of the same lines (id, at, username, action, outcome, detail):

- on the terminal (default), for people: times in Vietnam's time, ``2026-12-07 06:30:00 (UTC+7)``, as the Admin
  page shows them (:func:`geo.clock.localize`);
- ``--csv FILE``, for machines and spreadsheets: UTF-8 with a BOM, times as stored, in UTC with their offset
  (``2026-12-06 23:30:00.123456+00:00``), the detail as its JSON text;
- ``--json``, for machines: a JSON array on stdout, times in ISO 8601 UTC (``2026-12-06T23:30:00.123456+00:00``),
  the detail as a JSON object (null when there is none).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from geo.text.controls import json_text, shown_text


def utc_times(log: pd.DataFrame) -> pd.DataFrame:
    """The log with ``at`` as aware UTC timestamps on every database (SQLite hands them back without a zone)."""
    return log.assign(at=pd.to_datetime(log["at"], utc=True))


def as_json(log: pd.DataFrame) -> list[dict[str, object]]:
    """The lines as JSON-ready objects: ``at`` in ISO 8601 UTC, ``detail`` parsed."""
    return [{"id": int(row.id), "at": row.at.isoformat(), "username": row.username, "action": row.action,
             "outcome": row.outcome, "detail": json.loads(row.detail) if isinstance(row.detail, str) else None}
            for row in utc_times(log).itertuples(index=False)]


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit trail (in Vietnam's time), or write it as CSV or JSON (in UTC)."""
    from geo import clock
    from geo.access import audit
    from geo.io.tables import to_csv_bytes
    from geo.records.store import get_engine

    log = audit.read_log(get_engine(args.db), args.limit)
    if args.csv:
        Path(args.csv).write_bytes(to_csv_bytes(utc_times(log)))
        print(f"{args.csv}: {len(log)}")
    elif args.json:
        print(json_text(json.dumps(as_json(log), ensure_ascii=False, indent=2)))
    elif log.empty:
        print("-")
    else:  # stored in UTC, shown in UTC+7 as on the Admin page
        print(shown_text(clock.localize(log, ["at"]).to_string(index=False), keep_breaks=True))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``audit`` on the ``python -m geo`` parser."""
    p = sub.add_parser("audit", help="read the audit trail (times in Vietnam's time; --csv and --json in UTC)")
    p.add_argument("--db")
    p.add_argument("--limit", type=int)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", help="write it to this CSV file instead (times in UTC)")
    out.add_argument("--json", action="store_true", help="print it as JSON instead (times in ISO 8601 UTC)")
    common(p)
    p.set_defaults(func=cmd_audit)
