"""Chuyển hóa / Targeted conversions: the targeted communes, and a two-period transition map."""

import dataclasses

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.figures.summary import TRANSITIONS, compare_periods, filter_districts
from geo.periods import previous_period
from geo.text.labels import label
from geo.text.numbers import fmt_number

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_conversions", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

communes = filter_districts(loaders.commune_table(period), filters.districts)
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
page.map_section(filters, "conversions", key="conversions")

st.subheader(label("compare_title", lang))
periods = loaders.periods()
col_a, col_b = st.columns(2)
default_before = previous_period(period, periods) or periods[0]
before = col_a.selectbox(label("compare_from", lang), periods, index=periods.index(default_before), key="conv_from")
after = col_b.selectbox(label("compare_to", lang), periods, index=periods.index(period), key="conv_to")
# The transition is computed on the later period's units: the earlier records re-expressed through the links.
old, compare_note = loaders.records_on(before, after)
new = loaders.records(after)
communes = filter_districts(loaders.commune_table(after), filters.districts)
note_box = st.container()  # always there: the map below keeps its place (page.map_section)
if compare_note["backward"]:
    note_box.warning(label("compare_backward", lang, before=before, after=after))
elif compare_note["changed"]:
    note_box.info(label("compare_note", lang, before=before, after=after, vb=compare_note["from"],
                        va=compare_note["to"],
                        approx=label("compare_approx", lang) if compare_note["approximate"] else ""))
compared = compare_periods(communes, old, new)  # the communes of the district filter
cols = st.columns(len(TRANSITIONS))
for col, (name, n) in zip(cols, compared.transitions.by_name().items(), strict=True):
    col.metric(label(f"tr_{name}", lang), fmt_number(n, lang))
page.map_section(dataclasses.replace(filters, period=after), "transition", key="transition", records=new,
               before_records=old)
changed = compared.changed_communes
if changed:
    st.dataframe(pd.DataFrame({
        label("commune", lang): [c.commune_name for c in changed],
        label("district", lang): [c.district_name for c in changed],
        label("status", lang): [label(f"tr_{c.transition}", lang) for c in changed],
    }), hide_index=True, width="stretch")
