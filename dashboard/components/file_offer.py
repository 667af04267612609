"""A file made on the server for the signed-in account: one click makes it (audited by the domain), a second saves it.

The Hot spots and Compare pages offer their map as a print sheet this way, as the Export page does for the
theme maps: the file is made by the same function as ``python -m geo export`` and audited by it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from dashboard.components import page
from geo.maps.sheets import ExportError
from geo.text import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from geo.access.audit import Delivered

SHEET_FORMATS = ("pdf", "png")
MIME = {"pdf": "application/pdf", "png": "image/png"}


def sheet_offer(key: str, title: str, lang: str, name_of: Callable[[str], str],
                make: Callable[[str], Delivered]) -> None:
    """A format choice, the "make" button and, once made, the download of ``name_of(format)``.

    ``make(format)`` makes the file and writes its audit line; its warning (the line could not be written) is
    shown beside the download.
    """
    st.subheader(title)
    fmt = st.radio(t("export.format", lang), SHEET_FORMATS, key=f"{key}_format", format_func=str.upper,
                   horizontal=True)
    name = name_of(fmt)
    if st.button(t("export.make", lang, name=name), key=f"{key}_make"):
        with st.spinner(t("export.working", lang)):
            try:
                st.session_state[f"{key}_file"] = make(fmt)
            except ExportError as exc:
                st.error(str(exc))
                return
    made = st.session_state.get(f"{key}_file")
    if made is not None and made.name == name:
        if made.warning:
            st.warning(page.md_escape(made.warning))
        st.download_button(t("export.download", lang, name=name), made.data, file_name=name, mime=MIME[fmt],
                           key=f"{key}_download")
