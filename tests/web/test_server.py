"""The HTTP layer (server.py) of the running product, spoken to as a browser or an attacker would.

One app (`streamlit run app.py`) for the module, on its own seeded database. Requests go through
http.client (no redirects followed, every header visible) and a raw websocket client: what an anonymous
visitor gets is checked on the wire, not only in a browser.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from geo.access import accounts, audit
from geo.records.store import get_engine
from tests import live
from tests.live import ROOT, call, session_cookie, sign_in, signin_form, value
from web import server
from web.server import safe_next


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('srv') / 'app.sqlite'}"
    live.seeded_database(url)
    base, proc = live.start_app(url, tmp_path_factory.mktemp("log") / "app.log")
    yield base, url
    live.stop(proc)


@pytest.mark.parametrize("path", ["/", "/conversions?period=2019&district=387", "/admin", "/data"])
def test_anonymous_pages_redirect_to_the_sign_in_keeping_the_link(served, path):
    base, _ = served
    answer = call(base, "GET", path)
    assert answer.status == 303
    location = answer.headers["location"]
    assert location.startswith("/signin")
    if path != "/":
        assert safe_next(dict(p.split("=", 1) for p in urlsplit(location).query.split("&"))["next"]
                         .replace("%2F", "/").replace("%3F", "?").replace("%3D", "=").replace("%26", "&")) == path
    assert b"<script" not in answer.body


@pytest.mark.parametrize("path", ["/_stcore/host-config", "/_stcore/metrics", "/media/x.png",
                                  "/_stcore/upload_file/x/y", "/_stcore/agent/openapi.json",
                                  "/conversions/_stcore/health"])
def test_anonymous_api_calls_are_refused(served, path):
    answer = call(served[0], "GET", path, headers={"Accept": "application/json"})
    assert answer.status in (401, 404) and answer.status != 200
# Where Streamlit serves the map frame's files: the component's name is its module's path (see mapframe.py).
FRAME = "/component/dashboard.components.mapframe.commune_map/"


def test_the_gate_serves_the_map_frame_under_the_name_streamlit_gives_it():
    from dashboard.components import mapframe
    from web import server

    assert server.FRAME_URL == FRAME == f"/component/{mapframe.FRAME_COMPONENT.name}/"



def test_an_anonymous_websocket_is_refused_before_any_session_exists(served):
    base, _ = served
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    with pytest.raises(InvalidStatus) as refused:
        connect(ws_url, origin=base, subprotocols=["streamlit"], open_timeout=20)
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus):  # a made-up session cookie changes nothing
        connect(ws_url, origin=base, subprotocols=["streamlit"], open_timeout=20,
                additional_headers={"Cookie": "th_session=forged-token-1234567890"})
    with connect(ws_url, origin=base, subprotocols=["streamlit"], open_timeout=20,
                 additional_headers={"Cookie": session_cookie(base)}) as ws:
        assert ws.protocol.state.name == "OPEN"


def test_public_files_only_and_compressed_with_long_lifetimes(served):
    base, _ = served
    page = call(base, "GET", "/signin")
    bundle = re.search(rb'(?:src|href)="(/static/js/index\.[^"]+\.js)"', page.body).group(1).decode()
    answer = call(base, "GET", bundle, headers={"Accept-Encoding": "gzip, br"})
    assert answer.status == 200 and answer.headers["content-encoding"] == "gzip"
    assert "immutable" in answer.headers["cache-control"] and "max-age=31536000" in answer.headers["cache-control"]
    assert len(answer.raw) < len(answer.body) / 2.5
    for path in ("/app/static/vendor/leaflet/leaflet.js", FRAME + "index.html",
                 FRAME + "frame.js"):
        assert call(base, "GET", path, headers={"Accept": "*/*"}).status == 200, path
    layer = re.search(rb'href="(/app/static/layers/[0-9a-f]+\.topo\.json)"', page.body).group(1).decode()
    answer = call(base, "GET", layer, headers={"Accept": "*/*", "Accept-Encoding": "gzip"})
    assert answer.status == 200 and b'"type":"Topology"' in answer.body
    assert "immutable" in answer.headers["cache-control"]
    # The layer prefetched is the one the overview opens on: the latest ended period of the seeded records
    # (2026-Q3), drawn on the 166 units of July 2025, not the 2019 layer.
    topology = json.loads(answer.body)
    assert sum(len(o["geometries"]) for o in topology["objects"].values()) == 166


def test_a_link_to_another_period_or_district_prefetches_that_layer(served):
    """The sign-in page of a link to 2019 (or a district) hints the geometry that page draws, not the default's."""
    from urllib.parse import quote

    base, _ = served

    def layer_units(next_path: str) -> int:
        page = call(base, "GET", "/signin" + (f"?next={quote(next_path, safe='')}" if next_path else ""))
        layers = re.findall(rb'href="(/app/static/layers/[0-9a-f]+\.topo\.json)"', page.body)
        assert len(layers) == 1, layers  # one geometry: the frame reads the first it finds
        topology = json.loads(call(base, "GET", layers[0].decode(), headers={"Accept": "*/*"}).body)
        return sum(len(o["geometries"]) for o in topology["objects"].values())

    assert layer_units("") == 166
    assert layer_units("/?period=2019") == 635
    assert layer_units("/conversions?period=2019&district=407&lang=en") < 50  # one district of the 2019 list
    assert layer_units("/?period=1990") == 166  # a period the store does not know: the default's, as the page


