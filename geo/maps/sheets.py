"""Print-ready map sheets (PNG, PDF, SVG) and the matching HTML map and tables, server-side, no browser.

A sheet is drawn with matplotlib from the same :class:`geo.maps.themes.ThemeMap` that the live map uses for the
same settings (theme, period, district filter, metric, scheme, k, breaks), so breaks, colours and counts
match exactly. The map is drawn in :data:`geo.contract.METRIC_CRS` (VN-2000 / UTM 48N, EPSG:3405): Thanh Hóa
lies close to the zone's central meridian (105°E), so the scale bar is true to better than 0.1 %.

Layout, in millimetres on the paper (A4 or A3, portrait or landscape; A3 is A4 enlarged by √2): a title
block (kicker, title naming the theme, period and area), the "illustrative data" banner when the records are
the bundled illustrative set (plus a large watermark across the map), the map frame with district outlines
and names, scale bar and north arrow, a legend panel (class limits, communes per class, "no data"), an inset
of the province with the shown area outlined, and a footer with the data source, boundary vintage,
classification method, reference system and the date the sheet was made.

Nothing here imports Streamlit. Reading the inputs from the store, the HTML map, the tables and the batch
zip are :mod:`geo.maps.exports`; this module only draws.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle as CirclePatch
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.patches import Rectangle

from geo import clock
from geo.boundaries.layer import dissolve_districts
from geo.boundaries.revisions import boundary_citation
from geo.contract import KEY, METRIC_CRS, empty_records
from geo.figures import privacy
from geo.figures.summary import PeriodSummary, filter_districts, period_summary
from geo.maps import render
from geo.maps.themes import (
    NO_DATA_COLOUR,
    THEMES,
    Metric,
    ThemeMap,
    view_theme,
)
from geo.periods import period_label
from geo.text import t
from geo.text.numbers import fmt_fraction, fmt_number, fmt_percent

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.maps.classify import Scheme

Paper = Literal["a4", "a3"]
Orientation = Literal["portrait", "landscape"]
SheetFormat = Literal["png", "pdf", "svg"]
SHEET_FORMATS: Final = ("png", "pdf", "svg")
SHEET_THEMES: Final = (*THEMES, "transition", "hotspots")
PAPERS: Final = ("a4", "a3")
ORIENTATIONS: Final = ("portrait", "landscape")
PAPER_MM: Final = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}  # portrait width, height
PRINT_DPI: Final = 300
# The finest detail a sheet's map keeps, in millimetres of paper: a dot of a 600-dpi printer (0.042 mm).
PRINT_DOT_MM: Final = 0.08
PREVIEW_DPI: Final = 60
MM: Final = 1 / 25.4  # inches per millimetre
PT_PER_MM: Final = 72 / 25.4

# Fonts tried first; any installed font with every Vietnamese glyph is accepted after them. DejaVu Sans
# ships inside matplotlib itself (and with Debian's fonts-dejavu-core), so it is always there.
FONT_CANDIDATES: Final = ("Noto Sans", "DejaVu Sans")
VIETNAMESE_PROBE: Final = (
    "ÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
    "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ–²"
)

INK: Final = "#1a1a1a"
MUTED: Final = "#555555"
ACCENT: Final = "#08306b"
WARN: Final = "#b30000"
FRAME: Final = "#333333"
COMMUNE_EDGE: Final = render.EDGE_COLOUR
DISTRICT_EDGE: Final = render.DISTRICT_COLOUR
BORDER_LINE: Final = render.BORDER_COLOUR
CONTEXT_FILL: Final = "#eeeeee"
SEA: Final = "#eef3f7"
CIRCLE_PT_PER_PX: Final = 0.6  # web circle radius (px) to print radius (pt) on A4
POINT_RADIUS_PT: Final = 4.0


def theme_title(theme: str, lang: str = "vi", kinds: str | None = None) -> str:
    """The title of a theme's sheet, e.g. for a select box.

    ``kinds``: the kinds of unit of the sheet's list in words (:func:`geo.units.versions.unit_kinds`: "xã,
    phường" from July 2025); without it, the plain word for a commune.
    """
    from geo.units.versions import unit_kinds

    return t(f"sheets.title_{theme}", lang, kinds=kinds or unit_kinds((), lang))


def sheet_kinds(inputs: SheetInputs, lang: str) -> str:
    """The kinds of unit on a sheet's list, in words: "xã, phường, thị trấn" to June 2025, "xã, phường" after."""
    from geo.units.versions import unit_kinds

    return unit_kinds(inputs.communes["commune_type"], lang)


def orientation_label(orientation: str, lang: str = "vi") -> str:
    """"Dọc"/"Ngang" (Portrait/Landscape)."""
    return t(f"export.{orientation}", lang)


class FontError(RuntimeError):
    """No installed font can draw Vietnamese."""


class ExportError(ValueError):
    """A usage error: unknown theme, format, period or district (the message is in the user's language)."""


@dataclass(frozen=True)
class SheetOptions:
    """What a sheet shows and on what paper. The theme options mean what they mean on the live map.

    ``before`` is the earlier period of the ``"transition"`` theme; ``made`` the date printed on the
    sheet (today by default).
    """

    theme: str = "healthy"
    period: str = ""
    districts: tuple[str, ...] = ()
    paper: Paper = "a4"
    orientation: Orientation = "portrait"
    lang: str = "vi"
    metric: Metric = "count"
    scheme: Scheme = "quantiles"
    k: int = 5
    breaks: tuple[float, ...] | None = None
    before: str | None = None
    made: dt.date | None = None
    suppress_small: bool = False  # victims and criminal cases below 3 read "<3" (geo/figures/privacy.py)
    measure: str = "violations"  # the hot-spot theme's count (geo.figures.hotspots.MEASURES); metric is its base


