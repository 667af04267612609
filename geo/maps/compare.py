"""Several periods of one theme side by side: the split view, its timeline and its print sheet.

Each period is shown on **its own unit list** (the one :func:`geo.records.store.period_version` gives it: 635
units in 2019, 166 from 2025-Q3), never re-expressed: the maps say so, and the sheet names the source of every
list used. The classes and the legend are shared: the categorical themes have fixed colours; a classed theme
(inspections, border) is classed once over the values of every period shown (:func:`shared_breaks`), then each
period is drawn with those breaks (``scheme="manual"``). The hot spots are computed per period, on the whole
province, with the same method.

The web view (:func:`compare_html`) is one self-contained page (Leaflet and topojson-client inlined, no request
to anything) holding one small map per period, their pan and zoom kept in step, or (``mode="timeline"``) one
map with a slider and a play button that show the periods in turn.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pandas as pd

from geo.contract import KEY, METRIC_CRS
from geo.maps import render
from geo.maps.classify import classify
from geo.maps.sheets import ExportError
from geo.maps.themes import ThemeMap, view_theme
from geo.periods import normalise_period, period_label, period_sort_key, periods_label
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    import geopandas as gpd
    from sqlalchemy.engine import Engine

    from geo.access.audit import Delivered

STATIC_DIR: Final = render.VENDOR_DIR.parent
ASSET_BASE: Final = "app/static"  # relative to the page holding the frame: survives a base URL path
_SCRIPTS: Final = (render.VENDOR_DIR / render.LEAFLET_JS, render.VENDOR_DIR / render.TOPOJSON_JS,
                   STATIC_DIR / "compare" / "compare.js")
MIN_PERIODS: Final = 2
MAX_PERIODS: Final = 12
CLASSED: Final = ("inspections", "border")
COMPARE_THEMES: Final = ("healthy", "conversions", "inspections", "border", "hotspots")
_VALUE_FIELD: Final = {"inspections": "inspections", "border": "border_incidents"}


def parse_periods(value: str | Sequence[str], known: Sequence[str], lang: str = "vi") -> list[str]:
    """``"2019,2021,2025-Q3"`` (or a list) as periods in time order, each read by :func:`normalise_period`.

    Raises
    ------
    ExportError
        For a text that is no period, a period without records, one named twice, fewer than 2 or more than 12.
    """
    items = [p.strip() for p in value.split(",")] if isinstance(value, str) else [str(p).strip() for p in value]
    items = [p for p in items if p]
    periods: list[str] = []
    for item in items:
        period = normalise_period(item)
        if period is None or period not in known:
            raise ExportError(t("compare.unknown_period", lang, period=item, known=periods_label(known, lang)))
        if period in periods:
            raise ExportError(t("compare.twice", lang, period=period_label(period, lang)))
        periods.append(period)
    if not MIN_PERIODS <= len(periods) <= MAX_PERIODS:
        raise ExportError(t("compare.count", lang, n=len(periods), low=MIN_PERIODS, high=MAX_PERIODS))
    return sorted(periods, key=period_sort_key)


@dataclass(frozen=True)
class PeriodView:
    """One period of the split view: its units (with its records joined), its theme and its unit list."""

    period: str
    label: str
    unit_version: str
    version_note: str
    joined: gpd.GeoDataFrame
    theme: ThemeMap
    illustrative: bool


@dataclass(frozen=True)
class CompareView:
    """The periods of one theme, classed alike, with the one legend they share."""

    theme: str
    districts: tuple[str, ...]
    lang: str
    periods: tuple[PeriodView, ...]
    legend_title: str
    legend: tuple[tuple[str, str], ...]  # (label, colour), the same for every period
    note: str
    breaks: tuple[float, ...] | None

    @property
    def illustrative(self) -> bool:
        """Whether any period shown holds illustrative records."""
        return any(p.illustrative for p in self.periods)

    def sources(self) -> list[str]:
        """One line per unit list used, naming the periods on it (the sheet's footer, the page's caption)."""
        by_version: dict[str, list[PeriodView]] = {}
        for p in self.periods:
            by_version.setdefault(p.unit_version, []).append(p)
        return [t("compare.source_line", self.lang, periods=", ".join(p.label for p in ps), note=ps[0].version_note)
                for ps in by_version.values()]


def shared_breaks(values: Sequence[pd.Series], scheme: str = "quantiles", k: int = 5) -> tuple[float, ...] | None:
    """Class breaks over the values of every period together (None when no period has a value)."""
    pooled = pd.concat([v.astype("Float64") for v in values], ignore_index=True)
    if pooled.dropna().empty:
        return None
    classes = classify(pooled, scheme, k=k)  # type: ignore[arg-type]
    return tuple(float(b) for b in classes.bins) if len(classes.bins) else None


def build_compare(
    communes_of: dict[str, gpd.GeoDataFrame],
    records_of: dict[str, pd.DataFrame],
    theme: str,
    periods: Sequence[str],
    *,
    versions: dict[str, str],
    notes: dict[str, str],
    illustrative: dict[str, bool],
    districts: Sequence[str] = (),
    lang: str = "vi",
    scheme: str = "quantiles",
    k: int = 5,
    metric: str = "count",
    measure: str = "violations",
) -> CompareView:
    """The split view of ``periods`` from each period's units and records (no store: see :func:`load_compare`)."""
    if theme not in COMPARE_THEMES:
        raise ExportError(f"unknown theme {theme!r}; use one of {COMPARE_THEMES}")
    breaks = None
    options: dict[str, object] = {"metric": metric, "measure": measure}
    if theme in CLASSED:
        from geo.maps.themes import inspection_metric

        values = []
        for p in periods:
            recs = records_of[p]
            if theme == "inspections":
                joined = communes_of[p][[KEY, "area_km2", "has_boundary"]].merge(recs, on=KEY, how="left")
                values.append(inspection_metric(joined, metric))  # type: ignore[arg-type]
            else:
                values.append(pd.to_numeric(recs[_VALUE_FIELD[theme]], errors="coerce"))
        breaks = shared_breaks(values, scheme, k)
        options |= {"scheme": "manual", "breaks": breaks} if breaks else {"scheme": scheme, "k": k}
    views = []
    for p in periods:
        joined, theme_map = view_theme(communes_of[p], records_of[p], theme, districts, lang, **options)
        views.append(PeriodView(p, period_label(p, lang), versions[p], notes[p], joined, theme_map, illustrative[p]))
    first = views[0].theme.legend
    legend = tuple((e.label, e.colour) for e in first.entries)
    if theme in CLASSED:  # the legend of the period with most classes (a period may have no value in a class)
        widest = max(views, key=lambda v: len(v.theme.legend.entries)).theme.legend
        legend = tuple((e.label, e.colour) for e in widest.entries)
    note = first.note
    if theme in CLASSED:
        method = t(f"maps.scheme_{scheme}", lang)
        note = t("compare.shared_classes", lang, method=method, n=len(legend) - 1)
    return CompareView(theme, tuple(districts), lang, tuple(views), first.title, legend, note, breaks)


