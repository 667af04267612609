"""The briefing section of the Export page: one click builds the document on the server, a second downloads it."""

from __future__ import annotations

import time

import streamlit as st

from dashboard import loaders
from geo.access import audit
from geo.access.accounts import User
from geo.briefing.content import BriefingError, build_briefing, period_label
from geo.cli.briefing import TREND, render
from geo.text import t

MIME = {"pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def file_name(period: str, districts: tuple[str, ...], fmt: str) -> str:
    """``bao_cao_2019-Q2_toan_tinh.pdf`` / ``bao_cao_2019-Q2_384.docx``."""
    return f"bao_cao_{period}_{'_'.join(sorted(districts)) or 'toan_tinh'}.{fmt}"


def section(me: User, period: str, districts: tuple[str, ...], lang: str) -> None:
    """Format choice, the build button (audited) and the download of what was built."""
    st.divider()
    st.subheader(t("briefing.section.title", lang))
    st.caption(t("briefing.section.help", lang, period=period_label(period, lang)))
    fmt = st.radio(t("briefing.section.format", lang), ("pdf", "docx"), key="briefing_format", format_func=str.upper,
                   horizontal=True)
    name = file_name(period, districts, fmt)
    if st.button(t("briefing.section.make", lang, name=name), key="briefing_make", type="primary"):
        started = time.perf_counter()
        with st.spinner(t("briefing.section.working", lang)):
            try:
                briefing = build_briefing(loaders.engine(), period, districts=districts, lang=lang,
                                          suppress_small=not me.sees_small_counts, communes=loaders.communes(period),
                                          border=loaders.laos_border(), with_trend=TREND)
                data = render(briefing, fmt)
            except BriefingError as exc:
                st.error(str(exc))
                return
        seconds = time.perf_counter() - started
        st.session_state["briefing_file"] = (name, data, f"{seconds:.1f}")
        audit.log(loaders.engine(), me.username, "export",
                 detail={"theme": "briefing", "period": period, "districts": list(districts), "lang": lang,
                         "format": fmt, "file": name, "small_counts_masked": not me.sees_small_counts,
                         "seconds": round(seconds, 1)})
    made = st.session_state.get("briefing_file")
    if made and made[0] == name:
        st.caption(t("briefing.section.made", lang, s=made[2].replace(".", ",") if lang == "vi" else made[2]))
        st.download_button(t("briefing.section.download", lang, name=name), made[1], file_name=name, mime=MIME[fmt],
                           key="briefing_download")
