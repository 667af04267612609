"""The database: every table of the product in one schema, and how a connection to it is opened.

SQLite file by default (``var/thanhhoa.sqlite``, created on first use), PostgreSQL by URL
(``postgresql+psycopg://…``). One schema, one place: the records and imports (:mod:`geo.records.store`), the
accounts, sessions and audit trail (:mod:`geo.access`), the plans (:mod:`geo.records.plans`), the plan items'
progress (:mod:`geo.figures.plan_items`)
and the boundary revisions (:mod:`geo.boundaries.revisions`) all live in :data:`metadata`, so that a backup,
a restore and a schema check see the whole database.

Imports: geo.contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, KEY, TEXT_FIELDS, default_db_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


metadata = MetaData()

# The version of this schema, stored in the database (``schema_version``) and so in every backup: a restore
# accepts a backup of this product whose version is not newer than the code's (one from before the table:
# when its tables are the product's). Raise it when a change needs more than ``_add_missing_columns``.
PRODUCT: Final = "geo-thanhhoa"
SCHEMA_VERSION: Final = 1

schema_table = Table(
    "schema_version",
    metadata,
    Column("product", String(40), primary_key=True),
    Column("version", Integer, nullable=False),
)

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
    # version of the period (geo.units.versions.version_for_period) unless the import chose another one in force
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
    Column("password_hash", String(255), nullable=False),  # argon2id, salted (geo/access/accounts.py)
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

# Signed-in sessions (geo/access/sessions.py): the browser holds a random token in an HttpOnly cookie, the database
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
# never updated or deleted, so the table is its own history (geo/figures/plan_items.py reads and writes it).
plan_progress_table = Table(
    "plan_progress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(20), nullable=False),  # the plan item's key ("T6"), as in the plan's targets
    Column("status", String(20), nullable=False),  # not_started | in_progress | done
    Column("value", Float, nullable=True),  # the item's number (T9: models built), where it has one
    Column("note", Text, nullable=True),
    Column("as_of", Date, nullable=False),  # the date the entry describes
    Column("username", String(100), nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)
Index("plan_progress_by_item", plan_progress_table.c.item_id, plan_progress_table.c.as_of)

# The plans (geo/records/plans.py): one row per version of a year's plan, never updated or deleted. A newer
# version of the same year and unit list supersedes the older (the latest id wins), so the table is its own
# history. ``document`` holds the plan as entered (JSON: the [plan] fields and the targets, the shape of
# data/plans/2019.toml); the columns beside it are what the plan is looked up and listed by.
plans_table = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("unit_version", String(10), nullable=False),  # the unit list in force on the signing date
    Column("unit_list", String(20), nullable=False),  # "559/27": units / districts of that list (one plan per list)
    Column("number", String(100), nullable=False),  # number and symbol, "19/KH-UBND"
    Column("signed", Date, nullable=False),
    Column("issuer", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("illustrative", Boolean, nullable=False, default=False),
    Column("source", String(255), nullable=False),  # a file's name, or "form" (the plan page)
    Column("sha256", String(64), nullable=False),  # of the document as stored
    Column("username", String(100), nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)
Index("plans_by_year", plans_table.c.year, plans_table.c.unit_list, plans_table.c.id)

# Boundary revisions (geo/boundaries/revisions.py): a land office's lines, stored beside the bundled ones.
revisions_table = Table(
    "boundary_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version", String(10), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),  # of the file as uploaded
    Column("content_sha256", String(64), nullable=False),  # of the stored geometry: the key of every cache
    Column("units", Integer, nullable=False),
    Column("crs", Text, nullable=True),
    Column("transformation", Text, nullable=True),
    Column("source", Text, nullable=False),  # who drew the lines ("Sở TN&MT Thanh Hóa")
    Column("source_date", String(10), nullable=False),  # when they were drawn or issued, YYYY-MM-DD
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("username", String(100), nullable=False),
    Column("warnings", Text, nullable=True),  # the report's warnings, JSON
    Column("active", Boolean, nullable=False, default=False),
    Column("activated_at", DateTime(timezone=True), nullable=True),
    Column("activated_by", String(100), nullable=True),
)

revision_units_table = Table(
    "boundary_revision_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("boundary_revisions.id"), nullable=False, index=True),
    Column(KEY, String(5), nullable=False),
    Column("name_in_file", Text, nullable=True),
    Column("geometry", LargeBinary, nullable=False),  # WKB, EPSG:4326
    Column("area_km2", Float, nullable=False),  # in EPSG:3405, as the bundled layer
)


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _postgresql_session_in_utc(dbapi_connection: object, _record: object) -> None:
    """Read ``timestamptz`` values back in UTC, as written, whatever the server's ``timezone`` setting.

    psycopg hands them back in the session's time zone, which is the server's (often local time); the
    app formats them as UTC (e.g. the lock-out time in :mod:`geo.access.accounts`).
    """
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside any transaction
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.autocommit = autocommit


def connect(url: str | None = None, *, prepare: Callable[[Engine], object] | None = None) -> Engine:
    """Open (and create or bring up to date) the database at ``url``.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL. None means the app's default database (:func:`geo.contract.default_db_url`).
    prepare : callable, optional
        Run once the tables exist, under the start-up lock (:func:`geo.records.store.get_engine` seeds the
        illustrative records there, so that two processes starting together do not both seed).
    """
    url = url or default_db_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_session_in_utc)
    with _startup_lock(engine):
        try:
            metadata.create_all(engine)
            _add_missing_columns(engine)
            _stamp_schema(engine)
        except DBAPIError as exc:  # a read-only database from before a table was added: read it as it is
            if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
                raise
        if prepare is not None:
            prepare(engine)
    return engine


def _stamp_schema(engine: Engine) -> None:
    """Record :data:`SCHEMA_VERSION` in a database that has none (a new one, or one from before the table)."""
    with engine.connect() as conn:
        if conn.execute(select(schema_table.c.version).where(schema_table.c.product == PRODUCT)).first():
            return
    try:
        with engine.begin() as conn:
            conn.execute(schema_table.insert().values(product=PRODUCT, version=SCHEMA_VERSION))
    except IntegrityError:  # another process stamped it first
        pass


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
