"""Chuyển hóa / Targeted conversions: the targeted communes, and a two-period transition map."""

import pandas as pd
import streamlit as st

import loaders
import ui
from geo.indicators import TRANSITIONS, compare_periods, filter_districts
from geo.labels import label
from geo.numbers import fmt_number
from geo.periods import previous_period

filters: ui.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_conversions", lang))
period = ui.require_period(filters)
ui.illustrative_notice(filters)

communes = filter_districts(loaders.commune_table(), filters.districts)
records = loaders.records(period)
targeted = communes.merge(records, on="commune_code")
targeted = targeted[targeted["conversion_target"].eq(True).fillna(False)]

st.subheader(label("targeted_list", lang, period=period))
if targeted.empty:
    st.info(label("no_targets", lang, period=period))
else:
    table = pd.DataFrame({
        label("commune", lang): targeted["commune_name"],
        label("district", lang): targeted["district_name"],
        label("status", lang): [label("no_data" if pd.isna(h) else ("converted_yes" if h else "converted_no"), lang)
                                for h in targeted["healthy"]],
        label("field_notes", lang): targeted["notes"].fillna(""),
    })
    st.dataframe(table, hide_index=True, width="stretch")
ui.map_section(filters, "conversions", key="conversions")

st.subheader(label("compare_title", lang))
periods = loaders.periods()
col_a, col_b = st.columns(2)
default_before = previous_period(period, periods) or periods[0]
before = col_a.selectbox(label("compare_from", lang), periods, index=periods.index(default_before), key="conv_from")
after = col_b.selectbox(label("compare_to", lang), periods, index=periods.index(period), key="conv_to")
old, new = loaders.records(before), loaders.records(after)
compared = compare_periods(communes, old, new)  # the communes of the district filter
cols = st.columns(len(TRANSITIONS))
for col, name in zip(cols, TRANSITIONS, strict=True):
    col.metric(label(f"tr_{name}", lang), fmt_number(compared["transitions"][name], lang))
ui.map_section(filters, "transition", key="transition", records=new, before_records=old)
changed = compared["changed_communes"]
if changed:
    st.dataframe(pd.DataFrame({
        label("commune", lang): [c["commune_name"] for c in changed],
        label("district", lang): [c["district_name"] for c in changed],
        label("status", lang): [label(f"tr_{c['transition']}", lang) for c in changed],
    }), hide_index=True, width="stretch")
