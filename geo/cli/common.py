"""What several commands of ``python -m geo`` share: ``--lang``, ``--user``, the warning line, a progress bar.

Who acts: a command that changes data (``import``, ``plan-item set``, ``units correct``, ``boundaries
import|activate|deactivate``) needs ``--user``, an active account with the right (:func:`account`); an
operator's command (``backup``, ``restore``, ``export``, ``export-batch``, ``briefing``) takes ``--user`` too and
otherwise acts as the operating-system login, ``os:<login>`` (:func:`operator`). Refused: exit 2 when no
account or an unknown one is named (a usage error), 1 when the account is disabled or lacks the right; the
refusal is audited under the name given, and nothing is stored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from geo.text import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.access.accounts import AccessRefused, User


def lang_option(p: argparse.ArgumentParser) -> None:
    """``--lang`` after the command too (``python -m geo import F --lang en``), defaulting to the main option."""
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)


def user_option(p: argparse.ArgumentParser, *, operator: bool = False) -> None:
    """``--user NAME``: the account acting (audited); an operator's command acts as ``os:<login>`` without it."""
    p.add_argument("--user", metavar="NAME",
                   help="the account acting (audited); default: the operating-system login, os:<login>" if operator
                   else "the account acting, which must be active and have the right (required; audited)")


def _refused(exc: AccessRefused) -> int:
    print(str(exc), file=sys.stderr)
    return 2 if exc.reason in ("no_account", "unknown") else 1


def account(engine: Engine, args: argparse.Namespace, right: str, action: str,
            detail: dict[str, object] | None = None) -> User | int:
    """The active account of ``--user`` with ``right``; or, after the refusal's message, its exit code."""
    from geo.access.accounts import AccessRefused, authorise

    try:
        return authorise(engine, args.user, right, action=action, lang=args.lang, detail=detail)
    except AccessRefused as exc:
        return _refused(exc)


def operator(engine: Engine | None, args: argparse.Namespace, right: str, action: str,
             detail: dict[str, object] | None = None) -> str | int:
    """Who runs an operator's command: ``--user``'s account (checked as by :func:`account`), else ``os:<login>``."""
    from geo.access.audit import os_login

    if not args.user:
        return os_login()
    found = account(engine, args, right, action, detail)
    return found if isinstance(found, int) else found.username


class NotAPeriod(str):
    """An option's value that :func:`geo.periods.normalise_period` does not read as a period.

    :func:`not_a_period` reports it in the user's language (exit 2).
    """

    __slots__ = ()


def period_arg(value: str) -> str:
    """The ``type`` of every period option (``--period``, ``--before``): the one parser, the canonical period.

    ``Q1/2019``, ``2019-q1``, ``Quý 1/2019``, full-width digits and spaces read as ``2019-Q1``, as in a file; a
    value that is no period (``2019-Q5``, ``2019-13``, empty) comes back as :class:`NotAPeriod`.
    """
    from geo.periods import normalise_period

    return normalise_period(value) or NotAPeriod(value)


def version_arg(value: str) -> str:
    """The ``type`` of every unit-list option (``--units-version``, ``--from-version``, ``--version``): the list's id.

    A list is typed as the messages write it, ``01/12/2019``, or as its id, ``2019-12-01``; anything else is kept
    as typed for the command to refuse, naming it.
    """
    from geo.units.versions import version_id

    return version_id(value)


def not_a_period(args: argparse.Namespace) -> str | None:
    """The message for the first option of ``args`` that is not a period (``«2019-Q5» is not a period``), or None."""
    for value in vars(args).values():
        for one in value if isinstance(value, list | tuple) else (value,):
            if isinstance(one, NotAPeriod):
                return t("cli.not_a_period", getattr(args, "lang", "vi"), value=str(one))
    return None


def warn(message: str, lang: str) -> None:
    """A warning on stderr after a result that stands (a file written whose audit line is missing)."""
    print(f"{t('cli.warning', lang)}: {message}", file=sys.stderr)


def communes() -> pd.DataFrame:
    """The 2019 list (or the one layer named by ``GEO_COMMUNES_PATH``), without geometry.

    What a layer that is not versioned checks every row against, and what the illustrative records start from.
    """
    from geo.units.versions import FIRST_VERSION, version_table

    return version_table(FIRST_VERSION)


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