@dataclass(frozen=True)
class SheetInputs:
    """The data behind a sheet: the commune layer, one period's records, and where they come from.

    Attributes
    ----------
    communes
        All 635 units in EPSG:4326 (as :func:`geo.boundaries.layer.read_communes` returns them).
    records
        The current records of the period (:func:`geo.records.store.load_records`).
    illustrative
        True when the records are the bundled illustrative set (:func:`geo.records.store.is_illustrative`).
    border
        The Laos border line in EPSG:4326, or None.
    before_records
        The records of the earlier period, for the transition theme.
    unit_version
        The unit version ``communes`` and ``records`` are on: the one the period is shown on,
        :func:`geo.records.store.period_version` (keyword only, and required: a sheet never guesses it).
    records_of, periods
        The store's records by period and its periods, for the figures printed on the sheet
        (:func:`geo.figures.summary.period_summary`: year to date, previous period, baseline). Without them the
        sheet's figures use ``records`` alone.
    engine
        The store the plan of the period is read from (:func:`geo.figures.targets.plan_for`; the app's database
        when None).
    """

    communes: gpd.GeoDataFrame
    records: pd.DataFrame
    illustrative: bool
    border: gpd.GeoDataFrame | None = None
    before_records: pd.DataFrame | None = None
    unit_version: str = field(kw_only=True)
    records_of: Callable[[str], pd.DataFrame] | None = field(default=None, repr=False, compare=False)
    periods: tuple[str, ...] = ()
    engine: Engine | None = field(default=None, kw_only=True, repr=False, compare=False)  # the store, for the plan
    _metric: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def metric_layers(self) -> dict[str, object]:
        """Communes, district outlines, province outline and border in METRIC_CRS, computed once."""
        if not self._metric:
            communes = self.communes.to_crs(METRIC_CRS)
            districts = dissolve_districts(self.communes).to_crs(METRIC_CRS)
            self._metric["communes"] = communes
            self._metric["districts"] = districts
            self._metric["province"] = districts.geometry.union_all()
            self._metric["border"] = None if self.border is None else self.border.to_crs(METRIC_CRS)
        return self._metric

    def print_layers(self, tolerance: float, clip: tuple[float, float, float, float] | None = None
                     ) -> dict[str, object]:
        """:meth:`metric_layers` simplified to ``tolerance`` metres, computed once per tolerance.

        The communes and the districts are simplified as coverages (:func:`shapely.coverage_simplify`: a line
        shared by two units stays shared, no gap or overlap opens), the province outline and the border as
        lines. Drawn at the sheet's scale the difference is below a printer's dot (:func:`print_tolerance`),
        and the PDF carries a fraction of the vertices: 229,000 of the 166 units of 2025 made a 3.1 MB page.
        ``clip`` (x0, y0, x1, y1 in metres): cut every layer to that box, the map frame of a district's sheet, for
        matplotlib writes the lines outside a frame into the PDF all the same.
        """
        key = f"print@{tolerance:g}@{clip}"
        if key not in self._metric and clip is not None:
            whole = self.print_layers(tolerance)
            cut = {}
            for name in ("communes", "districts", "border"):
                frame = whole[name]
                if frame is not None:
                    frame = frame.copy()
                    frame.geometry = gpd.GeoSeries(shapely.clip_by_rect(frame.geometry.to_numpy(), *clip),
                                                   index=frame.index, crs=frame.crs)
                    if name == "border":  # a district away from Laos: no border line at all (None), as without one
                        frame = frame[~frame.geometry.is_empty]
                        frame = frame if len(frame) else None
                cut[name] = frame
            cut["province"] = shapely.clip_by_rect(whole["province"], *clip)
            self._metric[key] = cut
        if key not in self._metric:
            full = self.metric_layers()
            communes, districts = full["communes"].copy(), full["districts"].copy()
            for frame in (communes, districts):
                geoms = frame.geometry.to_numpy()
                areal = shapely.get_type_id(geoms) >= 3  # (multi)polygons; the units drawn as points stay
                if areal.any():
                    geoms = geoms.copy()
                    geoms[areal] = shapely.coverage_simplify(geoms[areal], tolerance)
                    frame.geometry = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
            border = full["border"]
            if border is not None:
                border = border.copy()
                border.geometry = border.geometry.simplify(tolerance)
            self._metric[key] = {"communes": communes, "districts": districts,
                                 "province": shapely.simplify(full["province"], tolerance), "border": border}
        return self._metric[key]


def print_tolerance(inputs: SheetInputs, options: SheetOptions, codes: set[str]) -> float:
    """The simplification a sheet's map can take: :data:`PRINT_DOT_MM` of paper in metres at its scale.

    The scale is that of the units ``codes`` in the map frame (the province: about 1 km a millimetre, so
    40 m; a district: a few metres), rounded down to a power of two metres so that the sheets of one area share
    the simplified layers.
    """
    communes = inputs.metric_layers()["communes"]
    x0, y0, x1, y1 = communes[communes[KEY].isin(codes)].total_bounds
    _x, _y, w, h = _layout(options.orientation, inputs.illustrative).map
    scale = PAPER_MM[options.paper][0] / PAPER_MM["a4"][0]
    m_per_mm = max((x1 - x0) / w, (y1 - y0) / h, 2000.0 / max(w, h)) / scale  # the fit of _map_extent, unpadded
    return float(2 ** math.floor(math.log2(max(m_per_mm * PRINT_DOT_MM, 1.0))))


def sheet_figures(inputs: SheetInputs, options: SheetOptions) -> PeriodSummary[int | None]:
    """The figures of the sheet's period and area: :func:`geo.figures.summary.period_summary`, as everywhere."""
    periods = inputs.periods or (options.period,)

    def records_of(period: str) -> pd.DataFrame:
        if period == options.period:
            return inputs.records
        return inputs.records_of(period) if inputs.records_of is not None else empty_records()

    return period_summary(inputs.communes, options.period, records_of, periods, district_codes=options.districts)


def sheet_kicker(period: str, lang: str, engine: Engine | None = None) -> str:
    """The line above the title: the plan of the period's own year, or the programme alone when it has none."""
    from geo.figures.targets import plan_for

    plan = plan_for(period, engine)
    return plan.kicker(lang) if plan is not None else t("sheets.kicker_no_plan", lang)


def figures_line(figures: PeriodSummary[int | None], options: SheetOptions) -> str:
    """The sheet's key figures in one line, in the words and number style of ``options.lang``."""
    lang = options.lang
    shown = privacy.mask_figures(figures) if options.suppress_small else figures
    status, counts, ytd = shown.status, shown.counts, shown.ytd
    parts = [t("sheets.fig_healthy", lang, n=fmt_fraction(status.healthy, status.communes_total, lang),
               ratio=fmt_percent(status.healthy_ratio, lang))]
    if status.conversion_targets:
        parts.append(t("sheets.fig_converted", lang, n=fmt_fraction(status.converted, status.conversion_targets, lang)))
    if figures.period_kind == "quarter":
        parts.append(t("sheets.fig_inspections_q", lang, q=fmt_number(counts.inspections, lang),
                       ytd=fmt_number(ytd.inspections, lang)))
        parts.append(t("sheets.fig_cases_q", lang, q=fmt_number(counts.criminal_cases, lang),
                       ytd=fmt_number(ytd.criminal_cases, lang)))
    else:
        parts.append(t("sheets.fig_inspections_y", lang, n=fmt_number(ytd.inspections, lang)))
        parts.append(t("sheets.fig_cases_y", lang, n=fmt_number(ytd.criminal_cases, lang)))
    return t("sheets.fig_intro", lang, period=period_label(options.period, lang)) + "; ".join(parts) + "."


