r"""Build the commune map as a ``folium.Map``, offline, and display nothing.

Geometry and colours travel separately: the commune layer is the TopoJSON text of
:func:`geo.maps.webgeom.web_layer` (the same for every theme and period), and the theme arrives as two small
dicts keyed by commune code, ``styles`` and ``tooltips``. :func:`build_map_parts` keeps them apart in the
browser too: a base map whose script holds only the geometry (inline, or fetched from ``layer_url``) and an
overlay that restyles the mounted layer in place. The dashboard shows them in its own frame
(``mapframe.py``, ``frontend/commune_map``) from the scripts of :func:`frame_parts`: the base runs once per
geometry, each overlay on the mounted map, so a new period keeps the view and sends no geometry. Styles and
tooltips travel compacted (a palette of distinct styles, a table of distinct tooltip lines): about 30 KB for
the province instead of 235 KB. Exports and standalone pages use :func:`build_map` (base + overlay, inline).

Offline by construction (KNOWN-TRAPS): the map instance's ``default_js``/``default_css`` list only the
vendored Leaflet 1.9.4 and topojson-client 3.1.0 under ``static/vendor/``, addressed relative to the
map frame (``../../app/static/vendor``) or to ``asset_base``; the elements added here are this
module's own ``MacroElement`` classes with no CDN link, no ``folium.Choropleth`` (its colour scale pulls d3
from a CDN) and no folium ``Tooltip``/``Marker``/``GeoJson``.

Escaping: every value from data (names, notes, labels, legend text, attribution) passes
:func:`html.escape` before it reaches HTML, and JSON embedded in ``<script>`` has ``<``/``>`` written as
``\u003c``/``\u003e`` so no string can close the script element.

The dashboard's frame and these scripts share a few ``window.__th…`` globals: ``frontend/commune_map/README.md``
is their contract. Clicks: every commune (and proportional circle) calls ``window.__thClick(code)`` when the
page defines it; the dashboard's frame does and sends the code back to Python. A standalone page does nothing.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import branca.element
import folium
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.contract import KEY, ROOT
from geo.maps import webgeom
from geo.maps.themes import NO_DATA_COLOUR, Circle, Legend, ThemeMap
from geo.text import t
from geo.text.controls import shown_text


@functools.lru_cache(maxsize=128)
def _compiled_template(source: str) -> Template:
    return Template(source)


# branca compiles the template of every Element built from a string, and folium wraps each rendered part of a
# map (the map's script, the commune layer's, the overlay's ~30 KB) in such an Element: 14 Jinja compiles,
# about 13 ms, on every rerun that draws a map. The rendered strings repeat across sessions and reruns of the
# same view, and a compiled Template is immutable (thread-safe to render), so each string is compiled once.
branca.element.Template = _compiled_template

ASSET_BASE: Final = "../../app/static/vendor"  # from the map frame (component/…/index.html) to app/static
VENDOR_DIR: Final = ROOT / "static" / "vendor"
LEAFLET_JS: Final = "leaflet/leaflet.js"
LEAFLET_CSS: Final = "leaflet/leaflet.css"
TOPOJSON_JS: Final = "topojson-client/topojson-client.min.js"

EDGE_COLOUR: Final = "#8c8c8c"
DISTRICT_COLOUR: Final = "#303030"
BORDER_COLOUR: Final = "#542788"
BACKGROUND: Final = "#f4f6f8"
POINT_RADIUS: Final = 6  # px, the units without a boundary
MAP_ID: Final = "th"  # the folium Map's _id: its JS variable and div are "map_th"


def _e(value: object) -> str:
    """``html.escape`` of any value as text (quotes too); control and bidi characters shown as escapes."""
    return html.escape("" if value is None else shown_text(value, keep_breaks=True), quote=True)


def script_json(value: object) -> str:
    """``value`` as JSON for a ``<script>`` element: compact, no ``<``/``>`` that could close the element."""
    return script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def script_safe(json_text: str) -> str:
    """Already-encoded JSON text made safe inside ``<script>`` (``<``, ``>`` occur only inside strings)."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e")


# --- per-theme inputs ----------------------------------------------------------------------------------


def polygon_style(fill: str, prominent: bool = True) -> dict[str, object]:
    """Leaflet path style of a commune polygon."""
    return {
        "fillColor": fill,
        "fillOpacity": 0.85 if prominent else 0.35,
        "color": EDGE_COLOUR if prominent else "#bdbdbd",
        "weight": 0.5,
        "opacity": 1 if prominent else 0.6,
    }


def point_style(fill: str) -> dict[str, object]:
    """Style of a unit without a boundary: a circle marker in its class colour, dark dashed ring."""
    return {
        "fillColor": fill,
        "fillOpacity": 0.95,
        "color": "#202020",
        "weight": 1.5,
        "dashArray": "3,2",
        "radius": POINT_RADIUS,
    }


def tooltip_html(
    name: str,
    district: str,
    rows: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    *,
    note: str | None = None,
    no_boundary: bool = False,
    lang: str = "vi",
) -> str:
    """Tooltip HTML of one commune; every argument is escaped here."""
    items = rows.items() if isinstance(rows, Mapping) else rows
    # The newlines and spaces keep the text readable where only textContent is kept (copy and paste, a
    # screen reader): "Xã A\nHuyện X\nTình trạng: Lành mạnh", not "Xã AHuyện X…".
    cells = "\n".join(f"<tr><th>{_e(k)}:</th> <td>{_e(v)}</td></tr>" for k, v in items)
    parts = [f"<b>{_e(name)}</b>", f'<div class="th-sub">{_e(district)}</div>']
    if cells:
        parts.append(f"<table>{cells}</table>")
    if no_boundary:
        parts.append(f'<div class="th-flag">{_e(t("maps.no_boundary", lang))}</div>')
    if note:
        short = note if len(note) <= 200 else note[:199] + "…"
        parts.append(f'<div class="th-note">{_e(t("maps.notes", lang))}: {_e(short)}</div>')
    return "\n".join(parts)


