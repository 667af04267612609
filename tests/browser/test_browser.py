"""The real app in a real browser, with the outside network closed.

Playwright drives Debian's Chromium (/usr/bin/chromium, installed by `make test`; never a browser downloaded
by a test tool). Every request that does not go to the app's own host is aborted and recorded: a map that
needs a CDN or a tile server fails here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import live
from tests.conftest import ROOT
from tests.live import CHROMIUM, CHROMIUM_ARGS
from web import server

pytestmark = pytest.mark.browser

MAP_PAGES = ["", "conversions", "inspections", "border", "districts"]
# The 2019 list's view: the app opens on the latest period that has ended (2026-Q3, on 166 units), so the
# tests that count the 635 communes or click 2019 codes choose 2019 in the link.
ON_2019 = "?period=2019"
PASSWORD = "correct horse battery"
XSS = {"15607": "<img src=x onerror=alert(1)>", "14860": "</script><script>alert(1)</script>"}
COMMUNES = 635
# Every commune is an interactive SVG path: polygons in Leaflet's overlay pane, the 2 units without a
# boundary as circle markers in the map's own "thPoints" pane (proportional circles live elsewhere).
COUNT_COMMUNES = (
    "document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive,"
    " .leaflet-thPoints-pane path.leaflet-interactive').length"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    """`streamlit run app.py` on a free port, on its own seeded illustrative database."""
    live.require_chromium()
    from geo.access import accounts
    from geo.records.store import get_engine, import_records, load_records

    port = _free_port()
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    for role in accounts.ROLES:
        accounts.add_user(engine, role, PASSWORD, role)
    # Hostile notes, as a district file could carry them: they must show as text and run nothing.
    hostile = load_records(engine, "2019")
    hostile = hostile[hostile["commune_code"].isin(list(XSS))].copy()
    hostile["notes"] = hostile["commune_code"].map(XSS)
    import_records(engine, hostile, file_name="hostile.csv", sha256="0" * 64, rows_read=len(hostile),
                   replace=True, user="test")
    env = {**os.environ, "GEO_DB_URL": url}
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    LIVE_DB[base] = url
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("the app did not start within 90 s")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def _db_url(base: str) -> str:
    return LIVE_DB[base]


LIVE_DB: dict[str, str] = {}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """One page opened with the network closed to everything but the app's host."""

    def __init__(self, browser, base: str, path: str, user: str | None = "viewer", init_script: str = "", *,
                 size: tuple[int, int] = (1500, 1400)) -> None:
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        if init_script:
            self.page.add_init_script(init_script)
        self.dialogs: list[str] = []  # alert() from injected script would land here
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.csp: list[str] = []  # the browser's reports of anything the content security policy blocked
        self.page.on("console", lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None)
        host = base.split("//", 1)[1]
        self.outside = live.close_network(self.page, base)
        self.page.on("websocket", lambda ws: None if host in ws.url else self.outside.append(ws.url))
        self.sockets: list[str] = []  # every websocket and request from the first one on (before the goto)
        self.requests: list[str] = []
        self.page.on("websocket", lambda ws: self.sockets.append(ws.url))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(f"{base}/{path}")
        if user:
            self.login(user)

    def login(self, user: str, password: str = PASSWORD) -> None:
        """Sign in through the real sign-in page (a form POST to /signin)."""
        english = "lang%3Den" in self.page.url or "lang=en" in self.page.url
        self.page.get_by_label("User name" if english else "Tên đăng nhập").fill(user)
        self.page.get_by_label("Password" if english else "Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Sign in" if english else "Đăng nhập").click()
        self.page.get_by_role("button", name="Sign out" if english else "Đăng xuất").wait_for(timeout=60_000)

    def map_frame(self, timeout: float = 60):
        """The map frame once Leaflet has drawn the communes."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for frame in self.page.frames:
                try:
                    if frame.evaluate(COUNT_COMMUNES) > 0:
                        return frame
                except Exception:
                    pass
            time.sleep(0.25)
        raise AssertionError("no map painted within the time limit")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser, live_app):
    opened: list[Visit] = []

    def open_(path: str, user: str | None = "viewer") -> Visit:
        v = Visit(browser, live_app, path, user)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def painted_units(path: str) -> int:
    """The 2019 units a map page draws: every one, or on the border page the districts of the border area."""
    if path != "border":
        return COMMUNES
    from geo.maps.themes import border_districts
    from geo.units.versions import layer

    units = layer("2017-04-19")
    return int(units["district_code"].isin(border_districts(units)).sum())


@pytest.mark.parametrize("path", MAP_PAGES)
def test_each_map_page_paints_every_commune_offline(visit, path):
    v = visit(path + ON_2019)
    frame = v.map_frame()
    time.sleep(0.5)
    assert frame.evaluate(COUNT_COMMUNES) == painted_units(path)
    legend = frame.locator(".th-legend")
    assert legend.is_visible()
    assert "Không có số liệu" in legend.inner_text()
    assert frame.locator(".th-notice").is_visible()  # the illustrative mark on the map itself
    assert v.page.get_by_text("DỮ LIỆU MINH HỌA", exact=False).first.is_visible()
    assert v.outside == [], f"requests left the app's host: {v.outside}"
    assert v.csp == [], f"the content security policy blocked: {v.csp}"


def test_data_page_loads_offline(visit):
    v = visit("data", user="editor")
    v.page.get_by_text("Nhập số liệu từ huyện").wait_for(timeout=60_000)
    # Streamlit's own English ("Upload", "50MB per file") is replaced in the Vietnamese page (chrome.py): what
    # shows is the CSS text, the English is drawn at size 0.
    v.page.locator("[data-testid=stFileUploaderDropzone] button").wait_for(timeout=60_000)
    shown = v.page.evaluate("""() => {
        const zone = document.querySelector('[data-testid=stFileUploaderDropzone]');
        const button = zone.querySelector('button [data-testid=stMarkdownContainer] p');
        const limit = zone.querySelector('[data-testid=stFileUploaderDropzoneInstructions] span');
        return [getComputedStyle(button, '::after').content, getComputedStyle(button).fontSize,
                getComputedStyle(limit, '::after').content, getComputedStyle(limit).fontSize];
    }""")
    assert shown == ['"Chọn tệp"', "0px", '"Tối đa 50 MB mỗi tệp • CSV, XLSX, TXT, TSV"', "0px"]
    assert v.page.locator("[data-testid=stMainMenu]").count() == 0  # production toolbar: no menu, no Deploy
    assert v.page.get_by_text("Deploy").count() == 0
    assert v.outside == []


def test_clicking_a_commune_shows_its_details(visit):
    v = visit(ON_2019)
    frame = v.map_frame()
    # The middle of a large mountain commune: hover to learn which commune is under the pointer, then click.
    point = frame.evaluate(
        """() => {
            const layer = Object.values(map_th._layers).find(l => l.feature && l.feature.id === "15607");
            const p = map_th.latLngToContainerPoint(layer.getCenter());
            return {x: p.x, y: p.y};
        }"""
    )
    # Bring the whole map on screen first, as a user would: a click on a half-hidden iframe scrolls the page
    # between mouse-down and mouse-up, and the browser then sees no click.
    v.page.locator("iframe").first.scroll_into_view_if_needed()
    box = v.page.locator("iframe").first.bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    v.page.mouse.move(x, y)
    tooltip = frame.locator(".th-tooltip")
    tooltip.wait_for(timeout=10_000)
    name = tooltip.locator("b").inner_text()
    v.page.mouse.click(x, y)
    v.page.get_by_role("heading", name=re.compile(re.escape(name) + " — ")).wait_for(timeout=60_000)
    # The details come in a moment after their heading (Streamlit draws element by element): wait, as a user would.
    v.page.get_by_text("Lịch sử qua các kỳ").wait_for(timeout=30_000)
    assert v.outside == []


def test_search_finds_a_commune_without_diacritics(visit):
    v = visit(ON_2019)
    v.map_frame()
    box = v.page.get_by_label("Tìm xã: tên, mã hoặc huyện (có hoặc không dấu)")
    box.fill("quang chieu")
    box.press("Enter")
    v.page.get_by_role("heading", name="Xã Quang Chiểu — Huyện Mường Lát").wait_for(timeout=60_000)
    assert v.outside == []


def test_a_link_reproduces_the_view(visit):
    v = visit("conversions?period=2019-Q2&district=382&lang=en")
    frame = v.map_frame()
    assert v.page.get_by_role("heading", name="Targeted conversions").is_visible()
    assert frame.evaluate(COUNT_COMMUNES) == 11  # Thành phố Sầm Sơn only
    assert v.page.get_by_role("heading", name="Communes targeted for conversion — Q2 2019").is_visible()
    assert v.page.get_by_role("link", name="Overview").is_visible()  # navigation in English too


@pytest.mark.parametrize("path", [*MAP_PAGES, "data", "export", "admin", "conversions?period=2019&district=387"])
def test_anonymous_visitor_gets_only_the_login_form(visit, path):
    v = visit(path, user=None)
    v.page.get_by_role("button", name="Đăng nhập").wait_for(timeout=60_000)
    # Streamlit's front end boots behind the form (frontend/signin/signin.js) and waits there
    v.page.wait_for_function("() => document.getElementById('root').childElementCount > 0", timeout=60_000)
    time.sleep(2)
    # the address is the page asked for, query and all (a copied link still works after the sign-in)
    assert v.page.url.split("//", 1)[1].split("/", 1)[1] == path
    text = v.page.locator("body").inner_text()
    assert "Xã" not in text and "Huyện" not in text and "635" not in text
    assert v.page.locator("iframe").count() == 0
    assert v.sockets == []  # no Streamlit session at all
    assert not [u for u in v.requests if "/_stcore/host-config" in u or "/_stcore/stream" in u]
    assert any(u.endswith("/_stcore/health") for u in v.requests)  # the front end did boot, and waits
    assert v.page.evaluate("document.getElementById('root').inert")  # the page behind the form takes no input
    assert v.outside == []
    assert v.csp == [], f"the content security policy blocked: {v.csp}"


def _signed_in(page) -> bool:
    return page.get_by_role("button", name="Đăng xuất").count() > 0


def test_reload_new_tab_and_link_stay_signed_in_until_logout(browser, live_app):
    """The whole day of a leader: sign in once; F5, a new tab and a shared link open signed in; logout ends it."""
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    outside = live.close_network(context, live_app)
    try:
        page = context.new_page()
        page.goto(f"{live_app}/inspections?period=2019-Q3&district=387")
        page.get_by_label("Tên đăng nhập").fill("viewer")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        assert page.url.endswith("/inspections?period=2019-Q3&district=387")  # the form keeps the deep link
        page.evaluate("window.__booted_once = true")  # gone if the sign-in loads a new document
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)
        # signed in where it stood: the same document (no second boot of Streamlit's front end), the same view
        assert page.evaluate("window.__booted_once === true")
        assert "/inspections" in page.url and "period=2019-Q3" in page.url and "district=387" in page.url
        page.get_by_role("heading", name="Kiểm tra", exact=True).wait_for(timeout=60_000)
        cookie = next(c for c in context.cookies() if c["name"] == "th_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert page.evaluate("document.cookie").find("th_session") == -1  # HttpOnly: invisible to scripts
        page.reload()
        page.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)
        page.get_by_role("heading", name="Kiểm tra", exact=True).wait_for(timeout=60_000)
        tab = context.new_page()
        tab.goto(f"{live_app}/border?period=2019")  # a link opened in a new tab
        tab.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)
        tab.get_by_role("heading", name="Biên giới", exact=True).wait_for(timeout=60_000)
        assert "/signin" not in tab.url
        tab.get_by_role("button", name="Đăng xuất").click()
        tab.get_by_text("Bạn đã đăng xuất").wait_for(timeout=30_000)
        page.reload()  # the other tab: the session is over there too
        page.get_by_label("Tên đăng nhập").wait_for(timeout=30_000)
        kept = urlsplit(page.url)  # the form keeps the deep link (as the app last wrote it)
        assert kept.path == "/inspections" and {"period=2019-Q3", "district=387"} <= set(kept.query.split("&"))
        assert not _signed_in(page)
        assert outside == []
    finally:
        context.close()


def test_viewer_cannot_reach_import(visit):
    v = visit("data", user="viewer")
    # the URL of a page the role may not use says so (not the overview in silence), and the menu has no link to it
    v.page.get_by_text("tài khoản của bạn có vai trò «xem» nên không mở được trang này").wait_for(timeout=60_000)
    assert v.page.get_by_role("heading", name="Dữ liệu").is_visible()
    assert v.page.get_by_role("link", name="Dữ liệu").count() == 0
    v.page.get_by_role("link", name="Về trang Tổng quan").click()
    v.map_frame()
    editor = visit("data", user="editor")
    editor.page.get_by_text("Nhập số liệu từ huyện").wait_for(timeout=60_000)


def test_wrong_password_is_refused_and_logged(visit, live_app):
    v = visit("", user=None)
    v.page.get_by_label("Tên đăng nhập").fill("planner")
    v.page.get_by_role("textbox", name="Mật khẩu").fill("not the password")
    v.page.get_by_role("button", name="Đăng nhập").click()
    v.page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").wait_for(timeout=30_000)
    from geo.access import audit
    from geo.records.store import get_engine

    log = audit.read_log(get_engine(_db_url(live_app)))
    assert ((log["username"] == "planner") & (log["action"] == "login_failed")).any()
    assert ((log["username"] == "viewer") & (log["action"] == "login")).any()


@pytest.mark.parametrize("code", list(XSS))
def test_hostile_notes_show_as_text_and_run_nothing(visit, code):
    v = visit(ON_2019)
    frame = v.map_frame()
    v.page.locator("iframe").first.scroll_into_view_if_needed()
    point = frame.evaluate(
        """(code) => {
            const layer = Object.values(map_th._layers).find(l => l.feature && l.feature.id === code);
            const p = map_th.latLngToContainerPoint(layer.getCenter());
            return {x: p.x, y: p.y};
        }""",
        code,
    )
    box = v.page.locator("iframe").first.bounding_box()
    v.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    frame.locator(".th-tooltip").wait_for(timeout=10_000)
    note = frame.locator(".th-tooltip .th-note", has_text="alert(1)")  # the note, shown as text
    note.wait_for(timeout=10_000)
    assert XSS[code] in note.inner_text()
    v.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    v.page.get_by_text(XSS[code], exact=True).first.wait_for(timeout=60_000)  # the details table shows text
    time.sleep(1)
    assert v.dialogs == [], f"injected script ran: {v.dialogs}"
    assert frame.locator("img[src='x']").count() == 0
    assert v.page.locator("img[src='x']").count() == 0
    assert v.outside == []


def test_upload_shows_the_report_then_imports(visit, live_app, tmp_path):
    from geo.access import audit
    from geo.records.store import get_engine, list_imports

    bad = tmp_path / "huyen_loi.csv"
    # 2018-Q1: a period the seeded records (2018, 2019-Q1 … 2026-Q3) leave empty, on the 635 units of 2019
    bad.write_text("Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n99999,2018-Q1,Có,-2\n", encoding="utf-8")
    good = tmp_path / "huyen_tot.csv"
    good.write_text("Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n14755,2018-Q1,Có,3\n14758,2018-Q1,Không,1\n",
                    encoding="utf-8")
    v = visit("data", user="editor")
    upload = v.page.locator("input[type='file']")
    upload.set_input_files(str(bad))
    v.page.get_by_text("bị từ chối vì 2 lỗi").wait_for(timeout=60_000)
    v.page.get_by_text("99999", exact=True).first.wait_for(timeout=30_000)  # the row of the report
    assert v.page.get_by_text("✖ Lỗi", exact=True).count() >= 2  # an error says so in its icon and word
    assert v.page.get_by_role("button", name="Nhập", exact=True).count() == 0  # nothing to import
    upload.set_input_files(str(good))
    v.page.get_by_text("hợp lệ — 2 bản ghi").wait_for(timeout=60_000)
    v.page.get_by_role("button", name="Nhập", exact=True).click()
    v.page.get_by_text("Đã lưu 2 bản ghi").wait_for(timeout=60_000)
    # The same rows again: before anything is imported the page lists those that already have a record and
    # offers the replacement in its own words (no command-line option)
    again = tmp_path / "huyen_tot_lan2.csv"
    again.write_bytes(good.read_bytes())
    upload.set_input_files(str(again))
    v.page.get_by_text("2 xã đã có số liệu", exact=True).wait_for(timeout=60_000)
    button = v.page.get_by_role("button", name="Nhập", exact=True)
    assert button.is_disabled()
    v.page.get_by_text("Thay thế số liệu hiện có của các xã này").click()
    v.page.wait_for_function("() => [...document.querySelectorAll('button')].some("
                             "b => b.innerText.trim() === 'Nhập' && !b.disabled)", timeout=30_000)
    button.click()
    v.page.get_by_text("thay thế 2 bản ghi cũ").wait_for(timeout=60_000)
    assert "--replace" not in v.page.inner_text("body")
    engine = get_engine(_db_url(live_app))
    log = list_imports(engine)
    assert log.iloc[1]["file_name"] == "huyen_tot.csv" and log.iloc[1]["username"] == "editor"
    assert (log.iloc[0]["file_name"], log.iloc[0]["rows_replaced"]) == ("huyen_tot_lan2.csv", 2)
    trail = audit.read_log(engine)
    assert ((trail["action"] == "import") & (trail["username"] == "editor")).any()
    assert ((trail["action"] == "validate") & (trail["outcome"] == "refused")).any()
    assert v.outside == []


def test_first_view_paints_the_map_before_the_widgets_and_keeps_it(browser, live_app):
    """After the sign-in the map comes first; the selectors and tables then come without reloading the map."""
    seen = """new MutationObserver(() => {
        if (!window.__selector && document.querySelector('[data-testid=stSidebar] [data-testid=stSelectbox]')) {
            window.__selector = Date.now(); }
    }).observe(document, {subtree: true, childList: true});"""
    v = Visit(browser, live_app, ON_2019, init_script=seen)
    try:
        frame = v.map_frame()
        v.page.get_by_role("heading", name="Chỉ tiêu kế hoạch năm 2019").wait_for(timeout=60_000)  # under the map
        v.page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.wait_for(timeout=60_000)
        selector = v.page.evaluate("window.__selector")
        frame_start, drawn = frame.evaluate(
            "[performance.timeOrigin, performance.timeOrigin + performance.getEntriesByName('th:layer')[0].startTime]")
        assert frame_start < drawn < selector  # one frame document, the communes drawn before the selectors came
        assert frame.evaluate(COUNT_COMMUNES) == COMMUNES
        from playwright.sync_api import expect

        # the link's period, in the selector drawn after the map
        expect(v.page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("2019")
    finally:
        v.close()


def test_zoom_survives_a_period_change(visit):
    v = visit("?period=2019")
    frame = v.map_frame()
    v.page.locator("iframe").first.scroll_into_view_if_needed()
    before = frame.evaluate("map_th.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    frame.locator(".leaflet-control-zoom-in").click()
    time.sleep(1)
    zoomed = frame.evaluate("map_th.getZoom()")
    assert zoomed > before
    frame.evaluate("window.__still_here = true")  # gone if the map's iframe were reloaded
    requested: list[str] = []
    v.page.on("request", lambda r: requested.append(r.url))
    sidebar_period = v.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    sidebar_period.click()
    v.page.get_by_role("option", name="Quý 3/2019").click()  # periods in words; the URL keeps 2019-Q3
    v.page.get_by_text("Thay đổi so với kỳ trước (Quý 2 năm 2019)").wait_for(timeout=60_000)
    assert "period=2019-Q3" in v.page.url
    time.sleep(2)
    assert frame.evaluate("window.__still_here === true")
    assert frame.evaluate("map_th.getZoom()") == zoomed  # the view survived the rerun
    assert not [u for u in requested if "/layers/" in u]  # the new colours came without the geometry
    assert frame.evaluate(COUNT_COMMUNES) >= 633
    # 2018 has no previous period: a caption above the map goes; the map must not be mounted anew for that.
    sidebar_period.click()
    v.page.get_by_role("option", name="2018", exact=True).click()
    v.page.get_by_text("590 / 635").wait_for(timeout=60_000)
    time.sleep(2)
    assert frame.evaluate("window.__still_here === true")
    assert frame.evaluate("map_th.getZoom()") == zoomed
    assert not [u for u in requested if "/layers/" in u or "index.html" in u]
    assert v.outside == []


def test_briefing_is_built_on_the_export_page_and_downloaded(visit, live_app, tmp_path):
    import subprocess as sp

    from geo.access import audit
    from geo.records.store import get_engine

    v = visit("export?period=2019-Q2&district=384", user="planner")
    make = v.page.get_by_role("button", name="Tạo báo cáo bao_cao_2019-Q2_384.pdf")
    make.wait_for(timeout=90_000)
    make.click()
    download_button = v.page.get_by_role("button", name="Tải bao_cao_2019-Q2_384.pdf")
    download_button.wait_for(timeout=240_000)
    with v.page.expect_download(timeout=60_000) as info:
        download_button.click()
    path = tmp_path / "briefing.pdf"
    info.value.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    text = sp.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO TÓM TẮT" in text and "Huyện Mường Lát" in text and "Quý 2 năm 2019" in text
    assert "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" in text
    trail = audit.read_log(get_engine(_db_url(live_app)))
    made = trail[(trail["action"] == "export") & trail["detail"].str.contains('"briefing"', na=False)]
    assert len(made) == 1 and made.iloc[0]["username"] == "planner"
    assert v.outside == [], f"requests left the app's host: {v.outside}"


def test_a_table_download_on_the_districts_page_is_audited_with_the_account(visit, live_app, tmp_path):
    """The download button's callback calls geo.maps.exports.log_table_download: AppTest cannot click it."""
    import json

    from geo.access import audit
    from geo.records.store import get_engine

    v = visit("districts?period=2019&district=384", user="planner")
    button = v.page.get_by_role("button", name="Tải bảng (CSV)")
    button.wait_for(timeout=90_000)
    with v.page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "table.csv"
    info.value.save_as(path)
    assert info.value.suggested_filename == "xa_2019_384.csv" and "Xã Quang Chiểu" in path.read_text("utf-8-sig")
    deadline = time.time() + 30  # the callback runs with the rerun the click starts
    while time.time() < deadline:
        log = audit.read_log(get_engine(_db_url(live_app)))
        lines = log[(log["action"] == "export") & log["detail"].str.contains('"commune_table"', na=False)]
        if len(lines):
            break
        time.sleep(0.5)
    assert len(lines) == 1 and lines.iloc[0]["username"] == "planner"
    assert json.loads(lines.iloc[0]["detail"]) == {
        "theme": "commune_table", "period": "2019", "districts": ["384"], "lang": "vi", "format": "csv",
        "file": "xa_2019_384.csv", "small_counts_masked": True}
    assert v.outside == [], f"requests left the app's host: {v.outside}"


