"""``python -m geo plan …``: the years' plans in the database, from the terminal.

- ``plan import FILE --user NAME``: store a plan file (the format of ``data/plans/2019.toml``) as a new version
  of its year's plan on the unit list in force on its signing date, for an active account with the editor role
  or above. Checked first (every problem names its field and value); the plan and any refusal are audited.
- ``plan list [--json]``: the plan in force of each year and unit list.
- ``plan history YEAR [--json]``: every version of the year's plans, oldest first, the one in force marked.

Exit codes: 0 done, 1 the plan refused (a field, a disabled account, one without the right), 2 usage errors
(no ``--user`` or an unknown account, a file that does not exist).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.cli.common import account, user_option
from geo.text import t


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _json_row(row: dict) -> dict[str, object]:
    return {k: _plain(v) for k, v in row.items()}


def _line(row: dict, lang: str) -> str:
    """``2021 · 559 đơn vị · 12/KH-UBND ký 2021-01-15 (UBND tỉnh Thanh Hóa): title — nhập bởi lan, 2026-…``."""
    from geo.clock import fmt
    from geo.text.numbers import date_text

    head = row["document"]["plan"]
    title = head["title_en"] if lang == "en" else head["title_vi"]
    units = row["unit_list"].split("/")[0]
    flags = [t("cli.plan.current", lang)] if row.get("current") else []
    if row["illustrative"]:
        flags.append(t("cli.plan.illustrative", lang))
    shown = f" [{', '.join(flags)}]" if flags else ""
    signed = date_text(_plain(row["signed"]))
    return t("cli.plan.line", lang, year=row["year"], units=units, id=row["number"], signed=signed,
             issuer=row["issuer"], title=title, user=row["username"], at=fmt(row["entered_at"]),
             n=len(row["document"]["targets"])) + shown


def cmd_plan(args: argparse.Namespace) -> int:
    """Dispatch ``plan`` sub-commands."""
    from geo.records import plans
    from geo.records.store import get_engine

    if args.action == "import" and not Path(args.file).is_file():
        print(t("cli.no_file", args.lang, path=args.file), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    if args.action == "import":
        user = account(engine, args, "import", "plan", {"source": Path(args.file).name})
        if isinstance(user, int):
            return user
        try:
            plan_row = plans.import_file(engine, args.file, user, lang=args.lang)
        except plans.PlanError as exc:
            print(t("plan.refused", args.lang, n=len(exc.problems)), file=sys.stderr)
            for problem in exc.problems:
                print(f"  - {problem.message}", file=sys.stderr)
            return 1
        stored = next(r for r in plans.current_plans(engine) if r["id"] == plan_row)
        print(t("cli.plan.stored", args.lang, id=stored["number"], year=stored["year"],
                units=stored["unit_list"].split("/")[0], row=plan_row))
        return 0
    rows = plans.current_plans(engine) if args.action == "list" else plans.history(engine, args.year)
    if args.json:
        print(json.dumps([_json_row(r) for r in rows], ensure_ascii=False, indent=2, default=str))
    elif not rows:
        print(t("cli.plan.none", args.lang) if args.action == "list"
              else t("cli.plan.none_year", args.lang, year=args.year))
    else:
        for row in rows:
            print(_line({**row, "current": row.get("current", args.action == "list")}, args.lang))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: object) -> None:
    """Add ``plan`` to the parser of ``python -m geo``."""
    p = sub.add_parser("plan", help="the years' plans: import a plan file, list them, a year's history")
    actions = p.add_subparsers(dest="action", required=True)
    s = actions.add_parser("import", help="store a plan file as a new version of its year's plan (editor or above)")
    s.add_argument("file", help="a plan in the format of data/plans/2019.toml")
    user_option(s)
    s = actions.add_parser("list", help="the plan in force of each year and unit list")
    s.add_argument("--json", action="store_true")
    s = actions.add_parser("history", help="every version of a year's plans, oldest first")
    s.add_argument("year", type=int)
    s.add_argument("--json", action="store_true")
    for s in actions.choices.values():
        s.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
        common(s)
    p.set_defaults(func=cmd_plan)
