"""Build the unit versions: lists, derived merger links, dissolved boundaries, border communes.

The pure logic behind ``scripts/build_units.py`` (which reads ``../shared/data/units`` and writes
``data/units/``). Kept apart from :mod:`geo.units.versions`, which only reads what this module wrote, so that the
app never needs the reference data.

The December 2019 mergers (and the smaller ones of May 2024 and January 2025) are not in any source as
links: the lists say which codes disappeared, not which survivor absorbed them. :func:`derive_mergers`
derives each from the previous version's polygons, with the evidence it used, and marks it ``derived``.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.boundaries import border
from geo.contract import CRS, KEY, METRIC_CRS
from geo.text.names import name_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

# Two communes "touch" when this much of one's outline lies within TOUCH_M metres of the other: the 2019
# lines come from one source and share their vertices, but 11 pairs overlap by a few m² and slivers exist.
TOUCH_M: Final = 10.0
# A 2025 unit "holds" a commune when at least this share of the commune's area lies in it.
HOLD_SHARE: Final = 0.1


@dataclass
class Merger:
    """One derived link: ``removed`` went into ``absorber`` on ``version``, and why we think so."""

    version: str
    removed: str
    absorber: str
    rule: str  # which evidence settled it: "adjacency+district+2025", "names", "shared boundary", "chain"
    candidates: dict[str, float] = field(default_factory=dict)  # candidate code -> shared boundary (km)
    detail: str = ""
    confidence: str = "high"  # "high": rules (1)/(2); "medium"/"low": the longest boundary, by its margin


CLOSE_CALL: Final = 1.25  # a longest shared boundary less than 25 % longer than the next is a close call


def name_words(name: str) -> set[str]:
    """The syllables of a unit name without its prefix, independent of tone-mark placement."""
    return set(name_key(name).split())


def shared_boundary_km(a: shapely.Geometry, b: shapely.Geometry, tol: float = TOUCH_M) -> float:
    """Length (km) of ``a``'s outline lying within ``tol`` metres of ``b`` (both in a metric CRS)."""
    if a is None or b is None or a.geom_type == "Point" or b.geom_type == "Point":
        return 0.0
    return float(a.boundary.intersection(b.buffer(tol)).length) / 1000.0


def holders(geoms: gpd.GeoSeries, units25: gpd.GeoDataFrame, min_share: float = HOLD_SHARE) -> dict[str, dict]:
    """For each geometry (metric CRS, indexed by code): the 2025 units holding each share of its area.

    Returns ``{code: {code25: share}}`` with shares >= ``min_share``; a point gets the unit containing it.
    """
    tree = shapely.STRtree(units25.geometry.to_numpy())
    codes25 = units25[KEY].to_numpy()
    out: dict[str, dict] = {}
    for code, geom in geoms.items():
        idx = tree.query(geom, predicate="intersects")
        if geom.geom_type == "Point":
            out[code] = {codes25[i]: 1.0 for i in idx[:1]}
            continue
        area = geom.area
        shares = {codes25[i]: geom.intersection(units25.geometry.iloc[i]).area / area for i in idx}
        out[code] = {k: v for k, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v >= min_share}
    return out


