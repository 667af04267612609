"""``python -m geo import FILE --user NAME``: the checks of ``validate``, then the file stored in one transaction.

``--user`` names an active account with the right to import (editor or admin). The store writes the audit
line: the import's in the transaction that stores it, a refused file's or import's beside the import log's.

Exit codes: 0 stored, 1 the file is rejected or the import refused (nothing stored; also a disabled account, one
without the right, or an audit line that cannot be written), 2 usage errors (no ``--user`` or an unknown one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from geo.cli.common import account, user_option
from geo.cli.validate import file_options, print_report, validate
from geo.periods import periods_label
from geo.text import t


def cmd_import(args: argparse.Namespace) -> int:
    """Validate, then store atomically."""
    from geo.access.audit import AuditError
    from geo.contract import default_db_url
    from geo.faults import fault_message
    from geo.records.store import ImportConflict, get_engine, import_report

    engine = get_engine(args.db)
    user = account(engine, args, "import", "import", {"file": Path(args.file).name})
    if isinstance(user, int):
        return user
    code, report = validate(args)
    if report is None:
        return code
    print_report(report, args.lang)
    try:
        result = import_report(engine, report, replace=args.replace, user=user.username, lang=args.lang)
    except AuditError as exc:  # the fault beneath, with its place (the folder that needs space)
        print(fault_message(exc, args.lang, url=args.db or default_db_url()) or str(exc), file=sys.stderr)
        return 1
    except ImportConflict as exc:
        print(f"{exc} {t('records.conflict_cli', args.lang)}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("cli.import.stored", args.lang, n=result.rows_stored, periods=periods_label(result.periods, args.lang),
            r=result.rows_replaced, id=result.import_id))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``import`` on the ``python -m geo`` parser."""
    p = sub.add_parser("import", help="validate, then store in one transaction")
    file_options(p)
    p.add_argument("--replace", action="store_true", help="replace current records (kept in the history)")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    user_option(p)
    common(p)
    p.set_defaults(func=cmd_import)
