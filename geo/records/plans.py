"""The plans in the database: entered on the plan page or imported from a file, checked, kept with their history.

A year's plan (number and symbol, date signed, issuing body, title, the targets with their metric and a value or
a range, deadlines, the activities without commune figures; targets province-wide or per district / former
district) is a *document*: the shape of ``data/plans/2019.toml`` (``{"plan": {…}, "targets": {"T1": {…}}}``).
:func:`store_plan` checks it against the unit list in force on its signing date (:func:`check_document`: every
problem names its field and value, in the user's language) and stores it as a new row of ``plans``: nothing is
ever updated or deleted, a newer version of the same year and unit list supersedes the older one
(:func:`current_plans`, :func:`history`). The row and its audit line are written in one transaction; a refusal
is audited too.

A year whose unit list changes (2019 on 1 December, 2025 on 1 July) may hold one plan per list: the list is
named by its size, ``"559/27"`` (units / districts or former districts, :func:`list_key`), so that a plan
signed in March 2021 serves every 2021 period (their lists differ in no unit), while 2025-Q3 on the 166 units
needs a plan of its own. :func:`plan_document` finds the plan of a year on a list; ``geo.figures.targets.plan_for``
turns it into the plan a period is judged against.

The bundled plans are seeded into a new database (:func:`seed_plans`): the real Plan 19/KH-UBND of 2019
(``data/plans/2019.toml``) and, where the illustrative records are seeded, the illustrative plans of 2020–2026
made with them (:func:`geo.records.illustrative.plan_documents`, stored flagged ``illustrative``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import func, insert, select

from geo import clock
from geo.access import audit
from geo.contract import COUNT_FIELDS, PLANS_DIR
from geo.database import plans_table
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Engine

    from geo.access.accounts import User

# The figures a target may be measured against: the names of ``python -m geo summary --json``
# (geo.figures.summary.PeriodFigures.figures; tests/geo/records/test_plans.py holds the two lists together).
# Counts of units cannot exceed the list's units; the ratio is a percentage.
UNIT_COUNT_METRICS: Final = ("communes_total", "communes_reporting", "healthy", "not_healthy", "no_data",
                             "conversion_targets", "converted", "commitments_signed", "healthy_maintained",
                             "newly_healthy", "relapsed")
RATIO_METRICS: Final = ("healthy_ratio",)
OTHER_METRICS: Final = ("establishments", *(f"{f}_period" for f in COUNT_FIELDS), *(f"{f}_ytd" for f in COUNT_FIELDS))
METRICS: Final = (*UNIT_COUNT_METRICS, *RATIO_METRICS, *OTHER_METRICS)
PLAN_FIELDS: Final = ("id", "year", "signed", "issuer", "title_vi", "title_en", "communes_total")
TARGET_FIELDS: Final = ("label_vi", "label_en", "metric", "value", "min", "max", "unit", "deadline", "districts")
DEFAULT_ISSUER: Final = "UBND tỉnh Thanh Hóa"
TEXT_MAX: Final = 500
_DEADLINE_RE: Final = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


@dataclass(frozen=True)
class Problem:
    """One refused field: where (``targets.T1.value``), the value given, and why (in the user's language)."""

    field: str
    value: object
    message: str
    reason: str = ""  # the message without the field and value, for a page that shows those in columns

    def __str__(self) -> str:
        return self.message


class PlanError(ValueError):
    """A plan was refused; ``problems`` lists every field at fault, the message says them all."""

    def __init__(self, problems: list[Problem], lang: str = "vi") -> None:
        self.problems = problems
        super().__init__(t("plan.refused", lang, n=len(problems)) + " " + " ".join(p.message for p in problems))


@functools.lru_cache(maxsize=32)
def list_key(version: str) -> str:
    """``"559/27"``: the units and districts of a unit version (:func:`geo.units.versions.list_key`), cached."""
    from geo.units.versions import list_key as key

    return key(version)


@functools.lru_cache(maxsize=16)
def _version_table(version: str) -> pd.DataFrame:  # read once per version
    from geo.units.versions import version_table

    return version_table(version)


def _problem(problems: list[Problem], lang: str, field: str, value: object, reason: str, **params: object) -> None:
    if "version" in params:
        params["version"] = fmt_date(str(params["version"]))  # a unit list by its date, in both languages
    why = t(f"plan.reason_{reason}", lang, **params)
    problems.append(Problem(field, value, t("plan.bad_field", lang, field=field, value=_shown(value), reason=why),
                            why))


# Why a field is refused: the keys "plan.reason_<reason>" of the catalog.
REASONS: Final = ("year", "required", "too_long", "date", "signed_year", "future", "whole", "more_than_units",
                  "more_than_district", "more_than_percent", "no_targets", "target_id", "unknown_field", "metric",
                  "number", "negative", "value_and_range", "half_range", "upside_down", "deadline",
                  "districts_table", "districts_metric", "district")


def shown_value(value: object) -> str:
    """A value as a refusal names it: ``900`` (not ``900.0``), ``[80, 60]``."""
    return _shown(value)


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value)