def test_the_map_frame_asks_for_its_files_by_version_and_gets_them_immutable(served):
    """Leaflet and frame.js come from the browser's cache while the dashboard draws, never an old copy."""
    base, _ = served
    page = call(base, "GET", FRAME + "index.html?streamlitUrl=x", headers={"Accept": "*/*"})
    refs = re.findall(r'(?:src|href)="([^"]+)"', page.body.decode())
    assert {r.split("?")[0] for r in refs} == {"../../app/static/vendor/leaflet/leaflet.css", "frame.js",
                                               "../../app/static/vendor/leaflet/leaflet.js",
                                               "../../app/static/vendor/topojson-client/topojson-client.min.js"}
    frame_js = next(r for r in refs if r.startswith("frame.js?v="))
    current = hashlib.sha256((ROOT / "frontend" / "commune_map" / "frame.js").read_bytes()).hexdigest()[:16]
    assert frame_js == f"frame.js?v={current}"
    answer = call(base, "GET", FRAME + frame_js, headers={"Accept": "*/*"})
    assert answer.status == 200 and "immutable" in answer.headers["cache-control"]
    assert answer.body == (ROOT / "frontend" / "commune_map" / "frame.js").read_bytes()
    leaflet = next(r for r in refs if "leaflet.js?v=" in r).replace("../../", "/")
    assert "immutable" in call(base, "GET", leaflet, headers={"Accept": "*/*"}).headers["cache-control"]
    # Another version (a page cached before a release) is not pinned for a year.
    stale = call(base, "GET", FRAME + "frame.js?v=0000000000000000", headers={"Accept": "*/*"})
    assert "immutable" not in stale.headers.get("cache-control", "")


