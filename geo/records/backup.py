"""Backups while the app runs, and restoring them: nothing lost.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database in one step under a
  read lock, so a backup taken while an import is being stored holds that import entirely or not at all;
  the copy is written next to the target and renamed into place, and checked with ``PRAGMA
  integrity_check``.
- PostgreSQL: ``pg_dump --format=custom`` (one repeatable-read snapshot) and ``pg_restore --clean
  --single-transaction``, from Debian's ``postgresql`` package (the newest ``/usr/lib/postgresql/*/bin``, or
  the ``PATH``).

A restore cannot lose data: :func:`check_restore` first makes sure, before anything is touched, that the file is
a backup of this product (its format and ``schema_version``, or the product's tables in a backup from before
that table), of the same kind of database, and whole (``PRAGMA integrity_check``; ``pg_restore --list`` and its
data read back), and says what it holds against what the database holds. A database holding current records
whose import the backup lacks is replaced only when asked (``yes``); the database replaced is kept as a safety
copy (:func:`safety_copies`, :func:`undo_restore`). No partial file is left: a failed backup removes its
``.part``, a refused restore writes nothing.

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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.engine import make_url

from geo import clock
from geo.access import audit
from geo.contract import ROOT
from geo.database import PRODUCT, SCHEMA_VERSION
from geo.faults import fault_kind
from geo.text import t
from geo.text.numbers import fmt_number

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


def _pg_tool(name: str, lang: str = "vi") -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(t("records.backup_tool_missing", lang, tool=name))
    return tool


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (``postgresql://…``) for pg_dump and pg_restore."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url: str, lang: str = "vi") -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError(t("records.backup_not_a_file", lang))
    return Path(database)


def backup(engine: Engine, out: str | Path, *, actor: str, lang: str = "vi") -> BackupInfo:
    """Write a consistent copy of the database behind ``engine`` to ``out`` (the app may keep running).

    ``actor`` is the account or ``os:<login>`` the audit line names.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        kind = _write_copy(engine, tmp, out, lang)
        os.replace(tmp, out)
    except BaseException:  # a full disk, a killed pg_dump, Ctrl-C: no half copy is left behind
        tmp.unlink(missing_ok=True)
        raise
    info = BackupInfo(out, kind, out.stat().st_size, _sha256(out))
    try:
        audit.log(engine, actor, "backup", lang=lang,
                  detail={"file": str(out), "kind": kind, "bytes": info.bytes, "sha256": info.sha256})
    except audit.AuditError as exc:  # e.g. a read-only database: the copy is good, only its line is missing
        return replace(info, audit_error=str(exc))
    return info


