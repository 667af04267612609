"""The commune boundaries layer: build it from the reference data, read it back, dissolve districts.

Every function here works in :data:`geo.contract.CRS` (EPSG:4326) for storage and in
:data:`geo.contract.METRIC_CRS` (VN-2000 / UTM 48N) for areas. Nothing here imports Streamlit.

The built layer holds all 635 commune-level units of the GSO 2019 list: 633 polygons and 2 points for the
units that the boundary source predates (``has_boundary`` is False and ``area_km2`` is null for those). Its
Laos-border fields are measured from the border line by :func:`geo.boundaries.border.measure`, as every
version's are.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pandas.api.types import is_bool_dtype, is_float_dtype, is_string_dtype

from geo.boundaries import border
from geo.contract import COMMUNE_FIELDS, COMMUNES_PATH, CRS, KEY, METRIC_CRS, ContractError
from geo.text.names import nfc_frame

GRID: Final = 1e-6  # 6-decimal degrees (~0.1 m): the resolution of the source and of the written file
POLYGONAL: Final = frozenset({"Polygon", "MultiPolygon"})
CODE_RE: Final = re.compile(r"\d{5}")
DISTRICT_RE: Final = re.compile(r"\d{3}")
TEXT_FIELDS: Final = ("commune_code", "commune_name", "commune_type", "district_code", "district_name")
GSO_FIELDS: Final = ("district_code", "district_name", "commune_code", "commune_name", "commune_type")
# The categories of the source's ``match`` field; "exact+absorbed:<old commune>" counts as "absorbed".
MATCH_KINDS: Final = ("exact", "moved_district", "spelling", "renamed", "absorbed")


# --------------------------------------------------------------------------------------------- build


def build_communes(full_path: str | Path, missing_path: str | Path, gso_path: str | Path,
                   border_line: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Build the 635-unit communes layer from the reference files.

    Parameters
    ----------
    full_path
        ``communes_2019_full.geojson``: the commune polygons keyed by the 2019 GSO code.
    missing_path
        ``communes_2019_missing_points.geojson``: one point for each GSO unit without a polygon.
    gso_path
        ``gso_thanhhoa_2019.csv``: the official list; it wins over the names in the two geometry files.
    border_line
        The Laos border line (:func:`geo.boundaries.border.read_laos_border`): ``is_laos_border`` and
        ``laos_border_km`` are measured from it (:func:`geo.boundaries.border.measure`), as for every later
        version, not copied from the source's shared-edge lengths.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COMMUNE_FIELDS` plus ``geometry``, in EPSG:4326, ordered by ``commune_code``.
        Polygons are valid and snapped to the 6-decimal grid; ``area_km2`` is computed in METRIC_CRS and is
        NaN (null in GeoJSON) for the point units.

    Raises
    ------
    ValueError
        If a GSO code is missing from both geometry files, a geometry file holds a code that is not on the
        GSO list, or a code occurs more than once; the message names the code(s) and the file.
    """
    gso = _read_gso(gso_path)
    polys = _fix_prefix_case(nfc_frame(gpd.read_file(full_path).to_crs(CRS)))
    points = nfc_frame(gpd.read_file(missing_path).to_crs(CRS))
    if points.empty and KEY not in points.columns:  # GeoJSON with no features carries no columns
        points[KEY] = pd.Series(dtype="str")
    _check_codes(gso, {Path(full_path): polys, Path(missing_path): points}, Path(gso_path))
    _check_names(gso, polys, Path(full_path))
    _check_names(gso, points, Path(missing_path))

    # On the 2019 source no polygon needed fixing: 0 of 633 invalid, all Polygon/MultiPolygon, before and
    # after snapping to the source's own 1e-6 grid. Only 1,260 repeated consecutive vertices are dropped
    # (163,997 -> 162,737, in 42 polygons). The repair stays so that a new source cannot slip through.
    geoms = _valid_polygonal(polys.geometry)
    if bad := polys.loc[geoms.is_empty, KEY].tolist():
        raise ValueError(f"{Path(full_path)}: no polygonal part left after repair for {KEY} {bad}")
    shaped = pd.concat(
        [
            pd.DataFrame(
                {
                    KEY: polys[KEY],
                    "has_boundary": True,
                    "geometry": geoms.to_numpy(),
                }
            ),
            pd.DataFrame(
                {
                    KEY: points[KEY],
                    "has_boundary": False,
                    "geometry": shapely.set_precision(points.geometry.to_numpy(), GRID),
                }
            ),
        ],
        ignore_index=True,
    )
    out = gso.merge(shaped, on=KEY, how="left", validate="one_to_one")
    out = gpd.GeoDataFrame(out, geometry="geometry", crs=CRS)
    fields = border.measure(out.geometry, border.metric_line(border_line))
    out["is_laos_border"], out["laos_border_km"] = fields["is_laos_border"], fields["laos_border_km"]
    areas = out.geometry.to_crs(METRIC_CRS).area / 1e6
    out["area_km2"] = areas.where(out["has_boundary"], np.nan).round(3)
    out = out.sort_values(KEY, ignore_index=True)
    return validate_communes(out[[*COMMUNE_FIELDS, "geometry"]])


