"""Benchmark: this app against a naive reference built here, on the same data and machine, in one run.

    .venv/bin/python bench/run.py [--reps N] [--quick] [--tree] [--json FILE]

Measured (medians of ``--reps`` runs; the ratio is naive / ours):

1. bytes the browser receives for the province map before it is painted (HTTP bodies except Streamlit's
   shell ``/``, ``/static/…``, ``/_stcore/…`` and the websocket frames), and the total once the page settles;
2. time from the page's load event to the map painted (headless Chromium, network closed);
3. time from changing the period / the district filter to the map repainted;
4. time to export an A4 300-dpi PNG and PDF sheet (naive: GeoDataFrame.plot of the full layer, savefig);
5. time to validate and import a 635-row XLSX and an 11,047-row national XLSX (naive: read_excel, row-by-row
   INSERT);
6. the national layer: preparation time, bytes, time to paint a standalone page, peak memory.

The app is measured from a snapshot of the committed tree (``git archive HEAD``) unless ``--tree`` is given,
so unfinished work of others in the working tree does not change the figures.

Offline substitution for the naive app (KNOWN-TRAPS: Choropleth's legend makes st_folium load d3 from public
CDNs first): CDN requests are answered locally, Leaflet with the vendored Leaflet 1.9.4 and jQuery with
Debian's, their real sizes counted; the files not on this machine (d3, bootstrap, awesome-markers,
font-awesome) are answered with a few-byte stub (d3: a chainable no-op, so no legend is drawn) and their
bytes are NOT counted: the naive byte figures are an underestimate.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SRC = ROOT  # the tree measured: a snapshot of HEAD (see main)
NATIONAL = ROOT.parent / "shared" / "data" / "national" / "vn_communes_c2009.parquet"
SHELL = ("/static/", "/_stcore/")
BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-not-secret"
D3_STUB = ("window.d3=(function(){var f=function(){return p};"
           "var p=new Proxy(f,{get:function(){return p},apply:function(){return p}});return p})();")
LOCAL_JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")

COUNT_JS = """() => { const ps = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive,'
  + ' .leaflet-thPoints-pane path.leaflet-interactive');
  let h = 0; for (const p of ps) { const f = p.getAttribute('fill') || ''; for (let i = 0; i < f.length; i++) {
  h = (h * 31 + f.charCodeAt(i)) | 0; } }
  return [ps.length, h, Date.now()]; }"""

# The network closed by the browser: no host name resolves (the apps are reached by IP address), so nothing
# can leave the machine whether or not a page is routed (see Visit).
CLOSED_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", CLOSED_NETWORK]

# Records the time of the sign-in click in the page itself (capture phase: before any handler of the page).
CLICK_CLOCK_JS = "() => document.addEventListener('click', () => { window.__benchClick ||= Date.now(); }, true)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def median(xs: list[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


# --------------------------------------------------------------------------------------------- apps


class App:
    """``streamlit run SCRIPT`` on a free port; its process id for memory figures."""

    def __init__(self, cwd: Path, script: str, env: dict[str, str]) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile("w", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=cwd, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{script} did not start; see {self.log.name}")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Visit:
    """One page in a fresh browser context (empty cache), the network closed but for the app's host."""

    def __init__(self, browser, base: str, path: str = "", *, naive: bool = False) -> None:
        self.ctx = browser.new_context(viewport={"width": 1500, "height": 1400})
        self.page = self.ctx.new_page()
        # (monotonic time, bytes, what): bytes as received (HTTP bodies gzip-encoded where the server
        # compressed them; websocket payloads: Streamlit does not compress them by default, in both apps)
        self._events: list[tuple[float, int, str]] = []
        self._decoded: list[tuple[float, int, str]] = []  # the same, HTTP bodies decoded
        self._http_decoded: list[tuple[float, str, int, str]] = []  # (time, URL, bytes seen, what): see _count_http
        self._url_decoded: dict[str, int] = {}  # URL -> its decoded size, the largest seen
        self._pending: list[tuple[float, object]] = []  # finished shell requests whose bodies are not read yet
        self._base = base
        self.shell: dict[str, bytes] = {}
        self.shell_wire: dict[str, int] = {}
        self.blocked: list[str] = []
        host = base.split("//", 1)[1]
        vendor = ROOT / "static" / "vendor"

        def route(r) -> None:
            url = r.request.url
            if url.split("//", 1)[-1].startswith(host) or url.startswith(("data:", "blob:", "about:")):
                return r.continue_()
            if naive:  # documented substitution of the CDN files (module docstring)
                name = url.rsplit("/", 1)[-1]
                if name == "leaflet.js":
                    body, ctype = (vendor / "leaflet" / "leaflet.js").read_bytes(), "application/javascript"
                elif name == "leaflet.css":
                    body, ctype = (vendor / "leaflet" / "leaflet.css").read_bytes(), "text/css"
                elif "jquery" in name and LOCAL_JQUERY.exists():
                    body, ctype = LOCAL_JQUERY.read_bytes(), "application/javascript"
                elif "d3" in name:
                    body, ctype = D3_STUB.encode(), "application/javascript"
                    self.blocked.append(url)
                else:
                    body = b""
                    ctype = "text/css" if name.endswith(".css") else "application/javascript"
                    self.blocked.append(url)
                if body and "d3" not in name:
                    self._events.append((time.monotonic(), len(body), "cdn-substitute " + name))
                    self._decoded.append((time.monotonic(), len(body), "cdn-substitute " + name))
                return r.fulfill(status=200, body=body, content_type=ctype)
            self.blocked.append(url)
            return r.abort()

        def on_finished(req) -> None:
            # Sizes are read later (``events``): Request.sizes() inside this handler fails for requests of a
            # frame that is still being set up ("Target closed", Playwright 1.5x).
            if req.url.startswith(base):
                self._pending.append((time.monotonic(), req))

        def on_ws(ws) -> None:
            def frame(payload) -> None:
                n = len(payload) if isinstance(payload, (bytes, str)) else 0
                if isinstance(payload, str):
                    n = len(payload.encode())
                self._events.append((time.monotonic(), n, "ws"))
                self._decoded.append((time.monotonic(), n, "ws"))

            ws.on("framereceived", frame)

        def on_failed(req) -> None:  # ours: what tried to leave the app's host (the browser cannot resolve it)
            if not req.url.startswith((base, "data:", "blob:", "about:")):
                self.blocked.append(req.url)

        # Playwright's request routing switches the browser's HTTP cache off for the page ("Enabling routing
        # disables http cache", Page.route): the sign-in page's prefetches (Leaflet, the frame, the geometry)
        # were then fetched again by the map frame. Only the naive app, whose CDN files are answered here, is
        # routed; the network is closed for both by the browser itself (CLOSED_NETWORK).
        if naive:
            self.page.route("**/*", route)
        else:
            self.page.on("requestfailed", on_failed)
        self.page.on("requestfinished", on_finished)
        self.page.on("websocket", on_ws)
        self._count_http(self.ctx.new_cdp_session(self.page))
        self.page.goto(f"{base}/{path}", wait_until="load")
        self.load_ms = self.page.evaluate("performance.timing.loadEventStart")
        if not naive:
            self.sign_in()

    def _count_http(self, cdp) -> None:
        """Count the app's HTTP bodies as the browser received them (Chrome's Network domain).

        Playwright reports neither the requests of ``<link rel=prefetch>`` (the sign-in page's) nor sizes for
        answers from the cache (it gives a negative body size), so the bytes are counted from Chrome's own
        events: a body as it came over the wire (gzip-encoded where the server compressed it), counted when
        it arrives, and nothing for an answer the browser took from its cache (its bytes came earlier). Chrome
        reports no decoded data for a prefetch: its decoded size is that of the same URL read later.
        Streamlit's shell (``/``, ``/static/…``, ``/_stcore/…``) is counted apart, as before.
        """
        started: dict[str, str] = {}
        headers: dict[str, int] = {}
        cached: set[str] = set()
        decoded: dict[str, int] = {}

        def sent(e) -> None:
            if e["request"]["url"].startswith(self._base):
                started[e["requestId"]] = e["request"]["url"]

        def answered(e) -> None:
            r = e["response"]
            if r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker"):
                cached.add(e["requestId"])
            headers[e["requestId"]] = r.get("encodedDataLength", 0)

        def data(e) -> None:
            decoded[e["requestId"]] = decoded.get(e["requestId"], 0) + e.get("dataLength", 0)
            url = started.get(e["requestId"])
            if url:
                self._url_decoded[url] = max(self._url_decoded.get(url, 0), decoded[e["requestId"]])

        def finished(e) -> None:
            url = started.pop(e["requestId"], None)
            if url is None:
                return
            rid = e["requestId"]
            wire = 0 if rid in cached else max(0, int(e["encodedDataLength"]) - headers.get(rid, 0))
            body = decoded.get(rid, 0)
            path = url[len(self._base):].split("?", 1)[0]
            if path in ("", "/") or path.startswith(SHELL):
                self.shell_wire[path] = self.shell_wire.get(path, 0) + wire
                return
            when = time.monotonic()
            self._events.append((when, wire, "http " + path))
            if rid not in cached:
                self._http_decoded.append((when, url, body, "http " + path))

        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))  # the memory cache
        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.responseReceived", answered)
        cdp.on("Network.dataReceived", data)
        cdp.on("Network.loadingFinished", finished)
        cdp.send("Network.enable")

    def sign_in(self) -> None:
        """The app asks for a login before any data (access control): sign in through the real form.

        The map's clock then starts at the click on the sign-in button (the data page starts loading then),
        not at the load event; the login page's own bytes are counted with the map's (conservative).
        """
        name = self.page.get_by_label("Tên đăng nhập")
        try:
            name.wait_for(timeout=20_000)
        except Exception:
            return
        name.fill(BENCH_USER)
        self.page.get_by_role("textbox", name="Mật khẩu").fill(BENCH_PASSWORD)
        # A person takes seconds to type: the sign-in page's prefetches (the map's public files) finish
        # meanwhile. Their bytes are counted with the map's.
        self.page.wait_for_load_state("networkidle")
        # The clock starts when the click reaches the page (as the naive app's starts at its load event, read
        # in the page), not when Playwright is asked to click: that adds its own 30-60 ms of round trips.
        self.page.evaluate(CLICK_CLOCK_JS)
        before = self.page.evaluate("Date.now()")
        self.page.get_by_role("button", name="Đăng nhập").click()
        try:
            self.load_ms = self.page.evaluate("window.__benchClick") or before
        except Exception:  # the page navigated (the sign-in without scripts): the time before the click
            self.load_ms = before

    def wait_map(self, ok, timeout: float = 90) -> tuple[float, int, int]:
        """Poll every frame until ``ok(count, signature)``: (epoch ms seen, count, signature)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for frame in self.page.frames:
                try:
                    count, sig, now = frame.evaluate(COUNT_JS)
                except Exception:
                    continue
                if count and ok(count, sig):
                    return float(now), int(count), int(sig)
            time.sleep(0.02)
        raise TimeoutError("the map was not (re)painted in time")

    def _resolve(self) -> None:
        """Keep the shell's bodies (decoded) for the identity and gzip -9 figures; sizes come from _count_http."""
        while self._pending:
            _, req = self._pending.pop(0)
            path = req.url[len(self._base):].split("?", 1)[0]
            if path in ("", "/") or path.startswith(SHELL):
                try:
                    self.shell[path] = req.response().body()
                except Exception:
                    continue

    @property
    def events(self) -> list[tuple[float, int, str]]:
        self._resolve()
        return self._events

    @property
    def decoded(self) -> list[tuple[float, int, str]]:
        self._resolve()
        return sorted(self._decoded + [(when, max(n, self._url_decoded.get(url, 0)), what)
                                       for when, url, n, what in self._http_decoded])

    def bytes_until(self, t: float | None = None, *, decoded: bool = False) -> int:
        return sum(n for when, n, _ in (self.decoded if decoded else self.events) if t is None or when <= t)

    def settle(self, quiet: float = 2.0, limit: float = 30.0) -> None:
        """Wait until nothing has arrived for ``quiet`` seconds (e.g. st_folium's rerun after painting)."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            last = max((w for w, _, _ in self.events), default=start)
            if time.monotonic() - last >= quiet:
                return
            time.sleep(0.2)

    def choose(self, label: str, option: str, *, multi: bool = False) -> None:
        kind = "stMultiSelect" if multi else "stSelectbox"
        box = self.page.locator(f'[data-testid="{kind}"]').filter(has_text=label).first
        box.click()
        box.locator("input").fill(option)  # long lists are virtualised: filter, then take the match
        self.page.get_by_role("option", name=option, exact=True).first.click()

    def close(self) -> None:
        self.ctx.close()


# --------------------------------------------------------------------------------------------- map runs


def map_run(browser, app: App, *, naive: bool, districts: tuple[str, str], periods: tuple[str, str],
            expected: int) -> dict[str, float]:
    v = Visit(browser, app.base, naive=naive)
    try:
        t0 = time.monotonic()
        seen, count, sig = v.wait_map(lambda c, s: c >= expected)
        t_paint = time.monotonic()
        out = {"bytes_to_paint": v.bytes_until(t_paint), "decoded_bytes_to_paint": v.bytes_until(t_paint, decoded=True),
               "map_ms": seen - v.load_ms,
               "load_to_paint_wall_s": t_paint - t0}
        v.settle()
        out["bytes_settled"] = v.bytes_until()
        out["largest_to_paint"] = sorted(((n, w) for t, n, w in v.events if t <= t_paint), reverse=True)[:6]
        out["shell_bytes"] = sum(len(b) for b in v.shell.values())
        out["shell_gzip_bytes"] = sum(len(gzip.compress(b, 9)) for b in v.shell.values())
        out["shell_wire_bytes"] = sum(v.shell_wire.values())
        # A first visit: the page shell (with ours, the sign-in page's prefetches) and the map, as sent.
        out["first_visit_bytes"] = out["shell_wire_bytes"] + out["bytes_to_paint"]
        # period change: colours only
        before = sig
        t1 = time.time() * 1000
        n_before = len(v.events)
        v.choose("Kỳ báo cáo" if not naive else "Period", periods[1])
        seen, _, sig = v.wait_map(lambda c, s: c >= expected and s != before)
        out["period_change_ms"] = seen - t1
        v.settle(quiet=1.5)
        out["period_change_bytes"] = sum(n for _, n, _ in v.events[n_before:])
        out["period_change_largest"] = sorted((n for _, n, _ in v.events[n_before:]), reverse=True)[:4]
        # district filter
        t1 = time.time() * 1000
        n_before = len(v.events)
        v.choose(*((("Huyện, thị xã, thành phố", districts[0]),) if not naive else (("District", districts[1]),))[0],
                 multi=not naive)
        seen, count, _ = v.wait_map(lambda c, s: 0 < c < expected)
        out["district_change_ms"] = seen - t1
        v.settle(quiet=1.5)
        out["district_change_bytes"] = sum(n for _, n, _ in v.events[n_before:])
        out["district_communes"] = count
        out["blocked"] = len(v.blocked)
        return out
    finally:
        v.close()


def open_page_run(browser, app: App, expected: int) -> dict[str, float]:
    """Ours, signed in: open the map page from the sidebar (what a user does after signing in once).

    Signs in on ``/data`` (no map: nothing of the map is in the browser cache), waits until the page is
    quiet, then clicks "Tổng quan" and times the click -> the map painted. Streamlit keeps a sign-in per
    browser session (websocket), so this is the closest thing to "opening the page" once signed in; the
    naive app, with no sign-in, is timed from its load event.
    """
    v = Visit(browser, app.base, "data")
    try:
        v.page.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)
        v.settle(quiet=1.5)
        n_before = len(v.events)
        t1 = v.page.evaluate("Date.now()")
        v.page.get_by_role("link", name="Tổng quan").click()
        seen, _, _ = v.wait_map(lambda c, s: c >= expected)
        t_paint = time.monotonic()
        return {"open_page_ms": seen - t1,
                "open_page_bytes": sum(n for t, n, _ in v.events[n_before:] if t <= t_paint)}
    finally:
        v.close()


def link_runs(browser, snap: Path, tmp: Path, naive: App, reps: int) -> dict[str, list[float]]:
    """Sign-in -> painted for a link to 2019 and for the default period, against the tutorial's load -> painted.

    Ours on a database with every bundled period (the overview opens on 2026-Q3, on the 166 units of 2025),
    signed in from a link: ``/?period=2019`` (the 2019 list's 635 units: the sign-in page must prefetch that
    layer, not the default's) and ``/`` (the default). The tutorial app (the same ``naive`` server as the other
    figures) draws the 2019 province from its load event. Fresh browser contexts (cold caches), interleaved.
    """
    from geo.access import accounts
    from geo.records import store

    db_url = f"sqlite:///{tmp / 'links.sqlite'}"
    engine = store.get_engine(db_url, seed=False)
    store.import_illustrative(engine)
    accounts.add_user(engine, BENCH_USER, BENCH_PASSWORD, "editor")
    engine.dispose()
    ours = App(snap, "app.py", {"GEO_DB_URL": db_url, "GEO_SEED_ILLUSTRATIVE": "0"})
    cases = (("link_2019_ms", "?period=2019", 633), ("default_ms", "", 160))
    out: dict[str, list[float]] = {"naive_ms": [], **{name: [] for name, _, _ in cases}}
    try:
        for _, path, expected in cases:  # warm the server (imports, both layers); browser caches stay cold
            w = Visit(browser, ours.base, path)
            w.wait_map(lambda c, s, n=expected: c >= n)
            w.close()
        for _ in range(reps):
            for name, path, expected in cases:
                v = Visit(browser, ours.base, path)
                try:
                    seen, _, _ = v.wait_map(lambda c, s, n=expected: c >= n)
                    out[name].append(seen - v.load_ms)
                finally:
                    v.close()
            v = Visit(browser, naive.base, naive=True)
            try:
                seen, _, _ = v.wait_map(lambda c, s: c >= 633)
                out["naive_ms"].append(seen - v.load_ms)
            finally:
                v.close()
    finally:
        ours.stop()
    return out


# --------------------------------------------------------------------------------------------- exports


def export_runs(snapshot: Path, db_url: str, period: str, reps: int) -> dict[str, list[float]]:
    code = f"""
