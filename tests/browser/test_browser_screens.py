"""Issue 25: the map and the overview on a phone and a desktop, found, read and driven from the keyboard.

The same app and browser as test_browser.py (its fixtures), with the network closed to everything but the app.
Sizes are the issue's: a phone's 390×844 and a desktop's 1440×900. axe-core 4.14 is vendored under
tests/browser/vendor (its README says where from).
"""

from __future__ import annotations

import time

import pytest

from tests.browser.test_browser import Visit, browser, live_app  # noqa: F401 (fixtures)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = (ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
PHONE, DESKTOP = (390, 844), (1440, 900)
SEARCH = "Tìm xã: tên, mã hoặc huyện (có hoặc không dấu)"
# The box the drawn communes cover, inside the map, and the map's own size (CSS pixels of the frame).
DRAWN_BOX = """() => {
    const c = map_th.getContainer().getBoundingClientRect();
    let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    window.__thCommunes.eachLayer(x => {
        const e = x.getElement && x.getElement(); if (!e) return;
        const q = e.getBoundingClientRect(); if (!q.width) return;
        l = Math.min(l, q.left); t = Math.min(t, q.top); r = Math.max(r, q.right); b = Math.max(b, q.bottom);
    });
    l = Math.max(l, c.left); t = Math.max(t, c.top); r = Math.min(r, c.right); b = Math.min(b, c.bottom);
    return {width: (r - l) / c.width, height: (b - t) / c.height};
}"""
COMMUNE_BOX = """code => {
    let box = null;
    window.__thCommunes.eachLayer(x => { if (x.feature && x.feature.id === code) {
        const q = x.getElement().getBoundingClientRect(); box = {w: q.width, h: q.height, stroke: x.options.color,
                                                                  weight: x.options.weight}; } });
    return box;
}"""


class Screen(Visit):
    """A page at one viewport size, the network closed to all but the app (test_browser.Visit), not signed in."""

    def __init__(self, browser, base: str, size: tuple[int, int], path: str = "") -> None:  # noqa: F811
        super().__init__(browser, base, path, user=None, size=size)

    def sign_in(self, user: str = "viewer") -> None:
        self.login(user)

    def settled(self, quiet: float = 1.5, timeout: float = 60) -> None:
        """Wait until the page has stopped rerunning (nothing marked stale) for ``quiet`` seconds."""
        deadline, calm = time.time() + timeout, None
        while time.time() < deadline:
            if self.page.evaluate("!document.querySelector('[data-stale=\"true\"]')"):
                calm = calm or time.time()
                if time.time() - calm >= quiet:
                    return
            else:
                calm = None
            time.sleep(0.2)
        raise AssertionError("the page kept rerunning")

    def axe(self) -> list[dict]:
        """axe-core's serious and critical violations of WCAG 2.1 A/AA on the page as it is now."""
        self.page.evaluate(AXE + ";0")  # evaluated by the test driver: the app's CSP rightly forbids inline scripts
        found = self.page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                                                         values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.fixture
def screen(browser, live_app):  # noqa: F811
    opened: list[Screen] = []

    def open_(size: tuple[int, int], path: str = "", sign_in: bool = True) -> Screen:
        s = Screen(browser, live_app, size, path)
        opened.append(s)
        if sign_in:
            s.sign_in()
        return s

    yield open_
    for s in opened:
        s.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_communes_fill_the_map_and_refill_it_when_the_screen_turns(screen, size):
    s = screen(size)
    frame = s.map_frame()
    s.settled()
    drawn = frame.evaluate(DRAWN_BOX)
    assert max(drawn["width"], drawn["height"]) >= 0.7, drawn
    # The legend never covers a third of a phone's map: folded there, open on a desktop.
    legend = frame.locator(".th-legend details")
    assert legend.evaluate("d => d.open") == (size == DESKTOP)
    # No flag in the attribution; the scale bar and the attribution do not overlap.
    assert frame.locator(".leaflet-attribution-flag").count() == 0
    scale = frame.locator(".leaflet-control-scale").bounding_box()
    said = frame.locator(".leaflet-control-scale").inner_text()
    assert "km" in said and " mi" not in said and " ft" not in said, said  # kilometres only
    credit = frame.locator(".leaflet-control-attribution").bounding_box()
    assert scale["x"] + scale["width"] <= credit["x"] or scale["y"] + scale["height"] <= credit["y"]
    # Turned (or a window resized): fitted again to the new size.
    s.page.set_viewport_size({"width": size[1], "height": size[0]})
    time.sleep(1.5)
    drawn = frame.evaluate(DRAWN_BOX)
    assert max(drawn["width"], drawn["height"]) >= 0.7, drawn
    assert s.outside == []


def test_the_first_screen_shows_the_figures_with_the_map_and_a_phone_the_map_first(screen):
    s = screen(DESKTOP)
    s.map_frame()
    s.settled()
    iframe = s.page.locator("iframe[title^='Bản đồ xã']").bounding_box()  # the frame named in the page's language
    assert iframe["y"] < DESKTOP[1] / 2, iframe  # the map starts in the upper half of the first screen
    figure = s.page.get_by_text("Tỷ lệ lành mạnh", exact=True).bounding_box()
    assert figure["y"] + figure["height"] < iframe["y"]  # with the headline figures above it
    phone = screen(PHONE)
    phone.map_frame()
    phone.settled()
    iframe = phone.page.locator("iframe[title^='Bản đồ xã']").bounding_box()
    figure = phone.page.get_by_text("Tỷ lệ lành mạnh", exact=True).bounding_box()
    assert iframe["y"] < figure["y"]  # the map first, then the figures
    assert iframe["y"] < PHONE[1] / 2