def match_counts(full_path: str | Path) -> dict[str, int]:
    """Count how the source polygons were matched to GSO codes, by the categories of :data:`MATCH_KINDS`.

    ``spelling_variant`` counts as ``spelling``; ``exact+absorbed:<old commune>`` (a township whose own
    polygon matched exactly and that absorbed a commune dissolved in 2015) counts as ``absorbed``.
    """
    raw = gpd.read_file(full_path, columns=["match"], read_geometry=False)["match"]
    kinds = raw.str.replace(r"^exact\+absorbed:.*$", "absorbed", regex=True).replace(
        "spelling_variant", "spelling"
    )
    if unknown := sorted(set(kinds) - set(MATCH_KINDS)):
        raise ValueError(f"{Path(full_path)}: unknown match values {unknown}")
    return {kind: int((kinds == kind).sum()) for kind in MATCH_KINDS}


def _read_gso(path: str | Path) -> pd.DataFrame:
    """Read the GSO list as NFC text columns; check code format and uniqueness."""
    gso = pd.read_csv(path, dtype=str, keep_default_na=False)
    if missing := set(GSO_FIELDS) - set(gso.columns):
        raise ValueError(f"{Path(path)}: missing columns {sorted(missing)}")
    gso = nfc_frame(gso[list(GSO_FIELDS)])
    _check_code_format(gso[KEY], Path(path))
    gso = _fix_prefix_case(gso)
    if dupes := sorted(set(gso.loc[gso[KEY].duplicated(), KEY])):
        raise ValueError(f"{Path(path)}: duplicate {KEY} {dupes}")
    return gso


def _fix_prefix_case(frame: pd.DataFrame) -> pd.DataFrame:
    """Spell the name prefix exactly as ``commune_type`` (the 2019 list has "Thị Trấn Ngọc Lặc", 15061)."""
    if not {"commune_name", "commune_type"} <= set(frame.columns):
        return frame
    out = frame.copy()
    for i, name, kind in zip(out.index, out["commune_name"], out["commune_type"], strict=True):
        if name.casefold().startswith(f"{kind.casefold()} ") and not name.startswith(f"{kind} "):
            out.loc[i, "commune_name"] = f"{kind}{name[len(kind) :]}"
    return out


def _check_code_format(codes: pd.Series, path: Path) -> None:
    """Raise if any code is not 5-digit text."""
    if bad := [c for c in codes if not (isinstance(c, str) and CODE_RE.fullmatch(c))]:
        raise ValueError(f"{path}: {KEY} must be 5-digit text, got {bad[:5]!r}")


def _check_codes(gso: pd.DataFrame, sources: dict[Path, pd.DataFrame], gso_path: Path) -> None:
    """Every GSO code exactly once across ``sources``, and nothing else."""
    wanted = set(gso[KEY])
    seen: dict[str, Path] = {}
    for path, frame in sources.items():
        if KEY not in frame.columns and not frame.empty:
            raise ValueError(f"{path}: no {KEY!r} column")
        _check_code_format(frame[KEY], path)
        if dupes := sorted(set(frame.loc[frame[KEY].duplicated(), KEY])):
            raise ValueError(f"{path}: duplicate {KEY} {dupes}")
        if again := sorted(set(frame[KEY]) & seen.keys()):
            raise ValueError(f"{path}: {KEY} {again} also in {seen[again[0]]}")
        if unknown := sorted(set(frame[KEY]) - wanted):
            raise ValueError(f"{path}: {KEY} {unknown} not in the GSO list {gso_path}")
        seen.update(dict.fromkeys(frame[KEY], path))
    if absent := sorted(wanted - seen.keys()):
        names = ", ".join(str(p) for p in sources)
        raise ValueError(f"{gso_path}: {KEY} {absent} found in none of {names}")


