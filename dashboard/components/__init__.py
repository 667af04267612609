"""Page pieces shared by the views (Streamlit elements, never a figure of their own).

The filters in the URL, the notice, search, details, the map section and the map-first run (``page``), the map
frame (``mapframe``), the plan items' tables (``plan_tables``) and the Export page's briefing section
(``briefing_section``).
"""