BOUNDS_OF = """(code) => {
    const layer = Object.values(map_th._layers).find(l => l.feature && l.feature.id === code);
    const b = layer.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}"""


def _land_office_zip(tmp_path) -> Path:
    """What a district's land office sends: a zipped shapefile in VN-2000 / UTM 48N, TCVN3 names, no .cpg.

    Phường Hàm Rồng (14755) is redrawn 150 m inside its old line; Phường Đông Thọ (14758) is unchanged.
    """
    import warnings
    import zipfile

    from geo.boundaries.layer import read_communes
    from geo.io import vn2000, vn_legacy

    layer = read_communes()
    sub = layer[layer["commune_code"].isin(["14755", "14758"])].to_crs(vn2000.UTM48N)
    sub = sub.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa"})[["MaXa", "TenXa", "geometry"]]
    sub.loc[sub["MaXa"] == "14755", "geometry"] = sub.loc[sub["MaXa"] == "14755", "geometry"].buffer(-150)
    sub["TenXa"] = [vn_legacy.encode_tcvn3(n).decode("latin-1") for n in sub["TenXa"]]
    src = tmp_path / "shp"
    src.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sub.to_file(src / "HamRong_DongTho.shp", encoding="ISO-8859-1")
    (src / "HamRong_DongTho.cpg").unlink(missing_ok=True)
    out = tmp_path / "ranh_gioi_phuong.zip"
    with zipfile.ZipFile(out, "w") as z:
        for p in sorted(src.iterdir()):
            z.write(p, f"Ranh gioi/{p.name}")
    return out


