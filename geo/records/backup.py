"""Backups while the app runs, and restoring them: nothing lost.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database in one step under a
  read lock, so a backup taken while an import is being stored holds that import entirely or not at all;
  the copy is written next to the target and renamed into place, and checked with ``PRAGMA
  integrity_check``.
- PostgreSQL: ``pg_dump --format=custom`` (one repeatable-read snapshot) and ``pg_restore --clean
  --single-transaction``, from Debian's ``postgresql`` package (the newest ``/usr/lib/postgresql/*/bin``, or
  the ``PATH``).

Every backup and restore is written to the audit trail, under the account named or the operating-system login
(``os:<login>``, :func:`geo.access.audit.os_login`: the nightly backup names no account, and a restore onto an
empty or damaged database has none to name). A backup or restore that was done stands when its audit line
cannot be written; the result says so (``audit_error``). Pure logic, no Streamlit.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy.engine import make_url

from geo.access import audit

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SQLITE_MAGIC: Final = b"SQLite format 3\x00"
PG_MAGIC: Final = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup wrote."""

    path: Path
    kind: str  # sqlite | postgresql
    bytes: int
    sha256: str
    audit_error: str | None = None  # why the audit line is missing (the backup was written all the same)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(f"{name} is missing: install Debian's postgresql package (make postgres-deps)")
    return tool


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (``postgresql://…``) for pg_dump and pg_restore."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError(f"not a SQLite database file: {url}")
    return Path(database)


def backup(engine: Engine, out: str | Path, *, actor: str, lang: str = "vi") -> BackupInfo:
    """Write a consistent copy of the database behind ``engine`` to ``out`` (the app may keep running).

    ``actor`` is the account or ``os:<login>`` the audit line names.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(f"file:{_sqlite_path(url)}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)  # pages=-1: every page in one step, one consistent state
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{out}: the copy failed its integrity check")
        finally:
            target.close()
            source.close()
        kind = "sqlite"
    elif engine.dialect.name == "postgresql":
        done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                               f"--file={tmp}", f"--dbname={_libpq(url)}"], capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        kind = "postgresql"
    else:
        raise BackupError(f"no backup for {engine.dialect.name} databases")
    os.replace(tmp, out)
    info = BackupInfo(out, kind, out.stat().st_size, _sha256(out))
    try:
        audit.log(engine, actor, "backup", lang=lang,
                  detail={"file": str(out), "kind": kind, "bytes": info.bytes, "sha256": info.sha256})
    except audit.AuditError as exc:  # e.g. a read-only database: the copy is good, only its line is missing
        return replace(info, audit_error=str(exc))
    return info


def backup_kind(path: str | Path) -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes; BackupError for anything else."""
    with Path(path).open("rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path}: not a backup made by `python -m geo backup`")


def restore(url: str, source: str | Path, *, actor: str, lang: str = "vi") -> str | None:
    """Replace the database at ``url`` by the backup ``source`` (of the same kind of database).

    The audit line (``actor``: the account or ``os:<login>``) goes to the restored database. Returns None, or
    why that line could not be written (the restore stands).
    """
    from geo.records.store import get_engine

    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    kind = backup_kind(source)
    dialect = make_url(url).get_backend_name()
    if kind != dialect:
        raise BackupError(f"{source} is a {kind} backup; {url} is a {dialect} database")
    if kind == "sqlite":
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(path)
        try:
            src.backup(dst)  # into the live file under its write lock: readers see the old or the new state
        finally:
            dst.close()
            src.close()
    else:
        done = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                               "--single-transaction", f"--dbname={_libpq(url)}", str(source)],
                              capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    engine = get_engine(url, seed=False)
    try:
        audit.log(engine, actor, "restore", lang=lang,
                  detail={"file": str(source), "kind": kind, "sha256": _sha256(source)})
    except audit.AuditError as exc:
        return str(exc)
    finally:
        engine.dispose()
    return None
