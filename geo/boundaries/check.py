"""Check a boundary file against the units of a version and the current lines, before anything is stored.

The file is read by :mod:`geo.io.boundary_files`, moved to WGS 84 by :mod:`geo.io.vn2000`, then every feature is
checked and every problem reported at once, in the records validator's shape (:class:`geo.problems.Problem`:
file, row = the feature's number in the file, column = the field, value, message in Vietnamese or English).

Errors (nothing is stored): no CRS and none named; a code field not found; a code that is not a unit of the
version, or that appears twice; a feature without geometry, or with a geometry that is not a polygon; an
invalid polygon whose repair would change its area by more than :data:`REPAIR_TOLERANCE`; coordinates outside
Viet Nam (:data:`VIETNAM_BOUNDS`), or outside the province by more than :data:`PROVINCE_TOLERANCE_M`; latitude
and longitude swapped (reported, never swapped back: a file that is wrong in one way may be wrong in others).

Warnings (stored if there is no error): a name that differs from the version's name for the code; a polygon
repaired without loss (which unit, which defect, how much area changed); text converted from TCVN3 or
VNI-Windows; a guessed code field; overlaps with neighbouring units and gaps left against them, with their area
in m² (in VN-2000 / UTM 48N). A partial set (a district's own communes) is allowed: only its units change.
"""

from __future__ import annotations

import functools
import hashlib
import math
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from geo.contract import KEY, METRIC_CRS
from geo.io import vn2000, vn_legacy
from geo.io.boundary_files import Source, SourceError, read_source, stage
from geo.problems import Collector, Problem, report_json
from geo.text import t
from geo.text.i18n import check_lang
from geo.text.names import fold, name_key
from geo.text.numbers import fmt_date

# Mainland Viet Nam with its coastal islands (lon 102.14–109.47 E, lat 8.38–23.39 N), with a small margin.
VIETNAM_BOUNDS: Final = (102.0, 8.0, 110.0, 23.5)
# How far a line may leave the current province outline: survey lines and the bundled 2009 lines disagree by a
# few hundred metres on the coast and on the Laos border; a kilometre is a different place.
PROVINCE_TOLERANCE_M: Final = 1000.0
# A repair is lossless when the polygon's area changes by less than 0.1 % (a bow-tie at a corner, a spike, a
# ring drawn the wrong way round); a repair that changes more would redraw the unit and is refused.
REPAIR_TOLERANCE: Final = 0.001
# Overlaps and gaps smaller than this are drawing noise (the bundled lines have 58 m² of overlap in all).
SLIVER_M2: Final = 10.0
# ... and so are those nowhere wider than this: the bundled lines sit on a 1e-6° grid (about 0.1 m), and a
# faithful file that went through VN-2000 and back differs from them by under a millimetre, which along a
# 60 km outline of a mountain commune adds up to more than SLIVER_M2 (16 m² for Tén Tằn).
SLIVER_WIDTH_M: Final = 0.1

CODE_FIELD_NAMES: Final = (
    "maxa", "ma_xa", "mã xã", "ma xa", "commune_code", "commune_co", "communecode", "code", "ma", "madvhc",
    "ma_dvhc", "mã đvhc", "madonvi", "ma_donvi", "gso_code", "gsocode", "maxaphuong", "ma_xa_phuong", "xa_id",
)  # fmt: skip
NAME_FIELD_NAMES: Final = (
    "tenxa", "ten_xa", "tên xã", "ten xa", "commune_name", "commune_na", "communename", "ten", "tên",
    "tendvhc", "ten_dvhc", "tendonvi", "name", "ten_xa_phuong", "xa", "xã",
)  # fmt: skip


def _field_key(name: object) -> str:
    return "".join(ch for ch in fold(str(name)) if ch.isalnum())


_CODE_KEYS: Final = [_field_key(n) for n in CODE_FIELD_NAMES]
_NAME_KEYS: Final = [_field_key(n) for n in NAME_FIELD_NAMES]


