"""Quản trị / Administration: accounts and the audit trail (admins only)."""

import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo import clock
from geo.access import accounts, audit, sessions
from geo.io.tables import to_csv_bytes
from geo.text import t

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_admin", lang))
engine = loaders.engine()
me = page.require_right(filters, "admin")

st.subheader(t("admin.users", lang))
users = accounts.list_users(engine)
st.dataframe(clock.localize(users, ["created_at", "last_failed_at", "locked_until"]), hide_index=True,
             width="stretch")

with st.form("add_user", clear_on_submit=True):
    st.markdown(f"**{t('admin.add_user', lang)}**")
    name = st.text_input(t("common.username", lang), key="admin_new_name")
    role = st.selectbox(t("admin.role", lang), accounts.ROLES, key="admin_new_role",
                        format_func=lambda r: t(f"access.role_{r}", lang))
    small = st.checkbox(t("admin.sees_small_counts", lang), key="admin_new_small")
    if st.form_submit_button(t("admin.add_user", lang)):
        password = accounts.new_password()
        try:
            accounts.add_user(engine, name, password, role, actor=me.username, must_change_password=True,
                          sees_small_counts=small or None, lang=lang)
        except accounts.AuthError as exc:
            st.error(page.md_escape(exc))
        else:
            st.success(t("admin.user_added", lang, name=page.md_escape(name)))
            st.code(password, language=None)

if not users.empty:
    st.markdown(f"**{t('admin.change_user', lang)}**")
    who = st.selectbox(t("common.username", lang), users["username"].tolist(), key="admin_who")
    col_role, col_actions = st.columns(2)
    new_role = col_role.selectbox(t("admin.role", lang), accounts.ROLES, key="admin_role",
                                  format_func=lambda r: t(f"access.role_{r}", lang))
    if col_role.button(t("admin.set_role", lang), key="admin_set_role"):
        accounts.set_role(engine, who, new_role, actor=me.username, lang=lang)
        st.rerun()
    row = users.set_index("username").loc[who]
    if col_actions.button(t("admin.enable" if row["disabled"] else "admin.disable", lang), key="admin_disable",
                          disabled=who == me.username):
        accounts.set_disabled(engine, who, not bool(row["disabled"]), actor=me.username, lang=lang)
        st.rerun()
    if col_actions.button(t("admin.forbid_small" if row["sees_small_counts"] else "admin.allow_small", lang),
                          key="admin_small"):
        accounts.set_small_counts(engine, who, not bool(row["sees_small_counts"]), actor=me.username, lang=lang)
        st.rerun()
    if col_actions.button(t("admin.end_sessions", lang), key="admin_end_sessions"):
        ended = sessions.end_user_sessions(engine, who, actor=me.username)
        st.success(t("admin.sessions_ended", lang, n=ended, name=page.md_escape(who)))
    if col_actions.button(t("admin.reset_password", lang), key="admin_reset"):
        password = accounts.new_password()
        accounts.set_password(engine, who, password, actor=me.username, lang=lang, must_change=True)
        st.success(t("admin.password_reset", lang, name=page.md_escape(who)))
        st.code(password, language=None)

st.subheader(t("admin.open_sessions", lang))
st.dataframe(clock.localize(sessions.open_sessions(engine), ["started_at", "last_seen"]), hide_index=True,
             width="stretch")

st.subheader(t("admin.audit_log", lang))
log = clock.localize(audit.read_log(engine), ["at"])  # stored in UTC, shown (and downloaded) in UTC+7
st.dataframe(log, hide_index=True, width="stretch")
st.download_button(t("common.download_csv", lang), to_csv_bytes(log), file_name="nhat_ky_kiem_toan.csv",
                   mime="text/csv", key="admin_log_csv")
