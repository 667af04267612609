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
from geo.text.i18n import translate

_T = {
    "items_title": {"vi": "Các mục của kế hoạch không tính theo xã", "en": "Plan items without commune figures"},
    "items_help": {"vi": "Tiến độ cấp tỉnh do cán bộ nhập (trang Kế hoạch), tính đến hết kỳ {period}.",
                   "en": "Province-level progress entered by staff (Plan page), as at the end of {period}."},
    "item": {"vi": "Mục", "en": "Item"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "entered": {"vi": "Trạng thái đã nhập", "en": "Entered status"},
    "value": {"vi": "Số liệu", "en": "Number"},
    "judged": {"vi": "Đánh giá", "en": "Assessment"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "as_of": {"vi": "Ngày", "en": "Date"},
    "by": {"vi": "Người nhập", "en": "Entered by"},
    "entered_at": {"vi": "Thời điểm nhập", "en": "Entered at"},
    "form_title": {"vi": "Cập nhật tiến độ", "en": "Record progress"},
    "form_status": {"vi": "Trạng thái", "en": "Status"},
    "form_value": {"vi": "Số liệu (để trống nếu không có)", "en": "Number (leave empty if none)"},
    "form_date": {"vi": "Ngày mà thông tin này mô tả", "en": "The day this entry describes"},
    "form_save": {"vi": "Lưu", "en": "Save"},
    "form_saved": {"vi": "Đã lưu mục {item} (mã {id}).", "en": "Saved item {item} (id {id})."},
    "read_only": {"vi": "Chỉ cán bộ nhập liệu (editor) trở lên mới cập nhật được tiến độ.",
                  "en": "Only editors and above can record progress."},
    "history": {"vi": "Lịch sử cập nhật", "en": "History of entries"},
}


def t(key: str, lang: str, **params: object) -> str:
    """A label of this module."""
    return translate(_T, key, lang, **params)


def _number(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"


def items_table(plan: Plan, period: str, lang: str, box: object = st) -> None:
    """The hand-entered items' latest status against the plan at the end of ``period`` (into ``box``)."""
    rows = plan_items.period_items(loaders.engine(), plan, period)
    targets = {x.id: x for x in plan.targets}
    box.subheader(t("items_title", lang))
    box.caption(t("items_help", lang, period=period))
    box.table(pd.DataFrame({
        "": [r.id for r in rows],
        t("item", lang): [targets[r.id].label(lang) for r in rows],
        t("target", lang): [_number(r.target) for r in rows],
        t("deadline", lang): [r.deadline or "" for r in rows],
        t("entered", lang): ["" if r.status is None else plan_items.text(r.status, lang) for r in rows],
        t("value", lang): [_number(r.value) for r in rows],
        t("judged", lang): [plan_items.text(r.progress, lang) for r in rows],
        t("note", lang): [r.note or "" for r in rows],
        t("as_of", lang): ["" if r.as_of is None else f"{r.as_of:%d/%m/%Y}" for r in rows],
    }).set_index(""))


def history_table(item_id: str | None, lang: str) -> None:
    """Every entry (newest first), as the audit would show it."""
    frame = plan_items.history(loaders.engine(), item_id)
    if frame.empty:
        st.caption(plan_items.text("no_data", lang))
        return
    st.table(pd.DataFrame({
        t("as_of", lang): [f"{d:%d/%m/%Y}" for d in frame["as_of"]],
        "": frame["item_id"],
        t("entered", lang): [plan_items.text(s, lang) for s in frame["status"]],
        t("value", lang): [_number(v) for v in frame["value"]],
        t("note", lang): [n if isinstance(n, str) else "" for n in frame["note"]],
        t("by", lang): frame["username"],
        t("entered_at", lang): [clock.fmt(x) for x in frame["entered_at"]],  # stored UTC, shown UTC+7
    }))


def default_date(period: str) -> dt.date:
    """The end of the chosen period, or today when the period has not ended yet."""
    return min(plan_items.period_end(period), clock.today())
