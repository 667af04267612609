"""``python -m geo``: validate, import and summarise status records from the command line.

This module builds the parser and dispatches; each command lives in a module of its own in ``geo/cli/``
(``units``, ``validate``, ``imports``, ``summary``, ``illustrative``, ``export``, ``users``, ``audit``,
``plans``, ``plan_items``, ``briefing``, ``boundaries``, ``backup``), with its options (``add_commands``) and its
messages.

Exit codes: 0 success (warnings allowed), 1 the file is rejected or the import refused, 2 usage errors
(bad options, a file that does not exist, an unknown period or district).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from geo.cli import (
    audit,
    backup,
    boundaries,
    briefing,
    export,
    illustrative,
    imports,
    plan_items,
    plans,
    summary,
    units,
    users,
    validate,
)
from geo.cli.common import lang_option
from geo.contract import DEFAULT_LANG

# The order of `python -m geo --help`.
COMMANDS = (units, validate, imports, summary, illustrative, export, users, audit, plans, plan_items, briefing,
            boundaries, backup)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("GEO_LANG", DEFAULT_LANG),
                        help="language of messages (default vi, or $GEO_LANG)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_commands(sub, lang_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    An audit line that could not be written where the command did not expect it (its change undone) is one
    message and exit 1, not a traceback.
    """
    from geo.access.audit import AuditError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except AuditError as exc:
        print(str(exc), file=sys.stderr)
        return 1
