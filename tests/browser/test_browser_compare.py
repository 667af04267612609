"""The split view in a real browser with the network closed: four periods, four maps, one view."""

from __future__ import annotations

import time

import pytest

from tests import live
from tests.live import CHROMIUM, CHROMIUM_ARGS, close_network

pytestmark = pytest.mark.browser

PASSWORD = live.PASSWORD
FOUR = "compare?periods=2019,2021,2025-Q3,2026-Q3"
VIEWS = ("window.__thCompareMaps.map(m => [m.getCenter().lat.toFixed(5), m.getCenter().lng.toFixed(5),"
         " m.getZoom()].join(','))")
PAINTED = ("window.__thCompareMaps.map(m => m.getContainer()"
           ".querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length)")


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    """The app as users start it (tests/live.py), on the seeded illustrative records."""
    live.require_chromium()
    from geo.access import accounts
    from geo.records.store import get_engine

    folder = tmp_path_factory.mktemp("compare_live")
    url = f"sqlite:///{folder / 'app.sqlite'}"
    accounts.add_user(get_engine(url, seed=True), "viewer", PASSWORD, "viewer")
    base, proc = live.start_app(url, folder / "streamlit.log")
    yield base
    live.stop(proc)


@pytest.fixture
def page(browser_app):
    return browser_app


@pytest.fixture
def browser_app(live_app):
    """A signed-in page whose requests may only go to the app's host (the others are recorded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        p = browser.new_page(viewport={"width": 1500, "height": 1400})
        p.outside = close_network(p, live_app)
        p.base = live_app
        yield p
        browser.close()


def _open(page, path: str) -> None:
    page.goto(f"{page.base}/{path}")
    page.get_by_label("Tên đăng nhập").fill("viewer")
    page.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)


def _compare_frame(page, timeout: float = 120):
    """The frame holding the split view once its maps are drawn."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("window.__thCompareReady === true"):
                    return frame
            except Exception:
                pass
        time.sleep(0.25)
    raise AssertionError("the split view was not drawn in time")


def test_four_periods_paint_four_maps_that_keep_one_view_after_a_pan(page):
    _open(page, FOUR)
    frame = _compare_frame(page)
    painted = frame.evaluate(PAINTED)
    assert painted == [635, 559, 166, 166]  # each period on its own unit list, the units without a polygon as dots
    text = frame.locator("body").inner_text()
    for label in ("Năm 2019", "Năm 2021", "Quý 3 năm 2025", "Quý 3 năm 2026"):
        assert label in text
    assert "danh mục đơn vị hành chính của chính kỳ đó" in text  # said on screen
    before = frame.evaluate(VIEWS)
    assert len(set(before)) == 1
    box = frame.locator("#map_0").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2 + 60, steps=8)
    page.mouse.up()
    time.sleep(0.5)
    after = frame.evaluate(VIEWS)
    assert after[0] != before[0], "the drag did not pan the first map"
    assert len(set(after)) == 1, after  # the three others followed
    frame.locator("#map_2 .leaflet-control-zoom-in").click()
    time.sleep(0.8)
    zoomed = frame.evaluate(VIEWS)
    assert len(set(zoomed)) == 1 and zoomed[0].split(",")[2] != after[0].split(",")[2]
    assert page.outside == [], page.outside
    assert "periods=2019%2C2021%2C2025-Q3%2C2026-Q3" in page.url or "periods=2019,2021,2025-Q3,2026-Q3" in page.url


def test_the_timeline_plays_the_periods_in_one_map(page):
    _open(page, FOUR)
    page.get_by_text("Dòng thời gian (một bản đồ)").click()
    deadline = time.time() + 60
    while time.time() < deadline:
        frame = _compare_frame(page)
        try:
            if frame.evaluate("window.__thCompareMaps.length") == 1:
                break
        except Exception:
            pass
        time.sleep(0.3)
    assert frame.evaluate("window.__thTimelineShown") == "2019"
    frame.locator("#tl_range").fill("3")
    assert frame.evaluate("window.__thTimelineShown") == "2026-Q3"
    assert frame.evaluate(PAINTED) == [166]
    assert "Quý 3 năm 2026" in frame.locator("#tl_label").inner_text()
    assert page.outside == [], page.outside
