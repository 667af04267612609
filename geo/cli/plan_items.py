"""``python -m geo plan-item …``: the plan items without commune figures (T6, T9, T10), from the terminal.

- ``plan-item set ITEM --status S --user NAME [--value N] [--note TEXT] [--date YYYY-MM-DD]``: record one
  entry for an active account with the editor role or above (the entry and any refusal are audited; the date
  is Thanh Hóa's, not after today there).
- ``plan-item list [--period P] [--json]``: each item's latest status against the plan (at the period's end).
- ``plan-item history [ITEM] [--json]``: every entry, newest first.

Exit codes: 0 done, 1 an entry refused (a disabled account, one without the right, a value), 2 usage errors
(no ``--user`` or an unknown account, an unknown period).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from geo import clock
from geo.cli.common import account, period_arg, user_option
from geo.figures import plan_items
from geo.periods import periods_label
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    from geo.figures.plan_items import ItemAssessment
    from geo.figures.targets import Plan


def _day(value: object) -> str:
    """A day as people read it (30/06/2019); JSON keeps ISO (:func:`_plain`)."""
    return fmt_date(pd.Timestamp(value).date()) if value is not None and not pd.isna(value) else ""


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def item_lines(plan: Plan, rows: Iterable[ItemAssessment], lang: str) -> list[str]:
    """One line per item: ``T9 <label>: 1 / 2 → Đúng tiến độ (Đang thực hiện, 2019-06-30, editor1: note)``."""
    targets = {item.id: item for item in plan.targets}
    lines = []
    for row in rows:
        item = targets[row.id]
        goal = "" if row.target is None else f" / {row.target:g}"
        value = "—" if row.value is None else f"{row.value:g}"
        entered = "" if row.status is None else (
            f" ({t(f'plan.status_{row.status}', lang)}, {_day(row.as_of)}, {row.username}"
            + (f": {row.note}" if row.note else "") + ")")
        lines.append(f"{item.id} {item.label(lang)}: {value}{goal} → {t(f'plan.status_{row.progress}', lang)}"
                     f"{entered}")
    return lines


def cmd_plan_item(args: argparse.Namespace) -> int:
    """Dispatch ``plan-item`` sub-commands."""
    from geo.figures.targets import no_plan_text, plan_for, plan_years
    from geo.records.store import get_engine, list_periods

    engine = get_engine(args.db)
    user = None
    if args.action == "set":  # who first: a refused account is refused whatever the date
        user = account(engine, args, "import", "plan_progress", {"item": args.item, "status": args.status})
        if isinstance(user, int):
            return user
    # An entry is recorded against the plan of its date's year (on the list in force that day); a list for a
    # period reads the plan of that period; without a period, the plan of the latest year that has one.
    plan = None
    if args.action == "set":
        try:
            day = clock.today() if not args.date else dt.date.fromisoformat(args.date)
        except ValueError:
            print(t("plan.bad_date", args.lang, value=args.date), file=sys.stderr)
            return 1
        period = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    else:  # without a period, the latest year that holds a plan
        years = plan_years(engine)
        period = getattr(args, "period", None) or (str(years[-1]) if years else str(clock.today().year))
    if args.action != "history":
        plan = plan_for(period, engine)
        if plan is None and args.action == "list" and args.period is not None and args.period in list_periods(engine):
            print(no_plan_text(args.period, args.lang, engine=engine))
            return 0
        if plan is None:
            print(no_plan_text(period, args.lang, engine=engine), file=sys.stderr)
            return 2
    if args.action == "set":
        try:
            entry = plan_items.record_progress(engine, plan, user, args.item, args.status, value=args.value,
                                               note=args.note or "", as_of=args.date, lang=args.lang)
        except plan_items.PlanItemError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        row = plan_items.history(engine, args.item).iloc[0]
        print(t("cli.plan_item.stored", args.lang, item=args.item, id=entry,
                status=t(f"plan.status_{args.status}", args.lang), date=_day(row["as_of"])))
        return 0
    if args.action == "list":
        if args.period is not None:
            periods = list_periods(engine)
            if args.period not in periods:
                print(t("cli.plan_item.no_period", args.lang, period=args.period,
                        known=periods_label(periods, args.lang)), file=sys.stderr)
                return 2
            rows = plan_items.period_items(engine, plan, args.period)
        else:
            # the year's entries, judged against the plan's own year (its deadlines)
            rows = plan_items.assess_items(plan, plan_items.latest_entries(engine, since=dt.date(plan.year, 1, 1)),
                                           str(plan.year))
        if args.json:
            print(json.dumps([{k: _plain(v) for k, v in r.as_json().items()} for r in rows], ensure_ascii=False,
                             indent=2))
        else:
            print("\n".join(item_lines(plan, rows, args.lang)))
        return 0
    frame = plan_items.history(engine, args.item)
    if args.json:
        print(json.dumps([{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")],
                         ensure_ascii=False, indent=2, default=str))
    elif frame.empty:
        print(t("cli.plan_item.none", args.lang))
    else:
        for r in frame.itertuples():
            value = f" = {r.value:g}" if pd.notna(r.value) else ""
            note = f": {r.note}" if pd.notna(r.note) and r.note else ""
            print(f"{_day(r.as_of)} {r.item_id} {t(f'plan.status_{r.status}', args.lang)}{value}{note} "
                  f"[{r.username}, {clock.fmt(r.entered_at)}]")
    return 0


def add_commands(sub: argparse._SubParsersAction, common: object) -> None:
    """Add ``plan-item`` to the parser of ``python -m geo``."""
    p = sub.add_parser("plan-item", help="progress of the plan items without commune figures (T6, T9, T10)")
    actions = p.add_subparsers(dest="action", required=True)
    s = actions.add_parser("set", help="record one entry (editor role or above)")
    s.add_argument("item", help="plan item, e.g. T6")
    s.add_argument("--status", required=True, choices=plan_items.ITEM_STATUSES)
    user_option(s)
    s.add_argument("--value", help="the item's number, where it has one (T9: models built)")
    s.add_argument("--note")
    s.add_argument("--date", help="the day the entry describes (YYYY-MM-DD; default today)")
    s = actions.add_parser("list", help="each item's latest status against the plan")
    s.add_argument("--period", type=period_arg, help="as at the end of this period")
    s.add_argument("--json", action="store_true")
    s = actions.add_parser("history", help="every entry, newest first")
    s.add_argument("item", nargs="?")
    s.add_argument("--json", action="store_true")
    for s in actions.choices.values():
        s.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
        common(s)
    p.set_defaults(func=cmd_plan_item)
