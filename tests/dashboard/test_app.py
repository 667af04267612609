"""Every page through Streamlit's AppTest: filters change the numbers, empty states say so, nothing breaks.

The map frame (our component, mapframe.show) renders as an unknown element in AppTest, so it is patched:
the test receives the exact ``folium.Map`` and overlay the page built (STYLE.md §3.5).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from unittest.mock import patch

import folium
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["dashboard/views/overview.py", "dashboard/views/conversions.py", "dashboard/views/inspections.py",
         "dashboard/views/border.py",
         "dashboard/views/districts.py", "dashboard/views/data.py", "dashboard/views/hotspots.py"]


@pytest.fixture(autouse=True)
def _serializable_state_check_off():
    """Switch off the serialisable-state check for AppTest only.

    AppTest keeps widget format functions (lambdas) under its own internal session-state key, which trips
    ``runner.enforceSerializableSessionState`` (on in .streamlit/config.toml) in Streamlit 1.67: a testing
    artefact, so the check is off here only.
    """
    from streamlit import config

    before = config.get_option("runner.enforceSerializableSessionState")
    config.set_option("runner.enforceSerializableSessionState", False)
    yield
    config.set_option("runner.enforceSerializableSessionState", before)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> str:
    """One seeded database file for the module (pages only read it)."""
    from geo.access import accounts
    from geo.records.store import get_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    for role in accounts.ROLES:
        accounts.add_user(engine, role, PASSWORD, role)
    return url


PASSWORD = "correct horse battery"


def sign_in(at: AppTest, username: str, *, first_run: bool = False) -> AppTest:
    """Start the session as if ``username`` had signed in through the form (tests/web/test_server.py).

    AppTest cannot send the session cookie (Streamlit 1.67), so the token goes where access.py looks for
    it in tests. ``first_run``: the session starts as a real one does, with its map-first run (page.map_first).
    """
    from geo.access import accounts, sessions
    from geo.records.store import get_engine

    engine = get_engine(os.environ["GEO_DB_URL"])
    at.session_state["auth_token"] = sessions.open_session(engine, accounts.get_user(engine, username))
    # AppTest cannot run the map's frame, whose answer ends the session's map-first run (page.map_first): unless
    # asked, the session starts as after it (test_first_view_draws_the_map_first tests that run).
    if not first_run:
        from dashboard.components import page

        at.session_state[page.MAP_FIRST_DONE] = True
    return at


@contextmanager
def fresh_app(username: str, clicked: tuple[str, int] | None = None, *, first_run: bool = False):
    """The app with empty caches, signed in as ``username``; the map frame patched to report ``clicked``."""
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        with patch("dashboard.components.mapframe.show", return_value=clicked):
            yield sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), username,
                          first_run=first_run)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture
def anonymous(monkeypatch, seeded_db):
    """The whole app on the seeded illustrative database, with the map frame patched, nobody signed in."""
    monkeypatch.setenv("GEO_DB_URL", seeded_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    with patch("dashboard.components.mapframe.show", return_value=None) as spy:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.spy = spy
        yield at
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(anonymous):
    """The app as an editor (every page but administration; sees small counts)."""
    return sign_in(anonymous, "editor")


def shown(table) -> pd.DataFrame:
    """What a table's cells show (its Styler's display values), where ``.value`` holds the numbers beneath."""
    from streamlit import dataframe_util

    if not table.proto.arrow_data.styler.display_values:
        return table.value.astype(str)
    return dataframe_util.convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def last_map(at: AppTest) -> folium.Map:
    assert at.spy.called, "the page drew no map"
    base, overlay = at.spy.call_args.args
    if overlay._parent is None:  # the real frame renders both; the patched one did not add the overlay
        overlay.add_to(base)
    return base


def legend_counts(m: folium.Map) -> list[int]:
    """The counts printed in the map's legend, read from the rendered HTML."""
    import re

    # The legend travels as a JSON string inside the map script, with < > " escaped.
    html = m.get_root().render().replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    legend = html[html.index('class="th-title"'):]
    return [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', legend)]


def test_first_view_draws_the_map_first(anonymous):
    """A session's first run of the overview stops at the map, without widgets; the frame's answer draws the rest."""
    at = sign_in(anonymous, "editor", first_run=True)
    at.query_params["period"] = "2019"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.spy.call_args.kwargs["report_drawn"] is True
    assert sum(legend_counts(last_map(at))) == 635  # the 2019 map of the link, on its 635 units
    # The four headline figures come with the map (the first screen); the other four under it, with the rest.
    assert len(at.metric) == 4 and any("MINH HỌA" in w.value for w in at.warning)
    assert not at.selectbox and not at.multiselect and not at.text_input and not at.table

    at.session_state["overview_map"] = {"drawn": True}  # what the frame sends once it has drawn the communes
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.spy.call_args.kwargs["report_drawn"] is False
    assert at.selectbox(key="period").value == "2019" and at.text_input(key="overview_search") is not None
    assert at.table, "the tables below the map"
    assert len(at.metric) == 8

    at.switch_page("dashboard/views/conversions.py").run()
    at.switch_page("dashboard/views/overview.py").run()  # back on the overview: drawn whole at once, widgets stay
    assert at.selectbox(key="period").value == "2019" and at.table
    assert at.spy.call_args.kwargs["report_drawn"] is False


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_says_illustrative(app, page):
    app.query_params["period"] = "2019"
    app.run()
    if page != PAGES[0]:
        app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    if page != "dashboard/views/data.py":
        assert any("MINH HỌA" in w.value for w in app.warning), "illustrative notice missing"
        # the border page frames its map on the border strip: the districts of the border communes and neighbours
        shown = 68 if page == "dashboard/views/border.py" else 635
        assert sum(legend_counts(last_map(app))) == shown


def test_the_border_page_is_framed_on_the_border_strip_and_explains_its_symbols(app):
    from dashboard import loaders

    app.query_params["period"] = "2019"
    app.run()
    app.switch_page("dashboard/views/border.py").run()
    assert not app.exception
    strip = set(loaders.border_districts("2019"))
    assert strip == {"384", "385", "387", "388", "396"}  # Mường Lát, Quan Hóa, Quan Sơn, Lang Chánh, Thường Xuân
    layer = app.spy.call_args.kwargs["layer_url"] or ""
    assert layer  # the layer of the strip, a static file of its own
    words = " ".join(m.value for m in app.markdown)
    assert "biên giới Việt – Lào" in words and "số nạn nhân" in words
    assert "chưa có ranh giới" not in words  # the two units drawn as points lie far from the border


def test_no_change_is_neutral_and_periods_read_in_words(app):
    app.query_params["period"] = "2026-Q3"  # the same number of healthy communes as in 2026-Q2
    app.run()
    tile = next(m for m in app.metric if m.label == "Xã lành mạnh")
    assert tile.delta == "0"  # not "+0"
    assert tile.proto.color == tile.proto.MetricColor.GRAY  # grey, not green
    assert tile.proto.direction == tile.proto.MetricDirection.NONE  # no arrow
    assert any("so với kỳ trước (Quý 2 năm 2026)" in c.value for c in app.caption)


def test_former_districts_are_named_so_in_the_tables(app):
    app.query_params["period"] = "2025-Q3"
    app.run()
    assert not app.exception
    changed = [t.value for t in app.table  # the change tables (the targets table has an "Đánh giá" column too)
               if "Đánh giá" in t.value.columns and not any("Chỉ tiêu" in str(c) for c in t.value.columns)]
    assert changed and all("Huyện cũ" in c.columns and "Huyện" not in c.columns for c in changed)
    app.switch_page("dashboard/views/districts.py").run()
    assert not app.exception
    assert "Theo huyện cũ" in app.subheader[0].value and "Quý 3 năm 2025" in app.subheader[0].value
    assert "Huyện cũ" in app.dataframe[0].value.columns
    assert "Huyện cũ" in app.dataframe[1].value.columns
    column = next(c for c in app.dataframe[0].value.columns if "%" in c or "Tỷ lệ" in c)
    ratios = shown(app.dataframe[0])[column]
    assert ratios.str.contains(",").any() and not ratios.str.contains(r"\d\.\d{2}$").any()  # "83,78", not "83.78"
    # ... while the cells underneath stay numbers: a header click sorts 9 < 10 < 1.234, not as text
    assert pd.api.types.is_numeric_dtype(app.dataframe[0].value[column])


def test_compare_page_keeps_the_periods_of_its_link(app):
    app.query_params["period"] = "2019"
    app.run()
    app.query_params["periods"] = "2019,Quý 3/2025,2021"
    app.switch_page("dashboard/views/compare.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.multiselect(key="compare_periods").value == ["2019", "2021", "2025-Q3"]
    assert app.query_params["periods"] in ("2019,2021,2025-Q3", ["2019,2021,2025-Q3"])
    assert any("MINH HỌA" in w.value for w in app.warning)
    app.multiselect(key="compare_periods").set_value(["2019"]).run()
    assert any("từ 2 đến 12" in w.value for w in app.warning), "one period is not a comparison"


def test_overview_year_against_plan(app):
    app.query_params["period"] = "2019"
    app.run()
    values = metrics(app)
    assert values["Xã lành mạnh"] == "594 / 635"
    assert values["Tỷ lệ lành mạnh"] == "93,54 %"  # the plan's own style: decimal comma, space before %
    assert values["Xã mục tiêu đã chuyển hóa"] == "5 / 6"
    assert sum(legend_counts(last_map(app))) == 635


def test_overview_period_and_district_filters_change_the_numbers(app):
    app.query_params["period"] = "2018"
    app.run()
    assert metrics(app)["Xã lành mạnh"] == "590 / 635"
    app.sidebar.multiselect(key="districts").set_value(["382"]).run()  # Thành phố Sầm Sơn
    values = metrics(app)
    assert values["Xã lành mạnh"].endswith("/ 11")
    assert values["Xã lành mạnh"] != "590 / 635"
    assert sum(legend_counts(last_map(app))) == 11
    assert app.query_params["district"] in ("382", ["382"])  # the view is in the URL


def test_district_without_records_shows_no_data(app):
    app.query_params["period"] = "2019-Q1"
    app.query_params["district"] = "384"  # Mường Lát sent no Q1 report
    app.run()
    assert metrics(app)["Xã lành mạnh"] == "0 / 9"
    assert any("không có số liệu" in i.value for i in app.info)
    counts = legend_counts(last_map(app))
    assert counts[-1] == 9 and sum(counts) == 9  # every commune under "no data", none painted as a class


def test_the_default_period_is_the_latest_that_has_ended(app):
    """A leader opens the app on 2026-Q3 (the running 2026-Q4 is not stored), on the 166 units of July 2025."""
    from geo import clock
    from geo.periods import default_period, period_end
    from geo.records.store import get_engine, list_periods

    periods = list_periods(get_engine(os.environ["GEO_DB_URL"]))
    expected = default_period(periods)
    assert period_end(expected) < clock.today() and expected == max(
        (p for p in periods if period_end(p) < clock.today()), key=period_end)
    app.run()
    assert app.sidebar.selectbox(key="period").value == expected
    if expected == "2026-Q3":  # the bundled records as of December 2026
        assert metrics(app)["Xã lành mạnh"] == "146 / 166"
        assert sum(legend_counts(last_map(app))) == 166


def test_english_switch_translates_the_page(app):
    app.query_params["lang"] = "en"
    app.run()
    assert app.title[0].value == "Overview"
    assert "Healthy communes" in metrics(app)
    assert any("ILLUSTRATIVE" in w.value for w in app.warning)


def test_empty_store_says_there_is_no_data(monkeypatch, tmp_path):
    from geo.access import accounts
    from geo.records.store import get_engine

    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    accounts.add_user(get_engine(url), "viewer", PASSWORD, "viewer")
    monkeypatch.setenv("GEO_DB_URL", url)
    monkeypatch.setenv("GEO_SEED_ILLUSTRATIVE", "0")
    with fresh_app("viewer", first_run=True) as at:  # with no map to draw, drawn whole at once
        at.run()
        assert not at.exception
        assert "Chưa có số liệu" in at.info[0].value
        assert at.sidebar.radio(key="lang").value == "vi"  # the language switch and the sign-out are there
        assert any("th-signout" in h.proto.body for h in at.get("html"))
        at.switch_page("dashboard/views/inspections.py").run()
        assert not at.exception and "Chưa có số liệu" in at.info[0].value


def test_inspection_scheme_changes_the_legend(app):
    app.query_params["period"] = "2019"
    app.run()
    app.switch_page("dashboard/views/inspections.py").run()
    app.radio(key="insp_metric").set_value("per_establishment").run()
    app.selectbox(key="insp_scheme").set_value("equal_interval").run()
    assert not app.exception
    assert any("khoảng đều" in c.value for c in app.caption)
    app.selectbox(key="insp_scheme").set_value("manual").run()
    app.text_input(key="insp_breaks").set_value("0,1; 0,3").run()
    assert not app.exception
    assert any("ngưỡng tự chọn" in c.value for c in app.caption)
    app.text_input(key="insp_breaks").set_value("abc").run()
    assert "Ngưỡng không hợp lệ" in app.error[0].value


def test_conversions_lists_targets_and_transitions(app):
    app.query_params["period"] = "2019"
    app.run()
    app.switch_page("dashboard/views/conversions.py").run()
    assert not app.exception
    targets = app.dataframe[0].value
    assert len(targets) == 6
    assert (targets.iloc[:, 2] == "Đã chuyển hóa (lành mạnh)").sum() == 5
    values = metrics(app)
    assert values["Mới lành mạnh"] == "5" and values["Tái phát"] == "1"


def test_search_finds_a_commune_without_diacritics(app):
    app.query_params["period"] = "2019"
    app.run()
    app.text_input(key="overview_search").set_value("quang chieu").run()
    assert not app.exception
    assert "Xã Quang Chiểu — Huyện Mường Lát" in [s.value for s in app.subheader]


def test_search_finds_communes_by_code_and_former_district_and_the_map_is_told(app):
    """2026-Q3 has no districts: a former district's name finds its communes (own names first); a code finds one.

    The commune picked goes to the map frame (highlighted and zoomed to there) and its details open.
    """
    app.run()  # the default period, 2026-Q3, on the 166 units of July 2025
    app.text_input(key="overview_search").set_value("quang xuong").run()
    assert not app.exception
    picked = app.selectbox(key="overview_pick")
    assert picked.options[0].startswith("Xã Lưu Vệ")  # no commune is named so: those of the former district
    assert all("Quảng Xương" in o for o in picked.options)
    assert any(s.value.startswith("Xã Lưu Vệ") for s in app.subheader)
    assert app.spy.call_args.kwargs["selected"] == "16438"
    # the 2025 list has no thị trấn: the legend names the list's own kinds
    assert app.spy.call_args.kwargs["title"] == "Bản đồ xã, phường: Xã, phường lành mạnh"
    app.text_input(key="overview_search").set_value("16549").run()  # a code
    assert len(app.selectbox(key="overview_pick").options) == 1
    assert app.spy.call_args.kwargs["selected"] == "16549"


def test_map_click_opens_the_commune_details(monkeypatch, seeded_db):
    monkeypatch.setenv("GEO_DB_URL", seeded_db)
    with fresh_app("viewer", clicked=("15607", 1)) as at:  # (commune code, click number) from the frame
        at.query_params["period"] = "2019"
        at.run()
    assert "Xã Bát Mọt — Huyện Thường Xuân" in [s.value for s in at.subheader]
    assert not at.exception


def test_the_details_write_numbers_and_periods_the_vietnamese_way(monkeypatch, seeded_db):
    monkeypatch.setenv("GEO_DB_URL", seeded_db)
    with fresh_app("viewer", clicked=("14857", 1)) as at:  # Xã Trung Lý, 198.556 km²
        at.query_params["period"] = "2019-Q3"
        at.run()
        assert not at.exception
        details = at.table[0].value
        assert details.columns.tolist() == ["Quý 3/2019"]
        assert details.loc["Diện tích"].iloc[0] == "198,556 km²"
        # its history, full width: every period up to this one, "chưa có báo cáo" where it sent none
        (history,) = [t.value for t in at.table if t.value.index.name == "Kỳ"]
        rows = {p.replace("\u00a0", " "): r for p, r in history.iterrows()}
        assert list(rows)[:3] == ["2018", "Quý 1/2019", "Quý 2/2019"]
        assert rows["Quý 1/2019"]["Lành mạnh"] == "chưa có báo cáo"
        assert any("1 trong 6 kỳ chưa có báo cáo" in c.value for c in at.caption)
        assert at.sidebar.selectbox(key="period").value == "2019-Q3"  # the value (and the URL) keep the code
        assert "Quý 3/2019" in at.sidebar.selectbox(key="period").options
        at.session_state["lang"] = "en"
        at.run()
        assert at.table[0].value.loc["Area"].iloc[0] == "198.556 km²"
        assert "Q3 2019" in at.sidebar.selectbox(key="period").options


def test_the_details_of_a_2025_unit_tell_its_history_through_the_links(monkeypatch, seeded_db):
    # 14758 is Phường Hàm Rồng in 2025-Q3 and was Phường Đông Thọ in 2019: its past is re-expressed, not by code.
    monkeypatch.setenv("GEO_DB_URL", seeded_db)
    with fresh_app("viewer", clicked=("14758", 1)) as at:
        at.query_params["period"] = "2025-Q3"
        at.run()
    assert not at.exception
    assert any("Phường Hàm Rồng" in s.value for s in at.subheader)
    assert any("Phường Đông Thọ" in e.label or "Phường Đông Thọ" in m.value
               for e in at.expander for m in e.markdown)  # the links that made it
    note = next(c.value for c in at.caption if c.value.startswith("Các kỳ thuộc danh mục cũ"))
    assert "2019" in note and "2025-Q3" not in note
    (history,) = [t.value for t in at.table if t.value.index.name == "Kỳ"]  # full width under the map, a row a period
    periods = [p.replace("\u00a0", " ") for p in history.index]
    assert periods[-1] == "Quý 3/2026" and "2019" in periods and "2025" in periods  # 2025: the 549 units of January
    assert "Quý 1/2019" in periods  # every period is there, written in words


def test_districts_page_table_and_downloads(app):
    app.query_params["period"] = "2019"
    app.query_params["district"] = ["407", "382"]
    app.run()
    app.switch_page("dashboard/views/districts.py").run()
    assert not app.exception
    district_rows = app.dataframe[0].value
    assert len(district_rows) == 2
    commune_rows = app.dataframe[1].value
    assert len(commune_rows) == 34 + 11
    app.selectbox(key="districts_drill").set_value("382").run()
    assert len(app.dataframe[1].value) == 11


# --- access control -------------------------------------------------------------------------------------

@pytest.mark.parametrize("period", [None, "2019", "2019-Q1"])
def test_a_run_without_a_session_shows_no_commune_data(anonymous, period):
    """A run without a session shows a link to the sign-in page and nothing else.

    server.Gate lets no anonymous websocket in (tests/web/test_server.py); such a run happens when a session
    ended while its tab stayed open.
    """
    if period:
        anonymous.query_params["period"] = period
    anonymous.run()
    assert not anonymous.exception
    assert not anonymous.spy.called  # no map
    assert len(anonymous.metric) == 0 and len(anonymous.dataframe) == 0 and len(anonymous.table) == 0
    assert "đăng nhập lại" in anonymous.info[0].value


def test_a_session_ended_elsewhere_stops_the_next_run(anonymous):
    from geo.access import sessions
    from geo.records.store import get_engine

    at = sign_in(anonymous, "viewer")
    at.query_params["period"] = "2019"
    at.run()
    assert metrics(at)["Xã lành mạnh"] == "594 / 635"
    sessions.end_user_sessions(get_engine(os.environ["GEO_DB_URL"]), "viewer", actor="admin")
    at.run()
    assert len(at.metric) == 0 and not at.spy.call_count > 1
    assert "quản trị viên đã kết thúc phiên" in at.info[0].value


def test_viewer_cannot_reach_import_export_or_admin(anonymous):
    at = sign_in(anonymous, "viewer")
    at.run()
    # not even registered for a viewer
    for page in ("dashboard/views/data.py", "dashboard/views/export.py", "dashboard/views/admin.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    at.switch_page("dashboard/views/districts.py").run()
    assert not at.exception
    assert not any("Tải bảng" in b.label for b in at.get("download_button"))  # tables are exports too
    # their URLs (a link to /data in a message) open a page that says why, not the overview in silence
    at.switch_page("dashboard/views/not_allowed.py").run()
    assert not at.exception and not at.metric
    assert "vai trò «xem» nên không mở được trang này" in at.error[0].value


def test_small_counts_are_masked_for_a_viewer_but_not_an_editor(anonymous):
    at = sign_in(anonymous, "viewer")
    at.query_params["period"] = "2019"
    at.run()
    at.switch_page("dashboard/views/border.py").run()
    intro = "17 xã biên giới thuộc 5 huyện (Mường Lát, Quan Hóa, Quan Sơn, Lang Chánh, Thường Xuân)"
    assert any(intro in c.value for c in at.caption)  # counted on the lines in use, not written in the label
    assert any("Đường biên giới Việt – Lào (197,0 km)" in c.value for c in at.caption)  # the line's own length
    victims = at.dataframe[0].value["Số nạn nhân tiếp nhận"].astype(str)
    assert "<3" in set(victims) and not {"1", "2"} & set(victims)
    tooltips = last_map(at).get_root().render()
    assert "&lt;3" in tooltips  # escaped as HTML inside the tooltip table
    editor = sign_in(anonymous, "editor")
    editor.run()
    editor.switch_page("dashboard/views/border.py").run()
    assert {"1", "2"} & set(editor.dataframe[0].value["Số nạn nhân tiếp nhận"].astype(str))


def test_admin_reads_the_audit_log(anonymous):
    at = sign_in(anonymous, "admin")
    at.run()
    at.switch_page("dashboard/views/admin.py").run()
    assert not at.exception
    log = at.dataframe[-1].value  # the last table: users, open sessions, then the log
    assert list(log.columns) == ["Thời gian", "Người thực hiện", "Việc", "Đối tượng", "Kết quả", "Chi tiết"]
    assert "Tạo tài khoản" in set(log["Việc"]) and not log["Chi tiết"].str.contains("{", regex=False).any()
    users = at.dataframe[0].value
    assert "Vai trò" in users.columns and "quản trị" in set(users["Vai trò"])
    at.selectbox(key="admin_who").set_value("admin").run()
    assert at.selectbox(key="admin_role").value == "admin"  # the role box shows the account's own role
    at.selectbox(key="admin_who").set_value("viewer").run()
    assert at.selectbox(key="admin_role").value == "viewer"
    at.text_input(key="admin_new_name").set_value("newcomer")
    at.button[0].click().run()  # the form's submit button
    assert "newcomer" in set(at.dataframe[0].value["Tên đăng nhập"])  # in the table at once, no reload
    assert any("newcomer" in s.value for s in at.success)
    at.session_state["lang"] = "en"
    at.run()
    assert list(at.dataframe[-1].value.columns) == ["Time", "Who", "What", "On", "Outcome", "Details"]


def test_overview_lists_what_changed_since_the_previous_period(app):
    app.query_params["period"] = "2019-Q3"  # the illustrative relapse happens in Q3
    app.run()
    (changes,) = [t.value for t in app.table if "Tái phát" in set(t.value.iloc[:, -1])]  # a static table
    assert list(changes.columns) == ["Xã", "Huyện", "Đánh giá"]
    assert any("so với kỳ trước (Quý 2 năm 2019)" in e.label for e in app.expander)


def test_export_is_logged_with_what_filter_and_format(anonymous):
    from geo.access import audit
    from geo.records.store import get_engine

    at = sign_in(anonymous, "planner")
    at.query_params["period"] = "2019"
    at.query_params["district"] = "384"
    at.run()
    at.switch_page("dashboard/views/export.py").run()
    assert not at.exception
    at.selectbox(key="export_format").set_value("csv").run()
    at.button(key="export_make").click().run()
    assert not at.exception
    log = audit.read_log(get_engine(os.environ["GEO_DB_URL"]))
    export = log[(log["action"] == "export") & (log["username"] == "planner")].iloc[0]
    assert '"format": "csv"' in export["detail"] and '"districts": ["384"]' in export["detail"]
    assert '"theme": "healthy"' in export["detail"]


def test_an_export_whose_audit_line_cannot_be_written_is_offered_with_a_warning(app_as):
    """The page calls geo.maps.exports.export_file, as the CLI does: the file and the warning, no traceback."""
    from tests.util import audit_cannot_be_written

    at = app_as("planner")
    at.query_params["period"] = "2019"
    at.query_params["district"] = "384"
    at.run()
    at.switch_page("dashboard/views/export.py").run()
    audit_cannot_be_written(at.engine)
    at.selectbox(key="export_format").set_value("csv").run()
    at.button(key="export_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Không ghi được nhật ký hoạt động" in w.value for w in at.warning)
    assert any(b.proto.label == "Tải ban_do_healthy_2019_384.csv" for b in at.get("download_button"))


def test_a_broken_boundary_file_is_a_message_not_a_traceback(monkeypatch, seeded_db, tmp_path):
    """GEO_COMMUNES_PATH (or a damaged data/communes.geojson) pointing at a file that breaks the contract."""
    import json

    from dashboard import loaders

    raw = json.loads(loaders.COMMUNES_PATH.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:3]
    for f in raw["features"]:
        f["properties"]["commune_code"] = int(f["properties"]["commune_code"])  # codes as numbers
    bad = tmp_path / "communes.geojson"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(loaders, "COMMUNES_PATH", bad)
    monkeypatch.setenv("GEO_DB_URL", seeded_db)
    with fresh_app("viewer", first_run=True) as at:  # a session's first run, whose map will not come
        at.run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "")  # as shown: the Markdown escapes removed
    assert "Không đọc được tệp ranh giới xã" in message
    assert str(bad.name) in message and "expected text" in message  # names the file and what is wrong
    assert len(at.metric) == 0
    assert at.sidebar.radio(key="lang").value == "vi"  # the language switch is there all the same


def test_a_first_view_that_fails_before_its_map_still_draws_the_widgets(anonymous):
    """The map-first run (page.map_first) raising before its map: the error, and the selectors to get away."""
    at = sign_in(anonymous, "editor", first_run=True)
    at.query_params["period"] = "2019"
    with patch("dashboard.loaders.period_summary", side_effect=RuntimeError("hỏng ở SELECT * FROM records")):
        at.run()
    assert not at.exception  # no traceback, no driver text
    assert "gặp lỗi ngoài dự kiến" in at.error[0].value and "SELECT" not in at.error[0].value
    assert at.sidebar.selectbox(key="period").value == "2019" and at.sidebar.radio(key="lang").value == "vi"
    assert any("th-signout" in h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("debug", [False, True])
def test_a_page_that_fails_shows_one_message_and_the_traceback_only_to_a_developer(app, monkeypatch, debug):
    """Any page, after its first view: the user's words and the time to give the administrator.

    GEO_DEBUG=1 adds the exception for a developer.
    """
    if debug:
        monkeypatch.setenv("GEO_DEBUG", "1")
    with patch("dashboard.loaders.period_summary", side_effect=RuntimeError("hỏng ở SELECT * FROM records")):
        app.run()
    message = app.error[0].value
    assert "Trang này gặp lỗi ngoài dự kiến" in message and "(UTC+7)" in message and "SELECT" not in message
    assert bool(app.exception) is debug
    if debug:
        assert "SELECT * FROM records" in app.exception[0].message


def test_a_page_whose_database_fails_says_which_fault_without_path_or_sql(app):
    """A database gone damaged (or unreachable, read-only, full) under a page: the command line's words."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError

    fault = DatabaseError("SELECT * FROM records", {}, sqlite3.DatabaseError("database disk image is malformed"))
    with patch("dashboard.loaders.period_summary", side_effect=fault):
        app.run()
    message = app.error[0].value
    assert message.startswith("Cơ sở dữ liệu bị hỏng") and "khôi phục từ bản sao lưu" in message
    assert "SELECT" not in message and "sqlite" not in message


@pytest.mark.parametrize(("link", "shown"), [("Q1/2019", "2019-Q1"), ("Quý 1/2019", "2019-Q1"), ("２０１９", "2019")])
def test_a_link_reads_its_period_as_a_file_or_the_command_line_does(anonymous, link, shown):
    anonymous.query_params["period"] = link
    at = sign_in(anonymous, "editor")
    at.run()
    assert at.sidebar.selectbox[0].value == shown
    assert at.query_params["period"] in (shown, [shown])


def test_a_link_whose_period_is_not_one_says_so_and_opens_the_default(anonymous):
    anonymous.query_params["period"] = "2019-Q5"
    at = sign_in(anonymous, "editor")
    at.run()
    # The link's text is shown inert (Markdown escaped: «2019\-Q5»).
    assert any("«2019\\-Q5» trong đường dẫn không phải là một kỳ" in w.value for w in at.sidebar.warning)
    assert at.sidebar.selectbox[0].value != "2019-Q5"


def test_map_geometry_goes_inline_when_the_layer_directory_cannot_be_written(app, monkeypatch, tmp_path):
    """A read-only installation: static/layers cannot be written, the map still gets its geometry."""
    from dashboard import loaders
    from geo.maps.render import frame_parts

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setattr(loaders, "LAYER_DIR", blocker / "layers")
    app.run()
    assert not app.exception
    base, overlay = app.spy.call_args.args
    assert app.spy.call_args.kwargs["layer_url"] is None
    parts = frame_parts(base, overlay)
    assert '"arcs"' in parts.base_js and "fetch(" not in parts.base_js


def test_map_geometry_is_a_static_file_named_by_its_content(app):
    import hashlib
    import json

    from dashboard import loaders
    from geo.maps.render import frame_parts

    app.query_params["period"] = "2019"
    app.run()
    url = app.spy.call_args.kwargs["layer_url"]
    assert url.startswith("../../app/static/layers/")  # from the frame at component/<name>/index.html
    served = loaders.LAYER_DIR / url.rsplit("/", 1)[1]
    text = served.read_text(encoding="utf-8")
    assert served.name.startswith(hashlib.sha256(text.encode()).hexdigest()[:24])
    topo = json.loads(text)
    assert topo["type"] == "Topology" and len(topo["objects"]["communes"]["geometries"]) == 635
    parts = frame_parts(*app.spy.call_args.args)
    assert f'"{url}"' in parts.base_js and '"arcs"' not in parts.base_js  # reruns carry no geometry


def test_boundaries_page_is_for_admins_and_starts_with_the_bundled_lines(anonymous):
    editor = sign_in(anonymous, "editor")
    editor.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        editor.switch_page("dashboard/views/boundaries.py")
    at = sign_in(anonymous, "admin")
    at.run()
    at.switch_page("dashboard/views/boundaries.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Chưa có bản nào: bản đồ dùng ranh giới đi kèm" in c.value for c in at.caption)


# --- one truth: the CLI's JSON, the overview's tiles and the sheet's printed figures are the same numbers ------

# The plan's years, and later periods on each kind of unit list: 559 units (2021), a change within the year
# (2024-Q3 on 558), the first quarter on the 166 units (2025-Q3, the previous quarter re-expressed), the latest.
STORED_PERIODS = ["2018", "2019", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2021", "2024-Q3", "2025-Q3", "2026-Q3"]


def _cli_summary(db: str, period: str, districts: tuple[str, ...], capsys) -> dict:
    import json

    from geo.cli.main import main

    args = ["summary", "--period", period, "--db", db, "--json"]
    for code in districts:
        args += ["--district", code]
    capsys.readouterr()
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def _tiles_from_cli(figures: dict, lang: str = "vi") -> dict[str, str]:
    """What the overview's tiles must read for these CLI figures, written the Vietnamese way."""
    from geo.text.numbers import fmt_fraction, fmt_number, fmt_percent

    return {
        "Xã lành mạnh": fmt_fraction(figures["healthy"], figures["communes_total"], lang),
        "Tỷ lệ lành mạnh": fmt_percent(figures["healthy_ratio"], lang),
        "Giữ vững lành mạnh": fmt_number(figures["healthy_maintained"], lang),
        "Xã mục tiêu đã chuyển hóa": fmt_fraction(figures["converted"], figures["conversion_targets"], lang),
        "Lượt kiểm tra (lũy kế năm)": fmt_number(figures["inspections_ytd"], lang),
        "Vụ án hình sự (lũy kế năm)": fmt_number(figures["criminal_cases_ytd"], lang),
        "Xã ký cam kết": ("—" if figures["commitments_signed"] is None
                          else fmt_fraction(figures["commitments_signed"], figures["communes_total"], lang)),
        "Mới lành mạnh": fmt_number(figures["newly_healthy"], lang),
    }


@pytest.mark.parametrize("districts", [(), ("407",)], ids=["province", "tinh_gia"])
def test_cli_json_overview_tiles_and_sheet_figures_agree_for_every_period(anonymous, seeded_db, districts, capsys):
    """For stored periods (years and quarters, every unit list) and a district filter: one number, one function."""
    import re
    import subprocess

    from geo.maps import exports, sheets
    from geo.records.store import get_engine
    from geo.text.numbers import fmt_fraction, fmt_number, fmt_percent
    from geo.units.versions import layer_version

    at = sign_in(anonymous, "admin")  # sees small counts: nothing masked on either side
    if districts:
        at.query_params["district"] = list(districts)
    at.run()
    inputs = exports.load_inputs(get_engine(seeded_db), "2019")
    for period in STORED_PERIODS:
        figures = _cli_summary(seeded_db, period, districts, capsys)
        at.sidebar.selectbox(key="period").set_value(period).run()  # as a person changes the period
        assert not at.exception, [e.message for e in at.exception]
        tiles = {m.label: m.value for m in at.metric}
        expected = _tiles_from_cli(figures)
        assert {k: tiles[k] for k in expected} == expected, period
        if figures["period_kind"] == "quarter":  # the quarter alone is named apart from the year to date
            helps = " ".join(m.proto.help for m in at.metric)
            assert f"Riêng quý này: {fmt_number(figures['inspections_period'], 'vi')}" in helps, period
        if figures["previous_period"]:
            changed = [e.label for e in at.expander if e.label.startswith("Thay đổi so với kỳ trước")]
            from geo.periods import period_label

            assert changed == [f"Thay đổi so với kỳ trước ({period_label(figures['previous_period'])}): "
                               f"{fmt_number(len(figures['changed_communes']), 'vi')} xã"], period

        same_units = layer_version(period) == layer_version("2019")
        period_inputs = exports.load_inputs(get_engine(seeded_db), period, border=inputs.border,
                                            communes=inputs.communes if same_units else None)
        pdf = sheets.render_sheet(period_inputs, sheets.SheetOptions(period=period, districts=districts), "pdf")
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        flat = re.sub(r"\s+", " ", text)
        line = (f"{fmt_fraction(figures['healthy'], figures['communes_total'], 'vi')} xã lành mạnh "
                f"({fmt_percent(figures['healthy_ratio'], 'vi')})")
        assert line in flat, (period, line)
        if figures["period_kind"] == "quarter":
            assert (f"lượt kiểm tra: {fmt_number(figures['inspections_period'], 'vi')} trong quý, "
                    f"{fmt_number(figures['inspections_ytd'], 'vi')} lũy kế năm") in flat, period
        else:
            assert f"{fmt_number(figures['inspections_ytd'], 'vi')} lượt kiểm tra trong năm" in flat, period
def test_overview_figures_are_computed_once_for_every_session(anonymous):
    """Ten people opening the same overview: the figures are computed by the first and shared."""
    from geo.figures import summary

    calls: list[str] = []
    real = summary.period_summary

    def counting(*args, **kwargs):
        calls.append("period_summary")
        return real(*args, **kwargs)

    with patch("geo.figures.summary.period_summary", counting):
        first = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "viewer")
        first.query_params["period"] = "2019-Q3"
        first.run()
        computed = len(calls)
        assert computed >= 1 and metrics(first)["Xã lành mạnh"].endswith("/ 635")
        for name in ("planner", "editor"):  # other people, other sessions, same view
            other = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), name)
            other.query_params["period"] = "2019-Q3"
            other.run()
            assert metrics(other)["Xã lành mạnh"] == metrics(first)["Xã lành mạnh"]
        assert len(calls) == computed


