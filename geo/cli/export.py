"""``python -m geo export`` and ``export-batch``: print-ready map sheets, the offline HTML map, the tables.

Each file is made, written and audited by the functions the Export page calls
(:func:`geo.maps.exports.export_file`, :func:`geo.maps.exports.export_batch`: an ``export`` line with the same
keys) under ``--user`` (an active account with the right to export) or, without it, the operating-system login
(``os:<login>``).

Exit codes: 0 written (also when its audit line could not be written: a warning says so), 1 ``--user`` names a
disabled account or one without the right, 2 usage errors (an unknown period or district, options that do not
fit the theme, ``--user`` naming no account).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.common import operator, period_arg, progress_printer, user_option, warn
from geo.text import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.maps.sheets import SheetInputs, SheetOptions


def _export_inputs(args: argparse.Namespace, engine: Engine) -> SheetInputs:
    """The sheet inputs of ``args.period`` (and ``--before``), or an exit code 2 after a clear message."""
    from geo.maps.exports import load_inputs
    from geo.maps.sheets import ExportError

    try:
        return load_inputs(engine, args.period, before=getattr(args, "before", None), lang=args.lang)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _export_options(args: argparse.Namespace, inputs: SheetInputs) -> SheetOptions:
    from geo.maps.classify import parse_breaks
    from geo.maps.sheets import ExportError, SheetOptions, check_options

    try:
        breaks = tuple(parse_breaks(args.breaks)) if getattr(args, "breaks", None) else None
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    options = SheetOptions(theme=getattr(args, "theme", "healthy"), period=args.period,
                           districts=tuple(args.district or ()), paper=args.paper, orientation=args.orientation,
                           lang=args.lang, metric=args.metric, scheme=args.scheme, k=args.k, breaks=breaks,
                           before=getattr(args, "before", None), measure=getattr(args, "measure", "violations"))
    try:
        check_options(inputs, options)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return options


def _export_setup(args: argparse.Namespace) -> tuple[Engine, str, SheetInputs, SheetOptions] | int:
    """The database, who exports, the inputs and options of an export; or an exit code after a clear message."""
    from geo.records.store import get_engine

    engine = get_engine(args.db)
    actor = operator(engine, args, "export", "export", {"period": args.period, "file": Path(args.out).name})
    if isinstance(actor, int):
        return actor
    inputs = _export_inputs(args, engine)
    if isinstance(inputs, int):
        return inputs
    options = _export_options(args, inputs)
    if isinstance(options, int):
        return options
    return engine, actor, inputs, options


def cmd_export_periods(args: argparse.Namespace) -> int:
    """``--periods P1,P2,…``: one sheet with a small map per period, the legend once (geo.maps.compare)."""
    from geo.maps.compare import COMPARE_THEMES, export_compare, load_compare, parse_periods
    from geo.maps.sheets import ExportError
    from geo.records.store import get_engine, list_periods

    if args.format not in ("png", "pdf", "svg") or args.theme not in COMPARE_THEMES:
        print(t("compare.cli_format", args.lang), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    actor = operator(engine, args, "export", "export", {"period": args.periods, "file": Path(args.out).name})
    if isinstance(actor, int):
        return actor
    try:
        periods = parse_periods(args.periods, list_periods(engine), args.lang)
        view = load_compare(engine, args.theme, periods, districts=tuple(args.district or ()), lang=args.lang,
                            metric=args.metric, scheme=args.scheme, k=args.k, measure=args.measure)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    made = export_compare(engine, actor, view, args.format, out=args.out, dpi=min(args.dpi, 300))
    print(t("cli.export.exported", args.lang, path=args.out, size=made.size))
    if made.warning:
        warn(made.warning, args.lang)
    if view.illustrative:
        print(f"*** {t('cli.illustrative', args.lang)} ***", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one map sheet (PNG/PDF/SVG), interactive map (HTML) or table (CSV/XLSX)."""
    from geo.maps.exports import export_file

    if args.periods:
        return cmd_export_periods(args)
    if not args.period:
        print(t("compare.cli_period_needed", args.lang), file=sys.stderr)
        return 2
    setup = _export_setup(args)
    if isinstance(setup, int):
        return setup
    engine, actor, inputs, options = setup
    out = Path(args.out)
    made = export_file(engine, actor, inputs, options, args.format, dpi=args.dpi, out=out)  # written, then audited
    print(t("cli.export.exported", args.lang, path=out, size=made.size))
    if made.warning:  # the file is written all the same
        warn(made.warning, args.lang)
    if inputs.illustrative:
        print(f"*** {t('cli.illustrative', args.lang)} ***", file=sys.stderr)
    return 0


def cmd_export_batch(args: argparse.Namespace) -> int:
    """Every theme for the province and for every district of a period, in one zip."""
    from geo.maps.exports import export_batch

    setup = _export_setup(args)
    if isinstance(setup, int):
        return setup
    engine, actor, inputs, options = setup
    out = Path(args.out)
    made = export_batch(engine, actor, inputs, options, args.format, dpi=args.dpi, progress=progress_printer(),
                        out=out)
    print(t("cli.export.exported", args.lang, path=out, size=made.size))
    if made.warning:
        warn(made.warning, args.lang)
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``export`` and ``export-batch`` on the ``python -m geo`` parser."""

    def export_common(p: argparse.ArgumentParser, *, period_required: bool = True) -> None:
        p.add_argument("--period", required=period_required, type=period_arg)
        p.add_argument("--out", required=True, help="output file")
        p.add_argument("--paper", choices=("a4", "a3"), default="a4")
        p.add_argument("--orientation", choices=("portrait", "landscape"), default="portrait")
        p.add_argument("--metric", choices=("count", "per_establishment", "per_km2"), default="count",
                       help="inspections theme: what is classed")
        p.add_argument("--scheme", choices=("quantiles", "natural_breaks", "equal_interval", "manual"),
                       default="quantiles", help="classification of the inspections and border themes")
        p.add_argument("--k", type=int, default=5, help="number of classes (2-7)")
        p.add_argument("--breaks", help="manual breaks, e.g. '1, 2, 5' (with --scheme manual)")
        p.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
        p.add_argument("--db")
        user_option(p, operator=True)
        common(p)

    p = sub.add_parser("export", help="a print-ready map sheet, an offline HTML map or the table of a theme")
    p.add_argument("--theme", choices=("healthy", "conversions", "inspections", "border", "transition", "hotspots"),
                   required=True)
    p.add_argument("--measure", default="violations",
                   choices=("violations", "criminal_cases", "inspections", "border_incidents", "victims_received"),
                   help="hotspots theme: the count analysed (--metric is then its base)")
    p.add_argument("--format", choices=("png", "pdf", "svg", "html", "csv", "xlsx"), required=True)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--before", type=period_arg, help="transition theme: the earlier period")
    p.add_argument("--periods", help="2 to 12 periods side by side on one sheet, e.g. 2019,2021,2025-Q3 "
                   "(png, pdf or svg; instead of --period)")
    export_common(p, period_required=False)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-batch", help="every theme, province and each district, in one zip")
    p.add_argument("--format", choices=("png", "pdf"), default="pdf")
    p.set_defaults(district=None)
    export_common(p)
    p.set_defaults(func=cmd_export_batch)
