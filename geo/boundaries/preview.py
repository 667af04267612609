"""The preview of a boundary file: its lines over the lines in use, drawn on the server (no tiles, no network).

Two panels: on the left where the file lies in the province (the lines in use, the file's features shaded,
its extent framed), on the right the file's extent at full size, with the lines in use in grey, the file's
lines in blue, features with errors filled red and those with warnings drawn orange, a legend, a scale bar,
and under the panels the measured offset against the lines in use in words (:func:`measured_offset`). Drawn
in VN-2000 / UTM 48N (metres), like the print sheets.

Why a picture and not an interactive map: the check is "does the file sit on the lines it replaces", which a
picture at the right scale answers at a glance, on the server, offline, in 40 to 90 KB, without a second
Leaflet frame on a page that already waits for the file's validation. A shifted unit, a swapped one or a
datum mix-up (220 m at 1:50,000) shows in blue beside the grey; the offset line gives the figure.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.contract import KEY, METRIC_CRS
from geo.text import t
from geo.text.numbers import fmt_number

if TYPE_CHECKING:
    from geo.boundaries.check import BoundaryReport

MARGIN: Final = 0.15  # of the file's extent, around it
HAUSDORFF_UNITS: Final = 40  # about 0.4 s here; the province's 633 would take 6 s
FILE: Final = "#1f4e9c"
ERROR: Final = "#d62728"
WARNING: Final = "#ff7f0e"
CURRENT: Final = "#a0a0a0"


@dataclass(frozen=True)
class Offset:
    """How far a file's units lie from the same units in use (metres, VN-2000 / UTM 48N)."""

    units: int  # features whose code is a unit with a polygon in use
    centre_median_m: float  # median distance between a feature's centroid and its unit's
    worst_m: float  # largest Hausdorff distance among the measured units
    worst_code: str | None
    measured: int  # units whose Hausdorff distance was measured (those whose centres moved most)

    def text(self, lang: str = "vi", names: dict[str, str] | None = None) -> str:
        """The offset in words, e.g. "… median centre shift under 1 m; the lines' largest offset 224 m (…)"."""
        if not self.units:
            return t("boundaries.preview.no_offset", lang)
        unit = (names or {}).get(self.worst_code, self.worst_code) if self.worst_code else "-"
        key = "boundaries.preview.offset_all" if self.measured == self.units else "boundaries.preview.offset"
        return t(key, lang, units=self.units, centre=_metres(self.centre_median_m, lang),
                 worst=_metres(self.worst_m, lang), unit=f"{unit} ({self.worst_code})"
                 if unit != self.worst_code else unit, measured=self.measured)


def unit_names(layer: gpd.GeoDataFrame) -> dict[str, str]:
    """``{code: name}`` of a layer (empty without ``commune_name``), for :meth:`Offset.text`."""
    return dict(zip(layer[KEY], layer["commune_name"], strict=True)) if "commune_name" in layer else {}


def _metres(value: float, lang: str) -> str:
    if value < 1:
        return t("boundaries.preview.under", lang, v=1)
    return t("boundaries.preview.metres", lang, v=fmt_number(round(value), lang))