def test_security_headers_on_every_answer(served):
    base, _ = served
    cookie = session_cookie(base)
    for answer in (call(base, "GET", "/signin"), call(base, "GET", "/", headers={"Cookie": cookie}),
                   call(base, "GET", "/healthz")):
        h = answer.headers
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "SAMEORIGIN"
        assert h["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'self'" in h["content-security-policy"]
        assert "default-src 'self'" in h["content-security-policy"]


def test_sign_in_sets_a_strict_httponly_cookie_and_returns_to_the_link(served):
    base, url = served
    answer = sign_in(base, "planner", next_path="/export?period=2019")
    assert answer.status == 303 and answer.headers["location"] == "/export?period=2019"
    flags = [f.strip().lower() for f in answer.cookie("th_session").split(";")]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    assert "secure" not in flags  # plain HTTP on loopback; behind TLS see the next test
    assert len(value(answer.cookie("th_session"))) >= 40
    cookie = "th_session=" + value(answer.cookie("th_session"))
    shell = call(base, "GET", "/export?period=2019", headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
    assert shell.status == 200 and b"<div id=\"root\">" in shell.body
    assert shell.headers["content-encoding"] == "gzip"
    log = audit.read_log(get_engine(url))
    assert ((log["action"] == "login") & (log["username"] == "planner")).any()


def test_the_page_s_own_sign_in_answers_json_and_the_page_connects_in_place(served):
    """frontend/signin/signin.js posts the same form with X-Th-Signin: the answer is JSON, not a redirect."""
    base, _ = served
    in_place = {"X-Th-Signin": "fetch", "Accept": "application/json"}
    cookie, token = signin_form(base, "/conversions?period=2019")
    creds = {"csrf": token, "next": "/conversions?period=2019", "username": "viewer"}
    wrong = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}", **in_place},
                 form={**creds, "password": "not it"})
    answer = json.loads(wrong.body)
    assert wrong.status == 401 and answer["ok"] is False and wrong.cookie("th_session") is None
    assert answer["error"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    fresh = answer["csrf"]  # the form's next try uses the fresh token, which the cookie now holds
    assert fresh != token and value(wrong.cookie("th_csrf")) == fresh
    right = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={fresh}", **in_place},
                 form={**creds, "csrf": fresh, "password": live.PASSWORD})
    assert right.status == 200 and json.loads(right.body) == {"ok": True, "next": "/conversions?period=2019"}
    flags = [f.strip().lower() for f in right.cookie("th_session").split(";")]
    assert "httponly" in flags and "samesite=strict" in flags
    forged = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={fresh}", **in_place},
                  form={**creds, "csrf": "guess", "password": live.PASSWORD})
    assert forged.status == 403 and json.loads(forged.body)["ok"] is False and forged.cookie("th_session") is None
    cookie, token = signin_form(base)
    cross_site = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}", "Origin": "http://evil.example",
                                                        **in_place},
                      form={**creds, "csrf": token, "password": live.PASSWORD})
    assert cross_site.status == 403 and cross_site.cookie("th_session") is None
    cookie, token = signin_form(base)
    nobody = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}", **in_place},
                  form={**creds, "csrf": token, "username": "nobody-here", "password": "x"})
    assert json.loads(nobody.body)["error"] == answer["error"]  # an unknown name reads as a wrong password


def test_the_sign_in_page_is_streamlit_s_shell_with_the_form_on_top(served):
    """The front end boots behind the form; the page keeps the link asked for and sends no data."""
    base, _ = served
    page = call(base, "GET", "/signin?next=%2Fborder%3Fperiod%3D2019").body.decode()
    assert '<div id="root"></div>' in page and 'type="module"' in page  # Streamlit's own shell
    assert '<meta name="th-next" content="/border?period=2019">' in page
    assert page.index('id="th-signin"') < page.index('<div id="root">')
    assert server.SIGNIN_SCRIPT in page and server.SHELL_CONFIG_SCRIPT in page
    answer = call(base, "GET", "/signin")
    allowed = answer.headers["content-security-policy"]
    for script in re.findall(r"<script>(.*?)</script>", answer.body.decode(), flags=re.S):  # every inline one
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed
    assert "Xã" not in page and "Huyện" not in page  # nothing of the data
    other = call(base, "GET", "/signin?next=%2F%2Fevil.example").body.decode()  # never another site
    assert '<meta name="th-next" content="/">' in other
    # Signed in, every page shell says where the server is (one probe instead of two for /border).
    cookie = session_cookie(base)
    for encoding, page_path in (("identity", "/border"), ("gzip", "/border"), ("gzip", "/")):
        answer = call(base, "GET", page_path, headers={"Cookie": cookie, "Accept-Encoding": encoding})
        shell = answer.body.decode()
        assert shell.count(server.SHELL_CONFIG_SCRIPT) == 1
        assert shell.index(server.SHELL_CONFIG_SCRIPT) < shell.index('<script type="module"')
        assert int(answer.headers["content-length"]) == len(answer.raw)


def test_connections_get_tcp_nodelay_although_streamlit_binds_with_proto_0():
    """Nagle held every kept-alive response body for the peer's delayed ACK (about 40 ms; server.set_nodelay)."""
    import socket

    import uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol

    assert getattr(H11Protocol.connection_made, "sets_nodelay", False)  # installed by importing server
    config = uvicorn.Config(lambda scope, receive, send: None)  # the class uvicorn picks here ("auto")
    config.load()
    assert getattr(config.http_protocol_class.connection_made, "sets_nodelay", False)
    listener = socket.socket(family=socket.AF_INET)  # as Streamlit 1.67 binds it
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert accepted.proto == 0 and accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0

        class Transport:
            def get_extra_info(self, name):
                return accepted if name == "socket" else None

        server.set_nodelay(Transport())
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        for s in (client, accepted, listener):
            s.close()


