"""Many people at once: K people sign in at the same moment and wait for the overview's map.

Starts the app as deployed (``streamlit run app.py`` with the repository's production config, a seeded
illustrative SQLite database, one account per person), warms it with one visit, then for each K (default 1,
5, 10, 20): K fresh browser contexts open ``/signin`` and fill the form, a few at a time (the page prefetches the
map's public files meanwhile, as while a person types), then all press "Đăng nhập" together. Reported per K:

- the **server's CPU-seconds per person**: user + system time of the app process (all its threads, read from
  ``/proc/<pid>/stat``) over the round, divided by K. The browsers run on the same machine; their CPU is not
  counted, but they compete with the server for the 2 cores, so the times below are pessimistic;
- the **median and slowest sign-in click → map painted** (every commune drawn in the map frame);
- the **peak server memory** in the round (VmHWM, reset before each round through ``/proc/<pid>/clear_refs``);
- **errors**: people whose map was not painted within the time limit (none allowed).

Run: ``.venv/bin/python bench/load.py [--k 1,5,10,20] [--json FILE]`` (``make bench`` runs it after
bench/run.py). Loopback only; Debian's /usr/bin/chromium, network closed to everything but the app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
# the time of the click, read in the page; the browser's arguments, which close the network (as bench/run.py)
from bench.run import BROWSER_ARGS as ARGS  # noqa: E402
from bench.run import CLICK_CLOCK_JS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE_DONE = "[data-testid=stSidebar] [data-testid=stSelectbox] input"  # the period selector, drawn after the map
PASSWORD = "load-test-password"
COUNT = ("() => [document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive,"
         " .leaflet-thPoints-pane path.leaflet-interactive').length, Date.now()]")
TICK = os.sysconf("SC_CLK_TCK")
# Before the clock: each person opens the sign-in page and types, a few at a time (on this 2-core machine 20
# pages loading the sign-in page and its prefetches at once took more than Playwright's 30 s each, which
# counted as errors of the round although nobody had pressed "Đăng nhập" yet).
SETUP_AT_ONCE = 4
SETUP_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process, every thread included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of stat)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak(pid: int) -> None:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    except OSError:
        pass


async def person(browser, base: str, name: str, go: asyncio.Event, ready: list, timeout: float,
                 setting_up: asyncio.Semaphore) -> dict:
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(SETUP_TIMEOUT_S * 1000)
    page = await ctx.new_page()
    # Not routed: Playwright's routing switches the browser's HTTP cache off, and the map frame would fetch the
    # sign-in page's prefetches again. The browser itself resolves no host name (ARGS), so nothing leaves.
    try:
        async with setting_up:  # people open the sign-in page over a minute, not all in the same second
            await page.goto(f"{base}/signin", wait_until="load")
            await page.fill("#username", name)
            await page.fill("#password", PASSWORD)
            await page.wait_for_load_state("networkidle")  # the prefetches, while the person types
        ready.append(name)
        await page.evaluate(CLICK_CLOCK_JS)
        await go.wait()
        t0 = time.perf_counter()
        await page.click("button[type=submit]")
        clicked = await page.evaluate("window.__benchClick")  # ms since the epoch, in the page
        deadline = t0 + timeout
        painted = None
        while painted is None and time.perf_counter() < deadline:
            for frame in page.frames:
                try:
                    count, now = await frame.evaluate(COUNT)
                except Exception:
                    continue
                if count > 0:  # Leaflet adds the whole commune layer at once
                    painted = now - clicked
                    break
            else:
                await asyncio.sleep(0.05)
        if painted is None:
            return {"ms": None, "page_ms": None, "error": "no map within the time limit"}
        # The rest of the page (page.map_first: the frame's answer reruns the page, which draws the selectors and
        # the tables): waited for, so that its script run is in the CPU figure and a page that never comes is
        # an error.
        try:
            await page.locator(PAGE_DONE).first.wait_for(timeout=max(1.0, deadline - time.perf_counter()) * 1000)
        except Exception:
            return {"ms": painted, "page_ms": None, "error": "the map came, the rest of the page did not"}
        return {"ms": painted, "page_ms": await page.evaluate("Date.now()") - clicked, "error": None}
    except Exception as exc:
        return {"ms": None, "page_ms": None, "error": f"{type(exc).__name__}: {exc}"[:200]}
    finally:
        await ctx.close()


async def round_(browser, base: str, pid: int, k: int, timeout: float) -> dict:
    go = asyncio.Event()
    ready: list[str] = []
    setting_up = asyncio.Semaphore(SETUP_AT_ONCE)
    cpu_setup0 = cpu_seconds(pid)  # the sign-in pages: the shell, its bundles, the prefetches (before the clock)
    tasks = [asyncio.create_task(person(browser, base, f"user{i}", go, ready, timeout, setting_up))
             for i in range(k)]
    while len(ready) < k and not all(t.done() for t in tasks):
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)
    reset_peak(pid)
    cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
    setup_cpu = cpu0 - cpu_setup0
    go.set()
    results = await asyncio.gather(*tasks)
    cpu = cpu_seconds(pid) - cpu0
    times = [r["ms"] for r in results if r["ms"] is not None]
    pages = [r["page_ms"] for r in results if r["page_ms"] is not None]
    return {"k": k, "cpu_s_per_person": cpu / k, "setup_cpu_s_per_person": setup_cpu / k,
            "median_ms": statistics.median(times) if times else None,
            "median_page_ms": statistics.median(pages) if pages else None,
            "max_ms": max(times) if times else None, "peak_rss_mb": peak_rss_mb(pid),
            "errors": [r["error"] for r in results if r["error"]], "wall_s": time.perf_counter() - wall0}


async def run(ks: list[int], timeout: float) -> dict:
    from playwright.async_api import async_playwright

    from geo.access import accounts
    from geo.records.store import get_engine

    tmp = Path(tempfile.mkdtemp(prefix="geo-load-"))
    url = f"sqlite:///{tmp / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    for i in range(max(ks)):
        accounts.add_user(engine, f"user{i}", PASSWORD, "viewer")
    engine.dispose()
    port = free_port()
    log = (tmp / "app.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1"], cwd=ROOT,
                            env={**os.environ, "GEO_DB_URL": url}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            warm = await round_(browser, base, proc.pid, 1, timeout)  # the caches of the first visit
            rounds = [await round_(browser, base, proc.pid, k, timeout) for k in ks]
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"warm_up": warm, "rounds": rounds, "nproc": os.cpu_count()}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", default="1,5,10,20", help="people at once, comma-separated")
    # 20 browsers and the server share 2 cores here: each Streamlit page costs the browser seconds of CPU, so
    # K = 20 takes minutes of wall time (bench/RESULTS.md); a person on their own PC waits seconds.
    parser.add_argument("--timeout", type=float, default=300, help="seconds a person waits for the map")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    result = asyncio.run(run([int(k) for k in args.k.split(",")], args.timeout))
    # CPU s/person: from the click to the whole page (the map, then the rest); sign-in page: opening it before
    # the clock (the shell, its bundles and prefetches, served while the person types). median/slowest ms: the
    # click to the map painted; page ms: to the period selector, which comes after the map.
    print(f"{'K':>3}  {'CPU s/person':>12}  {'sign-in page':>12}  {'median ms':>9}  {'slowest ms':>10}  "
          f"{'page ms':>7}  {'peak MB':>7}  errors")
    for r in result["rounds"]:
        print(f"{r['k']:>3}  {r['cpu_s_per_person']:>12.2f}  {r['setup_cpu_s_per_person']:>12.2f}  "
              f"{r['median_ms'] or float('nan'):>9.0f}  {r['max_ms'] or float('nan'):>10.0f}  "
              f"{r['median_page_ms'] or float('nan'):>7.0f}  "
              f"{r['peak_rss_mb']:>7.0f}  {len(r['errors'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
