"""Single sign-on (sso.py, the /signin/sso and /oauth2callback routes of server.py) against a provider of our own.

The identity provider is a few Starlette routes in this process (discovery, JWKS, authorize, token), served by
uvicorn on a loopback port: it signs in whoever the test says, signs ID tokens with its own RSA key and checks
the client's secret and PKCE verifier, so the app's code flow runs for real without the internet. The app is
``streamlit run app.py`` with a secrets file naming that provider (``--secrets.files``); requests go through
http.client with the cookies a browser would keep.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import uvicorn
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from geo.access import accounts, audit, sessions
from geo.records.store import get_engine
from tests import live
from tests.live import call, value

CLIENT_ID, CLIENT_SECRET = "geo-dashboard", "client-secret-for-the-test"


class Provider:
    """A minimal OpenID Connect provider: authorization code flow with PKCE, RS256 ID tokens."""

    def __init__(self, port: int) -> None:
        self.issuer = f"http://127.0.0.1:{port}"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        self.identity: dict = {}  # the claims of whoever "signs in" at the provider next
        self.codes: dict[str, dict] = {}
        self.refuse_consent = False
        self.tamper = False  # sign the next ID token with another key
        self.app = Starlette(routes=[
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/jwks", self.jwks),
            Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
        ])

    async def discovery(self, _request: Request) -> Response:
        return JSONResponse({
            "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        })

    async def jwks(self, _request: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        assert q["client_id"] == CLIENT_ID and q["response_type"] == "code"
        assert q["code_challenge_method"] == "S256" and q.get("nonce") and q.get("state")
        target = q["redirect_uri"]
        if self.refuse_consent:
            return RedirectResponse(f"{target}?{urlencode({'error': 'access_denied', 'state': q['state']})}")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": q["nonce"], "challenge": q["code_challenge"], "redirect_uri": target,
                            "claims": dict(self.identity)}
        return RedirectResponse(f"{target}?{urlencode({'code': code, 'state': q['state']})}")

    async def token(self, request: Request) -> Response:
        form = await request.form()
        sent = request.headers.get("authorization", "")
        basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if sent != basic and (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self.codes.pop(str(form.get("code")), None)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        verifier = str(form.get("code_verifier") or "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["challenge"]:
            return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, status_code=400)
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "sub": grant["claims"].get("email", "x"), "iat": now,
                  "exp": now + 300, "nonce": grant["nonce"], **grant["claims"]}
        key = RSAKey.generate_key(2048, parameters={"kid": "test-key"}) if self.tamper else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300,
                             "id_token": id_token, "scope": "openid email profile"})


@pytest.fixture(scope="module")
def sso_app(tmp_path_factory):
    idp_port, app_port = live.free_port(), live.free_port()
    provider = Provider(idp_port)
    server = uvicorn.Server(uvicorn.Config(provider.app, host="127.0.0.1", port=idp_port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    tmp = tmp_path_factory.mktemp("sso")
    secrets_file = tmp / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        f'client_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"\n', encoding="utf-8")
    url = f"sqlite:///{tmp / 'app.sqlite'}"
    live.seeded_database(url)
    engine = get_engine(url)
    accounts.add_user(engine, "lan.nguyen@thanhhoa.gov.vn", live.PASSWORD, "viewer")
    accounts.add_user(engine, "former@thanhhoa.gov.vn", live.PASSWORD, "viewer")
    accounts.set_disabled(engine, "former@thanhhoa.gov.vn", True, actor="admin")
    base, proc = live.start_app(url, tmp / "app.log", port=app_port, args=("--secrets.files", str(secrets_file)))
    yield base, engine, provider
    live.stop(proc)
    server.should_exit = True
    thread.join(timeout=10)


def cookies_of(answer, jar: dict[str, str]) -> None:
    for c in answer.cookies:
        name, _, rest = c.partition("=")
        val = rest.split(";", 1)[0]
        if "max-age=0" in c.lower() or 'expires=thu, 01 jan 1970' in c.lower():
            jar.pop(name, None)
        else:
            jar[name] = val


def header(jar: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}


def single_sign_on(base: str, provider: Provider, claims: dict, next_path: str = "/") -> tuple:
    """What a browser does: the sign-in page's SSO link, the provider, back. (answer of the callback, jar)."""
    provider.identity = claims
    jar: dict[str, str] = {}
    page = call(base, "GET", "/signin?" + urlencode({"next": next_path}))
    link = re.search(rb'<a class="sso" href="([^"]+)"', page.body).group(1).decode().replace("&amp;", "&")
    start = call(base, "GET", link)
    assert start.status in (302, 303, 307), start.body
    cookies_of(start, jar)
    to_provider = start.headers["location"]
    assert to_provider.startswith(provider.issuer + "/authorize?")
    at_provider = call(provider.issuer, "GET", to_provider[len(provider.issuer):])
    back = at_provider.headers["location"]
    assert back.startswith(base + "/oauth2callback?")
    done = call(base, "GET", back[len(base):], headers=header(jar))
    cookies_of(done, jar)
    return done, jar