def test_the_cookie_is_secure_behind_tls(served):
    base, _ = served
    cookie, token = signin_form(base)
    answer = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}", "X-Forwarded-Proto": "https"},
                  form={"csrf": token, "next": "/", "username": "viewer", "password": live.PASSWORD})
    assert "secure" in [f.strip().lower() for f in answer.cookie("th_session").split(";")]
    assert "strict-transport-security" in answer.headers


def test_sign_in_without_the_form_token_or_from_another_site_is_refused(served):
    base, url = served
    cookie, token = signin_form(base)
    creds = {"next": "/", "username": "viewer", "password": live.PASSWORD}
    assert call(base, "POST", "/signin", form={"csrf": token, **creds}).status == 403  # no cookie
    assert call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}"},
                form={"csrf": "guess", **creds}).status == 403
    other_site = call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}", "Origin": "http://evil.example"},
                      form={"csrf": token, **creds})
    assert other_site.status == 403 and other_site.cookie("th_session") is None


def test_wrong_password_throttling_and_lockout_as_before(served):
    base, url = served
    accounts.add_user(get_engine(url), "thu", live.PASSWORD, "viewer")
    answer = sign_in(base, "thu", "wrong wrong wrong")
    assert answer.status == 401 and "không đúng".encode() in answer.body and answer.cookie("th_session") is None
    sign_in(base, "thu", "wrong wrong wrong")
    waiting = sign_in(base, "thu", live.PASSWORD)  # the right password, but too soon after 2 failures
    assert waiting.status == 401 and "đợi".encode() in waiting.body
    log = audit.read_log(get_engine(url))
    assert ((log["action"] == "login_failed") & (log["username"] == "thu")).sum() == 3


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_sign_in_never_sends_anyone_to_another_site(served, target):
    answer = sign_in(served[0], next_path=target)
    assert answer.status == 303 and answer.headers["location"] == "/"


def test_logout_ends_the_session_on_the_server(served):
    from geo.access import sessions

    base, url = served
    cookie = session_cookie(base)
    token = cookie.split("=", 1)[1]
    assert call(base, "GET", "/", headers={"Cookie": cookie}).status == 200
    refused = call(base, "POST", "/signout", headers={"Cookie": cookie}, form={"csrf": "guess"})
    assert refused.status == 403
    out = call(base, "POST", "/signout", headers={"Cookie": cookie}, form={"csrf": sessions.csrf_token(token)})
    assert out.status == 303 and out.headers["location"].startswith("/signin")
    assert "max-age=0" in out.cookie("th_session").lower() or "expires=" in out.cookie("th_session").lower()
    again = call(base, "GET", "/", headers={"Cookie": cookie})  # the old cookie kept by a copy: useless now
    assert again.status == 303 and again.headers["location"].startswith("/signin")


def test_a_link_from_another_site_is_retried_same_site_for_the_strict_cookie(served):
    base, _ = served
    answer = call(base, "GET", "/conversions?period=2019", headers={"Sec-Fetch-Site": "cross-site"})
    assert answer.status == 200 and b'http-equiv="refresh"' in answer.body and b"<script" not in answer.body


def test_healthz(served):
    answer = call(served[0], "GET", "/healthz", headers={"Accept": "application/json"})
    assert answer.status == 200 and b'"status":"ok"' in answer.body


@pytest.mark.parametrize(("given", "kept"), [("/conversions?period=2019", "/conversions?period=2019"), ("", "/"),
                                             ("//x.example", "/"), ("http://x.example/", "/"), ("/a\nb", "/")])
def test_safe_next(given, kept):
    assert safe_next(given) == kept


def test_every_lazy_element_chunk_of_the_first_page_is_found_in_streamlit_s_bundle():
    """A Streamlit upgrade that renames a chunk shows here, not as a slower first map."""
    from web import server

    urls = server.lazy_chunks(server.FIRST_PAGE_ELEMENTS)
    for element in server.FIRST_PAGE_ELEMENTS:
        assert any(re.fullmatch(rf"/static/js/{element}\.[\w-]+\.js", u) for u in urls), element
    assert all((server.STREAMLIT_STATIC / u.lstrip("/")).is_file() for u in urls)