def check_options(inputs: SheetInputs, options: SheetOptions) -> None:
    """Raise :class:`ExportError` for an unknown theme or district code (message in ``options.lang``)."""
    if options.theme not in SHEET_THEMES:
        raise ExportError(f"unknown theme {options.theme!r}; use one of {SHEET_THEMES}")
    known = set(inputs.communes["district_code"])
    for code in options.districts:
        if code not in known:
            raise ExportError(t("sheets.unknown_district", options.lang, code=code))
    if options.theme == "transition" and inputs.before_records is None:
        raise ExportError("the transition theme needs the records of the earlier period (before=...)")


def sheet_theme(inputs: SheetInputs, options: SheetOptions) -> tuple[gpd.GeoDataFrame, ThemeMap]:
    """The joined frame of the filter and its :class:`ThemeMap`: :func:`geo.maps.themes.view_theme`, as the live map."""
    return view_theme(inputs.communes, inputs.records, options.theme, options.districts, options.lang,
                      before_records=inputs.before_records, metric=options.metric, scheme=options.scheme,
                      k=options.k, breaks=options.breaks, suppress_small=options.suppress_small,
                      measure=options.measure)


# --- fonts ------------------------------------------------------------------------------------------


def vietnamese_font() -> str:
    """The family name of an installed font that has every Vietnamese glyph (see :data:`FONT_CANDIDATES`).

    Raises
    ------
    FontError
        When no font has them; the message says which Debian package to install.
    """
    from matplotlib import font_manager, ft2font

    def covers(path: str) -> bool:
        try:
            charmap = ft2font.FT2Font(path).get_charmap()
        except (OSError, RuntimeError):
            return False
        return all(ord(c) in charmap for c in VIETNAMESE_PROBE)

    for family in FONT_CANDIDATES:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        if covers(path):
            return family
    for entry in font_manager.fontManager.ttflist:
        if entry.style == "normal" and entry.weight in (400, "normal") and covers(entry.fname):
            return entry.name
    raise FontError(t("sheets.no_font", "vi", fonts=", ".join(FONT_CANDIDATES)) + " / "
                    + t("sheets.no_font", "en", fonts=", ".join(FONT_CANDIDATES)))


# --- titles and texts --------------------------------------------------------------------------------


def district_short(name: str) -> str:
    """A district name for a map label: "Huyện Quan Hóa" → "Quan Hóa", "Thành phố Thanh Hóa" → "TP. Thanh Hóa"."""
    for prefix, short in (("Huyện ", ""), ("Thành phố ", "TP. "), ("Thị xã ", "TX. ")):
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


def commune_short(name: str) -> str:
    """A commune name for a map label: without "Xã "; "Phường"/"Thị trấn" abbreviated."""
    for prefix, short in (("Xã ", ""), ("Phường ", "P. "), ("Thị trấn ", "TT. ")):
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


def scope_text(inputs: SheetInputs, options: SheetOptions) -> str:
    """The area shown, in words: the whole province or the chosen districts' names."""
    if not options.districts:
        return t("sheets.province", options.lang)
    names = (inputs.communes.drop_duplicates("district_code").set_index("district_code")["district_name"])
    said = [str(names.get(c, c)) for c in sorted(options.districts)]
    if not sheet_has_districts(inputs):  # from July 2025 a district is a former one: "Huyện Quảng Xương cũ"
        said = [t("sheets.former_district", options.lang, name=name) for name in said]
    return ", ".join(said)


def sheet_title(inputs: SheetInputs, options: SheetOptions) -> tuple[str, str]:
    """The title (naming the theme) and the subtitle (period and area) of a sheet."""
    lang = options.lang
    title = theme_title(options.theme, lang, sheet_kinds(inputs, lang))
    if options.theme == "transition":
        when = t("sheets.transition_period", lang, before=period_label(options.before, lang, short=True)
                 if options.before else "", period=period_label(options.period, lang, short=True))
    else:
        when = t("sheets.period", lang, period=period_label(options.period, lang))
    return title, f"{when} — {t('sheets.scope', options.lang, scope=scope_text(inputs, options))}"


def sheet_has_districts(inputs: SheetInputs) -> bool:
    """Whether the sheet's units have districts (False from 1 July 2025: former districts are drawn)."""
    from geo.units.versions import has_districts

    return has_districts(inputs.unit_version)


def source_lines(inputs: SheetInputs, options: SheetOptions, theme: ThemeMap) -> list[str]:
    """The footer: sources, boundary vintage, the units shown as points, method, reference system."""
    from geo.units.versions import FIRST_VERSION, version_note, versioned

    lang = options.lang
    # The unit list of the period and where its boundaries come from (derived links said to be derived).
    version = inputs.unit_version
    first = not versioned() or version == FIRST_VERSION
    lines = [t("sheets.source_boundaries", lang) if first else version_note(options.period, lang, version=version),
             *boundary_citation(inputs.communes, lang)]
    lines.append(t("sheets.source_illustrative", lang) if inputs.illustrative
                 else t("sheets.source_import", lang, period=period_label(options.period, lang)))
    shown = filter_districts(inputs.communes, options.districts)
    points = shown[~shown["has_boundary"].astype(bool)]
    if len(points):
        names = "; ".join(f"{r.commune_name} ({r.district_name})" for r in points.itertuples())
        lines.append(t("sheets.points_note", lang, n=len(points), names=names))
    method = theme.legend.note
    lines.append(" ".join(x for x in (f"{method}." if method else "", t("sheets.crs", lang)) if x))
    return lines


# --- drawing ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Rectangles of the sheet in millimetres, (x, y, width, height) from the bottom-left corner."""

    width: float
    height: float
    title: tuple[float, float, float, float]
    banner: tuple[float, float, float, float] | None
    map: tuple[float, float, float, float]
    legend: tuple[float, float, float, float]
    inset: tuple[float, float, float, float]
    footer: tuple[float, float, float, float]