def theme_inputs(
    gdf: pd.DataFrame, theme: ThemeMap, lang: str = "vi"
) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    """``styles`` and ``tooltips`` for :func:`build_map` from a joined frame and its :class:`ThemeMap`.

    Units whose ``has_boundary`` is False get a point style and a "no boundary" line in the tooltip.
    """
    styles: dict[str, dict[str, object]] = {}
    tooltips: dict[str, str] = {}
    # Plain dicts looked up once per commune: .loc per row made this the slowest step of a rerun (150 ms).
    fills = {str(k): v for k, v in theme.fill.items()}
    prominent_by_code = {str(k): bool(v) for k, v in theme.prominent.items()}
    labels = [str(c) for c in theme.values.columns]
    # As plain Python objects first: iterating pandas' Arrow-backed strings cell by cell took 28 ms a rerun.
    cells = theme.values.astype(object).to_numpy().tolist()
    values_by_code = {str(code): [(k, str(v)) for k, v in zip(labels, row, strict=True)]
                      for code, row in zip(theme.values.index, cells, strict=True)}
    wanted = [c for c in (KEY, "commune_name", "district_name", "has_boundary", "notes") if c in gdf.columns]
    for row in pd.DataFrame(gdf[wanted]).itertuples(index=False):
        code = str(getattr(row, KEY))
        fill = fills.get(code, NO_DATA_COLOUR)
        boundary = getattr(row, "has_boundary", True)
        no_boundary = not _isna(boundary) and not bool(boundary)
        prominent = prominent_by_code.get(code, True)
        styles[code] = point_style(fill) if no_boundary else polygon_style(fill, prominent)
        note = getattr(row, "notes", None)
        tooltips[code] = tooltip_html(
            getattr(row, "commune_name", code),
            getattr(row, "district_name", ""),
            values_by_code.get(code, []),
            note=None if _isna(note) else str(note),
            no_boundary=no_boundary,
            lang=lang,
        )
    return styles, tooltips


def _isna(x: object) -> bool:
    """True for None, NaN and pd.NA (``pd.NA != pd.NA`` raises, so no ``x != x`` trick)."""
    return x is None or (pd.api.types.is_scalar(x) and bool(pd.isna(x)))


def _map_name(element: MacroElement) -> str:
    """The JS name of the ``folium.Map`` above ``element`` (its parent, or the parent of its feature group)."""
    node = element._parent
    while node is not None and not isinstance(node, folium.Map):
        node = getattr(node, "_parent", None)
    return (node or element._parent).get_name()


# --- map elements --------------------------------------------------------------------------------------


