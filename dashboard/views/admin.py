"""Quản trị / Administration: accounts and the audit trail (admins only), in the page's language."""

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page
from geo import clock
from geo.access import accounts, audit, sessions
from geo.io.tables import to_csv_bytes
from geo.text import t

ADDED = "admin_added"  # (name, one-time password) of the account just created, shown once after the rerun

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_admin", lang))
engine = loaders.engine()
me = page.require_right(filters, "admin")


def yes_no(value: object) -> str:
    return t("common.yes" if bool(value) else "common.no", lang)


def role_word(role: str) -> str:
    return t(f"access.role_{role}", lang)


# The form first: an account created here is in the table below in the same run.
with st.form("add_user", clear_on_submit=True):
    st.markdown(f"**{t('admin.add_user', lang)}**")
    name = st.text_input(t("common.username", lang), key="admin_new_name")
    role = st.selectbox(t("admin.role", lang), accounts.ROLES, key="admin_new_role", format_func=role_word)
    small = st.checkbox(t("admin.sees_small_counts", lang), key="admin_new_small")
    if st.form_submit_button(t("admin.add_user", lang)):
        password = accounts.new_password()
        try:
            accounts.add_user(engine, name, password, role, actor=me.username, must_change_password=True,
                              sees_small_counts=small or None, lang=lang)
        except accounts.AuthError as exc:
            st.error(page.md_escape(exc))
        else:
            st.session_state[ADDED] = (name, password)
if added := st.session_state.pop(ADDED, None):
    st.success(t("admin.user_added", lang, name=page.md_escape(added[0])))
    st.code(added[1], language=None)

st.subheader(t("admin.users", lang))
users = accounts.list_users(engine)
table = pd.DataFrame({
    t("common.username", lang): users["username"],
    t("admin.role", lang): [role_word(r) for r in users["role"]],
    t("admin.col_small", lang): [yes_no(v) for v in users["sees_small_counts"]],
    t("admin.col_state", lang): [t("admin.state_disabled" if d else "admin.state_must_change" if m else
                                   "admin.state_active", lang)
                                 for d, m in zip(users["disabled"], users["must_change_password"], strict=True)],
    t("admin.col_failed", lang): users["failed_logins"].astype(int),
    t("admin.col_locked_until", lang): [clock.fmt(v) for v in users["locked_until"]],
    t("admin.col_created", lang): [clock.fmt(v) for v in users["created_at"]],
})
st.dataframe(table, hide_index=True, width="stretch")

if not users.empty:
    st.markdown(f"**{t('admin.change_user', lang)}**")
    by_name = users.set_index("username")
    who = st.selectbox(t("common.username", lang), users["username"].tolist(), key="admin_who")
    row = by_name.loc[who]
    # The role box shows the chosen account's role: changing it is a choice, never a default left in place.
    if st.session_state.get("admin_role_of") != who:
        st.session_state["admin_role"] = row["role"]
        st.session_state["admin_role_of"] = who
    col_role, col_actions = st.columns(2)
    new_role = col_role.selectbox(t("admin.role", lang), accounts.ROLES, key="admin_role", format_func=role_word)
    col_role.caption(t("admin.current_role", lang, name=page.md_escape(who), role=role_word(row["role"])))
    if col_role.button(t("admin.set_role", lang), key="admin_set_role", disabled=new_role == row["role"]):
        accounts.set_role(engine, who, new_role, actor=me.username, lang=lang)
        st.session_state.pop("admin_role_of", None)
        st.rerun()
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
open_now = sessions.open_sessions(engine)
st.dataframe(pd.DataFrame({
    t("common.username", lang): open_now["username"],
    t("admin.col_started", lang): [clock.fmt(v) for v in open_now["started_at"]],
    t("admin.col_last_seen", lang): [clock.fmt(v) for v in open_now["last_seen"]],
}), hide_index=True, width="stretch")

st.subheader(t("admin.audit_log", lang))
log = audit.readable(audit.read_log(engine), lang)  # in words, times in Vietnam's time
st.dataframe(log, hide_index=True, width="stretch")
st.caption(t("admin.audit_machine", lang))
st.download_button(t("common.download_csv", lang), to_csv_bytes(log), file_name="nhat_ky_kiem_toan.csv",
                   mime="text/csv", key="admin_log_csv")