def _layout(orientation: str, illustrative: bool) -> _Layout:
    """The A4 layout (A3 is the same, scaled by √2 at draw time)."""
    margin, gap = 10.0, 4.0
    banner_h = 9.0 if illustrative else 0.0
    if orientation == "landscape":
        w, h = 297.0, 210.0
        title = (margin, h - margin - 22, w - 2 * margin, 22)
        footer = (margin, margin, w - 2 * margin, 23)  # with the key-figures line (figures_line)
        top = title[1] - gap
        banner = (margin, top - banner_h, w - 2 * margin, banner_h) if illustrative else None
        top -= banner_h + (gap if illustrative else 0)
        bottom = footer[1] + footer[3] + gap
        side = 90.0
        map_rect = (margin, bottom, w - 2 * margin - side - gap, top - bottom)
        inset_h = 46.0
        inset = (w - margin - side, bottom, side, inset_h)
        legend = (w - margin - side, bottom + inset_h + gap, side, top - bottom - inset_h - gap)
    else:
        w, h = 210.0, 297.0
        title = (margin, h - margin - 24, w - 2 * margin, 24)
        footer = (margin, margin, w - 2 * margin, 27)  # with the key-figures line (figures_line)
        top = title[1] - gap
        banner = (margin, top - banner_h, w - 2 * margin, banner_h) if illustrative else None
        top -= banner_h + (gap if illustrative else 0)
        panel_h = 64.0
        panel_y = footer[1] + footer[3] + gap
        inset_w = 70.0
        legend = (margin, panel_y, w - 2 * margin - inset_w - gap, panel_h)
        inset = (w - margin - inset_w, panel_y, inset_w, panel_h)
        bottom = panel_y + panel_h + gap
        map_rect = (margin, bottom, w - 2 * margin, top - bottom)
    return _Layout(w, h, title, banner, map_rect, legend, inset, footer)


class _Paper:
    """A matplotlib Figure sized to the paper, drawn on in A4 millimetres and A4 points.

    Every part of a sheet is laid out on A4 (:func:`_layout`); on A3 the figure is √2 larger and :meth:`pt`
    scales font sizes and line widths with it.
    """

    def __init__(self, options: SheetOptions, illustrative: bool, dpi: float, exact_px: bool) -> None:
        self.lang = options.lang
        self.scale = math.sqrt(2) if options.paper == "a3" else 1.0
        self.layout = _layout(options.orientation, illustrative)
        w_mm, h_mm = self.layout.width * self.scale, self.layout.height * self.scale
        w_in, h_in = w_mm * MM, h_mm * MM
        if exact_px:  # matplotlib truncates width*dpi: aim a hair above the wanted whole pixel count
            w_in = (round(w_in * dpi) + 0.01) / dpi
            h_in = (round(h_in * dpi) + 0.01) / dpi
        self.dpi = dpi
        self.fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")

    def pt(self, size: float) -> float:
        """A font size or line width (A4 points) on this paper."""
        return size * self.scale

    def panel(self, rect: tuple[float, float, float, float], zorder: float = 1) -> object:
        """An axes over ``rect`` whose data coordinates are A4 millimetres from its bottom-left corner."""
        x, y, w, h = rect
        ax = self.fig.add_axes((x / self.layout.width, y / self.layout.height,
                                w / self.layout.width, h / self.layout.height), zorder=zorder)
        ax.set_xlim(0, w)
        ax.set_ylim(0, h)
        ax.set_axis_off()
        ax.patch.set_alpha(0)
        return ax

    def text(self, ax: object, x: float, y: float, s: str, size: float, **kw: object) -> object:
        """Text at A4 millimetres with a font size in A4 points."""
        kw.setdefault("color", INK)
        kw.setdefault("va", "baseline")
        return ax.text(x, y, s, fontsize=self.pt(size), **kw)

    def fit(self, text: object, size: float, smallest: float, width_mm: float) -> None:
        """Shrink ``text`` (drawn at ``size`` pt) until it is at most ``width_mm`` wide, down to ``smallest``."""
        if not isinstance(self.fig.canvas, FigureCanvasAgg):
            # A renderer to measure text with, attached only after the maps are drawn: with a real canvas,
            # every GeoDataFrame.plot redraws the whole figure (draw_idle). savefig uses the format's canvas.
            FigureCanvasAgg(self.fig)
        renderer = self.fig.canvas.get_renderer()
        limit = width_mm * self.scale * MM * self.dpi
        while size > smallest and text.get_window_extent(renderer).width > limit:
            size -= 0.5
            text.set_fontsize(self.pt(size))

    def wrap(self, s: str, width_mm: float, size: float) -> list[str]:
        """Lines of ``s`` that fit ``width_mm`` at ``size`` pt (DejaVu's mean glyph is ~0.55 em)."""
        chars = max(10, int(width_mm / (size / PT_PER_MM * 0.56)))
        return textwrap.wrap(s, chars) or [""]

    def halo_text(self, ax: object, x: float, y: float, s: str, **kw: object) -> None:
        """A map label with a white halo.

        The halo is a separate copy (path effects turn text into paths), so the label itself stays text in PDF
        and SVG: searchable and copyable.
        """
        halo = [patheffects.withStroke(linewidth=self.pt(2.2), foreground="white")]
        zorder = float(kw.pop("zorder", 9))
        ax.text(x, y, s, path_effects=halo, clip_on=True, zorder=zorder - 0.1, **kw)
        ax.text(x, y, s, clip_on=True, zorder=zorder, **kw)


def _draw(inputs: SheetInputs, options: SheetOptions, dpi: float, exact_px: bool) -> Figure:
    """Draw a sheet's parts on its paper, in the order their layers need."""
    paper = _Paper(options, inputs.illustrative, dpi, exact_px)
    joined, theme = sheet_theme(inputs, options)
    tolerance = print_tolerance(inputs, options, set(joined[KEY]))
    whole = inputs.print_layers(tolerance)
    # a district's sheet: the layers cut to its frame (a little wider), the rest of the province is not drawn
    layers = inputs.print_layers(tolerance, clip=_frame_box(inputs, options, set(joined[KEY]), paper)) \
        if options.districts else whole
    _sheet_frame(paper)
    extent = _map_frame(paper, inputs, options, joined, theme, layers)
    # the inset, the whole province in small: simplified at its own scale
    _inset(paper, inputs, options, inputs.print_layers(_inset_tolerance(inputs, paper)), extent)
    _legend_panel(paper, inputs, options, theme)
    _footer(paper, inputs, options, theme)
    if paper.layout.banner:
        _banner(paper)
    _title_block(paper, inputs, options)  # last: it measures text (_Paper.fit)
    return paper.fig


# --- title, banner, frame -----------------------------------------------------------------------------


