"""Xu hướng / Trend: the headline figures across every stored period, with the plan's targets drawn in."""

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.figures import trend
from geo.text.labels import label

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_trend", lang))
page.require_period(filters)
page.illustrative_notice(filters)
if filters.districts:
    st.caption(label("targets_province_wide", lang))
frame = loaders.trend_table(filters.districts)
if frame.empty:
    st.info(trend.text("none", lang))
    st.stop()
st.altair_chart(trend.trend_chart(frame, lang), width="content")
st.caption(trend.text("caption", lang))
st.caption(trend.units_caption({p: loaders.version(p) for p in loaders.periods()}, lang))  # per-version totals