def derive_mergers(
    version: str,
    prev: pd.DataFrame,
    new: pd.DataFrame,
    geoms: gpd.GeoSeries,
    renamed: Mapping[str, tuple[str, str]],
    hold: Mapping[str, Mapping[str, float]],
    dest: Mapping[str, Iterable[str]] | None = None,
) -> list[Merger]:
    """Derive which surviving unit absorbed each unit removed on ``version``.

    Parameters
    ----------
    version
        The id of the new version (its effective date).
    prev, new
        The lists before and after (columns ``commune_code``, ``commune_name``, ``district_code``).
    geoms
        The previous version's geometry per code, in a metric CRS (points for units without a boundary).
    renamed
        ``{code: (old name, new name)}`` for the survivors renamed on this date.
    hold
        ``{code: {code25: share}}``: the 2025 units holding each previous unit (:func:`holders`); the
        first (largest share) is a removed unit's "2025 unit".
    dest
        ``{code: codes25}``: the 2025 units a survivor went into by the 2025 crosswalk (official), where
        it survived to January 2025; ``hold`` is used for the others.

    Returns
    -------
    list of Merger
        One per removed code. The rules, in order: (1) the only survivor that touches it, is in the same
        district and shares its main 2025 unit; (2) among the touching survivors of the same district,
        the only one whose new name took a syllable of the removed name (Đông Anh -> Đông Khê absorbing
        Đông Khê; Hà Lai -> Thái Lai absorbing Hà Thái); (3) the longest shared boundary among them
        (preferring those in the same 2025 unit); (4) a removed unit touching only removed units follows
        the neighbour it shares most boundary with ("chain").

    Raises
    ------
    ValueError
        If a removed unit touches no unit at all: nothing can be derived, an admin must say.
    """
    new_codes = set(new[KEY])
    removed = sorted(set(prev[KEY]) - new_codes)
    district = dict(zip(prev[KEY], prev["district_code"], strict=True))
    new_district = dict(zip(new[KEY], new["district_code"], strict=True))
    names = dict(zip(prev[KEY], prev["commune_name"], strict=True))
    tree = shapely.STRtree(geoms.to_numpy())
    codes = geoms.index.to_numpy()
    out: dict[str, Merger] = {}
    pending: dict[str, dict[str, float]] = {}
    for r in removed:
        g = geoms[r]
        near = {codes[i] for i in tree.query(g.buffer(TOUCH_M))} - {r}
        touch = {c: shared_boundary_km(g, geoms[c]) for c in near}
        touch = {c: km for c, km in touch.items() if km > 0}
        if g.geom_type == "Point":  # a unit without a polygon: the polygon that contains it
            touch = {codes[i]: 0.0 for i in tree.query(g, predicate="within")}
        survivors = {c: km for c, km in touch.items() if c in new_codes}
        same_d = {c: km for c, km in survivors.items() if new_district.get(c) == district[r]}
        main25 = next(iter(hold.get(r, {})), None)
        same25 = {c: km for c, km in same_d.items() if main25 in (dest or {}).get(c, hold.get(c, {}))}
        lengths = ", ".join(f"{c} {km:.2f} km" for c, km in sorted(same_d.items(), key=lambda kv: -kv[1]))
        base = f"2025 unit {main25}; touching survivors of the district: {lengths or 'none'}"
        named = [c for c in same_d if c in renamed and _name_took(names[r], *renamed[c])]
        if len(same25) == 1:
            (a,) = same25
            agree = "; the names agree" if a in named else (f"; but the new name of {named} takes from it"
                                                           if named else "")
            out[r] = Merger(version, r, a, "adjacency+district+2025", same_d, base + agree)
            continue
        pool = same25 or same_d
        by_name = [c for c in pool if c in named]
        if len(by_name) == 1:
            out[r] = Merger(version, r, by_name[0], "names", same_d,
                            f"{base}; new name {renamed[by_name[0]][1]!r} takes from {names[r]!r}")
            continue
        if pool:
            ranked = sorted(pool, key=lambda c: (-pool[c], c))
            a = ranked[0]
            margin = (f"; longest {a} {pool[a]:.2f} km against {ranked[1]} {pool[ranked[1]]:.2f} km"
                      if len(ranked) > 1 else f"; the only candidate in the same 2025 unit: {a}")
            close = len(ranked) > 1 and pool[a] < CLOSE_CALL * pool[ranked[1]]
            out[r] = Merger(version, r, a, "shared boundary", same_d, base + margin,
                            "low" if close else "medium")
            continue
        pending[r] = {c: km for c, km in touch.items() if district.get(c) == district[r]} or touch
    # Removed units that touch only removed units follow their longest-shared neighbour, once it is settled.
    while pending:
        progress = False
        for r, touch in list(pending.items()):
            settled = {c: km for c, km in touch.items() if c in out}
            if settled:
                via = max(settled, key=lambda c: (settled[c], c))
                out[r] = Merger(version, r, out[via].absorber, "chain", settled,
                                f"touches only removed units; follows {via} ({settled[via]:.2f} km)", "low")
                del pending[r]
                progress = True
        if not progress:
            raise ValueError(f"{version}: cannot derive where {sorted(pending)} went (no settled neighbour)")
    return [out[r] for r in removed]