def measured_offset(preview: gpd.GeoDataFrame, current: gpd.GeoDataFrame) -> Offset:
    """The offset of the file's features (``BoundaryReport.preview``) from the same units in ``current``.

    Every feature whose code is a unit with a polygon in ``current`` is compared: the distance between the
    centroids for all of them, the Hausdorff distance (the largest gap between the two outlines) for the
    :data:`HAUSDORFF_UNITS` whose centroids moved most (a unit moved or redrawn on one side moves its centroid).
    """
    polys = current[current.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    in_use = dict(zip(polys[KEY], polys.to_crs(METRIC_CRS).geometry, strict=True))
    if "code" not in preview.columns:
        return Offset(0, 0.0, 0.0, None, 0)
    has = preview.geometry.notna() & ~preview.geometry.is_empty & preview["code"].isin(in_use.keys())
    feats = preview[has]
    if feats.empty:
        return Offset(0, 0.0, 0.0, None, 0)
    mine = feats.to_crs(METRIC_CRS).geometry.to_numpy()
    theirs = np.array([in_use[c] for c in feats["code"]], dtype=object)
    shift = shapely.distance(shapely.centroid(mine), shapely.centroid(theirs))
    top = np.argsort(-shift, kind="stable")[:HAUSDORFF_UNITS]
    dist = shapely.hausdorff_distance(mine[top], theirs[top])
    worst = int(np.argmax(dist))
    return Offset(len(feats), float(np.median(shift)), float(dist[worst]), str(feats["code"].iloc[top[worst]]),
                  len(top))


def preview_png(report: BoundaryReport, current: gpd.GeoDataFrame, lang: str = "vi", *,
                offset: Offset | None = None, dpi: int = 90) -> bytes | None:
    """The two panels and the offset line as PNG bytes, or None if no feature of the file has a geometry.

    Parameters
    ----------
    report
        The file's report: ``preview`` (every feature, EPSG:4326, with its ``feature`` number and ``code``),
        and the rows of its errors and warnings.
    current
        The lines in use (EPSG:4326) for the report's version, with ``commune_name``.
    offset
        :func:`measured_offset` of the same, if already measured.
    """
    preview = report.preview
    if preview is None:
        return None
    lines = preview[preview.geometry.notna() & ~preview.geometry.is_empty]
    if lines.empty:
        return None
    lines_m = lines.to_crs(METRIC_CRS)
    error_rows = {p.row for p in report.errors if p.row is not None}
    warning_rows = {p.row for p in report.warnings if p.row is not None} - error_rows
    bad = lines_m[lines_m["feature"].isin(error_rows)]
    doubtful = lines_m[lines_m["feature"].isin(warning_rows)]
    minx, miny, maxx, maxy = lines_m.total_bounds
    pad = MARGIN * max(maxx - minx, maxy - miny, 1000.0)
    box = (minx - pad, miny - pad, maxx + pad, maxy + pad)
    polys = current[current.geometry.geom_type.isin(["Polygon", "MultiPolygon"])].to_crs(METRIC_CRS)
    near = polys.cx[box[0]:box[2], box[1]:box[3]]
    # A Figure of its own, not pyplot: pyplot's global state is shared by every session's thread (as in sheets).
    fig = Figure(figsize=(11, 6.2), dpi=dpi)
    FigureCanvasAgg(fig)
    where, detail = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.6]})
    # Left: the whole province, the file shaded and framed.
    polys.boundary.plot(ax=where, color=CURRENT, linewidth=0.25)
    lines_m[~lines_m["feature"].isin(error_rows)].plot(ax=where, color=FILE, alpha=0.5, linewidth=0)
    if not bad.empty:
        bad.plot(ax=where, color=ERROR, alpha=0.8, linewidth=0)
    where.plot([box[0], box[2], box[2], box[0], box[0]], [box[1], box[1], box[3], box[3], box[1]], color="black",
               linewidth=0.8)
    # Right: the file's extent.
    near.boundary.plot(ax=detail, color=CURRENT, linewidth=0.8)
    if not bad.empty:
        bad.plot(ax=detail, color=ERROR, alpha=0.3, linewidth=0)
    lines_m.boundary.plot(ax=detail, color=FILE, linewidth=1.0)
    if not doubtful.empty:
        doubtful.boundary.plot(ax=detail, color=WARNING, linewidth=1.4)
    if not bad.empty:
        bad.boundary.plot(ax=detail, color=ERROR, linewidth=1.6)
    detail.set_xlim(box[0], box[2])
    detail.set_ylim(box[1], box[3])
    for ax in (where, detail):
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")  # geopandas labels the axes with the CRS's axis names; a map needs none
        ax.set_ylabel("")
    where.set_title(t("boundaries.preview.where", lang), fontsize=10)
    detail.set_title(t("boundaries.preview.detail", lang), fontsize=10)
    legend = [Line2D([], [], color=CURRENT, linewidth=1.2, label=t("boundaries.preview.current", lang)),
              Line2D([], [], color=FILE, linewidth=1.2, label=t("boundaries.preview.file", lang))]
    if error_rows:
        legend.append(Patch(facecolor=ERROR, alpha=0.5, edgecolor=ERROR,
                            label=t("boundaries.preview.errors", lang, n=len(error_rows))))
    if warning_rows:
        legend.append(Line2D([], [], color=WARNING, linewidth=1.6,
                             label=t("boundaries.preview.warnings", lang, n=len(warning_rows))))
    detail.legend(handles=legend, loc="upper right", fontsize=8, framealpha=0.9)
    _scale_bar(detail, box, lang)
    offset = offset or measured_offset(preview, current)
    fig.text(0.5, 0.015, offset.text(lang, unit_names(current)), ha="center", fontsize=9, wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _scale_bar(ax: object, box: tuple[float, float, float, float], lang: str) -> None:
    """A plain scale bar: a round number of km, about a fifth of the width, bottom left."""
    width_km = (box[2] - box[0]) / 1000
    step = next((s for s in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if s >= width_km / 5), 200)
    x0, y0 = box[0] + 0.05 * (box[2] - box[0]), box[1] + 0.05 * (box[3] - box[1])
    ax.plot([x0, x0 + step * 1000], [y0, y0], color="black", linewidth=2)
    ax.text(x0, y0 + 0.015 * (box[3] - box[1]), f"{step:g} {t('boundaries.preview.km', lang)}", fontsize=8)
