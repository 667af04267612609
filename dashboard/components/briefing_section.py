"""The briefing section of the Export page: one click builds the document on the server, a second downloads it."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.access.accounts import User
from geo.briefing.content import BriefingError, period_label
from geo.briefing.document import FORMATS, MIME, file_name, make_briefing
from geo.text.i18n import translate

_T = {
    "title": {"vi": "Báo cáo tóm tắt cho lãnh đạo", "en": "Leadership briefing"},
    "help": {"vi": "Một tài liệu A4 cho kỳ {period} và khu vực đã chọn ở thanh bên: chỉ tiêu, bốn bản đồ, các xã "
                   "thay đổi, bảng theo huyện, các nhiệm vụ khác, nguồn số liệu. PDF để in, DOCX để chỉnh sửa.",
             "en": "One A4 document for {period} and the area chosen in the sidebar: targets, the four maps, "
                   "communes that changed, the district table, the other plan items, sources. PDF to print, "
                   "DOCX to edit."},
    "format": {"vi": "Định dạng báo cáo", "en": "Briefing format"},
    "make": {"vi": "Tạo báo cáo {name}", "en": "Make the briefing {name}"},
    "working": {"vi": "Đang tạo báo cáo (khoảng nửa phút)…", "en": "Making the briefing (about half a minute)…"},
    "made": {"vi": "Đã tạo trong {s} giây.", "en": "Made in {s} s."},
    "download": {"vi": "Tải {name}", "en": "Download {name}"},
}


def t(key: str, lang: str, **params: object) -> str:
    """A label of this section."""
    return translate(_T, key, lang, **params)


def section(me: User, period: str, districts: tuple[str, ...], lang: str) -> None:
    """Format choice, the build button (audited) and the download of what was built."""
    st.divider()
    st.subheader(t("title", lang))
    st.caption(t("help", lang, period=period_label(period, lang)))
    fmt = st.radio(t("format", lang), FORMATS, key="briefing_format", format_func=str.upper, horizontal=True)
    name = file_name(period, districts, fmt)
    if st.button(t("make", lang, name=name), key="briefing_make", type="primary"):
        with st.spinner(t("working", lang)):
            try:  # built, rendered and audited by the domain (geo/briefing/document.py), as from the CLI
                st.session_state["briefing_file"] = make_briefing(
                    loaders.engine(), me.username, period, fmt, districts=districts, lang=lang,
                    suppress_small=not me.sees_small_counts, communes=loaders.communes(period),
                    border=loaders.laos_border())
            except BriefingError as exc:
                st.error(str(exc))
                return
    made = st.session_state.get("briefing_file")
    if made and made.name == name:
        seconds = f"{made.seconds:.1f}"
        st.caption(t("made", lang, s=seconds.replace(".", ",") if lang == "vi" else seconds))
        if made.warning:  # the briefing stands without its audit line: say so beside it
            st.warning(page.md_escape(made.warning))
        st.download_button(t("download", lang, name=name), made.data, file_name=name, mime=MIME[fmt],
                           key="briefing_download")