import json, sys, time, io
sys.path.insert(0, {str(snapshot)!r})
import matplotlib; matplotlib.use("Agg")
import matplotlib.pyplot as plt
from geo.boundaries import layer
from geo.maps import exports
from geo.maps import sheets
from geo.records import store
eng = store.get_engine({db_url!r})
inputs = exports.load_inputs(eng, {period!r})
opts = sheets.SheetOptions(theme="healthy", period={period!r})
out = {{}}
for fmt in ("png", "pdf"):
    t = time.perf_counter(); data = sheets.render_sheet(inputs, opts, fmt); out["ours_" + fmt] = time.perf_counter() - t
gdf = layer.read_communes()
rec = store.load_records(eng, {period!r})
gdf = gdf.merge(rec[["commune_code", "healthy"]], on="commune_code", how="left")
gdf["healthy"] = gdf["healthy"].astype(float)
for fmt in ("png", "pdf"):
    t = time.perf_counter()
    fig, ax = plt.subplots(figsize=(8.27, 11.69))
    gdf.plot(column="healthy", ax=ax, legend=True, cmap="RdYlGn", missing_kwds={{"color": "lightgrey"}})
    buf = io.BytesIO(); fig.savefig(buf, format=fmt, dpi=300); plt.close(fig)
    out["naive_" + fmt] = time.perf_counter() - t
