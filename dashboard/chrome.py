"""Streamlit's own English words in the Vietnamese interface, replaced (Streamlit 1.67 has no locale).

The file uploader says "Upload" and "50MB per file • CSV, XLSX, TXT, TSV", and the running indicator says
"Stop", whatever the page's language; Streamlit has no option for them, so the text is replaced in CSS.
The "Deploy" button and the English main menu never show (``client.toolbarMode = "minimal"`` in
.streamlit/config.toml).
"""

from __future__ import annotations

import streamlit as st

from geo.records.readers import MAX_FILE_BYTES
from geo.text import t

UPLOAD_TYPES = "CSV, XLSX, TXT, TSV"  # what dashboard/views/data.py accepts, as Streamlit lists it


def translate_streamlit(lang: str) -> None:
    """Replace Streamlit's built-in English texts with ``lang``'s (nothing to do for English)."""
    if lang != "vi":  # the catalog's English (app.streamlit_*) is Streamlit's own words: nothing to replace
        return
    limit = t("app.streamlit_limit", lang, mb=MAX_FILE_BYTES // (1024 * 1024), types=UPLOAD_TYPES)
    words = {"upload": t("app.streamlit_upload", lang), "stop": t("app.streamlit_stop", lang)}
    st.html(f"""<style>
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: .875rem; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{words["upload"]}"; font-size: 1rem; }}
[data-testid="stStatusWidget"] button {{ font-size: 0; }}
[data-testid="stStatusWidget"] button::after {{ content: "{words["stop"]}"; font-size: .875rem; }}
</style>""")
