"""Huyện / Districts: filter, drill from province to district to commune, sort, download."""

import dataclasses

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.figures import privacy
from geo.figures.summary import DISTRICT_COLUMNS, commune_table, district_table
from geo.io.tables import to_csv_bytes, to_xlsx_bytes
from geo.maps import exports
from geo.periods import period_label
from geo.text import field_label, t

AUDIT_WARNING = "districts_audit_warning"  # a download's audit line that could not be written, said on the rerun

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_districts", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)
illustrative = loaders.is_illustrative(period)
notice = [t("common.illustrative", lang)] if illustrative else []

communes = loaders.commune_table(period)
records = loaders.records(period)

said = period_label(period, lang)
district = page.district_word(period, lang)  # "Huyện", or "Huyện cũ" for a period without districts
former = not loaders.has_districts(period)
st.subheader(t("districts.former_district_level" if former else "districts.district_level", lang, period=said))
districts = district_table(communes, records, filters.districts)
if not filters.sees_small_counts:
    districts = privacy.mask_frame(districts)
shown = page.people_table(districts.drop(columns="district_code"), lang,
                          headers={"district_name": district, **{c: field_label(c, lang) for c in DISTRICT_COLUMNS}})
st.dataframe(shown, hide_index=True, width="stretch")

names = dict(zip(districts["district_code"], districts["district_name"], strict=True))
drill = st.selectbox(t("districts.drill_former_district" if former else "districts.drill_district", lang),
                     ["", *names], key="districts_drill",
                     format_func=lambda c: names.get(c, t("districts.all_selected", lang)))
scope = [drill] if drill else list(filters.districts)

st.subheader(t("districts.commune_level", lang))
table = commune_table(communes, records, scope)
if not filters.sees_small_counts:
    table = privacy.mask_frame(table)
view = table.copy()
for col in ("healthy", "conversion_target", "commitment_signed", "is_laos_border"):
    view[col] = view[col].map(lambda v: "" if pd.isna(v) else t("common.yes" if v else "common.no", lang))
headers = {c: field_label(c, lang) for c in view.columns} | {"district_name": district}
view = view.rename(columns=headers)  # downloaded as is: numbers stay numbers in the files
# Sorted here too (a header click sorts the shown table by its numbers as well): the order of the download.
col_sort, col_order = st.columns([3, 1])
sort_by = col_sort.selectbox(t("districts.sort_by", lang), list(view.columns), key="districts_sort")
descending = col_order.toggle(t("districts.sort_descending", lang), key="districts_desc")


def sort_key(column: pd.Series) -> pd.Series:
    """Numbers as numbers (a masked "<3" between 0 and 3), text as text."""
    numbers = pd.to_numeric(column.replace(privacy.MASK, 2.5), errors="coerce")
    return numbers if numbers.notna().any() else column.astype(str)


ordered = view.sort_values(sort_by, ascending=not descending, na_position="last", kind="stable", key=sort_key)
st.dataframe(page.people_table(ordered, lang), hide_index=True, width="stretch", key="districts_table")
st.caption(t("districts.rows_shown", lang, n=len(view)))

title = t("districts.table_title", lang, period=said, scope=", ".join(names[c] for c in scope) if scope
          else t("app.all_districts", lang))
base = f"xa_{period}" + (f"_{'-'.join(scope)}" if scope else "")


def log_download(**download: object) -> None:
    """A download button's callback: the domain audits the download; a line it cannot write is said on the rerun."""
    if warning := exports.log_table_download(loaders.engine(), **download):  # the file is downloaded all the same
        st.session_state[AUDIT_WARNING] = warning


if filters.can("export"):
    if warning := st.session_state.pop(AUDIT_WARNING, None):
        st.warning(page.md_escape(warning))
    download = {"user": filters.username, "period": period, "districts": scope, "lang": lang,
                "small_counts_masked": not filters.sees_small_counts}
    col_a, col_b = st.columns(2)
    col_a.download_button(t("common.download_csv", lang), to_csv_bytes(view, [title, *notice]), file_name=f"{base}.csv",
                          mime="text/csv", key="districts_csv", on_click=log_download,
                          kwargs={**download, "fmt": "csv", "file": f"{base}.csv"})
    col_b.download_button(t("common.download_xlsx", lang), to_xlsx_bytes(view, title=title, notice_lines=notice),
                          file_name=f"{base}.xlsx", key="districts_xlsx", on_click=log_download,
                          kwargs={**download, "fmt": "xlsx", "file": f"{base}.xlsx"},
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

st.subheader(t("common.map_healthy", lang))
page.map_section(dataclasses.replace(filters, districts=tuple(scope)), "healthy", key="districts")