def test_admin_uploads_a_zipped_shapefile_reads_the_report_activates_it_and_the_map_changes(visit, live_app, tmp_path):
    from geo.boundaries import revisions
    from geo.records.store import get_engine

    before = visit(ON_2019, user="viewer").map_frame().evaluate(BOUNDS_OF, "14755")
    v = visit("boundaries", user="admin")
    page = v.page
    page.get_by_text("Tải lên ranh giới", exact=False).first.wait_for(timeout=60_000)
    page.locator("input[type=file]").set_input_files(str(_land_office_zip(tmp_path)))
    page.get_by_text("ranh_gioi_phuong.zip: hợp lệ, 2 đối tượng, 2 đơn vị của danh mục từ 19/04/2017",
                     exact=False).wait_for(timeout=90_000)
    report = page.locator("table").first.inner_text()
    assert "TCVN3" in report  # the names were converted, and the report says so
    assert "Phường Hàm Rồng (14755): để hở" in report  # the 150 m it gave up, with its area
    assert "EPSG:6960" in page.get_by_text("chuyển đổi:", exact=False).first.inner_text()
    page.get_by_role("img").first.wait_for(timeout=30_000)  # the preview beside the current lines
    offset = page.get_by_text("So với ranh giới đang dùng (2 đơn vị)", exact=False).first.inner_text()
    assert "đường lệch xa nhất" in offset and "Phường Hàm Rồng (14755)" in offset  # the one redrawn, in words
    page.get_by_label("Nguồn (cơ quan đo vẽ)").fill("Phòng TN&MT TP Thanh Hóa")
    page.get_by_role("button", name="Lưu thành bản sửa").click()
    page.get_by_text("Đã lưu bản ranh giới số 1 (2 đơn vị), chưa dùng", exact=False).wait_for(timeout=60_000)
    try:
        page.get_by_role("button", name="Kích hoạt").click()
        page.get_by_text("Bản ranh giới số 1 đang được dùng", exact=False).wait_for(timeout=60_000)
        frame = visit(ON_2019, user="viewer").map_frame()
        after = frame.evaluate(BOUNDS_OF, "14755")
        # 150 m inside on every side: about 0.0014° of longitude and latitude at 19.8° N.
        assert after[0] > before[0] + 0.0008 and after[2] < before[2] - 0.0008
        assert after[1] > before[1] + 0.0008 and after[3] < before[3] - 0.0008
        assert "Phòng TN&MT TP Thanh Hóa (" in frame.locator(".leaflet-control-attribution").inner_text()
        assert v.outside == []
    finally:  # the other browser tests expect the bundled lines
        engine = get_engine(_db_url(live_app))
        for rid in revisions.list_revisions(engine)["id"]:
            revisions.set_active(engine, int(rid), False, user="test")


def test_the_sign_in_page_prefetches_the_public_map_files(browser, live_app):
    """While the person types: Streamlit's bundles, Leaflet, the map frame and the boundary geometry."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("requestfinished", lambda r: requested.append(r.url.split(live_app, 1)[-1]))
    try:
        page.goto(f"{live_app}/signin")
        page.wait_for_load_state("networkidle")
        time.sleep(1)
        assert any(u.startswith("/app/static/layers/") and u.endswith(".topo.json") for u in requested), requested
        for part in ("/app/static/vendor/leaflet/leaflet.js", server.FRAME_URL + "frame.js"):
            assert any(u.startswith(part + "?v=") for u in requested), part  # as the frame's page asks for them
        assert any(re.fullmatch(r"/static/js/index\.[\w-]+\.js", u) for u in requested)
        # The overview's elements, loaded lazily by Streamlit's front end, are fetched now too.
        for element in ("Table", "Metric", "ComponentInstance", "Selectbox"):
            assert any(re.fullmatch(rf"/static/js/{element}\.[\w-]+\.js", u) for u in requested), element
        assert not [u for u in requested if u.startswith(("/_stcore/stream", "/_stcore/host-config"))]
    finally:
        page.close()