def test_a_search_highlights_the_commune_zooms_to_it_and_opens_its_details(screen):
    s = screen(DESKTOP)
    frame = s.map_frame()
    s.settled()
    # 2026-Q3 has no districts: "quang xuong" is a former district; its first commune is Lưu Vệ (16438).
    before = frame.evaluate(COMMUNE_BOX, "16438")
    box = s.page.get_by_label(SEARCH)
    box.fill("quang xuong")
    box.press("Enter")
    s.page.get_by_role("heading", name="Xã Lưu Vệ", exact=False).wait_for(timeout=60_000)  # the details
    s.settled()
    time.sleep(1)  # the zoom's animation
    after = frame.evaluate(COMMUNE_BOX, "16438")
    assert after["w"] > 2 * before["w"] and after["h"] > 2 * before["h"], (before, after)  # zoomed to it
    assert (after["stroke"], after["weight"]) == ("#000000", 4)  # and outlined
    assert frame.evaluate("window.__thSelected") == "16438"
    assert s.outside == []


def test_the_map_is_one_tab_stop_and_works_from_the_keyboard(screen):
    s = screen(DESKTOP, "?period=2019")  # 635 communes: each was a Tab stop
    frame = s.map_frame()
    s.settled()
    s.page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    for _press in range(30):
        s.page.keyboard.press("Tab")
        if s.page.evaluate("document.activeElement.getAttribute('aria-label')") == SEARCH:
            break
    else:
        raise AssertionError("the search box is more than 30 Tab presses from the top of the overview")
    # The map itself: focused, outlined, the arrows move from commune to commune, Enter opens the details.
    frame.locator(".leaflet-container").focus()
    outline = frame.evaluate("getComputedStyle(document.querySelector('.leaflet-container')).outlineStyle")
    assert outline != "none"
    assert frame.evaluate("document.querySelector('.leaflet-container').getAttribute('aria-label')") == "Bản đồ các xã"
    s.page.keyboard.press("ArrowRight")
    first = frame.evaluate("window.__thCursor")
    s.page.keyboard.press("ArrowRight")
    second = frame.evaluate("window.__thCursor")
    assert first and second and first != second
    # Its name and status shown by the commune, and read out (the live region).
    tip = frame.locator(".leaflet-tooltip").inner_text().strip()
    assert tip and tip.split("\n")[0] in frame.evaluate("document.querySelector('[aria-live]').textContent")
    s.page.keyboard.press("Enter")
    s.page.get_by_text("Lịch sử qua các kỳ").wait_for(timeout=60_000)
    assert frame.evaluate("window.__thSelected") == second
    assert s.outside == []


def test_no_serious_accessibility_violation_on_the_sign_in_page_and_the_overview(screen):
    s = screen(DESKTOP, sign_in=False)
    s.page.get_by_label("Tên đăng nhập").wait_for()
    assert s.axe() == []
    s.sign_in()
    s.map_frame()
    s.settled()
    assert s.page.evaluate("document.documentElement.lang") == "vi"
    assert s.page.get_by_role("link", name="Chuyển đến nội dung chính").count() == 1  # Streamlit's, in Vietnamese
    assert s.axe() == []
    assert s.outside == []


def test_a_rerun_shows_a_loading_mark_and_printing_hides_the_sidebar(screen):
    s = screen(DESKTOP)
    s.map_frame()
    s.settled()
    s.page.evaluate("""() => { window.__marks = [];
        new MutationObserver(() => { const m = getComputedStyle(document.body, '::after').content;
            if (m && m !== 'none') window.__marks.push(m); })
        .observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-stale']}); }""")
    sidebar_period = s.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    sidebar_period.click()
    s.page.get_by_role("option", name="2018", exact=True).click()
    s.page.get_by_text("590 / 635").wait_for(timeout=60_000)  # 2018's figures, on the 2019 list
    assert '"Đang tải…"' in s.page.evaluate("window.__marks")
    s.page.emulate_media(media="print")
    assert not s.page.locator("[data-testid='stSidebar']").is_visible()
    assert s.page.locator("iframe[title^='Bản đồ xã']").is_visible()


def test_one_back_returns_to_the_previous_page(screen):
    s = screen(DESKTOP)
    s.map_frame()
    s.settled()
    entries = s.page.evaluate("history.length")
    s.page.locator("[data-testid='stSidebarNav'] a", has_text="Chuyển hóa").click()
    s.page.wait_for_url("**/conversions?*", timeout=60_000)
    s.settled()
    time.sleep(1)
    assert s.page.evaluate("history.length") == entries + 1  # one entry for the new page, filters included
    s.page.go_back()
    s.page.wait_for_url(lambda url: url.split("?")[0].endswith("/"), timeout=30_000)
    time.sleep(2)
    assert s.page.url.split("?")[0].endswith("/")
    assert s.page.locator("h1").first.inner_text() == "Tổng quan"
