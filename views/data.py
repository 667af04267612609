"""Dữ liệu / Data: upload a district file, read the validation report, then import; get a template."""

import pandas as pd
import streamlit as st

import loaders
import ui
from geo import auth, store
from geo import records as record_files
from geo.labels import label
from geo.tables import template_xlsx

filters: ui.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_data", lang))
me = auth.get_user(loaders.engine(), filters.username)
if me is None or not me.can("import"):  # the navigation hides this page; this guards a stale session too
    st.error(label("not_allowed", lang))
    st.stop()

st.subheader(label("upload_title", lang))
upload = st.file_uploader(label("upload_help", lang), type=["csv", "xlsx", "txt", "tsv"], key="data_upload")
period_override = st.text_input(label("period_override", lang), key="data_period",
                                placeholder="2019-Q3").strip() or None

if upload is not None:
    report = record_files.validate_bytes(upload.getvalue(), upload.name, loaders.commune_table(),
                                         period=period_override, lang=lang)
    if report.encoding and report.encoding not in ("utf-8", "utf-8-sig"):
        st.caption(label("encoding_assumed", lang, encoding=report.encoding))
    problems = [(label("error_word", lang), p) for p in report.errors]
    problems += [(label("warning_word", lang), p) for p in report.warnings]
    if problems:
        st.dataframe(pd.DataFrame([{
            label("severity", lang): kind, label("row", lang): p.row, label("column", lang): p.column,
            label("value", lang): p.value, label("message", lang): p.message,
        } for kind, p in problems]).astype(str), hide_index=True, width="stretch")
    if not report.ok:
        auth.log(loaders.engine(), me.username, "validate", outcome="refused",
                 detail={"file": report.file, "sha256": report.sha256, "rows": report.rows, "errors": len(report.errors)})
        st.error(label("rejected", lang, file=ui.md_escape(report.file), n=len(report.errors)))
    else:
        found = sorted(report.records["period"].unique())
        st.success(label("valid", lang, file=ui.md_escape(report.file), rows=len(report.records), periods=", ".join(found)))
        replace = st.checkbox(label("replace", lang), key="data_replace")
        if st.button(label("import_button", lang), type="primary", key="data_import"):
            detail = {"file": report.file, "sha256": report.sha256, "rows": report.rows, "replace": replace}
            try:
                result = store.import_report(loaders.engine(), report, replace=replace, user=me.username, lang=lang)
            except (store.ImportConflict, ValueError) as exc:
                auth.log(loaders.engine(), me.username, "import", outcome="refused", detail={**detail, "reason": str(exc)})
                st.error(ui.md_escape(exc))
            else:
                auth.log(loaders.engine(), me.username, "import", detail={**detail, "stored": result.rows_stored,
                                                                          "replaced": result.rows_replaced})
                st.success(label("stored", lang, n=result.rows_stored, r=result.rows_replaced,
                                 periods=", ".join(result.periods)))

st.subheader(label("template_title", lang))
periods = loaders.periods()
template_period = st.text_input(label("template_period", lang), value=filters.period or "", key="data_tpl_period")
normalised = record_files.normalise_period(template_period)
if normalised is None:
    st.caption(label("bad_period", lang, value=template_period))
else:
    notice = [label("illustrative", lang)] if loaders.is_illustrative(normalised) else []
    data = template_xlsx(loaders.commune_table(), loaders.records(normalised if normalised in periods else None),
                         normalised, filters.districts, notice_lines=notice)
    st.download_button(label("template_download", lang, period=normalised), data,
                       file_name=f"mau_nhap_{normalised}.xlsx", key="data_tpl_download",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

st.subheader(label("import_log", lang))
log = store.list_imports(loaders.engine())
if not log.empty:
    columns = ["id", "created_at", "username", "file_name", "outcome", "rows_read", "rows_stored", "rows_replaced",
               "periods", "illustrative", "message", "sha256"]
    st.dataframe(log[columns].rename(columns={c: label(f"log_{c}", lang) for c in columns}), hide_index=True,
                 width="stretch")