def _number(value: object) -> float | None:
    """A number from a document (``"1,5"`` → 1.5); None when it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(float(value)) else None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def check_document(document: dict, lang: str = "vi") -> tuple[dict, str, list[Problem]]:
    """Check a plan against the unit list in force on its signing date; return it normalised, that list, problems.

    Refused (each naming the field and the value): a missing or unreadable field, a signing date that is no
    date, a count larger than the list's units (``communes_total``, a commune-count target, a district's
    target larger than its units), a percentage outside 0–100, a range upside down (``min`` > ``max``), a value
    and a range together, a negative number, an unknown metric, a district that is not one of the list's, a
    deadline outside the plan's year.
    """
    from geo.units.versions import version_on

    problems: list[Problem] = []
    head = dict(document.get("plan") or {})
    out: dict[str, object] = {}
    year = head.get("year")
    try:
        year = int(str(year).strip())
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        _problem(problems, lang, "year", year, "year")
        year = None
    out["year"] = year
    for name in ("id", "title_vi", "title_en"):
        value = head.get(name)
        if _blank(value):
            _problem(problems, lang, name, "", "required")
        elif len(str(value)) > TEXT_MAX:
            _problem(problems, lang, name, str(value)[:40] + "…", "too_long", n=TEXT_MAX)
        out[name] = "" if _blank(value) else str(value).strip()
    issuer = head.get("issuer")
    out["issuer"] = DEFAULT_ISSUER if _blank(issuer) else str(issuer).strip()
    signed = _date(head.get("signed"))
    if signed is None:
        _problem(problems, lang, "signed", head.get("signed", ""), "date")
    elif year is not None and not (year - 1 <= signed.year <= year):
        _problem(problems, lang, "signed", signed.isoformat(), "signed_year", year=year)
    elif signed > clock.today():
        _problem(problems, lang, "signed", signed.isoformat(), "future")
    out["signed"] = signed.isoformat() if signed else ""
    version = version_on(signed.isoformat()) if signed else version_on(f"{year or 2019}-01-01")
    table = _version_table(version)
    n_units = len(table)
    district_units = table.groupby("district_code").size().to_dict()
    total = _number(head.get("communes_total"))
    if total is None or total <= 0 or not float(total).is_integer():
        _problem(problems, lang, "communes_total", head.get("communes_total", ""), "whole")
    elif total > n_units:
        _problem(problems, lang, "communes_total", total, "more_than_units", n=n_units, version=version)
    out["communes_total"] = int(total) if total is not None and float(total).is_integer() else None
    targets: dict[str, dict[str, object]] = {}
    raw_targets = document.get("targets") or {}
    if not isinstance(raw_targets, dict) or not raw_targets:
        _problem(problems, lang, "targets", "", "no_targets")
        raw_targets = {}
    for key, raw in raw_targets.items():
        key = str(key).strip()
        where = key
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,20}", key):
            _problem(problems, lang, where, key, "target_id")
            continue
        if not isinstance(raw, dict):
            _problem(problems, lang, where, raw, "required")
            continue
        unknown = sorted(set(raw) - set(TARGET_FIELDS))
        for name in unknown:
            _problem(problems, lang, f"{where}.{name}", raw[name], "unknown_field", known=", ".join(TARGET_FIELDS))
        item: dict[str, object] = {}
        for name in ("label_vi", "label_en"):
            value = raw.get(name)
            if _blank(value):
                _problem(problems, lang, f"{where}.{name}", "", "required")
            item[name] = "" if _blank(value) else str(value).strip()[:TEXT_MAX]
        metric = None if _blank(raw.get("metric")) else str(raw["metric"]).strip()
        if metric is not None and metric not in METRICS:
            _problem(problems, lang, f"{where}.metric", metric, "metric", known=", ".join(METRICS))
        if metric:
            item["metric"] = metric
        if not _blank(raw.get("unit")):
            item["unit"] = str(raw["unit"]).strip()[:10]
        bound = n_units if metric in UNIT_COUNT_METRICS else 100.0 if metric in RATIO_METRICS else None
        numbers = _check_numbers(problems, lang, where, raw, bound, version, percent=metric in RATIO_METRICS)
        item.update(numbers)
        deadline = raw.get("deadline")
        if not _blank(deadline):
            m = _DEADLINE_RE.match(str(deadline).strip())
            if m is None or (year is not None and int(m.group(1)) != year):
                _problem(problems, lang, f"{where}.deadline", deadline, "deadline", year=year)
            item["deadline"] = str(deadline).strip()
        districts = raw.get("districts")
        if not _blank(districts):
            if not isinstance(districts, dict):
                _problem(problems, lang, f"{where}.districts", districts, "districts_table")
            else:
                if not metric:
                    _problem(problems, lang, f"{where}.districts", "", "districts_metric")
                shares: dict[str, object] = {}
                for code, given in districts.items():
                    code = str(code).strip()
                    place = f"{where}.districts.{code}"
                    if code not in district_units:
                        _problem(problems, lang, place, code, "district", version=version)
                        continue
                    limit = (district_units[code] if metric in UNIT_COUNT_METRICS
                             else 100.0 if metric in RATIO_METRICS else None)
                    spec = {"min": given[0], "max": given[1]} if isinstance(given, list | tuple) and len(given) == 2 \
                        else {"value": given}
                    part = _check_numbers(problems, lang, place, spec, limit, version, district=code,
                                          percent=metric in RATIO_METRICS)
                    if part:
                        shares[code] = part.get("value", [part.get("min"), part.get("max")])
                item["districts"] = shares
        targets[key] = item
    return {"plan": out, "targets": targets}, version, problems


def _check_numbers(problems: list[Problem], lang: str, where: str, raw: dict, bound: float | None, version: str,
                   *, district: str | None = None, percent: bool = False) -> dict[str, float]:
    """The ``value`` / ``min`` / ``max`` of a target (or a district's share), checked; those that are set."""
    out: dict[str, float] = {}
    for name in ("value", "min", "max"):
        given = raw.get(name)
        if _blank(given):
            continue
        number = _number(given)
        if number is None:
            _problem(problems, lang, f"{where}.{name}" if district is None else where, given, "number")
            continue
        if number < 0:
            _problem(problems, lang, f"{where}.{name}" if district is None else where, given, "negative")
            continue
        if bound is not None and number > bound:
            reason = "more_than_percent" if percent else "more_than_district" if district else "more_than_units"
            _problem(problems, lang, f"{where}.{name}" if district is None else where, given, reason, n=_shown(bound),
                     version=version, district=district)
            continue
        out[name] = number
    if "value" in out and ("min" in out or "max" in out):
        _problem(problems, lang, where, _shown([out.get("min"), out.get("max")]), "value_and_range")
    if ("min" in out) != ("max" in out):
        _problem(problems, lang, where, _shown([out.get("min"), out.get("max")]), "half_range")
    if "min" in out and "max" in out and out["min"] > out["max"]:
        _problem(problems, lang, f"{where}.min" if district is None else where, _shown([out["min"], out["max"]]),
                 "upside_down", min=_shown(out["min"]), max=_shown(out["max"]))
    return out


# The entry form of the plan page: one row per target, the districts' figures as "382=28; 384=20-30".
FORM_COLUMNS: Final = ("id", "label_vi", "label_en", "metric", "value", "min", "max", "unit", "deadline",
                       "districts")


def districts_text(districts: dict | None) -> str:
    """A target's district figures as the form writes them: ``382=28; 384=20-30``."""
    return "; ".join(f"{code}={_shown(v[0])}-{_shown(v[1])}" if isinstance(v, list | tuple) else f"{code}={_shown(v)}"
                     for code, v in (districts or {}).items())


def parse_districts(text: str) -> dict[str, object] | str:
    """``382=28; 384=20-30`` → ``{"382": "28", "384": ["20", "30"]}``; the text itself when it is not of that form.

    The numbers stay text: :func:`check_document` reads them and names any that is not a number.
    """
    out: dict[str, object] = {}
    for part in re.split(r"[;\n]+", text or ""):
        if not part.strip():
            continue
        code, sep, given = part.partition("=")
        if not sep:
            return text
        m = re.fullmatch(r"\s*([\d.,]+)\s*[-–]\s*([\d.,]+)\s*", given)
        out[code.strip()] = [m.group(1), m.group(2)] if m else given.strip()
    return out


def form_document(head: dict[str, object], rows: list[dict[str, object]]) -> dict:
    """A plan document from the plan page's form: its header fields and its rows of :data:`FORM_COLUMNS`."""
    targets: dict[str, dict[str, object]] = {}
    for row in rows:
        key = "" if _blank(row.get("id")) else str(row["id"]).strip()
        if not key:
            if any(not _blank(row.get(c)) for c in FORM_COLUMNS):
                key = f"#{len(targets) + 1}"  # refused by the check, naming the row
            else:
                continue
        item = {c: row.get(c) for c in FORM_COLUMNS if c not in ("id", "districts") and not _blank(row.get(c))}
        if not _blank(row.get("districts")):
            item["districts"] = parse_districts(str(row["districts"]))
        targets[key] = item
    return {"plan": {k: v for k, v in head.items() if not _blank(v)}, "targets": targets}


def form_rows(document: dict) -> list[dict[str, object]]:
    """The form's rows of a plan document (to start a new version from the one in force)."""
    rows = []
    for key, item in (document.get("targets") or {}).items():
        row = {c: item.get(c) for c in FORM_COLUMNS if c not in ("id", "districts")}
        rows.append({"id": key, **row, "districts": districts_text(item.get("districts"))})
    return rows


def read_file(path: str | Path, lang: str = "vi") -> dict:
    """A plan file in the format of ``data/plans/2019.toml``, as a document; PlanError naming the file and line."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return read_bytes(fh.read(), path.name, lang)
    except PlanError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError([Problem("file", path.name, t("plan.unreadable", lang, file=path.name,
                                                      error=exc.__class__.__name__))], lang) from None


def read_bytes(content: bytes, name: str, lang: str = "vi") -> dict:
    """A plan file's content (uploaded on the plan page) as a document; PlanError naming the file and line."""
    try:
        return tomllib.loads(content.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise PlanError([Problem("file", name, t("plan.bad_toml", lang, file=name, error=str(exc)))],
                        lang) from None
    except UnicodeDecodeError:
        raise PlanError([Problem("file", name, t("plan.unreadable", lang, file=name, error="UTF-8"))],
                        lang) from None


def store_plan(engine: Engine, document: dict, user: User | str, *, source: str, lang: str = "vi",
               illustrative: bool = False) -> int:
    """Check and store a new version of a year's plan; audited (``plan``), refusals too. Returns its id.

    ``user`` is the account entering it (editors and admins: the right ``import``), or ``"system"`` for the
    bundled plans seeded into a new database.

    Raises
    ------
    PlanError
        When the account lacks the right or the plan has problems (all named); nothing is stored.
    geo.access.audit.AuditError
        When the audit line cannot be written (the plan is not stored either).
    """
    username = user if isinstance(user, str) else user.username
    head = document.get("plan") or {}
    detail: dict[str, object] = {"source": source, "year": head.get("year"), "id": head.get("id")}
    if not isinstance(user, str) and not user.can("import"):
        problem = Problem("user", username, t("plan.no_right_plan", lang, user=username, role=user.role))
        _refuse(engine, username, detail, [problem], lang)
    normal, version, problems = check_document(document, lang)
    if problems:
        _refuse(engine, username, detail, problems, lang)
    text = json.dumps(normal, ensure_ascii=False, sort_keys=False)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    head = normal["plan"]
    key = list_key(version)
    with audit.change(engine, lang) as conn:
        before = conn.execute(select(func.max(plans_table.c.id)).where(
            plans_table.c.year == head["year"], plans_table.c.unit_list == key)).scalar_one()
        plan_id = int(conn.execute(insert(plans_table).values(
            year=head["year"], unit_version=version, unit_list=key, number=head["id"],
            signed=dt.date.fromisoformat(head["signed"]), issuer=head["issuer"], document=text,
            illustrative=illustrative, source=source[:255], sha256=sha, username=username, entered_at=clock.now(),
        )).inserted_primary_key[0])
        audit.write(conn, username, "plan", lang=lang, detail={
            **detail, "plan_row": plan_id, "unit_version": version, "unit_list": key, "sha256": sha,
            "supersedes": before, "illustrative": illustrative,
            "targets": {k: {n: v for n, v in item.items() if n in ("metric", "value", "min", "max")}
                        for k, item in normal["targets"].items()}})
    return plan_id


def _refuse(engine: Engine, username: str, detail: dict[str, object], problems: list[Problem], lang: str) -> None:
    error = PlanError(problems, lang)
    try:
        audit.log(engine, username, "plan", outcome="refused", lang=lang, detail={
            **detail, "problems": [{"field": p.field, "value": _shown(p.value)} for p in problems]})
    except audit.AuditError as missing:
        raise PlanError([*problems, Problem("audit", "", str(missing))], lang) from error
    raise error


def import_file(engine: Engine, path: str | Path, user: User | str, *, lang: str = "vi") -> int:
    """:func:`store_plan` of a plan file (format of ``data/plans/2019.toml``); its name is the row's source."""
    try:
        document = read_file(path, lang)
    except PlanError as exc:
        _refuse(engine, user if isinstance(user, str) else user.username,
                {"source": Path(path).name}, exc.problems, lang)
        raise
    return store_plan(engine, document, user, source=Path(path).name, lang=lang)


ROW_COLUMNS: Final = ("id", "year", "unit_version", "unit_list", "number", "signed", "issuer", "illustrative",
                      "source", "username", "entered_at")


def _rows(engine: Engine, *where: object) -> list[dict]:
    query = select(*(plans_table.c[c] for c in ROW_COLUMNS), plans_table.c.document).where(*where)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query.order_by(plans_table.c.year, plans_table.c.id)).mappings()]
    for row in rows:
        row["document"] = json.loads(row["document"])
    return rows