def _check_names(gso: pd.DataFrame, frame: pd.DataFrame, path: Path) -> None:
    """Warn where ``frame`` disagrees with the GSO list on names, types or districts (the GSO list wins)."""
    cols = [c for c in GSO_FIELDS if c != KEY and c in frame.columns]
    both = frame[[KEY, *cols]].merge(gso, on=KEY, suffixes=("", "_gso"))
    for col in cols:
        diff = both.loc[both[col] != both[f"{col}_gso"], [KEY, col, f"{col}_gso"]]
        if not diff.empty:
            pairs = [f"{r[0]}: {r[1]!r} -> {r[2]!r}" for r in diff.itertuples(index=False)]
            warnings.warn(f"{path}: {col} differs from the GSO list, using GSO: {pairs[:5]}", stacklevel=3)


def _valid_polygonal(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Snap to the output grid, drop repeated vertices, repair with make_valid where needed, keep polygons."""
    # "pointwise" keeps every vertex, ring start and orientation of the source; validity is checked after.
    snapped = shapely.remove_repeated_points(shapely.set_precision(geoms.to_numpy(), GRID, mode="pointwise"))
    snapped = gpd.GeoSeries(snapped, index=geoms.index, crs=geoms.crs)
    fixed = snapped.where(snapped.is_valid, snapped.make_valid())
    return fixed.map(_polygonal_part).set_crs(geoms.crs, allow_override=True)


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    """Return the Polygon/MultiPolygon part of ``geom`` (an empty Polygon if there is none)."""
    if geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in POLYGONAL]
    polys = [p for g in parts for p in (g.geoms if g.geom_type == "MultiPolygon" else [g])]
    if not polys:
        return shapely.Polygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


# ---------------------------------------------------------------------------------------- read back


def read_communes(path: str | Path = COMMUNES_PATH) -> gpd.GeoDataFrame:
    """Read the built communes layer and check it against the contract.

    Parameters
    ----------
    path
        A GeoJSON written by ``scripts/build_communes.py``, or a GeoParquet file with the same columns.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COMMUNE_FIELDS` plus ``geometry``: codes and names as text, flags as bool,
        ``laos_border_km`` and ``area_km2`` as float (``area_km2`` NaN where ``has_boundary`` is False).

    Raises
    ------
    ContractError
        If the file breaks the contract; the message names the offending column, code or value.
    """
    # GeoParquet too (GDAL may lack its Parquet driver, so through geopandas): a national layer reads in 1 s.
    gdf = gpd.read_parquet(path) if str(path).endswith(".parquet") else gpd.read_file(path, engine="pyogrio")
    if missing := [c for c in COMMUNE_FIELDS if c not in gdf.columns]:
        raise ContractError(f"{Path(path)}: missing columns {missing}")
    for col in TEXT_FIELDS:
        if not is_string_dtype(gdf[col]):  # e.g. codes written as JSON numbers: 14755 instead of "14755"
            raise ContractError(f"{Path(path)}: column {col!r} is {gdf[col].dtype}, expected text")
    for col in ("is_laos_border", "has_boundary"):
        if gdf[col].isna().any() or not is_bool_dtype(gdf[col]):
            raise ContractError(f"{Path(path)}: column {col!r} must be true/false everywhere")
    gdf = gdf.astype(dict.fromkeys(TEXT_FIELDS, "str") | {"laos_border_km": "float64", "area_km2": "float64"})
    return validate_communes(gdf[[*COMMUNE_FIELDS, gdf.geometry.name]])


def validate_communes(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``gdf`` unchanged if it satisfies the communes contract, else raise :class:`ContractError`.

    Checked: columns, dtypes, CRS, 5-digit unique codes, 3-digit district codes, NFC names, geometry type
    per ``has_boundary`` (polygonal, or a point without a boundary), validity, areas and border lengths.
    """
    if missing := [c for c in COMMUNE_FIELDS if c not in gdf.columns]:
        raise ContractError(f"missing columns: {missing}")
    for col in TEXT_FIELDS:
        if not is_string_dtype(gdf[col]):
            raise ContractError(f"column {col!r} has dtype {gdf[col].dtype}, expected text")
    for col in ("is_laos_border", "has_boundary"):
        if not is_bool_dtype(gdf[col]):
            raise ContractError(f"column {col!r} has dtype {gdf[col].dtype}, expected bool")
    for col in ("laos_border_km", "area_km2"):
        if not is_float_dtype(gdf[col]):
            raise ContractError(f"column {col!r} has dtype {gdf[col].dtype}, expected float")
    if gdf.crs is None or gdf.crs != CRS:
        raise ContractError(f"CRS is {gdf.crs}, expected {CRS}")
    _expect(gdf, ~gdf[KEY].str.fullmatch(CODE_RE.pattern), KEY, "is not 5-digit text")
    _expect(
        gdf, ~gdf["district_code"].str.fullmatch(DISTRICT_RE.pattern), "district_code", "is not 3-digit text"
    )
    if dupes := sorted(set(gdf.loc[gdf[KEY].duplicated(), KEY])):
        raise ContractError(f"duplicate {KEY!r} values: {dupes[:5]}")
    for col in ("commune_name", "commune_type", "district_name"):
        _expect(gdf, gdf[col] != gdf[col].map(lambda s: unicodedata.normalize("NFC", s)), col, "is not NFC")
    prefixed = [n.startswith(f"{k} ") for n, k in zip(gdf["commune_name"], gdf["commune_type"], strict=True)]
    _expect(
        gdf,
        ~pd.Series(prefixed, index=gdf.index, dtype=bool),
        "commune_name",
        "lacks its commune_type prefix",
    )
    geom = gdf.geometry
    _expect(gdf, geom.isna() | geom.is_empty, KEY, "has no geometry")
    kinds = geom.geom_type
    _expect(gdf, gdf["has_boundary"] & ~kinds.isin(POLYGONAL), KEY, "has a boundary but no polygon")
    _expect(gdf, ~gdf["has_boundary"] & (kinds != "Point"), KEY, "has no boundary but is not a point")
    _expect(gdf, ~geom.is_valid, KEY, "has an invalid geometry")
    _expect(gdf, gdf["has_boundary"] & ~(gdf["area_km2"] > 0), KEY, "has a polygon but no positive area_km2")
    _expect(gdf, ~gdf["has_boundary"] & gdf["area_km2"].notna(), KEY, "has no polygon but an area_km2")
    _expect(
        gdf,
        gdf["is_laos_border"] != (gdf["laos_border_km"] > 0),
        KEY,
        "is_laos_border/laos_border_km disagree",
    )
    return gdf


def _expect(gdf: gpd.GeoDataFrame, bad: pd.Series, col: str, what: str) -> None:
    """Raise ContractError naming the first offending values of ``col`` where ``bad`` is True."""
    if bad.any():
        values = gdf.loc[bad.to_numpy(), col].tolist()
        raise ContractError(f"{col} {values[:5]!r} {what} ({len(values)} rows)")


# --------------------------------------------------------------------------------- derived layers


def dissolve_districts(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """District outlines, dissolved from the commune polygons (never taken from any other file).

    Parameters
    ----------
    communes
        A layer satisfying the contract (as returned by :func:`read_communes` or :func:`build_communes`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per district, ordered by ``district_code``: ``district_code``, ``district_name``,
        ``commune_count`` (all units, the point units included), ``area_km2`` (of the dissolved outline,
        METRIC_CRS, 3 decimals) and ``geometry`` in EPSG:4326.
    """
    by = ["district_code", "district_name"]
    counts = communes.groupby(by).size().rename("commune_count").reset_index()
    polys = communes.loc[communes["has_boundary"], [*by, communes.geometry.name]]
    outlines = polys.dissolve(by=by, as_index=False)
    out = counts.merge(outlines, on=by, how="left", validate="one_to_one")
    out = gpd.GeoDataFrame(out, geometry=communes.geometry.name, crs=communes.crs).to_crs(CRS)
    out["area_km2"] = (out.geometry.to_crs(METRIC_CRS).area / 1e6).round(3)
    out = out.sort_values("district_code", ignore_index=True)
    return out[[*by, "commune_count", "area_km2", out.geometry.name]]


def summarise(communes: gpd.GeoDataFrame) -> dict[str, object]:
    """Headline counts of a communes layer: units, polygons, points, districts, border communes, area.

    ``border_district_names``: the districts of the border communes (without "Huyện"), in code order.
    """
    from geo.text.names import without_prefix

    on_border = communes.loc[communes["is_laos_border"].astype(bool)]
    return {
        "units": len(communes),
        "polygons": int(communes["has_boundary"].sum()),
        "points": int((~communes["has_boundary"]).sum()),
        "districts": communes["district_code"].nunique(),
        "border_communes": len(on_border),
        "border_districts": on_border["district_code"].nunique(),
        "border_district_names": tuple(without_prefix(n) for n in on_border.sort_values("district_code")
                                       .drop_duplicates("district_code")["district_name"]),
        "area_km2": round(float(communes["area_km2"].sum()), 1),
    }
