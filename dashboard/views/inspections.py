"""Kiểm tra / Inspection density: inspections per commune, normalised, classed with a stated method."""

import pandas as pd
import streamlit as st

from dashboard.components import page
from geo.maps.classify import SCHEMES, parse_breaks
from geo.maps.themes import METRICS
from geo.text import t
from geo.text.numbers import fmt_number

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_inspections", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

col_metric, col_scheme, col_k = st.columns([2, 2, 1])
metric = col_metric.radio(t("inspections.metric", lang), METRICS, key="insp_metric",
                          format_func=lambda m: t(f"maps.{m}", lang))
scheme = col_scheme.selectbox(t("inspections.scheme", lang), SCHEMES, key="insp_scheme",
                              format_func=lambda s: t(f"maps.scheme_{s}", lang))
k = col_k.slider(t("inspections.classes", lang), 2, 7, 5, key="insp_k", disabled=scheme == "manual")
breaks = None
manual = st.container()  # always there, so that the map keeps its place (page.map_section)
if scheme == "manual":
    text = manual.text_input(t("inspections.manual_breaks", lang), "1, 2, 5", key="insp_breaks")
    try:
        breaks = parse_breaks(text)
    except ValueError:
        manual.error(t("inspections.manual_breaks_bad", lang, value=page.md_escape(text)))
        st.stop()

theme = page.map_section(filters, "inspections", key="inspections", metric=metric, scheme=scheme, k=k, breaks=breaks)
st.caption(theme.legend.note)
if theme.classes is not None and (reason := theme.classes.fewer_reason(lang)):
    st.info(reason, icon=":material/info:")
st.dataframe(pd.DataFrame(
    [(entry.label, fmt_number(entry.count, lang)) for entry in theme.legend.entries],
    columns=[t("inspections.class", lang), t("inspections.communes_in_class", lang)],
), hide_index=True)