def _frame_box(inputs: SheetInputs, options: SheetOptions, codes: set[str], paper: _Paper
               ) -> tuple[float, float, float, float]:
    """The map frame's extent in metres (as :func:`_map_extent` sets it), widened by a tenth on each side."""
    communes = inputs.metric_layers()["communes"]
    x0, y0, x1, y1 = communes[communes[KEY].isin(codes)].geometry.total_bounds
    pad = 0.04 * max(x1 - x0, y1 - y0, 2000.0)
    _x, _y, w, h = paper.layout.map
    (x0, x1), (y0, y1) = _fit_extent((x0 - pad, y0 - pad, x1 + pad, y1 + pad), w / h)
    margin = 0.1 * max(x1 - x0, y1 - y0)
    return (x0 - margin, y0 - margin, x1 + margin, y1 + margin)


def _inset_tolerance(inputs: SheetInputs, paper: _Paper) -> float:
    """The simplification of the inset: :data:`PRINT_DOT_MM` at its scale (the province in 50 mm: about 256 m)."""
    x0, y0, x1, y1 = inputs.metric_layers()["districts"].total_bounds
    _x, _y, w, h = paper.layout.inset
    m_per_mm = max((x1 - x0) / w, (y1 - y0) / h) / paper.scale
    return float(2 ** math.floor(math.log2(max(m_per_mm * PRINT_DOT_MM, 1.0))))


def _sheet_frame(paper: _Paper) -> None:
    """The double line around the sheet."""
    ax = paper.panel((0, 0, paper.layout.width, paper.layout.height), zorder=0)
    m = 6.0
    ax.add_patch(Rectangle((m, m), paper.layout.width - 2 * m, paper.layout.height - 2 * m, fill=False,
                           lw=paper.pt(1.2), ec=FRAME, clip_on=False))
    ax.add_patch(Rectangle((m + 1.2, m + 1.2), paper.layout.width - 2 * m - 2.4,
                           paper.layout.height - 2 * m - 2.4, fill=False, lw=paper.pt(0.35), ec=FRAME))


def _title_block(paper: _Paper, inputs: SheetInputs, options: SheetOptions) -> None:
    """The kicker (province and plan), the title naming the theme, the subtitle naming period and area."""
    x, y, w, h = paper.layout.title
    ax = paper.panel(paper.layout.title)
    title, subtitle = sheet_title(inputs, options)
    paper.text(ax, 0, h - 4.5, sheet_kicker(options.period, paper.lang, inputs.engine), 6.8, color=MUTED,
               fontweight="bold")
    paper.fit(paper.text(ax, 0, h - 13.5, title.upper(), 16, color=ACCENT, fontweight="bold"), 16, 10, w)
    paper.fit(paper.text(ax, 0, h - 20.5, subtitle, 9.5, color=INK), 9.5, 6, w)
    ax.plot([0, w], [0.6, 0.6], color=ACCENT, lw=paper.pt(1.6), solid_capstyle="butt")


def _banner(paper: _Paper) -> None:
    """The "illustrative data" banner under the title, in both languages."""
    x, y, w, h = paper.layout.banner
    ax = paper.panel(paper.layout.banner)
    ax.add_patch(Rectangle((0, 0), w, h, fc="#fde0dd", ec=WARN, lw=paper.pt(1.2), clip_on=False))
    other = "en" if paper.lang == "vi" else "vi"
    mark = f"{t('sheets.mark', paper.lang)} / {t('sheets.mark', other)}"
    paper.text(ax, 3, h / 2, mark, 11, color=WARN, fontweight="bold", va="center")
    paper.text(ax, w - 3, h / 2, "\n".join(paper.wrap(t("sheets.mark_line", paper.lang), w * 0.45, 6.6)), 6.6,
               color=WARN, va="center", ha="right", linespacing=1.15)


# --- the map frame ------------------------------------------------------------------------------------


def _map_frame(paper: _Paper, inputs: SheetInputs, options: SheetOptions, joined: gpd.GeoDataFrame,
               theme: ThemeMap, layers: dict[str, object]) -> tuple:
    """The map frame, with the scale bar, north arrow and illustrative watermark over it.

    Units in their class colours, lines, points and circles, names. Returns the extent shown, in metres of
    :data:`geo.contract.METRIC_CRS`.
    """
    x, y, w, h = paper.layout.map
    fig_w, fig_h = paper.layout.width, paper.layout.height
    ax = paper.fig.add_axes((x / fig_w, y / fig_h, w / fig_w, h / fig_h), zorder=2)
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(paper.pt(0.9))
        spine.set_edgecolor(FRAME)
    communes: gpd.GeoDataFrame = layers["communes"]
    shown_codes = set(joined[KEY])
    is_shown = communes[KEY].isin(shown_codes).to_numpy()
    has_poly = communes["has_boundary"].astype(bool).to_numpy()
    filtered = bool(options.districts)

    shown_districts = _draw_areas(paper, ax, joined, theme, layers, is_shown, has_poly, filtered)
    xlim, ylim = _map_extent(ax, communes[is_shown].geometry, w / h)
    m_per_mm = (xlim[1] - xlim[0]) / (w * paper.scale)
    _draw_markers(paper, ax, communes[is_shown & ~has_poly], theme)
    _draw_names(paper, ax, communes[is_shown], shown_districts, filtered,
                label_communes=filtered and int((is_shown & has_poly).sum()) <= 90, m_per_mm=m_per_mm)

    over = paper.panel(paper.layout.map, zorder=3)
    _scale_bar(paper, over, m_per_mm)
    _north_arrow(paper, over, w, h)
    if inputs.illustrative:
        other = "en" if paper.lang == "vi" else "vi"
        paper.text(over, w / 2, h / 2, f"{t('sheets.mark', paper.lang)}\n{t('sheets.mark', other)}", 30, color=WARN,
                   alpha=0.13, ha="center", va="center", rotation=28, fontweight="bold", linespacing=1.3)
    return (xlim[0], ylim[0], xlim[1], ylim[1])


