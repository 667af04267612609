"""The Laos border: its line, its length, and the border communes of any unit version, by one measure.

One measure for every layer: the line (``data/laos_border_line.geojson``) is cut into pieces of
:data:`BORDER_PIECE_M` and each piece goes to the nearest polygon within :data:`BORDER_REACH_M`; a unit that
gets at least :data:`BORDER_MIN_KM` is a border commune, with that many kilometres (:func:`measure`). The 2019
layer (``scripts/build_communes.py``), every later version (``scripts/build_units.py``) and a layer with boundary
revisions laid over it (:func:`border_fields`) are measured by it, so the kilometres of every version sum to the
line's length (:func:`line_km`, 197.0 km) less the pieces left to units below 1 km. The reference list's
shared-edge lengths (``laos_border_communes.csv``, 205.3 km: some stretches counted for two communes) are not
used.

The border page, the sheets and the exports read the figures from the layer of the period's version; the page's
caption reads the line's length from :func:`line_km`.

This module sits below :mod:`geo.boundaries.layer` (which measures the 2019 layer with it) and
:mod:`geo.units.build` (every later version). Imports: geo.contract, geo.text.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.contract import CRS, KEY, LAOS_BORDER_PATH, METRIC_CRS, ContractError
from geo.text.names import nfc_frame

# Pieces of the line of this length go to the nearest polygon within BORDER_REACH_M (the 2025 survey's edges do
# not coincide with the 2009 line the border was derived from); a unit with >= BORDER_MIN_KM is a border commune.
BORDER_PIECE_M: Final = 25.0
BORDER_REACH_M: Final = 3000.0
BORDER_MIN_KM: Final = 1.0


def read_laos_border(path: str | Path = LAOS_BORDER_PATH) -> gpd.GeoDataFrame:
    """Read the Thanh Hóa – Laos border line (one LineString/MultiLineString feature) in EPSG:4326.

    Raises
    ------
    ContractError
        If the file holds anything but line features, or no feature at all.
    """
    line = gpd.read_file(path, engine="pyogrio")
    line = line.to_crs(CRS) if line.crs is not None else line.set_crs(CRS)
    if line.empty:
        raise ContractError(f"{Path(path)}: no feature")
    if bad := sorted(set(line.geom_type) - {"LineString", "MultiLineString"}):
        raise ContractError(f"{Path(path)}: expected line features, got {bad}")
    return nfc_frame(line)


def metric_line(border_line: gpd.GeoDataFrame) -> shapely.Geometry:
    """The border line's features merged into one line in METRIC_CRS, as :func:`measure` takes it."""
    return shapely.line_merge(shapely.union_all(border_line.to_crs(METRIC_CRS).geometry.to_numpy()))


@functools.lru_cache(maxsize=2)
def _committed_line(path: str, mtime_ns: int) -> shapely.Geometry:  # mtime_ns: part of the key
    return metric_line(read_laos_border(path))


def laos_line() -> shapely.Geometry:
    """The committed border line (``data/laos_border_line.geojson``) in METRIC_CRS, read again when it changes."""
    return _committed_line(str(LAOS_BORDER_PATH), LAOS_BORDER_PATH.stat().st_mtime_ns)


def line_km(border_line: gpd.GeoDataFrame | None = None) -> float:
    """The length of the border line in km, measured in METRIC_CRS (the committed line by default: 196.98 km).

    The one source of the border's length: the border page's caption and the ``length_km`` written into the
    line's file.
    """
    line = laos_line() if border_line is None else metric_line(border_line)
    return float(line.length / 1000)


def border_km(geoms: gpd.GeoSeries, line: shapely.Geometry) -> pd.Series:
    """Kilometres of the border ``line`` nearest to each polygon of ``geoms`` (METRIC_CRS, indexed by code).

    The line is cut into pieces of :data:`BORDER_PIECE_M` and each piece is given to the nearest polygon
    within :data:`BORDER_REACH_M`: every version's own geometry decides, even where its edges do not coincide
    with the line (the 2025 survey). Units without a polygon get 0. Unrounded; :func:`measure` gives the
    figures the layers carry.
    """
    polys = geoms[[g is not None and g.geom_type != "Point" for g in geoms]]
    dists = np.arange(0, line.length, BORDER_PIECE_M)
    mids = shapely.line_interpolate_point(line, (dists + np.minimum(dists + BORDER_PIECE_M, line.length)) / 2)
    seg = np.diff(np.append(dists, line.length))
    tree = shapely.STRtree(polys.to_numpy())
    (mid_i, poly_i), _ = tree.query_nearest(mids, max_distance=BORDER_REACH_M, return_distance=True, all_matches=False)
    km = np.zeros(len(polys))
    np.add.at(km, poly_i, seg[mid_i] / 1000.0)
    return pd.Series(km, index=polys.index).reindex(geoms.index, fill_value=0.0)


