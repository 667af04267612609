"""Page pieces for the plan items without commune figures (T6, T9, T10): the status table and the entry form.

The figures and judgements come from :mod:`geo.figures.plan_items` (the same functions as the briefing and
``python -m geo plan-item``); this module only lays them out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import loaders
from geo import clock
from geo.figures import plan_items
from geo.figures.targets import Plan
from geo.periods import period_label
from geo.text import t


def _number(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"


def items_table(plan: Plan, period: str, lang: str, box: object = st) -> None:
    """The hand-entered items' latest status against the plan at the end of ``period`` (into ``box``)."""
    rows = plan_items.period_items(loaders.engine(), plan, period)
    targets = {x.id: x for x in plan.targets}
    box.subheader(t("plan.items_title", lang))
    box.caption(t("plan.items_help", lang, period=period_label(period, lang, short=True)))
    box.table(pd.DataFrame({
        "": [r.id for r in rows],
        t("plan.item", lang): [targets[r.id].label(lang) for r in rows],
        t("plan.target", lang): [_number(r.target) for r in rows],
        t("plan.deadline", lang): [period_label(r.deadline, lang, short=True) if r.deadline else "" for r in rows],
        t("plan.entered", lang): ["" if r.status is None else t(f"plan.status_{r.status}", lang) for r in rows],
        t("plan.value", lang): [_number(r.value) for r in rows],
        t("plan.judged", lang): [t(f"plan.status_{r.progress}", lang) for r in rows],
        t("plan.note", lang): [r.note or "" for r in rows],
        t("plan.as_of", lang): ["" if r.as_of is None else f"{r.as_of:%d/%m/%Y}" for r in rows],
    }).set_index(""))


def history_table(item_id: str | None, lang: str) -> None:
    """Every entry (newest first), as the audit would show it."""
    frame = plan_items.history(loaders.engine(), item_id)
    if frame.empty:
        st.caption(t("plan.status_no_data", lang))
        return
    st.table(pd.DataFrame({
        t("plan.as_of", lang): [f"{d:%d/%m/%Y}" for d in frame["as_of"]],
        "": frame["item_id"],
        t("plan.entered", lang): [t(f"plan.status_{s}", lang) for s in frame["status"]],
        t("plan.value", lang): [_number(v) for v in frame["value"]],
        t("plan.note", lang): [n if isinstance(n, str) else "" for n in frame["note"]],
        t("plan.by", lang): frame["username"],
        t("plan.entered_at", lang): [clock.fmt(x) for x in frame["entered_at"]],  # stored UTC, shown UTC+7
    }))


def default_date(period: str) -> dt.date:
    """The end of the chosen period, or today when the period has not ended yet."""
    return min(plan_items.period_end(period), clock.today())
