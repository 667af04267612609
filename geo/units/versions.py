"""Administrative unit versions: which units were in force when, their boundaries and the links between them.

A *version* is a list of commune-level units named by the date it took effect (``YYYY-MM-DD``):
``2017-04-19`` is the 2019 list (635 units in 27 districts), ``2019-12-01`` the list after the December 2019
mergers (559), then each later change through ``2025-01-01`` (549 in 26 districts) and ``2025-07-01``, the
166 units without districts. Each unit of a version is linked to the units of the previous version it was
made of (``full`` or ``partial``), with its evidence: ``official`` (a list, a change or the 2025
crosswalk states it), ``derived`` (no source states it: the December 2019, May 2024 and January 2025
mergers, derived from the 2019 polygons by ``scripts/build_units.py``) or ``admin`` (corrected by an admin
in ``data/units/link_corrections.csv``).

**A code means nothing without its version**: codes are reused (the 2025 Phường Hàm Rồng is 14758, which
was Phường Đông Thọ's code). Records of two versions are never joined by code, only through the links
(:func:`reexpress`, :func:`convert_records`).

Which version a period uses (:func:`version_for_period`): **the version in force on the period's first
day**. A period is reported on the units that existed when it began, so the year 2019 and its four
quarters use the 635 units of the 2019 list (the 2019 plan counts 596 of 635), 2020 uses the 559 units of
December 2019, the year 2025 and 2025-Q1/Q2 the 549 units of January 2025, and 2025-Q3 onwards the 166
units of July 2025.

Pure logic: nothing here imports Streamlit. The files are read once per process (``functools.cache``), and
again when they change on disk (an admin's link correction, :mod:`geo.units.corrections`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, CRS, DATA_DIR, KEY
from geo.periods import period_label
from geo.text import t
from geo.text.numbers import fmt_date, fmt_dates

if TYPE_CHECKING:
    from collections.abc import Iterable

    from geo.units.build import Built

UNITS_DIR: Final = DATA_DIR / "units"
CORRECTIONS_FIELDS: Final = ("version", "removed_code", "absorbed_by", "reason")
LINK_FIELDS: Final = (
    "version", KEY, "prev_code", "link", "share", "kind", "evidence", "rule", "confidence", "detail",
)
UNIT_FIELDS: Final = (
    "version", KEY, "commune_name", "commune_type", "district_code", "district_name", "has_boundary",
    "area_km2", "is_laos_border", "laos_border_km", "boundary_key", "boundary_note", "members",
    "former_district_code", "former_district_name", "former_district_share",
)
_PERIOD_RE: Final = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")
# How a merged unit's flag follows its parts: a conversion target if any part was; every other flag (healthy,
# a signed commitment) only if every part was.
ANY_PART: Final = ("conversion_target",)


class ConversionError(ValueError):
    """A file cannot be converted to another version without loss or guessing; ``problems`` lists why."""

    def __init__(self, message: str, problems: list[dict]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Version:
    """One version of the unit list."""

    id: str  # the effective date, YYYY-MM-DD
    until: str  # the last day in force ("" for the current version)
    units: int
    districts: int  # 0 from 2025-07-01: no district level
    boundary_source_vi: str
    boundary_source_en: str
    boundary_vintage: str
    decrees: str

    @property
    def has_districts(self) -> bool:
        """Whether the units of this version belong to districts (not after 1 July 2025)."""
        return self.districts > 0

    def boundary_source(self, lang: str = "vi") -> str:
        """Where the boundaries of this version come from, in ``lang``."""
        return self.boundary_source_en if lang == "en" else self.boundary_source_vi


# --------------------------------------------------------------------------------------------- write


def write_built(built: Built, out: str | Path = UNITS_DIR) -> list[Path]:
    """Write the tables of :func:`geo.units.build.build_versions` to ``out``; return the paths written.

    CSV for the tables (text diffs in review), GeoParquet (zstd) for the shapes: each distinct shape once,
    shared by every version in which a unit kept the same land.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "versions.csv", out / "units.csv", out / "links.csv", out / "boundaries.parquet"]
    built.versions.to_csv(paths[0], index=False, lineterminator="\n")
    built.units[list(UNIT_FIELDS)].to_csv(paths[1], index=False, lineterminator="\n")
    built.links[list(LINK_FIELDS)].to_csv(paths[2], index=False, lineterminator="\n")
    built.boundaries.to_parquet(paths[3], index=False, compression="zstd", write_covering_bbox=False)
    corrections = out / "link_corrections.csv"
    if not corrections.exists():
        corrections.write_text(",".join(CORRECTIONS_FIELDS) + "\n", encoding="utf-8")
    return paths


