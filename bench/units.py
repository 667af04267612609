"""Benchmark: a period on the 166 units of 2025 (and the 559 of 2021) against the 2019 map, in one run.

    .venv/bin/python bench/units.py [--reps N] [--port P]

One app (the working tree), one database: the seeded illustrative records plus files on the units of 2021,
2025-Q3 and 2025-Q4 (tests.util.import_unit_files). For each unit version, medians of ``--reps`` fresh
browser contexts (headless Debian Chromium, network closed): sign-in click -> map painted with all its units,
and a period change within the version (colours only: 2019 -> 2019-Q3, 2025-Q3 -> 2025-Q4) -> repainted.
Ratios are against the 2019 (635-unit) figures measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.access import accounts  # noqa: E402
from geo.records.store import get_engine  # noqa: E402
from tests.util import import_unit_files  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
COUNT = ("() => { const ps = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive,"
         " .leaflet-thPoints-pane path.leaflet-interactive'); let h = 0; for (const p of ps) {"
         " const f = p.getAttribute('fill') || ''; for (let i = 0; i < f.length; i++) { h = (h * 31 +"
         " f.charCodeAt(i)) | 0; } } return [ps.length, h]; }")
CASES = [("2019", "2019-Q3", 635), ("2021", None, 559), ("2025-Q3", "2025-Q4", 166)]


def _wait(page, n: int, not_hash: int | None = None, timeout: float = 120) -> tuple[float, int]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            try:
                count, h = frame.evaluate(COUNT)
            except Exception:
                continue
            if count == n and (not_hash is None or h != not_hash):
                return time.perf_counter(), h
        time.sleep(0.02)
    raise RuntimeError(f"no map with {n} units")


def main() -> int:
    """Start the app, measure every case, print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="the app's port (0: any free one)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_units_"))
    url = f"sqlite:///{folder / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    accounts.add_user(engine, "bench", "bench-password-not-secret", "viewer")
    import_unit_files(url, folder, [("2020-06-01", "2021"), ("2025-07-01", "2025-Q3")], replace=True,
                      not_healthy_every=7)
    import_unit_files(url, folder, [("2025-07-01", "2025-Q4")], replace=True, not_healthy_every=5)
    with socket.socket() as s:
        s.bind(("127.0.0.1", args.port))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=ROOT,
                            env={**os.environ, "GEO_DB_URL": url}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {}
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for rep in range(args.reps + 1):  # the first round warms the server's caches, not counted
                for period, change, n in CASES:
                    ctx = browser.new_context(viewport={"width": 1500, "height": 1300})
                    page = ctx.new_page()
                    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                               or r.request.url.startswith(("data:", "blob:", "about:")) else r.abort())
                    page.goto(f"{base}/?period={period}")
                    page.get_by_label("Tên đăng nhập").fill("bench")
                    page.get_by_role("textbox", name="Mật khẩu").fill("bench-password-not-secret")
                    t0 = time.perf_counter()
                    page.get_by_role("button", name="Đăng nhập").click()
                    t1, h = _wait(page, n)
                    row = results.setdefault(period, {"paint": [], "change": []})
                    if rep:
                        row["paint"].append((t1 - t0) * 1000)
                    if change:
                        time.sleep(1.5)
                        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
                        page.keyboard.type(change)  # many periods: the list is virtualised, filter it first
                        option = page.get_by_role("option", name=change, exact=True)
                        option.wait_for()
                        t2 = time.perf_counter()
                        option.click()
                        t3, _ = _wait(page, n, not_hash=h)
                        if rep:
                            row["change"].append((t3 - t2) * 1000)
                    ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    ref = {k: statistics.median(v) for k, v in results["2019"].items() if v}
    print(f"reps {args.reps}; medians in ms; ratio = this version / the 2019 map (635 units), same run")
    for period, _, n in CASES:
        for what in ("paint", "change"):
            values = results[period][what]
            if values:
                med = statistics.median(values)
                print(f"{period:8} {n:4} units  {what:6}  {med:7.0f} ms  ({min(values):.0f}–{max(values):.0f})"
                      f"  ratio {med / ref[what]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