# --------------------------------------------------------------------------------------------- unit versions


@pytest.fixture(scope="module")
def versions_db(tmp_path_factory) -> str:
    """The seeded database; files on the units of 2021, 2025-Q2 and 2025-Q3 replace those periods' records."""
    from geo.access import accounts
    from geo.records.store import get_engine
    from tests.util import import_unit_files

    folder = tmp_path_factory.mktemp("versions")
    url = f"sqlite:///{folder / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    accounts.add_user(engine, "viewer", PASSWORD, "viewer")
    import_unit_files(url, folder, [("2020-06-01", "2021"), ("2025-01-01", "2025-Q2"), ("2025-07-01", "2025-Q3")],
                      replace=True, not_healthy_every=10)
    return url


@pytest.mark.parametrize(("period", "total", "healthy"), [("2021", 559, 503), ("2025-Q2", 549, 494),
                                                          ("2025-Q3", 166, 149)])
def test_a_period_is_shown_on_its_own_units(monkeypatch, versions_db, period, total, healthy):
    monkeypatch.setenv("GEO_DB_URL", versions_db)
    with fresh_app("viewer") as at:
        at.query_params["period"] = period
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert metrics(at)["Xã lành mạnh"] == f"{healthy} / {total}"
    assert any(f"{total} đơn vị" in c.value for c in at.sidebar.caption)


