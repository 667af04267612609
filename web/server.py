"""The product's HTTP layer on Streamlit 1.67's ``st.App``: sign-in, sessions, headers, compression.

``app.py`` builds ``st.App(..., routes=ROUTES, middleware=MIDDLEWARE, lifespan=lifespan)`` from here, so
``streamlit run app.py`` (and ``make run``) serves it through uvicorn. What it adds to Streamlit:

- ``GET /signin``: the sign-in form drawn over Streamlit's own page shell. The front end boots behind the form
  while the person types, but does not connect: ``frontend/signin/signin.js`` holds its first two requests
  (``/_stcore/health``, ``/_stcore/host-config``) until the sign-in has succeeded, so no websocket, no
  session and no script run exist for an anonymous visitor. The page also preloads what the first map needs
  that is public (the overview's lazily loaded element chunks, Leaflet, the map frame, the boundary geometry).
  ``POST /signin``: the real sign-in (CSRF double-submit token plus an Origin check; the throttling, lockout
  and audit trail of :func:`geo.access.accounts.login`), then an HttpOnly, SameSite=Strict session cookie (Secure over
  HTTPS). From the page's script it answers JSON and the page connects in place (no new document, no second
  boot); as a plain form POST it redirects to the page first asked for (the deep link).
- ``POST /signout``: ends the session (CSRF token derived from the session) and clears the cookie.
- ``GET /healthz``: the process and its database answer.
- :class:`Gate`, the middleware: anonymous requests get the sign-in page and public static files only. Every
  other page answers with a redirect to ``/signin?next=…``, Streamlit's websocket is refused before it is
  accepted (so no session, no script run), and its other endpoints answer 401. On every response: security
  headers (CSP, frame-ancestors, nosniff, referrer policy), and Streamlit's page shell and hashed bundles
  gzipped once per process with long cache lifetimes (Streamlit 1.67 sends them uncompressed).
"""

from __future__ import annotations

import base64
import functools
import gc
import gzip
import hashlib
import hmac
import html
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import streamlit
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from geo.access import accounts, sessions
from geo.contract import ROOT
from geo.text import t
from web import sso

_log = logging.getLogger(__name__)

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]
COOKIE: Final = sessions.COOKIE_NAME
CSRF_COOKIE: Final = "th_csrf"
STREAMLIT_STATIC: Final = Path(streamlit.__file__).resolve().parent / "static"
FRAME_DIR: Final = ROOT / "frontend" / "commune_map"
# The map frame component's name, as Streamlit derives it from the declaring module (dashboard/components/
# mapframe.py), and the URL where Streamlit serves its files.
FRAME_NAME: Final = "dashboard.components.mapframe.commune_map"
FRAME_URL: Final = f"/component/{FRAME_NAME}/"
FRAME_PAGE: Final = FRAME_URL + "index.html"  # rewritten by the gate (versioned_frame_page)
APP_STATIC_DIR: Final = ROOT / "static"  # served at /app/static/ (enableStaticServing)
SIGNIN_DIR: Final = ROOT / "frontend" / "signin"
SIGNIN_SCRIPT: Final = (SIGNIN_DIR / "signin.js").read_text(encoding="utf-8")
SIGNIN_STYLE: Final = (SIGNIN_DIR / "signin.css").read_text(encoding="utf-8")
SHELL_DIR: Final = ROOT / "frontend" / "shell"
SHELL_STYLE: Final = (SHELL_DIR / "shell.css").read_text(encoding="utf-8")


# The catalog's words for Streamlit's controls that shell.js replaces (and its loading mark).
SHELL_WORDS: Final = ("app.shell_skip", "app.shell_collapse", "app.shell_expand", "app.shell_heading_link",
                      "app.shell_help", "app.shell_select_all", "app.shell_clear_all", "app.shell_loading",
                      "app.shell_sidebar", "app.shell_pages", "app.shell_open")


def _shell_script() -> str:
    """frontend/shell/shell.js with the catalog's words for Streamlit's controls (both languages)."""
    words = {lang: {key.partition("_")[2]: t(key, lang, x="{x}") for key in SHELL_WORDS}
             for lang in ("vi", "en")}
    text = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c")
    return (SHELL_DIR / "shell.js").read_text(encoding="utf-8").replace("__TH_WORDS__", text)


# Every page shell's language, Streamlit's names in it, and the loading mark (allowed by hash in the CSP).
SHELL_SCRIPT: Final = _shell_script()
# Streamlit's front end looks for its server at two base paths when a page is opened by its own URL
# (``/conversions``: first ``/conversions/``, then ``/``): the first probe fails and it retries 100 ms later.
# The product is served at the root (the gate's own routes are), which ``window.__streamlit`` tells it
# (Streamlit 1.67 reads ``BACKEND_BASE_URL`` from it once, at start-up): one probe, on every page shell.
SHELL_CONFIG_SCRIPT: Final = 'window.__streamlit={BACKEND_BASE_URL:location.origin+"/"}'
# Public without a sign-in: the sign-in page itself, health checks, Streamlit's front-end bundles (the same
# for every Streamlit install), our static files (vendored Leaflet, boundary geometry: public data only, see
# loaders.LAYER_DIR) and the map frame's own files.
PUBLIC_EXACT: Final = frozenset({"/signin", "/signout", "/healthz", "/_stcore/health", "/favicon.png",
                                  sso.START_PATH, sso.CALLBACK_PATH})
