"""The audit trail: one line per action, with the account, written by the domain code that acts.

Imports (and refused files), replacements, backups, restores, plan entries, boundary revisions and their
activation, unit corrections, exports, sign-ins and account changes each leave a line: who, what, the outcome
(``ok`` or ``refused``) and a JSON detail. The pages and the command line call the domain functions that act,
and those write the line, so the trail is the same whichever way in was used.

- A change to the database writes its line inside its own transaction (:func:`write`): the change and its line
  exist together or not at all.
- A refusal, or an action outside the database (a backup file, an export), gets a transaction of its own
  (:func:`log`).
- A line that cannot be written (a read-only, full or unreachable database) raises :class:`AuditError`, whose
  message says so in the user's language; what the caller then says depends on whether the action stands.
- A file that leaves the server (an export, a briefing, a table) is delivered whatever happens to its line
  (:func:`log_delivery`): the result (:class:`Delivered`) carries the warning that says the line is missing, which
  the command line prints (exit 0) and a page shows beside the download.
- An operator's command run without an account (``backup``, ``restore``, ``export``, ``briefing``, account
  management) is recorded under the operating-system login, ``os:<login>`` (:func:`os_login`).
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from geo import clock
from geo.database import audit_table
from geo.faults import fault_message
from geo.text import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

OS_PREFIX: Final = "os:"


class AuditError(RuntimeError):
    """An audit line could not be written; the message (in the user's language) says so, without SQL."""

    @classmethod
    def undone(cls, lang: str = "vi") -> AuditError:
        """The error of a line written with its change: the change was undone too."""
        return cls(t("access.audit.undone", lang))

    @classmethod
    def unwritable(cls, lang: str = "vi", cause: BaseException | None = None) -> AuditError:
        """The error of a change the database refused to write (read-only, full, gone): neither it nor its line.

        Said in the words of the fault (:func:`geo.faults.fault_message`: read-only, disk full…) when ``cause``
        is one it knows; without a place, as a page shows it (the command line adds the place).
        """
        known = fault_message(cause, lang, place=False) if cause is not None else None
        return cls(known or t("access.audit.unwritable", lang))

    @classmethod
    def missing(cls, lang: str = "vi") -> AuditError:
        """The error of a line of its own: the action it records stands, without its line."""
        return cls(t("access.audit.missing", lang))


def os_login() -> str:
    """``os:<login>``: who runs an operator's command when no account is named (the nightly backup: ``os:geo``)."""
    try:
        login = getpass.getuser()
    except OSError:  # no login name in the environment and no passwd entry (a container's bare uid)
        login = f"uid{os.getuid()}"
    return f"{OS_PREFIX}{login}"


def _values(username: str, action: str, outcome: str, detail: dict[str, object] | None) -> dict[str, object]:
    return {"at": clock.now(), "username": username, "action": action, "outcome": outcome,
            "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None}


@contextmanager
def change(engine: Engine, lang: str = "vi") -> Iterator[Connection]:
    """The transaction of a change and its line (:func:`write`): both are stored, or neither.

    A database that refuses the write (read-only, full, unreachable) is :meth:`AuditError.unwritable`, one
    message in the user's language instead of the driver's traceback. A broken constraint
    (``IntegrityError``) is the caller's to read and passes through.
    """
    try:
        with engine.begin() as conn:
            yield conn
    except (AuditError, IntegrityError):
        raise
    except SQLAlchemyError as exc:
        raise AuditError.unwritable(lang, exc) from exc


def write(conn: Connection, username: str, action: str, *, outcome: str = "ok",
          detail: dict[str, object] | None = None, lang: str = "vi") -> None:
    """Add a line inside the caller's transaction: when it cannot be written, the whole transaction is undone.

    Raises
    ------
    AuditError
        The line could not be written; raised inside the caller's ``with engine.begin()`` block, it rolls the
        change back too, and its message says that nothing changed.
    """
    try:
        conn.execute(insert(audit_table).values(**_values(username, action, outcome, detail)))
    except SQLAlchemyError as exc:
        raise AuditError.undone(lang) from exc


def log(engine: Engine, username: str, action: str, *, outcome: str = "ok",
        detail: dict[str, object] | None = None, lang: str = "vi") -> None:
    """Add a line in a transaction of its own (a refusal, or an action outside the database).

    Raises
    ------
    AuditError
        The line could not be written; the action it records stands (a backup written, a refusal given).
    """
    try:
        with engine.begin() as conn:
            conn.execute(insert(audit_table).values(**_values(username, action, outcome, detail)))
    except SQLAlchemyError as exc:
        raise AuditError.missing(lang) from exc


def log_delivery(engine: Engine, username: str, action: str, *, detail: dict[str, object],
                 lang: str = "vi") -> str | None:
    """Add the line of an action whose file is delivered whatever happens to the line (an export of any kind).

    Returns
    -------
    str or None
        None when the line is written; otherwise the message (in ``lang``) that it is missing, for the caller to
        give with the file: a warning on stderr and exit 0 from the command line, ``st.warning`` on a page.
    """
    try:
        log(engine, username, action, detail=detail, lang=lang)
    except AuditError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class Delivered:
    """A file an audited action made: its name and size, its bytes, and the warning to give with it.

    ``data`` is None when the file was written straight to where the caller asked (a batch zip on disk);
    ``warning`` is None when the audit line was written (:func:`log_delivery`).
    """

    name: str
    size: int
    data: bytes | None = None
    warning: str | None = None


def read_log(engine: Engine, limit: int | None = None) -> pd.DataFrame:
    """The audit trail, newest first."""
    query = select(audit_table).order_by(audit_table.c.id.desc())
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in audit_table.columns])
