"""Page pieces shared by the views (Streamlit elements, never a figure of their own).

Page pieces shared by the views: filters in the URL, the notice, search, details, the map section (``page``),
the map frame (``mapframe``), the plan items' tables (``plan_items``) and the briefing section (``briefing``).
"""
