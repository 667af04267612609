"""Plans per year: a period is compared with its own year's plan file, and says so when its year has none."""

from __future__ import annotations

import json
import shutil

import pytest

from geo.contract import PLANS_DIR
from geo.figures.targets import no_plan_text, plan_for, plan_years

# A plan for 2021 written by the test only (no source states 2021 targets; none is bundled).
PLAN_2021 = """
[plan]
id = "TEST/2021"
year = 2021
title_vi = "Kế hoạch thử năm 2021"
title_en = "Test plan for 2021"
communes_total = 559

[targets.T3]
label_vi = "Tỷ lệ xã, phường, thị trấn lành mạnh cuối năm"
label_en = "Share of healthy communes at year end"
metric = "healthy_ratio"
value = 95.0
unit = "%"

[targets.T4]
label_vi = "Kiểm tra cơ sở"
label_en = "Inspections"
metric = "inspections_ytd"
min = 50
max = 90
"""


@pytest.fixture
def plans_dir(tmp_path, monkeypatch):
    """A plan folder with the bundled 2019 plan and a test plan for 2021, named by GEO_PLANS_DIR."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS_DIR / "2019.toml", folder / "2019.toml")
    (folder / "2021.toml").write_text(PLAN_2021, encoding="utf-8")
    monkeypatch.setenv("GEO_PLANS_DIR", str(folder))
    return folder


def test_each_period_reads_the_plan_of_its_own_year():
    assert plan_years() == [2019]
    assert plan_for("2019-Q3").id == plan_for("2019").id == "19/KH-UBND"
    assert plan_for("2018") is None and plan_for("2021") is None and plan_for("2026-Q3") is None
    assert no_plan_text("2023", "vi").startswith("Chưa có kế hoạch năm 2023 trong hệ thống")
    assert no_plan_text("2023", "en").startswith("No plan for 2023 is loaded")
    assert "data/plans/2023.toml" in no_plan_text("2023", "en")


def test_a_plan_file_whose_year_is_not_its_name_is_refused(plans_dir):
    (plans_dir / "2022.toml").write_text(PLAN_2021, encoding="utf-8")
    with pytest.raises(ValueError, match=r"2022\.toml.*year = 2021"):
        plan_for("2022-Q1")


def _summary(engine, period: str, capsys) -> dict:
    from geo.cli.main import main

    capsys.readouterr()
    assert main(["summary", "--period", period, "--db", engine.url.render_as_string(hide_password=False),
                 "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_2021_shows_no_2019_targets_until_a_2021_plan_is_added(illustrative_engine, capsys, monkeypatch, tmp_path):
    from geo.cli.main import main

    figures = _summary(illustrative_engine, "2021", capsys)
    assert figures["communes_total"] == 559  # the total of the period's own units, never 635
    assert figures["plan"] is None and figures["targets"] == {} and figures["assessment"] == []
    assert figures["plan_notice"].startswith("Chưa có kế hoạch năm 2021 trong hệ thống")
    assert "assessment" not in figures["previous"]  # without a plan, the previous period is not judged either
    assert main(["summary", "--period", "2021", "--db", str(illustrative_engine.url)]) == 0
    text = capsys.readouterr().out
    assert "Chưa có kế hoạch năm 2021" in text and "93,86" not in text and "T1 " not in text

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "2021.toml").write_text(PLAN_2021, encoding="utf-8")
    monkeypatch.setenv("GEO_PLANS_DIR", str(folder))
    figures = _summary(illustrative_engine, "2021", capsys)
    assert figures["plan"]["id"] == "TEST/2021" and "plan_notice" not in figures
    rows = {r["id"]: r for r in figures["assessment"]}
    assert set(rows) == {"T3", "T4"}
    assert rows["T3"]["actual"] == figures["healthy_ratio"] == round(100 * figures["healthy"] / 559, 2)
    assert rows["T3"]["status"] == ("met" if figures["healthy_ratio"] >= 95 else "not_met")
    assert rows["T4"]["actual"] == figures["inspections_ytd"] and rows["T4"]["status"] == "met"  # 75 in 50–90
    assert _summary(illustrative_engine, "2019", capsys)["plan"] is None  # 2019.toml is not in that folder


def test_the_overview_of_2021_says_there_is_no_plan_then_shows_the_added_one(app_as, plans_dir, monkeypatch):
    monkeypatch.delenv("GEO_PLANS_DIR")
    at = app_as("viewer")
    at.query_params["period"] = "2021"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Chưa có kế hoạch năm 2021 trong hệ thống" in i.value for i in at.info)
    assert not any("93,86" in (m.proto.help or "") for m in at.metric)  # no 2019 target in the tiles' help
    assert at.metric[0].value.endswith("/ 559")
    assert not [t for t in at.table if "T1" in set(t.value.index)]
    monkeypatch.setenv("GEO_PLANS_DIR", str(plans_dir))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not any("Chưa có kế hoạch năm 2021" in i.value for i in at.info)
    targets = next(t.value for t in at.table if "T3" in set(t.value.index))  # ids are the static table's index
    assert list(targets.index) == ["T3", "T4"] and "95,00 %" in set(targets.iloc[:, 1])
    assert any("Kế hoạch thử năm 2021 (TEST/2021)" in c.value for c in at.caption)