def test_2025_q3_has_former_districts_and_says_it_re_expressed_the_previous_quarter(monkeypatch, versions_db):
    monkeypatch.setenv("GEO_DB_URL", versions_db)
    with fresh_app("viewer") as at:
        at.query_params["period"] = "2025-Q3"
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.sidebar.multiselect(key="districts").label == "Huyện cũ (trước 1/7/2025)"
        captions = " ".join(c.value for c in at.caption)
        assert "Kỳ Quý 2/2025 dùng danh mục 01/01/2025" in captions and "quy đổi" in captions
        at.text_input(key="overview_search").set_value("muong lat").run()
        assert "Xã Mường Lát (huyện Mường Lát cũ)" in [s.value.replace("\\", "") for s in at.subheader]


def test_the_details_of_a_2025_unit_show_the_links_that_made_it_derived_ones_marked(monkeypatch, versions_db):
    monkeypatch.setenv("GEO_DB_URL", versions_db)
    with fresh_app("viewer", clicked=("14812", 1)) as at:  # Phường Bỉm Sơn: 4 units of 2025-01, one merger derived
        at.query_params["period"] = "2025-Q3"
        at.run()
        assert not at.exception, [e.message for e in at.exception]
    (links,) = [e for e in at.expander if "Hình thành qua các lần sắp xếp" in e.label]
    assert links.label.endswith("5 liên kết, 1 suy ra")
    lines = " ".join(m.value for m in links.markdown).replace("\\", "").split("\n")
    assert any(line.startswith("- 01/07/2025 · 14812 ") and "14821 Phường Đông Sơn" in line
               and line.endswith("— chính thức (bảng chuyển đổi 2025)") for line in lines)
    assert any(line.startswith("- 01/12/2019 · 14821 ") and "← 14827 Xã Hà Lan" in line
               and "**suy ra** (ranh giới chung dài nhất, tin cậy vừa)" in line for line in lines)
    assert any("Suy ra: không có nguồn nêu" in c.value for c in links.caption)
    # the history crosses the reform: earlier periods re-expressed on this unit through the links
    assert any("quy đổi" in c.value for c in at.caption)


