"""Xuất bản đồ / Export: print-ready map sheets, the offline HTML map and the tables; every theme in a zip."""

from functools import partial

import streamlit as st

from dashboard import loaders
from dashboard.components import briefing_section, page
from dashboard.components.file_offer import offer_file
from geo.maps import exports, sheets
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_export", lang))
me = page.require_right(filters, "export")
period = page.require_period(filters)
page.illustrative_notice(filters)
st.caption(t("export.intro", lang))

col_theme, col_format, col_paper, col_orientation = st.columns([3, 1, 1, 2])
theme = col_theme.selectbox(t("export.theme", lang), sheets.THEMES, key="export_theme",
                            format_func=partial(sheets.theme_title, lang=lang))
fmt = col_format.selectbox(t("export.format", lang), exports.FORMATS, key="export_format", format_func=str.upper)
paper = col_paper.radio(t("export.paper", lang), sheets.PAPERS, key="export_paper", format_func=str.upper)
orientation = col_orientation.radio(t("export.orientation", lang), sheets.ORIENTATIONS, key="export_orientation",
                                    format_func=partial(sheets.orientation_label, lang=lang))

inputs = loaders.sheet_inputs(period)
options = sheets.SheetOptions(theme=theme, period=period, districts=filters.districts, paper=paper,
                              orientation=orientation, lang=lang, suppress_small=not me.sees_small_counts)
name = exports.export_name(options, fmt)
left, right = st.columns([3, 2])
with left:
    st.image(sheets.render_sheet(inputs, options, "png", dpi=sheets.PREVIEW_DPI), caption=t("export.preview", lang))
with right:
    # made and audited by the domain, as from the CLI
    offer_file("export", name, exports.MIME[fmt], lang,
               lambda: exports.export_file(loaders.engine(), me.username, inputs, options, fmt), primary=True)

    st.subheader(t("export.batch", lang))
    batch_fmt = st.radio(t("export.format", lang), ("pdf", "png"), key="export_batch_format",
                         format_func=str.upper, horizontal=True)
    zip_name = exports.batch_name(period, batch_fmt)
    st.caption(t("export.batch_help", lang, n=len(exports.batch_plan(inputs, options, batch_fmt))))
    if st.button(t("export.make", lang, name=zip_name), key="export_batch_make"):
        bar = st.progress(0.0)
        st.session_state["export_zip"] = exports.export_batch(
            loaders.engine(), me.username, inputs, options, batch_fmt,
            progress=lambda done, total, entry: bar.progress(done / total, text=f"[{done}/{total}] {entry}"))
    made = st.session_state.get("export_zip")
    if made and made.name == zip_name:
        if made.warning:
            st.warning(page.md_escape(made.warning))
        st.download_button(t("export.download", lang, name=zip_name), made.data, file_name=zip_name,
                           mime=exports.MIME["zip"], key="export_batch_download")

briefing_section.section(me, period, filters.districts, lang)  # the leadership briefing, built on the server
