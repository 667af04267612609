"""Entry point: page config, navigation with stable URL paths, the shared sidebar.

Run with ``make run`` (``streamlit run app.py``). No data work here: the pages (``dashboard/views/``) call geo/,
through ``dashboard/loaders.py`` for everything that is cached.

This file is read twice. ``streamlit run`` finds the ``st.App`` below, and uvicorn imports this file as the
module ``app`` to serve it: that import builds the HTTP layer (``web/server.py``: sign-in route, session cookie,
headers) and runs no page. Each script run then executes this file as ``__main__``: the dashboard.

The page scripts live in ``dashboard/views/``, not ``pages/``: with a ``pages/`` folder Streamlit 1.67 switches
on its v1 multipage wrapper (``script_runner._mpa_v1``), which answers a deep link such as ``/conversions`` by running
``pages/conversions.py`` alone, without this script, its sidebar filters or any gate placed here. Links that
reproduce a view (``/conversions?period=2019&district=407``) are a requirement, so every page must pass here.
"""

import streamlit as st

if __name__ != "__main__":  # imported by uvicorn (streamlit run, make run, deploy/): the ASGI app
    from starlette.middleware import Middleware

    from web import server

    app = st.App("app.py", routes=server.ROUTES, middleware=[Middleware(server.Gate)], lifespan=server.lifespan)

if __name__ == "__main__":  # a script run (Streamlit executes the file as __main__): the dashboard
    from dashboard import access, chrome, loaders
    from dashboard.components import page
    from geo.boundaries.layer import ContractError
    from geo.text import t

    st.set_page_config(page_title="Thanh Hóa — xã lành mạnh", page_icon="🗺️", layout="wide")

    language = page.lang()
    words = st.container()  # always there: the elements above a map keep their place (page.map_section)
    user = access.signed_in_user(language)  # None: the session ended meanwhile (server.Gate lets no one else in)

    PAGES = [  # (script in dashboard/views/, title key, URL path, icon, right needed)
        ("overview.py", "app.page_overview", "", ":material/dashboard:", "view"),
        ("conversions.py", "app.page_conversions", "conversions", ":material/published_with_changes:", "view"),
        ("inspections.py", "app.page_inspections", "inspections", ":material/fact_check:", "view"),
        ("border.py", "app.page_border", "border", ":material/flag:", "view"),
        ("districts.py", "app.page_districts", "districts", ":material/account_tree:", "view"),
        ("plan.py", "app.page_plan", "plan", ":material/checklist:", "view"),
        ("trend.py", "app.page_trend", "trend", ":material/trending_up:", "view"),
        ("compare.py", "app.page_compare", "compare", ":material/view_module:", "view"),
        ("hotspots.py", "app.page_hotspots", "hotspots", ":material/local_fire_department:", "view"),
        ("export.py", "app.page_export", "export", ":material/print:", "export"),
        ("data.py", "app.page_data", "data", ":material/upload_file:", "import"),
        ("admin.py", "app.page_admin", "admin", ":material/admin_panel_settings:", "admin"),
        ("boundaries.py", "app.page_boundaries", "boundaries", ":material/polyline:", "admin"),
    ]
    # A page the role may not use runs no page of its own: its URL (a link from a message, a bookmark) opens
    # dashboard/views/not_allowed.py, hidden from the menu, which says which page it is and which role it needs.
    st.session_state["page_rights"] = {path: (key, right) for _, key, path, _, right in PAGES}
    navigation = st.navigation([
        st.Page(f"dashboard/views/{script}", title=t(key, language), icon=icon, url_path=path or None,
                default=not path)
        if user is None or user.can(right) else
        st.Page("dashboard/views/not_allowed.py", title=t(key, language), icon=icon, url_path=path,
                visibility="hidden")
        for script, key, path, icon, right in PAGES
    ], position="sidebar" if user else "hidden", expanded=True)  # every page listed: no English "View 3 more"
    st.session_state["page_asked"] = navigation.url_path

    def language_and_words() -> None:
        """The sidebar's language switch, and Streamlit's own words in that language (in `words`, above)."""
        page.language_switch()
        with words:
            chrome.translate_streamlit(language)  # Streamlit's own English words ("Upload", "Stop") in Vietnamese

    if user is None:
        language_and_words()
        access.login_screen(language)  # a link to the sign-in page (which keeps the deep link); stops
    try:  # a broken boundary file (e.g. GEO_COMMUNES_PATH) is a clear message, not a traceback on every page
        loaders.check_communes()
    except (ContractError, OSError) as exc:
        language_and_words()
        st.error(t("app.bad_boundaries", language, error=page.md_escape(exc)))
        st.stop()
    # The first view of the overview in a session: the map before the widgets (page.map_first: React draws every
    # lazily loaded kind of element in one late pass, and the map's frame waited for all of them).
    def sidebar_widgets() -> page.Filters:
        """Everything the sidebar holds: the language, the filters (returned) and the account."""
        language_and_words()
        filters = page.sidebar(user)
        access.sidebar_account(user, language)
        return filters

    if not page.map_first(navigation.url_path):
        st.session_state["filters"] = sidebar_widgets()
        try:
            navigation.run()
        except Exception as exc:  # st.stop and st.rerun are not Exceptions: they pass
            page.unexpected_error(exc, language)
    else:
        st.session_state["filters"] = page.sidebar(user, widgets=False)
        try:
            navigation.run()
        except Exception as exc:  # the page failed before its map could answer: the widgets now, so no one is stuck
            sidebar_widgets()
            page.unexpected_error(exc, language)
