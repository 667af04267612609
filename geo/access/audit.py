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
from geo.text.numbers import date_text

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


# --- the trail for people ------------------------------------------------------------------------------------

# Every action the code writes (its words: the catalog's access.action_<name>; an action missing here shows its
# code rather than nothing).
ACTIONS: Final = (
    "import", "validate", "refused", "backup", "restore", "export", "plan_progress", "units_correct",
    "boundary_import", "boundary_validate", "boundary_activate", "boundary_deactivate",
    "login", "login_failed", "logout", "session_expired", "sessions_end",
    "user_add", "user_password", "user_role", "user_small_counts", "user_disable", "user_enable",
)
# What an action acted on, the first of these its detail holds: an account, a file, a plan item, a revision.
_OBJECT_KEYS: Final = ("user", "file", "item", "revision")
# Detail keys said in words (access.detail_<key>), in this order; other keys are left out of the sentence
# (hashes, ids, flags for machines: the machine formats of `python -m geo audit` keep them all).
DETAIL_KEYS: Final = (
    "role", "rows", "stored", "replaced", "errors", "periods", "period", "theme", "format", "districts",
    "sessions", "status", "value", "version", "kind", "reason", "right", "allowed", "sees_small_counts",
)
_LONG_LIST: Final = 4  # a list longer than this reads "first … last (n)"


def _said(value: object, lang: str) -> str:
    from geo.text.numbers import fmt_number

    if isinstance(value, bool):
        return t("access.detail_yes" if value else "access.detail_no", lang)
    if isinstance(value, (int, float)):
        return fmt_number(value, lang)
    if isinstance(value, list):
        items = [str(v) for v in value]
        if not items:
            return t("access.detail_none", lang)
        if len(items) > _LONG_LIST:
            return f"{items[0]} … {items[-1]} ({fmt_number(len(items), lang)})"
        return ", ".join(items)
    return str(value)


def _period_said(value: object, lang: str) -> object:
    from geo.periods import normalise_period, period_label

    code = normalise_period(value) if isinstance(value, str) else None
    return period_label(code, lang, short=True) if code and code == value else value


def describe(action: str, outcome: str, detail: str | dict | None, lang: str = "vi") -> dict[str, str]:
    """One line of the trail in words: what was done, on what (account, file, item), the outcome and the rest.

    A file is named without its folder (no path on a screen); a role in the catalog's words.
    """
    from pathlib import PurePath

    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except ValueError:
            detail = {"reason": detail}
    detail = detail if isinstance(detail, dict) else {}
    key = f"access.action_{action}"
    try:
        what = t(key, lang)
    except KeyError:
        what = action
    target = next((detail[k] for k in _OBJECT_KEYS if detail.get(k) not in (None, "")), "")
    if isinstance(target, str) and ("/" in target or "\\" in target):
        target = PurePath(target.replace("\\", "/")).name
    parts = []
    for k in DETAIL_KEYS:
        if k not in detail or detail[k] is None:
            continue
        value = detail[k]
        if k in ("period", "periods"):  # a period in words, as every screen says it ("Quý 3/2019")
            value = [_period_said(p, lang) for p in value] if isinstance(value, list) else _period_said(value, lang)
        elif k == "version" and isinstance(value, str):  # a unit list by its date, "01/12/2019"
            value = date_text(value)
        if k == "role" and isinstance(value, str):
            try:
                value = t(f"access.role_{value}", lang)
            except KeyError:
                pass
        parts.append(f"{t(f'access.detail_{k}', lang)}: {_said(value, lang)}")
    try:
        result = t(f"access.outcome_{outcome}", lang)
    except KeyError:
        result = outcome
    return {"what": what, "target": str(target), "outcome": result, "detail": "; ".join(parts)}


def readable(log: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The trail (:func:`read_log`) for people: time in Vietnam, who, what, on what, outcome, details in words.

    The column headers are in ``lang``; nothing is raw JSON.
    """
    rows = [describe(r.action, r.outcome, r.detail, lang) for r in log.itertuples()]
    words = pd.DataFrame(rows, columns=["what", "target", "outcome", "detail"])
    out = pd.DataFrame({
        t("access.col_at", lang): [clock.fmt(v, seconds=True) for v in log["at"]],
        t("access.col_username", lang): log["username"].astype(str).to_numpy(),
        t("access.col_what", lang): words["what"].to_numpy(),
        t("access.col_target", lang): words["target"].to_numpy(),
        t("access.col_outcome", lang): words["outcome"].to_numpy(),
        t("access.col_detail", lang): words["detail"].to_numpy(),
    })
    return out
