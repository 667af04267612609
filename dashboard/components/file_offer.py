"""A file made on the server for the signed-in account: one click makes it (audited by the domain), a second saves it.

The Export page offers its theme maps this way, and the Hot spots and Compare pages their map as a print sheet:
the file is made by the same function as ``python -m geo export`` and audited by it.
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
    offer_file(key, name_of(fmt), MIME[fmt], lang, lambda: make(fmt))


def offer_file(key: str, name: str, mime: str, lang: str, make: Callable[[], Delivered], *,
               primary: bool = False) -> None:
    """The "make ``name``" button and, once that file is made, its download (keys ``<key>_make``, ``<key>_download``).

    ``make()`` makes the file and writes its audit line; an ExportError is said instead. The file made is kept for
    the session (``<key>_file``) and offered while the choices still name it: another choice, another file.
    """
    if st.button(t("export.make", lang, name=name), key=f"{key}_make", type="primary" if primary else "secondary"):
        with st.spinner(t("export.working", lang)):
            try:
                st.session_state[f"{key}_file"] = make()
            except ExportError as exc:
                st.error(str(exc))
                return
    made = st.session_state.get(f"{key}_file")
    if made is not None and made.name == name:
        if made.warning:  # the file stands without its audit line: say so beside it
            st.warning(page.md_escape(made.warning))
        st.download_button(t("export.download", lang, name=name), made.data, file_name=name, mime=mime,
                           key=f"{key}_download")