class CommuneLayer(JSCSSMixin, MacroElement):
    """The communes from TopoJSON, with optional district lines on top; colours come from a :class:`ThemeOverlay`.

    The layer's script holds only geometry (inline, or the URL of the same TopoJSON served as a static file
    when ``layer_url`` is given: the dashboard's frame then fetches it once and the browser caches it), so it
    stays the same while the theme, period or colours change and only the small overlay travels
    (:func:`build_map_parts`). The style function reads ``window.__thState``; a :class:`ThemeOverlay` sets it
    and ``window.__thApply``, which this layer calls once built (the overlay may run before a fetched layer
    has arrived). A click on a commune calls ``window.__thClick(code)`` when the page defines it.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
window.__thState = window.__thState || {style: function (id) { return {{ this.fallback }}; }};
// The theme's style, with the selected commune (search, click) and the keyboard's commune drawn on top.
function {{ this.get_name() }}_style(id) {
    var s = window.__thState.style(id);
    if (id === window.__thSelected) { return L.extend({}, s, {{ this.selected_style }}); }
    if (id === window.__thCursor) { return L.extend({}, s, {{ this.cursor_style }}); }
    return s;
}
if (!{{ this._parent.get_name() }}.getPane("thPoints")) {
    {{ this._parent.get_name() }}.createPane("thPoints").style.zIndex = 450;
}
function {{ this.get_name() }}_build(topo) {
    var layer = L.geoJson(
        topojson.feature(topo, topo.objects[{{ this.object }}]),
        {
            style: function (f) { return {{ this.get_name() }}_style(f.id); },
            pointToLayer: function (f, latlng) {
                return L.circleMarker(latlng, L.extend({radius: {{ this.radius }}, pane: "thPoints"},
                                                       {{ this.get_name() }}_style(f.id)));
            },
            onEachFeature: function (f, l) {
                l.on("mouseover", function () {
                    if (this.setStyle) { this.setStyle({weight: 2.5, color: "#111111"}); }
                });
                l.on("mouseout", function () { layer.resetStyle(this); });
                // The dashboard's frame defines window.__thClick; a standalone page has none.
                l.on("click", function () { if (window.__thClick) { window.__thClick(f.id); } });
            }{% if this.attribution %},
            attribution: {{ this.attribution }}{% endif %}
        }
    ).addTo({{ this._parent.get_name() }});
    window.__thCommunes = layer;
    // One Tab stop for the whole map (its container): the communes are reached with the arrow keys
    // (MapBehaviour), not one Tab press each.
    layer.eachLayer(function (l) {
        var el = l.getElement && l.getElement();
        if (el) { el.setAttribute("tabindex", "-1"); }
    });
{% if this.district_lines %}
    L.geoJson(
        topojson.mesh(topo, topo.objects[{{ this.object }}],
            function (a, b) { return a === b || a.properties.district_code !== b.properties.district_code; }),
        {interactive: false, style: {color: "{{ this.district_colour }}", weight: 1.3, opacity: 0.9, fill: false}}
    ).addTo({{ this._parent.get_name() }});
{% endif %}
    // Colours and tooltips of the theme: an overlay that ran before the geometry arrived left them here.
    if (window.__thApply) { window.__thApply(layer, true); }
    // A commune selected before the geometry arrived (a search, a link): highlighted and zoomed to now.
    if (window.__thSelect && window.__thSelected) { window.__thSelect(window.__thSelected, true); }
    if (window.performance && performance.mark) { performance.mark("th:layer"); }
    if (window.__thDrawn) { window.__thDrawn(); }
}
{% if this.url %}
// The dashboard's frame may have started the download already (window.__thFetchLayer).
(window.__thFetchLayer ? window.__thFetchLayer({{ this.url }}) : fetch({{ this.url }}, {credentials: "same-origin"})
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); }))
    .then({{ this.get_name() }}_build)
    .catch(function (e) { window.__thError = String(e); if (window.__thDrawn) { window.__thDrawn(); } });
{% else %}
{{ this.get_name() }}_build({{ this.topo }});
{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        layer_json: str,
        *,
        district_lines: bool = True,
        attribution: str | None = None,
        asset_base: str = ASSET_BASE,
        layer_url: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "CommuneLayer"
        self.url = script_json(layer_url) if layer_url else None
        # Instance lists: assigning on the class would change every layer of the process (KNOWN-TRAPS).
        self.default_js = [("topojson_client", f"{asset_base}/{TOPOJSON_JS}")]
        self.default_css = []
        self.topo = script_safe(layer_json)
        self.fallback = script_json(polygon_style(NO_DATA_COLOUR))
        self.object = script_json(webgeom.OBJECT)
        self.radius = POINT_RADIUS
        self.district_lines = district_lines
        self.district_colour = DISTRICT_COLOUR
        self.attribution = script_json(_e(attribution)) if attribution else None
        self.selected_style = script_json(SELECTED_STYLE)
        self.cursor_style = script_json(CURSOR_STYLE)
        minx, miny, maxx, maxy = webgeom.bounds(layer_json)
        self._bounds = [[miny, minx], [maxy, maxx]]

    def _get_self_bounds(self) -> list[list[float]]:
        return self._bounds


def compact_styles(styles: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """``{"p": [distinct styles], "c": {code: index into p}}``: a theme has a handful of distinct styles."""
    palette: dict[tuple[tuple[str, str], ...], int] = {}
    rows: list[dict[str, object]] = []
    codes: dict[str, int] = {}
    for code, style in styles.items():
        key = tuple(sorted((k, repr(v)) for k, v in style.items()))  # json.dumps per commune: 65 ms for the country
        if key not in palette:
            palette[key] = len(rows)
            rows.append(dict(style))
        codes[str(code)] = palette[key]
    return {"p": rows, "c": codes}


def compact_tooltips(tooltips: Mapping[str, str]) -> dict[str, object]:
    r"""``{"s": [distinct lines], "t": {code: [line indexes]}}``, rejoined with ``"\n"`` in the browser.

    Lossless: the HTML (escaped in Python by :func:`tooltip_html`) is rebuilt exactly; repeated lines (row
    labels and values such as "Tình trạng: Lành mạnh", district names) travel once.
    """
    index: dict[str, int] = {}
    lines: list[str] = []
    out: dict[str, list[int]] = {}
    for code, text in tooltips.items():
        ids = []
        for line in str(text).split("\n"):
            if line not in index:
                index[line] = len(lines)
                lines.append(line)
            ids.append(index[line])
        out[str(code)] = ids
    return {"s": lines, "t": out}


class ThemeOverlay(MacroElement):
    """Restyle the mounted :class:`CommuneLayer` in place and bind its tooltips (colours of one theme/period).

    Meant for a ``folium.FeatureGroup`` of overlays, whose parent is the map. It also removes the group and
    the controls (legend, notice) of the overlay it replaces, so the dashboard's frame can run one overlay
    after another on the same mounted map.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    // What the overlay this one replaces put on the map: its controls (legend, notice) and its group.
    (window.__thControls || []).forEach(function (c) { c.remove(); });
    window.__thControls = [];
    var group = {{ this._parent.get_name() }};
    if (window.__thOverlay && window.__thOverlay !== group) { window.__thOverlay.remove(); }
    window.__thOverlay = group;
    var S = {{ this.styles }}, T = {{ this.tips }}, fallback = {{ this.fallback }};
    window.__thState = {style: function (id) { var i = S.c[id]; return i === undefined ? fallback : S.p[i]; }};
    // fresh: the layer was just built with __thState's styles, so only the tooltip is missing. One tooltip
    // on the whole layer, its text looked up for the commune under the pointer: binding one tooltip per
    // commune took 80 ms for the province.
    window.__thApply = function (layer, fresh) {
        if (!fresh) { layer.eachLayer(function (l) { layer.resetStyle(l); }); }
        layer.unbindTooltip();
        layer.bindTooltip(function (l) {
            var t = T.t[l.feature && l.feature.id];
            return t ? t.map(function (i) { return T.s[i]; }).join("\\n") : "";
        }, {sticky: true, className: "th-tooltip"});
    };
    // A fetched commune layer that has not arrived yet calls __thApply itself once built.
    if (window.__thCommunes) { window.__thApply(window.__thCommunes); }
})();
{% endmacro %}
"""
    )

    def __init__(self, styles: Mapping[str, Mapping[str, object]], tooltips: Mapping[str, str]) -> None:
        super().__init__()
        self._name = "ThemeOverlay"
        self.styles = script_json(compact_styles(styles))
        self.tips = script_json(compact_tooltips(tooltips))
        self.fallback = script_json(polygon_style(NO_DATA_COLOUR))


class CssElement(MacroElement):
    """The map's CSS, in the page header (the map frame takes the header's ``<style>`` elements)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}
