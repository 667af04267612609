"""Plan items without commune figures (T6, T9, T10): entries, history, audit, judgement, CLI and pages.

The store tests take ``db``: each runs on SQLite and on PostgreSQL (``tests/conftest.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from geo import clock
from geo.access import accounts, audit
from geo.cli.main import main
from geo.contract import PLANS_DIR
from geo.figures import plan_items
from geo.figures.targets import load_plan
from geo.records.plans import seed_plans
from geo.records.store import get_engine
from tests.conftest import ROOT

PASSWORD = "correct horse battery"


@pytest.fixture
def plan():
    """Plan 19/KH-UBND as the bundled file has it (the plan of 2019's items)."""
    return load_plan(PLANS_DIR / "2019.toml")


@pytest.fixture
def people(db):
    """A database without records, with the bundled 2019 plan, an editor and a viewer."""
    engine = get_engine(db)
    seed_plans(engine, illustrative=False)
    editor = accounts.add_user(engine, "editor1", PASSWORD, "editor")
    viewer = accounts.add_user(engine, "viewer1", PASSWORD, "viewer")
    return engine, editor, viewer


def test_entries_keep_their_history_and_the_latest_wins(people, plan):
    engine, editor, _ = people
    plan_items.record_progress(engine, plan, editor, "T9", "in_progress", value="1", note="Mô hình ở Mường Lát",
                               as_of="2019-05-10")
    plan_items.record_progress(engine, plan, editor, "T9", "in_progress", value="2,0", note="thêm Quan Sơn",
                               as_of="2019-09-30")
    plan_items.record_progress(engine, plan, editor, "T6", "done", as_of=dt.date(2019, 3, 20))
    history = plan_items.history(engine, "T9")
    assert list(history["value"]) == [2.0, 1.0]  # newest first, nothing overwritten
    assert list(history["note"]) == ["thêm Quan Sơn", "Mô hình ở Mường Lát"]
    assert set(history["username"]) == {"editor1"}
    assert len(plan_items.history(engine)) == 3
    latest = plan_items.latest_entries(engine)
    assert latest["T9"]["value"] == 2.0 and latest["T6"]["status"] == "done"
    # as at the end of Q2 only the May entry existed: the briefing of 2019-Q2 shows 1 of 2
    q2 = {r.id: r for r in plan_items.period_items(engine, plan, "2019-Q2")}
    assert (q2["T9"].value, q2["T9"].progress) == (1.0, "on_track")
    assert q2["T6"].progress == "met" and q2["T10"].progress == "no_data"
    year = {r.id: r for r in plan_items.period_items(engine, plan, "2019")}
    assert (year["T9"].value, year["T9"].progress, year["T9"].as_of) == (2.0, "met", dt.date(2019, 9, 30))


def test_a_correction_entered_later_about_the_same_day_wins(people, plan):
    engine, editor, _ = people
    plan_items.record_progress(engine, plan, editor, "T10", "in_progress", as_of="2019-06-30")
    plan_items.record_progress(engine, plan, editor, "T10", "not_started", note="nhầm", as_of="2019-06-30")
    assert plan_items.latest_entries(engine)["T10"]["status"] == "not_started"


def test_every_entry_and_every_refusal_is_audited(people, plan):
    engine, editor, viewer = people
    plan_items.record_progress(engine, plan, editor, "T6", "in_progress", note="đã có quyết định",
                               as_of="2019-02-01")
    with pytest.raises(plan_items.PlanItemError, match="editor"):
        plan_items.record_progress(engine, plan, viewer, "T6", "done", as_of="2019-02-01")
    log = audit.read_log(engine)
    rows = log[log["action"] == "plan_progress"]
    assert list(rows["outcome"]) == ["refused", "ok"]
    assert list(rows["username"]) == ["viewer1", "editor1"]
    ok = json.loads(rows.iloc[1]["detail"])
    assert ok["item"] == "T6" and ok["status"] == "in_progress" and ok["as_of"] == "2019-02-01"
    assert ok["note"] == "đã có quyết định"
    assert len(plan_items.history(engine)) == 1  # the refused one stored nothing


@pytest.mark.parametrize(("item", "status", "value", "as_of", "message"), [
    ("T1", "done", None, "2019-01-01", "Không có mục T1"),  # measured from the communes, not entered
    ("T99", "done", None, "2019-01-01", "Không có mục T99"),
    ("T9", "finished", None, "2019-01-01", "Trạng thái không hợp lệ: finished"),
    ("T9", "done", "hai", "2019-01-01", "số liệu không hợp lệ «hai»"),
    ("T9", "done", "-1", "2019-01-01", "số liệu không hợp lệ «-1»"),
    ("T6", "done", "1", "2019-01-01", "không có chỉ tiêu bằng số"),
    ("T6", "done", None, "31/03/2019", "Ngày không hợp lệ: 31/03/2019"),
    ("T6", "done", None, "2019-07-01", "Ngày không hợp lệ"),  # tomorrow, on the clock set below
])
def test_bad_entries_are_refused_with_a_message_naming_the_value(people, plan, item, status, value, as_of,
                                                                 message):
    engine, editor, _ = people
    # The product's clock, not the machine's: "tomorrow" is the same day whenever the test runs.
    with clock.frozen("2019-06-30T12:00:00Z"), pytest.raises(plan_items.PlanItemError, match=message):
        plan_items.record_progress(engine, plan, editor, item, status, value=value, as_of=as_of)
    assert plan_items.history(engine).empty


def test_judgement_against_the_deadline(plan):
    t6 = next(t for t in plan.targets if t.id == "T6")  # deadline 2019-Q1
    t9 = next(t for t in plan.targets if t.id == "T9")  # 2 models in the year
    entry = {"status": "in_progress", "value": None}
    assert plan_items.item_progress(t6, entry, "2019-Q1") == "behind"  # the deadline is the end of Q1
    assert plan_items.item_progress(t6, {"status": "done", "value": None}, "2019-Q1") == "met"
    assert plan_items.item_progress(t9, {"status": "in_progress", "value": 1.0}, "2019-Q3") == "on_track"
    assert plan_items.item_progress(t9, {"status": "in_progress", "value": 1.0}, "2019") == "behind"
    assert plan_items.item_progress(t9, {"status": "in_progress", "value": 2.0}, "2019-Q3") == "met"
    assert plan_items.item_progress(t9, None, "2019") == "no_data"
    assert plan_items.period_end("2019-Q4") == dt.date(2019, 12, 31)
    assert plan_items.period_end("2019-Q1") == dt.date(2019, 3, 31)


def test_cli_set_list_history_and_exit_codes(people, db, capsys):
    db_args = ["--db", db]
    assert main(["plan-item", "set", "T9", "--status", "in_progress", "--value", "1", "--date", "2019-06-30",
                 "--note", "Mô hình ở Mường Lát", "--user", "editor1", *db_args]) == 0
    assert "Đã lưu mục T9" in capsys.readouterr().out
    assert main(["plan-item", "set", "T9", "--status", "done", "--user", "viewer1", *db_args]) == 1
    assert "cần vai trò editor" in capsys.readouterr().err
    assert main(["plan-item", "set", "T9", "--status", "done", "--user", "nobody", *db_args]) == 2
    assert main(["--lang", "en", "plan-item", "set", "T6", "--status", "done", "--value", "3", "--user", "editor1",
                 "--date", "2019-03-01", *db_args]) == 1
    assert "has no numeric target" in capsys.readouterr().err
    assert main(["plan-item", "list", *db_args]) == 0
    out = capsys.readouterr().out
    assert "T9 Xây dựng mô hình hỗ trợ cộng đồng và nhóm đồng đẳng: 1 / 2 → Chậm tiến độ" in out
    assert "T6 Kiện toàn Đoàn liên ngành 178 cấp tỉnh, cấp huyện: — → Chưa có số liệu" in out
    assert main(["plan-item", "list", "--period", "2019-Q3", "--json", *db_args]) == 2  # no records: unknown period
    assert main(["plan-item", "history", "T9", "--json", *db_args]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["item_id"], e["value"], e["username"]) for e in entries] == [("T9", 1.0, "editor1")]


