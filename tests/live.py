"""The product started as a user starts it (`streamlit run app.py`, uvicorn behind st.App).

For the tests that speak HTTP, websockets or drive a browser.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
# Debian's chromium, never a browser a test tool downloads; the flags the house uses for it.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Skip a browser test where chromium is missing; fail it in CI, where `make test` installs it."""
    import pytest

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: `make test` installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (make test installs it)")


def close_network(target, base: str) -> list[str]:
    """Let ``target`` (a Playwright page or context) reach only the app at ``base`` (and data:, blob:, about:).

    Every other request is aborted and its URL recorded in the list returned: the tests run with the network
    closed and assert that the list stays empty.
    """
    host = base.split("//", 1)[1]
    outside: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.split("//", 1)[-1].startswith(host) or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    target.route("**/*", route)
    return outside


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeded_database(url: str) -> None:
    """The illustrative records and one account per role, all with :data:`PASSWORD`."""
    from geo.access import accounts
    from geo.records.store import get_engine

    engine = get_engine(url, seed=True)
    for role in accounts.ROLES:
        if accounts.get_user(engine, role) is None:
            accounts.add_user(engine, role, PASSWORD, role)


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not answer /healthz within {timeout} s")


def start_app(db: str, log_path: Path, *, port: int | None = None, extra_env: dict | None = None,
              args: tuple[str, ...] = ()) -> tuple[str, subprocess.Popen]:
    """`streamlit run app.py` on a free loopback port; returns the base URL and the process."""
    port = port or free_port()
    env = {**os.environ, "GEO_DB_URL": db, **(extra_env or {})}
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
    except RuntimeError:
        proc.terminate()
        raise
    return base, proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


class Answer:
    def __init__(self, resp: http.client.HTTPResponse) -> None:
        self.status = resp.status
        self.headers = {k.lower(): v for k, v in resp.getheaders()}
        self.cookies = [v for k, v in resp.getheaders() if k.lower() == "set-cookie"]
        raw = resp.read()
        self.raw = raw
        self.body = gzip.decompress(raw) if self.headers.get("content-encoding") == "gzip" else raw

    def cookie(self, name: str) -> str | None:
        for c in self.cookies:
            if c.startswith(name + "="):
                return c
        return None


def call(base: str, method: str, path: str, *, headers: dict | None = None, form: dict | None = None) -> Answer:
    host = urlsplit(base).netloc
    conn = http.client.HTTPConnection(host, timeout=60)
    body = urlencode(form).encode() if form is not None else None
    hdrs = {"Accept": "text/html", **(headers or {})}
    if body is not None:
        hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        hdrs.setdefault("Origin", base)
    conn.request(method, path, body=body, headers=hdrs)
    try:
        return Answer(conn.getresponse())
    finally:
        conn.close()


def value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


def signin_form(base: str, next_path: str = "/") -> tuple[str, str]:
    """GET the sign-in page: (the CSRF cookie's value, the token in the form)."""
    page = call(base, "GET", "/signin?" + urlencode({"next": next_path}))
    assert page.status == 200
    token = re.search(rb'name="csrf" value="([^"]+)"', page.body).group(1).decode()
    return value(page.cookie("th_csrf")), token


def sign_in(base: str, user: str = "viewer", password: str = PASSWORD, next_path: str = "/") -> Answer:
    cookie, token = signin_form(base, next_path)
    return call(base, "POST", "/signin", headers={"Cookie": f"th_csrf={cookie}"},
                form={"csrf": token, "next": next_path, "username": user, "password": password})


def session_cookie(base: str, user: str = "viewer") -> str:
    answer = sign_in(base, user)
    assert answer.status == 303, answer.body
    return "th_session=" + value(answer.cookie("th_session"))