# --------------------------------------------------------------------------------------------- dates people read


def _page_text(at: AppTest) -> str:
    """Every text of the page a person reads: messages, captions, choices and their labels, the problem table."""
    parts = [e.value for kind in ("markdown", "caption", "success", "error", "warning", "info", "subheader", "title")
             for e in getattr(at, kind)]
    parts += [label for r in at.radio for label in (r.label, *r.options)]
    parts += [b.label for b in at.button] + [e.label for e in at.expander]
    parts += [table.value.to_string() for table in at.table]
    return "\n".join(str(p) for p in parts)


def test_the_data_page_names_the_december_2019_list_by_its_date(app, tmp_path):
    """A 2019 file on the 559 units of 1 December 2019: refused by the rule, with the way out; then read on that list.

    Every text says the list as people write a date ("01/12/2019"), never its id ("2019-12-01").
    """
    import re

    import pandas as pd

    from geo.units import versions
    from tests.util import unit_file

    path = unit_file(tmp_path / "dong_son_2019.csv", "2019-12-01", "2019", inspections=5)
    dong_son = set(versions.units("2019-12-01").query("district_code == '405'")["commune_code"])
    frame = pd.read_csv(path, dtype=str)
    frame[frame["Mã xã"].isin(dong_son)].to_csv(path, index=False)
    app.run()
    app.switch_page("dashboard/views/data.py").run()
    app.file_uploader(key="data_upload").set_value(("dong_son_2019.csv", path.read_bytes(), "text/csv")).run()
    assert not app.exception, [e.message for e in app.exception]
    refused = _page_text(app)
    assert "chọn danh mục đơn vị từ 01/12/2019" in refused  # the problem table: how to read the file
    assert "Danh mục có hiệu lực từ 01/12/2019 (559 đơn vị)" in app.radio(key="data_units_version").options
    app.radio(key="data_units_version").set_value("2019-12-01").run()
    assert not app.exception, [e.message for e in app.exception]
    read = _page_text(app)
    assert f"hợp lệ — {len(dong_son)} bản ghi" in read
    assert any("theo danh mục có hiệu lực từ 01/12/2019 (559 đơn vị)" in c.value for c in app.caption)
    for text in (refused, read):
        assert "2019-12-01" not in text
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-Q\d\b", text), re.findall(
            r".{40}\b(?:\d{4}-\d{2}-\d{2}|\d{4}-Q\d)\b.{20}", text)