PUBLIC_PREFIXES: Final = ("/static/", "/app/static/", FRAME_URL)
# Streamlit's bundles are named by their content: cached for a year. Our layer files too (sha256 names).
IMMUTABLE_PREFIXES: Final = ("/static/js/", "/static/css/", "/static/media/", "/app/static/layers/")
# Files that do not change while the process runs: compressed once, then served from memory. Streamlit's
# bundles, the vendored Leaflet, the layer files (named by their content) and the map frame's own files.
CACHEABLE_PREFIXES: Final = ("/static/", "/app/static/vendor/", "/app/static/layers/", FRAME_URL)
COMPRESSIBLE: Final = ("text/", "application/javascript", "application/json", "image/svg+xml",
                       "application/manifest+json", "text/javascript")


def _engine():
    from dashboard import loaders

    return loaders.engine()


# ---------------------------------------------------------------------------------------------------------
# TCP: no Nagle delay


def set_nodelay(transport: object) -> None:
    """Switch off Nagle's algorithm on a connection's socket (``TCP_NODELAY``).

    asyncio does this for every TCP transport, but only when the socket says ``proto == IPPROTO_TCP``
    (``asyncio.base_events._set_nodelay``). Streamlit 1.67 binds its listening socket with
    ``socket.socket(family=...)``, whose ``proto`` is 0, and so are the sockets it accepts: Nagle stays on.
    uvicorn (h11) writes a response's headers and its body in two sends, and on a kept-alive connection the
    body then waited for the browser's delayed ACK: 40-45 ms on every request after the first (measured here
    on ``/_stcore/host-config``, the map frame's page, Leaflet, the geometry; a fresh connection does not show
    it, the kernel ACKs its first segments at once).
    """
    import socket

    sock = getattr(transport, "get_extra_info", lambda _name: None)("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


def _no_nagle_in_uvicorn() -> None:
    """Give every HTTP connection uvicorn accepts from now on :func:`set_nodelay`.

    Websockets too: they are upgraded on the same connection. Done when uvicorn imports this module (app.py),
    before it starts accepting.
    """
    from uvicorn.protocols.http import h11_impl

    classes: list[type] = [h11_impl.H11Protocol]
    try:
        from uvicorn.protocols.http import httptools_impl

        classes.append(httptools_impl.HttpToolsProtocol)
    except ImportError:  # httptools is not installed: uvicorn uses h11
        pass
    for cls in classes:
        original = cls.connection_made
        if getattr(original, "sets_nodelay", False):
            continue

        def connection_made(self: Any, transport: Any, _original: Callable = original) -> None:
            set_nodelay(transport)
            _original(self, transport)

        connection_made.sets_nodelay = True  # type: ignore[attr-defined]
        cls.connection_made = connection_made  # type: ignore[method-assign]


_no_nagle_in_uvicorn()


# ---------------------------------------------------------------------------------------------------------
# Where to go after sign-in, and in which language


def safe_next(value: str | None) -> str:
    """A local path to return to after sign-in; anything else (another site, ``//host``, a scheme) is ``/``."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in value):
        return "/"
    return value


def _lang_of(next_path: str, explicit: str | None = None) -> str:
    if explicit in ("vi", "en"):
        return explicit
    query = parse_qs(urlsplit(next_path).query)
    return "en" if query.get("lang", [""])[0] == "en" else "vi"


# ---------------------------------------------------------------------------------------------------------
# Prefetching: the public files of the first map, fetched while the person types


class _Prefetch:
    """The URLs the sign-in page hints: the overview's element chunks, Leaflet, the frame and the geometry."""

    def __init__(self) -> None:
        self.urls: list[tuple[str, str]] = []  # (url, as)

    def compute(self) -> None:
        # The shell's own bundles are loaded by the sign-in page itself (it is Streamlit's page shell).
        urls: list[tuple[str, str]] = [(u, "script" if u.endswith(".js") else "style")
                                       for u in lazy_chunks(FIRST_PAGE_ELEMENTS)]
        # The frame's own page is prefetched by signin.js at the address Streamlit gives it (?streamlitUrl=…);
        # its files at the versioned addresses that page asks for (versioned_frame_page).
        urls += [(f"{path}?v={version}", "script" if path.endswith(".js") else "style")
                 for path, version in frame_asset_versions().items()]
        # The layer of the period the overview opens on (the latest ended one: 2025-Q3 onwards is drawn on the
        # 166 units of 2025, not on the 2019 layer); a link to another period or district gets its own (for_next).
        self.default_layer = layer_hint("/")
        self.urls = urls

    def for_next(self, next_path: str) -> list[tuple[str, str]]:
        """The hints for a sign-in that goes on to ``next_path``: the layer of its period and districts."""
        layer = layer_hint(next_path) or self.default_layer
        return self.urls + ([(layer, "fetch")] if layer else [])


@functools.lru_cache(maxsize=64)
def _layer_file(period: str | None, districts: tuple[str, ...]) -> str | None:
    from dashboard import loaders

    url = loaders.web_layer_url(loaders.web_layer(districts, period))
    return "/app/static/layers/" + url.rsplit("/", 1)[-1] if url else None


def layer_hint(next_path: str) -> str | None:
    """The URL of the commune geometry the page at ``next_path`` draws first (its ``period`` and ``district``).

    A period or district the store does not know is left to the page (which ignores it too): the default's.
    """
    try:
        from dashboard import loaders
        from geo.periods import default_period

        periods = loaders.periods()
        query = parse_qs(urlsplit(next_path).query)
        period = query.get("period", [""])[0]
        period = period if period in periods else default_period(periods)
        known = set(loaders.districts(period)["district_code"])
        districts = tuple(sorted(d for d in query.get("district", []) if d in known))
        return _layer_file(period, districts)
    except Exception:  # no database yet, a broken boundary file: the page says so after the sign-in
        return None


PREFETCH = _Prefetch()

# The element types of the overview and the sidebar, by the name of their lazily loaded chunk in Streamlit's
# front end. Loaded only once the script's messages arrive, they came in waves of network requests after the
# sign-in (70 files, 426 KB gzipped for Streamlit 1.67): hinted with the shell, they are in the cache by then.
FIRST_PAGE_ELEMENTS: Final = ("Radio", "Selectbox", "Multiselect", "Html", "Metric", "TextInput", "Checkbox",
                              "ComponentInstance", "Table")


_LAZY_IMPORT: Final = re.compile(r"import\(`\./(([A-Za-z]+)\.[^`]+\.js)`\)[^;]{0,120}?__vite__mapDeps\(\[([\d,]+)\]\)")


def lazy_chunks(elements: tuple[str, ...]) -> list[str]:
    """The URLs of the front-end chunks that ``elements`` load, with every chunk they import.

    Read from Streamlit's own bundle (``index.*.js``): each lazy element is ``import(`./Name.hash.js`)`` with
    ``__vite__mapDeps([...])``, indices into one list of file names. Names not found (another Streamlit
    version) are left out.
    """
    index = next(iter(sorted((STREAMLIT_STATIC / "static" / "js").glob("index.*.js"))), None)
    if index is None:
        return []
    src = index.read_text(encoding="utf-8")
    table = re.search(r"m\.f\|\|\(m\.f=(\[[^\]]*\])", src)
    if table is None:
        return []
    names = json.loads(table.group(1))
    out: list[str] = []
    for found in _LAZY_IMPORT.finditer(src):
        if found.group(2) not in elements:
            continue
        for name in ["./" + found.group(1), *(names[int(i)] for i in found.group(3).split(","))]:
            url = "/static/js/" + name[2:] if name.startswith("./") else "/static/" + name.removeprefix("../")
            if url not in out:
                out.append(url)
    return out


@cache
def shell_template() -> str:
    """Streamlit's ``index.html`` with absolute asset paths (the sign-in page lives at ``/signin``)."""
    shell = (STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    shell = re.sub(r"<!--.*?-->", "", shell, flags=re.S)
    return shell.replace('="./', '="/')


def with_shell_config(page: str) -> str:
    """A page shell with :data:`SHELL_CONFIG_SCRIPT` before Streamlit's module script, and the shell's own.

    The shell's own style sheet and script (``frontend/shell``): the first screen's layout, a phone's order,
    print, the loading mark, the page's language and Streamlit's names in it.
    """
    marker = '<script type="module"'
    if marker not in page or SHELL_CONFIG_SCRIPT in page:
        return page
    return page.replace(marker, f"<script>{SHELL_CONFIG_SCRIPT}</script>\n    <style>{SHELL_STYLE}</style>\n"
                                f"    <script>{SHELL_SCRIPT}</script>\n    {marker}", 1)


def _hint(url: str) -> str:
    """A preload hint: element chunks are modules (fetched and compiled now), the rest fetched only."""
    esc = html.escape(url)
    if url.startswith("/static/") and url.endswith(".js"):
        return f'<link rel="modulepreload" crossorigin href="{esc}" data-th-element>'
    # Streamlit's files load in CORS mode: hinted the same way, the cached copy is the one used.
    return f'<link rel="prefetch" href="{esc}"{" crossorigin" if url.startswith("/static/") else ""}>'


def _signin_page(lang: str, next_path: str, csrf: str, *, error: str | None = None,
                 notice: str | None = None, status: int = 200) -> HTMLResponse:
    esc = html.escape
    other = "en" if lang == "vi" else "vi"
    hints = "\n".join(_hint(u) for u, _kind in PREFETCH.for_next(next_path))
    message = '<p data-th-message hidden></p>'
    if error:
        message = f'<p data-th-message class="error" role="alert">{esc(error)}</p>'
    elif notice:
        message = f'<p data-th-message class="notice" role="status">{esc(notice)}</p>'
    sso_links = sso.links(next_path, lang)
    sso_block = ""
    if sso_links:  # only when [auth] is configured (sso.py)
        several = len(sso_links) > 1
        items = "".join(f'<a class="sso" href="{esc(url)}">{esc(t("signin.sso_login", lang))}'
                        f'{f" — {esc(name)}" if several else ""}</a>' for url, name in sso_links)
        sso_block = f'<p class="or">{esc(t("signin.sso_other", lang))}</p>{items}'
    other_name = esc(t("signin.other_lang", lang))
    form = f"""<div id="th-signin">
<main>
<nav><a href="/signin?lang={other}&amp;next={esc(quote(next_path, safe=''))}">{other_name}</a></nav>
<h1>{esc(t("app.title", lang))}</h1>
<h2>{esc(t("signin.login_title", lang))}</h2>
{message}
<form method="post" action="/signin" autocomplete="on">
<input type="hidden" name="csrf" value="{esc(csrf)}">
<input type="hidden" name="next" value="{esc(next_path)}">
<input type="hidden" name="lang" value="{lang}">
<label for="username">{esc(t("common.username", lang))}</label>
<input type="text" id="username" name="username" autocomplete="username" required autofocus>
<label for="password">{esc(t("signin.password", lang))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">{esc(t("signin.login", lang))}</button>
</form>
{sso_block}
<p class="hint">{esc(t("signin.login_hint", lang))}</p>
</main>
</div>
"""
    page = shell_template()
    page = re.sub(r"<noscript>.*?</noscript>", "", page, count=1, flags=re.S)  # the form works without scripts
    page = page.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    title = f'{esc(t("signin.login_title", lang))} — {esc(t("app.title", lang))}'
    page = re.sub(r"<title>.*?</title>", lambda _m: f"<title>{title}</title>", page, count=1, flags=re.S)
    head = (f'<meta name="th-next" content="{esc(next_path)}">\n'
            f'<meta name="th-frame" content="{FRAME_URL}index.html">\n'
            f"<style>{SIGNIN_STYLE}</style>\n{hints}\n"
            f"<script>{SIGNIN_SCRIPT}</script>\n")
    page = with_shell_config(page).replace("</head>", head + "</head>", 1)
    page = page.replace("<body>", "<body>\n" + form, 1)
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})


