"""The Streamlit dashboard: page scripts, the pieces they share, the signed-in user, the cache.

The Streamlit dashboard: page scripts (``views/``), the pieces they share (``components/``), the signed-in
user (``access``), Streamlit's own words in Vietnamese (``chrome``) and the one place where Streamlit caching
meets geo/ (``loaders``). Thin: every figure comes from geo/.
"""
