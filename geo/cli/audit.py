"""``python -m geo audit [--limit N] [--csv FILE]``: read the audit trail, newest first."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit trail, or write it as CSV."""
    from geo.access import audit
    from geo.io.tables import to_csv_bytes
    from geo.records.store import get_engine

    log = audit.read_log(get_engine(args.db), args.limit)
    if args.csv:
        Path(args.csv).write_bytes(to_csv_bytes(log))
        print(f"{args.csv}: {len(log)}")
    else:
        print(log.to_string(index=False))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``audit`` on the ``python -m geo`` parser."""
    p = sub.add_parser("audit", help="read the audit trail")
    p.add_argument("--db")
    p.add_argument("--limit", type=int)
    p.add_argument("--csv", help="write it to this CSV file instead")
    common(p)
    p.set_defaults(func=cmd_audit)
