"""Light geometry for the browser: a simplified TopoJSON of the communes, as a compact JSON string.

Simplification is topological (the ``topojson`` package simplifies each shared arc once), so neighbours
keep sharing their edges. The default quantisation is kept on purpose: ``prequantize=False`` leaves gaps and
overlaps on this data, because neighbouring source lines do not match exactly (KNOWN-TRAPS).

Colours are not in here: the layer carries the geometry, the commune code as feature ``id`` and the names
for tooltips, so it can be built (and cached by the caller under :func:`layer_key`) once per boundary file
and reused for every theme and period. No caching happens in ``geo/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np
import shapely
import topojson
from shapely.geometry import MultiPolygon, Point, Polygon, shape

from geo.contract import CRS, KEY

if TYPE_CHECKING:
    import geopandas as gpd

_BBOX: Final = re.compile(r'"bbox":(\[[^\]]*\])')
OBJECT: Final = "communes"  # name of the TopoJSON object holding the units
# Tolerances in degrees (Douglas–Peucker on the arcs). 1° of latitude is about 111 km.
PROVINCE_TOLERANCE: Final = 0.001  # ~100 m: invisible at province zoom (~8-9), ~260 KB for Thanh Hóa
DISTRICT_TOLERANCE: Final = 0.0002  # ~20 m: for a single district at zoom 11-12
NATIONAL_TOLERANCE: Final = 0.01  # ~1 km: the whole country at zoom 5-6 (about 0.02° a pixel)
# The tolerance follows the extent shown: a map fitted to an extent of E degrees across ~1,000 px shows about
# E/1000 degrees a pixel; E/1700 keeps every simplification under a pixel. Thanh Hóa (1.70° wide) gets
# PROVINCE_TOLERANCE, a district the finer DISTRICT_TOLERANCE, the country (15°) about 0.009°.
EXTENT_PER_TOLERANCE: Final = 1700
# Quantisation grid of the arcs: 1e5 cells across the layer's extent (about 2 m for a province, 15 m for the
# country), finer than any tolerance above. Snapping to a grid is what joins neighbouring lines that do not
# match exactly in the source (KNOWN-TRAPS: without it there are gaps and overlaps).
QUANTIZATION: Final = 100_000
# Only what the map needs: the code is the feature ``id``; ``district_code`` draws the district lines. Names
# travel in the tooltips, which change with the theme anyway.
WEB_PROPERTIES: Final = ("district_code",)


def tolerance_for(extent: float) -> float:
    """The simplification tolerance (degrees) for a layer whose bounding box is ``extent`` degrees across.

    ``extent / EXTENT_PER_TOLERANCE``, between :data:`DISTRICT_TOLERANCE` and :data:`NATIONAL_TOLERANCE`:
    more detail when a planner narrows the map to a district, less for a region or the whole country.
    """
    return min(max(extent / EXTENT_PER_TOLERANCE, DISTRICT_TOLERANCE), NATIONAL_TOLERANCE)


def tolerance_of(gdf: gpd.GeoDataFrame) -> float:
    """:func:`tolerance_for` the bounding box of ``gdf`` (the communes shown): the live map and the HTML export."""
    minx, miny, maxx, maxy = gdf.total_bounds
    return tolerance_for(float(max(maxx - minx, maxy - miny)))


def layer_key(source_hash: str, tolerance: float, codes: tuple[str, ...] | None = None) -> str:
    """A cache key for :func:`web_layer`: the caller's hash of the source, the tolerance, the subset."""
    subset = hashlib.sha1(",".join(codes).encode()).hexdigest()[:12] if codes is not None else "all"
    return f"{source_hash}:{tolerance:g}:{subset}:q{QUANTIZATION}:{','.join(WEB_PROPERTIES)}"


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 of a file's bytes: a cache key that follows the content, not the modification time."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def publish(layer: str, directory: str | Path) -> str:
    """Write ``layer`` into ``directory`` under a name made of its SHA-256 and return that file name.

    The name follows the content, so a browser may cache the file for as long as it likes and a changed
    boundary file gets a new name. Written to a temporary file and renamed, so that another process serving
    the same directory never reads half a file; an existing file is left alone.
    """
    data = layer.encode("utf-8")
    name = f"{hashlib.sha256(data).hexdigest()[:24]}.topo.json"
    target = Path(directory) / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return name


