"""Xu hướng / Trend: the headline figures across every stored period, with the plan's targets drawn in."""

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.figures import trend
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_trend", lang))
page.require_period(filters)
page.illustrative_notice(filters)
if filters.districts:
    st.caption(t("targets.province_wide", lang))
frame = loaders.trend_table(filters.districts)
if frame.empty:
    st.info(t("trend.none", lang))
    st.stop()
st.altair_chart(trend.trend_chart(frame, lang), width="content")
st.caption(t("trend.caption", lang))
st.caption(trend.units_caption({p: loaders.version(p) for p in loaders.periods()}, lang))  # per-version totals
