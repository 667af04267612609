"""The deployment topology: two app processes behind Debian's nginx (deploy/nginx.conf), one PostgreSQL.

A person signs in through one process; the next request lands on the other and is still signed in (the
sessions live in the database). The websocket goes through nginx to the process that serves the session.
``make test`` installs nginx (``make nginx-deps``) and PostgreSQL (``make postgres-deps``); without them the
module is skipped, except under CI, where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests import live
from tests.live import call, sign_in, value

pytestmark = pytest.mark.postgres
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _need(what: str, ok: bool) -> None:
    if not ok:
        reason = f"{what} is not installed (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def topology(pg_server, tmp_path_factory):
    """Two app processes on one database of the session's PostgreSQL server (conftest), nginx in front."""
    _need("nginx", Path(NGINX).exists())
    procs = []
    nginx = None
    url = pg_server.new_database()
    try:
        live.seeded_database(url)
        tmp = tmp_path_factory.mktemp("proxy")
        apps = []
        for i in range(2):
            base, proc = live.start_app(url, tmp / f"app{i}.log")
            procs.append(proc)
            apps.append(base.rsplit(":", 1)[1])
        port = live.free_port()
        site = (live.ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        site = site.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{apps[0]};")
        site = site.replace("server 127.0.0.1:8502;", f"server 127.0.0.1:{apps[1]};")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
        for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (tmp / d).mkdir()
        conf = tmp / "nginx.conf"
        conf.write_text(f"""
daemon off;
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    add_header X-Upstream $upstream_addr always;   # for this test only: which process answered
    {site}
}}
""", encoding="utf-8")
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        live.wait_healthy(base, nginx, timeout=30)
        yield base, {f"127.0.0.1:{p}" for p in apps}
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for proc in procs:
            live.stop(proc)
        pg_server.drop_database(url)


def test_signed_in_through_one_process_and_still_signed_in_on_the_other(topology):
    base, upstreams = topology
    seen: set[tuple[str, str]] = set()
    for _ in range(12):  # each sign-in gets a new cookie; the cookie decides the process (nginx hash)
        answer = sign_in(base, "viewer")
        assert answer.status == 303
        signed_via = answer.headers["x-upstream"]
        cookie = "th_session=" + value(answer.cookie("th_session"))
        page = call(base, "GET", "/", headers={"Cookie": cookie})
        assert page.status == 200 and b'<div id="root">' in page.body  # the dashboard's shell, signed in
        seen.add((signed_via, page.headers["x-upstream"]))
        if any(a != b for a, b in seen):
            break
    assert {a for a, _ in seen} | {b for _, b in seen} <= upstreams
    assert any(a != b for a, b in seen), f"every request landed on the sign-in's process: {seen}"
    # And an anonymous request is refused whichever process it reaches.
    assert call(base, "GET", "/conversions").status == 303


def test_the_websocket_goes_through_nginx_to_the_session_s_process(topology):
    base, _ = topology
    answer = sign_in(base, "viewer")
    cookie = "th_session=" + value(answer.cookie("th_session"))
    process = call(base, "GET", "/", headers={"Cookie": cookie}).headers["x-upstream"]
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, origin=base, subprotocols=["streamlit"], open_timeout=20,
                 additional_headers={"Cookie": cookie}) as ws:
        assert ws.response.headers.get("X-Upstream") == process  # sticky: the same process as the page
    assert re.fullmatch(r"127\.0\.0\.1:\d+", process)
