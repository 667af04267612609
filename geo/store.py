"""The embedded store: periods, status records and the log of imports, through SQLAlchemy.

SQLite file by default (``var/thanhhoa.sqlite``, created on first use), PostgreSQL by URL
(``postgresql+psycopg://…``). Nothing is ever deleted: a replaced record is kept with ``is_current`` false
and the id of the import that replaced it, so every earlier figure can be reconstructed.

One ``(commune_code, period)`` has at most one current record. A partial unique index enforces it in the
database itself, so two editors importing the same period at the same moment cannot both win: the second
transaction fails and is told why (:class:`ImportConflict`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from geo.boundaries import read_communes
from geo.contract import (
    BOOL_FIELDS,
    COUNT_FIELDS,
    ILLUSTRATIVE_PATH,
    KEY,
    RECORD_FIELDS,
    TEXT_FIELDS,
    default_db_url,
    with_record_dtypes,
)
from geo.i18n import translate
from geo.periods import period_parts, period_sort_key
from geo.validation import ValidationReport, validate_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


metadata = MetaData()

periods_table = Table(
    "periods",
    metadata,
    Column("period", String(7), primary_key=True),  # "2019" or "2019-Q1"
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=True),  # None for a whole year
)

imports_table = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("rows_read", Integer, nullable=False),
    Column("rows_stored", Integer, nullable=False),
    Column("rows_replaced", Integer, nullable=False, default=0),
    Column("periods", Text, nullable=False, default=""),  # every period of the file: 39 for the seeded records
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("username", String(100), nullable=False),
    Column("outcome", String(20), nullable=False),  # stored | rejected | conflict
    Column("illustrative", Boolean, nullable=False, default=False),
    Column("message", Text, nullable=True),
)

records_table = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column(KEY, String(5), nullable=False),
    Column("period", String(7), ForeignKey("periods.period"), nullable=False),
    *[Column(name, Boolean, nullable=True) for name in BOOL_FIELDS],
    *[Column(name, Integer, nullable=True) for name in COUNT_FIELDS],
    *[Column(name, Text, nullable=True) for name in TEXT_FIELDS],
    Column("is_current", Boolean, nullable=False, default=True),
    Column("replaced_by", Integer, ForeignKey("imports.id"), nullable=True),
    # The unit version the record's code belongs to (a code means nothing without its version): the rule's
    # version of the period (geo.units.version_for_period) unless the import chose another one in force
    # during the period (--units-version). NULL in databases from before the column: the rule's version.
    Column("unit_version", String(10), nullable=True),
)
Index(
    "one_current_record",
    records_table.c[KEY],
    records_table.c.period,
    unique=True,
    sqlite_where=records_table.c.is_current,
    postgresql_where=records_table.c.is_current,
)
Index("records_by_period", records_table.c.period, records_table.c.is_current)

users_table = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),  # argon2id, salted (geo/auth.py)
    Column("role", String(20), nullable=False),  # viewer | planner | editor | admin
    Column("sees_small_counts", Boolean, nullable=False, default=False),
    Column("must_change_password", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("last_failed_at", DateTime(timezone=True), nullable=True),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_table = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(100), nullable=False),
    Column("action", String(40), nullable=False),  # login, login_failed, logout, import, export, user_*
    Column("outcome", String(20), nullable=False),  # ok | refused | error
    Column("detail", Text, nullable=True),  # JSON: file, sha256, rows, filter, format, target user…
)

# Signed-in sessions (geo/sessions.py): the browser holds a random token in an HttpOnly cookie, the database
# only its SHA-256, so a copy of the database does not let anyone in. Shared by every app process.
sessions_table = Table(
    "sessions",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("username", String(100), nullable=False, index=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("end_reason", String(20), nullable=True),  # logout | expired | revoked | disabled
)

# Province-level progress on the plan items that have no commune figures (T6, T9, T10): one row per entry,
# never updated or deleted, so the table is its own history (geo/plan_items.py reads and writes it).
plan_progress_table = Table(
    "plan_progress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(20), nullable=False),  # the plan item's key in data/plans/YYYY.toml
    Column("status", String(20), nullable=False),  # not_started | in_progress | done
    Column("value", Float, nullable=True),  # the item's number (T9: models built), where it has one
    Column("note", Text, nullable=True),
    Column("as_of", Date, nullable=False),  # the date the entry describes
    Column("username", String(100), nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)
Index("plan_progress_by_item", plan_progress_table.c.item_id, plan_progress_table.c.as_of)

_MESSAGES = {
    "conflict": {
        "vi": "Kỳ {periods} đã có số liệu của {n} xã (ví dụ {examples}). Dùng --replace (hoặc chọn "
        "'Thay thế') để thay thế; số liệu cũ vẫn được lưu trong lịch sử.",
        "en": "Period {periods} already has records for {n} communes (e.g. {examples}). Use --replace (or "
        "choose 'Replace') to replace them; the old records stay in the history.",
    },
    "race": {
        "vi": "Một lần nhập khác vừa lưu số liệu cho cùng kỳ {periods} trong lúc tệp này đang được nhập. "
        "Không có gì được lưu từ tệp này; hãy xem lại số liệu hiện có rồi nhập lại nếu cần.",
        "en": "Another import stored records for the same period {periods} while this file was being "
        "imported. Nothing from this file was stored; review the current data and import again if needed.",
    },
    "rejected": {
        "vi": "Tệp bị từ chối: {n} lỗi. Không có gì được lưu.",
        "en": "File rejected: {n} errors. Nothing was stored.",
    },
}


class ImportConflict(RuntimeError):
    """Raised when an import would overwrite current records and no replace was asked for."""


@dataclass(frozen=True)
class ImportResult:
    """What one stored import did."""

    import_id: int
    rows_stored: int
    rows_replaced: int
    periods: tuple[str, ...]


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _postgresql_session_in_utc(dbapi_connection: object, _record: object) -> None:
    """Read ``timestamptz`` values back in UTC, as written, whatever the server's ``timezone`` setting.

    psycopg hands them back in the session's time zone, which is the server's (often local time); the
    app formats them as UTC (e.g. the lock-out time in :mod:`geo.auth`).
    """
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside any transaction
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.autocommit = autocommit


def get_engine(url: str | None = None, *, seed: bool | None = None) -> Engine:
    """Open (and create) the database at ``url``.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL. None means the app's default database (:func:`geo.contract.default_db_url`).
    seed : bool, optional
        Load the bundled illustrative records when the database has no import yet. Defaults to True for
        the default database (unless ``GEO_SEED_ILLUSTRATIVE=0``, for a deployment on real data only) and
        False for an explicit URL, so a database named by the user starts empty.
    """
    is_default = url is None and os.environ.get("GEO_SEED_ILLUSTRATIVE", "1") != "0"
    url = url or default_db_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_session_in_utc)
    with _startup_lock(engine):
        metadata.create_all(engine)
        _add_missing_columns(engine)
        if seed if seed is not None else is_default:
            seed_illustrative(engine)
    return engine


_STARTUP_LOCK = 0x67656F5F73746F72  # any constant: the advisory lock's key


def _add_missing_columns(engine: Engine) -> None:
    """Add the columns that later code added to an existing table (``create_all`` creates missing tables only).

    ``records.unit_version`` (nullable, so old rows read as the rule's version); on PostgreSQL, ``imports.periods``
    widened to TEXT.
    """
    from sqlalchemy import inspect, text

    have = {c["name"] for c in inspect(engine).get_columns("records")}
    if "unit_version" not in have:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE records ADD COLUMN unit_version VARCHAR(10)"))
    # imports.periods was VARCHAR(255): the seeded file's 39 periods (2018 to 2026-Q3) do not fit on PostgreSQL
    # (SQLite does not enforce the length).
    if engine.dialect.name == "postgresql":
        kind = {c["name"]: c["type"] for c in inspect(engine).get_columns("imports")}.get("periods")
        if kind is not None and getattr(kind, "length", None) is not None:
            with engine.begin() as conn:
                conn.execute(text("ALTER TABLE imports ALTER COLUMN periods TYPE TEXT"))


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one process at a time creates the tables and seeds the database.

    Several app processes may start together against one empty database: without the lock, their
    ``CREATE TABLE`` statements collide (duplicate ``pg_type`` rows) and both may try to seed. SQLite
    serialises writers on its own.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(select(func.pg_advisory_lock(_STARTUP_LOCK)))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(select(func.pg_advisory_unlock(_STARTUP_LOCK)))
            conn.commit()


def seed_illustrative(engine: Engine) -> ImportResult | None:
    """Import the bundled illustrative records if the database has never had an import."""
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(imports_table)).scalar_one():
            return None
    if not ILLUSTRATIVE_PATH.exists():
        return None
    return import_illustrative(engine)


def import_illustrative(engine: Engine, path: str | Path = ILLUSTRATIVE_PATH) -> ImportResult:
    """Import the bundled CSV through the same validator as any district file, flagged illustrative."""
    from geo.units import UnitLists, versioned

    # Each row against the unit list of its own period (2020 on the 559 units, 2025-Q3 on the 166), as the
    # Data page and `python -m geo import` check a district's file.
    lists = UnitLists() if versioned() else pd.DataFrame(read_communes().drop(columns="geometry"))
    report = validate_file(path, lists)
    if not report.ok:  # a broken bundle is a bug in the generator, not user input
        raise RuntimeError(f"{path}: bundled illustrative data does not validate: {report.errors[:3]}")
    return import_records(
        engine, report.records, file_name=Path(path).name, sha256=report.sha256, rows_read=report.rows,
        user="system", illustrative=True,
    )


def _ensure_periods(conn: Connection, periods: list[str]) -> None:
    known = set(conn.execute(select(periods_table.c.period)).scalars())
    for p in periods:
        if p not in known:
            year, quarter = period_parts(p)
            conn.execute(insert(periods_table).values(period=p, year=year, quarter=quarter))


def _db_value(value: object) -> object:
    """Pandas NA/NaN -> None; numpy scalars -> Python scalars."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def import_records(
    engine: Engine,
    records: pd.DataFrame,
    *,
    file_name: str,
    sha256: str,
    rows_read: int,
    replace: bool = False,
    user: str = "cli",
    illustrative: bool = False,
    lang: str = "vi",
    unit_version: str | None = None,
) -> ImportResult:
    """Store validated ``records`` in one transaction.

    ``unit_version`` is the unit version the codes belong to when the import chose one (``--units-version``,
    validated against each period by the validator); None: each period's version by the rule. Every row stores
    its version. A current record of the same period is replaced (``replace``) or clashes when it has the same
    code, or, on another version, when its unit and a unit of the file overlap (through the links).

    Raises
    ------
    ImportConflict
        When some ``(commune_code, period)`` already has a current record and ``replace`` is False, or when
        a concurrent import stored the same period first. Nothing is stored then; the attempt is logged.
    """
    from geo.units import layer_version

    periods = sorted(records["period"].unique().tolist(), key=period_sort_key)
    version_of = {p: unit_version or layer_version(p) for p in periods}
    rows = [{**{f: _db_value(r[f]) for f in RECORD_FIELDS}, "unit_version": version_of[r["period"]]}
            for r in records.to_dict("records")]
    # Always write in the same order: two concurrent imports of overlapping communes then wait for each
    # other on the first shared key instead of deadlocking (PostgreSQL locks index entries as it goes).
    rows.sort(key=lambda r: (period_sort_key(r["period"]), r[KEY]))
    now = dt.datetime.now(dt.UTC)
    try:
        with engine.begin() as conn:
            existing = conn.execute(
                select(records_table.c.id, records_table.c[KEY], records_table.c.period,
                       records_table.c.unit_version).where(
                    records_table.c.is_current, records_table.c.period.in_(periods)
                )
            ).all()
            clashing = _clashing(existing, rows)
            if clashing and not replace:
                examples = ", ".join(sorted({c[1] for c in clashing})[:5])
                raise ImportConflict(
                    translate(
                        _MESSAGES, "conflict", lang, periods=", ".join(periods), n=len(clashing), examples=examples
                    )
                )
            _ensure_periods(conn, periods)
            import_id = conn.execute(
                insert(imports_table).values(
                    file_name=file_name,
                    sha256=sha256,
                    rows_read=rows_read,
                    rows_stored=len(rows),
                    rows_replaced=len(clashing),
                    periods=",".join(periods),
                    created_at=now,
                    username=user,
                    outcome="stored",
                    illustrative=illustrative,
                )
            ).inserted_primary_key[0]
            if clashing:
                conn.execute(
                    update(records_table)
                    .where(records_table.c.id.in_([c[0] for c in clashing]))
                    .values(is_current=False, replaced_by=import_id)
                )
            if rows:
                conn.execute(insert(records_table), [{**r, "import_id": import_id, "is_current": True} for r in rows])
    except (IntegrityError, OperationalError) as exc:
        # The partial unique index caught a concurrent import of the same (commune, period); on SQLite the
        # loser may instead find the file locked by the winner's write transaction, and on PostgreSQL it
        # may be chosen as a deadlock or serialization victim (SQLSTATE 40P01 / 40001).
        if isinstance(exc, OperationalError) and "locked" not in str(exc) and (
            getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001")
        ):
            raise
        message = translate(_MESSAGES, "race", lang, periods=", ".join(periods))
        log_attempt(engine, file_name=file_name, sha256=sha256, rows_read=rows_read, user=user,
                    outcome="conflict", message=message, periods=periods)
        raise ImportConflict(message) from exc
    except ImportConflict as exc:
        log_attempt(engine, file_name=file_name, sha256=sha256, rows_read=rows_read, user=user,
                    outcome="conflict", message=str(exc), periods=periods)
        raise
    return ImportResult(int(import_id), len(rows), len(clashing), tuple(periods))


