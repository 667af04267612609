"""Sign-in, sign-out and the session in the Streamlit app; the rules themselves live in geo/auth.py.

Nothing of the data is drawn before :func:`signed_in_user` has returned a user: app.py asks it before any
page runs, so every page (and every deep link) passes through it.
"""

from __future__ import annotations

import streamlit as st

import loaders
from geo import auth
from geo.labels import label
from ui import md_escape

SESSION_KEY = "auth_session"
LOGIN_ERROR_KEY = "login_error"  # the refusal of the last sign-in attempt, shown once under the form


def _sso_configured() -> bool:
    """Single sign-on through Streamlit's OIDC support, when ``[auth]`` is set in secrets.toml."""
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def _sso_user(lang: str) -> auth.User | None:
    """The local account named by the identity provider's e-mail, if the provider signed someone in."""
    if not _sso_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email", ""))
    user = auth.get_user(loaders.engine(), email)
    if user is None:
        auth.log(loaders.engine(), email or "?", "login_failed", outcome="refused",
                 detail={"reason": "sso: no account"})
        st.error(label("sso_no_account", lang, email=email))
        st.button(label("logout", lang), on_click=st.logout)
        st.stop()
    return user


def _try_login(lang: str) -> None:
    """Check the sign-in form (the button's callback).

    It runs before the next run of the script, so a successful sign-in draws the dashboard in that same run
    (no extra rerun, about 200 ms sooner) and the form is not drawn.
    """
    username = st.session_state.get("login_username", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""  # never kept in the session once checked
    try:
        user = auth.login(loaders.engine(), username, password, lang=lang)
    except auth.AuthError as exc:
        st.session_state[LOGIN_ERROR_KEY] = str(exc)
    else:
        st.session_state.pop(LOGIN_ERROR_KEY, None)
        st.session_state[SESSION_KEY] = auth.open_session(user)


def _login_form(lang: str) -> None:
    st.title(label("app_title", lang))
    st.subheader(label("login_title", lang))
    with st.form("login_form"):
        st.text_input(label("username", lang), key="login_username")
        st.text_input(label("password", lang), type="password", key="login_password")
        st.form_submit_button(label("login", lang), type="primary", on_click=_try_login, args=(lang,))
    if error := st.session_state.pop(LOGIN_ERROR_KEY, None):
        st.error(error)
    if _sso_configured():
        st.button(label("sso_login", lang), on_click=st.login)
    st.caption(label("login_hint", lang))


def _change_password_form(user: auth.User, lang: str) -> None:
    st.title(label("change_password", lang))
    st.info(label("must_change_password", lang))
    with st.form("password_form"):
        first = st.text_input(label("new_password", lang), type="password", key="pw_new")
        second = st.text_input(label("repeat_password", lang), type="password", key="pw_repeat")
        if st.form_submit_button(label("save", lang), type="primary"):
            if first != second:
                st.error(label("passwords_differ", lang))
            else:
                try:
                    auth.set_password(loaders.engine(), user.username, first, actor=user.username, lang=lang)
                except auth.AuthError as exc:
                    st.error(str(exc))
                else:
                    st.session_state[SESSION_KEY] = auth.open_session(auth.get_user(loaders.engine(), user.username))
                    st.rerun()


def signed_in_user(lang: str) -> auth.User | None:
    """The user of this session once fully signed in (password changed if it had to be), else None.

    Draws nothing but short notices (an expired session); :func:`login_screen` draws the forms.
    """
    engine = loaders.engine()
    session: auth.Session | None = st.session_state.get(SESSION_KEY)
    if session is not None and session.expired():
        auth.log(engine, session.user.username, "session_expired")
        del st.session_state[SESSION_KEY]
        session = None
        st.info(label("session_expired", lang))
    if session is None:
        sso = _sso_user(lang)
        if sso is None:
            return None
        auth.log(engine, sso.username, "login", detail={"via": "sso"})
        session = auth.open_session(sso)
    # Read the account again on every run: a role change or a disabled account takes effect at once.
    user = auth.get_user(engine, session.user.username)
    if user is None:
        del st.session_state[SESSION_KEY]
        return None
    st.session_state[SESSION_KEY] = auth.Session(user, session.started, session.last_seen).touched()
    return None if user.must_change_password else user


def login_screen(lang: str) -> None:
    """The login form, or the new-password form after a one-time password; then stop the script."""
    session: auth.Session | None = st.session_state.get(SESSION_KEY)
    if session is not None and session.user.must_change_password:
        _change_password_form(session.user, lang)
    else:
        _login_form(lang)
    st.stop()


def logout() -> None:
    """End the session (button callback)."""
    session: auth.Session | None = st.session_state.pop(SESSION_KEY, None)
    if session is not None:
        auth.log(loaders.engine(), session.user.username, "logout")
    if _sso_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def sidebar_account(user: auth.User, lang: str) -> None:
    """Who is signed in, with which role, and the logout button."""
    st.sidebar.caption(label("signed_in_as", lang, name=md_escape(user.username),
                             role=label(f"role_{user.role}", lang)))
    st.sidebar.button(label("logout", lang), on_click=logout, key="logout_button")