# The nearest-polygon query costs about 0.7 s on the 17 polygons within reach of the line (full resolution);
# a layer with revisions is measured on every rerun that asks for it, so the result is kept by content.
_MEASURED: dict[str, pd.Series] = {}
_MEASURED_MAX: Final = 8
_MEASURED_LOCK: Final = threading.Lock()  # Streamlit serves sessions on threads of one process


def _near_km(near: gpd.GeoSeries, line: shapely.Geometry) -> pd.Series:
    """:func:`border_km` of the polygons within reach, rounded to 2 decimals, kept by their codes and content."""
    digest = hashlib.sha256(line.wkb)
    for code, geom in near.items():
        digest.update(str(code).encode() + shapely.to_wkb(geom))
    key = digest.hexdigest()
    with _MEASURED_LOCK:
        if key in _MEASURED:
            return _MEASURED[key]
    measured = border_km(near, line).round(2)  # outside the lock: another session need not wait for it
    with _MEASURED_LOCK:
        while len(_MEASURED) >= _MEASURED_MAX:
            _MEASURED.pop(next(iter(_MEASURED)))
        _MEASURED[key] = measured
    return measured


def measure(geoms: gpd.GeoSeries, line: shapely.Geometry | None = None) -> pd.DataFrame:
    """The border communes among ``geoms`` and their kilometres of the line: the one Laos-border measure.

    Parameters
    ----------
    geoms : geopandas.GeoSeries
        The units of one version (polygons; points for units without a boundary), in any CRS, indexed by code.
    line : shapely.Geometry, optional
        The border line in METRIC_CRS (:func:`metric_line`); the committed line by default.

    Returns
    -------
    pandas.DataFrame
        On ``geoms``' index: ``is_laos_border`` (at least :data:`BORDER_MIN_KM` of the line is nearest to the
        unit) and ``laos_border_km`` (those kilometres, 2 decimals; 0.0 for the other units).

    Examples
    --------
    >>> from geo.boundaries.layer import read_communes
    >>> layer = read_communes()
    >>> fields = measure(layer.set_index("commune_code").geometry)
    >>> int(fields["is_laos_border"].sum()), round(float(fields["laos_border_km"].sum()), 1)
    (17, 197.0)
    """
    line = laos_line() if line is None else line
    metric = geoms.to_crs(METRIC_CRS) if geoms.crs is not None and geoms.crs != METRIC_CRS else geoms
    values = metric.to_numpy()
    polygonal = np.asarray([g is not None and not g.is_empty and g.geom_type != "Point" for g in values])
    near = polygonal & shapely.dwithin(values, line, BORDER_REACH_M)
    km = _near_km(metric[near], line).reindex(metric.index, fill_value=0.0).to_numpy() if near.any() else (
        np.zeros(len(metric)))
    flags = km >= BORDER_MIN_KM
    return pd.DataFrame({"is_laos_border": flags, "laos_border_km": np.where(flags, km, 0.0)}, index=geoms.index)


def border_fields(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> tuple[pd.Series, pd.Series]:
    """``is_laos_border`` and ``laos_border_km`` of ``after``, the layer ``before`` with some units redrawn.

    Every layer carries :func:`measure`'s figures, so only a redrawn unit within reach of the line (before or
    after) can change them: then ``after`` is measured again (a unit drawn back from the line stops being a
    border commune, its neighbour may take the pieces it left); otherwise ``after``'s figures stand and nothing
    is measured.

    Parameters
    ----------
    before, after
        Layers of the same units in the same order (``after`` from
        :func:`geo.boundaries.revisions.apply_revisions`), EPSG:4326.

    Returns
    -------
    tuple of pandas.Series
        The flags (bool) and lengths (km, 2 decimals), on ``after``'s index.
    """
    flags = after["is_laos_border"].astype(bool).copy()
    km = after["laos_border_km"].astype(float).copy()
    redrawn = ~after.geometry.geom_equals_exact(before.geometry, tolerance=0.0)
    if not redrawn.any():
        return flags, km
    line = laos_line()
    reach = (shapely.dwithin(before.geometry.to_crs(METRIC_CRS).to_numpy(), line, BORDER_REACH_M)
             | shapely.dwithin(after.geometry.to_crs(METRIC_CRS).to_numpy(), line, BORDER_REACH_M))
    if not (redrawn.to_numpy() & reach).any():
        return flags, km
    fields = measure(after.geometry.set_axis(after[KEY].to_numpy()), line)
    return (pd.Series(fields["is_laos_border"].to_numpy(), index=after.index),
            pd.Series(fields["laos_border_km"].to_numpy(), index=after.index))