def _name_took(removed_name: str, old_name: str, new_name: str) -> bool:
    """Whether the survivor's new name took a syllable of the removed unit's name that it did not have."""
    gained = name_words(new_name) - name_words(old_name)
    return bool(gained & name_words(removed_name))


def dissolve_members(pieces: gpd.GeoSeries, members: Iterable[str]) -> shapely.Geometry:
    """The union of the polygonal ``pieces`` of ``members`` (a point when none of them has a polygon)."""
    parts = [pieces[m] for m in members if m in pieces.index]
    polys = [p for p in parts if p.geom_type != "Point"]
    if polys:
        return shapely.union_all(polys)
    return parts[0] if parts else None


# --------------------------------------------------------------------------------------------- versions

FIRST: Final = "2017-04-19"  # the 2019 list (635 units): the earliest version the product shows
REFORM: Final = "2025-07-01"  # no districts from here on
SOURCES: Final = {
    "2019": (
        (
            "Ranh giới “Map maker Vietnam” (lethanhx2k), khoảng năm 2009, "
            "giấy phép chưa rõ; khớp mã GSO 2019"
        ),
        (
            "“Map maker Vietnam” boundaries (lethanhx2k), about 2009, licence "
            "unclear; matched to the GSO 2019 codes"
        ),
        "about 2009",
    ),
    "dissolved": (
        (
            "Gộp từ ranh giới 2019 (Map maker Vietnam, khoảng 2009) theo các liên kết; liên kết sáp nhập là "
            "suy luận (không có nguồn nêu)"
        ),
        (
            "Dissolved from the 2019 boundaries (Map maker Vietnam, about 2009) through the links; the merger "
            "links are derived (no source states them)"
        ),
        "about 2009",
    ),
    "2025": (
        (
            "Ranh giới 2025: hình học của cổng sắp xếp đơn vị hành chính sapnhap.bando.com.vn, bản tổng hợp mở "
            "(giấy phép MIT)"
        ),
        (
            "2025 boundaries: geometry of the national reorganisation portal sapnhap.bando.com.vn, an open "
            "compilation (MIT licence)"
        ),
        "2025",
    ),
}
CROSSWALK_SOURCE: Final = "dvhcvn/20250701 mapping/merges.json (MIT; produced with a language model, checked by hand)"


def unit_type(name: str) -> str:
    """The unit type from a name's prefix ("Phường Hàm Rồng" -> "Phường")."""
    for prefix in ("Thị trấn", "Phường", "Xã"):
        if name.startswith(prefix + " "):
            return prefix
    raise ValueError(f"no unit prefix in {name!r}")


@dataclass
class Built:
    """Everything :func:`build_versions` makes: the tables written to ``data/units/``."""

    versions: pd.DataFrame
    units: pd.DataFrame
    links: pd.DataFrame
    boundaries: gpd.GeoDataFrame  # key -> geometry (EPSG:4326), one row per distinct shape
    mergers: list[Merger]


def members_key(members: Iterable[str]) -> str:
    """The boundary key of a shape dissolved from 2019 units: ``m:`` and the sorted codes."""
    return "m:" + "+".join(sorted(members))


