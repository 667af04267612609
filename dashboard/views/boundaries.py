"""Ranh giới / Boundaries: a land office's file, its report and preview, stored as a revision; revisions in use.

Admins only. Nothing changes on the map before a stored revision is activated.
"""

import hashlib

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo import clock
from geo.access import audit
from geo.boundaries import revisions
from geo.boundaries.check import target_from_layer
from geo.boundaries.preview import measured_offset, preview_png, unit_names
from geo.io.tables import to_csv_bytes
from geo.io.vn_legacy import ENCODING_NAMES
from geo.text import t
from geo.text.numbers import fmt_date

SHOWN_PROBLEMS = 200
AUTO = ""

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_boundaries", lang))
me = page.require_right(filters, "admin")
engine = loaders.engine()
st.caption(t("boundaries.intro", lang))

uploads = st.file_uploader(t("boundaries.upload", lang), accept_multiple_files=True, key="bnd_upload",
                           type=["zip", "shp", "shx", "dbf", "prj", "cpg", "gpkg", "kml", "kmz", "geojson", "json"])
versions = revisions.known_versions()
c1, c2, c3 = st.columns(3)
version = c1.selectbox(t("boundaries.version", lang), versions, key="bnd_version", format_func=fmt_date)
crs = c2.text_input(t("boundaries.crs", lang), key="bnd_crs", placeholder="EPSG:3405").strip() or None
options_box = c3.container()  # layer and code field, once the file is known

report = None
if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    digest = hashlib.sha256(b"".join(hashlib.sha256(d).digest() + n.encode() for n, d in sorted(files))).hexdigest()
    last = st.session_state.get("bnd_last")
    layers = last[1].layers if last and last[0][0] == digest else ()
    fields = last[1].fields if last and last[0][0] == digest else ()
    layer = options_box.selectbox(t("boundaries.layer", lang), [AUTO, *layers], key="bnd_layer",
                                  format_func=lambda x: x or t("boundaries.auto", lang)) if len(layers) > 1 else None
    code_field = options_box.selectbox(t("boundaries.code_field", lang), [AUTO, *fields], key="bnd_code_field",
                                       format_func=lambda x: x or t("boundaries.auto", lang)) if fields else None
    key = (digest, version, layer or None, code_field or None, crs, lang, loaders.boundary_state())
    if last is not None and last[0] == key:
        report = last[1]
    else:
        with st.spinner(t("common.validating", lang)):
            in_use = revisions.current_layer(engine, version)
            # A refused file is audited by the domain (as from `boundaries import`), once per file and choices:
            # not again on every rerun while it stays uploaded.
            report, not_logged = revisions.check_upload(
                engine, files, target_from_layer(in_use, version), user=me.username,
                name=files[0][0] if len(files) == 1 else None, layer=layer or None, code_field=code_field or None,
                crs=crs, lang=lang)
            offset = measured_offset(report.preview, in_use)
            preview = (preview_png(report, in_use, lang, offset=offset), offset.text(lang, unit_names(in_use)))
        st.session_state["bnd_last"] = (key, report, preview, not_logged)
        if (report.layers and not layers) or (report.fields and not fields):
            st.rerun()  # now the layer and field choices can be offered

