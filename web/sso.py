"""Single sign-on (OpenID Connect) onto the product's own cookie sessions (server.py).

Configured as Streamlit documents it for ``st.login``: an ``[auth]`` section in ``.streamlit/secrets.toml``
(``redirect_uri`` ending in ``/oauth2callback``, ``cookie_secret``, and the provider's ``client_id``,
``client_secret`` and ``server_metadata_url``, either in ``[auth]`` itself or in one ``[auth.NAME]`` section
per provider). Without it the sign-in page shows no single sign-on link and these routes answer 404.

Why not ``st.login`` itself: it is called from a script run, which needs a websocket session, and the gate
(server.Gate) gives anonymous visitors none; and its outcome is Streamlit's own signed ``_streamlit_user``
cookie, not a session of ours that can be listed, ended and audited. So the code flow is ours, on Authlib's
Starlette client (the library Streamlit's routes use as well), with Streamlit's session middleware keeping the
flow's state, nonce and PKCE verifier between the two requests (signed with ``cookie_secret``, SameSite=Lax so
that it comes back with the provider's redirect; every app process must have the same secrets file):

- ``GET /signin/sso?provider=NAME&next=/path`` redirects to the provider (state, nonce, PKCE S256);
- ``GET /oauth2callback`` exchanges the code and checks the ID token (signature from the provider's JWKS,
  issuer, audience, nonce, expiry: Authlib).

The routes themselves are in server.py: they map the token's e-mail to an account
(:func:`geo.access.accounts.sso_login`:
an enabled account whose user name is that address; audited either way) and open a session exactly as the
password does (:func:`geo.access.sessions.open_session`, the same cookie); a refusal shows the sign-in page with the
reason. This module knows OpenID Connect and nothing of the product's sessions.
"""

from __future__ import annotations

from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

FLOW_KEY: Final = "th_sso"  # what the start of the flow leaves for the callback (next path, language, provider)
START_PATH: Final = "/signin/sso"
CALLBACK_PATH: Final = "/oauth2callback"
PROVIDER_KEYS: Final = ("client_id", "client_secret", "server_metadata_url")


def _auth_section() -> dict[str, Any]:
    """``[auth]`` of the secrets as a plain dict ({} when there is no secrets file or no such section)."""
    import streamlit as st

    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file, or one that does not parse: no single sign-on
        return {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section or {})


def providers() -> dict[str, dict[str, Any]]:
    """The configured providers by name (``default`` for one given in ``[auth]`` itself); {} without SSO."""
    section = _auth_section()
    if not section.get("redirect_uri"):
        return {}
    found = {name: value for name, value in section.items()
             if isinstance(value, dict) and all(value.get(k) for k in PROVIDER_KEYS)}
    if all(section.get(k) for k in PROVIDER_KEYS):
        found["default"] = {k: v for k, v in section.items() if not isinstance(v, dict)}
    return found


_CLIENTS: dict[tuple, Any] = {}


def _client(name: str) -> Any:
    """Authlib's OpenID Connect client for provider ``name`` (one per configuration, kept per process)."""
    from authlib.integrations.starlette_client import OAuth

    config = providers()[name]
    key = (name, *(str(config.get(k)) for k in PROVIDER_KEYS))
    if key not in _CLIENTS:
        oauth = OAuth()
        kwargs = dict(config.get("client_kwargs") or {})
        kwargs.setdefault("scope", "openid email profile")
        kwargs.setdefault("code_challenge_method", "S256")
        oauth.register(name, client_id=config["client_id"], client_secret=config["client_secret"],
                       server_metadata_url=config["server_metadata_url"], client_kwargs=kwargs)
        _CLIENTS[key] = oauth.create_client(name)
    return _CLIENTS[key]


def links(next_path: str, lang: str) -> list[tuple[str, str]]:
    """(URL, provider name) of each single sign-on link for the sign-in page; [] when SSO is not configured."""
    from urllib.parse import urlencode

    return [(f"{START_PATH}?{urlencode({'provider': name, 'next': next_path, 'lang': lang})}", name)
            for name in providers()]


class FlowError(Exception):
    """The provider's answer cannot sign anyone in; ``reason`` is short and safe to show and log."""

    def __init__(self, reason: str, flow: dict[str, Any]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.flow = flow


async def begin(request: Request, name: str, flow: dict[str, Any]) -> Response:
    """The first leg: keep ``flow`` (where to go afterwards) and send the browser to provider ``name``."""
    request.session[FLOW_KEY] = {**flow, "provider": name}
    return await _client(name).authorize_redirect(request, _auth_section()["redirect_uri"])


async def finish(request: Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """The provider's redirect back: (the flow of :func:`begin`, the ID token's checked claims).

    Raises :class:`FlowError` for a callback without a flow of ours (replayed, stale, SSO switched off since),
    a refused consent, a wrong state or a token that does not verify.
    """
    from authlib.integrations.base_client import OAuthError
    from httpx import HTTPError
    from joserfc.errors import JoseError

    flow = request.session.pop(FLOW_KEY, None) or {}
    name = flow.get("provider")
    if name not in providers():
        raise FlowError("state", flow)
    if request.query_params.get("error"):
        raise FlowError(request.query_params["error"][:60], flow)
    try:
        token = await _client(name).authorize_access_token(request)
    except OAuthError as exc:
        raise FlowError(str(exc.error or "oauth")[:60], flow) from exc
    except JoseError as exc:  # a bad signature, issuer, audience, nonce or expiry (joserfc, under Authlib 1.9)
        raise FlowError(exc.error or type(exc).__name__, flow) from exc
    except HTTPError as exc:  # the provider did not answer
        raise FlowError(type(exc).__name__, flow) from exc
    return flow, dict(token.get("userinfo") or {})
