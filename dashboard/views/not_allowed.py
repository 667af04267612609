"""A page the signed-in role may not open, asked for by its URL: say so, instead of showing another page.

app.py registers this script, hidden from the menu, under the URL of every page the role lacks the right for
(a viewer who follows a link to /data); ``page_asked`` and ``page_rights`` name the page and the right.
"""

import streamlit as st

from dashboard.components import page
from geo.access.accounts import RIGHTS
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
key, right = st.session_state["page_rights"].get(st.session_state.get("page_asked"), ("app.page_overview", "view"))
title = t(key, lang)
st.title(title)
st.error(t("app.page_not_allowed", lang, page=title, needed=t(f"access.role_{RIGHTS[right]}", lang),
           role=t(f"access.role_{filters.role}", lang)), icon=":material/block:")
st.page_link("dashboard/views/overview.py", label=t("app.back_to_overview", lang), icon=":material/dashboard:")
