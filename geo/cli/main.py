"""``python -m geo``: validate, import and summarise status records from the command line.

Exit codes: 0 success (warnings allowed), 1 the file is rejected or the import refused, 2 usage errors
(bad options, a file that does not exist, an unknown period or district).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from geo.contract import DEFAULT_LANG, ROOT
from geo.problems import print_problems
from geo.text.i18n import translate

if TYPE_CHECKING:
    from geo.maps.sheets import SheetInputs, SheetOptions
    from geo.records.validation import ValidationReport

_MESSAGES = {
    "no_file": {"vi": "Không tìm thấy tệp: {path}", "en": "File not found: {path}"},
    "ok": {"vi": "{file}: hợp lệ, {n} dòng số liệu, {w} cảnh báo.",
           "en": "{file}: valid, {n} data rows, {w} warnings."},
    "bad": {"vi": "{file}: bị từ chối, {e} lỗi, {w} cảnh báo. Không có gì được lưu.",
            "en": "{file}: rejected, {e} errors, {w} warnings. Nothing was stored."},
    "stored": {"vi": "Đã lưu {n} bản ghi (kỳ {periods}); thay thế {r} bản ghi cũ (vẫn giữ trong lịch sử). "
               "Mã lần nhập: {id}.",
               "en": "Stored {n} records (period {periods}); replaced {r} earlier records (kept in the history). "
               "Import id: {id}."},
    "no_period": {"vi": "Kỳ {period} không có số liệu. Các kỳ hiện có: {known}",
                  "en": "Period {period} has no records. Periods available: {known}"},
    "no_district": {"vi": "Không có huyện mã {code}.", "en": "No district with code {code}."},
    "illustrative": {"vi": "DỮ LIỆU MINH HỌA, không phải số liệu thật của các xã.",
                     "en": "ILLUSTRATIVE DATA, not the real figures of the communes."},
    "exported": {"vi": "Đã ghi {path} ({size} byte).", "en": "Wrote {path} ({size} bytes)."},
    "need_admin": {"vi": "--user {user}: cần một tài khoản quản trị (admin) đang hoạt động.",
                   "en": "--user {user}: an active admin account is needed."},
    "correct_refused": {"vi": "Tệp sửa liên kết bị từ chối: {n} lỗi. Không có gì thay đổi.",
                        "en": "Link corrections refused: {n} errors. Nothing was changed."},
    "correct_valid": {"vi": "Tệp sửa liên kết hợp lệ (chưa áp dụng: --check).",
                      "en": "Link corrections are valid (not applied: --check)."},
    "no_source": {"vi": "Không thấy dữ liệu tham chiếu {path} (versions.csv) để dựng lại các danh mục.",
                  "en": "Reference data not found at {path} (versions.csv): the versions cannot be rebuilt."},
    "correct_line": {"vi": "{version}: {removed} sáp nhập vào {new} (trước: {old})",
                     "en": "{version}: {removed} merged into {new} (before: {old})"},
    "correct_done": {"vi": "Đã áp dụng {n} dòng sửa liên kết; data/units đã được dựng lại và ghi vào nhật ký.",
                     "en": "Applied {n} link correction rows; data/units rebuilt, and the change audited."},
    "units_head": {"vi": "phiên bản  đến         số ĐV  huyện  ranh giới",
                   "en": "version     until       units  dist.  boundaries"},
    "bad_period": {"vi": "Kỳ không hợp lệ: {value} (dùng YYYY hoặc YYYY-Qn)",
                   "en": "Invalid period: {value} (use YYYY or YYYY-Qn)"},
}


def _communes() -> pd.DataFrame:
    """The 2019 list (or the one layer named by ``GEO_COMMUNES_PATH``), without geometry.

    What a layer that is not versioned checks every row against, and what the illustrative records start from.
    """
    from geo.units.versions import FIRST_VERSION, version_table

    return version_table(FIRST_VERSION)


def _unit_lists(from_version: str | None = None, units_version: str | None = None) -> object:
    """What the validator checks rows against: each row's period's list (or one layer, if not versioned)."""
    from geo.units.versions import UnitLists, versioned

    if versioned():
        return UnitLists(from_version=from_version, units_version=units_version)
    return _communes()


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
    head = translate(_MESSAGES, "units_head", args.lang)
    print(head)
    for r in rows:
        print(f"{r['version']}  {r['until'] or '—':10}  {r['units']:>5}  {r['districts']:>3}  {r['boundaries']}")
    return 0


def _units_correct(args: argparse.Namespace) -> int:
    """``units correct FILE.csv``: check an admin's link corrections, then rebuild data/units with them."""
    from geo.access import accounts
    from geo.records.store import get_engine
    from geo.units.corrections import apply_corrections_file, check_corrections

    if not args.file or not Path(args.file).is_file():
        print(translate(_MESSAGES, "no_file", args.lang, path=args.file or "-"), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    user = accounts.get_user(engine, args.user) if args.user else None
    if user is None or user.role != "admin":
        print(translate(_MESSAGES, "need_admin", args.lang, user=args.user or "-"), file=sys.stderr)
        return 2
    _, problems = check_corrections(args.file, lang=args.lang)
    print_problems(problems, (), args.lang)
    detail = {"file": Path(args.file).name}
    if problems:
        accounts.log(engine, args.user, "units_correct", outcome="refused", detail={**detail, "errors": len(problems)})
        print(translate(_MESSAGES, "correct_refused", args.lang, n=len(problems)))
        return 1
    if args.check:
        print(translate(_MESSAGES, "correct_valid", args.lang))
        return 0
    source = Path(args.source)
    if not (source / "versions.csv").exists():
        print(translate(_MESSAGES, "no_source", args.lang, path=source), file=sys.stderr)
        return 2
    result = apply_corrections_file(args.file, source)
    accounts.log(engine, args.user, "units_correct", detail={
        **detail, "sha256": result["sha256"], "rows": result["rows"],
                                                         "changed": result["changed"]})
    for version, removed, old, new in result["changed"]:
        print(translate(_MESSAGES, "correct_line", args.lang, version=version, removed=removed, old=old or "-",
                        new=new))
    print(translate(_MESSAGES, "correct_done", args.lang, n=result["rows"]))
    return 0


def _print_report(report: ValidationReport, lang: str) -> None:
    print_problems(report.errors, report.warnings, lang)
    key = "ok" if report.ok else "bad"
    print(translate(_MESSAGES, key, lang, file=report.file, n=report.rows,
                    e=len(report.errors), w=len(report.warnings)))


BIG_FILE_ROWS = 5000  # about a second of validation on this machine


def _validate(args: argparse.Namespace) -> tuple[int, ValidationReport | None]:
    from geo.periods import normalise_period
    from geo.records.validation import validate_file

    path = Path(args.file)
    if not path.is_file():
        print(translate(_MESSAGES, "no_file", args.lang, path=path), file=sys.stderr)
        return 2, None
    if args.period is not None and normalise_period(args.period) is None:
        print(translate(_MESSAGES, "bad_period", args.lang, value=args.period), file=sys.stderr)
        return 2, None
    show = progress_printer()
    rows_seen = [0]

    def progress(done: int, total: int) -> None:  # only files big enough to take over a second
        rows_seen[0] = total
        if total >= BIG_FILE_ROWS:
            show(done, total, path.name)

    report = validate_file(path, _unit_lists(args.from_version, args.units_version), period=args.period,
                           lang=args.lang, progress=progress)
    if rows_seen[0] >= BIG_FILE_ROWS:
        show(rows_seen[0], rows_seen[0], path.name)
    return (0 if report.ok else 1), report


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a file and report every problem; store nothing."""
    code, report = _validate(args)
    if report is None:
        return code
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(report, args.lang)
    return code


def cmd_import(args: argparse.Namespace) -> int:
    """Validate, then store atomically."""
    from geo.records.store import ImportConflict, get_engine, import_report

    code, report = _validate(args)
    if report is None:
        return code
    _print_report(report, args.lang)
    engine = get_engine(args.db)
    try:
        result = import_report(engine, report, replace=args.replace, user=args.user, lang=args.lang)
    except (ValueError, ImportConflict) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(translate(_MESSAGES, "stored", args.lang, n=result.rows_stored, periods=", ".join(result.periods),
                    r=result.rows_replaced, id=result.import_id))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print every figure of a period (:func:`geo.figures.summary.period_summary`, as the overview shows them)."""
    from geo.cli.plan import item_lines
    from geo.figures.period import period_figures
    from geo.figures.plan_items import period_items
    from geo.figures.targets import no_plan_text, plan_for
    from geo.records.store import get_engine, is_illustrative, list_periods
    from geo.text.labels import label
    from geo.text.numbers import fmt_number, fmt_with_unit

    engine = get_engine(args.db)
    periods = list_periods(engine)
    if args.period not in periods:
        print(translate(_MESSAGES, "no_period", args.lang, period=args.period, known=", ".join(periods) or "-"),
              file=sys.stderr)
        return 2
    from geo.records.store import period_version
    from geo.units.versions import version_table

    # The units the period is shown on (an import may have chosen a later list in force during the period),
    # and every period's records re-expressed onto them through the links: never joined by code.
    communes = version_table(period_version(engine, args.period))
    for code in args.district or []:
        if code not in set(communes["district_code"]):
            print(translate(_MESSAGES, "no_district", args.lang, code=code), file=sys.stderr)
            return 2
    # The overview's numbers: earlier periods on another unit list re-expressed on this period's units, and
    # the plan of the period's own year (none: no targets, and a notice saying so).
    plan = plan_for(args.period)
    figures = period_figures(engine, communes, args.period, districts=tuple(args.district or ()), periods=periods)
    items = period_items(engine, plan, args.period) if plan is not None else ()
    illustrative = is_illustrative(engine, args.period)
    result = {**figures.as_json(), "illustrative": illustrative, "plan_items": [r.as_json() for r in items]}
    if plan is None:
        result["plan_notice"] = no_plan_text(args.period, args.lang)
    if illustrative:
        result["notice"] = translate(_MESSAGES, "illustrative", args.lang)
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
        moves = ", ".join(f"{label(f'tr_{k}', args.lang)} {v}" for k, v in figures.transitions.by_name().items())
        print(f"transitions ({figures.previous_period} → {args.period}): {moves}")
    if plan is None:
        print(result["plan_notice"])
        return 0
    print(f"{plan.id}: {plan.title_en if args.lang == 'en' else plan.title_vi}")
    targets = {t.id: t for t in plan.targets}
    for row in figures.assessment:
        unit = targets[row.id].unit
        shown = ("–".join(fmt_number(v, args.lang) for v in row.target) if isinstance(row.target, tuple)
                 else fmt_with_unit(row.target, unit, args.lang))
        print(f"{row.id} {targets[row.id].label(args.lang)}: {fmt_with_unit(row.actual, unit, args.lang)}"
              f" / {shown} → {label(row.status, args.lang)}")
    print("\n".join(item_lines(plan, items, args.lang)))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Regenerate the bundled illustrative records (seeded: the same seed writes the same file)."""
    from geo.records.illustrative import generate, write_csv

    path = write_csv(generate(_communes(), seed=args.seed), args.out)
    print(f"{path}: illustrative records written (seed {args.seed})")
    return 0


def _export_inputs(args: argparse.Namespace) -> SheetInputs:
    """The sheet inputs of ``args.period`` (and ``--before``), or an exit code 2 after a clear message."""
    from geo.maps.exports import load_inputs
    from geo.maps.sheets import ExportError
    from geo.records.store import get_engine

    try:
        return load_inputs(get_engine(args.db), args.period, before=getattr(args, "before", None), lang=args.lang)
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
                           before=getattr(args, "before", None))
    try:
        check_options(inputs, options)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return options


def _export_setup(args: argparse.Namespace) -> tuple[SheetInputs, SheetOptions] | int:
    """The inputs and options of an export, or exit code 2 after a clear message."""
    inputs = _export_inputs(args)
    if isinstance(inputs, int):
        return inputs
    options = _export_options(args, inputs)
    if isinstance(options, int):
        return options
    return inputs, options


def cmd_export(args: argparse.Namespace) -> int:
    """Write one map sheet (PNG/PDF/SVG), interactive map (HTML) or table (CSV/XLSX)."""
    from geo.maps.exports import export_bytes

    setup = _export_setup(args)
    if isinstance(setup, int):
        return setup
    inputs, options = setup
    data = export_bytes(inputs, options, args.format, dpi=args.dpi)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(translate(_MESSAGES, "exported", args.lang, path=out, size=len(data)))
    if inputs.illustrative:
        print(f"*** {translate(_MESSAGES, 'illustrative', args.lang)} ***", file=sys.stderr)
    return 0


def progress_printer(stream: TextIO | None = None) -> Callable[[int, int, str], None]:
    """A progress callback that draws ``[12/112] ████░░ name`` on stderr (one line, redrawn on a terminal)."""
    stream = stream or sys.stderr
    tty = bool(getattr(stream, "isatty", lambda: False)())

    def show(done: int, total: int, name: str) -> None:
        width = 24
        filled = round(width * done / total) if total else width
        bar = "█" * filled + "░" * (width - filled)
        line = f"[{done}/{total}] {bar} {name}"
        if tty:
            end = "\n" if done == total else ""
            stream.write(f"\r\033[K{line}{end}")
        else:
            stream.write(line + "\n")
        stream.flush()

    return show


def cmd_export_batch(args: argparse.Namespace) -> int:
    """Every theme for the province and for every district of a period, in one zip."""
    from geo.maps.exports import batch_zip

    setup = _export_setup(args)
    if isinstance(setup, int):
        return setup
    inputs, options = setup
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        batch_zip(inputs, options, args.format, dpi=args.dpi, progress=progress_printer(),
                  out=handle)
    print(translate(_MESSAGES, "exported", args.lang, path=out, size=out.stat().st_size))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    from geo.contract import ILLUSTRATIVE_PATH
    from geo.records.illustrative import SEED

    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("GEO_LANG", DEFAULT_LANG),
                        help="language of messages (default vi, or $GEO_LANG)")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)

    def from_version(p: argparse.ArgumentParser) -> None:
        p.add_argument("--from-version", metavar="YYYY-MM-DD",
                       help="the file is keyed by this unit version's codes: convert it to each period's version "
                            "through the links (refused where a unit was split); see `units`")
        p.add_argument("--units-version", metavar="YYYY-MM-DD",
                       help="the unit version the file's periods use instead of the rule's (the list in force "
                            "on the period's first day): allowed only for a list in force on some day of each "
                            "row's period (2019: 2017-04-19 or 2019-12-01); see `units`")

    p = sub.add_parser("units", help="the unit versions: date, count, districts, boundary source; "
                                     "`units correct FILE.csv`: an admin's corrections of derived links")
    p.add_argument("action", nargs="?", choices=("list", "correct"), default="list")
    p.add_argument("file", nargs="?", help="correct: CSV with version, removed_code, absorbed_by, reason")
    p.add_argument("--user", help="correct: the admin account making the change (audited)")
    p.add_argument("--check", action="store_true", help="correct: check the file only")
    p.add_argument("--source", default=str(ROOT.parent / "shared" / "data" / "units"),
                   help="correct: the reference data the versions are rebuilt from (default: ../shared/data/units)")
    p.add_argument("--db", help="SQLAlchemy URL of the accounts and audit trail (default: the app's database)")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("validate", help="check a CSV/XLSX file; store nothing")
    p.add_argument("file")
    p.add_argument("--period", help="period of every row when the file has no period column (YYYY or YYYY-Qn)")
    from_version(p)
    p.add_argument("--json", action="store_true", help="machine-readable report")
    common(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("import", help="validate, then store in one transaction")
    p.add_argument("file")
    p.add_argument("--period")
    from_version(p)
    p.add_argument("--replace", action="store_true", help="replace current records (kept in the history)")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    p.add_argument("--user", default=os.environ.get("USER", "cli"), help="who imports (for the log)")
    common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("summary", help="headline figures of a period")
    p.add_argument("--period", required=True)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("generate-illustrative", help="rewrite the bundled illustrative records")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--out", default=str(ILLUSTRATIVE_PATH))
    p.set_defaults(func=cmd_generate)

    def export_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--period", required=True)
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
        common(p)

    p = sub.add_parser("export", help="a print-ready map sheet, an offline HTML map or the table of a theme")
    p.add_argument("--theme", choices=("healthy", "conversions", "inspections", "border", "transition"),
                   required=True)
    p.add_argument("--format", choices=("png", "pdf", "svg", "html", "csv", "xlsx"), required=True)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--before", help="transition theme: the earlier period")
    export_common(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-batch", help="every theme, province and each district, in one zip")
    p.add_argument("--format", choices=("png", "pdf"), default="pdf")
    p.set_defaults(district=None)
    export_common(p)
    p.set_defaults(func=cmd_export_batch)

    from geo.cli import backup, boundaries, briefing
    from geo.cli import plan as cli_plan
    from geo.cli.users import add_commands

    add_commands(sub, common)
    cli_plan.add_commands(sub, common)
    briefing.add_commands(sub, common)
    boundaries.add_commands(sub, common)
    backup.add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