"""
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "CssElement"
        self.css = css


# The selected commune (search, click) and the one the keyboard is on: drawn over the theme's colours.
SELECTED_STYLE: Final = {"color": "#000000", "weight": 4, "opacity": 1}
CURSOR_STYLE: Final = {"color": "#0b57d0", "weight": 3.5, "opacity": 1, "dashArray": "6,3"}
# Below this width (px) of the map, the legend starts folded and the communes use the whole map.
SMALL_MAP: Final = 640


class MapBehaviour(MacroElement):
    """How the map fits, reads and answers the keyboard; part of the base (the same for every theme).

    - Fit: the communes fill the map whatever its size (the legend's corner kept clear on a wide map only),
      and again when the map is resized or the phone turned, unless the person has panned or zoomed since.
    - Keyboard: the map is one Tab stop; the arrow keys move from commune to commune (the nearest one that
      way), its tooltip is read out (a polite live region), Enter opens its details (``window.__thClick``),
      Escape lets go; + and - zoom. A visible outline shows the focus.
    - ``window.__thSelect(code)``: highlight a commune and zoom to it (the frame calls it for the commune
      found by the search or clicked).
    - Leaflet's own words in the page's language (zoom buttons), its attribution without the flag, a scale in
      kilometres only.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }}, bounds = L.latLngBounds({{ this.bounds }}), T = {{ this.texts }};
    var box = map.getContainer(), small = {{ this.small }};
    map.attributionControl.setPrefix("Leaflet");  // Leaflet's own prefix carries a flag
    map.zoomControl.remove();
    L.control.zoom({zoomInTitle: T.zoom_in, zoomOutTitle: T.zoom_out}).addTo(map);
    L.control.scale({imperial: false}).addTo(map);  // km only (folium's control_scale adds miles, no option)
    box.setAttribute("role", "application");
    box.setAttribute("aria-label", T.label);
    box.setAttribute("aria-describedby", "th-keys");
    var keys = L.DomUtil.create("div", "th-sr", box);
    keys.id = "th-keys";
    keys.textContent = T.keys;
    var live = L.DomUtil.create("div", "th-sr", box);
    live.setAttribute("aria-live", "polite");

    // Fit the communes to the map; again on resize while the person has not moved the map.
    var auto = true, fitting = false;
    // A wide map keeps the legend's corner clear: beside the communes or under them, whichever draws them
    // larger (the legend's size once it is there, about 230 × 160 px before).
    function padding() {
        if (map.getSize().x < small) { return {paddingTopLeft: [6, 6], paddingBottomRight: [6, 6]}; }
        var legend = box.querySelector(".th-legend"), w = 230, h = 160;
        if (legend && legend.offsetWidth) { w = legend.offsetWidth + 20; h = legend.offsetHeight + 20; }
        var beside = {paddingTopLeft: [10, 10], paddingBottomRight: [w, 0]};
        var under = {paddingTopLeft: [10, 10], paddingBottomRight: [0, h]};
        var zoom = function (p) {
            return map.getBoundsZoom(bounds, false, L.point(p.paddingTopLeft).add(p.paddingBottomRight));
        };
        return zoom(under) > zoom(beside) ? under : beside;
    }
    window.__thFit = function (ifUnmoved) {
        if (ifUnmoved && !auto) { return; }
        fitting = true;
        try { map.fitBounds(bounds, L.extend({animate: false}, padding())); } finally { fitting = false; }
        auto = true;
    };
    map.on("dragstart zoomstart", function () { if (!fitting) { auto = false; } });
    map.on("resize", function () { if (auto) { window.__thFit(); } });
    window.__thFit();

    function centre(l) { return l.getBounds ? l.getBounds().getCenter() : l.getLatLng(); }
    function find(id) {
        var found = null;
        if (window.__thCommunes) {
            window.__thCommunes.eachLayer(function (l) { if (l.feature && l.feature.id === id) { found = l; } });
        }
        return found;
    }
    function restyle(l) {
        if (l && window.__thCommunes) {
            window.__thCommunes.resetStyle(l);
            if (l.bringToFront && l.feature && l.feature.id === window.__thSelected) { l.bringToFront(); }
        }
    }
    var zoomedTo = null;
    window.__thSelect = function (id, again) {
        var before = find(window.__thSelected);
        window.__thSelected = id || null;
        if (!id) { zoomedTo = null; }
        if (!window.__thCommunes) { return; }  // the layer calls again once built
        restyle(before);
        var l = find(id);
        if (!l) { return; }
        restyle(l);
        if (id !== zoomedTo || again) {
            zoomedTo = id;
            if (l.getBounds) { map.fitBounds(l.getBounds(), {padding: [40, 40], maxZoom: 12}); }
            else { map.setView(l.getLatLng(), Math.max(map.getZoom(), 11)); }
        }
    };

    // The keyboard: arrows move between communes, Enter opens the details.
    var cursor = null;
    function say(l) {
        var tip = window.__thCommunes && window.__thCommunes.getTooltip();
        if (tip) {
            tip._source = l;  // as Leaflet's own focus handler does: the group's tooltip, for this commune
            window.__thCommunes.openTooltip(centre(l));
            var el = tip.getElement();
            live.textContent = el ? el.textContent.replace(/\\s+/g, " ").trim() : "";
        }
    }
    function setCursor(l) {
        var before = cursor;
        cursor = l;
        window.__thCursor = l ? l.feature.id : null;
        restyle(before);
        if (!l) { live.textContent = ""; if (window.__thCommunes) { window.__thCommunes.closeTooltip(); } return; }
        restyle(l);
        if (l.bringToFront) { l.bringToFront(); }
        if (!map.getBounds().pad(-0.05).contains(centre(l))) { map.panTo(centre(l)); }
        say(l);
    }
    function step(dx, dy) {
        var layer = window.__thCommunes;
        if (!layer) { return; }
        var best = null, score = Infinity;
        var from = cursor ? map.latLngToContainerPoint(centre(cursor)) : null;
        layer.eachLayer(function (l) {
            if (!l.feature || l === cursor) { return; }
            var p = map.latLngToContainerPoint(centre(l)), s;
            if (!from) {  // the first press: the commune nearest the middle of the view
                s = p.distanceTo(map.getSize().divideBy(2));
            } else {
                var vx = p.x - from.x, vy = p.y - from.y, along = vx * dx + vy * dy;
                if (along <= 0) { return; }
                s = along + 2 * Math.abs(vx * dy - vy * dx);
            }
            if (s < score) { score = s; best = l; }
        });
        if (best) { setCursor(best); }
    }
    var moves = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
    L.DomEvent.on(box, "keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.target !== box) { return; }
        if (moves[e.key]) {
            step(moves[e.key][0], moves[e.key][1]);
        } else if (e.key === "Enter" && cursor) {
            if (window.__thClick) { window.__thClick(cursor.feature.id); }
        } else if (e.key === "Escape" && cursor) {
            setCursor(null);
        } else {
            return;
        }
        // Leaflet pans with the arrows on the document: not while they move between communes.
        L.DomEvent.stop(e);
    });
    L.DomEvent.on(box, "blur", function () { if (cursor) { setCursor(null); } });
})();
{% endmacro %}
"""
    )

    def __init__(self, bounds: list[list[float]], lang: str) -> None:
        super().__init__()
        self._name = "MapBehaviour"
        self.bounds = script_json(bounds)
        self.small = SMALL_MAP
        self.texts = script_json({
            "zoom_in": t("maps.zoom_in", lang), "zoom_out": t("maps.zoom_out", lang),
            "label": t("maps.map_label", lang), "keys": t("maps.map_keys", lang),
        })


class LineLayer(MacroElement):
    """A non-interactive line layer from GeoJSON text (the Laos border)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
    interactive: false, style: {{ this.style }}
}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, geojson: str, style: Mapping[str, object]) -> None:
        super().__init__()
        self._name = "LineLayer"
        self.data = script_safe(geojson)
        self.style = script_json(dict(style))