def test_the_sign_in_page_offers_single_sign_on_when_configured(sso_app):
    base, _, _ = sso_app
    page = call(base, "GET", "/signin?next=%2Fconversions")
    assert "Đăng nhập một lần (SSO)".encode() in page.body
    link = re.search(rb'<a class="sso" href="([^"]+)"', page.body).group(1).decode().replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query)["next"] == ["/conversions"]


def test_a_known_e_mail_signs_in_with_our_session_cookie_and_keeps_the_link(sso_app):
    base, engine, provider = sso_app
    done, jar = single_sign_on(base, provider, {"email": "Lan.Nguyen@thanhhoa.gov.vn", "email_verified": True},
                               "/conversions?period=2019")
    assert done.status == 200 and b'http-equiv="refresh"' in done.body
    assert b"url=/conversions?period=2019" in done.body
    flags = [f.strip().lower() for f in done.cookie("th_session").split(";")]
    assert "httponly" in flags and "samesite=strict" in flags
    token = value(done.cookie("th_session"))
    assert sessions.lookup(engine, token).user.username == "lan.nguyen@thanhhoa.gov.vn"
    shell = call(base, "GET", "/conversions?period=2019", headers={"Cookie": f"th_session={token}"})
    assert shell.status == 200 and b'<div id="root">' in shell.body
    log = audit.read_log(engine)
    mine = log[(log["username"] == "lan.nguyen@thanhhoa.gov.vn") & (log["action"] == "login")]
    assert len(mine) == 1 and '"via": "sso"' in mine["detail"].iloc[0]
    # Logout ends it like a password session.
    out = call(base, "POST", "/signout", headers={"Cookie": f"th_session={token}"},
               form={"csrf": sessions.csrf_token(token)})
    assert out.status == 303 and sessions.lookup(engine, token).user is None


@pytest.mark.parametrize(("claims", "shown"), [
    ({"email": "stranger@example.org", "email_verified": True}, "Chưa có tài khoản cho stranger@example.org"),
    ({"email": "former@thanhhoa.gov.vn", "email_verified": True}, "vô hiệu hóa"),
    ({"email": "lan.nguyen@thanhhoa.gov.vn", "email_verified": False}, "e-mail đã xác minh"),
    ({"name": "No Address"}, "e-mail đã xác minh"),
])
def test_an_identity_without_an_enabled_account_is_refused_with_a_message(sso_app, claims, shown):
    base, engine, provider = sso_app
    before = len(audit.read_log(engine))
    done, jar = single_sign_on(base, provider, claims)
    assert done.status == 403 and shown.encode() in done.body
    assert "th_session" not in jar
    log = audit.read_log(engine).head(len(audit.read_log(engine)) - before)
    assert (log["action"] == "login_failed").sum() == 1 and '"via": "sso"' in log["detail"].iloc[0]


def test_a_token_signed_by_another_key_or_a_refused_consent_signs_no_one_in(sso_app):
    base, engine, provider = sso_app
    provider.tamper = True
    try:
        done, jar = single_sign_on(base, provider, {"email": "lan.nguyen@thanhhoa.gov.vn", "email_verified": True})
    finally:
        provider.tamper = False
    assert done.status == 400 and "th_session" not in jar
    assert "Đăng nhập một lần không thành công".encode() in done.body
    provider.refuse_consent = True
    try:
        done, jar = single_sign_on(base, provider, {"email": "lan.nguyen@thanhhoa.gov.vn", "email_verified": True})
    finally:
        provider.refuse_consent = False
    assert done.status == 400 and b"access_denied" in done.body and "th_session" not in jar


def test_a_callback_without_a_flow_of_ours_is_refused(sso_app):
    base, _, _ = sso_app
    answer = call(base, "GET", "/oauth2callback?code=stolen&state=guess")
    assert answer.status == 400 and answer.cookie("th_session") is None


def test_no_single_sign_on_without_configuration():
    from web import server, sso

    assert sso.providers() == {}  # this test process has no secrets file
    assert b"/signin/sso" not in server._signin_page("vi", "/", "token").body