def _clashing(existing: list, rows: list[dict]) -> list:
    """The current records (id, code, period, unit_version) that ``rows`` replace.

    Those with the same code and period, and, on another unit version of the same period, those whose unit
    overlaps one of the file's through the links (a record of the 635 units of 2019 that a file on the 559
    units of December 2019 covers).
    """
    from geo.units import UNITS_DIR, _successor_table, latest, layer_version

    wanted = {(r[KEY], r["period"]) for r in rows}
    new_by = {}
    for r in rows:
        new_by.setdefault((r["period"], r["unit_version"]), set()).add(r[KEY])
    out = []
    for row in existing:
        _, code, period, old_version = row
        old_version = old_version or layer_version(period)
        if (code, period) in wanted:
            out.append(row)
            continue
        for (p, new_version), codes in new_by.items():
            if p != period or new_version == old_version:
                continue
            on = latest([old_version, new_version])

            def reach(version: str, cs: set[str], on: str = on) -> set[str]:
                if version == on:
                    return cs
                table = _successor_table(version, on, str(UNITS_DIR))
                return set(table.loc[table["origin"].isin(cs), KEY])

            if reach(old_version, {code}) & reach(new_version, codes):
                out.append(row)
                break
    return out


def log_attempt(
    engine: Engine,
    *,
    file_name: str,
    sha256: str,
    rows_read: int,
    user: str,
    outcome: str,
    message: str,
    periods: list[str] | tuple[str, ...] = (),
) -> int:
    """Record an import that stored nothing (rejected file or conflict), in its own transaction."""
    with engine.begin() as conn:
        return int(
            conn.execute(
                insert(imports_table).values(
                    file_name=file_name,
                    sha256=sha256,
                    rows_read=rows_read,
                    rows_stored=0,
                    rows_replaced=0,
                    periods=",".join(periods),
                    created_at=dt.datetime.now(dt.UTC),
                    username=user,
                    outcome=outcome,
                    illustrative=False,
                    message=message,
                )
            ).inserted_primary_key[0]
        )


