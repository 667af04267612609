"""``python -m geo validate FILE``: check a district's file and report every problem; store nothing.

Exit codes: 0 the file would import (warnings allowed), 1 it is rejected, 2 usage errors (a file that does not
exist, a period that is not one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.common import communes, period_arg, progress_printer, version_arg
from geo.problems import print_problems
from geo.text import t
from geo.text.controls import json_text

if TYPE_CHECKING:
    from geo.records.validation import ValidationReport


BIG_FILE_ROWS = 5000  # about a second of validation on this machine


def unit_lists(from_version: str | None = None, units_version: str | None = None) -> object:
    """What the validator checks rows against: each row's period's list (or one layer, if not versioned)."""
    from geo.units.versions import UnitLists, versioned

    if versioned():
        return UnitLists(from_version=from_version, units_version=units_version)
    return communes()


def print_report(report: ValidationReport, lang: str) -> None:
    """Every error, then every warning, then the verdict."""
    print_problems(report.errors, report.warnings, lang)
    key = "cli.validate.ok" if report.ok else "cli.validate.bad"
    print(t(key, lang, file=report.file, n=report.rows, e=len(report.errors), w=len(report.warnings)))


def validate(args: argparse.Namespace) -> tuple[int, ValidationReport | None]:
    """The report on ``args.file`` and its exit code; ``(2, None)`` after a message for a usage error."""
    from geo.periods import normalise_period
    from geo.records.validation import validate_file

    path = Path(args.file)
    if not path.is_file():
        print(t("cli.no_file", args.lang, path=path), file=sys.stderr)
        return 2, None
    if args.period is not None and normalise_period(args.period) is None:
        print(t("cli.validate.bad_period", args.lang, value=args.period), file=sys.stderr)
        return 2, None
    show = progress_printer()
    rows_seen = [0]

    def progress(done: int, total: int) -> None:  # only files big enough to take over a second
        rows_seen[0] = total
        if total >= BIG_FILE_ROWS:
            show(done, total, path.name)

    report = validate_file(path, unit_lists(args.from_version, args.units_version), period=args.period,
                           lang=args.lang, progress=progress)
    if rows_seen[0] >= BIG_FILE_ROWS:
        show(rows_seen[0], rows_seen[0], path.name)
    return (0 if report.ok else 1), report


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a file and report every problem; store nothing."""
    code, report = validate(args)
    if report is None:
        return code
    if args.json:
        print(json_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2)))
    else:
        print_report(report, args.lang)
    return code


def file_options(p: argparse.ArgumentParser) -> None:
    """The file, its period and unit list: the options ``validate`` and ``import`` share."""
    p.add_argument("file")
    p.add_argument("--period", type=period_arg,
                   help="period of every row when the file has no period column (YYYY or YYYY-Qn)")
    p.add_argument("--from-version", metavar="DD/MM/YYYY", type=version_arg,
                   help="the file is keyed by this unit version's codes: convert it to each period's version "
                        "through the links (refused where a unit was split); see `units`")
    p.add_argument("--units-version", metavar="DD/MM/YYYY", type=version_arg,
                   help="the unit version the file's periods use instead of the rule's (the list in force "
                        "on the period's first day): allowed only for a list in force on some day of each "
                        "row's period (2019: 19/04/2017 or 01/12/2019); see `units`")


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``validate`` on the ``python -m geo`` parser."""
    p = sub.add_parser("validate", help="check a CSV/XLSX file; store nothing")
    file_options(p)
    p.add_argument("--json", action="store_true", help="machine-readable report")
    common(p)
    p.set_defaults(func=cmd_validate)
