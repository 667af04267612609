"""Entry point: page config, navigation with stable URL paths, the shared sidebar.

Run with ``make run`` (``streamlit run app.py``). No data work here: pages call geo/ through loaders.py.

The page scripts live in ``views/``, not ``pages/``: with a ``pages/`` folder Streamlit 1.67 switches on its v1
multipage wrapper (``script_runner._mpa_v1``), which answers a deep link such as ``/conversions`` by running
``pages/conversions.py`` alone, without this script, its sidebar filters or any gate placed here. Links that
reproduce a view (``/conversions?period=2019&district=407``) are a requirement, so every page must pass here.
"""

import streamlit as st

import access
import loaders
import ui
from geo.boundaries import ContractError
from geo.labels import label

st.set_page_config(page_title="Thanh Hóa — xã lành mạnh", page_icon="🗺️", layout="wide")

language = ui.language_switch()
user = access.signed_in_user(language)  # None until signed in: then no page runs, only the login form

PAGES = [  # (script, label key, URL path, icon, right needed)
    ("views/overview.py", "page_overview", "", ":material/dashboard:", "view"),
    ("views/conversions.py", "page_conversions", "conversions", ":material/published_with_changes:", "view"),
    ("views/inspections.py", "page_inspections", "inspections", ":material/fact_check:", "view"),
    ("views/border.py", "page_border", "border", ":material/flag:", "view"),
    ("views/districts.py", "page_districts", "districts", ":material/account_tree:", "view"),
    ("views/export.py", "page_export", "export", ":material/print:", "export"),
    ("views/data.py", "page_data", "data", ":material/upload_file:", "import"),
    ("views/admin.py", "page_admin", "admin", ":material/admin_panel_settings:", "admin"),
    ("views/boundaries.py", "page_boundaries", "boundaries", ":material/polyline:", "admin"),
]
# A page the role may not use is not registered at all: its URL falls back to the overview. Before sign-in
# every page is registered but hidden and none runs, so that a deep link survives the login form.
navigation = st.navigation([
    st.Page(script, title=label(key, language), icon=icon, url_path=path or None, default=not path)
    for script, key, path, icon, right in PAGES if user is None or user.can(right)
], position="sidebar" if user else "hidden")
if user is None:
    access.login_screen(language)  # stops the script
try:  # a broken boundary file (e.g. GEO_COMMUNES_PATH) is a clear message, not a traceback on every page
    loaders.check_communes()
except (ContractError, OSError) as exc:
    st.error(label("bad_boundaries", language, error=ui.md_escape(exc)))
    st.stop()
st.session_state["filters"] = ui.sidebar(user)
access.sidebar_account(user, language)
navigation.run()
