"""Kiểm tra / Inspection density: inspections per commune, normalised, classed with a stated method."""

import pandas as pd
import streamlit as st

from dashboard.components import page
from geo.maps.classify import METHOD_NAMES, SCHEMES, parse_breaks
from geo.maps.themes import METRICS
from geo.maps.themes import t as theme_text
from geo.text.labels import label

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_inspections", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

col_metric, col_scheme, col_k = st.columns([2, 2, 1])
metric = col_metric.radio(label("metric", lang), METRICS, key="insp_metric", format_func=lambda m: theme_text(m, lang))
scheme = col_scheme.selectbox(label("scheme", lang), SCHEMES, key="insp_scheme",
                              format_func=lambda s: METHOD_NAMES[s][lang])
k = col_k.slider(label("classes", lang), 2, 7, 5, key="insp_k", disabled=scheme == "manual")
breaks = None
manual = st.container()  # always there, so that the map keeps its place (page.map_section)
if scheme == "manual":
    text = manual.text_input(label("manual_breaks", lang), "1, 2, 5", key="insp_breaks")
    try:
        breaks = parse_breaks(text)
    except ValueError:
        manual.error(label("manual_breaks_bad", lang, value=page.md_escape(text)))
        st.stop()

theme = page.map_section(filters, "inspections", key="inspections", metric=metric, scheme=scheme, k=k, breaks=breaks)
st.caption(theme.legend.note)
st.dataframe(pd.DataFrame(
    [(entry.label, entry.count) for entry in theme.legend.entries],
    columns=[label("class", lang), label("communes_in_class", lang)],
), hide_index=True)