def _draw_areas(paper: _Paper, ax: object, joined: gpd.GeoDataFrame, theme: ThemeMap, layers: dict[str, object],
                is_shown: np.ndarray, has_poly: np.ndarray, filtered: bool) -> gpd.GeoDataFrame:
    """The units with a boundary in their class colours, and the lines; returns the districts shown.

    Around a district filter the rest of the province is drawn faint; then the district and province outlines
    and, on the border theme, the Laos border.
    """
    communes: gpd.GeoDataFrame = layers["communes"]
    districts: gpd.GeoDataFrame = layers["districts"]
    shown = communes[is_shown & has_poly]
    # context: the rest of the province, faint, so the frame edges are not empty
    if filtered:
        rest = communes[~is_shown & has_poly]
        rest.plot(ax=ax, color=CONTEXT_FILL, edgecolor="#d0d0d0", linewidth=paper.pt(0.2))
    codes = shown[KEY].astype(str)
    fills = theme.fill.reindex(codes).fillna(NO_DATA_COLOUR).to_numpy()
    prominent = (theme.prominent.reindex(codes, fill_value=True).astype(bool).to_numpy()
                 if len(theme.prominent) else np.ones(len(codes), dtype=bool))
    faces = [to_rgba(c, 0.92 if p else 0.4) for c, p in zip(fills, prominent, strict=True)]
    edges = [COMMUNE_EDGE if p else "#c8c8c8" for p in prominent]
    shown.plot(ax=ax, color=faces, edgecolor=edges, linewidth=paper.pt(0.18))
    shown_districts = districts[districts["district_code"].isin(set(joined["district_code"]))]
    shown_districts.boundary.plot(ax=ax, color=DISTRICT_EDGE, linewidth=paper.pt(0.75))
    if filtered:
        districts.boundary.plot(ax=ax, color="#9a9a9a", linewidth=paper.pt(0.4), zorder=1.5)
    gpd.GeoSeries([layers["province"]], crs=METRIC_CRS).boundary.plot(ax=ax, color=INK,
                                                                     linewidth=paper.pt(1.1))
    border = layers.get("border")
    if theme.theme == "border" and border is not None:
        border.plot(ax=ax, color=BORDER_LINE, linewidth=paper.pt(1.8), linestyle=(0, (5, 3)), zorder=5)
    return shown_districts


def _map_extent(ax: object, geometries: gpd.GeoSeries, ratio: float) -> tuple[tuple[float, float], ...]:
    """Fit the map to the units shown (points included), padded, then widened to the frame's shape."""
    x0, y0, x1, y1 = geometries.total_bounds
    pad = 0.04 * max(x1 - x0, y1 - y0, 2000.0)
    xlim, ylim = _fit_extent((x0 - pad, y0 - pad, x1 + pad, y1 + pad), ratio)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("")
    ax.set_ylabel("")
    return xlim, ylim


def _draw_markers(paper: _Paper, ax: object, pts: gpd.GeoDataFrame, theme: ThemeMap) -> None:
    """Units without a boundary as points (class colour, dark dashed ring); the theme's proportional circles."""
    if len(pts):
        pfill = theme.fill.reindex(pts[KEY].astype(str)).fillna(NO_DATA_COLOUR).to_numpy()
        ax.scatter(pts.geometry.x, pts.geometry.y, s=(2 * paper.pt(POINT_RADIUS_PT)) ** 2, c=list(pfill),
                   edgecolors="#202020", linewidths=paper.pt(1.0), linestyles=(0, (2, 1)), zorder=7)
    # proportional circles (border theme): radius in pt from the web radius in px
    if theme.circles:
        lon = [c.lon for c in theme.circles]
        lat = [c.lat for c in theme.circles]
        xy = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs="EPSG:4326").to_crs(METRIC_CRS)
        sizes = [(2 * paper.pt(c.radius * CIRCLE_PT_PER_PX)) ** 2 for c in theme.circles]
        if theme.legend.size_ring:  # markers (targeted communes): a ring that leaves the fill readable
            ax.scatter(xy.x, xy.y, s=sizes, facecolors="none", edgecolors=theme.legend.size_colour,
                       linewidths=paper.pt(1.2), zorder=8)
        else:
            ax.scatter(xy.x, xy.y, s=sizes, c=theme.legend.size_colour, alpha=0.65, edgecolors="white",
                       linewidths=paper.pt(0.6), zorder=8)


def _draw_names(paper: _Paper, ax: object, communes: gpd.GeoDataFrame, districts: gpd.GeoDataFrame,
                filtered: bool, *, label_communes: bool, m_per_mm: float) -> None:
    """The names on the map: the communes' when a few districts are shown, the districts' always."""
    if label_communes:
        for row in communes.itertuples():
            p = row.geometry.representative_point()
            point = row.geometry.geom_type == "Point"
            dy = 2.2 * paper.scale * m_per_mm if point else 0.0  # a point's name sits above its marker
            paper.halo_text(ax, p.x, p.y + dy, commune_short(row.commune_name), fontsize=paper.pt(4.6),
                            color="#333333", ha="center", va="bottom" if point else "center", zorder=9)
    for row in districts.itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        p = row.geometry.representative_point()
        size = 7.6 if filtered else (6.0 if row.area_km2 >= 200 else 4.8)  # the small towns crowd the coast
        paper.halo_text(ax, p.x, p.y, district_short(row.district_name).upper() if filtered else
                        district_short(row.district_name), fontsize=paper.pt(size), fontweight="bold",
                        color=INK, ha="center", va="center", zorder=10)


def _scale_bar(paper: _Paper, ax: object, m_per_mm: float) -> None:
    """A four-segment scale bar in km, drawn in the map's metric units (true distances)."""
    target_km = m_per_mm * 45 / 1000  # aim at ~45 mm of paper
    nice = [1, 2, 2.5, 5, 10, 20, 25, 50, 100]
    length_km = max([n for n in nice if n <= target_km] or [1])
    bar_mm = length_km * 1000 / m_per_mm
    x0, y0, hgt = 6.0, 6.0, 1.6
    ax.add_patch(Rectangle((x0 - 3, y0 - 3.2), bar_mm + 14, 11.5, fc=(1, 1, 1, 0.85), ec="none"))
    seg = bar_mm / 4
    for i in range(4):
        ax.add_patch(Rectangle((x0 + i * seg, y0), seg, hgt, fc=INK if i % 2 == 0 else "white", ec=INK,
                               lw=paper.pt(0.5)))
    for i in (0, 2, 4):
        value = length_km * i / 4
        text = f"{value:g}".replace(".", "," if paper.lang == "vi" else ".")
        paper.text(ax, x0 + i * seg, y0 + hgt + 1.3, text, 6.2, ha="center")
    paper.text(ax, x0 + bar_mm + 2.0, y0 + 0.1, "km", 6.2)
    ratio = m_per_mm * 1000 / paper.scale
    paper.text(ax, x0, y0 - 2.4, f"1 : {_round_ratio(ratio):,}".replace(",", "."), 5.8, color=MUTED)


def _round_ratio(ratio: float) -> int:
    """A printable scale denominator (A4 at 100 %): three significant figures."""
    digits = max(0, int(math.log10(ratio)) - 2)
    return int(round(ratio / 10**digits) * 10**digits)


