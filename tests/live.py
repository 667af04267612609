"""The product started as a user starts it (`streamlit run app.py`, uvicorn behind st.App).

For the tests that speak HTTP, websockets or drive a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeded_database(url: str) -> None:
    """The illustrative records and one account per role, all with :data:`PASSWORD`."""
    from geo import auth
    from geo.store import get_engine

    engine = get_engine(url, seed=True)
    for role in auth.ROLES:
        if auth.get_user(engine, role) is None:
            auth.add_user(engine, role, PASSWORD, role)


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


def start_app(db_url: str, log_path: Path, *, port: int | None = None, extra_env: dict | None = None,
              args: tuple[str, ...] = ()) -> tuple[str, subprocess.Popen]:
    """`streamlit run app.py` on a free loopback port; returns the base URL and the process."""
    port = port or free_port()
    env = {**os.environ, "GEO_DB_URL": db_url, **(extra_env or {})}
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