def web_layer(gdf: gpd.GeoDataFrame, tolerance: float = PROVINCE_TOLERANCE) -> str:
    """Simplify ``gdf`` topologically and return it as compact TopoJSON text.

    Parameters
    ----------
    gdf
        Communes in EPSG:4326 with ``commune_code`` and the names; polygons and, for the units without a
        boundary, points (kept as TopoJSON points). Not modified.
    tolerance
        Simplification tolerance in degrees: :data:`PROVINCE_TOLERANCE` or :data:`DISTRICT_TOLERANCE`.

    Returns
    -------
    str
        TopoJSON with one object :data:`OBJECT`; every geometry has ``id`` = commune code and the
        properties :data:`WEB_PROPERTIES` (those present). No spaces between separators.

    Raises
    ------
    ValueError
        If the CRS is not EPSG:4326 or a commune code is duplicated.
    """
    if gdf.crs is None or gdf.crs.to_string() != CRS:
        raise ValueError(f"web_layer needs {CRS}, got {gdf.crs}")
    if gdf[KEY].duplicated().any():
        raise ValueError(f"duplicate {KEY!r} values: {gdf.loc[gdf[KEY].duplicated(), KEY].tolist()[:5]}")
    props = [c for c in WEB_PROPERTIES if c in gdf.columns]
    # A fresh frame, indexed by code: topojson writes the index as the geometry id.
    data = gdf[[*props, gdf.geometry.name]].copy()
    data.index = gdf[KEY].astype(str).to_numpy()
    for col in props:
        data[col] = data[col].astype(object).where(data[col].notna(), None)
    polygonal = data.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    # Only polygons go through topojson: with a Point in the input, topojson 2.2 writes a transform of
    # about 2 x 2 cells for the whole layer (scale 0.87° here) and every arc collapses. Points are added
    # afterwards, quantised with the layer's own transform.
    topo = topojson.Topology(data[polygonal], object_name=OBJECT, toposimplify=tolerance, prequantize=QUANTIZATION)
    out = _plain(topo.to_dict())
    geometries = out["objects"][OBJECT]["geometries"]
    for geom in geometries:
        geom["id"] = str(geom["id"])
    (sx, sy), (tx, ty) = out["transform"]["scale"], out["transform"]["translate"]
    for code, row in data[~polygonal].iterrows():
        pt = row.geometry
        if pt is None or pt.is_empty or pt.geom_type != "Point":
            raise ValueError(f"unit {code!r}: expected a Polygon, MultiPolygon or Point, got {pt!r}")
        geometries.append(
            {
                "type": "Point",
                "coordinates": [round((pt.x - tx) / sx), round((pt.y - ty) / sy)],
                "id": str(code),
                "properties": {c: row[c] for c in props},
            }
        )
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False)


def line_json(gdf: gpd.GeoDataFrame, tolerance: float = PROVINCE_TOLERANCE, digits: int = 5) -> str:
    """A line layer (e.g. the Laos border) as compact GeoJSON, simplified and rounded to ``digits``."""
    if gdf.crs is None or gdf.crs.to_string() != CRS:
        raise ValueError(f"line_json needs {CRS}, got {gdf.crs}")
    geoms = shapely.set_precision(gdf.geometry.simplify(tolerance).to_numpy(), 10**-digits)
    features = [{"type": "Feature", "properties": {}, "geometry": g.__geo_interface__} for g in geoms]
    return json.dumps(_plain({"type": "FeatureCollection", "features": features}), separators=(",", ":"))


def bounds(layer: str | dict) -> tuple[float, float, float, float]:
    """``(minx, miny, maxx, maxy)`` of a layer from :func:`web_layer` (its ``bbox``)."""
    if isinstance(layer, str):
        # Read the one top-level "bbox" from the text: parsing the whole layer took 30 ms on every rerun.
        found = _BBOX.findall(layer)
        topo = {"bbox": json.loads(found[0])} if len(found) == 1 else json.loads(layer)
    else:
        topo = layer
    minx, miny, maxx, maxy = topo["bbox"]
    return float(minx), float(miny), float(maxx), float(maxy)