def import_report(
    engine: Engine, report: ValidationReport, *, replace: bool = False, user: str = "cli", lang: str = "vi"
) -> ImportResult:
    """Store a validated file; a report with errors is logged as rejected and raises ValueError."""
    if not report.ok:
        message = translate(_MESSAGES, "rejected", lang, n=len(report.errors))
        log_attempt(engine, file_name=report.file, sha256=report.sha256, rows_read=report.rows, user=user,
                    outcome="rejected", message=message)
        raise ValueError(message)
    return import_records(
        engine,
        report.records,
        file_name=report.file,
        sha256=report.sha256,
        rows_read=report.rows,
        replace=replace,
        user=user,
        lang=lang,
        unit_version=report.unit_version,
    )


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """Rows from the database as a frame with the record dtypes (NA = no data)."""
    return with_record_dtypes(pd.DataFrame(rows, columns=columns))


def list_periods(engine: Engine) -> list[str]:
    """Periods that have current records, in time order."""
    with engine.connect() as conn:
        found = conn.execute(
            select(records_table.c.period).where(records_table.c.is_current).distinct()
        ).scalars()
        return sorted(found, key=period_sort_key)


def period_versions(engine: Engine) -> dict[str, str]:
    """The unit version each stored period is shown on (:func:`period_version`), in one query."""
    from geo.units import latest, layer_version, versioned

    with engine.connect() as conn:
        found = conn.execute(
            select(records_table.c.period, records_table.c.unit_version).where(records_table.c.is_current)
            .distinct()
        ).all()
    stored: dict[str, set[str]] = {}
    for period, version in found:
        stored.setdefault(period, set()).add(version or layer_version(period))
    if not versioned():
        return {p: layer_version(p) for p in stored}
    return {p: latest(vs) for p, vs in stored.items()}


def period_version(engine: Engine, period: str | None) -> str:
    """The unit version ``period`` is shown on: the latest version its current records are on.

    That is the rule's version (:func:`geo.units.version_for_period`, the one in force on the period's first
    day) unless an import chose a version in force later in the period (``--units-version``): then the
    period is shown on that later version and its other records are re-expressed onto it (:func:`load_records`).
    """
    from geo.units import layer_version

    if period is None:
        return layer_version(None)
    return period_versions(engine).get(period) or layer_version(period)


def load_records(engine: Engine, period: str, *, as_stored: bool = False) -> pd.DataFrame:
    """The current records of ``period`` on its unit version, one row per unit (columns RECORD_FIELDS).

    Records stored on an earlier version than the period's (:func:`period_version`) are re-expressed onto
    it through the links (:func:`geo.units.on_version`); ``attrs["unit_version"]`` names the version and
    ``attrs["reexpressed"]`` the versions moved. ``as_stored``: the rows as stored, with ``unit_version``.
    """
    from geo.units import latest, layer_version, on_version, versioned

    cols = [records_table.c[f] for f in RECORD_FIELDS]
    with engine.connect() as conn:
        rows = conn.execute(
            select(*cols, records_table.c.unit_version).where(records_table.c.is_current,
                                                               records_table.c.period == period)
            .order_by(records_table.c[KEY])
        ).all()
    rule = layer_version(period)
    versions = pd.Series([r[-1] or rule for r in rows], dtype=object)
    frame = _frame([r[:-1] for r in rows], list(RECORD_FIELDS))
    if as_stored:
        return frame.assign(unit_version=versions.to_numpy())
    target = latest(set(versions)) if len(versions) and versioned() else rule
    frame, moved = on_version(frame, versions, target) if versioned() else (frame, [])
    frame.attrs.update(unit_version=target, reexpressed=moved)
    return frame


