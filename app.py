"""Entry point: page config, navigation with stable URL paths, the shared sidebar.

Run with ``make run`` (``streamlit run app.py``). No data work here: pages call geo/ through loaders.py.

The page scripts live in ``views/``, not ``pages/``: with a ``pages/`` folder Streamlit 1.67 switches on its v1
multipage wrapper (``script_runner._mpa_v1``), which answers a deep link such as ``/conversions`` by running
``pages/conversions.py`` alone, without this script, its sidebar filters or any gate placed here. Links that
reproduce a view (``/conversions?period=2019&district=407``) are a requirement, so every page must pass here.
"""

import streamlit as st

import ui
from geo.labels import label

st.set_page_config(page_title="Thanh Hóa — xã lành mạnh", page_icon="🗺️", layout="wide")

language = ui.lang()
PAGES = [  # (script, label key, URL path, icon)
    ("views/overview.py", "page_overview", "", ":material/dashboard:"),
    ("views/conversions.py", "page_conversions", "conversions", ":material/published_with_changes:"),
    ("views/inspections.py", "page_inspections", "inspections", ":material/fact_check:"),
    ("views/border.py", "page_border", "border", ":material/flag:"),
    ("views/districts.py", "page_districts", "districts", ":material/account_tree:"),
    ("views/data.py", "page_data", "data", ":material/upload_file:"),
]
navigation = st.navigation([
    st.Page(script, title=label(key, language), icon=icon, url_path=path or None, default=not path)
    for script, key, path, icon in PAGES
])
st.session_state["filters"] = ui.sidebar()
navigation.run()