def load_compare(engine: Engine, theme: str, periods: Sequence[str], *, districts: Sequence[str] = (),
                 lang: str = "vi", **options: object) -> CompareView:
    """:func:`build_compare` over the store: each period on the units it is shown on, with their revisions."""
    from geo.boundaries.revisions import apply_revisions
    from geo.records.store import is_illustrative, load_records, period_version
    from geo.units.versions import layer, version_note

    versions = {p: period_version(engine, p) for p in periods}
    layers = {v: apply_revisions(layer(v), engine, v) for v in set(versions.values())}
    communes_of = {p: layers[versions[p]] for p in periods}
    records_of = {p: load_records(engine, p) for p in periods}
    notes = {p: version_note(p, lang, version=versions[p]) or t("sheets.source_boundaries", lang) for p in periods}
    return build_compare(communes_of, records_of, theme, periods, versions=versions, notes=notes,
                         illustrative={p: is_illustrative(engine, p) for p in periods}, districts=districts,
                         lang=lang, **options)  # type: ignore[arg-type]


# --- the web view ----------------------------------------------------------------------------------------


def compare_payload(view: CompareView, layers: Mapping[str, str] | None = None) -> dict[str, object]:
    """What the page's script needs: one TopoJSON per unit list, and per period its colours and tooltips.

    ``layers``: the TopoJSON of a unit version already made (the dashboard's cached web layers, the ones its
    map uses); the others are made here (``webgeom.web_layer``: 2.8 s a unit list, measured by
    bench/hotspots_compare.py, most of the split view's cost).
    """
    from geo.maps.webgeom import web_layer

    layers = dict(layers or {})
    periods = []
    for p in view.periods:
        if p.unit_version not in layers:
            shown = p.joined[[KEY, "commune_name", "district_name", "has_boundary", p.joined.geometry.name]]
            layers[p.unit_version] = web_layer(shown.set_geometry(p.joined.geometry.name))
        styles, tooltips = render.theme_inputs(p.joined, p.theme, view.lang)
        periods.append({"period": p.period, "label": p.label, "layer": p.unit_version,
                        "fill": {c: s["fillColor"] for c, s in styles.items()},
                        "tip": tooltips, "units": len(p.joined)})
    return {"layers": {k: json.loads(v) for k, v in layers.items()}, "periods": periods}


