"""Chuyển hóa / Targeted conversions: the targeted communes, and a two-period transition map."""

import dataclasses

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.figures.summary import TRANSITIONS, compare_periods, filter_districts
from geo.periods import period_label, previous_period
from geo.text import t
from geo.text.numbers import fmt_date, fmt_number

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_conversions", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

communes = filter_districts(loaders.commune_table(period), filters.districts)
records = loaders.records(period)
targeted = communes.merge(records, on="commune_code")
targeted = targeted[targeted["conversion_target"].eq(True).fillna(False)]

said = period_label(period, lang)
st.subheader(t("conversions.targeted_list", lang, period=said))
if targeted.empty:
    st.info(t("conversions.no_targets", lang, period=said))
else:
    table = pd.DataFrame({
        t("common.commune", lang): targeted["commune_name"],
        page.district_word(period, lang): targeted["district_name"],
        t("common.status", lang): [t("common.no_data" if pd.isna(h) else
                                     "conversions.converted_yes" if h else "conversions.converted_no", lang)
                                   for h in targeted["healthy"]],
        t("field.notes", lang): targeted["notes"].fillna(""),
    })
    st.dataframe(table, hide_index=True, width="stretch")
page.map_section(filters, "conversions", key="conversions")

st.subheader(t("conversions.compare_title", lang))
periods = loaders.periods()
col_a, col_b = st.columns(2)
default_before = previous_period(period, periods) or periods[0]
before = col_a.selectbox(t("conversions.compare_from", lang), periods, index=periods.index(default_before),
                         key="conv_from", format_func=page.period_words(lang))
after = col_b.selectbox(t("conversions.compare_to", lang), periods, index=periods.index(period), key="conv_to",
                        format_func=page.period_words(lang))
# The transition is computed on the later period's units: the earlier records re-expressed through the links.
old, compare_note = loaders.records_on(before, after)
new = loaders.records(after)
communes = filter_districts(loaders.commune_table(after), filters.districts)
note_box = st.container()  # always there: the map below keeps its place (page.map_section)
if compare_note["backward"]:
    note_box.warning(t("conversions.compare_backward", lang, before=period_label(before, lang, short=True),
                       after=period_label(after, lang, short=True)))
elif compare_note["changed"]:
    note_box.info(t("conversions.compare_note", lang, before=period_label(before, lang, short=True),
                    after=period_label(after, lang, short=True), vb=fmt_date(compare_note["from"]),
                    va=fmt_date(compare_note["to"]),
                    approx=t("conversions.compare_approx", lang) if compare_note["approximate"] else ""))
compared = compare_periods(communes, old, new)  # the communes of the district filter
cols = st.columns(len(TRANSITIONS))
for col, (name, n) in zip(cols, compared.transitions.by_name().items(), strict=True):
    col.metric(t(f"conversions.tr_{name}", lang), fmt_number(n, lang))
page.map_section(dataclasses.replace(filters, period=after), "transition", key="transition", records=new,
               before_records=old)
changed = compared.changed_communes
if changed:
    st.dataframe(pd.DataFrame({
        t("common.commune", lang): [c.commune_name for c in changed],
        page.district_word(after, lang): [c.district_name for c in changed],
        t("common.status", lang): [t(f"conversions.tr_{c.transition}", lang) for c in changed],
    }), hide_index=True, width="stretch")
