"""Dữ liệu / Data: upload a district file, read the validation report, then import; get a template."""

import hashlib

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo import clock
from geo.access import audit
from geo.io.tables import template_xlsx, to_csv_bytes
from geo.periods import normalise_period, period_label, period_sort_key, periods_label
from geo.records import store
from geo.text import t
from geo.text.controls import shown_text
from geo.text.numbers import fmt_date, fmt_number
from geo.units import versions

SHOWN_PROBLEMS = 200
LOG_OUTCOMES = ("stored", "conflict", "rejected")  # geo.records.store's outcomes of an import attempt
ERROR_TINT, WARNING_TINT = "#fde8e8", "#fff4d6"  # the rows of an error and of a warning (with ✖ and ⚠)


def periods_said(periods: list[str]) -> str:
    """Periods in words; a long run as its first and last ("2018 … Quý 3/2026 (39)")."""
    words = [period_label(p, lang, short=True) for p in periods]
    return ", ".join(words) if len(words) <= 4 else f"{words[0]} … {words[-1]} ({fmt_number(len(words), lang)})"


def loaders_already_stored(report: object) -> pd.DataFrame:
    """The rows of a valid file that already have a current record (geo.records.store.already_stored)."""
    return store.already_stored(loaders.engine(), report.records, report.unit_version)

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_data", lang))
me = page.require_right(filters, "import")

st.subheader(t("data.upload_title", lang))
upload = st.file_uploader(t("data.upload_help", lang), type=["csv", "xlsx", "txt", "tsv"], key="data_upload")
period_override = st.text_input(t("data.period_override", lang), key="data_period",
                                placeholder=period_label("2019-Q3", lang, short=True)).strip() or None

if upload is not None:
    # Validated once per file, period, unit version and language: a rerun (a checkbox, the Import button)
    # reuses the report.
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    # The unit list: the rule's (in force on the period's first day) unless the person chooses another list in
    # force during the file's period; offered only when a period of the file holds a change (2019, 2025).
    seen = st.session_state.get("data_periods")
    named = list(seen[1]) if seen and seen[0] == digest else []
    if normalise_period(period_override or "") is not None:
        named.append(normalise_period(period_override))
    choices = versions.version_choices(named) if versions.versioned() else []
    chosen_version = None
    if choices:
        picked = st.radio(t("data.units_version_choice", lang), ["", *choices], key="data_units_version",
                          format_func=lambda v: t("data.units_version_rule", lang) if not v else
                          t("data.units_version_option", lang, v=fmt_date(v), n=versions.get_version(v).units))
        chosen_version = picked or None
    cache_key = (digest, upload.name, period_override, chosen_version, lang)
    cached = st.session_state.get("data_report")
    if cached is not None and cached[0] == cache_key:
        report, not_logged = cached[1], cached[2]
    else:
        bar = st.progress(0.0, text=t("common.validating", lang))
        lists = versions.UnitLists(units_version=chosen_version) if versions.versioned() else loaders.commune_table()
        # A refused file is logged (import log and audit trail) by the store, once per file, period, list and
        # language: not again on every rerun while it stays uploaded.
        report, not_logged = store.check_upload(
            loaders.engine(), data, upload.name, lists, user=me.username,
            period=period_override, lang=lang,
            progress=lambda done, total: bar.progress(done / max(total, 1),
                                                      text=t("data.validating_rows", lang, done=done, total=total)),
        )
        bar.empty()
        st.session_state["data_report"] = (cache_key, report, not_logged)
        if not seen or seen[0] != digest:
            st.session_state["data_periods"] = (digest, report.periods)
            if versions.versioned() and versions.version_choices(report.periods):
                st.rerun()  # offer the choice of unit list above the report
    clashes = loaders_already_stored(report) if report.ok else None
    if report.ok:
        found = sorted(report.records["period"].unique(), key=period_sort_key)
        said = periods_label(found, lang)  # mid-sentence: "2019", "Quý 3/2019"
        if clashes is not None and len(clashes):
            st.warning(t("data.valid_clashes", lang, file=page.md_escape(shown_text(report.file)),
                         rows=fmt_number(len(report.records), lang), periods=said,
                         n=fmt_number(len(clashes), lang)), icon=":material/sync_problem:")
        else:
            st.success(t("data.valid", lang, file=page.md_escape(shown_text(report.file)),
                         rows=fmt_number(len(report.records), lang), periods=said), icon=":material/check_circle:")
        if report.unit_version:
            st.caption(t("data.units_version_chosen", lang, v=fmt_date(report.unit_version),
                         n=versions.get_version(report.unit_version).units))
    else:
        st.error(t("data.rejected", lang, file=page.md_escape(shown_text(report.file)),
                   n=fmt_number(len(report.errors), lang)), icon=":material/error:")
    if not_logged:
        st.warning(page.md_escape(not_logged))
    if report.encoding and report.encoding not in ("utf-8", "utf-8-sig"):
        st.caption(t("data.encoding_assumed", lang, encoding=report.encoding))
    # Problems of the whole file (no row: a file on another list, the way to read it) before the rows'. Errors and
    # warnings differ in colour and icon, and in words (for a screen reader and a printout).
    error_word, warning_word = f"✖ {t('common.error_word', lang)}", f"⚠ {t('common.warning_word', lang)}"
    problems = [(error_word, p) for p in sorted(report.errors, key=lambda p: p.row is not None)]
    problems += [(warning_word, p) for p in report.warnings]
    if problems:
        st.caption(t("data.problem_counts", lang, errors=fmt_number(len(report.errors), lang),
                     warnings=fmt_number(len(report.warnings), lang)))
        table = pd.DataFrame([{
            t("common.severity", lang): kind, t("common.row", lang): "" if p.row is None else p.row,
            t("common.column", lang): p.column or "", t("common.value", lang): "" if p.value is None else p.value,
            t("common.message", lang): p.message,
        } for kind, p in problems]).astype(str).map(shown_text)  # a file's ESC or bidi override shown escaped
        shown = table.head(SHOWN_PROBLEMS)
        severity = t("common.severity", lang)

        def colour(row: pd.Series) -> list[str]:
            tint = ERROR_TINT if row[severity] == error_word else WARNING_TINT
            return [f"background-color: {tint}"] * len(row)

        # A plain table: the messages are sentences, and a data grid would cut them off.
        st.table(shown.style.apply(colour, axis=1), hide_index=True)
        if len(table) > SHOWN_PROBLEMS:
            st.caption(t("common.more_problems", lang, n=len(table) - SHOWN_PROBLEMS))
        st.download_button(t("common.report_download", lang), to_csv_bytes(table), key="data_report_csv",
                           file_name=f"kiem_tra_{report.file}.csv", mime="text/csv")
    if report.ok:
        replace = False
        if clashes is not None and len(clashes):
            # Which rows already have a record, before anything is imported: the person decides knowingly.
            st.markdown(f"**{t('data.clashes_title', lang, n=fmt_number(len(clashes), lang))}**")
            names = loaders.commune_table(found[0]).set_index("commune_code")["commune_name"].to_dict()
            st.dataframe(pd.DataFrame({
                t("common.commune", lang): [f"{c} {names.get(c, '')}".strip() for c in clashes["commune_code"]],
                t("field.period", lang): [period_label(p, lang, short=True) for p in clashes["period"]],
            }), hide_index=True, height=min(35 * (len(clashes) + 1) + 3, 250))
            replace = st.checkbox(t("data.replace", lang), key="data_replace")
            if not replace:
                st.caption(t("data.replace_needed", lang))
        if st.button(t("data.import_button", lang), type="primary", key="data_import",
                     disabled=bool(clashes is not None and len(clashes)) and not replace):
            try:  # the store writes the import's audit line (or the refusal's) itself
                result = store.import_report(loaders.engine(), report, replace=replace, user=me.username, lang=lang)
            except (store.ImportConflict, ValueError, audit.AuditError) as exc:
                st.error(page.md_escape(exc))
            else:
                st.success(t("data.stored", lang, n=fmt_number(result.rows_stored, lang),
                             r=fmt_number(result.rows_replaced, lang),
                             periods=periods_label(result.periods, lang)))