class CircleLayer(MacroElement):
    """Proportional circle markers, each a feature with ``id`` = commune code, with tooltips."""

    map_name = _map_name

    _template = Template(
        """
{% macro script(this, kwargs) %}
if (!{{ this.map_name() }}.getPane("thCircles")) {
    {{ this.map_name() }}.createPane("thCircles").style.zIndex = 460;
}
var {{ this.get_name() }} = L.featureGroup().addTo({{ this._parent.get_name() }});
{{ this.data }}.forEach(function (c) {
    var m = L.circleMarker([c[1], c[2]], L.extend({radius: c[3], pane: "thCircles"}, {{ this.style }}));
    m.feature = {type: "Feature", id: c[0], properties: {commune_code: c[0]}};
    m.on("click", function () { if (window.__thClick) { window.__thClick(c[0]); } });
    if (c[4]) { m.bindTooltip(c[4], {sticky: true, className: "th-tooltip"}); }
    m.addTo({{ this.get_name() }});
});
{% endmacro %}
"""
    )

    def __init__(self, circles: Sequence[Circle], tooltips: Mapping[str, str], colour: str,
                 ring: bool = False) -> None:
        super().__init__()
        self._name = "CircleLayer"
        rows = [[c.code, round(c.lat, 5), round(c.lon, 5), c.radius, tooltips.get(c.code, "")] for c in circles]
        self.data = script_json(rows)
        self.style = script_json(
            # A ring marks a place and leaves the commune's fill readable; a disc shows a quantity.
            {"color": colour, "weight": 2.5, "fillOpacity": 0, "opacity": 0.95} if ring else
            {"color": "#ffffff", "weight": 1, "fillColor": colour, "fillOpacity": 0.65, "opacity": 0.9}
        )


