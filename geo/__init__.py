"""Pure logic of the Thanh Hóa commune-status dashboard. Never imports Streamlit."""