def test_the_hot_spot_map_and_the_comparison_are_offered_as_print_sheets_and_audited(anonymous):
    """A planner on the Hot spots page makes its sheet (PDF); on the Compare page, the side-by-side sheet (PNG)."""
    from geo.access import audit
    from geo.records.store import get_engine

    at = sign_in(anonymous, "planner")
    at.query_params["period"] = "2019"
    at.run()
    at.switch_page("dashboard/views/hotspots.py").run()
    assert not at.exception, [e.message for e in at.exception]
    at.selectbox(key="hot_measure").set_value("inspections").run()
    at.button(key="hot_export_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    (hot,) = [b for b in at.get("download_button") if "hotspots" in b.proto.label]
    assert hot.proto.label == "Tải ban_do_hotspots_inspections_count_2019_toan_tinh.pdf"
    at.selectbox(key="hot_measure").set_value("violations").run()  # another map: the file made before is not offered
    assert not [b for b in at.get("download_button") if "hotspots" in b.proto.label]

    at.query_params["periods"] = "2019,2021"
    at.switch_page("dashboard/views/compare.py").run()
    assert not at.exception, [e.message for e in at.exception]
    at.radio(key="compare_export_format").set_value("png").run()
    at.button(key="compare_export_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Tải so_sanh_healthy_2019_2021_toan_tinh.png" in labels, labels
    log = audit.read_log(get_engine(os.environ["GEO_DB_URL"]))
    exports = log[(log["action"] == "export") & (log["username"] == "planner")]
    assert exports["detail"].str.contains('"theme": "hotspots"').any()
    assert exports["detail"].str.contains("so_sanh_healthy_2019_2021_toan_tinh.png").any()


def test_a_viewer_is_not_offered_the_print_sheets(anonymous):
    at = sign_in(anonymous, "viewer")
    at.query_params["period"] = "2019"
    at.run()
    at.switch_page("dashboard/views/hotspots.py").run()
    assert not at.exception and not [b for b in at.button if b.key == "hot_export_make"]
