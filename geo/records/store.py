"""The embedded store: periods, status records and the log of imports, through SQLAlchemy.

The audit trail (:mod:`geo.access.audit`) is written here, whichever way a file came in (the Data page, the
command line): an import's line in the transaction that stores it, a refused file's or import's line beside
its line in the import log (:func:`check_upload`, :func:`import_report`, :func:`import_records`).

SQLite file by default (``var/thanhhoa.sqlite``, created on first use), PostgreSQL by URL
(``postgresql+psycopg://…``). Nothing is ever deleted: a replaced record is kept with ``is_current`` false
and the id of the import that replaced it, so every earlier figure can be reconstructed.

One ``(commune_code, period)`` has at most one current record. A partial unique index enforces it in the
database itself, so two editors importing the same period at the same moment cannot both win: the second
transaction fails and is told why (:class:`ImportConflict`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import (
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from geo import clock
from geo.access import audit
from geo.boundaries.layer import read_communes
from geo.contract import (
    ILLUSTRATIVE_PATH,
    KEY,
    RECORD_FIELDS,
    with_record_dtypes,
)
from geo.database import connect, imports_table, periods_table, records_table
from geo.periods import period_parts, period_sort_key, periods_label
from geo.records.validation import ValidationReport, validate_bytes, validate_file
from geo.text import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Connection, Engine

    from geo.units.versions import UnitLists


class ImportConflict(RuntimeError):
    """Raised when an import would overwrite current records and no replace was asked for."""


@dataclass(frozen=True)
class ImportResult:
    """What one stored import did."""

    import_id: int
    rows_stored: int
    rows_replaced: int
    periods: tuple[str, ...]


def get_engine(url: str | None = None, *, seed: bool | None = None) -> Engine:
    """Open (and create) the database at ``url`` (:func:`geo.database.connect`), seeded where asked.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL. None means the app's default database (:func:`geo.contract.default_db_url`).
    seed : bool, optional
        Load the bundled illustrative records when the database has no import yet, and the bundled plans (the
        real Plan 19/KH-UBND and the illustrative plans of 2020–2026) when it has no plan yet. Defaults to True
        for the default database (unless ``GEO_SEED_ILLUSTRATIVE=0``, for a deployment on real data only: then
        the real plans only, Plan 19/KH-UBND) and False for an explicit URL, so a database named by the user
        starts empty (``python -m geo plan import data/plans/2019.toml`` stores the 2019 plan there).
    """
    is_default = url is None and os.environ.get("GEO_SEED_ILLUSTRATIVE", "1") != "0"
    seeded = seed if seed is not None else is_default
    if seeded:
        return connect(url, prepare=_seed_all)
    return connect(url, prepare=_seed_real_plans if url is None else None)


def _seed_all(engine: Engine) -> None:
    """The illustrative records, then the bundled plans: the real one and the illustrative ones made with them."""
    from geo.records.plans import seed_plans

    seed_illustrative(engine)
    seed_plans(engine, illustrative=True)


def _seed_real_plans(engine: Engine) -> None:
    """The app's database on real data only (``GEO_SEED_ILLUSTRATIVE=0``): the bundled real plans, nothing else."""
    from geo.records.plans import seed_plans

    seed_plans(engine, illustrative=False)


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
    from geo.units.versions import UnitLists, versioned

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
    geo.access.audit.AuditError
        When the import's audit line cannot be written: the records are not stored either (one transaction).
    """
    from geo.units.versions import UnitLists

    periods = sorted(records["period"].unique().tolist(), key=period_sort_key)
    lists = UnitLists(units_version=unit_version)  # the version the validator read each period's rows against
    version_of = {p: lists.target_for(p) for p in periods}
    rows = [{**{f: _db_value(r[f]) for f in RECORD_FIELDS}, "unit_version": version_of[r["period"]]}
            for r in records.to_dict("records")]
    # Always write in the same order: two concurrent imports of overlapping communes then wait for each
    # other on the first shared key instead of deadlocking (PostgreSQL locks index entries as it goes).
    rows.sort(key=lambda r: (period_sort_key(r["period"]), r[KEY]))
    now = clock.now()
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
                    t("records.conflict", lang, periods=periods_label(periods, lang), n=len(clashing), examples=examples
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
            # Last, so that a concurrent import's clash (the unique index) is found first; in the same
            # transaction, so that the records and their audit line are stored together or not at all.
            audit.write(conn, user, "import", lang=lang, detail={
                "file": file_name, "sha256": sha256, "rows": rows_read, "stored": len(rows),
                "replaced": len(clashing), "replace": replace, "periods": periods, "unit_version": unit_version,
                "import_id": int(import_id), "illustrative": illustrative})
    except (IntegrityError, OperationalError) as exc:
        # The partial unique index caught a concurrent import of the same (commune, period); on SQLite the
        # loser may instead find the file locked by the winner's write transaction, and on PostgreSQL it
        # may be chosen as a deadlock or serialization victim (SQLSTATE 40P01 / 40001).
        if isinstance(exc, OperationalError) and "locked" not in str(exc) and (
            getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001")
        ):  # not a race: the database refused the write (read-only, full, gone)
            raise audit.AuditError.unwritable(lang, exc) from exc
        message = t("records.race", lang, periods=periods_label(periods, lang))
        message = _logged(engine, file_name=file_name, sha256=sha256, rows_read=rows_read, user=user,
                          outcome="conflict", message=message, periods=periods, lang=lang)
        raise ImportConflict(message) from exc
    except ImportConflict as exc:
        message = _logged(engine, file_name=file_name, sha256=sha256, rows_read=rows_read, user=user,
                          outcome="conflict", message=str(exc), periods=periods, lang=lang)
        raise ImportConflict(message) from None
    except SQLAlchemyError as exc:  # the database refused the write (a read-only transaction, a standby server)
        raise audit.AuditError.unwritable(lang, exc) from exc
    return ImportResult(int(import_id), len(rows), len(clashing), tuple(periods))


def already_stored(engine: Engine, records: pd.DataFrame, unit_version: str | None = None) -> pd.DataFrame:
    """The current records (``commune_code``, ``period``) that importing ``records`` would replace, before it.

    The same rule as the import (:func:`import_records`: the same code and period, or, on another unit list,
    a unit that overlaps one of the file's), read without changing anything, so that a page can say which
    rows already have a record before the person presses Import.
    """
    from geo.units.versions import UnitLists

    empty = pd.DataFrame(columns=[KEY, "period"])
    if records.empty:
        return empty
    periods = sorted(records["period"].unique().tolist(), key=period_sort_key)
    lists = UnitLists(units_version=unit_version)
    version_of = {p: lists.target_for(p) for p in periods}
    rows = [{KEY: r[KEY], "period": r["period"], "unit_version": version_of[r["period"]]}
            for r in records[[KEY, "period"]].to_dict("records")]
    with engine.connect() as conn:
        existing = conn.execute(
            select(records_table.c.id, records_table.c[KEY], records_table.c.period, records_table.c.unit_version)
            .where(records_table.c.is_current, records_table.c.period.in_(periods))
        ).all()
    clashing = _clashing(existing, rows)
    if not clashing:
        return empty
    found = pd.DataFrame([(c[1], c[2]) for c in clashing], columns=[KEY, "period"])
    order = sorted(range(len(found)), key=lambda i: (period_sort_key(found["period"].iloc[i]), found[KEY].iloc[i]))
    return found.iloc[order].reset_index(drop=True)


def _clashing(existing: list, rows: list[dict]) -> list:
    """The current records (id, code, period, unit_version) that ``rows`` replace.

    Those with the same code and period, and, on another unit version of the same period, those whose unit
    overlaps one of the file's through the links (a record of the 635 units of 2019 that a file on the 559
    units of December 2019 covers).
    """
    from geo.units.versions import UNITS_DIR, _successor_table, latest

    wanted = {(r[KEY], r["period"]) for r in rows}
    new_by = {}
    for r in rows:
        new_by.setdefault((r["period"], r["unit_version"]), set()).add(r[KEY])
    out = []
    for row in existing:
        _, code, period, old_version = row
        old_version = _stored_version(old_version, period)
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
    lang: str = "vi",
) -> int:
    """Record an import that stored nothing (rejected file or conflict) in the import log and the audit trail.

    Both lines in one transaction of their own: a refused file (``outcome="rejected"``) is audited as a refused
    ``validate``, a refused import (``"conflict"``) as a refused ``import``.

    Raises
    ------
    geo.access.audit.AuditError
        When the lines cannot be written (a read-only, full or unreachable database).
    """
    try:
        with engine.begin() as conn:
            attempt = int(conn.execute(insert(imports_table).values(
                file_name=file_name, sha256=sha256, rows_read=rows_read, rows_stored=0, rows_replaced=0,
                periods=",".join(periods), created_at=clock.now(), username=user, outcome=outcome,
                illustrative=False, message=message,
            )).inserted_primary_key[0])
            audit.write(conn, user, "validate" if outcome == "rejected" else "import", outcome="refused", lang=lang,
                        detail={"file": file_name, "sha256": sha256, "rows": rows_read, "periods": list(periods),
                                "reason": message, "import_log": attempt})
    except (SQLAlchemyError, audit.AuditError) as exc:  # the refusal stands; its lines are missing
        raise audit.AuditError.missing(lang) from exc
    return attempt


def _logged(engine: Engine, *, message: str, lang: str, **attempt: object) -> str:
    """Log a refusal (:func:`log_attempt`); return its message, saying so when its lines could not be written."""
    try:
        log_attempt(engine, message=message, lang=lang, **attempt)
    except audit.AuditError as exc:
        return f"{message} {exc}"
    return message


def refuse_report(engine: Engine, report: ValidationReport, *, user: str, lang: str = "vi") -> str:
    """Log a file the validator refused, whatever its period; return the message for the user.

    One line in the import log (``rejected``) and one in the audit trail (a refused ``validate``).

    Raises
    ------
    geo.access.audit.AuditError
        When the lines cannot be written.
    """
    message = t("records.rejected", lang, n=len(report.errors))
    log_attempt(engine, file_name=report.file, sha256=report.sha256, rows_read=report.rows, user=user,
                outcome="rejected", message=message, periods=report.periods, lang=lang)
    return message


def check_upload(
    engine: Engine,
    data: bytes,
    file_name: str,
    lists: UnitLists | pd.DataFrame,
    *,
    user: str,
    period: str | None = None,
    lang: str = "vi",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ValidationReport, str | None]:
    """Validate an uploaded file (:func:`geo.records.validation.validate_bytes`); log it when it is refused.

    What the Data page calls: the refusal is logged here, before the page may rerun to offer a choice of unit
    list (a 2021 file: its period holds a change), so no refused file goes unlogged. Returns the report and,
    for a refused file whose lines could not be written, the message that says so (None otherwise).
    """
    report = validate_bytes(data, file_name, lists, period=period, lang=lang, progress=progress)
    if not report.ok:
        try:
            refuse_report(engine, report, user=user, lang=lang)
        except audit.AuditError as exc:
            return report, str(exc)
    return report, None


def import_report(
    engine: Engine, report: ValidationReport, *, replace: bool = False, user: str = "cli", lang: str = "vi"
) -> ImportResult:
    """Store a validated file; a report with errors is logged as refused (:func:`refuse_report`), ValueError."""
    if not report.ok:
        try:
            message = refuse_report(engine, report, user=user, lang=lang)
        except audit.AuditError as exc:
            message = f"{t('records.rejected', lang, n=len(report.errors))} {exc}"
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


def period_version(engine: Engine, period: str | None) -> str:
    """The unit version ``period`` is shown on: the one rule for every screen, command, sheet, export and briefing.

    The latest version the period's current records are stored on. That is the rule's version
    (:func:`geo.units.versions.layer_version`: the list in force on the period's first day) unless an import chose
    a list in force later in the period (``--units-version``, or the Data page's choice): then the period is shown
    on that later list, and its other records are re-expressed onto it (:func:`load_records`). A period without
    records, ``None`` (the 2019 list) and a layer that is not versioned (``GEO_COMMUNES_PATH``) follow the rule.

    It lives here, with the store, because the answer depends on what the imports stored: the rule alone
    (:mod:`geo.units.versions`) knows nothing of an import's choice. ``dashboard/loaders.py`` caches it per data
    revision; nothing else decides a period's version.
    """
    from geo.units.versions import layer_version

    if period is None:
        return layer_version(None)
    with engine.connect() as conn:
        found = conn.execute(
            select(records_table.c.unit_version).where(records_table.c.is_current, records_table.c.period == period)
            .distinct()
        ).scalars().all()
    return _shown_on(period, {_stored_version(v, period) for v in found})


def _stored_version(version: str | None, period: str) -> str:
    """The version a stored record's code belongs to: its ``unit_version``, the rule's where that is NULL.

    NULL in databases from before the column, whose records were all read against the rule's list.
    """
    from geo.units.versions import layer_version

    return version or layer_version(period)


def _shown_on(period: str, stored: set[str]) -> str:
    """:func:`period_version`'s rule, given the versions the period's current records are stored on."""
    from geo.units.versions import latest, layer_version, versioned

    return latest(stored) if stored and versioned() else layer_version(period)


def load_records(engine: Engine, period: str, *, as_stored: bool = False) -> pd.DataFrame:
    """The current records of ``period`` on its unit version, one row per unit (columns RECORD_FIELDS).

    Records stored on an earlier version than the period's (:func:`period_version`) are re-expressed onto
    it through the links (:func:`geo.units.versions.on_version`); ``attrs["unit_version"]`` names the version and
    ``attrs["reexpressed"]`` the versions moved. ``as_stored``: the rows as stored, with ``unit_version``.
    """
    from geo.units.versions import on_version, versioned

    cols = [records_table.c[f] for f in RECORD_FIELDS]
    with engine.connect() as conn:
        rows = conn.execute(
            select(*cols, records_table.c.unit_version).where(records_table.c.is_current,
                                                               records_table.c.period == period)
            .order_by(records_table.c[KEY])
        ).all()
    versions = pd.Series([_stored_version(r[-1], period) for r in rows], dtype=object)
    frame = _frame([r[:-1] for r in rows], list(RECORD_FIELDS))
    if as_stored:
        return frame.assign(unit_version=versions.to_numpy())
    target = _shown_on(period, set(versions))  # period_version's rule, on the rows just read
    frame, moved = on_version(frame, versions, target) if versioned() else (frame, [])
    frame.attrs.update(unit_version=target, reexpressed=moved)
    return frame


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