def _is_https(request_or_scope: Request | dict) -> bool:
    scope = request_or_scope.scope if isinstance(request_or_scope, Request) else request_or_scope
    if scope.get("scheme") in ("https", "wss"):
        return True
    # Behind nginx (deploy/nginx.conf) TLS ends at the proxy, which says so; only a proxy on this machine is
    # believed.
    client = scope.get("client") or ("", 0)
    if client[0] in ("127.0.0.1", "::1"):
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-proto":
                return value.strip().lower() == b"https"
    return False


def _set_cookie(response: Response, request: Request, name: str, value: str, *, max_age: int | None,
                path: str = "/") -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True, samesite="strict",
                        secure=_is_https(request))


def _same_origin(request: Request) -> bool:
    """A POST from a page of this site: Origin (or, without it, Referer) names this host."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None  # no header at all: an old client, the CSRF token still decides
    return urlsplit(origin).netloc == request.headers.get("host", "")


# ---------------------------------------------------------------------------------------------------------
# Routes


async def signin_get(request: Request) -> Response:
    """The sign-in form; a fresh CSRF token each time."""
    next_path = safe_next(request.query_params.get("next"))
    lang = _lang_of(next_path, request.query_params.get("lang"))
    notice = {"expired": t("signin.session_expired", lang),
              "out": t("signin.signed_out", lang)}.get(request.query_params.get("why", ""))
    token = secrets.token_urlsafe(24)
    # The geometry of the page the link leads to (its period and districts), prepared off the event loop: the
    # first sign-in to a period nobody has opened since the start waits for it here, not after signing in.
    await run_in_threadpool(PREFETCH.for_next, next_path)
    response = _signin_page(lang, next_path, token, notice=notice)
    _set_cookie(response, request, CSRF_COOKIE, token, max_age=3600, path="/signin")
    return response


async def signin_post(request: Request) -> Response:
    """Check the form: CSRF first, then :func:`geo.access.accounts.login` (throttling, lockout, audit)."""
    form = await request.form()
    next_path = safe_next(str(form.get("next") or "/"))
    lang = _lang_of(next_path, str(form.get("lang") or ""))
    expected = request.cookies.get(CSRF_COOKIE, "")
    sent = str(form.get("csrf") or "")
    in_place = request.headers.get("x-th-signin") == "fetch"  # the page's own script (signin.js)
    if not expected or not hmac.compare_digest(expected, sent) or not _same_origin(request):
        return _refused(request, lang, next_path, t("signin.csrf", lang), 403, as_json=in_place)
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    try:  # argon2 takes tens of milliseconds of CPU: off the event loop
        user = await run_in_threadpool(accounts.login, _engine(), username, password, lang=lang)
    except accounts.AuthError as exc:
        return _refused(request, lang, next_path, str(exc), 401, as_json=in_place)
    except Exception as exc:  # the database unreachable, damaged, read-only: its words, no SQL (the log has it)
        from geo.faults import fault_message

        said = fault_message(exc, lang, place=False)
        if said is None:
            raise
        _log.exception("sign-in: the database failed")
        return _refused(request, lang, next_path, said, 503, as_json=in_place)
    response: Response
    if in_place:  # the page connects where it is: no redirect, no new document
        response = JSONResponse({"ok": True, "next": next_path}, headers={"Cache-Control": "no-store"})
    else:
        response = RedirectResponse(next_path, status_code=303)
    await _open_session(request, response, user)
    response.delete_cookie(CSRF_COOKIE, path="/signin")
    return response


async def _open_session(request: Request, response: Response, user: accounts.User) -> None:
    """A new session for ``user`` (the same for a password and a single sign-on), its cookie on ``response``."""
    engine = _engine()
    old = request.cookies.get(COOKIE)
    if old:  # signing in again in the same browser: the previous session ends
        await run_in_threadpool(sessions.end_session, engine, old)
    token = await run_in_threadpool(sessions.open_session, engine, user)
    _set_cookie(response, request, COOKIE, token, max_age=accounts.SESSION_MAX_HOURS * 3600)


def _refused(request: Request, lang: str, next_path: str, error: str, status: int, *,
             as_json: bool = False) -> Response:
    """The sign-in form again with ``error`` (or, for the page's script, the error as JSON), a fresh CSRF token."""
    fresh = secrets.token_urlsafe(24)
    response: Response
    if as_json:
        response = JSONResponse({"ok": False, "error": error, "csrf": fresh}, status_code=status,
                                headers={"Cache-Control": "no-store"})
    else:
        response = _signin_page(lang, next_path, fresh, error=error, status=status)
    _set_cookie(response, request, CSRF_COOKIE, fresh, max_age=3600, path="/signin")
    return response


async def sso_start(request: Request) -> Response:
    """Single sign-on, first leg (sso.py): off to the provider; 404 when it is not configured."""
    name = request.query_params.get("provider", "default")
    if name not in sso.providers():
        return Response("404", status_code=404)
    next_path = safe_next(request.query_params.get("next"))
    lang = _lang_of(next_path, request.query_params.get("lang"))
    return await sso.begin(request, name, {"next": next_path, "lang": lang})


async def sso_callback(request: Request) -> Response:
    """Single sign-on, back from the provider: the token's e-mail names the account; then as a password sign-in."""
    engine = _engine()
    try:
        flow, claims = await sso.finish(request)
    except sso.FlowError as exc:
        lang = exc.flow.get("lang") if exc.flow.get("lang") in ("vi", "en") else "vi"
        await run_in_threadpool(accounts.sso_failed, engine, exc.flow.get("provider"), exc.reason)
        return _refused(request, lang, safe_next(exc.flow.get("next")),
                        t("signin.sso_failed", lang, reason=exc.reason), 400)
    next_path, lang = safe_next(flow.get("next")), flow.get("lang", "vi")
    try:
        user = await run_in_threadpool(accounts.sso_login, engine, claims.get("email"),
                                       verified=claims.get("email_verified"), provider=flow["provider"], lang=lang)
    except accounts.AuthError as exc:
        return _refused(request, lang, next_path, str(exc), 403)
    # This request came from the provider's site: a redirect from here would still be cross-site for the
    # browser, which would then withhold the SameSite=Strict cookie. A page of ours that moves on is same-site.
    target = html.escape(next_path)
    response = HTMLResponse(
        f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}">'
        f'<title>…</title><a href="{target}">{target}</a>', headers={"Cache-Control": "no-store"})
    await _open_session(request, response, user)
    return response


