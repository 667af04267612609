"""``python -m geo summary --period P``: every figure of a period, as the overview shows them (``--json``).

Exit codes: 0 printed, 2 usage errors (a period without records, an unknown district).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from geo.cli.common import period_arg
from geo.periods import periods_label
from geo.text import t


def cmd_summary(args: argparse.Namespace) -> int:
    """Print every figure of a period (:func:`geo.figures.summary.period_summary`, as the overview shows them)."""
    from geo.cli.plan_items import item_lines
    from geo.figures.period import period_figures
    from geo.figures.plan_items import period_items
    from geo.figures.targets import no_plan_text, plan_for
    from geo.records.store import get_engine, is_illustrative, list_periods
    from geo.text.numbers import fmt_number, fmt_with_unit

    engine = get_engine(args.db)
    periods = list_periods(engine)
    if args.period not in periods:
        print(t("cli.summary.no_period", args.lang, period=args.period, known=periods_label(periods, args.lang)),
              file=sys.stderr)
        return 2
    from geo.records.store import period_version
    from geo.units.versions import version_table

    # The units the period is shown on (an import may have chosen a later list in force during the period),
    # and every period's records re-expressed onto them through the links: never joined by code.
    communes = version_table(period_version(engine, args.period))
    for code in args.district or []:
        if code not in set(communes["district_code"]):
            print(t("cli.summary.no_district", args.lang, code=code), file=sys.stderr)
            return 2
    # The overview's numbers: earlier periods on another unit list re-expressed on this period's units, and
    # the plan of the period's own year (none: no targets, and a notice saying so).
    plan = plan_for(args.period, engine)
    figures = period_figures(engine, communes, args.period, districts=tuple(args.district or ()), periods=periods)
    items = period_items(engine, plan, args.period) if plan is not None else ()
    illustrative = is_illustrative(engine, args.period)
    result = {**figures.as_json(), "illustrative": illustrative, "plan_items": [r.as_json() for r in items]}
    if plan is None:
        result["plan_notice"] = no_plan_text(args.period, args.lang, engine=engine)
    if illustrative:
        result["notice"] = t("cli.illustrative", args.lang)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    if illustrative:
        print(f"*** {result['notice']} ***")
    # Every single figure of the JSON on a line of its own; the nested ones below, in words.
    nested = ("targets", "notice", "illustrative", "assessment", "plan_items", "previous", "change", "transitions",
              "changed_communes", "districts", "ytd_periods", "plan", "plan_notice")
    for key, value in result.items():
        if key not in nested:
            number = isinstance(value, int | float) and key != "plan_year"  # a year is no number to group: 2019
            print(f"{key}: {fmt_number(value, args.lang) if number else value}")
    if figures.transitions is not None:
        moves = ", ".join(f"{t(f'conversions.tr_{k}', args.lang)} {v}"
                          for k, v in figures.transitions.by_name().items())
        print(f"transitions ({figures.previous_period} → {args.period}): {moves}")
    if plan is None:
        print(result["plan_notice"])
        return 0
    print(f"{plan.id}: {plan.title_en if args.lang == 'en' else plan.title_vi}")
    targets = {item.id: item for item in plan.targets}
    for row in figures.assessment:
        unit = targets[row.id].unit
        shown = ("–".join(fmt_number(v, args.lang) for v in row.target) if isinstance(row.target, tuple)
                 else fmt_with_unit(row.target, unit, args.lang))
        print(f"{row.id} {targets[row.id].label(args.lang)}: {fmt_with_unit(row.actual, unit, args.lang)}"
              f" / {shown} → {t(f'targets.{row.status}', args.lang)}")
    print("\n".join(item_lines(plan, items, args.lang)))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``summary`` on the ``python -m geo`` parser."""
    p = sub.add_parser("summary", help="headline figures of a period")
    p.add_argument("--period", required=True, type=period_arg)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_summary)