st.subheader(t("data.template_title", lang))
periods = loaders.periods()
template_period = st.text_input(t("data.template_period", lang), value=filters.period or "", key="data_tpl_period")
normalised = normalise_period(template_period)
if normalised is None:
    st.caption(t("data.bad_period", lang, value=template_period))
else:
    notice = [t("common.illustrative", lang)] if loaders.is_illustrative(normalised) else []
    data = template_xlsx(loaders.commune_table(normalised),
                         loaders.records(normalised if normalised in periods else None),
                         normalised, filters.districts, notice_lines=notice)
    st.download_button(t("data.template_download", lang, period=period_label(normalised, lang, short=True)), data,
                       file_name=f"mau_nhap_{normalised}.xlsx", key="data_tpl_download",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

st.subheader(t("data.import_log", lang))
log = store.list_imports(loaders.engine())
if not log.empty:
    columns = ["id", "created_at", "username", "file_name", "outcome", "rows_read", "rows_stored", "rows_replaced",
               "periods", "illustrative", "message", "sha256"]
    log = clock.localize(log, ["created_at"])  # stored in UTC, shown in Vietnam's time
    log["outcome"] = [t(f"data.outcome_{o}", lang) if o in LOG_OUTCOMES else o for o in log["outcome"]]
    log["periods"] = [periods_said([p for p in str(ps).split(",") if p]) if isinstance(ps, str) else ""
                      for ps in log["periods"]]
    log["illustrative"] = [t("common.yes" if v else "common.no", lang) for v in log["illustrative"]]
    st.dataframe(page.people_table(log[columns], lang, periods=(),
                                   headers={c: t(f"data.log_{c}", lang) for c in columns}), hide_index=True,
                 width="stretch")
