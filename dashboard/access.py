"""The signed-in user inside a script run; the sign-in itself is an HTTP form (server.py), not Streamlit.

server.Gate lets no anonymous request reach Streamlit: a script runs only over a websocket opened with a
valid session cookie. The script reads that cookie (``st.context.cookies``, sent with the websocket's
handshake) and looks the session up in the database on every run (:func:`geo.access.sessions.lookup`), so a
logout in another tab, an admin ending the session, a disabled account or a new role applies at the next
run. Nothing of the data is drawn before :func:`signed_in_user` has returned a user.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlsplit

import streamlit as st

from dashboard import loaders
from dashboard.components.page import md_escape
from geo.access import accounts, sessions
from geo.text import t

# AppTest cannot send cookies (Streamlit 1.67): tests put a token from geo.access.sessions.open_session here. Only
# server code writes session_state, so a browser cannot use it.
TEST_TOKEN_KEY = "auth_token"
_REASON_KEY = "auth_reason"


def session_token() -> str | None:
    """The session token of this browser (the HttpOnly cookie of the websocket's handshake)."""
    for token in (st.context.cookies.get(sessions.COOKIE_NAME), st.session_state.get(TEST_TOKEN_KEY)):
        if isinstance(token, str) and token:
            return token
    return None


def _change_password_form(user: accounts.User, lang: str) -> None:
    st.title(t("signin.change_password", lang))
    st.info(t("signin.must_change_password", lang))
    with st.form("password_form"):
        first = st.text_input(t("signin.new_password", lang), type="password", key="pw_new")
        second = st.text_input(t("signin.repeat_password", lang), type="password", key="pw_repeat")
        if st.form_submit_button(t("signin.save", lang), type="primary"):
            if first != second:
                st.error(t("signin.passwords_differ", lang))
            else:
                try:
                    accounts.set_password(loaders.engine(), user.username, first, actor=user.username, lang=lang)
                except accounts.AuthError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()  # the same session: the account is read again, without the one-time flag


def signed_in_user(lang: str) -> accounts.User | None:
    """The user of this session once fully signed in (password changed if it had to be), else None.

    Draws nothing; :func:`login_screen` draws what a session that is not (or no longer) signed in sees.
    """
    found = sessions.lookup(loaders.engine(), session_token())
    st.session_state[_REASON_KEY] = found.reason
    st.session_state["auth_user"] = found.user
    if found.user is None or found.user.must_change_password:
        return None
    return found.user


def login_screen(lang: str) -> None:
    """The new-password form after a one-time password, or a link to the sign-in page; then stop."""
    user: accounts.User | None = st.session_state.get("auth_user")
    if user is not None and user.must_change_password:
        _change_password_form(user, lang)
    else:
        st.title(t("app.title", lang))
        reason = st.session_state.get(_REASON_KEY)
        st.info(t("signin.session_expired" if reason == "expired" else "signin.signed_out_notice", lang))
        url = urlsplit(st.context.url or "/")
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        st.link_button(t("signin.login", lang), f"/signin?next={quote(target, safe='')}", type="primary")
    st.stop()


def sidebar_account(user: accounts.User, lang: str) -> None:
    """Who is signed in, with which role, and the logout button.

    The button is a real form POST to ``/signout`` (the route ends the session and clears the cookie) with a
    token derived from the session.
    """
    role = t(f"access.role_{user.role}", lang)
    st.sidebar.caption(t("signin.signed_in_as", lang, name=md_escape(user.username), role=role))
    token = session_token() or ""
    with st.sidebar:
        st.html(
            '<form method="post" action="/signout" class="th-signout">'
            f'<input type="hidden" name="csrf" value="{html.escape(sessions.csrf_token(token))}">'
            f'<input type="hidden" name="lang" value="{html.escape(lang)}">'
            f'<button type="submit" data-testid="th-signout">{html.escape(t("signin.logout", lang))}</button></form>'
            "<style>.th-signout button { font: inherit; padding: .35rem .8rem; border-radius: .5rem;"
            " border: 1px solid rgba(49,51,63,.2); background: #fff; cursor: pointer; }"
            " .th-signout button:hover { border-color: #ff4b4b; color: #ff4b4b; }</style>")