async def signout_post(request: Request) -> Response:
    """Logout (a form POST from the sidebar, with a token derived from the session)."""
    form = await request.form()
    token = request.cookies.get(COOKIE, "")
    if token and hmac.compare_digest(sessions.csrf_token(token), str(form.get("csrf") or "")) and _same_origin(request):
        await run_in_threadpool(sessions.end_session, _engine(), token)
    else:
        return Response("403", status_code=403)
    lang = "en" if str(form.get("lang") or "") == "en" else "vi"
    response = RedirectResponse(f"/signin?why=out&lang={lang}", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_is_https(request))
    return response


async def healthz(_request: Request) -> Response:
    """Liveness and database: 200 with ``{"status": "ok"}``, 503 if the database does not answer."""
    from sqlalchemy import text

    def ping() -> None:
        with _engine().connect() as conn:
            conn.execute(text("SELECT 1"))

    started = time.perf_counter()
    try:
        await run_in_threadpool(ping)
    except Exception as exc:
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503,
                            headers={"Cache-Control": "no-store"})
    return JSONResponse({"status": "ok", "database_ms": round((time.perf_counter() - started) * 1000, 1)},
                        headers={"Cache-Control": "no-store"})


ROUTES: Final = [
    Route("/signin", signin_get, methods=["GET"]),
    Route("/signin", signin_post, methods=["POST"]),
    Route("/signout", signout_post, methods=["POST"]),
    Route(sso.START_PATH, sso_start, methods=["GET"]),
    Route(sso.CALLBACK_PATH, sso_callback, methods=["GET"]),
    Route("/healthz", healthz, methods=["GET"]),
]


