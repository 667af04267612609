"""Page pieces for a year's plan: the plan in force with its versions, and the entry form for editors.

Storing, checking and the audit line are :func:`geo.records.plans.store_plan`'s (the same function as
``python -m geo plan import``); this module only lays the plan out and hands the form's fields over.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo import clock
from geo.access.accounts import User
from geo.figures.targets import Plan
from geo.periods import period_label, period_year
from geo.records import plans
from geo.text import t
from geo.text.numbers import date_text, fmt_range, fmt_with_unit
from geo.units.versions import has_districts

FORM_LABELS = {"id": "plan.col_id", "label_vi": "plan.col_label_vi", "label_en": "plan.col_label_en",
               "metric": "plan.col_metric", "value": "plan.col_value", "min": "plan.col_min", "max": "plan.col_max",
               "unit": "plan.col_unit", "deadline": "plan.col_deadline", "districts": "plan.col_districts"}


def plan_card(plan: Plan, lang: str) -> None:
    """The plan in force for the period: number, date, issuing body, title, its targets (with district figures)."""
    st.subheader(t("plan.card_title", lang, year=plan.year))
    esc = page.md_escape
    st.markdown(t("plan.card_line", lang, id=esc(plan.id), signed=date_text(plan.signed),
                  issuer=esc(plan.issuer), title=esc(plan.title(lang))))
    if plan.illustrative:
        st.caption(t("plan.card_illustrative", lang))
    districts_word = "plan.n_districts" if not plan.unit_version or has_districts(plan.unit_version) \
        else "plan.n_former_districts"
    st.table(pd.DataFrame({
        "": [x.id for x in plan.targets],
        t("plan.item", lang): [x.label(lang) for x in plan.targets],
        t("plan.target", lang): [fmt_range(x.min, x.max, lang) if x.min is not None
                                 else "" if x.value is None else fmt_with_unit(x.value, x.unit, lang)
                                 for x in plan.targets],
        t("plan.deadline", lang): [period_label(x.deadline, lang, short=True) if x.deadline else ""
                                   for x in plan.targets],
        t("plan.col_districts", lang): [t(districts_word, lang, n=len(x.districts)) if x.districts else ""
                                        for x in plan.targets],
    }).set_index(""), border="horizontal")


def versions_table(year: int, lang: str) -> None:
    """Every version of the year's plans, oldest first, the ones in force marked."""
    rows = plans.history(loaders.engine(), year)
    if not rows:
        return
    with st.expander(t("plan.versions", lang, year=year, n=len(rows))):
        st.table(pd.DataFrame({
            t("plan.col_number", lang): [r["number"] for r in rows],
            t("plan.col_signed", lang): [date_text(r["signed"].isoformat()) for r in rows],
            t("plan.col_units", lang): [r["unit_list"].split("/")[0] for r in rows],
            t("plan.by", lang): [r["username"] for r in rows],
            t("plan.entered_at", lang): [clock.fmt(r["entered_at"]) for r in rows],
            t("common.status", lang): [t("plan.in_force" if r["current"] else "plan.superseded", lang)
                                       for r in rows],
        }), hide_index=True, border="horizontal")


def _start_from(period: str) -> tuple[dict, list[dict]]:
    """The form's first values: the period's plan, else the latest plan before it (labels and metrics to reuse)."""
    engine = loaders.engine()
    current = plans.current_plans(engine)
    year = period_year(period)
    same = [r for r in current if r["year"] == year]
    earlier = [r for r in current if r["year"] <= year] or current
    source = (same or earlier or [None])[-1]
    if source is None:
        return {}, [{c: None for c in plans.FORM_COLUMNS}]
    document = source["document"]
    if same:
        return dict(document["plan"]), plans.form_rows(document)
    # another year's plan: its targets' wording, metrics and deadlines (moved to this year), no figures
    rows = [{**row, "value": None, "min": None, "max": None, "districts": "",
             "deadline": f"{year}{row['deadline'][4:]}" if row.get("deadline") else None}
            for row in plans.form_rows(document)]
    return {"issuer": document["plan"].get("issuer")}, rows