def history(engine: Engine, year: int) -> list[dict]:
    """Every version of the year's plans, oldest first; ``current`` marks the one in force for its list."""
    rows = _rows(engine, plans_table.c.year == int(year))
    latest = {r["unit_list"]: r["id"] for r in rows}
    for row in rows:
        row["current"] = latest[row["unit_list"]] == row["id"]
    return rows


def current_plans(engine: Engine) -> list[dict]:
    """The plan in force of each year and unit list (its latest version), by year."""
    latest = select(func.max(plans_table.c.id)).group_by(plans_table.c.year, plans_table.c.unit_list)
    return _rows(engine, plans_table.c.id.in_(latest.scalar_subquery()))


def plan_document(engine: Engine, year: int, unit_list: str) -> dict | None:
    """The current version of the plan of ``year`` on the list ``unit_list`` (a row with its document), or None."""
    latest = select(func.max(plans_table.c.id)).where(plans_table.c.year == int(year),
                                                      plans_table.c.unit_list == unit_list)
    rows = _rows(engine, plans_table.c.id == latest.scalar_subquery())
    return rows[0] if rows else None


def has_plans(engine: Engine, year: int) -> bool:
    """Whether the year holds any plan (on any list)."""
    with engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(plans_table)
                                 .where(plans_table.c.year == int(year))).scalar_one())