_PAGE: Final = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
{leaflet_css}
<style>
body{{margin:0;font:13px system-ui,sans-serif;color:#222}}
.grid{{display:grid;grid-template-columns:repeat({cols},1fr);gap:6px}}
.cell{{border:1px solid #bbb;background:#fff}}
.cell .map{{height:{map_h}px;background:#eef3f7}}
.cell .cap{{padding:2px 6px;font-weight:600}}
.cell .sub{{padding:0 6px 3px;font-size:11px;color:#555}}
.legend{{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0;align-items:center}}
.sw{{display:inline-block;width:14px;height:14px;border:1px solid #777;vertical-align:middle;margin-right:4px}}
.note,.warn{{font-size:11px;color:#444;margin:2px 0}}
.warn{{color:#a50f15;font-weight:600}}
.timeline{{display:flex;gap:10px;align-items:center;margin:4px 0}}
.timeline input[type=range]{{flex:1}}
</style></head><body>
{warning}
<div class="legend"><b>{legend_title}</b> {legend}</div>
{timeline}
<div class="grid" id="grid"></div>
<p class="note">{note}</p>
{sources}
<script type="application/json" id="th-compare-data">{data}</script>
{scripts}
</body></html>"""


def grid_shape(n: int, mode: str = "split") -> tuple[int, int, int]:
    """Columns, rows and map height in px of the web view of ``n`` periods (one map for the timeline)."""
    if mode == "timeline":
        return 1, 1, 520
    cols = 2 if n <= 4 else 3 if n <= 9 else 4
    rows = -(-n // cols)
    return cols, rows, max(220, min(380, 820 // rows))


def page_height(n: int, mode: str = "split", sources: int = 1) -> int:
    """The height in px the page of :func:`compare_html` needs (the frame that holds it is given it)."""
    _, rows, map_h = grid_shape(n, mode)
    return 110 + (50 if mode == "timeline" else 0) + rows * (map_h + 52) + 36 * (sources + 1)


def compare_html(view: CompareView, *, mode: str = "split", map_height: int = 0, assets: str = "served",
                 layers: Mapping[str, str] | None = None) -> str:
    """The split view (``mode="split"``) or the timeline (``"timeline"``) as one HTML page.

    ``assets="served"``: Leaflet, topojson-client and ``static/compare/compare.js`` from the app
    (``app/static/…``, relative to the page that holds the frame); ``"inline"``: all of them inside the page,
    a file that needs nothing else. The data are a JSON block (``<script type="application/json">``, not run).

    Every text from data is escaped (tooltips by :func:`geo.maps.render.tooltip_html`, the rest here); the
    data goes in as JSON made safe for a ``<script>`` element.
    """
    e = render._e
    lang = view.lang
    payload = compare_payload(view, layers)
    for p, pv in zip(payload["periods"], view.periods, strict=True):  # type: ignore[arg-type]
        p["units_text"] = t("compare.units_text", lang, n=len(pv.joined), version=fmt_date(pv.unit_version))
    n = len(view.periods)
    cols, _, height = grid_shape(n, mode)
    height = map_height or height
    legend = " ".join(f'<span><span class="sw" style="background:{e(c)}"></span>{e(label)}</span>'
                      for label, c in view.legend)
    timeline = ""
    if mode == "timeline":
        timeline = (f'<div class="timeline"><button id="tl_play" data-play="{e(t("compare.play", lang))}" '
                    f'data-pause="{e(t("compare.pause", lang))}">{e(t("compare.play", lang))}</button>'
                    f'<input type="range" id="tl_range" min="0" max="{n - 1}" value="0" step="1" '
                    f'aria-label="{e(t("compare.timeline", lang))}"><b id="tl_label">{e(view.periods[0].label)}</b>'
                    f"</div>")
    warning = f'<p class="warn">{e(t("compare.illustrative", lang))}</p>' if view.illustrative else ""
    sources = "".join(f'<p class="note">{e(line)}</p>' for line in view.sources())
    payload["mode"] = mode
    if assets == "inline":  # a file on its own: nothing to fetch
        css = f"<style>{_asset(render.VENDOR_DIR / render.LEAFLET_CSS)}</style>"
        scripts = "".join(f"<script>{_asset(path)}</script>" for path in _SCRIPTS)
    else:  # in the app: its own files (the content security policy allows no inline script)
        css = f'<link rel="stylesheet" href="{ASSET_BASE}/vendor/{render.LEAFLET_CSS}">'
        scripts = "".join(f'<script src="{ASSET_BASE}/{path.relative_to(STATIC_DIR).as_posix()}"></script>'
                          for path in _SCRIPTS)
    return _PAGE.format(
        lang=e(lang), cols=cols, map_h=height, warning=warning, legend_title=e(view.legend_title), legend=legend,
        timeline=timeline, note=e(". ".join(x for x in (view.note, t("compare.own_units", lang)) if x)),
        sources=sources, leaflet_css=css, scripts=scripts, data=render.script_json(payload),
    )


def _asset(path: Path) -> str:
    """A vendored or own file's text, safe inside a ``<script>`` or ``<style>`` element."""
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script").replace("</style", "<\\/style")


# --- the print sheet -------------------------------------------------------------------------------------


def compare_sheet(view: CompareView, fmt: str = "png", *, dpi: float = 200) -> bytes:
    """One A4 landscape page: a small map per period named in words under it, the legend once, the sources.

    ``fmt`` is ``png``, ``pdf`` or ``svg``; text in a font with every Vietnamese glyph.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Patch

    from geo.maps.sheets import vietnamese_font

    if fmt not in ("png", "pdf", "svg"):
        raise ExportError(f"unknown sheet format {fmt!r}; use png, pdf or svg")
    lang = view.lang
    n = len(view.periods)
    cols = n if n <= 4 else 4 if n <= 8 else 6  # the province is taller than wide: four or six across
    rows = -(-n // cols)
    with plt.rc_context({"font.family": vietnamese_font(), "svg.fonttype": "none", "pdf.fonttype": 42}):
        fig = plt.figure(figsize=(11.69, 8.27))
        top, bottom = 0.88, 0.22
        fig.text(0.03, 0.95, t("compare.sheet_title", lang, theme=view.legend_title).upper(), fontsize=15,
                 fontweight="bold", color="#08306b")
        scope = (t("sheets.province", lang) if not view.districts
                 else ", ".join(sorted({str(n) for p in view.periods for n in p.joined["district_name"]})))
        fig.text(0.03, 0.915, t("compare.sheet_subtitle", lang, periods=", ".join(p.label for p in view.periods),
                                scope=scope), fontsize=9)
        if view.illustrative:
            # above the title's line, which a long theme name fills to the right edge
            fig.text(0.97, 0.978, t("compare.illustrative", lang), fontsize=9, color="#a50f15", ha="right",
                     va="bottom", fontweight="bold")
        gap = 0.02
        w = (0.94 - gap * (cols - 1)) / cols
        h = (top - bottom - 0.03 * rows) / rows
        for i, p in enumerate(view.periods):
            r, c = divmod(i, cols)
            ax = fig.add_axes((0.03 + c * (w + gap), top - (r + 1) * h - r * 0.03 + 0.03, w, h - 0.03))
            gdf = p.joined.to_crs(METRIC_CRS)
            # 100 m is under a tenth of a millimetre on these small maps (about 1 : 2.5 million): 6 MB → 0.5 MB PDF.
            gdf = gdf.set_geometry(gdf.geometry.simplify(100))
            fills = p.theme.fill.reindex(gdf[KEY].astype(str).to_numpy()).fillna("#d9d9d9").to_numpy()
            polygonal = gdf.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
            gdf[polygonal].plot(ax=ax, color=fills[polygonal], edgecolor="#777777", linewidth=0.15)
            if (~polygonal).any():
                gdf[~polygonal].plot(ax=ax, color=fills[~polygonal], edgecolor="#333333", markersize=6,
                                     linewidth=0.3)
            ax.set_axis_off()
            ax.set_aspect("equal")
            ax.text(0.5, -0.04, p.label, transform=ax.transAxes, ha="center", va="top", fontsize=10,
                    fontweight="bold")
            ax.text(0.5, -0.11, t("compare.units_text", lang, n=len(p.joined), version=fmt_date(p.unit_version)),
                    transform=ax.transAxes, ha="center", va="top", fontsize=7, color="#444444")
        handles = [Patch(facecolor=colour, edgecolor="#777777", label=label) for label, colour in view.legend]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.03, 0.125), ncol=min(6, len(handles)),
                   fontsize=8, title=view.legend_title, title_fontsize=9, frameon=False, alignment="left")
        lines = [*view.sources(), ". ".join(x for x in (view.note, t("compare.own_units", lang)) if x)]
        if view.illustrative:
            lines.append(t("compare.illustrative", lang))
        fig.text(0.03, 0.015, "\n".join(_wrap(line, 230) for line in lines), fontsize=6, va="bottom",
                 color="#333333", linespacing=1.3)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt, view))
        plt.close(fig)
    return buffer.getvalue()


def _metadata(fmt: str, view: CompareView) -> dict[str, object]:
    """The file's title in its metadata (PNG and PDF: Title; SVG: Title too)."""
    title = t("compare.sheet_title", view.lang, theme=view.legend_title)
    return {"Title": title}


def _wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (on spaces)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def compare_name(theme: str, periods: Sequence[str], districts: Sequence[str], fmt: str) -> str:
    """``so_sanh_healthy_2019_2021_2025-Q3_toan_tinh.pdf``: the sheet's file name where none is asked for."""
    from geo.maps.exports import scope_slug

    return f"so_sanh_{theme}_{'_'.join(periods)}_{scope_slug(districts)}.{fmt}"


def export_compare(engine: Engine, user: str, view: CompareView, fmt: str, *, out: str | None = None,
                   dpi: float = 200) -> Delivered:
    """Make the split view's sheet, write it to ``out`` if given and audit it as an export.

    The file (its name, size and bytes) and the audit's warning (None when the line was written).
    """
    from geo.access.audit import Delivered
    from geo.maps.exports import audit_export

    data = compare_sheet(view, fmt, dpi=dpi)
    periods = ",".join(p.period for p in view.periods)
    name = Path(out).name if out else compare_name(view.theme, [p.period for p in view.periods], view.districts,
                                                   fmt)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(data)
    warning = audit_export(engine, user, theme=view.theme, period=periods, districts=view.districts, fmt=fmt,
                           file=name, lang=view.lang, small_counts_masked=False, kind="compare")
    return Delivered(name, len(data), data, warning)