def decode(layer: str | dict) -> dict[str, Polygon | MultiPolygon | Point]:
    """Geometries of a TopoJSON layer by id, decoded in Python (for checks; the browser uses topojson-client)."""
    topo = json.loads(layer) if isinstance(layer, str) else layer
    transform = topo.get("transform")
    scale = np.asarray(transform["scale"]) if transform else np.ones(2)
    translate = np.asarray(transform["translate"]) if transform else np.zeros(2)
    arcs = []
    for arc in topo["arcs"]:
        pts = np.asarray(arc, dtype=float)
        if transform:
            pts = np.cumsum(pts, axis=0) * scale + translate
        arcs.append(pts)

    def ring(indexes: list[int]) -> np.ndarray:
        parts = []
        for i, a in enumerate(indexes):
            pts = arcs[a] if a >= 0 else arcs[~a][::-1]
            parts.append(pts if i == 0 else pts[1:])
        return np.concatenate(parts)

    def polygon(rings: list[list[int]]) -> Polygon:
        coords = [ring(r) for r in rings]
        return Polygon(coords[0], coords[1:])

    out: dict[str, Polygon | MultiPolygon | Point] = {}
    for geom in topo["objects"][OBJECT]["geometries"]:
        kind = geom["type"]
        if kind == "Polygon":
            out[geom["id"]] = polygon(geom["arcs"])
        elif kind == "MultiPolygon":
            out[geom["id"]] = MultiPolygon([polygon(p) for p in geom["arcs"]])
        elif kind == "Point":
            xy = np.asarray(geom["coordinates"], dtype=float)
            out[geom["id"]] = Point(xy * scale + translate if transform else xy)
        else:
            out[geom["id"]] = shape(geom)
    return out


@dataclass(frozen=True)
class EdgeReport:
    """How well neighbours still fit after simplification (areas in km², EPSG:3405)."""

    overlap_km2: float  # area covered by two units at once
    gap_km2: float  # area of holes in the union
    source_overlap_km2: float
    source_gap_km2: float
    broken_pairs: tuple[tuple[str, str], ...]  # neighbours in the source that no longer touch
    max_shape_error: float  # worst (symmetric difference / source area) over the units

    def ok(self, tolerance_km2: float = 0.01, shape_error: float = 0.1) -> bool:
        """Whether the simplified layer is still the same map.

        True when simplification added at most ``tolerance_km2`` of gaps or overlaps, lost no neighbour, and
        changed no unit by more than ``shape_error`` of its area.
        """
        return (
            not self.broken_pairs
            and self.max_shape_error <= shape_error
            and self.overlap_km2 - self.source_overlap_km2 <= tolerance_km2
            and self.gap_km2 - self.source_gap_km2 <= tolerance_km2
        )


def check_shared_edges(source: gpd.GeoDataFrame, layer: str) -> EdgeReport:
    """Compare the simplified polygons of ``layer`` with ``source``: overlaps, new gaps, lost neighbours.

    Overlap = sum of areas − area of the union; gaps = area of the holes of the union; shape error = the
    symmetric difference of each unit with its source, relative to its area. Areas are measured in the
    metric CRS so that the tolerance reads in km².
    """
    import geopandas as gpd

    from geo.contract import METRIC_CRS

    decoded = decode(layer)
    poly = source[source.geom_type.isin(["Polygon", "MultiPolygon"])]
    codes = poly[KEY].astype(str).tolist()
    simple = gpd.GeoSeries([decoded[c] for c in codes], crs=CRS).to_crs(METRIC_CRS).make_valid()
    full = gpd.GeoSeries(poly.geometry.to_numpy(), crs=CRS).to_crs(METRIC_CRS).make_valid()

    def overlap_gap(s: gpd.GeoSeries) -> tuple[float, float]:
        union = shapely.union_all(s.to_numpy())
        overlap = float(s.area.sum() - union.area)
        parts = [g for g in shapely.get_parts(union) if isinstance(g, Polygon)]  # make_valid leaves lines
        holes = sum(Polygon(r).area for p in parts for r in p.interiors)
        return overlap / 1e6, holes / 1e6

    ov, gap = overlap_gap(simple)
    sov, sgap = overlap_gap(full)
    # Neighbours: pairs whose source polygons share an edge (a line, not just a corner).
    left, right = full.sindex.query(full.to_numpy(), predicate="touches")
    broken = []
    for i, j in zip(left, right, strict=True):
        if i < j:
            shared = full.iloc[i].intersection(full.iloc[j]).length
            if shared > 200 and not simple.iloc[i].buffer(1.0).intersects(simple.iloc[j]):
                broken.append((codes[i], codes[j]))
    # Without this, collapsed geometry (zero area everywhere) would pass the overlap and gap tests.
    shape_error = float((simple.symmetric_difference(full, align=False).area / full.area).max())
    return EdgeReport(ov, gap, sov, sgap, tuple(broken), shape_error)


def _plain(obj: object) -> object:
    """Replace numpy scalars (topojson leaves np.float64 in ``transform``) with Python numbers."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj
