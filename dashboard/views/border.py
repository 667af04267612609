"""Biên giới / Border area: the Laos border, its 17 communes, incidents and victims on one map."""

import dataclasses

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.boundaries.border import line_km
from geo.boundaries.layer import summarise
from geo.figures import privacy
from geo.figures.summary import commune_table
from geo.periods import period_label
from geo.text import field_label, t
from geo.text.numbers import fmt_with_unit

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_border", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)
figures = summarise(loaders.commune_table(period))
unit = "border.district_unit" if loaders.has_districts(period) else "border.former_district_unit"
st.caption(t("border.intro", lang, length=fmt_with_unit(line_km(), "km", lang, decimals=1),
             communes=figures["border_communes"], districts=figures["border_districts"],
             unit=t(unit, lang), names=", ".join(figures["border_district_names"])))

# Framed on the border strip: the districts of the border area (those chosen, if any, in the sidebar).
strip = tuple(c for c in loaders.border_districts(period) if not filters.districts or c in filters.districts)
theme = page.map_section(dataclasses.replace(filters, districts=strip or filters.districts), "border", key="border",
                         border_line=True, suppress_small=not filters.sees_small_counts)
st.caption(theme.legend.note)
symbols = [t("border.symbol_line", lang), t("border.symbol_fill", lang), t("border.symbol_circles", lang)]
if not loaders.commune_table(period).loc[lambda c: c["district_code"].isin(strip or c["district_code"]),
                                         "has_boundary"].all():
    symbols.append(t("border.symbol_points", lang))
st.markdown("\n".join(f"- {s}" for s in symbols))

area = theme.prominent[theme.prominent].index
table = commune_table(loaders.commune_table(period), loaders.records(period), filters.districts)
table = table[table["commune_code"].isin(area)].merge(
    loaders.commune_table(period)[["commune_code", "laos_border_km"]], on="commune_code")
table = table.sort_values(["is_laos_border", "border_incidents"], ascending=False, na_position="last")
cols = ["commune_name", "district_name", "is_laos_border", "laos_border_km", "border_incidents",
        "victims_received", "criminal_cases", "notes"]
view = table[cols].copy()
if not filters.sees_small_counts:
    view = privacy.mask_frame(view)
view["is_laos_border"] = view["is_laos_border"].map(lambda v: t("common.yes" if v else "common.no", lang))
view["notes"] = view["notes"].fillna("")
st.subheader(t("border.table", lang, period=period_label(period, lang)))
headers = {c: field_label(c, lang) for c in cols} | {"district_name": page.district_word(period, lang)}
st.dataframe(page.people_table(view, lang, decimals={"laos_border_km": 1}, headers=headers),
             hide_index=True, width="stretch")