def test_summary_shows_the_items_latest_status(illustrative_engine, capsys):
    url = illustrative_engine.url.render_as_string(hide_password=False)
    assert main(["summary", "--period", "2019-Q2", "--db", url, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in got["plan_items"]] == ["T6", "T9", "T10"]
    assert main(["--lang", "en", "summary", "--period", "2019-Q2", "--db", url]) == 0
    assert "T9 New community-support and peer-group models: — / 2 → No data" in capsys.readouterr().out


def test_editor_records_progress_on_the_plan_page_and_the_overview_shows_it(app_as):
    at = app_as("editor")
    at.query_params["period"] = "2019-Q2"
    at.run()
    at.switch_page("dashboard/views/plan.py").run()
    assert not at.exception, [e.message for e in at.exception]
    at.selectbox(key="plan_item").set_value("T9")
    at.radio(key="plan_status").set_value("in_progress")
    at.text_input(key="plan_value").set_value("1")
    at.text_area(key="plan_note").set_value("Mô hình đồng đẳng ở Mường Lát")
    at.date_input(key="plan_date").set_value(dt.date(2019, 6, 15))
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, [e.message for e in at.exception]
    assert "Đã lưu mục T9" in at.success[0].value
    table = next(x.value for x in at.table if "Số liệu" in x.value.columns)
    assert table.loc["T9", "Số liệu"] == "1" and table.loc["T9", "Đánh giá"] == "Đúng tiến độ"
    history = next(x.value for x in at.table if {"Người nhập", "Trạng thái đã nhập"} <= set(x.value.columns))
    assert list(history["Người nhập"]) == ["editor"]
    at.switch_page("dashboard/views/overview.py").run()
    items = next(t.value for t in at.table if "Ghi chú" in t.value.columns)  # after the targets table
    assert items.loc["T9", "Ghi chú"] == "Mô hình đồng đẳng ở Mường Lát"
    assert items.loc["T6", "Đánh giá"] == "Chưa có số liệu"


def test_a_viewer_reads_the_plan_items_but_has_no_form(app_as):
    at = app_as("viewer")
    at.query_params["lang"] = "en"
    at.query_params["period"] = "2019"
    at.run()
    at.switch_page("dashboard/views/plan.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert [list(x.value.index) for x in at.table if "T6" in x.value.index][-1] == ["T6", "T9", "T10"]
    assert not [b for b in at.button if b.label == "Save"]  # no form to record progress
    assert any("Only editors" in c.value for c in at.caption)
    at.sidebar.selectbox(key="period").set_value("2018").run()  # a year with no plan: none of 2019's items
    assert not at.exception, [e.message for e in at.exception]
    assert any("No plan for 2018 is loaded" in i.value for i in at.info)
    assert not any("Plan items" in i.value and "page" in i.value for i in at.info)  # where to enter: editors only
    assert not [t for t in at.table if "T6" in t.value.index]


def test_thanh_hoas_date_is_accepted_at_2330_utc(people, plan):
    """At 23:30 UTC on 6 December it is 06:30 on 7 December in Thanh Hóa: an entry dated the 7th is not future."""
    engine, editor, _ = people
    plan = dataclasses.replace(plan, year=2026)  # an entry belongs to the plan of its date's year
    with clock.frozen("2026-12-06T23:30:00Z"):
        plan_items.record_progress(engine, plan, editor, "T6", "done", as_of="2026-12-07")
        plan_items.record_progress(engine, plan, editor, "T10", "in_progress")  # no date: Thanh Hóa's today
        with pytest.raises(plan_items.PlanItemError, match="2026-12-08"):
            plan_items.record_progress(engine, plan, editor, "T9", "done", as_of="2026-12-08")
    assert plan_items.history(engine).set_index("item_id")["as_of"].map(str).to_dict() == {
        "T6": "2026-12-07", "T10": "2026-12-07"}


def test_the_command_line_reads_the_clock_from_geo_now(people, db):
    """A subprocess (or a live app) started with GEO_NOW runs on that clock: the command of the issue, no faketime.

    23:30 UTC on 30 June 2019 is 06:30 on 1 July in Thanh Hóa: the 1st is today there, the 2nd is not yet.
    """
    env = {**os.environ, "GEO_NOW": "2019-06-30T23:30:00Z", "TZ": "UTC"}
    command = [sys.executable, "-m", "geo", "plan-item", "set", "T6", "--status", "done", "--user", "editor1",
               "--db", db, "--date"]
    done = subprocess.run([*command, "2019-07-01"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    later = subprocess.run([*command, "2019-07-02"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert later.returncode == 1 and "2019-07-02" in later.stderr


def test_an_entry_belongs_to_the_plan_of_its_dates_year(people, plan):
    """T6 done in 2019 is 2019's: a 2021 plan's T6 reads 2021's entries only, and a 2021 date is no 2019 entry."""
    engine, editor, _ = people
    plan_items.record_progress(engine, plan, editor, "T6", "done", as_of="2019-03-01")
    with pytest.raises(plan_items.PlanItemError, match="01/03/2021.*2019"):
        plan_items.record_progress(engine, plan, editor, "T6", "done", as_of="2021-03-01", lang="en")
    plan_2021 = dataclasses.replace(plan, year=2021)
    assert {r.id: r.progress for r in plan_items.period_items(engine, plan_2021, "2021-Q2")}["T6"] == "no_data"
    assert {r.id: r.progress for r in plan_items.period_items(engine, plan, "2019-Q2")}["T6"] == "met"