def entry_form(period: str, me: User, lang: str) -> None:
    """The editor's form (under its expander): a year's plan, a new version when the year has one; checked, stored."""
    st.caption(t("plan.entry_help", lang))
    head, rows = _start_from(period)
    year = period_year(period)
    with st.form("plan_entry"):
        left, middle, right = st.columns(3)
        year_in = left.number_input(t("plan.col_year", lang), min_value=2000, max_value=2100, value=year, step=1,
                                    key="plan_year")
        number = middle.text_input(t("plan.col_number", lang), value=str(head.get("id") or ""), key="plan_number")
        signed_default = head.get("signed")
        signed = right.date_input(t("plan.col_signed", lang), format="DD/MM/YYYY", key="plan_signed",
                                  value=dt.date.fromisoformat(signed_default) if signed_default else None,
                                  min_value=dt.date(1999, 1, 1), max_value=clock.today())
        issuer = st.text_input(t("plan.col_issuer", lang), value=str(head.get("issuer") or plans.DEFAULT_ISSUER),
                               key="plan_issuer")
        title_vi = st.text_input(t("plan.col_title_vi", lang), value=str(head.get("title_vi") or ""),
                                 key="plan_title_vi")
        title_en = st.text_input(t("plan.col_title_en", lang), value=str(head.get("title_en") or ""),
                                 key="plan_title_en")
        total = st.number_input(t("plan.col_total", lang), min_value=0, step=1, key="plan_total",
                                value=int(head.get("communes_total") or len(loaders.commune_table(period))))
        st.caption(t("plan.targets_help", lang))
        frame = pd.DataFrame(rows, columns=list(plans.FORM_COLUMNS))
        edited = st.data_editor(
            frame, num_rows="dynamic", hide_index=True, key="plan_targets", width="stretch",
            column_config={
                **{c: st.column_config.TextColumn(t(FORM_LABELS[c], lang))
                   for c in ("id", "label_vi", "label_en", "unit", "deadline", "districts")},
                "metric": st.column_config.SelectboxColumn(t(FORM_LABELS["metric"], lang), options=list(plans.METRICS)),
                **{c: st.column_config.NumberColumn(t(FORM_LABELS[c], lang), min_value=0.0)
                   for c in ("value", "min", "max")},
            })
        saved = st.form_submit_button(t("plan.entry_save", lang), type="primary")
    if not saved:
        return
    document = plans.form_document(
        {"id": number, "year": int(year_in), "signed": signed.isoformat() if signed else "", "issuer": issuer,
         "title_vi": title_vi, "title_en": title_en, "communes_total": int(total) or None},
        edited.to_dict("records"))
    try:
        row = plans.store_plan(loaders.engine(), document, me, source="form", lang=lang)
    except plans.PlanError as exc:
        st.error(t("plan.refused", lang, n=len(exc.problems)))
        st.table(pd.DataFrame({
            t("plan.col_field", lang): [field_label(p.field, lang) for p in exc.problems],
            t("plan.col_given", lang): [plans.shown_value(p.value) for p in exc.problems],
            t("plan.col_reason", lang): [p.reason or p.message for p in exc.problems],
        }), hide_index=True)
        return
    st.success(t("plan.entry_saved", lang, id=number, year=int(year_in), row=row))


HEAD_LABELS = {"id": "plan.col_number", "year": "plan.col_year", "signed": "plan.col_signed",
               "issuer": "plan.col_issuer", "title_vi": "plan.col_title_vi", "title_en": "plan.col_title_en",
               "communes_total": "plan.col_total", "targets": "plan.targets_title"}


def field_label(field: str, lang: str) -> str:
    """A refused field in the form's words: ``T1.value`` → ``T1 · Giá trị``, ``communes_total`` → its label."""
    if field in HEAD_LABELS:
        return t(HEAD_LABELS[field], lang)
    key, _, rest = field.partition(".")
    column, _, district = rest.partition(".")
    where = t(FORM_LABELS[column], lang) if column in FORM_LABELS else column
    return " · ".join(x for x in (key, where, district) if x)