# ---------------------------------------------------------------------------------------------------------
# The gate, headers and compression


def _csp(tiles_origin: str | None) -> str:
    """The content security policy: everything from this server.

    Streamlit's shell has one inline script (allowed by hash, as are ours: the sign-in page's and the base-path
    setting of every shell), its styles are inline (emotion), the map
    frame runs folium's scripts by ``eval`` and has an inline bootstrap (by hash); the frame is same-origin,
    so its document gets this policy too.
    """
    pages = [STREAMLIT_STATIC / "index.html", FRAME_DIR / "index.html"]
    inline = re.compile(r"<script>(.*?)</script>", re.S)
    scripts = [s for page in pages for s in inline.findall(page.read_text(encoding="utf-8"))]
    scripts += [SHELL_CONFIG_SCRIPT, SHELL_SCRIPT, SIGNIN_SCRIPT]  # the sign-in page's and every page shell's own
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                      for s in scripts)
    img = "'self' data: blob:" + (f" {tiles_origin}" if tiles_origin else "")
    return ("default-src 'self'; "
            f"script-src 'self' 'unsafe-eval' {hashes}; "
            "style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; font-src 'self' data:; connect-src 'self'; "
            "frame-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'; form-action 'self'; "
            "base-uri 'self'; object-src 'none'")