def _write_copy(engine: Engine, tmp: Path, out: Path, lang: str = "vi") -> str:
    """Write the copy of the database to ``tmp``; its kind (``sqlite`` or ``postgresql``)."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(f"file:{_sqlite_path(url, lang)}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)  # pages=-1: every page in one step, one consistent state
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(t("records.backup_copy_damaged", lang, file=out.name))
        finally:
            target.close()
            source.close()
        return "sqlite"
    if engine.dialect.name == "postgresql":
        done = subprocess.run([_pg_tool("pg_dump", lang), "--format=custom", "--no-owner", "--no-privileges",
                               f"--file={tmp}", f"--dbname={_libpq(url)}"], capture_output=True, text=True)
        if done.returncode:
            raise BackupError(_pg_failed("pg_dump", done.stderr, lang))
        return "postgresql"
    raise BackupError(t("records.backup_unsupported", lang, dialect=engine.dialect.name))


def backup_kind(path: str | Path, lang: str = "vi") -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes; BackupError for anything else."""
    with Path(path).open("rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(t("records.backup_not_ours", lang, file=Path(path).name))


# The tables a backup of this product holds whatever its age (one from before ``schema_version``: these must be
# there for it to be accepted).
CORE_TABLES: Final = frozenset({"periods", "imports", "records", "users", "audit"})


class NeedsConfirmation(BackupError):
    """The database holds records that the backup does not: replacing it needs ``yes=True`` (``--yes``)."""

    def __init__(self, message: str, check: RestoreCheck) -> None:
        super().__init__(message)
        self.check = check


@dataclass(frozen=True)
class Holdings:
    """What a database or a backup holds, as a restore compares them."""

    periods: tuple[str, ...] = ()
    records: int = 0  # current records
    accounts: int = 0
    audit: int = 0
    # Each stored import (id, sha256, rows stored) and its current records: what a replacement would lose.
    imports: dict[tuple[str, str, str], int] = field(default_factory=dict)
    readable: bool = True

    def describe(self, lang: str) -> str:
        """``39 kỳ, 23.456 bản ghi, 3 tài khoản, 120 dòng nhật ký`` (or that it cannot be read)."""
        if not self.readable:
            return t("records.backup_unreadable", lang)
        return t("records.backup_holds", lang, periods=fmt_number(len(self.periods), lang),
                 records=fmt_number(self.records, lang), accounts=fmt_number(self.accounts, lang),
                 audit=fmt_number(self.audit, lang))


@dataclass(frozen=True)
class RestoreCheck:
    """A backup checked against the database it would replace, before anything is touched."""

    source: Path
    kind: str
    backup: Holdings
    target: Holdings
    lost: int  # current records of the database whose import the backup does not hold

    def lines(self, lang: str) -> list[str]:
        """What the backup holds and what the database holds, one line each, then what would be lost."""
        out = [t("records.backup_backup_holds", lang, what=self.backup.describe(lang)),
               t("records.backup_target_holds", lang, what=self.target.describe(lang))]
        if self.lost:
            out.append(t("records.backup_would_lose", lang, n=fmt_number(self.lost, lang)))
        return out


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    check: RestoreCheck
    safety: Path | None  # the replaced database, which ``restore --undo`` brings back
    audit_error: str | None = None


def _engine_of(url: str) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(url, future=True)


def _holdings_sql(engine: Engine) -> tuple[Holdings, set[str], int | None]:
    """What the database behind ``engine`` holds, its table names and its schema version (None: no table)."""
    from sqlalchemy import inspect
    from sqlalchemy import text as sql

    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        version = None
        if "schema_version" in tables:
            row = conn.execute(sql("SELECT version FROM schema_version WHERE product = :p"),
                               {"p": PRODUCT}).first()
            version = int(row[0]) if row else None
        if not CORE_TABLES <= tables:
            return Holdings(), tables, version

        def count(q: str) -> int:
            return int(conn.execute(sql(q)).scalar_one())

        periods = tuple(sorted(r[0] for r in conn.execute(sql("SELECT period FROM periods"))))
        per_import = dict(conn.execute(sql(
            "SELECT import_id, count(*) FROM records WHERE is_current GROUP BY import_id")).all())
        imports = {(str(i), str(sha), str(n)): int(per_import.get(i, 0)) for i, sha, n in conn.execute(
            sql("SELECT id, sha256, rows_stored FROM imports"))}
        return Holdings(periods, count("SELECT count(*) FROM records WHERE is_current"),
                        count("SELECT count(*) FROM users"), count("SELECT count(*) FROM audit"), imports), \
            tables, version


def _sqlite_backup_holdings(source: Path, lang: str) -> tuple[Holdings, set[str], int | None]:
    """A SQLite backup's holdings, after its own integrity check (a damaged file is refused)."""
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise BackupError(t("records.backup_damaged", lang, file=source.name))
    engine = _engine_of(f"sqlite:///file:{source}?mode=ro&uri=true")
    try:
        return _holdings_sql(engine)
    except Exception as exc:  # a file that reads as SQLite but not as this product's tables
        raise BackupError(t("records.backup_damaged", lang, file=source.name)) from exc
    finally:
        engine.dispose()


def _copy_blocks(dump: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """The ``COPY table (cols) FROM stdin;`` blocks of a plain SQL dump: table -> (columns, rows)."""
    out: dict[str, tuple[list[str], list[list[str]]]] = {}
    lines = iter(dump.splitlines())
    for line in lines:
        if not line.startswith("COPY "):
            continue
        name = line.split()[1].split(".")[-1].strip('"')
        columns = [c.strip().strip('"') for c in line[line.index("(") + 1:line.index(")")].split(",")]
        rows = []
        for row in lines:
            if row == "\\.":
                break
            rows.append(row.split("\t"))
        out[name] = (columns, rows)
    return out


def _pg_backup_holdings(source: Path, lang: str) -> tuple[Holdings, set[str], int | None]:
    """A pg_dump archive's holdings, read from the archive itself (its table of contents, then its data)."""
    listed = subprocess.run([_pg_tool("pg_restore", lang), "--list", str(source)], capture_output=True, text=True)
    if listed.returncode:
        raise BackupError(t("records.backup_damaged", lang, file=source.name))
    tables = {parts[-2] for line in listed.stdout.splitlines()
              if not line.startswith(";") and " TABLE " in line and " TABLE DATA " not in line
              and len(parts := line.split()) >= 2}
    wanted = sorted((CORE_TABLES | {"schema_version"}) & tables)
    data = subprocess.run([_pg_tool("pg_restore", lang), "--data-only", "--file=-",
                           *[f"--table={name}" for name in wanted], str(source)], capture_output=True, text=True)
    if data.returncode:
        raise BackupError(t("records.backup_damaged", lang, file=source.name))
    blocks = _copy_blocks(data.stdout)

    def rows(name: str) -> list[dict[str, str]]:
        columns, values = blocks.get(name, ([], []))
        return [dict(zip(columns, v, strict=False)) for v in values]

    version = next((int(r["version"]) for r in rows("schema_version") if r.get("product") == PRODUCT), None)
    if not CORE_TABLES <= tables:
        return Holdings(), tables, version
    current = [r for r in rows("records") if r.get("is_current") == "t"]
    per_import: dict[str, int] = {}
    for r in current:
        per_import[r["import_id"]] = per_import.get(r["import_id"], 0) + 1
    imports = {(r["id"], r["sha256"], r["rows_stored"]): per_import.get(r["id"], 0) for r in rows("imports")}
    return Holdings(tuple(sorted(r["period"] for r in rows("periods"))), len(current), len(rows("users")),
                    len(rows("audit")), imports), tables, version


def _target_holdings(url: str) -> Holdings:
    """What the database about to be replaced holds; ``readable=False`` when it cannot be read (damaged)."""
    if make_url(url).get_backend_name() == "sqlite":
        path = _sqlite_path(url)
        if not path.exists() or path.stat().st_size == 0:
            return Holdings()
    engine = _engine_of(url)
    try:
        return _holdings_sql(engine)[0]
    except sqlalchemy_exc.DatabaseError as exc:
        if (fault_kind(exc) or ("",))[0] not in ("corrupt", "database"):
            raise  # unreachable, read-only…: the caller says so in one line; nothing was touched
        return Holdings(readable=False)
    finally:
        engine.dispose()


def check_restore(url: str, source: str | Path, *, lang: str = "vi") -> RestoreCheck:
    """Check that ``source`` is a whole backup of this product for the database at ``url``; touch nothing.

    Refused (:class:`BackupError`, in the user's language): no such file, not a backup of this product (its
    format, or a schema version newer than this code's, or tables that are not the product's when it has no
    version), a backup of the other kind of database, a damaged file (SQLite's ``integrity_check``,
    pg_restore's reading of the archive).
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(t("records.backup_no_file", lang, file=source))
    try:
        kind = backup_kind(source, lang)
    except BackupError:
        raise BackupError(t("records.backup_not_ours", lang, file=source.name)) from None
    dialect = make_url(url).get_backend_name()
    if kind != dialect:
        raise BackupError(t("records.backup_other_kind", lang, file=source.name, kind=kind, dialect=dialect))
    held, tables, version = (_sqlite_backup_holdings if kind == "sqlite" else _pg_backup_holdings)(source, lang)
    if version is not None and version > SCHEMA_VERSION:
        raise BackupError(t("records.backup_newer", lang, file=source.name, version=version, ours=SCHEMA_VERSION))
    if not CORE_TABLES <= tables:
        raise BackupError(t("records.backup_not_ours", lang, file=source.name))
    target = _target_holdings(url)
    lost = sum(n for key, n in target.imports.items() if key not in held.imports)
    return RestoreCheck(source, kind, held, target, lost)


def safety_dir(url: str) -> Path:
    """Where the database replaced by a restore is kept: beside a SQLite file, else ``var/restore-safety/``."""
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_path(url).resolve().parent
    return ROOT / "var" / "restore-safety"


def _safety_pattern(url: str) -> tuple[str, str]:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return _sqlite_path(url).name, "sqlite"
    return f"{u.host or 'localhost'}-{u.port or 5432}-{u.database}", "backup"


def safety_copies(url: str) -> list[Path]:
    """The safety copies kept by restores of the database at ``url``, oldest first."""
    stem, ext = _safety_pattern(url)
    return sorted(safety_dir(url).glob(f"{stem}.before-restore-*.{ext}"))


def _keep_safety_copy(url: str) -> Path:
    """Copy the database at ``url`` aside before it is replaced (a damaged SQLite file byte for byte)."""
    stem, ext = _safety_pattern(url)
    folder = safety_dir(url)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{stem}.before-restore-*.{ext}.part"):  # left by a restore killed mid-copy
        stale.unlink(missing_ok=True)
    out = folder / f"{stem}.before-restore-{clock.now().strftime('%Y%m%d-%H%M%S-%f')}.{ext}"
    engine = _engine_of(url)
    try:
        tmp = out.with_name(out.name + ".part")
        try:
            try:
                _write_copy(engine, tmp, out)
            except (sqlite3.DatabaseError, BackupError):
                if engine.dialect.name != "sqlite":
                    raise
                shutil.copyfile(_sqlite_path(url), tmp)  # damaged: kept as it is, to be looked at or brought back
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        engine.dispose()
    return out


def restore(url: str, source: str | Path, *, actor: str, lang: str = "vi", yes: bool = False) -> Restored:
    """Replace the database at ``url`` by the backup ``source``, keeping the replaced one as a safety copy.

    :func:`check_restore` first (a damaged or foreign file is refused before anything is touched); a database
    holding current records that the backup lacks is replaced only with ``yes`` (else
    :class:`NeedsConfirmation`). The database as it was is copied aside (:func:`safety_copies`; ``restore
    --undo`` brings it back). The audit line (``actor``: the account or ``os:<login>``) goes to the restored
    database; if it cannot be written the restore stands and :attr:`Restored.audit_error` says so.
    """
    from geo.records.store import get_engine

    check = check_restore(url, source, lang=lang)
    if check.lost and not yes:
        raise NeedsConfirmation(t("records.backup_needs_yes", lang, n=fmt_number(check.lost, lang)), check)
    sqlite_path = _sqlite_path(url) if check.kind == "sqlite" else None
    existed = sqlite_path is None or (sqlite_path.exists() and sqlite_path.stat().st_size > 0)
    safety = _keep_safety_copy(url) if existed else None
    source = check.source
    if sqlite_path is not None:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        created = not sqlite_path.exists()
        try:
            if safety is not None and not check.target.readable:
                sqlite_path.unlink()  # a damaged file cannot take the copy page by page; it is kept as the safety copy
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            dst = sqlite3.connect(sqlite_path)
            try:
                src.backup(dst)  # into the live file under its write lock: readers see the old or the new state
            finally:
                dst.close()
                src.close()
        except BaseException:
            if created:
                sqlite_path.unlink(missing_ok=True)
            raise
    else:
        done = subprocess.run([_pg_tool("pg_restore", lang), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                               "--single-transaction", f"--dbname={_libpq(url)}", str(source)],
                              capture_output=True, text=True)
        if done.returncode:
            raise BackupError(_pg_failed("pg_restore", done.stderr, lang))
    engine = get_engine(url, seed=False)
    try:
        audit.log(engine, actor, "restore", lang=lang,
                  detail={"file": str(source), "kind": check.kind, "sha256": _sha256(source),
                          "records": check.backup.records, "replaced_records": check.target.records,
                          "lost_records": check.lost, "safety_copy": str(safety) if safety else None})
    except audit.AuditError as exc:
        return Restored(check, safety, str(exc))
    finally:
        engine.dispose()
    return Restored(check, safety)


def undo_restore(url: str, *, actor: str, lang: str = "vi") -> Restored:
    """Bring back the database as it was before the latest restore (its newest safety copy).

    The state replaced is itself kept as a safety copy, so an undo can be undone.
    """
    kept = safety_copies(url)
    if not kept:
        raise BackupError(t("records.backup_no_safety", lang, folder=safety_dir(url)))
    return restore(url, kept[-1], actor=actor, lang=lang, yes=True)


def _pg_failed(tool: str, stderr: str, lang: str = "vi") -> str:
    """A pg_dump/pg_restore failure in one line: the tool's last message, never the connection string."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    detail = lines[-1] if lines else ""
    return t("records.backup_tool_failed", lang, tool=tool, detail=detail[:300])
