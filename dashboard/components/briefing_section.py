"""The briefing section of the Export page: one click builds the document on the server, a second downloads it."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo.access.accounts import User
from geo.briefing.content import BriefingError
from geo.briefing.document import FORMATS, MIME, file_name, make_briefing
from geo.periods import period_label
from geo.text import t


def section(me: User, period: str, districts: tuple[str, ...], lang: str) -> None:
    """Format choice, the build button (audited) and the download of what was built."""
    st.divider()
    st.subheader(t("briefing.section.title", lang))
    st.caption(t("briefing.section.help", lang, period=period_label(period, lang)))
    fmt = st.radio(t("briefing.section.format", lang), FORMATS, key="briefing_format", format_func=str.upper,
                   horizontal=True)
    name = file_name(period, districts, fmt)
    if st.button(t("briefing.section.make", lang, name=name), key="briefing_make", type="primary"):
        with st.spinner(t("briefing.section.working", lang)):
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
        st.caption(t("briefing.section.made", lang, s=seconds.replace(".", ",") if lang == "vi" else seconds))
        if made.warning:  # the briefing stands without its audit line: say so beside it
            st.warning(page.md_escape(made.warning))
        st.download_button(t("briefing.section.download", lang, name=name), made.data, file_name=name, mime=MIME[fmt],
                           key="briefing_download")
