"""The preview of a boundary file: its lines beside the lines in use, drawn on the server (no tiles, no network).

Two panels at the same scale over the file's extent: on the left the lines in use now, on the right the file's
lines in red over the lines in use in grey, so that a shift, a swapped unit or a gap shows before anything is
stored. Drawn in VN-2000 / UTM 48N (metres), like the print sheets.
"""

from __future__ import annotations

import io
from typing import Final

import geopandas as gpd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.contract import METRIC_CRS
from geo.i18n import translate

_TEXT: Final = {
    "current": {"vi": "Ranh giới đang dùng", "en": "Lines in use"},
    "file": {"vi": "Ranh giới trong tệp (đỏ) trên ranh giới đang dùng (xám)",
             "en": "Lines in the file (red) over the lines in use (grey)"},
    "km": {"vi": "km", "en": "km"},
}
MARGIN: Final = 0.15  # of the file's extent, around it


def preview_png(file_lines: gpd.GeoDataFrame, current: gpd.GeoDataFrame, lang: str = "vi", *,
                dpi: int = 90) -> bytes | None:
    """Two panels (lines in use; the file's lines over them) as PNG bytes, or None if the file has no geometry.

    Parameters
    ----------
    file_lines
        The file's features in EPSG:4326 (``BoundaryReport.preview``: every feature that has a geometry).
    current
        The lines in use (EPSG:4326), all units; the panels show those near the file.
    """
    lines = file_lines[file_lines.geometry.notna() & ~file_lines.geometry.is_empty]
    if lines.empty:
        return None
    lines_m = lines.to_crs(METRIC_CRS)
    minx, miny, maxx, maxy = lines_m.total_bounds
    pad = MARGIN * max(maxx - minx, maxy - miny, 1000.0)
    box = (minx - pad, miny - pad, maxx + pad, maxy + pad)
    near = current.to_crs(METRIC_CRS).cx[box[0]:box[2], box[1]:box[3]]
    near = near[near.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    # A Figure of its own, not pyplot: pyplot's global state is shared by every session's thread (as in sheets).
    fig = Figure(figsize=(11, 5.6), dpi=dpi)
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2)
    for ax in (left, right):
        near.boundary.plot(ax=ax, color="#555555" if ax is left else "#b0b0b0", linewidth=0.6)
        ax.set_xlim(box[0], box[2])
        ax.set_ylim(box[1], box[3])
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
    lines_m.boundary.plot(ax=right, color="#d62728", linewidth=0.9)
    for ax in (left, right):
        ax.set_xlabel("")  # geopandas labels the axes with the CRS's axis names; a map needs none
        ax.set_ylabel("")
    left.set_title(translate(_TEXT, "current", lang), fontsize=10)
    right.set_title(translate(_TEXT, "file", lang), fontsize=10)
    # A plain scale bar: a round number of km, about a fifth of the width.
    width_km = (box[2] - box[0]) / 1000
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if s >= width_km / 5)
    for ax in (left, right):
        x0, y0 = box[0] + 0.05 * (box[2] - box[0]), box[1] + 0.05 * (box[3] - box[1])
        ax.plot([x0, x0 + step * 1000], [y0, y0], color="black", linewidth=2)
        ax.text(x0, y0 + 0.015 * (box[3] - box[1]), f"{step:g} {translate(_TEXT, 'km', lang)}", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
