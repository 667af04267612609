"""``python -m geo``: validate, import and summarise status records from the command line.

This module builds the parser and dispatches; each command lives in a module of its own in ``geo/cli/``
(``units``, ``validate``, ``imports``, ``summary``, ``illustrative``, ``export``, ``users``, ``audit``,
``plans``, ``plan_items``, ``briefing``, ``boundaries``, ``backup``, ``hotspots``), with its options
(``add_commands``) and its messages.

Exit codes: 0 success (warnings allowed), 1 the file is rejected or the import refused, or an operational
fault (the database unreachable, read-only or damaged, a full disk: one line, :mod:`geo.faults`), 2 usage errors
(bad options, a file that does not exist, something that is not a period, an unknown period or district).
``--debug`` (or ``GEO_DEBUG=1``) shows a fault's traceback, for a developer.
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
    hotspots,
    illustrative,
    imports,
    plan_items,
    plans,
    summary,
    units,
    users,
    validate,
)
from geo.cli.common import lang_option, not_a_period
from geo.contract import DEFAULT_LANG
from geo.faults import DEBUG_ENV, debug, fault_message, unexpected_message

# The order of `python -m geo --help`.
COMMANDS = (units, validate, imports, summary, illustrative, export, users, audit, plans, plan_items, briefing,
            boundaries, backup, hotspots)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("GEO_LANG", DEFAULT_LANG),
                        help="language of messages (default vi, or $GEO_LANG)")
    parser.add_argument("--debug", action="store_true", default=debug(),
                        help=f"show the traceback of a fault (or ${DEBUG_ENV}=1)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_commands(sub, _common)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    """``--lang`` and ``--debug`` after the command too."""
    lang_option(p)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    A period that is not one is exit 2 naming the value. An audit line that could not be written where the
    command did not expect it (its change undone), a database that cannot be reached, read or written, a full
    disk, are one message and exit 1, not a traceback (``--debug`` raises it).
    """
    from geo.access.audit import AuditError
    from geo.contract import default_db_url

    args = build_parser().parse_args(argv)
    bad = not_a_period(args)
    if bad is not None:
        print(bad, file=sys.stderr)
        return 2
    url = getattr(args, "db", None) or default_db_url()
    try:
        return int(args.func(args))
    except AuditError as exc:  # said in the words of the fault beneath it where it is known (a full disk)
        print(fault_message(exc, args.lang, url=url) or str(exc), file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        raise
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(fault_message(exc, args.lang, url=url) or unexpected_message(args.lang), file=sys.stderr)
        return 1
