"""``python -m geo hotspots --period P --metric M``: hot spots, cold spots and outliers of a period.

The figures are :func:`geo.figures.hotspots.period_hotspots`, the function the map theme, its sheet and the
briefing's "where to look" section call. ``--json`` prints every unit (``commune_code``, ``value``, ``rate``,
``z``, ``p``, ``cluster``) and the method, weights, permutations and correction used.

Exit codes: 0 printed, 2 usage errors (a period without records, an unknown district).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from geo.cli.common import period_arg
from geo.text import t


def cmd_hotspots(args: argparse.Namespace) -> int:
    """Print the hot spots of a period (the text lists the significant units; ``--json`` every unit)."""
    from geo.figures.hotspots import PERMUTATIONS, cluster_words, method_sentence, period_hotspots, where_to_look
    from geo.periods import normalise_period, period_label, periods_label
    from geo.records.store import get_engine, list_periods, period_version
    from geo.text.numbers import fmt_number
    from geo.units.versions import version_table

    engine = get_engine(args.db)
    periods = list_periods(engine)
    period = normalise_period(args.period)
    if period is None or period not in periods:
        print(t("hotspots.cli_no_period", args.lang, period=args.period, known=periods_label(periods, args.lang)),
              file=sys.stderr)
        return 2
    known = set(version_table(period_version(engine, period))["district_code"].astype(str))
    for code in args.district or []:
        if code not in known:
            print(t("hotspots.cli_no_district", args.lang, code=code), file=sys.stderr)
            return 2
    if args.permutations < 99:
        print(t("hotspots.cli_permutations", args.lang, n=args.permutations), file=sys.stderr)
        return 2
    base = {"establishment": "establishment", "km2": "km2", None: "count"}[args.per]
    result = period_hotspots(engine, period, args.metric, base, districts=tuple(args.district or ()),
                             permutations=args.permutations or PERMUTATIONS)
    if args.json:
        out = result.as_json()
        if result.illustrative:
            out["notice"] = t("cli.illustrative", args.lang)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    if result.illustrative:
        print(f"*** {t('cli.illustrative', lang)} ***")
    print(f"{t('hotspots.title', lang)} – {period_label(period, lang)}")
    print(method_sentence(result, lang))
    counts = result.counts()
    for key, label in (("hot", t("hotspots.cli_hot", lang)), ("cold", t("hotspots.cli_cold", lang)),
                       ("outlier", t("hotspots.outlier", lang)), ("none", t("hotspots.none", lang)),
                       ("left_out", t("hotspots.left_out", lang))):
        print(f"{label}: {fmt_number(counts[key], lang)}")
    look = where_to_look(result, lang, limit=len(result.units))
    print(look.sentence)
    for row in look.rows:
        print("  " + " | ".join(row))
    outliers = [u for u in result.units if u.cluster == "outlier"]
    for u in outliers:
        print(f"  {cluster_words(u.cluster, u.level, lang)}: {u.commune_name} ({u.district_name}), "
              f"{fmt_number(u.value, lang)}")
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``hotspots`` on the ``python -m geo`` parser."""
    from geo.figures.hotspots import MEASURES, PERMUTATIONS

    p = sub.add_parser("hotspots", help="hot spots, cold spots and outliers of a period (Gi*, local Moran's I)")
    p.add_argument("--period", required=True, type=period_arg)
    p.add_argument("--metric", choices=MEASURES, required=True, help="the count analysed")
    p.add_argument("--per", choices=("establishment", "km2"), help="a rate per establishment or per km² "
                   "(empirical Bayes); default the count itself")
    p.add_argument("--district", action="append", metavar="CODE",
                   help="report this district's units (computed on the whole province); repeat for several")
    p.add_argument("--permutations", type=int, default=PERMUTATIONS, help=f"default {PERMUTATIONS}")
    p.add_argument("--json", action="store_true")
    p.add_argument("--db")
    common(p)
    p.set_defaults(func=cmd_hotspots)