print(json.dumps(out))
"""
    runs: dict[str, list[float]] = {}
    for _ in range(reps):
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=snapshot, check=False)
        if res.returncode:
            runs.setdefault("error", []).append(res.stderr[-500:])
            break
        for k, v in json.loads(res.stdout.strip().splitlines()[-1]).items():
            runs.setdefault(k, []).append(v)
    return runs


# --------------------------------------------------------------------------------------------- imports

HEADERS = ["Mã xã", "Kỳ", "Lành mạnh", "Chuyển hóa", "Ký cam kết", "Số cơ sở", "Số lượt kiểm tra", "Số vi phạm",
           "Số vụ án", "Số vụ việc biên giới", "Số nạn nhân tiếp nhận", "Ghi chú"]
FIELDS = ["commune_code", "period", "healthy", "conversion_target", "commitment_signed", "establishments",
          "inspections", "violations", "criminal_cases", "border_incidents", "victims_received", "notes"]


def national_communes():
    import geopandas as gpd

    gdf = gpd.read_parquet(NATIONAL)
    gdf["commune_code"] = [f"{i:05d}" for i in range(1, len(gdf) + 1)]
    gdf["commune_name"] = gdf["Name"].astype(str)
    gdf["district_name"] = gdf["Quan"].astype(str) + ", " + gdf["province"].astype(str)
    codes = {name: f"{i:03d}" for i, name in enumerate(sorted(gdf["district_name"].unique()), start=1)}
    gdf["district_code"] = gdf["district_name"].map(codes)
    table = gdf[["commune_code", "commune_name", "district_code", "district_name"]].copy()
    return gdf, table


def records_xlsx(codes: list[str], period: str) -> bytes:
    import random

    from openpyxl import Workbook

    rnd = random.Random(7)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for code in codes:
        ws.append([code, period, rnd.choice(["Có", "Không"]), rnd.choice(["Có", "Không"]), "Có",
                   rnd.randint(0, 9), rnd.randint(0, 20), rnd.randint(0, 3), rnd.randint(0, 2), 0, 0, None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def import_runs(table, data: bytes, name: str, reps: int, tmp: Path) -> dict[str, list[float]]:
    import pandas as pd

    from geo.records import store, validation

    out: dict[str, list[float]] = {}
    for i in range(reps):
        url = f"sqlite:///{tmp / f'imp_{name}_{i}.sqlite'}"
        engine = store.get_engine(url)
        t = time.perf_counter()
        report = validation.validate_bytes(data, f"{name}.xlsx", table)
        t_val = time.perf_counter() - t
        if report.errors:
            raise RuntimeError(f"{name}: {report.errors[:3]}")
        store.import_records(engine, report.records, file_name=f"{name}.xlsx", sha256=report.sha256,
                             rows_read=report.rows)
        out.setdefault("ours_validate_s", []).append(t_val)
        out.setdefault("ours_total_s", []).append(time.perf_counter() - t)
        engine.dispose()
        # naive: read_excel, then one INSERT per row
        db = tmp / f"naive_{name}_{i}.sqlite"
        store.get_engine(f"sqlite:///{db}").dispose()
        t = time.perf_counter()
        frame = pd.read_excel(io.BytesIO(data), dtype={"Mã xã": str})
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO imports (id, file_name, sha256, rows_read, rows_stored, rows_replaced, periods,"
                         " created_at, username, outcome, illustrative) VALUES (1, ?, '', 0, 0, 0, '', '2020-01-01',"
                         " 'naive', 'stored', 0)", (name,))
            conn.execute("INSERT OR IGNORE INTO periods VALUES ('2020', 2020, NULL)")
            for row in frame.itertuples(index=False):
                conn.execute(
                    "INSERT INTO records (import_id, commune_code, period, healthy, conversion_target,"
                    " commitment_signed, establishments, inspections, violations, criminal_cases, border_incidents,"
                    " victims_received, notes, is_current) VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,1)",
                    (row[0], str(row[1]), row[2] == "Có", row[3] == "Có", row[4] == "Có", *[int(x) for x in row[5:11]],
                     None))
        out.setdefault("naive_total_s", []).append(time.perf_counter() - t)
    out["rows"] = [float(len(table))]
    return out


# --------------------------------------------------------------------------------------------- national


def national_app_files(tmp: Path, db_url: str) -> Path:
    """The national layer as a commune file of the app's contract, and a database with one period for it.

    The app then runs on it unchanged (``GEO_COMMUNES_PATH``): nothing in it assumes Thanh Hóa.
    """
    import unicodedata

    from geo.access import accounts
    from geo.contract import COMMUNE_FIELDS
    from geo.records import store, validation

    gdf, table = national_communes()
    for col in ("commune_name", "district_name"):  # some names are missing in the 2009 layer
        gdf[col] = [unicodedata.normalize("NFC", v) if isinstance(v, str) and v else f"? {c}"
                    for v, c in zip(gdf[col], gdf["commune_code"], strict=True)]
        table[col] = gdf[col].to_numpy()
    kinds = [next((k for k in ("Thị trấn", "Phường", "Xã") if n.startswith(f"{k} ")), None)
             for n in gdf["commune_name"]]
    gdf["commune_type"] = [k or "Xã" for k in kinds]
    gdf["commune_name"] = [n if k else f"Xã {n}" for n, k in zip(gdf["commune_name"], kinds, strict=True)]
    table["commune_name"] = gdf["commune_name"].to_numpy()
    bad = ~gdf.geometry.is_valid
    gdf.loc[bad, gdf.geometry.name] = gdf.geometry[bad].buffer(0)  # a few self-touching rings in the 2009 layer
    gdf["is_laos_border"] = False
    gdf["laos_border_km"] = 0.0
    gdf["area_km2"] = gdf.to_crs("EPSG:3405").area / 1e6
    gdf["has_boundary"] = True
    path = tmp / "national_communes.parquet"
    gdf[[*COMMUNE_FIELDS, gdf.geometry.name]].to_parquet(path)
    engine = store.get_engine(db_url, seed=False)
    accounts.add_user(engine, BENCH_USER, BENCH_PASSWORD, "editor")
    report = validation.validate_bytes(records_xlsx(table["commune_code"].tolist(), "2019"), "national.xlsx", table)
    if report.errors:
        raise RuntimeError(f"national records: {report.errors[:3]}")
    store.import_records(engine, report.records, file_name="national.xlsx", sha256=report.sha256,
                         rows_read=report.rows)
    engine.dispose()
    return path


def national_app_runs(browser, snap: Path, tmp: Path, reps: int) -> dict[str, object]:
    """The app itself on the national layer: first visit (prepares the layer), then visits with a cold cache."""
    db_url = f"sqlite:///{tmp / 'national.sqlite'}"
    path = national_app_files(tmp, db_url)
    app = App(snap, "app.py", {"GEO_DB_URL": db_url, "GEO_SEED_ILLUSTRATIVE": "0", "GEO_COMMUNES_PATH": str(path)})
    expected = 11_000
    try:
        t = time.monotonic()
        first = Visit(browser, app.base)
        first.wait_map(lambda c, s: c >= expected, timeout=900)
        out: dict[str, object] = {"first_visit_s": time.monotonic() - t}
        first.close()
        runs = []
        for _ in range(reps):
            v = Visit(browser, app.base)
            try:
                seen, count, _ = v.wait_map(lambda c, s: c >= expected, timeout=300)
                t_paint = time.monotonic()
                runs.append({"map_ms": seen - v.load_ms, "bytes_to_paint": v.bytes_until(t_paint),
                             "decoded_bytes_to_paint": v.bytes_until(t_paint, decoded=True), "communes": count})
            finally:
                v.close()
        out["runs"] = runs
        out["app_peak_rss_mb"] = app.peak_rss_mb()
        return out
    finally:
        app.stop()


def national_prepare(out_html: Path) -> dict[str, float]:
    """In a child process: prepare and render the national layer; its peak memory is the child's."""
    code = f"""
import json, resource, sys, time, random
sys.path.insert(0, {str(SRC / 'bench')!r}); sys.path.insert(0, {str(SRC)!r})
t = time.perf_counter()
import run; from pathlib import Path; run.NATIONAL = Path({str(NATIONAL)!r})
from run import national_communes
from geo.maps import render
from geo.maps import webgeom
from geo.maps import themes
gdf, table = national_communes()
t_read = time.perf_counter() - t
t = time.perf_counter()
layer = webgeom.web_layer(gdf, webgeom.NATIONAL_TOLERANCE)
t_prep = time.perf_counter() - t
rnd = random.Random(1)
colours = list(themes.HEALTHY_COLOURS.values())
styles = {{c: render.polygon_style(rnd.choice(colours)) for c in gdf["commune_code"]}}
tips = {{r.commune_code: render.tooltip_html(r.commune_name, r.district_name) for r in table.itertuples()}}
legend = themes.Legend("National", tuple(themes.LegendEntry(k, v, 0) for k, v in themes.HEALTHY_COLOURS.items()))
page = render.inline_assets(render.theme_map_html(render.build_map(layer, styles, tips, legend, illustrative=False)))
open({str(out_html)!r}, "w", encoding="utf-8").write(page)
print(json.dumps({{"read_s": t_read, "prepare_s": t_prep, "layer_bytes": len(layer.encode()),
  "page_bytes": len(page.encode()), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SRC, check=False)
    if res.returncode:
        raise RuntimeError(res.stderr[-1500:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def paint_standalone(browser, html: Path, expected: int) -> float:
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = ctx.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(html.as_uri(), wait_until="load")
    # A standalone page runs its inline scripts before its load event: the clock starts at navigation.
    load = page.evaluate("performance.timing.navigationStart")
    deadline = time.time() + 120
    while time.time() < deadline:
        count, _, now = page.evaluate(COUNT_JS)
        if count >= expected:
            ctx.close()
            return float(now - load)
        time.sleep(0.02)
    ctx.close()
    raise TimeoutError("national map not painted")


# --------------------------------------------------------------------------------------------- main


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    free = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout.strip()
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "free": free, "python": platform.python_version()}


def snapshot_tree(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="1 repetition, small inputs, no national layer")
    ap.add_argument("--tree", action="store_true", help="measure the working tree instead of HEAD")
    ap.add_argument("--json", type=Path, help="write all runs and medians here")
    ap.add_argument("--links-only", action="store_true",
                    help="only the sign-in -> painted figures for a link to 2019 and the default period")
    args = ap.parse_args(argv)
    reps = 1 if args.quick else args.reps
    from playwright.sync_api import sync_playwright

    command = " ".join([Path(sys.executable).name, "bench/run.py", *(argv or sys.argv[1:])])
    results: dict[str, object] = {"command": command,
                                  "machine": machine(), "reps": reps}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmpname:
        tmp = Path(tmpname)
        snap = ROOT if args.tree else snapshot_tree(tmp / "app")
        if not args.tree:
            shutil.copytree(ROOT / "bench", snap / "bench", dirs_exist_ok=True)
        global SRC
        SRC = snap
        sys.path.insert(0, str(snap))
        from geo.boundaries.layer import read_communes
        from geo.records import store

        db_url = f"sqlite:///{tmp / 'bench.sqlite'}"
        engine = store.get_engine(db_url, seed=False)
        # The bundled records of 2018 and 2019 only (the 635 units of 2019, as in every earlier run): since the
        # illustrative file runs to 2026-Q3, the app would open on the 166 units of 2025 and the naive app,
        # which knows the 2019 layer only, could not draw them.
        import pandas as pd

        bundled = pd.read_csv(store.ILLUSTRATIVE_PATH, dtype=str, keep_default_na=False)
        seed_csv = tmp / "illustrative_2018_2019.csv"
        bundled[bundled["period"].str[:4].isin(["2018", "2019"])].to_csv(seed_csv, index=False)
        store.import_illustrative(engine, seed_csv)
        try:
            from geo.access import accounts

            accounts.add_user(engine, BENCH_USER, BENCH_PASSWORD, "editor")
        except ImportError:
            pass
        engine.dispose()
        communes = read_communes()
        table = communes[["commune_code", "commune_name", "district_code", "district_name"]]
        env = {"GEO_DB_URL": db_url, "GEO_SEED_ILLUSTRATIVE": "0"}
        ours = App(snap, "app.py", env)
        naive = App(snap, "bench/naive_app.py", env)
        map_runs: dict[str, list[dict[str, float]]] = {"ours": [], "naive": []}
        district = ("Thành phố Sầm Sơn", "Thành phố Sầm Sơn")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                for app in (ours, naive):  # warm the servers' caches (imports, data); browser caches stay cold
                    w = Visit(browser, app.base, naive=app is naive)
                    w.wait_map(lambda c, s: c >= 600)
                    w.close()
                results["links"] = link_runs(browser, snap, tmp, naive, reps)
                for _ in range(0 if args.links_only else reps):
                    for name, app in (("ours", ours), ("naive", naive)):
                        map_runs[name].append(map_run(browser, app, naive=name == "naive", districts=district,
                                                      periods=("2019", "2018"), expected=633))
                    map_runs["ours"][-1].update(open_page_run(browser, ours, expected=633))
                results["app_peak_rss_mb"] = {"ours": ours.peak_rss_mb(), "naive": naive.peak_rss_mb()}
                if not args.quick and not args.links_only and NATIONAL.exists():
                    results["national_app"] = national_app_runs(browser, snap, tmp, reps)
                    html = tmp / "national.html"
                    nat = national_prepare(html)
                    nat["paint_ms"] = [paint_standalone(browser, html, 11_000) for _ in range(reps)]
                    results["national"] = nat
                browser.close()
        finally:
            ours.stop()
            naive.stop()
        results["maps"] = map_runs
        if args.links_only:
            results["summary"] = summarise(results)
            if args.json:
                args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
            print_summary(results)
            return results
        results["exports"] = export_runs(snap, db_url, "2019", reps)
        xlsx = records_xlsx(table["commune_code"].tolist(), "2020")
        results["import_635"] = import_runs(table, xlsx, "province", reps, tmp)
        if not args.quick and NATIONAL.exists():
            _, ntable = national_communes()
            results["import_national"] = import_runs(ntable, records_xlsx(ntable["commune_code"].tolist(), "2020"),
                                                     "national", reps, tmp)
    results["summary"] = summarise(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    print_summary(results)
    return results


def summarise(r: dict) -> list[tuple[str, float, float, float]]:
    """(figure, naive median, ours median, naive/ours)."""
    rows = []
    if "links" in r:
        n = median(r["links"]["naive_ms"])
        for key, label in (("link_2019_ms", "link to 2019: sign-in click -> painted vs tutorial (ms)"),
                           ("default_ms", "default period: sign-in click -> painted vs tutorial (ms)")):
            o = median(r["links"][key])
            rows.append((label, n, o, n / o))
    maps = r["maps"]
    if not maps["ours"]:
        return rows
    for key, label in (("bytes_to_paint", "province map: bytes to paint (B)"),
                       ("decoded_bytes_to_paint", "province map: bytes to paint, decoded (B)"),
                       ("bytes_settled", "province map: bytes once settled (B)"),
                       ("map_ms", "province map: load -> painted (ours: sign-in click) (ms)"),
                       ("period_change_ms", "period change -> repainted (ms)"),
                       ("period_change_bytes", "period change: bytes (B)"),
                       ("district_change_ms", "district filter -> repainted (ms)"),
                       ("district_change_bytes", "district filter: bytes (B)"),
                       ("shell_bytes", "Streamlit shell, identity (B)"),
                       ("shell_gzip_bytes", "Streamlit shell, gzip -9 (B)"),
                       ("shell_wire_bytes", "Streamlit shell, as sent (B)"),
                       ("first_visit_bytes", "first visit, shell included, as sent (B)")):
        n = median([x[key] for x in maps["naive"]])
        o = median([x[key] for x in maps["ours"]])
        rows.append((label, n, o, n / o if o else float("nan")))
    if all("open_page_ms" in x for x in maps["ours"]):
        n = median([x["map_ms"] for x in maps["naive"]])
        o = median([x["open_page_ms"] for x in maps["ours"]])
        rows.append(("open the map page (ours: signed in, sidebar click) (ms)", n, o, n / o))
    ex = r.get("exports", {})
    for fmt in ("png", "pdf"):
        if f"ours_{fmt}" in ex:
            n, o = median(ex[f"naive_{fmt}"]), median(ex[f"ours_{fmt}"])
            rows.append((f"A4 300 dpi {fmt.upper()} sheet (s)", n, o, n / o))
    for key, label in (("import_635", "validate+import 635-row XLSX (s)"),
                       ("import_national", "validate+import 11,047-row XLSX (s)")):
        if key in r:
            n, o = median(r[key]["naive_total_s"]), median(r[key]["ours_total_s"])
            rows.append((label, n, o, n / o))
    if "national_app" in r:
        runs = r["national_app"]["runs"]
        naive_map = median([x["map_ms"] for x in maps["naive"]])
        naive_bytes = median([x["bytes_to_paint"] for x in maps["naive"]])
        rows.append(("national map in the app (sign-in -> painted) vs naive province (ms)", naive_map,
                     median([x["map_ms"] for x in runs]), naive_map / median([x["map_ms"] for x in runs])))
        rows.append(("national map in the app: bytes to paint vs naive province (B)", naive_bytes,
                     median([x["bytes_to_paint"] for x in runs]),
                     naive_bytes / median([x["bytes_to_paint"] for x in runs])))
    if "national" in r:
        nat = r["national"]
        naive_map = median([x["map_ms"] for x in maps["naive"]])
        rows.append(("national map paint vs naive province paint (ms)", naive_map, median(nat["paint_ms"]),
                     naive_map / median(nat["paint_ms"])))
    return rows


def print_summary(r: dict) -> None:
    print(f"# {r['command']}  (reps={r['reps']}, nproc={r['machine']['nproc']}, {r['machine']['cpu']})")
    print(f"{'figure':52} {'naive':>12} {'ours':>12} {'naive/ours':>10}")
    for label, n, o, ratio in r["summary"]:
        print(f"{label:52} {n:12.1f} {o:12.1f} {ratio:10.2f}")
    if "national" in r:
        nat = r["national"]
        print(f"national: read {nat['read_s']:.1f} s, prepare {nat['prepare_s']:.1f} s, "
              f"layer {nat['layer_bytes']:,} B, page {nat['page_bytes']:,} B, "
              f"paint {median(nat['paint_ms']):.0f} ms, peak RSS {nat['peak_rss_mb']:.0f} MB")
    print(f"app peak RSS (MB): {r['app_peak_rss_mb']}")
    if "national_app" in r:
        na = r["national_app"]
        print(f"national app: first visit (prepares the layer) {na['first_visit_s']:.1f} s, "
              f"peak RSS of the app process {na['app_peak_rss_mb']:.0f} MB")
    for key in ("import_635", "import_national"):
        if key in r:
            print(f"{key}: validate {median(r[key]['ours_validate_s']):.2f} s "
                  f"of {median(r[key]['ours_total_s']):.2f} s")
    if "error" in r.get("exports", {}):
        print("exports failed:", r["exports"]["error"])


if __name__ == "__main__":
    main()
