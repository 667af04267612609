"""``python -m geo backup|restore``: a copy of the database while the app runs, and putting one back.

- ``backup --out FILE [--db URL] [--user NAME]``: SQLite through the online backup API, PostgreSQL through
  pg_dump.
- ``restore FILE [--yes] [--db URL] [--user NAME]``: replaces the database by the backup, once it is checked
  (a backup of this product, of the same kind of database, whole: :func:`geo.records.backup.check_restore`);
  prints what the backup and the database hold; refuses, unless ``--yes``, when the database holds records
  the backup lacks; keeps the database replaced as a safety copy (its path is printed).
- ``restore --undo [--db URL] [--user NAME]``: brings back the database the latest restore replaced.

Both are audited under ``--user`` (an active admin account) or, without it, the operating-system login
(``os:<login>``): the nightly backup names no account, and a restore onto an empty or damaged database has
none to name.

Exit 0 on success, also when the audit line could not be written (a read-only database: the backup is good, a
warning says the line is missing); 1 when the backup or restore failed (the message says why) or ``--user``
names a disabled account or one that is not an admin; 2 when ``--user`` names no account.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from geo.cli.common import operator, user_option, warn
from geo.records import backup as backup_mod
from geo.text import t


def cmd_backup(args: argparse.Namespace) -> int:
    """Write the backup and print what was written."""
    from geo.records.store import get_engine

    engine = get_engine(args.db)
    actor = operator(engine, args, "admin", "backup", {"file": args.out})
    if isinstance(actor, int):
        return actor
    try:
        info = backup_mod.backup(engine, args.out, actor=actor, lang=args.lang)
    except backup_mod.BackupError as exc:  # a full disk or a read-only folder: one line from geo.cli.main
        print(str(exc), file=sys.stderr)
        return 1
    print(f"{info.path}: {info.kind}, {info.bytes} bytes, sha256 {info.sha256}")
    if info.audit_error:
        warn(info.audit_error, args.lang)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place of the database, after checking it; or bring back the one it replaced."""
    from geo.contract import default_db_url
    from geo.records.store import get_engine

    url = args.db or default_db_url()
    if not args.undo and not args.file:
        print(t("cli.restore.which", args.lang), file=sys.stderr)
        return 2
    # An account named is checked in the database about to be replaced; without one (os:<login>) the
    # database is not opened before the restore, which may be empty or damaged.
    engine = get_engine(url, seed=False) if args.user else None
    actor = operator(engine, args, "admin", "restore", {"file": args.file or "undo"})
    if isinstance(actor, int):
        return actor
    try:
        if args.undo:
            done = backup_mod.undo_restore(url, actor=actor, lang=args.lang)
        else:
            done = backup_mod.restore(url, args.file, actor=actor, lang=args.lang, yes=args.yes)
    except backup_mod.NeedsConfirmation as exc:
        print("\n".join(exc.check.lines(args.lang)))
        print(str(exc), file=sys.stderr)
        return 1
    except backup_mod.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print("\n".join(done.check.lines(args.lang)))
    print(t("cli.restore.done", args.lang, file=done.check.source))
    if done.safety is not None:
        print(t("cli.restore.safety", args.lang, path=done.safety))
    if done.audit_error:
        warn(done.audit_error, args.lang)
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``backup`` and ``restore``."""
    p = sub.add_parser("backup", help="a consistent copy of the database (the app may keep running)")
    p.add_argument("--out", required=True, help="the backup file to write")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    user_option(p, operator=True)
    common(p)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database by a backup (checked first; the database replaced "
                                       "is kept as a safety copy)")
    p.add_argument("file", nargs="?", help="the backup to restore")
    p.add_argument("--yes", action="store_true",
                   help="replace a database that holds records the backup does not (they are kept in the safety copy)")
    p.add_argument("--undo", action="store_true", help="bring back the database the latest restore replaced")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    user_option(p, operator=True)
    common(p)
    p.set_defaults(func=cmd_restore)
