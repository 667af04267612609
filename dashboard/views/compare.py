"""So sánh các kỳ / Compare periods: 2 to 12 periods of one theme side by side, or played in one map.

The link keeps the periods: ``/compare?periods=2019,2021,2025-Q3,2026-Q3`` (and ``&theme=``).
"""

import streamlit as st
import streamlit.components.v1 as components

from dashboard import loaders
from dashboard.components import page
from dashboard.components.file_offer import sheet_offer
from geo.maps.compare import (
    COMPARE_THEMES,
    MAX_PERIODS,
    compare_name,
    export_compare,
    load_compare,
    page_height,
    parse_periods,
)
from geo.maps.sheets import ExportError, theme_title
from geo.periods import period_label
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_compare", lang))
known = loaders.periods()
if len(known) < 2:
    st.info(t("compare.count", lang, n=len(known), low=2, high=MAX_PERIODS))
    st.stop()

# The link's periods (?periods=2019,2021,…) win over the defaults; a period that is no period is said.
wanted = st.query_params.get("periods")
chosen: list[str] = []
if wanted and "compare_periods" not in st.session_state:
    try:
        chosen = parse_periods(wanted, known, lang)
    except ExportError as exc:
        st.warning(str(exc))
if not chosen and "compare_periods" not in st.session_state:
    years = [p for p in known if "-" not in p]
    chosen = (years or known)[-4:]
if chosen:
    st.session_state["compare_periods"] = chosen
wanted_theme = st.query_params.get("theme")
if wanted_theme in COMPARE_THEMES and "compare_theme" not in st.session_state:
    st.session_state["compare_theme"] = wanted_theme

col_theme, col_periods, col_mode = st.columns([2, 4, 2])
theme = col_theme.selectbox(t("compare.theme", lang), COMPARE_THEMES, key="compare_theme",
                            format_func=lambda x: theme_title(x, lang))
periods = col_periods.multiselect(t("compare.periods", lang), known, key="compare_periods",
                                  format_func=lambda p: period_label(p, lang, short=True),
                                  max_selections=MAX_PERIODS)
mode = col_mode.radio(t("compare.mode", lang), ("split", "timeline"), key="compare_mode",
                      format_func=lambda m: t("compare.mode_split" if m == "split" else "compare.mode_timeline", lang))
try:
    periods = parse_periods(periods, known, lang)
except ExportError as exc:
    st.warning(str(exc))
    st.stop()
st.query_params["periods"] = ",".join(periods)
st.query_params["theme"] = theme
st.caption(t("compare.intro", lang))
html, sources, illustrative = loaders.compare_page(theme, periods, filters.districts, lang, mode)
if illustrative:
    st.warning(t("compare.illustrative", lang))
components.html(html, height=page_height(len(periods), mode, len(sources)), scrolling=True)

if filters.can("export"):  # the maps side by side on one A4 sheet, made and audited as by the command line
    sheet_offer("compare_export", t("compare.export_title", lang), lang,
                lambda fmt: compare_name(theme, periods, filters.districts, fmt),
                lambda fmt: export_compare(loaders.engine(), filters.username,
                                           load_compare(loaders.engine(), theme, periods, districts=filters.districts,
                                                        lang=lang), fmt))
