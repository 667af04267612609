"""Xu hướng / Trend: the headline figures across every stored period, with the plan's targets drawn in."""

import streamlit as st

import loaders
import ui
from geo import trend
from geo.labels import label

filters: ui.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_trend", lang))
ui.require_period(filters)
ui.illustrative_notice(filters)
if filters.districts:
    st.caption(label("targets_province_wide", lang))
frame = loaders.trend_table(filters.districts)
if frame.empty:
    st.info(trend.text("none", lang))
    st.stop()
st.altair_chart(trend.trend_chart(frame, lang), width="content")
st.caption(trend.text("caption", lang))
st.caption(trend.units_caption(loaders.periods(), lang))  # per-version totals, not re-expressed: say so