def state(engine: Engine) -> int:
    """A number that changes whenever a plan is stored: part of every cache key over the plans."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(plans_table.c.id), 0))).scalar_one())


def bundled_files(root: str | Path = PLANS_DIR) -> list[Path]:
    """The real plans shipped with the product (``data/plans/YYYY.toml``: today Plan 19/KH-UBND of 2019)."""
    folder = Path(root)
    return sorted(p for p in folder.glob("*.toml") if p.stem.isdigit()) if folder.is_dir() else []


def seed_plans(engine: Engine, *, illustrative: bool) -> list[int]:
    """Store the bundled plans in a database that has none yet (as ``system``, audited like any other).

    The real plans of ``data/plans`` always; with ``illustrative``, also the illustrative plans of the years after
    2019, made from the bundled illustrative records (:func:`geo.records.illustrative.plan_documents`).
    """
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(plans_table)).scalar_one():
            return []
    stored = [store_plan(engine, read_file(path, "en"), "system", source=path.name, lang="en")
              for path in bundled_files()]
    if illustrative:
        from geo.contract import ILLUSTRATIVE_PATH
        from geo.records.illustrative import plan_documents

        if ILLUSTRATIVE_PATH.exists():
            real_years = {int(p.stem) for p in bundled_files()}
            for document in plan_documents(ILLUSTRATIVE_PATH):
                if document["plan"]["year"] not in real_years:
                    stored.append(store_plan(engine, document, "system", source=ILLUSTRATIVE_PATH.name,
                                             lang="en", illustrative=True))
    return stored