def _north_arrow(paper: _Paper, ax: object, w: float, h: float) -> None:
    """A two-tone arrow with the north letter, top-right of the map frame (grid north ≈ true north)."""
    cx, top, half, length = w - 9.0, h - 6.0, 3.2, 11.0
    ax.add_patch(Rectangle((cx - 6, top - length - 3), 12, length + 8.5, fc=(1, 1, 1, 0.85), ec="none"))
    tip, base = (cx, top), top - length
    ax.add_patch(PolygonPatch([tip, (cx - half, base), (cx, base + 3)], closed=True, fc=INK, ec=INK,
                              lw=paper.pt(0.5)))
    ax.add_patch(PolygonPatch([tip, (cx + half, base), (cx, base + 3)], closed=True, fc="white", ec=INK,
                              lw=paper.pt(0.5)))
    paper.text(ax, cx, top + 0.8, t("sheets.north", paper.lang), 9, fontweight="bold", ha="center")


# --- legend, inset, footer ----------------------------------------------------------------------------


def _legend_panel(paper: _Paper, inputs: SheetInputs, options: SheetOptions, theme: ThemeMap) -> None:
    """The legend: the classes with their communes, the line and point symbols, circle sizes, the method."""
    x, y, w, h = paper.layout.legend
    ax = paper.panel(paper.layout.legend)
    ax.add_patch(Rectangle((0, 0), w, h, fc="white", ec=FRAME, lw=paper.pt(0.6), clip_on=False))
    legend = theme.legend
    portrait = options.orientation == "portrait"
    count_x, cy = _legend_classes(paper, ax, legend, w, h, portrait)
    # symbols: a second column on portrait sheets; below the classes on landscape ones, circle sizes
    # beside the line symbols
    sx, sy = (count_x + 8, h - 15.5) if portrait else (3.0, cy - 2.5)
    top_symbols = sy
    sy = _legend_symbols(paper, ax, sx, sy, with_districts=sheet_has_districts(inputs),
                         border=theme.theme == "border")
    if legend.sizes:
        zx, zy = (sx, sy - 6.0) if portrait else (52.0, top_symbols - 3.6)
        sy = min(sy, _legend_sizes(paper, ax, legend, zx, zy))
    if legend.note:
        note_w = (w - sx - 3) if portrait else w - 6
        lines = paper.wrap(legend.note, note_w, 6.2)
        paper.text(ax, sx, sy - 3.0, "\n".join(lines), 6.2, color=MUTED, linespacing=1.2, va="top")


def _legend_classes(paper: _Paper, ax: object, legend: object, w: float, h: float,
                    portrait: bool) -> tuple[float, float]:
    """The legend's title and its classes with the communes in each and their total.

    Returns the x of the counts' right edge and the y under the total.
    """
    cy = h - 6.0
    paper.text(ax, 3, cy, t("sheets.legend", paper.lang), 8, fontweight="bold", color=ACCENT)
    cy -= 5.5
    paper.text(ax, 3, cy, legend.title, 7.6, fontweight="bold")
    cy -= 2.0
    row_h = 4.4 if len(legend.entries) <= 6 else 3.8
    count_x = min(w - 3, 3 + 7 + 46) if portrait else w - 3
    cy -= 2.2
    paper.text(ax, count_x, cy, t("sheets.communes_unit", paper.lang), 5.8, color=MUTED, ha="right")
    for entry in legend.entries:
        cy -= row_h
        ax.add_patch(Rectangle((3, cy - 0.4), 6, 3.2, fc=entry.colour, ec=COMMUNE_EDGE, lw=paper.pt(0.4)))
        paper.text(ax, 11, cy + 0.3, entry.label, 7)
        paper.text(ax, count_x, cy + 0.3, str(entry.count), 7, ha="right")
    cy -= row_h * 0.9
    ax.plot([11, count_x], [cy + 2.6, cy + 2.6], color="#999999", lw=paper.pt(0.4))
    paper.text(ax, 11, cy, t("sheets.total", paper.lang), 6.8, color=MUTED)
    paper.text(ax, count_x, cy, str(legend.total), 6.8, ha="right", color=MUTED)
    return count_x, cy


def _legend_symbols(paper: _Paper, ax: object, sx: float, sy: float, *, with_districts: bool,
                    border: bool) -> float:
    """The line and point symbols from (``sx``, ``sy``) down; returns the y of the last one."""
    line_key = "sheets.district_line" if with_districts else "sheets.former_district_line"
    items: list[tuple[str, str]] = [("line_district", t(line_key, paper.lang)),
                                    ("line_commune", t("sheets.commune_line", paper.lang)),
                                    ("point", t("sheets.point_unit", paper.lang))]
    if border:
        items.insert(0, ("line_border", t("sheets.laos_border", paper.lang)))
    for kind, text in items:
        sy -= 4.2
        if kind == "line_border":
            ax.plot([sx, sx + 6], [sy + 1.2, sy + 1.2], color=BORDER_LINE, lw=paper.pt(1.6), ls=(0, (3, 2)))
        elif kind == "line_district":
            ax.plot([sx, sx + 6], [sy + 1.2, sy + 1.2], color=DISTRICT_EDGE, lw=paper.pt(0.9))
        elif kind == "line_commune":
            ax.plot([sx, sx + 6], [sy + 1.2, sy + 1.2], color=COMMUNE_EDGE, lw=paper.pt(0.4))
        else:
            ax.add_patch(CirclePatch((sx + 3, sy + 1.2), POINT_RADIUS_PT / PT_PER_MM, fc="white",
                                     ec="#202020", lw=paper.pt(0.8), ls=(0, (2, 1))))
        paper.text(ax, sx + 8, sy + 0.3, text, 6.6)
    return sy


def _legend_sizes(paper: _Paper, ax: object, legend: object, zx: float, zy: float) -> float:
    """The proportional circles' sizes, titled, from (``zx``, ``zy``); returns the y of their base."""
    paper.text(ax, zx, zy, legend.size_title, 6.6, fontweight="bold")
    rmax = max(s.radius for s in legend.sizes) * CIRCLE_PT_PER_PX / PT_PER_MM
    base = zy - 2.0 - 2 * rmax
    for s in legend.sizes:
        r = s.radius * CIRCLE_PT_PER_PX / PT_PER_MM
        fill = "none" if legend.size_ring else to_rgba(legend.size_colour, 0.25)
        ax.add_patch(CirclePatch((zx + rmax, base + r), r, fc=fill, ec=legend.size_colour,
                                 lw=paper.pt(1.2 if legend.size_ring else 0.6)))
        ax.plot([zx + rmax, zx + 2 * rmax + 3], [base + 2 * r, base + 2 * r], color="#777777",
                lw=paper.pt(0.3))
        paper.text(ax, zx + 2 * rmax + 4, base + 2 * r, s.label, 6.2, va="center")
    return base