def read_corrections(path: str | Path) -> pd.DataFrame:
    """Read an admin's link corrections (``version, removed_code, absorbed_by, reason``); empty if absent.

    Raises
    ------
    ValueError
        If a column is missing or a code is not 5 digits, naming the file, row and value.
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=list(CORRECTIONS_FIELDS))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    if missing := [c for c in CORRECTIONS_FIELDS if c not in frame.columns]:
        raise ValueError(f"{path}: missing columns {missing}")
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for col in ("removed_code", "absorbed_by"):
            if not re.fullmatch(r"\d{5}", getattr(row, col)):
                raise ValueError(f"{path}, row {i}, column {col}: {getattr(row, col)!r} is not a 5-digit code")
    return frame


# --------------------------------------------------------------------------------------------- read


_TABLE_FILES: Final = ("versions.csv", "units.csv", "links.csv", "boundaries.parquet")
_STAMPS: dict[str, tuple[int, ...]] = {}


def _fresh(root: str) -> None:
    """Forget every cached table of ``root`` when its files changed (an admin's correction rebuilt them).

    One ``stat`` per file and call: a running app reads the rebuilt versions without a restart.
    """
    path = Path(root)
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (path / f for f in _TABLE_FILES))
    if _STAMPS.get(root) == stamp:
        return
    if root in _STAMPS:
        for cached in (_read_tables, _read_shapes, _successor_table, _landless, _layer):
            cached.cache_clear()
    _STAMPS[root] = stamp


def _tables(root: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    _fresh(root)
    return _read_tables(root)


def _shapes(root: str) -> gpd.GeoSeries:
    _fresh(root)
    return _read_shapes(root)


@functools.cache
def _read_tables(root: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    path = Path(root)
    versions = pd.read_csv(path / "versions.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(path / "units.csv", dtype=str, keep_default_na=False)
    for col in ("has_boundary", "is_laos_border"):
        units[col] = units[col].eq("True")
    for col in ("area_km2", "laos_border_km", "former_district_share"):
        units[col] = pd.to_numeric(units[col].replace("", np.nan))
    links = pd.read_csv(path / "links.csv", dtype=str, keep_default_na=False)
    links["share"] = pd.to_numeric(links["share"].replace("", np.nan))
    return versions, units, links


@functools.cache
def _read_shapes(root: str) -> gpd.GeoSeries:
    gdf = gpd.read_parquet(Path(root) / "boundaries.parquet")
    return gdf.set_index("key").geometry


@functools.cache
def _versions(root: str) -> tuple[Version, ...]:
    versions = _tables(root)[0]
    return tuple(
        Version(r.version, r.until, int(r.units), int(r.districts), r.boundary_source_vi, r.boundary_source_en,
                r.boundary_vintage, r.decrees)
        for r in versions.itertuples()
    )


def list_versions(root: str | Path = UNITS_DIR) -> list[Version]:
    """Every version, oldest first (read once per process; a validator asks for every row)."""
    return list(_versions(str(root)))


def version_id(value: object) -> str:
    """A unit list named as a person may type it, as its id: "01/12/2019" (as messages write it) or "2019-12-01".

    Anything else comes back stripped, as typed, for the caller to refuse naming the value.
    """
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        with contextlib.suppress(ValueError):  # 31/02/2019 is no day: kept as typed
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    return text


def get_version(version_id: str, root: str | Path = UNITS_DIR) -> Version:
    """The version named ``version_id``; ``KeyError`` naming the known ids otherwise."""
    for v in list_versions(root):
        if v.id == version_id:
            return v
    raise KeyError(f"unknown unit version {version_id!r}; known: {[v.id for v in list_versions(root)]}")


def period_first_day(period: str) -> str:
    """The first day of a period: ``"2019"`` -> ``"2019-01-01"``, ``"2025-Q3"`` -> ``"2025-07-01"``."""
    m = _PERIOD_RE.match(str(period))
    if not m:
        raise ValueError(f"not a period: {period!r} (expected YYYY or YYYY-Qn)")
    month = 1 if m.group(2) is None else 3 * int(m.group(2)) - 2
    return f"{m.group(1)}-{month:02d}-01"


def period_last_day(period: str) -> str:
    """The last day of a period: ``"2019"`` -> ``"2019-12-31"``, ``"2025-Q2"`` -> ``"2025-06-30"``."""
    m = _PERIOD_RE.match(str(period))
    if not m:
        raise ValueError(f"not a period: {period!r} (expected YYYY or YYYY-Qn)")
    month = 12 if m.group(2) is None else 3 * int(m.group(2))
    end = pd.Timestamp(f"{m.group(1)}-{month:02d}-01") + pd.offsets.MonthEnd(0)
    return end.strftime("%Y-%m-%d")


def version_on(date: str, root: str | Path = UNITS_DIR) -> str:
    """The version in force on ``date`` (YYYY-MM-DD); before the first version, the first one."""
    ids = [v.id for v in list_versions(root)]
    return next((v for v in reversed(ids) if v <= date), ids[0])


def version_for_period(period: str, root: str | Path = UNITS_DIR) -> str:
    """The version a period's records use: the one in force on the period's first day.

    Examples
    --------
    >>> version_for_period("2019"), version_for_period("2020"), version_for_period("2025")
    ('2017-04-19', '2019-12-01', '2025-01-01')
    >>> version_for_period("2025-Q2"), version_for_period("2025-Q3")
    ('2025-01-01', '2025-07-01')
    """
    return version_on(period_first_day(period), root)


def changes_within(period: str, root: str | Path = UNITS_DIR) -> list[str]:
    """The versions that took effect after the first day of ``period`` and by its last day (2019: 2019-12-01)."""
    first, last = period_first_day(period), period_last_day(period)
    return [v.id for v in list_versions(root) if first < v.id <= last]


def versions_in_period(period: str, root: str | Path = UNITS_DIR) -> list[str]:
    """The versions in force on some day of ``period``: the first day's, then each change within it.

    These are the versions an import may choose for a period (``--units-version``): 2019 takes
    ``2017-04-19`` (the rule's) or ``2019-12-01``; a period without a change only its own.
    """
    return [version_for_period(period, root), *changes_within(period, root)]


def version_choices(periods: Iterable[str], root: str | Path = UNITS_DIR) -> list[str]:
    """The versions an import of ``periods`` may choose besides the rule's: those taking effect within one.

    Empty when no period holds a change (then there is no choice to offer).
    """
    return sorted({v for p in periods for v in changes_within(p, root)})


def latest(versions: Iterable[str], root: str | Path = UNITS_DIR) -> str:
    """The latest of ``versions`` (ids are effective dates, so the order is the ids' order)."""
    ids = [v.id for v in list_versions(root)]
    return max(versions, key=ids.index)


def units(version: str, root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """The units of ``version``: code, name, type, district (empty from 2025-07-01), boundary fields.

    From 2025-07-01 ``former_district_code`` / ``former_district_name`` name the January 2025 district
    where most of the unit's area lay (``former_district_share`` of it).
    """
    table = _tables(str(root))[1]
    out = table[table["version"] == version]
    if out.empty:
        get_version(version, root)  # raises KeyError naming the known versions
    return out.drop(columns="version").reset_index(drop=True)


def boundaries(version: str, root: str | Path = UNITS_DIR) -> gpd.GeoDataFrame:
    """The units of ``version`` with their geometry (EPSG:4326): polygons, or points marked "no boundary"."""
    frame = units(version, root)
    shapes = _shapes(str(root))
    return gpd.GeoDataFrame(frame, geometry=shapes.loc[frame["boundary_key"]].to_numpy(), crs=CRS)


def links(version: str, root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """The links from the previous version's units (``prev_code``) to the units of ``version``."""
    table = _tables(str(root))[2]
    return table[table["version"] == version].drop(columns="version").reset_index(drop=True)


def _chain(from_version: str, to_version: str, root: str | Path) -> list[str]:
    ids = [v.id for v in list_versions(root)]
    for v in (from_version, to_version):
        if v not in ids:
            raise KeyError(f"unknown unit version {v!r}; known: {ids}")
    if ids.index(to_version) < ids.index(from_version):
        raise ValueError(f"links run forward in time: {from_version} is later than {to_version}")
    return ids[ids.index(from_version) + 1 : ids.index(to_version) + 1]


@functools.cache
def _successor_table(from_version: str, to_version: str, root: str) -> pd.DataFrame:
    """Every unit of ``from_version`` with the units of ``to_version`` it went into (one row per pair)."""
    old = units(from_version, root)[KEY]
    current = pd.DataFrame({"origin": old, KEY: old, "share": 1.0, "partial": False, "evidence": "official"})
    for step in _chain(from_version, to_version, root):
        lk = links(step, root).rename(columns={KEY: "to"})
        nxt = current.merge(lk[["to", "prev_code", "link", "share", "evidence"]], left_on=KEY, right_on="prev_code")
        nxt = pd.DataFrame({
            "origin": nxt["origin"], KEY: nxt["to"], "share": nxt["share_x"] * nxt["share_y"].fillna(1.0),
            "partial": nxt["partial"] | nxt["link"].eq("partial"),
            "evidence": [_weakest(a, b) for a, b in zip(nxt["evidence_x"], nxt["evidence_y"], strict=True)],
        })
        current = nxt.groupby(["origin", KEY], as_index=False).agg(
            share=("share", "sum"), partial=("partial", "any"), evidence=("evidence", _weakest_of))
    names = units(to_version, root).set_index(KEY)["commune_name"]
    current["commune_name"] = current[KEY].map(names)
    current["link"] = np.where(current["partial"], "partial", "full")
    return current[["origin", KEY, "commune_name", "link", "share", "evidence"]]


def successors(code: str, from_version: str, to_version: str, root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """Where a unit of ``from_version`` went in ``to_version``: code, name, link, share, evidence.

    ``link`` is ``partial`` when only part of its area went there (through any step), ``share`` the share
    of its area; ``evidence`` the weakest evidence along the way (``derived`` beats ``official``).
    """
    _fresh(str(root))
    table = _successor_table(from_version, to_version, str(root))
    return table[table["origin"] == code].drop(columns="origin").reset_index(drop=True)


_EVIDENCE_ORDER: Final = {"official": 0, "admin": 1, "derived": 2}


def _weakest(a: str, b: str) -> str:
    return max(a, b, key=_EVIDENCE_ORDER.get)


def _weakest_of(values: Iterable[str]) -> str:
    return max(values, key=_EVIDENCE_ORDER.get)


# --------------------------------------------------------------------------------------------- records


@functools.cache
def _landless(version: str, root: str) -> frozenset[str]:
    """Units of ``version`` with no land of their own: listed with no predecessor and no polygon.

    In the shipped data these are 16387 Xã Đông Khê and 16411 Xã Đông Xuân of January 2025 (``data/README.md``,
    "Boundaries"): the list names them again, but their land lies in other units. The two 2019 units without a
    polygon (14823, 15397) are not landless: they have land and a predecessor (themselves), only no lines.
    """
    frame = units(version, root)
    added = links(version, root)
    added = set(added.loc[added["prev_code"] == "", KEY])
    return frozenset(frame.loc[~frame["has_boundary"] & frame[KEY].isin(added), KEY])


def _step(records: pd.DataFrame, lk: pd.DataFrame, landless: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Re-express records keyed by the previous version's codes on the next version, through ``lk``.

    A part in ``landless`` (:func:`_landless`) that has no record is left out of its new unit: nobody reports
    for a unit without land, so its silence is not a missing report. Any other silent part still leaves the
    merged unit without a sum and with unknown health.
    """
    rec = records.set_index(KEY)
    joined = lk[[KEY, "prev_code", "link", "share"]].join(rec, on="prev_code", how="left")
    joined = joined[joined["prev_code"] != ""]
    if landless:
        fields = [c for c in COUNT_FIELDS + BOOL_FIELDS if c in joined]
        silent = joined[fields].isna().all(axis=1) if fields else pd.Series(True, index=joined.index)
        joined = joined[~(joined["prev_code"].isin(landless) & silent)]
    share = joined["share"].fillna(1.0).to_numpy()
    out = pd.DataFrame({KEY: joined[KEY].to_numpy()})
    for col in COUNT_FIELDS:
        if col in joined:
            out[col] = pd.to_numeric(joined[col], errors="coerce").to_numpy(dtype=float) * share
    for col in BOOL_FIELDS:
        if col in joined:
            out[col] = joined[col].astype("boolean").to_numpy()
    out["_partial"] = joined["link"].eq("partial").to_numpy()
    if "approximate" in joined:
        out["_partial"] |= joined["approximate"].fillna(False).astype(bool).to_numpy()
    out["_missing"] = joined[[c for c in COUNT_FIELDS + BOOL_FIELDS if c in joined]].isna().all(axis=1).to_numpy()
    # Vectorised (one group-by of numbers): re-expressing a period through the seven steps from 2019 to
    # 2025 happens for every earlier period of a commune's history.
    agg = pd.DataFrame({KEY: out[KEY], "_n": 1, "_partial": out["_partial"].astype(int)})
    counts = [c for c in COUNT_FIELDS if c in out]
    bools = [c for c in BOOL_FIELDS if c in out]
    for col in counts:
        agg[col] = out[col]
        agg[f"{col}__known"] = out[col].notna().astype(int)
    for col in bools:
        values = out[col]
        agg[f"{col}__t"] = values.eq(True).fillna(False).astype(int).to_numpy()
        agg[f"{col}__f"] = values.eq(False).fillna(False).astype(int).to_numpy()
    sums = agg.groupby(KEY, sort=True).sum(min_count=1)
    n = sums["_n"]
    result = pd.DataFrame(index=sums.index)
    for col in counts:
        # A sum only when every part reported: a merged unit with a silent part has no figure.
        result[col] = sums[col].where(sums[f"{col}__known"] == n)
    for col in bools:
        yes, no = sums[f"{col}__t"], sums[f"{col}__f"]  # parts that say True, parts that say False
        if col in ANY_PART:
            val = np.where(yes > 0, True, np.where(no == n, False, None))
        else:
            val = np.where(yes == n, True, np.where(no > 0, False, None))
        result[col] = pd.array(val, dtype="boolean")
    result["approximate"] = sums["_partial"] > 0
    result["parts"] = n
    return result.reset_index()


def reexpress(records: pd.DataFrame, from_version: str, to_version: str,
              root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """Re-express one period's records (keyed by ``from_version`` codes) on the units of ``to_version``.

    Counts are summed over a unit's parts (a part's count times its area share where only part of it went
    into the unit), and a sum is given only when every part reported; a merged unit is healthy (and has
    signed its commitment) only if all its parts were, not healthy if any part was not, unknown otherwise;
    it is a conversion target if any part was. A part with no land of its own (16387 and 16411 of January
    2025) that has no record is left out rather than counted as silent. ``approximate`` is True where a
    partial link (area share) entered the figure; counts stay fractional there (round for display). Units
    with no predecessor get no row. ``notes`` do not carry over.

    Returns
    -------
    pandas.DataFrame
        ``commune_code`` (of ``to_version``), the record fields present in ``records``, ``approximate`` and
        ``parts`` (how many linked units of the previous step made it).
    """
    current = records.copy()
    if "approximate" not in current:
        current["approximate"] = False
    prev = from_version
    for step in _chain(from_version, to_version, root):
        current = _step(current, links(step, root), _landless(prev, str(root)))
        prev = step
    return current.reset_index(drop=True)


def convert_records(records: pd.DataFrame, from_version: str, to_version: str,
                    root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """Convert a file keyed by ``from_version`` codes to ``to_version`` codes, or refuse.

    An explicit step (``--from-version``), never a guess: it refuses (:class:`ConversionError`) when a unit
    of the file was split between several new units (its figures cannot be divided without loss), when a
    new unit would be made of units of which the file holds only some, and when a code is not a unit of
    ``from_version``. Otherwise counts are summed and flags combined as in :func:`reexpress`.
    """
    old = units(from_version, root)
    known = set(old[KEY])
    problems: list[dict] = []
    for code in records[KEY]:
        if code not in known:
            problems.append({"code": code, "problem": "unknown", "successors": []})
    given = set(records[KEY]) & known
    table = _successor_table(from_version, to_version, str(root))
    split = set(table.loc[table["link"] == "partial", "origin"])
    for code in sorted(given & split):
        succ = table[table["origin"] == code].drop(columns="origin")
        problems.append({"code": code, "problem": "split", "successors": succ.to_dict("records")})
    # A new unit needs all its parts: which old units make each new unit the file touches.
    parts = table.groupby(KEY)["origin"].apply(set).to_dict()
    for new, olds in sorted(parts.items()):
        if olds & given and not olds <= given:
            problems.append({"code": new, "problem": "incomplete", "missing": sorted(olds - given),
                             "successors": []})
    if problems:
        raise ConversionError(f"cannot convert {len(problems)} unit(s) from {from_version} to {to_version}",
                              problems)
    out = reexpress(records, from_version, to_version, root)
    for col in COUNT_FIELDS:
        if col in out:
            out[col] = out[col].round().astype("Int64")
    return out.drop(columns=["approximate", "parts"])


LINEAGE_FIELDS: Final = ("version", KEY, "commune_name", "prev_code", "prev_name", "kind", "link", "share",
                          "evidence", "rule", "confidence", "detail")


def lineage(code: str, version: str, root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """The links that made unit ``code`` of ``version``, newest change first, back to the 2019 list.

    Walks back one version at a time from the unit to the units it was made of (and theirs): every link
    that changed something (``merged``, ``split``, ``renamed``, ``added``; not ``same``) is a row, with the
    unit it made (code and name in that version), the earlier unit (code and name in the version before),
    ``link``/``share``, ``evidence`` (official, derived, admin), ``rule``, ``confidence`` and ``detail``.
    A derived link is one no source states (the December 2019, May 2024 and January 2025 mergers).
    """
    ids = [v.id for v in list_versions(root)]
    codes, rows = {code}, []
    for i in range(ids.index(version), 0, -1):
        step, before = ids[i], ids[i - 1]
        lk = links(step, root)
        lk = lk[lk[KEY].isin(codes)]
        names = units(step, root).set_index(KEY)["commune_name"]
        old_names = units(before, root).set_index(KEY)["commune_name"]
        changed = lk[lk["kind"] != "same"]
        for r in changed.itertuples(index=False):
            rows.append({"version": step, KEY: r.commune_code, "commune_name": names.get(r.commune_code, ""),
                         "prev_code": r.prev_code, "prev_name": old_names.get(r.prev_code, "") if r.prev_code else "",
                         "kind": r.kind, "link": r.link, "share": r.share, "evidence": r.evidence, "rule": r.rule,
                         "confidence": r.confidence, "detail": r.detail})
        codes = set(lk.loc[lk["prev_code"] != "", "prev_code"])
        if not codes:
            break
    return pd.DataFrame(rows, columns=list(LINEAGE_FIELDS))


def derived_link_count(version: str, root: str | Path = UNITS_DIR) -> int:
    """How many links up to ``version`` are derived (no source states them)."""
    table = _tables(str(root))[2]
    return int(((table["version"] <= version) & (table["evidence"] == "derived")).sum())


# --------------------------------------------------------------------------------------------- layers

DEFAULT_LAYER: Final = DATA_DIR / "communes.geojson"
FIRST_VERSION: Final = "2017-04-19"
LAYER_FIELDS: Final = (KEY, "commune_name", "commune_type", "district_code", "district_name",
                       "is_laos_border", "laos_border_km", "area_km2", "has_boundary")


def versioned() -> bool:
    """Whether periods choose their unit version: not when ``GEO_COMMUNES_PATH`` names another layer.

    The versions describe Thanh Hóa; a layer of another extent (the national layer of ``bench/``) is one
    list for every period.
    """
    from geo.contract import COMMUNES_PATH

    return Path(COMMUNES_PATH).resolve() == DEFAULT_LAYER.resolve()


@functools.cache
def _layer(version: str, root: str) -> gpd.GeoDataFrame:
    from geo.boundaries.layer import read_communes, validate_communes
    from geo.contract import COMMUNES_PATH

    if version == FIRST_VERSION or not versioned():
        return read_communes(COMMUNES_PATH)  # the 2019 layer exactly as built by scripts/build_communes.py
    gdf = boundaries(version, root)
    if not get_version(version, root).has_districts:
        # No districts since 1 July 2025: the district fields hold the former district (huyện cũ), where
        # most of the unit's area lay, so that filters, outlines and tables keep working under that label.
        gdf["district_code"] = gdf["former_district_code"]
        gdf["district_name"] = gdf["former_district_name"]
    gdf["laos_border_km"] = gdf["laos_border_km"].astype(float)
    return validate_communes(gdf[[*LAYER_FIELDS, "geometry"]].reset_index(drop=True))


def layer(version: str, root: str | Path = UNITS_DIR) -> gpd.GeoDataFrame:
    """The commune layer of ``version`` under the communes contract (:data:`geo.contract.COMMUNE_FIELDS`).

    ``2017-04-19`` is ``data/communes.geojson`` itself. From ``2025-07-01`` ``district_code`` and
    ``district_name`` are the **former** district (see :func:`has_districts`). A copy: callers may change
    columns; the geometries are shared (immutable).
    """
    _fresh(str(root))
    return _layer(version, str(root)).copy()


def has_districts(version: str, root: str | Path = UNITS_DIR) -> bool:
    """Whether the district fields of ``version``'s layer are real districts (False: former districts)."""
    return not versioned() or get_version(version, root).has_districts


def layer_version(period: str | None, root: str | Path = UNITS_DIR) -> str:
    """The rule alone: the version in force on ``period``'s first day (the 2019 list for None or no versions).

    The building block of :func:`geo.records.store.period_version`, which every screen, command, sheet and
    export asks for the version a period is shown on (an import may have chosen a later list in force during
    the period). Called directly only where no import's choice applies: the validator's default list for a
    file's rows (:class:`UnitLists`) and :func:`version_note`, which names the rule beside an import's choice.
    The illustrative records, built where no database exists, take :func:`version_for_period` itself.
    """
    if period is None or not versioned():
        return FIRST_VERSION
    return version_for_period(period, root)


def version_table(version: str, root: str | Path = UNITS_DIR) -> pd.DataFrame:
    """The attributes of :func:`layer` of ``version`` without geometry."""
    _fresh(str(root))
    return pd.DataFrame(_layer(version, str(root)).drop(columns="geometry"))


def list_key(version: str, root: str | Path = UNITS_DIR) -> str:
    """``"559/27"``: a unit list named by its size, units / districts (former districts from 2025-07-01).

    A year's plan is made for a list (geo.records.plans): lists of the same size are the same list for a plan
    (2021's three versions differ in no unit), a list of another size needs a plan of its own (2019-12-01, 2025-07-01).
    """
    table = version_table(version, root)
    return f"{len(table)}/{table['district_code'].nunique()}"


def display_name(name: str, district: str, former: bool, lang: str = "vi") -> str:
    """A unit's name for lists: "Xã X — Huyện Y", or "Xã X (huyện Y cũ)" where districts are former.

    >>> display_name("Xã Mường Lát", "Huyện Mường Lát", True)
    'Xã Mường Lát (huyện Mường Lát cũ)'
    """
    if not former:
        return t("units.name_in_district", lang, name=name, district=district)
    head, _, rest = district.partition(" ")  # mid-sentence Vietnamese writes "huyện Mường Lát"
    return t("units.name_in_former_district", lang, name=name,
             district=f"{head.lower()} {rest}" if rest and lang == "vi" else district)


# The kinds of commune-level unit, in the order a list names them, and their words (catalog keys)
UNIT_KINDS: Final = {"Xã": "units.kinds_xa", "Phường": "units.kinds_phuong", "Thị trấn": "units.kinds_thi_tran"}


def unit_kinds(types: object, lang: str = "vi") -> str:
    """The kinds a unit list holds, in words: "xã, phường, thị trấn"; "xã, phường" for the list of July 2025.

    In English "communes" whatever the kinds (the app's word for every commune-level unit).

    ``types``: the ``commune_type`` values of the list's units (any iterable). No units: the plain word "xã".
    """
    present = set(pd.Series(list(types), dtype=object).dropna().astype(str))
    words = [t(key, lang) for kind, key in UNIT_KINDS.items() if kind in present]
    if not words or lang == "en":  # English says "communes" for every commune-level unit, as the app does
        return t("units.kinds_xa", lang)
    return ", ".join(words)


def unit_list_line(version: str, units: pd.DataFrame | None = None, lang: str = "vi", *,
                   root: str | Path = UNITS_DIR) -> str:
    """One sentence for a document's sources: a unit list, its units by kind, and where its boundaries come from.

    "Danh mục đơn vị hành chính có hiệu lực từ 01/07/2025: 166 đơn vị cấp xã (xã, phường), không còn cấp huyện
    (ghi huyện cũ). Ranh giới: …". ``units`` the list's units (default: read).
    """
    v = get_version(version, root)
    units = version_table(version, root) if units is None else units
    text = t("units.list_line", lang, date=fmt_date(v.id), n=v.units, kinds=unit_kinds(units["commune_type"], lang),
             districts=t("units.version_note_districts", lang, n=v.districts) if v.districts
             else t("units.version_note_no_districts", lang), source=v.boundary_source(lang))
    if (n := derived_link_count(v.id, root)) and not v.has_districts:
        text += " " + t("units.version_note_derived", lang, n=n)
    return text


def version_note(period: str | None, lang: str = "vi", root: str | Path = UNITS_DIR, *, version: str) -> str:
    """One line for screens and sheets: the period's unit version, its count and boundary source.

    ``version`` is the version the period is shown on (:func:`geo.records.store.period_version`). The line says
    when a change falls inside the period, and when an import chose another version than the rule's
    (:func:`layer_version`).
    """
    if not versioned():
        return ""
    rule = layer_version(period, root)
    v = get_version(version, root)
    chosen = v.id != rule
    text = t("units.version_note_units", lang, id=fmt_date(v.id), units=v.units, source=v.boundary_source(lang),
             districts=t("units.version_note_districts", lang, n=v.districts) if v.districts
             else t("units.version_note_no_districts", lang))
    if (n := derived_link_count(v.id, root)) and not v.has_districts:
        text += " " + t("units.version_note_derived", lang, n=n)
    if chosen:
        said = period_label(period, lang, short=True) if period else ""
        text += " " + t("units.version_note_chosen", lang, period=said, rule=fmt_date(rule))
    elif period and (inside := changes_within(period, root)):
        text += " " + t("units.version_note_inside", lang, dates=fmt_dates(inside),
                        period=period_label(period, lang, short=True))
    return text


# --------------------------------------------------------------------------------------------- for the validator


class UnitLists:
    """The unit lists of every version, for a validator that checks each row against its period's list.

    Parameters
    ----------
    root
        The units folder (``data/units``).
    from_version
        A file keyed by this version's codes (``--from-version``): every row is read against it, then
        converted to its period's version (:func:`convert_records`).
    units_version
        The import's choice of version (``--units-version``) instead of the rule's: allowed only where it was
        in force on some day of the row's period (:func:`versions_in_period`); the records are stored on it.
    """

    def __init__(self, root: str | Path = UNITS_DIR, from_version: str | None = None,
                 units_version: str | None = None) -> None:
        self.root = root
        self.from_version = from_version
        self.units_version = units_version
        self._tables: dict[str, pd.DataFrame] = {}
        self._version_of: dict[str | None, str] = {}

    def version_for(self, period: str | None) -> str:
        """The version a row of ``period`` is read against (asked once per period, not once per row)."""
        if self.from_version:
            return self.from_version
        return self.target_for(period)

    def target_for(self, period: str | None) -> str:
        """The version a row of ``period`` is stored on: the import's choice, else the rule's (once per period)."""
        if self.units_version:
            return self.units_version
        if period not in self._version_of:
            self._version_of[period] = layer_version(period, self.root)
        return self._version_of[period]

    def count(self, version: str) -> int:
        """How many units ``version`` has."""
        return get_version(version, self.root).units

    def table(self, version: str) -> pd.DataFrame:
        """The list of ``version`` as the validator wants it (code, name, district or former district)."""
        if version not in self._tables:
            self._tables[version] = pd.DataFrame(_layer(version, str(self.root)).drop(columns="geometry"))
        return self._tables[version]

    def _ids(self) -> list[str]:
        return [v.id for v in list_versions(self.root)]

    def explain_unknown(self, code: str, version: str) -> dict | None:
        """Why ``code`` is not a unit of ``version``: the last earlier list holding it and where it went.

        Returns ``{"old_version", "old_name", "successors"}`` (successors as "14821 Xã Y (derived)") or
        ``{"new_version", "new_name"}`` for a code that only a later list has; None if no list has it.
        """
        ids = self._ids()
        idx = ids.index(version)
        for old in reversed(ids[:idx]):
            hit = self.table(old)[self.table(old)[KEY] == code]
            if not hit.empty:
                succ = successors(code, old, version, self.root)
                parts = [f"{r.commune_code} {r.commune_name}" + ("" if r.link == "full" else f" ({r.share:.0%})")
                         + (" [derived link]" if r.evidence == "derived" else "") for r in succ.itertuples()]
                return {"old_version": old, "old_name": hit["commune_name"].iloc[0], "successors": "; ".join(parts)}
        for new in ids[idx + 1 :]:
            hit = self.table(new)[self.table(new)[KEY] == code]
            if not hit.empty:
                return {"new_version": new, "new_name": hit["commune_name"].iloc[0]}
        return None

    def reused_name(self, code: str, name: str, version: str) -> str | None:
        """The other version in which ``code`` was the unit named ``name`` (a reused code), if any."""
        from geo.text.names import name_key

        key = name_key(name)
        for other in reversed(self._ids()):
            if other == version:
                continue
            hit = self.table(other)[self.table(other)[KEY] == code]
            if not hit.empty and name_key(hit["commune_name"].iloc[0]) == key:
                return other
        return None


def records_on(records: pd.DataFrame, from_period: str, root: str | Path = UNITS_DIR, *, from_version: str,
               to_version: str) -> tuple[pd.DataFrame, dict]:
    """One period's records (``from_period``) expressed on another version's units, for comparisons across a change.

    Returns the records (record columns and dtypes; counts rounded to whole numbers where a partial link
    shared them by area) and a note: ``{"changed": bool, "approximate": bool, "from": version,
    "to": version, "backward": bool}``. Nothing changes within one version. Links run forward only: an
    earlier period is re-expressed on a later one; asked the other way round, the result is empty and
    ``backward`` is True (never a join by code across versions). ``from_version`` / ``to_version`` are the
    versions the two periods are shown on (:func:`geo.records.store.period_version`).
    """
    from geo.contract import RECORD_FIELDS, empty_records, with_record_dtypes

    src, dst = from_version, to_version
    note = {"changed": src != dst, "approximate": False, "from": src, "to": dst, "backward": False}
    if src == dst:
        return records, note
    ids = [v.id for v in list_versions(root)]
    if ids.index(src) > ids.index(dst):
        note["backward"] = True
        return empty_records(), note
    out = reexpress(records, src, dst, root)
    note["approximate"] = bool(out["approximate"].any()) if len(out) else False
    for col in COUNT_FIELDS:
        if col in out:
            out[col] = out[col].round()
    out["period"] = from_period
    for col in RECORD_FIELDS:
        if col not in out:
            out[col] = None
    return with_record_dtypes(out[list(RECORD_FIELDS)]), note


def on_version(records: pd.DataFrame, versions: pd.Series, to_version: str,
               root: str | Path = UNITS_DIR) -> tuple[pd.DataFrame, list[str]]:
    """One period's records stored on several versions (``versions``, per row) expressed on ``to_version``.

    A period holds records of several versions when an import chose a later version in force during the
    period (``--units-version``) and others did not: the rows of earlier versions are re-expressed forward
    through the links (:func:`reexpress`: counts summed, a merged unit healthy only if all its parts were,
    partial links by area share and rounded), and a unit that has a record stored on ``to_version`` itself
    keeps that record. Rows of a version later than ``to_version`` are a programming error (links run forward).

    Returns the records (the columns of ``records``) and the versions that were re-expressed.
    """
    from geo.contract import RECORD_FIELDS, with_record_dtypes

    versions = pd.Series(versions, index=records.index).fillna(to_version)
    direct = records[versions == to_version]
    parts, moved = [direct], []
    for v in sorted(set(versions) - {to_version}, reverse=True):  # the later version first: it wins below
        rows = records[versions == v]
        out = reexpress(rows, v, to_version, root)
        out = out[~out[KEY].isin(set(direct[KEY]))]
        for col in COUNT_FIELDS:
            if col in out:
                out[col] = out[col].round()
        if "period" in records:
            out["period"] = rows["period"].iloc[0]
        parts.append(out)
        moved.append(v)
    if not moved:
        return records, []
    frame = pd.concat([p.reindex(columns=list(records.columns)) for p in parts], ignore_index=True)
    # Two earlier versions can both reach a unit (a district file on each): the later one's figure wins.
    frame = frame.drop_duplicates(KEY, keep="first").sort_values(KEY).reset_index(drop=True)
    if set(RECORD_FIELDS) <= set(frame.columns):
        frame = with_record_dtypes(frame)
    return frame, moved
