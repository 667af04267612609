"""Điểm nóng / Hot spots: where a count clusters beyond chance (Gi*, local Moran's I), with the method said."""

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from dashboard.components.file_offer import sheet_offer
from geo.figures.hotspots import MEASURES, measure_words
from geo.maps import exports, sheets
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_hotspots", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

col_measure, col_base = st.columns([2, 2])
measure = col_measure.selectbox(t("hotspots.measure", lang), MEASURES, key="hot_measure",
                                format_func=lambda m: measure_words(m, lang))
bases = {"count": t("hotspots.base_count", lang), "per_establishment": t("hotspots.base_per_establishment", lang),
         "per_km2": t("hotspots.base_per_km2", lang)}
base = col_base.radio(t("hotspots.base", lang), tuple(bases), key="hot_base", format_func=bases.__getitem__,
                      horizontal=True)
st.caption(t("hotspots.page_intro", lang))
theme = page.map_section(filters, "hotspots", key="hotspots", metric=base, measure=measure)
st.caption(theme.legend.note)
st.dataframe(pd.DataFrame([(entry.label, entry.count) for entry in theme.legend.entries],
                          columns=[t("hotspots.class", lang), t("hotspots.communes", lang)]), hide_index=True)

if filters.can("export"):  # the map as a print sheet, made and audited as from the Export page
    options = sheets.SheetOptions(theme="hotspots", period=period, districts=filters.districts, lang=lang,
                                  metric=base, measure=measure, suppress_small=not filters.sees_small_counts)
    sheet_offer("hot_export", t("hotspots.export_title", lang), lang, lambda fmt: exports.export_name(options, fmt),
                lambda fmt: exports.export_file(loaders.engine(), filters.username, loaders.sheet_inputs(period),
                                                options, fmt))