def commune_history(engine: Engine, commune_code: str, *, include_replaced: bool = False) -> pd.DataFrame:
    """Every period's record of one commune in time order, with the import it came from.

    With ``include_replaced`` the superseded versions are listed too (column ``is_current`` false).
    """
    cols = [records_table.c[f] for f in RECORD_FIELDS]
    extra = [records_table.c.is_current, imports_table.c.file_name, imports_table.c.created_at,
             imports_table.c.illustrative]
    query = (
        select(*cols, *extra)
        .join(imports_table, imports_table.c.id == records_table.c.import_id)
        .where(records_table.c[KEY] == commune_code)
    )
    if not include_replaced:
        query = query.where(records_table.c.is_current)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(records_table.c.id)).all()
    df = _frame(rows, [*RECORD_FIELDS, "is_current", "file_name", "imported_at", "illustrative"])
    order = sorted(range(len(df)), key=lambda i: (period_sort_key(df["period"].iloc[i]), i))
    return df.iloc[order].reset_index(drop=True)


def is_illustrative(engine: Engine, period: str) -> bool:
    """True when any current record of ``period`` comes from the bundled illustrative data."""
    with engine.connect() as conn:
        hit = conn.execute(
            select(records_table.c.id)
            .join(imports_table, imports_table.c.id == records_table.c.import_id)
            .where(records_table.c.is_current, records_table.c.period == period, imports_table.c.illustrative)
            .limit(1)
        ).first()
    return hit is not None


def list_imports(engine: Engine) -> pd.DataFrame:
    """The import log, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(imports_table).order_by(imports_table.c.id.desc())).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in imports_table.columns])


def count_records(engine: Engine, *, current_only: bool = False) -> int:
    """How many records the store holds (all versions, or only the current ones)."""
    query = select(func.count()).select_from(records_table)
    if current_only:
        query = query.where(records_table.c.is_current)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