def _inset(paper: _Paper, inputs: SheetInputs, options: SheetOptions, layers: dict[str, object],
           extent: tuple) -> None:
    """The province in small, the districts shown highlighted and the map's extent outlined."""
    x, y, w, h = paper.layout.inset
    box = paper.panel(paper.layout.inset)
    box.add_patch(Rectangle((0, 0), w, h, fc="white", ec=FRAME, lw=paper.pt(0.6), clip_on=False))
    filtered = bool(options.districts)
    # The counts come from the layer of the period's unit version (26 districts from 2025; none after
    # 1 July 2025, when the province is counted in its 166 units).
    communes = inputs.communes
    with_districts = sheet_has_districts(inputs)
    caption = (t("sheets.inset", paper.lang) if filtered else
               t("sheets.inset_all", paper.lang, n=communes["district_code"].nunique()) if with_districts else
               t("sheets.inset_all_units", paper.lang, n=len(communes)))
    paper.text(box, 3, h - 5.0, caption, 6.8, fontweight="bold", color=ACCENT)
    pad = 3.0
    ax_rect = (x + pad, y + pad, w - 2 * pad, h - 2 * pad - 5.5)
    fig_w, fig_h = paper.layout.width, paper.layout.height
    ax = paper.fig.add_axes((ax_rect[0] / fig_w, ax_rect[1] / fig_h, ax_rect[2] / fig_w, ax_rect[3] / fig_h),
                            zorder=2)
    ax.set_axis_off()
    districts: gpd.GeoDataFrame = layers["districts"]
    chosen = districts["district_code"].isin(set(options.districts)).to_numpy()
    colours = ["#9ecae1" if c else "#e6e6e6" for c in chosen] if filtered else ["#dde7f0"] * len(districts)
    districts.plot(ax=ax, color=colours, edgecolor="white", linewidth=paper.pt(0.4))
    gpd.GeoSeries([layers["province"]], crs=METRIC_CRS).boundary.plot(ax=ax, color=INK, linewidth=paper.pt(0.6))
    if filtered:
        x0, y0, x1, y1 = extent
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, ec=WARN, lw=paper.pt(1.2), zorder=5))
    x0, y0, x1, y1 = districts.total_bounds
    xlim, ylim = _fit_extent((x0, y0, x1, y1), ax_rect[2] / ax_rect[3])
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")


def _footer(paper: _Paper, inputs: SheetInputs, options: SheetOptions, theme: ThemeMap) -> None:
    """The date made and paper on the right; the key figures (:func:`figures_line`) and the sources on the left."""
    x, y, w, h = paper.layout.footer
    ax = paper.panel(paper.layout.footer)
    ax.plot([0, w], [h, h], color=ACCENT, lw=paper.pt(0.8))
    made = options.made or clock.today()
    right_w = 46.0
    date_text = t("sheets.made", paper.lang, date=made.strftime("%d/%m/%Y"))
    paper.text(ax, w, h - 4.0, date_text, 7.2, ha="right", fontweight="bold")
    paper.text(ax, w, h - 8.0, t("sheets.sheet_of", paper.lang, paper=options.paper.upper()), 6.2, ha="right",
               color=MUTED)
    lines: list[str] = []
    if options.theme != "transition":
        lines += paper.wrap(figures_line(sheet_figures(inputs, options), options), w - right_w, 5.9)
    for line in source_lines(inputs, options, theme):
        lines += paper.wrap(line, w - right_w, 5.9)
    paper.text(ax, 0, h - 3.6, "\n".join(lines), 5.9, color=MUTED, va="top", linespacing=1.25)


def _fit_extent(bounds: tuple[float, float, float, float], ratio: float) -> tuple[tuple[float, float], ...]:
    """X and y limits around ``bounds``, widened on one axis to the width/height ``ratio`` of the frame."""
    x0, y0, x1, y1 = bounds
    w, h = x1 - x0, y1 - y0
    if w / h < ratio:
        extra = (h * ratio - w) / 2
        return (x0 - extra, x1 + extra), (y0, y1)
    extra = (w / ratio - h) / 2
    return (x0, x1), (y0 - extra, y1 + extra)


def draw_sheet(inputs: SheetInputs, options: SheetOptions, *, dpi: float = PRINT_DPI,
               exact_px: bool = False) -> Figure:
    """The sheet as a matplotlib Figure (not saved). Raises :class:`ExportError` for bad options."""
    check_options(inputs, options)
    return _draw(inputs, options, dpi, exact_px)


def _rc() -> dict[str, object]:
    family = vietnamese_font()
    return {
        "font.family": [family],
        "pdf.fonttype": 42,  # TrueType: text stays text, searchable and copyable with every diacritic
        "svg.fonttype": "none",  # SVG text as <text>, editable in a drawing program
        "svg.hashsalt": "geo-sheets",  # stable ids: the same inputs give the same file
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


def render_sheet(inputs: SheetInputs, options: SheetOptions, fmt: SheetFormat = "png",
                 dpi: float = PRINT_DPI) -> bytes:
    """The sheet as PNG (``dpi``, pixel size = paper × dpi), PDF or SVG (vector) bytes."""
    if fmt not in SHEET_FORMATS:
        raise ExportError(f"unknown sheet format {fmt!r}; use one of {SHEET_FORMATS}")
    title, subtitle = sheet_title(inputs, options) if options.theme in SHEET_THEMES else ("", "")
    with rc_context(_rc()):
        fig = draw_sheet(inputs, options, dpi=dpi, exact_px=fmt == "png")
        buffer = io.BytesIO()
        metadata: dict[str, object]
        if fmt == "pdf":
            metadata = {"Title": f"{title} — {subtitle}", "Creator": "geo.maps.sheets", "CreationDate": None}
        elif fmt == "svg":
            metadata = {"Title": f"{title} — {subtitle}", "Date": None}
        else:
            metadata = {"Title": f"{title} — {subtitle}", "Software": "geo.maps.sheets"}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def render_sheets_pdf(inputs: SheetInputs, options: Sequence[SheetOptions]) -> bytes:
    """Several sheets of one area as the pages of one vector PDF (the briefing's map pages).

    The same drawing as :func:`render_sheet` (``pdf``); the pages share one embedded subset of each font (a
    sheet on its own spends about half its time subsetting its fonts) and the simplified layers of their area.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    with rc_context(_rc()):
        buffer = io.BytesIO()
        with PdfPages(buffer, metadata={"Creator": "geo.maps.sheets", "CreationDate": None}) as pages:
            for one in options:
                pages.savefig(draw_sheet(inputs, one, dpi=PRINT_DPI), facecolor="white")
    return buffer.getvalue()
