"""Biên giới / Border area: the Laos border, its 17 communes, incidents and victims on one map."""

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.boundaries.border import line_km
from geo.boundaries.layer import summarise
from geo.figures import privacy
from geo.figures.summary import commune_table
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

theme = page.map_section(filters, "border", key="border", border_line=True,
                       suppress_small=not filters.sees_small_counts)
st.caption(theme.legend.note)

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
st.subheader(t("border.table", lang, period=period))
st.dataframe(view.rename(columns={c: field_label(c, lang) for c in cols}), hide_index=True, width="stretch")