def test_a_file_cut_short_by_a_departed_client_is_not_cached_for_the_next_visitor():
    """A prefetch cancelled by the sign-in's navigation: Starlette stops streaming the font half-way.

    The part must not be kept: served from memory with the full Content-Length, it broke the page of
    everyone after (h11 "Too little data for declared Content-Length").
    """
    import asyncio

    from web import server

    font = b"w" * 4000
    calls = {"n": 0}

    async def streamlit(scope, receive, send):
        calls["n"] += 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"font/woff2"), (b"content-length", str(len(font)).encode())]})
        await send({"type": "http.response.body", "body": font[:1000], "more_body": True})
        if calls["n"] == 1:
            return  # the client went away: no last chunk
        await send({"type": "http.response.body", "body": font[1000:], "more_body": False})

    gate = server.Gate(streamlit)
    scope = {"type": "http", "method": "GET", "path": "/static/media/x.abc123.woff2",
             "headers": [(b"accept-encoding", b"gzip")], "scheme": "http"}

    async def visit():
        sent: list[dict] = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        await gate._serve(scope, receive, send)
        return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

    assert asyncio.run(visit()) == b""  # nobody left to send it to
    assert asyncio.run(visit()) == font  # the next visitor gets the whole file, from Streamlit
    assert asyncio.run(visit()) == font and calls["n"] == 2  # and from memory after that


def test_compiled_scripts_stay_compiled_when_the_last_visitor_leaves(tmp_path):
    """Streamlit empties its script cache when nobody is connected: a deployment keeps app.py compiled."""
    from types import SimpleNamespace

    from streamlit import config
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    before = config.get_option("server.fileWatcherType")
    try:
        config.set_option("server.fileWatcherType", "none")
        runtime = SimpleNamespace(_script_cache=ScriptCache())
        assert server.keep_compiled_scripts(runtime)
        cached = runtime._script_cache._cache
        assert str(ROOT / "app.py") in cached and str(ROOT / "dashboard" / "views" / "overview.py") in cached
        runtime._script_cache.clear()  # what WebsocketSessionManager.disconnect_session does
        assert str(ROOT / "app.py") in runtime._script_cache._cache
        config.set_option("server.fileWatcherType", "auto")  # development: edits must show
        runtime = SimpleNamespace(_script_cache=ScriptCache())
        assert not server.keep_compiled_scripts(runtime)
        runtime._script_cache._cache["x"] = object()
        runtime._script_cache.clear()
        assert runtime._script_cache._cache == {}
    finally:
        config.set_option("server.fileWatcherType", before)


def test_an_unreachable_database_at_start_up_is_one_line_and_exit_1():
    """The operator who starts the app on a server that is down reads where, not a traceback."""
    import os
    import subprocess
    import sys

    port = live.free_port()  # nobody listens there
    done = subprocess.run(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(live.free_port()),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "GEO_DB_URL": f"postgresql+psycopg://geo:s3cret@127.0.0.1:{port}/geo",
                       "GEO_LANG": "en", "GEO_DEBUG": "0"},
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert f"127.0.0.1:{port}: Cannot reach the PostgreSQL database server" in said
    assert "Traceback" not in said and "s3cret" not in said


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")  # Starlette 1.x's own test client
def test_sign_in_with_the_database_unreachable_says_so_in_words_without_secrets(monkeypatch):
    """The database down at sign-in: 503 and one sentence in words; no server address, SQL, password or trace."""
    from sqlalchemy import create_engine
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    down = create_engine("postgresql+psycopg://ops:hunter2secret@127.0.0.1:1/thanhhoa",
                         connect_args={"connect_timeout": 2})
    monkeypatch.setattr(server, "_engine", lambda: down)
    app = Starlette(routes=[Route("/signin", server.signin_get, methods=["GET"]),
                            Route("/signin", server.signin_post, methods=["POST"])])
    with TestClient(app, base_url="http://th.local") as client:
        client.get("/signin")
        token = client.cookies.get("th_csrf")
        for fetch in (False, True):  # the form posted as a page, and by the page's own script
            answer = client.post("/signin", data={"csrf": token, "next": "/", "username": "viewer",
                                                  "password": live.PASSWORD},
                                 headers={"x-th-signin": "fetch"} if fetch else {})
            text = answer.json()["error"] if fetch else answer.text
            token = answer.cookies.get("th_csrf") or token
            assert answer.status_code == 503 and "th_session" not in answer.cookies
            assert "Không kết nối được máy chủ cơ sở dữ liệu" in text, text[-1500:]
            for secret in ("hunter2secret", "127.0.0.1", "Traceback", "SELECT", "psycopg", "OperationalError"):
                assert secret not in text
