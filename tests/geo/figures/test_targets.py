"""Plans as data people enter: a period is judged against its own year's plan on its own unit list.

The plans live in the database (geo.records.plans): imported from a file or entered on the plan page by an
editor, checked against the unit list in force on their signing date (every refusal names field and value),
kept with their history and audited. A district view compares with its own targets, and shows the province's as
"Chỉ tiêu toàn tỉnh" without a verdict.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from geo.access import accounts, audit
from geo.cli.main import main
from geo.contract import PLANS_DIR
from geo.figures.targets import load_plan, no_plan_text, plan_for, plan_years
from geo.records import plans
from geo.records.store import get_engine
from geo.text.catalog import CATALOG

PASSWORD = "correct horse battery"
PLAN_2019 = (PLANS_DIR / "2019.toml").read_text(encoding="utf-8")


def plan_text(year: int = 2021, signed: str = "2021-01-20", total: int = 559, t1: int = 500, extra: str = "") -> str:
    """The bundled 2019 plan's file turned into another year's, as a planner would copy and edit it."""
    text = PLAN_2019.replace('id = "19/KH-UBND"', 'id = "15/KH-UBND"').replace("year = 2019", f"year = {year}")
    text = text.replace('signed = "2019-01-25"', f'signed = "{signed}"').replace('deadline = "2019-Q1"',
                                                                                 f'deadline = "{year}-Q1"')
    text = text.replace("communes_total = 635", f"communes_total = {total}").replace("value = 590", f"value = {t1}")
    return text.replace("value = 635", f"value = {total}") + extra


@pytest.fixture
def scratch(illustrative_engine, tmp_path):
    """A copy of the seeded database (records, the 2019 plan and the illustrative plans) and an editor, ``lan``."""
    copy = tmp_path / "scratch.sqlite"
    shutil.copy(illustrative_engine.url.database, copy)
    url = f"sqlite:///{copy}"
    engine = get_engine(url)
    accounts.add_user(engine, "lan", PASSWORD, "editor")
    accounts.add_user(engine, "xem", PASSWORD, "viewer")
    return engine, url


def _summary(url: str, period: str, capsys, *more: str) -> dict:
    capsys.readouterr()
    assert main(["summary", "--period", period, "--db", url, "--json", *more]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_period_reads_the_plan_of_its_own_year_and_list(illustrative_engine):
    def plan(period):
        return plan_for(period, illustrative_engine)

    assert plan("2019-Q3").id == plan("2019").id == "19/KH-UBND" and not plan("2019").illustrative
    assert plan("2018") is None
    assert plan("2021").year == 2021 and plan("2021").illustrative  # made with the illustrative records
    # 2025 changes its list on 1 July: one plan per list, each period judged against the plan of its own
    assert plan("2025-Q2").communes_total == 549 and plan("2025-Q3").communes_total == 166
    assert plan("2026-Q3").year == 2026 and plan("2026-Q3").communes_total == 166
    assert plan_years(illustrative_engine) == list(range(2019, 2027))
    # the bundled file and the stored plan are the same plan
    assert plan("2019").targets == load_plan(PLANS_DIR / "2019.toml").targets


def test_a_year_without_a_plan_says_so_in_one_sentence_and_tells_an_editor_where(illustrative_engine):
    for lang in ("vi", "en"):
        text = no_plan_text("2018", lang, engine=illustrative_engine)
        assert text.count(". ") == 0 and text.endswith(".")  # one sentence
        assert "2018" in text and not re.search(r"\.toml|data/|python -m|--", text)
        editor = no_plan_text("2018", lang, editor=True, engine=illustrative_engine)
        assert editor.startswith(text) and ("«Kế hoạch»" in editor if lang == "vi" else "«Plan items»" in editor)
    assert no_plan_text("2018", "vi").startswith("Chưa có kế hoạch năm 2018 trong hệ thống")


def test_no_catalog_text_about_plans_names_a_file_a_command_or_an_option():
    for key, entry in CATALOG.items():
        for text in entry.values():
            assert not re.search(r"data/plans|\.toml|python -m geo plan", text), (key, text)


def test_summary_of_2026_q3_has_targets_and_an_assessment(illustrative_engine, capsys):
    got = _summary(str(illustrative_engine.url), "2026-Q3", capsys)
    assert got["plan"]["year"] == 2026 and got["targets"] and got["assessment"]
    assert "plan_notice" not in got
    t1 = next(r for r in got["assessment"] if r["id"] == "T1")
    assert t1["actual"] == got["healthy_maintained"] and t1["status"] in ("met", "in_progress")


def test_an_editors_import_changes_the_years_targets_and_is_audited(scratch, tmp_path, capsys):
    engine, url = scratch
    before = _summary(url, "2021", capsys)
    assert before["targets"]["T1"]["value"] != 500
    path = tmp_path / "ke_hoach_2021.toml"
    path.write_text(plan_text(), encoding="utf-8")
    assert main(["plan", "import", str(path), "--user", "lan", "--db", url]) == 0
    assert "15/KH-UBND" in capsys.readouterr().out
    after = _summary(url, "2021", capsys)
    assert after["plan"]["id"] == "15/KH-UBND" and after["targets"]["T1"]["value"] == 500
    t1 = next(r for r in after["assessment"] if r["id"] == "T1")
    assert t1["target"] == 500 and t1["actual"] == after["healthy_maintained"] and t1["status"] == "met"
    line = audit.read_log(engine).iloc[0]
    detail = json.loads(line["detail"])
    assert (line["username"], line["action"], line["outcome"]) == ("lan", "plan", "ok")
    assert detail["id"] == "15/KH-UBND" and detail["year"] == 2021 and detail["targets"]["T1"]["value"] == 500
    assert detail["supersedes"] is not None  # the illustrative 2021 plan, kept
    # the history: the earlier version is still there, the new one is in force
    rows = plans.history(engine, 2021)
    assert [r["number"] for r in rows][-1] == "15/KH-UBND" and [r["current"] for r in rows] == [False, True]
    assert main(["plan", "history", "2021", "--db", url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["current"] for r in listed] == [False, True] and listed[0]["illustrative"] is True
    assert main(["plan", "list", "--db", url]) == 0
    text = capsys.readouterr().out
    assert "15/KH-UBND ký ngày 20/01/2021" in text and "MH-2021" not in text


def test_a_count_larger_than_the_list_is_refused_naming_the_value(scratch, tmp_path, capsys):
    engine, url = scratch
    path = tmp_path / "sai.toml"
    path.write_text(plan_text(total=900, t1=900), encoding="utf-8")
    before = len(plans.history(engine, 2021))
    capsys.readouterr()
    assert main(["plan", "import", str(path), "--user", "lan", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "communes_total = «900»" in err and "T1.value = «900»" in err and "559" in err
    assert len(plans.history(engine, 2021)) == before  # nothing stored
    line = audit.read_log(engine).iloc[0]
    assert (line["username"], line["action"], line["outcome"]) == ("lan", "plan", "refused")
    assert {"field": "communes_total", "value": "900"} in json.loads(line["detail"])["problems"]


def test_a_viewer_cannot_import_a_plan(scratch, tmp_path, capsys):
    engine, url = scratch
    path = tmp_path / "kh.toml"
    path.write_text(plan_text(), encoding="utf-8")
    assert main(["plan", "import", str(path), "--user", "xem", "--db", url]) == 1
    assert main(["plan", "import", str(path), "--db", url]) == 2  # no account named
    assert plan_for("2021", engine).id != "15/KH-UBND"


@pytest.mark.parametrize(("extra", "field", "value"), [
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\nmetric = "inspections_ytd"\nmin = 80\nmax = 60\n',
     "T11.min", "[80, 60]"),
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\nmetric = "nguoi_ban_dam"\nvalue = 3\n',
     "T11.metric", "nguoi_ban_dam"),
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\ndeadline = "2022-Q1"\n', "T11.deadline", "2022-Q1"),
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\nmetric = "healthy_ratio"\nvalue = 120\n',
     "T11.value", "120"),
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\nmetric = "converted"\nvalue = 2\n'
     '[targets.T11.districts]\n"999" = 1\n', "T11.districts.999", "999"),
    ('\n[targets.T11]\nlabel_vi = "a"\nlabel_en = "a"\nmetric = "converted"\nvalue = 2\n'
     '[targets.T11.districts]\n"382" = 40\n', "T11.districts.382", "40"),
])
def test_each_refusal_names_the_field_and_the_value(extra, field, value):
    import tomllib

    document = tomllib.loads(plan_text(extra=extra))
    for lang in ("vi", "en"):
        _, version, problems = plans.check_document(document, lang)
        assert version == "2020-06-01"  # the list in force on 20 January 2021
        assert [(p.field, p.message.startswith(f"{field} = «{value}»")) for p in problems] == [(field, True)], \
            [p.message for p in problems]


def test_the_bundled_plans_pass_the_checks():
    import tomllib

    for path in plans.bundled_files():
        assert plans.check_document(tomllib.loads(path.read_text(encoding="utf-8")))[2] == []
    for document in __import__("geo.records.illustrative", fromlist=["x"]).plan_documents():
        assert plans.check_document(document)[2] == []


def test_the_illustrative_plans_speak_of_their_own_unit_list():
    """Each illustrative plan speaks of its own list's kinds of unit and levels.

    From July 2025 the list has xã and phường only, and no districts: the 2026 plan says neither "thị trấn" nor
    "cấp huyện"; the 2021 plan (559 units, with districts and thị trấn) keeps Plan 19's words.
    """
    documents = {d["plan"]["id"]: d for d in __import__("geo.records.illustrative", fromlist=["x"]).plan_documents()}
    words_2026 = " ".join(t["label_vi"] for t in documents["MH-2026/KH-UBND"]["targets"].values())
    words_2021 = " ".join(t["label_vi"] for t in documents["MH-2021/KH-UBND"]["targets"].values())
    assert "xã, phường lành mạnh" in words_2026 and "thị trấn" not in words_2026 and "cấp huyện" not in words_2026
    assert "xã, phường, thị trấn lành mạnh" in words_2021 and "cấp tỉnh, cấp huyện" in words_2021


def test_a_plan_serves_its_own_list_only(scratch, tmp_path, capsys):
    """A 2025 plan signed for the 166 units is 2025-Q3's; the plan of the 549 units stays 2025-Q2's."""
    engine, url = scratch
    q2 = plan_for("2025-Q2", engine)
    path = tmp_path / "kh2025.toml"
    path.write_text(plan_text(2025, "2025-08-04", 166, 120).replace('deadline = "2025-Q1"', 'deadline = "2025-Q3"'),
                    encoding="utf-8")
    assert main(["plan", "import", str(path), "--user", "lan", "--db", url]) == 0, capsys.readouterr().err
    assert plan_for("2025-Q3", engine).id == "15/KH-UBND" and plan_for("2025-Q2", engine) == q2
    # a database whose 2025 plan is on the 549 units only: 2025-Q3 has no plan of its own list, and says so
    empty = get_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    plans.store_plan(empty, plans.read_file(PLANS_DIR / "2019.toml"), "system", source="2019.toml")
    early = json.loads(json.dumps(__import__("tomllib").loads(plan_text(2025, "2025-02-03", 549, 500))))
    early["plan"]["id"] = "3/KH-UBND"
    early["targets"]["T6"]["deadline"] = "2025-Q1"
    plans.store_plan(empty, early, "system", source="test")
    assert plan_for("2025-Q2", empty).id == "3/KH-UBND" and plan_for("2025-Q3", empty) is None
    assert "danh mục đơn vị hành chính khác" in no_plan_text("2025-Q3", "vi", engine=empty)


def test_a_district_is_judged_against_its_own_targets_only(illustrative_engine, capsys):
    url = str(illustrative_engine.url)
    # 2019: Plan 19/KH-UBND has province-wide targets only: Quảng Xương is not "Chưa đạt" against 590
    got = _summary(url, "2019", capsys, "--district", "392")
    statuses = {r["id"]: r["status"] for r in got["assessment"]}
    assert statuses["T1"] == statuses["T2"] == statuses["T3"] == "province_target"
    assert "not_met" not in statuses.values() and "met" not in statuses.values()
    t1 = next(r for r in got["assessment"] if r["id"] == "T1")
    assert t1["target"] == 590  # the province's figure, shown for reference
    # 2021: the (illustrative) plan gives each district its own T1, T2, T8: one district, then two added
    plan = plan_for("2021", illustrative_engine)
    own = {code: value for code, value, _, _ in plan.by_metric()["healthy_maintained"].districts}
    one = _summary(url, "2021", capsys, "--district", "392")
    t1 = next(r for r in one["assessment"] if r["id"] == "T1")
    assert t1["target"] == own["392"] and t1["actual"] == one["healthy_maintained"]
    assert t1["status"] == ("met" if t1["actual"] >= own["392"] else "not_met")
    two = _summary(url, "2021", capsys, "--district", "392", "--district", "382")
    assert next(r for r in two["assessment"] if r["id"] == "T1")["target"] == own["392"] + own["382"]
    assert next(r for r in two["assessment"] if r["id"] == "T4")["status"] == "province_target"


def test_the_overview_of_a_district_names_the_province_targets_without_a_verdict(app_as):
    at = app_as("viewer")
    at.query_params["period"] = "2019"
    at.query_params["district"] = "392"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    targets = next(x.value for x in at.table if "T1" in set(x.value.index))
    statuses = set(targets["Đánh giá"])
    assert "Chưa đạt" not in statuses and "Chỉ tiêu toàn tỉnh" in statuses
    assert any("Chỉ tiêu toàn tỉnh: 93,86 %" in (m.proto.help or "") for m in at.metric)


def test_an_editor_enters_a_plan_on_the_plan_page(app_as):
    at = app_as("editor")
    at.query_params["period"] = "2018"
    at.run()
    at.switch_page("dashboard/views/plan.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Chưa có kế hoạch năm 2018" in i.value and "«Kế hoạch»" in i.value for i in at.info)
    at.text_input(key="plan_number").set_value("7/KH-UBND")
    at.date_input(key="plan_signed").set_value(__import__("datetime").date(2018, 1, 15))
    at.text_input(key="plan_title_vi").set_value("Kế hoạch phòng, chống mại dâm năm 2018")
    at.text_input(key="plan_title_en").set_value("Plan for preventing prostitution, 2018")
    at.number_input(key="plan_total").set_value(900)
    save = next(b for b in at.button if b.label == "Kiểm tra và lưu kế hoạch")
    save.click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("không được lưu" in e.value for e in at.error)
    refused = next(x.value for x in at.table if "Lý do" in x.value.columns)
    assert ("Số xã, phường, thị trấn", "900") in set(zip(refused["Trường"], refused["Giá trị đã nhập"], strict=True))
    at.number_input(key="plan_total").set_value(635)
    next(b for b in at.button if b.label == "Kiểm tra và lưu kế hoạch").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Đã lưu kế hoạch 7/KH-UBND năm 2018" in s.value for s in at.success), \
        ([x.value.to_dict() for x in at.table if "Lý do" in x.value.columns], [e.value for e in at.error])
    at.run()
    assert any("7/KH" in m.value and "ngày 15/01/2018" in m.value for m in at.markdown)  # the plan in force now
    assert not any("Chưa có kế hoạch năm 2018" in i.value for i in at.info)