def _tiles_origin() -> str | None:
    import os

    url = os.environ.get("GEO_TILES_URL", "")
    if not url.startswith(("http://", "https://")):
        return None
    parts = urlsplit(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
    return f"{parts.scheme}://{parts.netloc}"


def _is_public(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)


class Gate:
    """ASGI middleware in front of Streamlit: sign-in required, headers, compressed shell and bundles."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.csp = _csp(_tiles_origin())
        self._compressed: dict[str, tuple[bytes, list]] = {}  # path -> (body as sent, headers) for hashed files

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:  # noqa: D102 - ASGI
        if scope["type"] == "websocket":
            if not await self._signed_in(scope):
                # Refused before accept: uvicorn answers the handshake with 403; no Streamlit session exists.
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if not _is_public(path) and not await self._signed_in(scope):
            await self._refuse(scope, receive, send)
            return
        await self._serve(scope, receive, send)

    async def _signed_in(self, scope: dict) -> bool:
        token = _cookie(scope, COOKIE)
        if not token:
            return False
        found = await run_in_threadpool(sessions.lookup, _engine(), token)
        scope.setdefault("state", {})["user"] = found.user
        return found.user is not None

    async def _refuse(self, scope: dict, receive: Callable, send: Callable) -> None:
        method = scope["method"]
        path = scope["path"]
        accept = _header(scope, b"accept")
        if method in ("GET", "HEAD") and not path.startswith("/_stcore/") and (
                "text/html" in accept or not accept or "*/*" in accept):
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            why = "&why=expired" if _cookie(scope, COOKIE) else ""
            location = "/signin" + (f"?next={quote(target, safe='')}" if target != "/" else "?") + why
            location = location.replace("?&", "?").rstrip("?")
            if _header(scope, b"sec-fetch-site") == "cross-site" and not _cookie(scope, COOKIE):
                # A link followed from another site (webmail, a chat app): the browser withholds a SameSite=Strict
                # cookie on that first navigation only. A same-site reload of the same URL carries it; if
                # there is still no cookie then, the next answer is the redirect below.
                response: Response = HTMLResponse(
                    f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0">'
                    f'<title>…</title><a href="{html.escape(target)}">{html.escape(target)}</a>',
                    headers={"Cache-Control": "no-store"})
            else:
                response = RedirectResponse(location, status_code=303, headers={"Cache-Control": "no-store"})
        else:
            response = JSONResponse({"error": "sign-in required"}, status_code=401)
        await self._serve_response(response, scope, receive, send)

    async def _serve_response(self, response: Response, scope: dict, receive: Callable, send: Callable) -> None:
        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(scope, list(message.get("headers", [])))
            await send(message)

        await response(scope, receive, send_with_headers)

    def _headers(self, scope: dict, headers: list) -> list:
        ours = {b"x-content-type-options": b"nosniff", b"referrer-policy": b"same-origin",
                b"x-frame-options": b"SAMEORIGIN", b"content-security-policy": self.csp.encode(),
                b"cross-origin-opener-policy": b"same-origin"}
        if _is_https(scope):
            ours[b"strict-transport-security"] = b"max-age=31536000"
        path = scope["path"]
        if path.startswith(IMMUTABLE_PREFIXES) or _current_version(scope, path):
            ours[b"cache-control"] = b"public, max-age=31536000, immutable"
        return [(k, v) for k, v in headers if k.lower() not in ours] + list(ours.items())

    async def _serve(self, scope: dict, receive: Callable, send: Callable) -> None:
        path = scope["path"]
        wants_gzip = "gzip" in _header(scope, b"accept-encoding")
        cacheable = path.startswith(CACHEABLE_PREFIXES)
        shell = scope["method"] in ("GET", "HEAD") and _is_shell(path)
        compress = wants_gzip and scope["method"] in ("GET", "HEAD") and (cacheable or shell)
        if not compress and not shell and path != FRAME_PAGE:
            await self._serve_response_app(scope, receive, send)
            return
        if cacheable and path in self._compressed:
            body, headers = self._compressed[path]
            await send({"type": "http.response.start", "status": 200, "headers": self._headers(scope, headers)})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            return
        # Collect the answer, compress it when it is worth it, and remember it for hashed files.
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        complete: list[bool] = []

        async def collect(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    complete.append(True)

        # The plain file from Streamlit: it would gzip some of them anew for every request, and a page shell
        # must be plain to take SHELL_CONFIG_SCRIPT (Streamlit 1.67 gzips the shell of a page path itself).
        if cacheable or shell:
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]}
        await self.app(scope, receive, collect)
        body = b"".join(chunks)
        headers = list(start.get("headers", []))
        declared = next((v for k, v in headers if k.lower() == b"content-length"), None)
        if not complete or (declared is not None and scope["method"] == "GET" and int(declared) != len(body)):
            # Starlette's FileResponse stops streaming when the client goes away (a prefetch cancelled by the
            # sign-in's navigation): the part collected must be neither cached nor sent. Cached, it was served
            # to every later visitor with the full Content-Length (h11: "Too little data"), breaking the page.
            return
        ctype = next((v.decode("latin-1") for k, v in headers if k.lower() == b"content-type"), "")
        encoded = any(k.lower() == b"content-encoding" for k, _ in headers)
        status = start.get("status", 200)
        if shell and status == 200 and not encoded and ctype.startswith("text/html"):
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"etag")]
            if scope["method"] == "GET":
                body = with_shell_config(body.decode("utf-8")).encode("utf-8")
                headers.append((b"content-length", str(len(body)).encode()))
        if path == FRAME_PAGE and status == 200 and not encoded and scope["method"] == "GET":
            body = versioned_frame_page(body.decode("utf-8")).encode("utf-8")
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"etag")]
            headers.append((b"content-length", str(len(body)).encode()))
        if compress and status == 200 and not encoded and len(body) > 1024 and ctype.startswith(COMPRESSIBLE):
            body = gzip.compress(body, compresslevel=6 if not cacheable else 9, mtime=0)
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"etag")]
            headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(body)).encode()),
                        (b"vary", b"Accept-Encoding")]
        if cacheable and status == 200 and scope["method"] == "GET":
            # Fonts and images too (not compressed): streamed from disk by Streamlit for every visitor, they
            # were most of the HTTP layer's CPU under load (py-spy).
            self._compressed[path] = (body, headers)
        await send({"type": "http.response.start", "status": status, "headers": self._headers(scope, headers)})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _serve_response_app(self, scope: dict, receive: Callable, send: Callable) -> None:
        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(scope, list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _frame_asset_file(url_path: str) -> Path | None:
    """The file on disk behind a URL path the map frame's page refers to, or None."""
    if url_path.startswith(FRAME_URL):
        return FRAME_DIR / url_path[len(FRAME_URL):]
    if url_path.startswith("/app/static/"):
        return APP_STATIC_DIR / url_path[len("/app/static/"):]
    return None


_FRAME_ASSET = re.compile(r'((?:src|href)=")([^"?#:]+\.(?:js|css))(")')


@cache
def frame_asset_versions() -> dict[str, str]:
    """URL path → a hash of the file, for each script and style sheet the map frame's page loads.

    The frame's page (Streamlit serves it without a validator, ``no-cache``) is sent with these as ``?v=…``
    (:func:`versioned_frame_page`), and a file asked for with its current version is sent as immutable: the
    browser then runs Leaflet and ``frame.js`` from its memory cache instead of asking the server again
    while the dashboard draws (about 45 ms sooner to the painted map on a first sign-in). A new release
    changes the hash, hence the URL, so no one runs an old ``frame.js``.
    """
    page = (FRAME_DIR / "index.html").read_text(encoding="utf-8")
    out = {}
    for found in _FRAME_ASSET.finditer(page):
        path = urljoin(FRAME_URL, found.group(2))  # ../../app/static/… from the frame
        file = _frame_asset_file(path)
        if file is not None and file.is_file():
            out[path] = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    return out


def versioned_frame_page(page: str) -> str:
    """The map frame's page with ``?v=<hash>`` on the files of :func:`frame_asset_versions`."""
    versions = frame_asset_versions()

    def add(found: re.Match) -> str:
        version = versions.get(urljoin(FRAME_URL, found.group(2)))
        return found.group(0) if version is None else f"{found.group(1)}{found.group(2)}?v={version}{found.group(3)}"

    return _FRAME_ASSET.sub(add, page)


def _is_shell(path: str) -> bool:
    """Streamlit's page shell: ``/`` and every page path (``/conversions``…), not its API."""
    return path == "/" or (re.fullmatch(r"/[a-z_-]+", path) is not None and path not in PUBLIC_EXACT)


def _current_version(scope: dict, path: str) -> bool:
    """The request names the current version of a map frame's file (``?v=`` of :func:`frame_asset_versions`)."""
    version = frame_asset_versions().get(path)
    return version is not None and parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v") == [version]


def _header(scope: dict, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def _cookie(scope: dict, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


@asynccontextmanager
async def lifespan(_app: object):
    """Open the database and prepare the geometry (and its file) at start-up, before the first visitor.

    The sign-in page can then prefetch the geometry, and nobody waits for it after signing in.
    """
    try:
        await run_in_threadpool(_warm)
    except Exception as exc:
        _stop_on_fault(exc)
        raise
    # Everything loaded so far (modules, the geometry, the caches of the warm-up) lives as long as the process:
    # out of the collector's sight, so that the full collections Python still runs do not walk it each time.
    gc.collect()
    gc.freeze()
    yield


def _stop_on_fault(exc: BaseException) -> None:
    """A database that cannot be opened at start-up: one line on the terminal and exit 1, not a traceback.

    The line is the command line's (:func:`geo.faults.fault_message`: the server's host and port, the file);
    ``GEO_DEBUG=1`` lets the traceback through for a developer. Anything else is raised as it is.
    """
    import os
    import sys

    from geo.contract import default_db_url
    from geo.faults import debug, fault_message

    line = fault_message(exc, os.environ.get("GEO_LANG", "vi"), url=default_db_url())
    if line is None or debug():
        return
    print(line, file=sys.stderr, flush=True)
    os._exit(1)  # uvicorn would print the lifespan's traceback for any exception, SystemExit included


def _warm() -> None:
    from streamlit.runtime import get_instance

    from dashboard.components import mapframe

    # declare_component registers a component only inside a script run (Streamlit 1.67), and mapframe is
    # imported once per process: registered here, its files are served before anyone has signed in (the
    # sign-in page prefetches them) and after, whichever import came first.
    get_instance().component_registry.register_component(mapframe.FRAME_COMPONENT)
    keep_compiled_scripts(get_instance())
    _engine()
    PREFETCH.compute()


def keep_compiled_scripts(runtime: object) -> bool:
    """Compile ``app.py`` and the pages now, and keep them compiled while nobody is connected.

    Streamlit 1.67 empties its script cache whenever the last browser session disconnects
    (``WebsocketSessionManager.disconnect_session``, "avoid stale cached scripts"): with few people on the
    dashboard, most sign-ins came to an empty server and paid for compiling ``app.py`` and the page again
    (Streamlit's "magic" rewrite of the syntax tree and ``compile``: 56 ms for the overview alone, measured
    with cProfile in the script run). Scripts change only with a release when the file watcher is off (the
    production setting), so there the cache is kept; with the watcher on (``make run``) nothing changes.
    Returns whether the cache is kept.
    """
    from streamlit import config

    script_cache = getattr(runtime, "_script_cache", None)
    if script_cache is None or config.get_option("server.fileWatcherType") != "none":
        return False
    root = ROOT
    for script in [root / "app.py", *sorted((root / "dashboard" / "views").glob("*.py"))]:
        try:
            script_cache.get_bytecode(str(script))
        except Exception:  # a page that does not compile fails in its own run, with Streamlit's message
            pass
    script_cache.clear = lambda: None  # nothing to make stale: the sources do not change while the process runs
    return True