class LabelLayer(MacroElement):
    """Text labels (district names) at given points; not interactive; those that would overlap are hidden."""

    map_name = _map_name

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var group = {{ this._parent.get_name() }}, map = {{ this.map_name() }}, marks = [];
    {{ this.data }}.forEach(function (l) {
        marks.push(L.marker([l[0], l[1]], {interactive: false, keyboard: false,
            icon: L.divIcon({className: "th-label", html: l[2], iconSize: null})
        }).addTo(group));
    });
    // District names placed without collisions: a name that would overlap one already shown (or leave the
    // map) is hidden at this zoom; zooming in shows it again.
    function place() {
        var shown = [], frame = map.getContainer().getBoundingClientRect();
        marks.forEach(function (m) {
            var el = m.getElement() && m.getElement().firstChild;
            if (!el) { return; }
            el.style.visibility = "";
            var r = el.getBoundingClientRect();
            var clash = r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom ||
                shown.some(function (o) {
                    return r.left < o.right + 2 && r.right + 2 > o.left && r.top < o.bottom && r.bottom > o.top; });
            if (clash) { el.style.visibility = "hidden"; } else { shown.push(r); }
        });
    }
    map.on("zoomend moveend resize", place);
    group.once("remove", function () { map.off("zoomend moveend resize", place); });
    requestAnimationFrame(place);
})();
{% endmacro %}
"""
    )

    def __init__(self, labels: Sequence[tuple[str, float, float]]) -> None:
        super().__init__()
        self._name = "LabelLayer"
        self.data = script_json([[round(lat, 5), round(lon, 5), f"<span>{_e(text)}</span>"]
                                 for text, lat, lon in labels])


class HtmlControl(MacroElement):
    """A Leaflet control holding fixed HTML (built and escaped in Python), e.g. the legend."""

    map_name = _map_name

    _template = Template(
        """
{% macro header(this, kwargs) %}
{% if this.css %}<style>{{ this.css }}</style>{% endif %}
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: {{ this.position }}});
{{ this.get_name() }}.onAdd = function () {
    var div = L.DomUtil.create("div", {{ this.css_class }});
    div.innerHTML = {{ this.html }};
    var fold = div.querySelector("details");
    if (fold) {  // a foldable legend: folded at first on a small map; the person's choice is kept
        var open = window.__thLegendOpen;
        fold.open = open === undefined ? {{ this.map_name() }}.getSize().x >= {{ this.small }} : open;
        fold.addEventListener("toggle", function () { window.__thLegendOpen = fold.open; });
    }
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
};
{{ this.get_name() }}.addTo({{ this.map_name() }});
(window.__thControls = window.__thControls || []).push({{ this.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, html_text: str, position: str, css_class: str, css: str = "") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html = script_json(html_text)
        self.position = script_json(position)
        self.css_class = script_json(css_class)
        self.css = css
        self.small = SMALL_MAP


CSS: Final = f"""
.leaflet-interactive:focus {{ outline: none; }}
.leaflet-container:focus-visible {{ outline: 3px solid #0b57d0; outline-offset: -3px; }}
.th-sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
.th-legend summary {{ cursor: pointer; }}
.th-legend details:not([open]) summary {{ margin-bottom: 0; }}
.leaflet-control-attribution {{ max-width: calc(100vw - 140px); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.leaflet-control-attribution:hover, .leaflet-control-attribution:focus-within {{ white-space: normal; }}
@media (max-width: {SMALL_MAP - 1}px) {{
  .th-legend, .th-notice {{ max-width: 62vw; font-size: 11px; padding: 4px 6px; }}
  .th-notice {{ border-left-width: 3px; }}
}}
@media print {{ .leaflet-control-zoom {{ display: none; }} .th-legend details > * {{ display: revert; }} }}
.leaflet-container {{ background: {BACKGROUND}; font: 12px/1.35 system-ui, "Segoe UI", Roboto, Arial, sans-serif; }}
.th-legend, .th-notice {{ background: rgba(255,255,255,.94); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); color: #222; max-width: 280px; }}
.th-legend .th-title {{ font-weight: 600; margin-bottom: 4px; }}
.th-legend table {{ border-collapse: collapse; }}
.th-legend td {{ padding: 1px 4px 1px 0; vertical-align: middle; }}
.th-legend td.n {{ text-align: right; color: #444; font-variant-numeric: tabular-nums; padding-left: 8px; }}
.th-legend .sw {{ display: inline-block; width: 16px; height: 12px; border: 1px solid #8c8c8c; }}
.th-legend .line {{ display: inline-block; width: 16px; height: 0; border-top: 2px solid; vertical-align: middle; }}
.th-legend .th-note {{ color: #555; font-size: 11px; margin-top: 4px; }}
.th-notice {{ font-weight: 600; color: #7a3b00; border-left: 4px solid #e66101; }}
.th-tooltip table {{ border-collapse: collapse; margin-top: 3px; }}
.th-tooltip th {{ text-align: left; font-weight: normal; color: #555; padding-right: 8px; }}
.th-tooltip .th-sub {{ color: #555; }}
.th-tooltip .th-flag {{ color: #7a3b00; margin-top: 3px; }}
.th-tooltip .th-note {{ margin-top: 3px; max-width: 260px; white-space: normal; }}
.th-label span {{ font-size: 11px; font-weight: 600; color: #202020; white-space: nowrap;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); display: inline-block; }}
"""


def legend_html(
    legend: Legend,
    *,
    lines: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The legend as escaped HTML: title, one row per entry with its count, circle sizes, line keys, note.

    ``lines`` are extra line symbols ``(label, colour, dash)``, e.g. district boundaries.
    """
    rows = "".join(
        f'<tr><td><span class="sw" style="background:{_e(colour)}"></span></td>'
        f'<td>{_e(label)}</td><td class="n">{int(count)}</td></tr>'
        for label, colour, count in legend.entries
    )
    # A <details> element: the map folds it on a small screen (HtmlControl), a person can fold or open it.
    out = [f'<details open><summary class="th-title">{_e(legend.title)}</summary><table>{rows}</table>']
    if legend.sizes:
        rmax = max(s.radius for s in legend.sizes)
        size = int(2 * rmax + 2)
        svg = "".join(
            f'<circle cx="{rmax + 1}" cy="{size - s.radius - 1}" r="{s.radius}" fill="none" '
            f'stroke="{_e(legend.size_colour)}"/>'
            for s in legend.sizes
        )
        keys = "".join(f"<div>{_e(s.label)}</div>" for s in legend.sizes)
        out.append(
            f'<div class="th-title" style="margin-top:6px">{_e(legend.size_title)}</div>'
            f'<div style="display:flex;gap:8px;align-items:flex-end">'
            f'<svg width="{size}" height="{size}">{svg}</svg><div>{keys}</div></div>'
        )
    for label, colour, dash in lines:
        out.append(
            f'<div><span class="line" style="border-top-color:{_e(colour)};border-top-style:{_e(dash)}">'
            f"</span> {_e(label)}</div>"
        )
    if legend.note:
        out.append(f'<div class="th-note">{_e(legend.note)}</div>')
    return "".join(out) + "</details>"


def build_map(
    layer_json: str,
    styles: Mapping[str, Mapping[str, object]],
    tooltips: Mapping[str, str],
    legend: Legend,
    **options: object,
) -> folium.Map:
    """Return a Leaflet map of the communes; the caller saves it (export) or shows it.

    The :func:`build_map_parts` pair with the overlay added to the base: one page, as an export or a
    standalone file wants it. ``options`` are those of :func:`build_map_parts`.
    """
    base, overlay = build_map_parts(layer_json, styles, tooltips, legend, **options)
    overlay.add_to(base)
    return base


def build_map_parts(
    layer_json: str,
    styles: Mapping[str, Mapping[str, object]],
    tooltips: Mapping[str, str],
    legend: Legend,
    *,
    district_lines: bool = True,
    former_districts: bool = False,
    district_labels: Sequence[tuple[str, float, float]] | None = None,
    border_line: str | None = None,
    circles: Sequence[Circle] = (),
    circle_tooltips: Mapping[str, str] | None = None,
    tiles_url: str | None = None,
    tiles_attribution: str | None = None,
    source_note: str | None = None,
    lang: str = "vi",
    illustrative: bool = True,
    notice: str | None = None,
    asset_base: str = ASSET_BASE,
    height: str | int = "100%",
    layer_url: str | None = None,
) -> tuple[folium.Map, folium.FeatureGroup]:
    """:func:`build_map` in two parts: the base map (geometry, lines, CSS) and the theme overlay.

    The base depends only on the geometry and the static options, so its script is the same for every theme,
    period and colour scheme; the overlay (a ``folium.FeatureGroup``, not added to the base) holds what
    changes: the styles and tooltips (:class:`ThemeOverlay`, restyling the mounted layer in place), the
    legend, the notice, circles and labels. The dashboard's frame (:func:`frame_parts`) runs the base once and
    each new overlay on the mounted map, so the view is kept and the geometry is not sent again. Add the
    overlay to the base for a standalone page (that is :func:`build_map`).

    Parameters
    ----------
    layer_json
        TopoJSON from :func:`geo.maps.webgeom.web_layer`: polygons, plus points for the units without a
        boundary (drawn as circle markers in their class colour).
    styles, tooltips
        Per commune code: a Leaflet style (see :func:`theme_inputs`) and tooltip HTML built with
        :func:`tooltip_html` (already escaped: it is shown as HTML). Codes with no style get the no-data
        colour.
    legend
        Drawn bottom-right, always visible.
    district_lines
        District boundaries (and the province outline) on top of the communes, derived in the browser from
        the shared arcs of the commune layer (``topojson.mesh``), so they cost no extra bytes.
    former_districts
        The layer's district fields hold the former district (units from 1 July 2025): the legend says
        "Ranh giới huyện cũ / Former district boundary".
    district_labels
        ``(name, lat, lon)`` per district, or None for no labels.
    border_line
        GeoJSON text of the Laos border (:func:`geo.maps.webgeom.line_json`), drawn dashed.
    circles, circle_tooltips
        Proportional circles (border theme) and their tooltip HTML by code.
    tiles_url, tiles_attribution
        An optional basemap; by default none (a plain light background), so nothing is fetched.
    source_note
        Data source text for the attribution line (escaped).
    illustrative, notice
        Show the "illustrative data" notice (``notice`` overrides its text) top-right.
    asset_base
        Base URL of ``static/vendor``: the default suits the map frame; an export passes a file URL
        or a relative path, or inlines the files with :func:`inline_assets`.
    layer_url
        Fetch the geometry from this URL (the same TopoJSON as ``layer_json``, which still gives the bounds)
        instead of writing it into the page.
    """
    m = folium.Map(location=None, tiles=None, control_scale=False, zoom_snap=0.25, height=height)  # MapBehaviour's
    # Fixed JS names: an overlay built in a later rerun must address the map mounted by an earlier one.
    m._id = MAP_ID
    # Only the vendored files, on this instance (never the class lists shared by every map).
    m.default_js = [("leaflet", f"{asset_base}/{LEAFLET_JS}")]
    m.default_css = [("leaflet_css", f"{asset_base}/{LEAFLET_CSS}")]
    if tiles_url:
        folium.TileLayer(tiles_url, attr=_e(tiles_attribution or "")).add_to(m)

    layer = CommuneLayer(layer_json, district_lines=district_lines, attribution=source_note, asset_base=asset_base,
                         layer_url=layer_url)
    layer.add_to(m)
    lines: list[tuple[str, str, str]] = []
    if district_lines:
        key = "maps.former_district_line" if former_districts else "maps.district_line"
        lines.append((t(key, lang), DISTRICT_COLOUR, "solid"))
    if border_line:
        LineLayer(border_line, {"color": BORDER_COLOUR, "weight": 3, "dashArray": "8,5", "opacity": 0.9}).add_to(m)
        lines.append((t("maps.laos_border", lang), BORDER_COLOUR, "dashed"))
    CssElement(CSS).add_to(m)
    # The fit (clear of the legend on a wide map), refitting on resize, the keyboard, the selection.
    MapBehaviour(layer._get_self_bounds(), lang).add_to(m)
    # Fixed names for the base's own elements too, so that the same base renders to the same script.
    for i, child in enumerate(m._children.values()):
        child._id = f"{MAP_ID}{i}"

    overlay = folium.FeatureGroup(name="theme", control=False)
    ThemeOverlay(styles, tooltips).add_to(overlay)
    if circles:
        CircleLayer(circles, circle_tooltips or {}, legend.size_colour, ring=legend.size_ring).add_to(overlay)
    if district_labels:
        LabelLayer(district_labels).add_to(overlay)
    HtmlControl(legend_html(legend, lines=lines), "bottomright", "th-legend").add_to(overlay)
    if illustrative:
        text = notice or t("maps.illustrative", lang)
        HtmlControl(f"{_e(text)}", "topright", "th-notice").add_to(overlay)
    overlay._id = f"{MAP_ID}overlay"
    for i, child in enumerate(overlay._children.values()):
        child._id = f"{MAP_ID}overlay{i}"
    return m, overlay


def district_label_points(gdf: pd.DataFrame) -> list[tuple[str, float, float]]:
    """``(district_name, lat, lon)`` at a point inside each district's communes (EPSG:4326)."""
    import shapely

    out = []
    polys = gdf[gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    for name, part in polys.groupby("district_name", sort=True):
        p = shapely.union_all(part.geometry.to_numpy()).point_on_surface()
        out.append((str(name), float(p.y), float(p.x)))
    return out


def inline_assets(page: str, asset_base: str = ASSET_BASE, vendor_dir: Path = VENDOR_DIR) -> str:
    """Replace the vendored ``<script src>``/``<link>`` tags of a rendered page with the files' contents.

    For a standalone HTML export (the dashboard's frame loads the files itself).
    """
    for rel, kind in ((LEAFLET_JS, "js"), (TOPOJSON_JS, "js"), (LEAFLET_CSS, "css")):
        text = (vendor_dir / rel).read_text(encoding="utf-8")
        url = f"{asset_base}/{rel}"
        if kind == "js":
            text = text.replace("</script", "<\\/script")
            page = page.replace(f'<script src="{url}"></script>', f"<script>{text}</script>")
        else:
            page = page.replace(f'<link rel="stylesheet" href="{url}"/>', f"<style>{text}</style>")
    return page


def theme_map_html(m: folium.Map) -> str:
    """The whole page of a map as HTML text (what tests inspect)."""
    return m.get_root().render()


@dataclass(frozen=True)
class FrameParts:
    """What the dashboard's map frame (``frontend/commune_map``) needs: the base and the overlay as scripts.

    ``base_js`` creates the map in a ``<div id=map_id>`` (geometry inline or fetched, lines, fit); ``css`` is
    the page CSS of the base (Leaflet's own files are loaded by the frame); ``overlay_js`` restyles the
    mounted map for one theme and period. The keys change only when the text changes: the frame rebuilds
    the map only for a new ``base_key`` (new geometry: a district filter), so a period keeps the view.
    """

    map_id: str
    css: str
    base_js: str
    overlay_js: str

    @property
    def base_key(self) -> str:
        """A short hash of the base (CSS and script): the frame runs the base again only when it changes."""
        return hashlib.sha1((self.css + self.base_js).encode()).hexdigest()[:16]

    @property
    def overlay_key(self) -> str:
        """A short hash of the overlay script: the frame applies an overlay once."""
        return hashlib.sha1(self.overlay_js.encode()).hexdigest()[:16]


def frame_parts(base: folium.Map, overlay: folium.FeatureGroup) -> FrameParts:
    """Split a :func:`build_map_parts` pair into the scripts the dashboard's frame runs (adds ``overlay``).

    Rendered with folium itself (the figure's header and script elements), so the frame shows exactly what a
    standalone page of :func:`build_map` would; ``<script src>`` and stylesheet links are left out: the
    frame's page loads the vendored Leaflet and topojson-client once.
    """
    figure = base.get_root()
    figure.render()
    css = "".join(
        child.render() for child in figure.header._children.values()
    )
    # Only the <style> elements: Leaflet's files are the frame's own, and folium's inline L_NO_TOUCH script
    # only restates Leaflet's defaults.
    css = "\n".join(re.findall(r"<style\b[^>]*>.*?</style>", css, flags=re.DOTALL))
    base_js = figure.script.render()
    known = set(figure.script._children)
    overlay.add_to(base)
    overlay.render()
    overlay_js = "\n".join(
        child.render() for name, child in figure.script._children.items() if name not in known
    )
    return FrameParts(map_id=base.get_name(), css=css, base_js=base_js, overlay_js=overlay_js)
