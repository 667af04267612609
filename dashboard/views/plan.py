"""Kế hoạch / Plan: the year's plan, its versions and items without commune figures; editors enter and record.

The plan in force for the period and every version of its year's plans; the items without commune figures
(T6, T9, T10) with their history. Editors enter a year's plan (the form of plan_form) and record progress.
"""

import streamlit as st

from dashboard import loaders
from dashboard.components import page, plan_form, plan_tables
from geo.access import accounts
from geo.figures import plan_items
from geo.figures.targets import no_plan_text
from geo.periods import period_year
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_plan", lang))
period = page.require_period(filters)
me = accounts.get_user(loaders.engine(), filters.username)  # read again: a role changed since sign-in applies now
editor = me is not None and me.can("import")
plan = loaders.plan(period)  # the plan of the period's own year, on its own unit list
if plan is None:  # no plan for that period: no item to record against, and never another year's
    st.info(no_plan_text(period, lang, editor=editor, engine=loaders.engine()))
else:
    plan_form.plan_card(plan, lang)
plan_form.versions_table(period_year(period), lang)


def plan_entry() -> None:
    """An editor's form for a year's plan, last on the page (open when the period has no plan)."""
    if editor:
        with st.expander(t("plan.entry_title", lang), expanded=plan is None):
            plan_form.entry_form(period, me, lang)


if plan is None:
    plan_entry()
    st.subheader(t("plan.history", lang))
    plan_tables.history_table(None, lang)
    st.stop()
table_box = st.container()  # filled after the form: a saved entry shows in the table of the same run

items = {x.id: x for x in plan_items.manual_items(plan)}
if editor:
    st.subheader(t("plan.form_title", lang))
    with st.form("plan_progress", clear_on_submit=True):
        item_id = st.selectbox(t("plan.item", lang), list(items), key="plan_item",
                               format_func=lambda i: f"{i} — {items[i].label(lang)}")
        status = st.radio(t("plan.form_status", lang), plan_items.ITEM_STATUSES, key="plan_status",
                          format_func=lambda s: t(f"plan.status_{s}", lang), horizontal=True)
        value = st.text_input(t("plan.form_value", lang), key="plan_value")
        note = st.text_area(t("plan.note", lang), key="plan_note", max_chars=plan_items.NOTE_MAX)
        as_of = st.date_input(t("plan.form_date", lang), value=plan_tables.default_date(period),
                              key="plan_date", format="DD/MM/YYYY")
        if st.form_submit_button(t("plan.form_save", lang), type="primary"):
            try:
                entry = plan_items.record_progress(loaders.engine(), plan, me, item_id, status, value=value,
                                                   note=note, as_of=as_of, lang=lang)
            except plan_items.PlanItemError as exc:
                st.error(page.md_escape(exc))
            else:
                st.success(t("plan.form_saved", lang, item=item_id, id=entry))
else:
    st.caption(t("plan.read_only", lang))

plan_tables.items_table(plan, period, lang, table_box)
st.subheader(t("plan.history", lang))
plan_tables.history_table(None, lang)
plan_entry()