if report is not None:
    if report.ok:
        st.success(t("boundaries.valid", lang, file=page.md_escape(report.file), n=report.rows, u=len(report.units),
                     version=fmt_date(report.version), w=len(report.warnings)))
    else:
        st.error(t("boundaries.rejected", lang, file=page.md_escape(report.file), e=len(report.errors),
                   w=len(report.warnings)))
    if not_logged := st.session_state["bnd_last"][3]:  # the refusal stands without its audit line: say so
        st.warning(page.md_escape(not_logged))
    facts = [f for f in (
        report.crs and t("boundaries.crs_used", lang, crs=report.crs, transformation=report.transformation),
        report.encoding and t("boundaries.encoding", lang,
                              encoding=ENCODING_NAMES.get(report.encoding, report.encoding)),
        report.code_field and t("boundaries.fields", lang, code=report.code_field, name=report.name_field or "-"),
    ) if f]
    for fact in facts:
        st.caption(page.md_escape(fact))
    problems = [(t("common.error_word", lang), p) for p in report.errors]
    problems += [(t("common.warning_word", lang), p) for p in report.warnings]
    if problems:
        table = pd.DataFrame([{
            t("common.severity", lang): kind, t("boundaries.feature", lang): "" if p.row is None else p.row,
            t("boundaries.field", lang): p.column or "", t("common.value", lang): "" if p.value is None else p.value,
            t("common.message", lang): p.message,
        } for kind, p in problems]).astype(str)
        st.table(table.head(SHOWN_PROBLEMS).set_index(t("common.severity", lang)))  # sentences: not a canvas grid
        if len(table) > SHOWN_PROBLEMS:
            st.caption(t("common.more_problems", lang, n=len(table) - SHOWN_PROBLEMS))
        st.download_button(t("common.report_download", lang), to_csv_bytes(table), key="bnd_report_csv",
                           file_name=f"kiem_tra_{report.file}.csv", mime="text/csv")
    png, offset_text = st.session_state["bnd_last"][2]
    st.caption(page.md_escape(offset_text))
    if png:
        st.image(png, caption=t("boundaries.preview", lang))
    if report.ok:
        s1, s2 = st.columns(2)
        source = s1.text_input(t("boundaries.source", lang), key="bnd_source", placeholder="Sở TN&MT Thanh Hóa")
        source_date = s2.date_input(t("boundaries.source_date", lang), value=clock.today(), key="bnd_source_date")
        if st.button(t("boundaries.store", lang), type="primary", key="bnd_store"):
            try:
                rid = revisions.store_revision(engine, report, source=source, source_date=source_date.isoformat(),
                                                    user=me.username, lang=lang)
            except (ValueError, audit.AuditError) as exc:  # refused, or not stored without its audit line
                st.error(page.md_escape(exc))
            else:
                st.success(t("boundaries.stored", lang, id=rid, u=len(report.units)))

st.subheader(t("boundaries.revisions", lang))
stored = revisions.list_revisions(engine)
if stored.empty:
    st.caption(t("boundaries.none", lang))
else:
    columns = ["id", "version", "active", "units", "source", "source_date", "file_name", "username", "created_at",
               "activated_at", "activated_by"]
    shown = clock.localize(stored[columns], ["created_at", "activated_at"])  # stored in UTC, shown in UTC+7
    for col in ("version", "source_date"):  # a unit list and the lines' date as people write a date
        shown[col] = [fmt_date(v) if v else "" for v in shown[col]]
    shown = shown.astype(str).replace({"None": "", "NaT": ""})
    shown = shown.rename(columns={c: t(f"boundaries.col_{c}", lang) for c in columns})
    st.table(shown.set_index(t("boundaries.col_id", lang)))
    by_id = stored.set_index("id")
    chosen = st.selectbox(t("boundaries.choose", lang), by_id.index.tolist(), key="bnd_choose",
                          format_func=lambda i: f"{i} — {by_id.loc[i, 'source']} ({by_id.loc[i, 'file_name']})")
    a1, a2 = st.columns(2)
    activate = a1.button(t("boundaries.activate", lang), key="bnd_activate", disabled=bool(by_id.loc[chosen, "active"]))
    deactivate = a2.button(t("boundaries.deactivate", lang), key="bnd_deactivate",
                           disabled=not bool(by_id.loc[chosen, "active"]))
    if activate or deactivate:
        try:
            revisions.set_active(engine, int(chosen), activate, user=me.username, lang=lang)
        except (ValueError, audit.AuditError) as exc:  # gone meanwhile, or unchanged without its audit line
            st.error(page.md_escape(exc))
        else:
            st.session_state["bnd_flash"] = t("boundaries.activated" if activate else "boundaries.deactivated", lang,
                                              id=chosen)
            st.rerun()
    if flash := st.session_state.pop("bnd_flash", None):
        st.success(flash)
