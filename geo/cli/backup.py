"""``python -m geo backup|restore``: a copy of the database while the app runs, and putting one back.

- ``backup --out FILE [--db URL]``: SQLite through the online backup API, PostgreSQL through pg_dump.
- ``restore FILE [--db URL]``: replaces the database by the backup (same kind of database).

Exit 0 on success, 1 when the backup or restore failed (the message says why).
"""

from __future__ import annotations

import argparse
import sys

from geo.records import backup as backup_mod


def cmd_backup(args: argparse.Namespace) -> int:
    """Write the backup and print what was written."""
    from geo.records.store import get_engine

    try:
        info = backup_mod.backup(get_engine(args.db), args.out, actor=args.user)
    except (backup_mod.BackupError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"{info.path}: {info.kind}, {info.bytes} bytes, sha256 {info.sha256}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place of the database."""
    from geo.contract import default_db_url

    try:
        backup_mod.restore(args.db or default_db_url(), args.file, actor=args.user)
    except (backup_mod.BackupError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"{args.file}: restored")
    return 0


def add_commands(sub: argparse._SubParsersAction, common: object) -> None:
    """Register ``backup`` and ``restore``."""
    import os

    p = sub.add_parser("backup", help="a consistent copy of the database (the app may keep running)")
    p.add_argument("--out", required=True, help="the backup file to write")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    p.add_argument("--user", default=os.environ.get("USER", "cli"), help="who (for the audit trail)")
    common(p)  # type: ignore[operator]
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database by a backup")
    p.add_argument("file")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    p.add_argument("--user", default=os.environ.get("USER", "cli"))
    common(p)  # type: ignore[operator]
    p.set_defaults(func=cmd_restore)
