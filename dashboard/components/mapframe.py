"""The map on the dashboard: a small Streamlit component of our own (``frontend/commune_map``).

Why not st_folium: it ships a 225 KB front-end bundle and sends the whole map script, geometry included,
on every rerun (533 KB for a period change on the province map, bench/RESULTS.md). This frame is 3 KB; it
gets the geometry as a static file (``loaders.web_layer_url``, cached by the browser, gzipped by Streamlit)
and, per rerun, the scripts of :func:`geo.maps.render.frame_parts` (the base only when it changed). Only a click
on a commune reruns the page; panning and zooming never do.

What Python, the frame and the map scripts promise each other (arguments, value, ``window.__th…`` globals) is
written in ``frontend/commune_map/README.md``, the frame's contract.
"""

from __future__ import annotations

import folium
import streamlit as st
import streamlit.components.v1 as components

from geo.contract import ROOT
from geo.maps.render import frame_parts

# Streamlit names a component after the module that declares it: "dashboard.components.mapframe.commune_map",
# which is also the URL of its files (/component/<name>/). web/server.py serves and prefetches that URL
# (web.server.FRAME_NAME; tests/web/test_server.py checks that the two agree): move or rename them together.
FRAME_COMPONENT = components.declare_component("commune_map", path=str(ROOT / "frontend" / "commune_map"))


def show(base: folium.Map, overlay: folium.FeatureGroup, *, key: str, height: int = 620,
         layer_url: str | None = None, report_drawn: bool = False, selected: str | None = None,
         title: str = "", lang: str = "vi") -> tuple[str, int] | None:
    """Draw the map (base + overlay of :func:`geo.maps.render.build_map_parts`).

    ``layer_url`` is the geometry's URL that the base script fetches: passed on so that the frame can start
    the download before Leaflet has loaded. Returns the last click as ``(commune_code, click_number)`` (the
    number tells a new click on the same commune from a rerun), or None before any click. Streamlit keeps
    the value across reruns. With ``report_drawn`` the frame answers ``{drawn: true}`` once the communes are
    drawn (or the geometry could not be fetched), which reruns the page (``page.map_first``). ``selected``
    is the commune to highlight and zoom to (found by the search, or clicked); ``title`` the frame's name
    for a screen reader (Streamlit would name it after this module), ``lang`` the frame document's language.
    """
    parts = frame_parts(base, overlay)
    value = FRAME_COMPONENT(map_id=parts.map_id, css=parts.css, base_js=parts.base_js, base_key=parts.base_key,
                   overlay_js=parts.overlay_js, overlay_key=parts.overlay_key, height=height, layer_url=layer_url,
                   report_drawn=report_drawn, selected=selected, title=title, lang=lang, key=key,
                   default=None)
    if isinstance(value, dict) and value.get("id"):
        return str(value["id"]), int(value.get("n", 0))
    return None


def answered(key: str) -> bool:
    """Whether the frame of the map ``key`` has sent a value in this session (drawn, or a click)."""
    return isinstance(st.session_state.get(key), dict)