MAX_FEATURES: Final = 20_000  # the country has 11,047 communes (pre-2025) and 3,321 since July 2025


@dataclass(frozen=True)
class Target:
    """The units a boundary file is checked against: one version, its names, its current lines.

    ``units`` has ``commune_code``, ``commune_name`` (and ``district_name`` if known); ``current`` is a
    GeoDataFrame in EPSG:4326 with ``commune_code`` and the geometry in use for each unit (points allowed).
    """

    version: str
    units: pd.DataFrame
    current: gpd.GeoDataFrame

    @functools.cached_property
    def province(self) -> tuple[shapely.Geometry, shapely.Geometry] | None:
        """The current outline in metres and the same grown by the tolerance (computed once per target).

        The outline is simplified by 50 m before it is grown (a 0.4 s buffer per feature became one of
        0.4 s per target); the tolerance moves by at most those 50 m.
        """
        polys = self.current[self.current.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
        if polys.empty:
            return None
        outline = shapely.union_all(polys.to_crs(METRIC_CRS).geometry.values)
        return outline, outline.simplify(50).buffer(PROVINCE_TOLERANCE_M, quad_segs=4)


@dataclass(frozen=True)
class BoundaryReport:
    """The outcome of checking one boundary file, in the records validator's shape plus the geometry.

    ``errors``/``warnings`` are :class:`geo.problems.Problem` (``row`` = feature number, ``column`` = field), and
    :meth:`to_json` starts with the keys of :meth:`geo.records.validation.ValidationReport.to_json`.
    """

    file: str
    sha256: str
    rows: int  # features read
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    encoding: str | None
    version: str
    layer: str | None = None
    layers: tuple[str, ...] = ()
    crs: str | None = None
    transformation: str | None = None
    code_field: str | None = None
    name_field: str | None = None
    fields: tuple[str, ...] = ()
    # Checked units in EPSG:4326: commune_code, name_in_file, geometry. Empty when there are errors.
    units: gpd.GeoDataFrame | None = field(repr=False, default=None)
    preview: gpd.GeoDataFrame | None = field(repr=False, default=None)

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict:
        """JSON-ready summary; the keys of the records report first, then the boundary-specific ones."""
        return {
            **report_json(ok=self.ok, rows=self.rows, errors=self.errors, warnings=self.warnings, file=self.file,
                          encoding=self.encoding),
            "version": self.version,
            "layer": self.layer,
            "layers": list(self.layers),
            "crs": self.crs,
            "transformation": self.transformation,
            "code_field": self.code_field,
            "name_field": self.name_field,
            "units": [] if self.units is None else sorted(self.units[KEY].tolist()),
        }


class _Collector(Collector):
    """The records validator's collector, speaking the boundary checks' messages."""

    namespace = "boundaries.check"

    def add(self, severity: str, key: str, *, value: object = None, **kw: object) -> None:
        """Record a problem; ``value`` is shown as text."""
        super().add(severity, key, value=None if value is None else str(value), **kw)


def _empty_units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({KEY: pd.Series([], dtype="string"), "name_in_file": pd.Series([], dtype="string")},
                            geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")


def path_files(path: str | Path) -> list[tuple[str, bytes]]:
    """The ``(name, bytes)`` parts of the boundary file at ``path``: a shapefile's siblings with it."""
    path = Path(path)
    if path.suffix.lower() == ".shp":
        return [(p.name, p.read_bytes()) for p in path.parent.iterdir() if p.stem.lower() == path.stem.lower()]
    return [(path.name, path.read_bytes())]


def validate_path(path: str | Path, target: Target, **options: object) -> BoundaryReport:
    """Check the boundary file at ``path`` (a shapefile's siblings are read with it). See :func:`validate_files`."""
    return validate_files(path_files(path), target, name=Path(path).name, **options)


def validate_files(files: Sequence[tuple[str, bytes]], target: Target, *, name: str | None = None,
                   layer: str | None = None, code_field: str | None = None, crs: str | None = None,
                   lang: str = "vi") -> BoundaryReport:
    """Check a boundary file given as ``(name, bytes)`` parts (a zip, a GeoPackage, or a shapefile's files).

    Parameters
    ----------
    files
        The uploaded parts; zips and KMZ are unpacked.
    target
        The version's units and current lines.
    name
        The file name to report (default: the first part's name).
    layer
        The layer to read when the file has several.
    code_field
        The field that holds the commune code (default: found by name, or guessed from the values).
    crs
        The CRS to use when the file has none (or to override it, with a warning): ``3405``, ``EPSG:5897``...
    lang
        ``vi`` (default) or ``en``.

    Returns
    -------
    BoundaryReport
        Every problem; ``units`` holds the checked geometry in EPSG:4326 (empty when there are errors).
    """
    check_lang(lang)
    name = name or (files[0][0] if files else "-")
    col = _Collector(name, lang)
    base = {"file": name, "sha256": _digest(files), "version": target.version}

    def refused(**extra: object) -> BoundaryReport:
        return BoundaryReport(rows=extra.pop("rows", 0), errors=tuple(col.errors), warnings=tuple(col.warnings),
                              encoding=extra.pop("encoding", None), units=_empty_units(), preview=_empty_units(),
                              **base, **extra)

    try:
        source = _read(files, name, layer, target)
    except SourceError as exc:
        col.error(exc.key, **exc.params)
        return refused(layers=exc.layers)
    frame = source.frame
    fields = tuple(c for c in frame.columns if c != frame.geometry.name)
    info = {"layer": source.layer, "layers": source.layers, "encoding": source.encoding, "fields": fields}
    if not _check_file(source, fields, col):
        return refused(rows=len(frame), **info)

    src_crs = _source_crs(frame, source.kind, crs, col)
    code_col = _code_field(frame, fields, code_field, target, col)
    name_col = _name_field(fields, code_col)
    info.update(code_field=code_col, name_field=name_col, rows=len(frame))
    if src_crs is None or code_col is None:
        return refused(**info)
    if name_col is None:
        col.warning("no_name_field")
    info["crs"] = f"{src_crs.name} ({src_crs.to_string()})"
    to_wgs84, info["transformation"] = vn2000.to_wgs84_function(src_crs)

    codes, wgs, units = _check_features(frame, code_col, name_col, src_crs, to_wgs84, target, lang, col)
    return BoundaryReport(errors=tuple(col.errors), warnings=tuple(col.warnings),
                          units=units if not col.errors else _empty_units(), preview=_preview(codes, wgs),
                          **base, **info)


# ------------------------------------------------------------------------------------------------ the steps


def _digest(files: Sequence[tuple[str, bytes]]) -> str:
    """The file's SHA-256: of each part's name and own digest, in name order (the parts' order does not count)."""
    sha = hashlib.sha256()
    for part_name, data in sorted(files):
        sha.update(part_name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()


def _read(files: Sequence[tuple[str, bytes]], name: str, layer: str | None, target: Target) -> Source:
    """Stage the parts in a temporary folder and read one layer (its text decoded against the version's names).

    Raises
    ------
    SourceError
        If the parts cannot be read as a boundary set.
    """
    with tempfile.TemporaryDirectory(prefix="geo-boundaries-") as tmp:
        paths = stage(files, Path(tmp))
        return read_source(paths, name, layer=layer, expected_names=target.units["commune_name"].tolist())


def _check_file(source: Source, fields: tuple[str, ...], col: _Collector) -> bool:
    """Whether the features can be checked: an error when there is none or too many; converted text warned."""
    frame = source.frame
    if len(frame) == 0:
        col.error("empty")
        return False
    if len(frame) > MAX_FEATURES:
        col.error("too_many", n=len(frame), limit=MAX_FEATURES)
        return False
    if source.legacy:
        example = next((v for c in fields for v in frame[c] if isinstance(v, str) and not v.isascii()), "")
        col.warning("legacy_text", encoding=vn_legacy.ENCODING_NAMES[source.legacy], example=example)
    return True


def _check_features(frame: gpd.GeoDataFrame, code_col: str, name_col: str | None, src_crs: CRS,
                    to_wgs84: Callable[[np.ndarray], np.ndarray], target: Target, lang: str,
                    col: _Collector) -> tuple[list[str | None], np.ndarray, gpd.GeoDataFrame]:
    """Check every feature's code, name and geometry, then the units kept against each other and their neighbours.

    Returns
    -------
    tuple
        Each feature's code (None where it has none), its geometry in WGS 84 (None where it has none), and the
        units kept (a known code found once, a geometry that can be stored): ``commune_code``, ``name_in_file``.
    """
    known = dict(zip(target.units[KEY], target.units["commune_name"], strict=True))
    codes = [_parse_code(v) for v in frame[code_col]]
    names = [None if name_col is None else _text(v) for v in (frame[name_col] if name_col else [None] * len(frame))]
    seen = _duplicate_codes(codes, code_col, col)
    raw = shapely.force_2d(np.asarray(frame.geometry.values, dtype=object))
    wgs = np.array([None if g is None or g.is_empty else shapely.transform(g, to_wgs84) for g in raw], dtype=object)
    province = target.province
    kept: dict[int, shapely.Geometry] = {}
    for i, code in enumerate(codes):
        row = i + 1
        unit = _unit_label(code, names[i], known, lang)
        if code is None:
            col.error("no_code", row=row, column=code_col, value=_text(frame[code_col].iloc[i]))
        elif code not in known:
            col.error("unknown_code", row=row, column=code_col, value=code, version=fmt_date(target.version))
        elif names[i] is not None and name_key(names[i]) != name_key(known[code]):
            col.warning("name_mismatch", row=row, column=name_col, value=names[i], code=code,
                        expected=known[code], version=fmt_date(target.version))
        geom = _check_geometry(raw[i], wgs[i], src_crs, to_wgs84, province, unit, row, col)
        if geom is not None and code in known and len(seen[code]) == 1:
            kept[i] = geom
    units = gpd.GeoDataFrame(
        {KEY: pd.Series([codes[i] for i in kept], dtype="string"),
         "name_in_file": pd.Series([names[i] for i in kept], dtype="string")},
        geometry=gpd.GeoSeries(list(kept.values()), crs="EPSG:4326"), crs="EPSG:4326")
    if len(units):
        _datum_mixup(units, target, src_crs, col)
        _neighbours(units, [i + 1 for i in kept], target, known, lang, col)
    return codes, wgs, units


def _duplicate_codes(codes: Sequence[str | None], code_col: str, col: _Collector) -> dict[str, list[int]]:
    """The feature numbers of each code; an error on every feature whose code appears more than once."""
    seen: dict[str, list[int]] = {}
    for i, code in enumerate(codes):
        if code is not None:
            seen.setdefault(code, []).append(i + 1)
    for code, rows in seen.items():
        if len(rows) > 1:
            for row in rows:
                col.error("duplicate_code", row=row, column=code_col, value=code, n=len(rows),
                          features=", ".join(map(str, rows)))
    return seen


def _preview(codes: Sequence[str | None], wgs: np.ndarray) -> gpd.GeoDataFrame:
    """Every feature as read, numbered from 1, with its code and its geometry in WGS 84 (to show what was sent)."""
    return gpd.GeoDataFrame({"feature": np.arange(1, len(codes) + 1), "code": pd.Series(codes, dtype=object)},
                            geometry=gpd.GeoSeries(list(wgs), crs="EPSG:4326"), crs="EPSG:4326")


# ------------------------------------------------------------------------------------------------ helpers


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _parse_code(value: object) -> str | None:
    """A commune code as text: ``14755``, ``14755.0``, ``"014755"`` (a 6-digit export) -> ``"14755"``."""
    text = _text(value)
    if text is None:
        return None
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not text.isdigit():
        return text
    return text.lstrip("0").zfill(5) if len(text) > 5 else text.zfill(5)


def _unit_label(code: str | None, name: str | None, known: dict[str, str], lang: str) -> str:
    if code in known:
        return f"{known[code]} ({code})"
    if name:
        return f"«{name}»" + (f" ({code})" if code else "")
    return t("boundaries.check.unit_code", lang, code=code or "?")


def _source_crs(frame: gpd.GeoDataFrame, kind: str, named: str | None, col: _Collector) -> CRS | None:
    file_crs = frame.crs
    if named is not None:
        try:
            crs = vn2000.parse_crs(named)
        except (CRSError, ValueError):
            col.error("bad_crs", value=named)
            return None
        if file_crs is not None and not CRS(file_crs).equals(crs, ignore_axis_order=True):
            col.warning("crs_overridden", file_crs=CRS(file_crs).name, crs=crs.name)
        return crs
    if file_crs is None:
        col.error("no_crs")
        return None
    crs = CRS(file_crs)
    if kind == "geojson" and crs.equals(vn2000.WGS84, ignore_axis_order=True):
        # GDAL says WGS 84 for a GeoJSON without a "crs" member (RFC 7946); metres mean it is not.
        minx, miny, maxx, maxy = frame.total_bounds
        if np.isfinite([minx, maxx]).all() and (max(abs(minx), abs(maxx)) > 360 or max(abs(miny), abs(maxy)) > 360):
            col.error("geojson_projected")
            return None
    return crs


def _code_field(frame: gpd.GeoDataFrame, fields: tuple[str, ...], chosen: str | None, target: Target,
                col: _Collector) -> str | None:
    if chosen is not None:
        match = [f for f in fields if f == chosen] or [f for f in fields if _field_key(f) == _field_key(chosen)]
        if not match:
            col.error("code_field_missing", column=chosen, value=chosen, fields=", ".join(fields))
            return None
        return match[0]
    keys = {f: _field_key(f) for f in fields}
    for wanted in _CODE_KEYS:
        for f, k in keys.items():
            if k == wanted:
                return f
    # No known name: a field whose values are mostly codes of the version (a KML's Name, a field "ID").
    known = set(target.units[KEY])
    best, best_share = None, 0.5
    for f in fields:
        values = [_parse_code(v) for v in frame[f]]
        share = sum(v in known for v in values) / max(len(values), 1)
        if share > best_share:
            best, best_share = f, share
    if best is not None:
        col.warning("code_field_guessed", column=best, value=best)
        return best
    col.error("no_code_field", fields=", ".join(fields) or "-")
    return None


def _name_field(fields: tuple[str, ...], code_col: str | None) -> str | None:
    keys = {f: _field_key(f) for f in fields if f != code_col}
    for wanted in _NAME_KEYS:
        for f, k in keys.items():
            if k == wanted:
                return f
    return None


def _inside(bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return box[0] <= minx and maxx <= box[2] and box[1] <= miny and maxy <= box[3]


@functools.cache
def _metric_transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)  # what GeoSeries.to_crs uses


def _to_metric(geom: shapely.Geometry) -> shapely.Geometry:
    forward = _metric_transformer()
    return shapely.transform(geom, lambda c: np.column_stack(forward.transform(c[:, 0], c[:, 1])))


def _visible(piece: shapely.Geometry) -> float:
    """The area of an overlap or gap in m², or 0 when it is drawing noise (see SLIVER_M2, SLIVER_WIDTH_M)."""
    area = piece.area
    if area < SLIVER_M2 or shapely.buffer(piece, -SLIVER_WIDTH_M / 2, quad_segs=1).is_empty:
        return 0.0
    return area


def _fmt_bounds(bounds: tuple[float, ...]) -> str:
    return ", ".join(f"{v:.4f}" if abs(v) < 1000 else f"{v:.0f}" for v in bounds)


def _check_geometry(raw: shapely.Geometry | None, wgs: shapely.Geometry | None, src_crs: CRS, to_wgs84: object,
                    province: tuple[shapely.Geometry, shapely.Geometry] | None, unit: str, row: int,
                    col: _Collector) -> shapely.Geometry | None:
    """The feature's geometry in WGS 84 if it can be stored (repaired if lossless), else None (errors added)."""
    if raw is None or raw.is_empty or wgs is None:
        col.error("null_geometry", row=row, unit=unit)
        return None
    if raw.geom_type not in ("Polygon", "MultiPolygon"):
        col.error("not_polygon", row=row, unit=unit, kind=raw.geom_type)
        return None
    bounds = tuple(float(b) for b in wgs.bounds)
    if not np.isfinite(bounds).all() or not _inside(bounds, VIETNAM_BOUNDS):
        swapped = shapely.transform(shapely.transform(raw, lambda c: c[:, ::-1]), to_wgs84)
        swapped_bounds = tuple(float(b) for b in swapped.bounds)
        if np.isfinite(swapped_bounds).all() and _inside(swapped_bounds, VIETNAM_BOUNDS):
            col.error("swapped_axes", row=row, unit=unit, value=_fmt_bounds(raw.bounds))
        else:
            col.error("outside_vietnam", row=row, unit=unit, value=_fmt_bounds(raw.bounds))
        return None
    geom = wgs
    if not shapely.is_valid(geom):
        defect = shapely.is_valid_reason(geom)
        repaired = _polygonal(shapely.make_valid(geom, method="structure"))
        before = _to_metric(geom).area
        after = _to_metric(repaired).area if repaired is not None else 0.0
        change = abs(after - before) / max(before, after, 1e-9)
        params = {"unit": unit, "defect": defect, "change": f"{change:.2%}", "tolerance": f"{REPAIR_TOLERANCE:.1%}"}
        if repaired is None or change > REPAIR_TOLERANCE:
            col.error("repair_refused", row=row, **params)
            return None
        col.warning("repaired", row=row, **params)
        geom = repaired
    if province is not None:
        metric = _to_metric(geom)
        outline, grown = province
        if not shapely.covered_by(metric, grown):
            coords = shapely.get_coordinates(metric)
            distance = float(shapely.distance(shapely.points(coords), outline).max())
            col.error("outside_province", row=row, unit=unit, distance=f"{distance:,.0f}",
                      tolerance=f"{PROVINCE_TOLERANCE_M:,.0f}")
            return None
    return geom


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    if not parts:
        return None
    return shapely.union_all(parts)


# A datum mix-up moves every unit by the same vector: the VN-2000 / WGS 84 shift (about 220 m in Thanh Hóa).
# Units whose centroids all moved within this distance of that vector are taken for one.
DATUM_MATCH_M: Final = 25.0


def _datum_mixup(units: gpd.GeoDataFrame, target: Target, src_crs: CRS, col: _Collector) -> None:
    """An error when the file's lines sit where a VN-2000 / WGS 84 confusion would put them.

    The two ways it happens: VN-2000 numbers in a file labelled WGS 84 (or WGS 84 / UTM), and WGS 84 numbers
    labelled VN-2000. Either puts every unit about 220 m off in the same direction, which no survey does.
    """
    current = target.current.set_index(KEY).geometry
    common = [c for c in units[KEY] if c in current.index and current[c].geom_type in ("Polygon", "MultiPolygon")]
    if len(common) < 2:  # one unit's shift could be a real correction
        return
    new = units.set_index(KEY).geometry[common].to_crs(METRIC_CRS).centroid
    old = gpd.GeoSeries(current[common], crs="EPSG:4326").to_crs(METRIC_CRS).centroid
    moved = np.column_stack([new.x.to_numpy() - old.x.to_numpy(), new.y.to_numpy() - old.y.to_numpy()])
    # Where VN-2000 coordinates of a point lie when read as WGS 84 (lon/lat), as a vector in metres.
    # The shift changes by millimetres across the province: the middle of the units' extent will do.
    minx, miny, maxx, maxy = gpd.GeoSeries(current[common], crs="EPSG:4326").total_bounds
    centre = shapely.Point((minx + maxx) / 2, (miny + maxy) / 2)
    lon_v, lat_v = vn2000.official_shift().transform(centre.x, centre.y, direction="INVERSE")
    ends = gpd.GeoSeries([centre, shapely.Point(lon_v, lat_v)], crs="EPSG:4326").to_crs(METRIC_CRS)
    shift = np.array([ends.iloc[1].x - ends.iloc[0].x, ends.iloc[1].y - ends.iloc[0].y])
    vn2000_labels = vn2000.is_vn2000(src_crs)
    expected = -shift if vn2000_labels else shift  # WGS 84 read as VN-2000 moves the other way
    if np.all(np.hypot(*(moved - expected).T) < DATUM_MATCH_M):
        distance = float(np.median(np.hypot(*moved.T)))
        col.error("datum_mixup", distance=f"{distance:,.0f}", crs=src_crs.name,
                  other="WGS 84" if vn2000_labels else "VN-2000",
                  hint="EPSG:32648 (WGS 84 / UTM 48N)" if vn2000_labels else "EPSG:3405 (VN-2000 / UTM 48N)")


def _neighbours(units: gpd.GeoDataFrame, rows: list[int], target: Target, known: dict[str, str], lang: str,
                col: _Collector) -> None:
    """Overlaps with the other units of the resulting set, and gaps left where the old lines of a unit were."""
    new = units.to_crs(METRIC_CRS)
    current = target.current[target.current.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    current = current.to_crs(METRIC_CRS)
    others = current[~current[KEY].isin(set(new[KEY]))]
    # The resulting set: the file's units plus every current unit the file does not replace.
    result_codes = np.concatenate([new[KEY].to_numpy(dtype=object), others[KEY].to_numpy(dtype=object)])
    result_geoms = np.concatenate([new.geometry.to_numpy(), others.geometry.to_numpy()])
    tree = shapely.STRtree(result_geoms)
    old_by_code = dict(zip(current[KEY], current.geometry, strict=True))
    codes_in_file = set(new[KEY])
    for i, (code, geom, row) in enumerate(zip(new[KEY], new.geometry, rows, strict=True)):
        unit = _unit_label(code, None, known, lang)
        for j in tree.query(geom, predicate="intersects"):
            other = result_codes[j]
            if other == code or (other in codes_in_file and other < code):  # each pair of the file once
                continue
            if area := _visible(shapely.intersection(geom, result_geoms[j])):
                col.warning("overlap", row=row, unit=unit, other=_unit_label(other, None, known, lang),
                            area=f"{area:,.0f}")
        old = old_by_code.get(code)
        if old is not None:
            # old − (own ∪ the rest) = (old − own) − the rest: the remainder is small, so is the rest it meets.
            rest = shapely.difference(old, geom)
            if _visible(rest):  # else no part of it can be a gap either
                near = [result_geoms[j] for j in tree.query(rest, predicate="intersects") if j != i]
                if near:
                    rest = shapely.difference(rest, shapely.union_all(near))
            if area := _visible(rest):
                col.warning("gap", row=row, unit=unit, area=f"{area:,.0f}")


def target_from_layer(layer: gpd.GeoDataFrame, version: str) -> Target:
    """A :class:`Target` from a commune layer (the contract's columns) for ``version``."""
    units = pd.DataFrame(layer[[KEY, "commune_name", "district_name"]]).reset_index(drop=True)
    return Target(version, units, layer[[KEY, "geometry"]].reset_index(drop=True))
