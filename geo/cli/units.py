"""``python -m geo units``: the unit versions, and an admin's corrections of their derived links.

``units [--json]`` lists the versions (date, until, units, districts, boundary source); ``units correct
FILE.csv`` checks an admin's corrections of derived merger links, then applies them by rebuilding data/units.

``correct`` needs ``--user``, an active admin account; the check (when it refuses the file) and the change are
audited, and a change whose audit line cannot be written is undone.

Exit codes: 0 listed, valid or applied; 1 the corrections are refused (nothing changed; also a disabled account
or one that is not an admin); 2 usage errors (a missing file or reference data, no ``--user`` or an unknown
account).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from geo.cli.common import account, warn
from geo.contract import ROOT
from geo.problems import print_problems
from geo.text import t
from geo.text.numbers import fmt_date


def cmd_units(args: argparse.Namespace) -> int:
    """List the unit versions: date, until, units, districts, boundary source; or apply link corrections."""
    from geo.units.versions import list_versions

    if args.action == "correct":
        return _units_correct(args)

    rows = [{"version": v.id, "until": v.until, "units": v.units, "districts": v.districts,
             "boundaries": v.boundary_source(args.lang), "vintage": v.boundary_vintage} for v in list_versions()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    head = t("cli.units.units_head", args.lang)
    print(head)
    for r in rows:
        until = fmt_date(r["until"]) if r["until"] else "—"  # dates as people write them; --json keeps the ids
        print(f"{fmt_date(r['version'])}  {until:10}  {r['units']:>5}  {r['districts']:>3}  {r['boundaries']}")
    return 0


def _units_correct(args: argparse.Namespace) -> int:
    """``units correct FILE.csv``: check an admin's link corrections, then rebuild data/units with them."""
    from geo.access.audit import AuditError
    from geo.records.store import get_engine
    from geo.units.corrections import audited_apply, audited_check

    if not args.file or not Path(args.file).is_file():
        print(t("cli.no_file", args.lang, path=args.file or "-"), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    user = account(engine, args, "admin", "units_correct", {"file": Path(args.file).name})
    if isinstance(user, int):
        return user
    problems, not_logged = audited_check(engine, args.file, user=user.username, lang=args.lang)
    print_problems(problems, (), args.lang)
    if problems:
        print(t("cli.units.correct_refused", args.lang, n=len(problems)))
        if not_logged:
            warn(not_logged, args.lang)
        return 1
    if args.check:
        print(t("cli.units.correct_valid", args.lang))
        return 0
    source = Path(args.source)
    if not (source / "versions.csv").exists():
        print(t("cli.units.no_source", args.lang, path=source), file=sys.stderr)
        return 2
    try:
        result = audited_apply(engine, args.file, source, user=user.username, lang=args.lang)
    except AuditError as exc:  # the rebuilt files were put back: nothing changed
        print(str(exc), file=sys.stderr)
        return 1
    for version, removed, old, new in result["changed"]:
        print(t("cli.units.correct_line", args.lang, version=fmt_date(version), removed=removed, old=old or "-",
                new=new))
    print(t("cli.units.correct_done", args.lang, n=result["rows"]))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``units`` on the ``python -m geo`` parser."""
    p = sub.add_parser("units", help="the unit versions: date, count, districts, boundary source; "
                                     "`units correct FILE.csv`: an admin's corrections of derived links")
    p.add_argument("action", nargs="?", choices=("list", "correct"), default="list")
    p.add_argument("file", nargs="?", help="correct: CSV with version, removed_code, absorbed_by, reason")
    p.add_argument("--user", metavar="NAME", help="correct: the admin account making the change (required; audited)")
    p.add_argument("--check", action="store_true", help="correct: check the file only")
    p.add_argument("--source", default=str(ROOT.parent / "shared" / "data" / "units"),
                   help="correct: the reference data the versions are rebuilt from (default: ../shared/data/units)")
    p.add_argument("--db", help="SQLAlchemy URL of the accounts and audit trail (default: the app's database)")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_units)
