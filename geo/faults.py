"""Operational faults in the user's words: one line for a database or disk that fails, never a traceback.

:func:`fault_message` reads an exception raised while the database or a file was used and says what happened
and what to do, in the user's language, with no SQL, no parameters and no secret (the PostgreSQL server is
named by host and port, never its password): the database cannot be reached, is read-only, is damaged
(restore a backup), the disk is full (nothing stored; where space is needed). None for anything else, which
the caller treats as an unexpected error. The command line (:mod:`geo.cli.main`) prints the line and exits 1
(``--debug`` or ``GEO_DEBUG=1`` shows the traceback); a page shows the same words
(``dashboard.components.page.unexpected_error``) and logs the detail on the server.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path
from typing import Final

from geo.text import t

DEBUG_ENV: Final = "GEO_DEBUG"


def debug() -> bool:
    """``GEO_DEBUG=1``: a developer sees a fault's traceback (the command line, the pages, the server's start)."""
    return os.environ.get(DEBUG_ENV) == "1"

# What the drivers say (their texts, and PostgreSQL's SQLSTATE classes), by the fault they mean.
_SQLITE_READONLY: Final = ("readonly database", "attempt to write a readonly")
_SQLITE_CORRUPT: Final = ("database disk image is malformed", "file is not a database", "file is encrypted")
_SQLITE_FULL: Final = ("database or disk is full", "disk i/o error")
_SQLITE_CANNOT_OPEN: Final = ("unable to open database file",)
_PG_UNREACHABLE: Final = ("connection failed", "could not connect", "connection refused", "connection is bad",
                           "server closed the connection")
_PG_HOST_RE: Final = re.compile(r'server at "([^"]+)"(?: \([^)]*\))?, port (\d+)|server on socket "([^"]+)"')


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (SQLAlchemy's ``orig``) and its causes, once each."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return seen


def _where(url: str | None) -> tuple[str, str]:
    """``("sqlite", folder of the file)`` or ``("postgresql", "host:port/database")`` of a URL, without secrets."""
    if not url:
        return "", ""
    try:
        from sqlalchemy.engine import make_url

        u = make_url(url)
    except Exception:  # a URL that does not parse names nothing
        return "", ""
    if u.get_backend_name() == "sqlite":
        return "sqlite", str(Path(u.database or "").resolve()) if u.database else ""
    host = u.host or "localhost"
    return "postgresql", f"{host}:{u.port or 5432}/{u.database or ''}"


def _sqlstate(e: BaseException) -> str:
    return str(getattr(e, "sqlstate", None) or getattr(e, "pgcode", None) or "")


def fault_kind(exc: BaseException) -> tuple[str, str] | None:
    """``(kind, where)`` of an operational fault, or None.

    Kinds: ``unreachable``, ``refused_login``, ``no_database``, ``read_only``, ``cannot_open``, ``corrupt``,
    ``disk_full``, ``cannot_write``, ``database``; ``where`` is what the driver names (a server, a file), or "".
    """
    for e in _chain(exc):
        if type(e).__module__.startswith("geo."):  # the product's own message (an AuditError): the cause says it
            continue
        text = str(e).lower()
        state = _sqlstate(e)
        if isinstance(e, OSError) and e.errno == errno.ENOSPC:
            return "disk_full", str(Path(e.filename).resolve().parent) if getattr(e, "filename", None) else ""
        if isinstance(e, OSError) and e.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and e.filename:
            return "cannot_write", str(e.filename)
        if state.startswith("08") or any(s in text for s in _PG_UNREACHABLE):
            found = _PG_HOST_RE.search(str(e))
            return "unreachable", (f"{found.group(1)}:{found.group(2)}" if found and found.group(1) else
                                   found.group(3) if found else "")
        if state == "53100" or any(s in text for s in _SQLITE_FULL) or "no space left" in text:
            return "disk_full", ""
        if state == "25006" or any(s in text for s in _SQLITE_READONLY):
            return "read_only", ""
        if state.startswith("XX") or any(s in text for s in _SQLITE_CORRUPT):
            return "corrupt", ""
        if any(s in text for s in _SQLITE_CANNOT_OPEN):
            return "cannot_open", ""
        if state == "28P01" or "password authentication failed" in text:
            return "refused_login", ""
        if state == "3D000" or ("database" in text and "does not exist" in text):
            return "no_database", ""
        if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.IntegrityError):
            return "database", ""
    return None


_MESSAGES: Final = {
    "unreachable": "faults.unreachable", "refused_login": "faults.refused_login", "no_database": "faults.no_database",
    "read_only": "faults.read_only", "cannot_open": "faults.cannot_open", "corrupt": "faults.corrupt",
    "disk_full": "faults.disk_full", "cannot_write": "faults.cannot_write", "database": "faults.database",
}


def fault_message(exc: BaseException, lang: str = "vi", *, url: str | None = None, place: bool = True) -> str | None:
    """One line saying which operational fault ``exc`` is and what to do; None when it is none of them.

    With ``place`` (the command line) the line starts with where it happened: the server by host and port
    (never the password), the database file, the folder that needs space. ``url`` is the database in use.
    A page passes ``place=False``: no server name or path on a screen.
    """
    found = fault_kind(exc)
    if found is None:
        return None
    kind, where = found
    text = t(_MESSAGES[kind], lang)
    if not place:
        return text
    db_kind, db_where = _where(url)
    if not where:
        if kind in ("unreachable", "refused_login"):
            where = db_where.split("/")[0]
        elif kind == "disk_full":
            where = str(Path(db_where).parent) if db_kind == "sqlite" and db_where else t("faults.server", lang)
        else:
            where = db_where
    return f"{where}: {text}" if where else text


def unexpected_message(lang: str = "vi") -> str:
    """The line for a fault :func:`fault_message` does not know (the traceback goes to ``--debug`` or the log)."""
    return t("faults.unexpected", lang)