def apply_corrections(mergers: list[Merger], corrections: pd.DataFrame) -> list[Merger]:
    """Override derived merger links by an admin's rows (``version, removed_code, absorbed_by, reason``).

    Raises
    ------
    ValueError
        If a row names a version/code that is not a derived merger, naming the row.
    """
    by = {(m.version, m.removed): m for m in mergers}
    for i, row in enumerate(corrections.itertuples(index=False), start=2):
        m = by.get((row.version, row.removed_code))
        if m is None:
            raise ValueError(
                f"link corrections, row {i}: {row.version} {row.removed_code} is not a merger of that version"
            )
        by[(row.version, row.removed_code)] = Merger(
            m.version, m.removed, row.absorbed_by, "admin", m.candidates,
            f"corrected by an admin: {row.reason} (derived: {m.absorber}, {m.rule})", "admin",
        )
    return list(by.values())


def read_list(path: str | Path) -> pd.DataFrame:
    """Read one unit list (the columns of ``gso_thanhhoa_2019.csv``) as NFC text, prefixes as the type."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = ["commune_code", "commune_name", "commune_type", "district_code", "district_name"]
    if missing := set(cols) - set(frame.columns):
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    frame = frame[cols].map(lambda v: unicodedata.normalize("NFC", v).strip())
    # One GSO row spells "Thị Trấn Ngọc Lặc": write the prefix exactly as the type, as the 2019 layer does.
    frame["commune_name"] = [
        t + n[len(t):] if n.casefold().startswith(t.casefold() + " ") else n
        for n, t in zip(frame["commune_name"], frame["commune_type"], strict=True)
    ]
    if dupes := sorted(set(frame.loc[frame[KEY].duplicated(), KEY])):
        raise ValueError(f"{path}: duplicate {KEY} {dupes}")
    return frame.sort_values(KEY, ignore_index=True)


@dataclass
class _Sources:
    """The reference data of one build, read once and shared by its steps (see :func:`_read_sources`)."""

    versions: pd.DataFrame  # versions.csv from FIRST on: effective, file, decrees
    lists: dict[str, pd.DataFrame]  # version -> its unit list (read_list), in the order of versions.csv
    changes: pd.DataFrame  # changes.csv: renames and moves per effective date
    crosswalk: pd.DataFrame  # 2025-01 -> 2025-07: old_code, new_code, link ("full" or "partial")
    dest25: dict[str, set[str]]  # old code -> the 2025-07 codes the crosswalk sends it to
    units25: gpd.GeoDataFrame  # the 2025-07 units (EPSG:4326, names NFC, geometry valid at 1e-6°)
    units25_m: gpd.GeoDataFrame  # the same in METRIC_CRS
    shapes25: gpd.GeoSeries  # their metric geometry by code
    pieces: gpd.GeoSeries  # the 2019 layer's metric geometry by code: what every version up to 2025-01 dissolves
    corrections: pd.DataFrame  # an admin's overrides of derived links (version, removed_code, absorbed_by, reason)

    @property
    def ids(self) -> list[str]:
        """The versions built from the lists, oldest first (FIRST … 2025-01-01)."""
        return list(self.lists)


def _read_sources(units_dir: Path, communes: gpd.GeoDataFrame, corrections: pd.DataFrame | None) -> _Sources:
    """Read the lists, changes, crosswalk and 2025 units of ``units_dir``; check the 2019 layer against its list.

    Raises
    ------
    ValueError
        If a list is malformed (:func:`read_list`), or the 2019 layer and the first list hold different codes.
    """
    vers = pd.read_csv(units_dir / "versions.csv", dtype=str, keep_default_na=False)
    vers = vers[vers["effective"] >= FIRST].reset_index(drop=True)
    lists = {v: read_list(units_dir / f) for v, f in zip(vers["effective"], vers["file"], strict=True)}
    changes = pd.read_csv(units_dir / "changes.csv", dtype=str, keep_default_na=False)
    cw = pd.read_csv(units_dir / "crosswalk_2025-01_to_2025-07.csv", dtype=str, keep_default_na=False)
    u25 = gpd.read_file(units_dir / "communes_2025-07.geojson").to_crs(CRS)
    u25 = u25.assign(**{KEY: u25[KEY].astype(str).str.zfill(5)}).sort_values(KEY, ignore_index=True)
    u25["commune_name"] = u25["commune_name"].map(lambda v: unicodedata.normalize("NFC", v).strip())
    u25["geometry"] = shapely.make_valid(shapely.set_precision(u25.geometry.to_numpy(), 1e-6))
    u25m = u25.to_crs(METRIC_CRS)
    corrections = corrections if corrections is not None else pd.DataFrame(
        columns=["version", "removed_code", "absorbed_by", "reason"])
    pieces = communes.set_index(KEY).geometry.to_crs(METRIC_CRS)
    if set(lists[FIRST][KEY]) != set(pieces.index):
        raise ValueError(f"the 2019 layer and {vers['file'][0]} hold different codes")
    return _Sources(
        versions=vers, lists=lists, changes=changes, crosswalk=cw,
        dest25=cw.groupby("old_code")["new_code"].apply(set).to_dict(),
        units25=u25, units25_m=u25m, shapes25=u25m.set_index(KEY).geometry, pieces=pieces, corrections=corrections,
    )


def build_versions(
    units_dir: str | Path,
    communes: gpd.GeoDataFrame,
    border_line: gpd.GeoDataFrame,
    corrections: pd.DataFrame | None = None,
) -> Built:
    """Build every version from the 2019 list (2017-04-19) to the 2025 reform (2025-07-01).

    Parameters
    ----------
    units_dir
        ``../shared/data/units``: ``versions.csv``, the lists, ``changes.csv``, the 2025 crosswalk and
        polygons.
    communes
        The committed 2019 layer (:func:`geo.boundaries.layer.read_communes`): the pieces every version up to
        January 2025 is dissolved from.
    border_line
        The Laos border line (:func:`geo.boundaries.border.read_laos_border`).
    corrections
        An admin's overrides of derived merger links (:func:`apply_corrections`).

    Returns
    -------
    Built
    """
    line = border.metric_line(border_line)
    src = _read_sources(Path(units_dir), communes, corrections)
    # Each version's units as sets of 2019 codes ("members"): a unit's shape is the union of its members'.
    all_members = {FIRST: {c: {c} for c in src.pieces.index}}
    mergers: list[Merger] = []
    links: list[dict] = []
    for a, b in itertools.pairwise(src.ids):
        step_mergers, all_members[b], step_links = _step(src, a, b, all_members[a])
        mergers += step_mergers
        links += step_links
    last = src.ids[-1]
    last_geoms = gpd.GeoSeries({c: dissolve_members(src.pieces, m) for c, m in all_members[last].items() if m},
                               crs=METRIC_CRS)
    links += _crosswalk_links(src.crosswalk, last_geoms, src.shapes25)
    links_df = pd.DataFrame(links).sort_values(["version", KEY, "prev_code"], ignore_index=True)

    units, shapes = _units_and_shapes(src, all_members)
    units = _former_districts(units, src.lists[last], last_geoms, src.shapes25)
    versions = _versions_table(src.versions, units)
    boundaries = _boundaries(shapes)
    units = _border_fields(units, boundaries, communes, line)
    return Built(versions, units, links_df, boundaries, mergers)


def _step(src: _Sources, prev_version: str, version: str, members: Mapping[str, set[str]],
          ) -> tuple[list[Merger], dict[str, set[str]], list[dict]]:
    """One step of the lists, ``prev_version`` to ``version``: its mergers, the new units' members, its links.

    ``members`` are the previous version's (code -> 2019 codes). A removed unit's members go to the unit that
    absorbed it (:func:`derive_mergers`, then an admin's corrections).

    Raises
    ------
    ValueError
        If a merger's absorber is not on the new list.
    """
    prev, new = src.lists[prev_version], src.lists[version]
    geoms = gpd.GeoSeries({c: dissolve_members(src.pieces, members[c]) for c in prev[KEY] if members[c]},
                          crs=METRIC_CRS)
    step = src.changes[src.changes["effective"] == version]
    renamed = {r.commune_code: (r.old_name, r.new_name) for r in step.itertuples()
               if r.change == "renamed_or_moved"}
    mergers = derive_mergers(version, prev, new, geoms, renamed, holders(geoms, src.units25_m),
                             {c: src.dest25[c] for c in new[KEY] if c in src.dest25})
    mergers = apply_corrections(mergers, src.corrections[src.corrections["version"] == version])
    prev_codes = set(prev[KEY])
    new_members = {c: set(members[c]) if c in prev_codes else set() for c in new[KEY]}
    for m in mergers:
        if m.absorber not in new_members:
            raise ValueError(f"{version}: {m.removed} absorbed by {m.absorber}, which is not on the new list")
        new_members[m.absorber] |= members[m.removed]
    return mergers, new_members, _step_links(version, prev, new, mergers)


def _step_links(version: str, prev: pd.DataFrame, new: pd.DataFrame, mergers: Iterable[Merger]) -> list[dict]:
    """The links of one step: each new unit to itself (same, renamed) or to nothing (added), then the mergers."""
    links = []
    prev_codes = set(prev[KEY])
    prev_names = dict(zip(prev[KEY], prev["commune_name"], strict=True))
    prev_d = dict(zip(prev[KEY], prev["district_code"], strict=True))
    prev_dn = dict(zip(prev[KEY], prev["district_name"], strict=True))
    for r in new.itertuples():
        c = r.commune_code
        if c not in prev_codes:
            links.append(_link(version, c, "", "full", np.nan, "added", "official", "changes.csv: added", ""))
            continue
        same = (prev_names[c], prev_d[c], prev_dn[c]) == (r.commune_name, r.district_code, r.district_name)
        links.append(_link(version, c, c, "full", 1.0, "same" if same else "renamed", "official",
                           "same code" if same else "changes.csv: renamed or moved", ""))
    for m in mergers:
        evidence = "admin" if m.rule == "admin" else "derived"
        links.append(_link(version, m.absorber, m.removed, "full", 1.0, "merged", evidence, m.rule, m.detail,
                           m.confidence))
    return links


def _crosswalk_links(crosswalk: pd.DataFrame, last_geoms: gpd.GeoSeries, shapes25: gpd.GeoSeries) -> list[dict]:
    """The links of 2025-01 -> 2025-07 from the crosswalk (official); partial links share the old unit by area.

    ``last_geoms`` are the January 2025 units (metric, by code), ``shapes25`` the 2025-07 ones.
    """
    links = []
    for (old, grp) in crosswalk.groupby("old_code", sort=True):
        part = grp["link"].eq("partial")
        overlap = {n: (last_geoms[old].intersection(shapes25[n]).area if old in last_geoms.index
                       and last_geoms[old].geom_type != "Point" else 1.0) for n in grp["new_code"]}
        total = sum(overlap[n] for n in grp.loc[part, "new_code"]) or 1.0
        for r in grp.itertuples():
            share = overlap[r.new_code] / total if r.link == "partial" else 1.0
            kind = "split" if r.link == "partial" else ("same" if (r.old_code == r.new_code and len(
                crosswalk[crosswalk["new_code"] == r.new_code]) == 1) else "merged")
            links.append(_link(REFORM, r.new_code, r.old_code, r.link, round(share, 4), kind, "official",
                               "crosswalk", CROSSWALK_SOURCE))
    return links


def _units_and_shapes(src: _Sources, all_members: Mapping[str, Mapping[str, set[str]]],
                      ) -> tuple[pd.DataFrame, dict[str, shapely.Geometry]]:
    """The units table of every version (border fields and former districts: later) and the shapes by key.

    A version from the lists gets its units dissolved from their 2019 members (one shape per distinct set of
    members, shared by the versions that have it); 2025-07 gets the 2025 polygons.
    """
    shapes: dict[str, shapely.Geometry] = {}
    rows = [_listed_units(src, v, all_members[v], shapes) for v in src.ids]
    u25 = src.units25
    frame = pd.DataFrame({KEY: u25[KEY], "commune_name": u25["commune_name"],
                          "commune_type": u25["commune_name"].map(unit_type),
                          "district_code": "", "district_name": ""})
    keys = [f"p25:{c}" for c in frame[KEY]]
    for k, g in zip(keys, src.shapes25.to_numpy(), strict=True):
        shapes[k] = g
    rows.append(_unit_rows(REFORM, frame, keys, list(src.shapes25.to_numpy()), [""] * len(frame), {}))
    return pd.concat(rows, ignore_index=True), shapes


def _listed_units(src: _Sources, version: str, members: Mapping[str, set[str]],
                  shapes: dict[str, shapely.Geometry]) -> pd.DataFrame:
    """The units table of a version from the lists; adds the shapes its units use to ``shapes``."""
    frame = src.lists[version].copy()
    keys, geoms, notes = [], [], []
    for c in frame[KEY]:
        m = members[c]
        if m:
            key = members_key(m)
            shapes.setdefault(key, dissolve_members(src.pieces, m))
            note = "" if shapes[key].geom_type != "Point" else "no boundary in the 2019 source"
        else:  # listed again with no land of its own in the 2019 polygons (2025-01: 16387, 16411)
            key = f"pt:{version}:{c}"
            shapes[key] = (src.pieces[c].representative_point() if c in src.pieces.index
                           else src.shapes25[next(iter(sorted(src.dest25[c])))].representative_point())
            note = "no boundary: listed again in 2025-01 with no land of its own in the 2019 polygons"
        keys.append(key)
        geoms.append(shapes[key])
        notes.append(note)
    return _unit_rows(version, frame, keys, geoms, notes, members)


def _versions_table(vers: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The versions table: each version's dates, list file, decrees, counts and boundary source."""
    counts = units.groupby("version").agg(units=(KEY, "size"), districts=("district_code",
                                                                              lambda s: s[s != ""].nunique()))
    ids = vers["effective"].tolist()
    all_ids = [*ids, REFORM]
    versions = pd.DataFrame({
        "version": all_ids,
        "until": [*(pd.to_datetime(all_ids[1:]) - pd.Timedelta(days=1)).strftime("%Y-%m-%d"), ""],
        "list_file": [*vers["file"], "communes_2025-07.geojson"],
        "decrees": [*vers["decrees"], "1686/NQ-UBTVQH15: sắp xếp các đơn vị hành chính cấp xã của tỉnh Thanh Hóa"],
    })
    versions = versions.join(counts, on="version")
    kind = ["2019", *["dissolved"] * (len(ids) - 1), "2025"]
    versions["boundary_source_vi"] = [SOURCES[k][0] for k in kind]
    versions["boundary_source_en"] = [SOURCES[k][1] for k in kind]
    versions["boundary_vintage"] = [SOURCES[k][2] for k in kind]
    return versions


def _boundaries(shapes: Mapping[str, shapely.Geometry]) -> gpd.GeoDataFrame:
    """The boundaries table: one row per shape key, in EPSG:4326 at 1e-6°, sorted by key."""
    boundaries = gpd.GeoDataFrame({"key": list(shapes)}, geometry=list(shapes.values()), crs=METRIC_CRS)
    boundaries = boundaries.to_crs(CRS)
    boundaries["geometry"] = shapely.set_precision(boundaries.geometry.to_numpy(), 1e-6)
    return boundaries.sort_values("key", ignore_index=True)


def _link(version: str, code: str, prev_code: str, link: str, share: float, kind: str, evidence: str,
          rule: str, detail: str, confidence: str = "") -> dict:
    return {"version": version, KEY: code, "prev_code": prev_code, "link": link, "share": share, "kind": kind,
            "evidence": evidence, "rule": rule, "confidence": confidence, "detail": detail}


def _unit_rows(version: str, frame: pd.DataFrame, keys: list[str], geoms: list, notes: list[str],
               members: Mapping[str, set[str]]) -> pd.DataFrame:
    """The units table of one version: attributes, boundary key, area, members (border fields: later)."""
    g = gpd.GeoSeries(geoms, index=frame[KEY].to_numpy(), crs=METRIC_CRS)
    has = np.array([x.geom_type != "Point" for x in g])
    return frame.assign(version=version, boundary_key=keys, has_boundary=has,
                        area_km2=np.where(has, g.area.to_numpy() / 1e6, np.nan).round(3), boundary_note=notes,
                        members=[" ".join(sorted(members.get(c, ()))) for c in frame[KEY]])


def _border_fields(units: pd.DataFrame, boundaries: gpd.GeoDataFrame, communes: gpd.GeoDataFrame,
                   line: shapely.Geometry) -> pd.DataFrame:
    """``units`` with each version's Laos-border fields, measured on its lines as the app reads them.

    :func:`geo.boundaries.border.measure` on the stored shapes (EPSG:4326, 6 decimals), and for 2017-04-19 on
    the 2019 layer itself (``data/communes.geojson`` is that version's layer): a layer's figures are exactly
    what measuring it again gives, which :func:`geo.boundaries.border.border_fields` relies on.
    """
    shapes = boundaries.set_index("key").geometry
    first = communes.set_index(KEY).geometry
    flags = pd.Series(False, index=units.index)
    km = pd.Series(0.0, index=units.index)
    for version, rows in units.groupby("version", sort=False):
        geoms = first.reindex(rows[KEY]) if version == FIRST else shapes.loc[rows["boundary_key"]]
        fields = border.measure(gpd.GeoSeries(geoms.to_numpy(), index=rows.index, crs=CRS), line)
        flags[rows.index], km[rows.index] = fields["is_laos_border"], fields["laos_border_km"]
    return units.assign(is_laos_border=flags, laos_border_km=km)


def _former_districts(units: pd.DataFrame, last_list: pd.DataFrame, last_geoms: gpd.GeoSeries,
                      g25: gpd.GeoSeries) -> pd.DataFrame:
    """For each 2025-07 unit: the January 2025 district where most of its area lay, and that share."""
    district = dict(zip(last_list[KEY], last_list["district_code"], strict=True))
    dname = dict(zip(last_list["district_code"], last_list["district_name"], strict=False))
    by_d = gpd.GeoSeries({d: shapely.union_all([last_geoms[c] for c in last_geoms.index
                                                if district[c] == d and last_geoms[c].geom_type != "Point"])
                          for d in sorted(set(district.values()))}, crs=METRIC_CRS)
    tree = shapely.STRtree(by_d.to_numpy())
    fd, fname, fshare = [], [], []
    for v, c in zip(units["version"], units[KEY], strict=True):
        if v != REFORM:
            fd.append("")
            fname.append("")
            fshare.append(np.nan)
            continue
        geom = g25[c]
        areas = {by_d.index[i]: geom.intersection(by_d.iloc[i]).area for i in tree.query(geom)}
        best = max(areas, key=areas.get)
        fd.append(best)
        fname.append(dname[best])
        fshare.append(round(areas[best] / sum(areas.values()), 3))
    return units.assign(former_district_code=fd, former_district_name=fname, former_district_share=fshare)
