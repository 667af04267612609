"""The trend: one table from per-period figures, one chart for the page and the briefing."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.contract import PLANS_DIR
from geo.figures import trend
from geo.figures.summary import AgainstBaseline, Counts, PeriodFigures, StatusFigures
from geo.figures.targets import load_plan, plan_for

PLAN_2019 = load_plan(PLANS_DIR / "2019.toml")


def figures(healthy, ratio, inspections, reporting=635):
    """A period's figures with the headline numbers given (the rest as a year of 635 units would have them)."""
    status = StatusFigures(communes_total=635, communes_reporting=reporting, healthy=healthy, not_healthy=0,
                           no_data=635 - healthy, healthy_ratio=ratio, conversion_targets=6, converted=1,
                           commitments_signed=None, establishments=None)
    ytd = Counts(inspections=inspections, violations=None, criminal_cases=2, border_incidents=None,
                 victims_received=None)
    return PeriodFigures(status=status, counts=ytd, ytd_periods=(), ytd=ytd,
                         baseline=AgainstBaseline(None, None, None, None))


def test_trend_table_orders_periods_and_carries_the_targets():
    table = trend.trend_table({"2019": figures(594, 93.54, 73), "2019-Q1": figures(581, 91.5, 19),
                               "2018": figures(590, 92.91, None)}, PLAN_2019)
    ratio = table[table["metric"] == "healthy_ratio"]
    assert list(ratio["period"]) == ["2018", "2019-Q1", "2019"]  # a year after its quarters
    assert list(ratio["kind"]) == ["year", "quarter", "year"]
    # each period against its own year's plan: 2019 with the 2019 plan, 2018 with none (not 2019's)
    assert ratio["target"].tolist()[1:] == [93.86, 93.86] and ratio["target"].isna().tolist() == [True, False, False]
    inspections = table[table["metric"] == "inspections_ytd"]
    assert inspections["value"].isna().tolist() == [True, False, False]  # no figure stays no figure
    assert inspections["target_min"].tolist()[1:] == [60, 60] and inspections["target_max"].tolist()[1:] == [80, 80]
    assert inspections[["target_min", "target_max"]].iloc[0].isna().all()


def test_trend_table_reads_each_year_plan_from_a_callable(illustrative_engine):
    table = trend.trend_table({"2018": figures(590, 92.91, 60), "2019": figures(594, 93.54, 73),
                               "2021": figures(524, 93.74, 75)}, lambda p: plan_for(p, illustrative_engine))
    ratio = table[table["metric"] == "healthy_ratio"].set_index("period")["target"]
    assert ratio["2019"] == 93.86 and pd.isna(ratio["2018"])  # 2018 has no plan: never another year's
    assert ratio["2021"] == plan_for("2021", illustrative_engine).by_metric()["healthy_ratio"].value != 93.86


def test_a_period_without_any_report_is_no_data_not_zero():
    table = trend.trend_table({"2019-Q1": figures(0, 0.0, None, reporting=0)}, PLAN_2019, province=False)
    assert table["value"].isna().all()
    assert table.loc[table["metric"] == "inspections_ytd", "target_min"].isna().all()  # province-wide counts
    assert set(table.loc[table["metric"] == "healthy_ratio", "target"]) == {93.86}


@pytest.mark.parametrize(("lang", "title"), [("vi", "Tỷ lệ xã lành mạnh (%) — theo quý"),
                                             ("en", "Share of healthy communes (%) — by quarter")])
def test_chart_has_a_panel_per_metric_and_kind_with_the_targets(lang, title):
    table = trend.trend_table({"2019": figures(594, 93.54, 73), "2019-Q1": figures(581, 91.5, 19)}, PLAN_2019)
    spec = json.loads(trend.trend_chart(table, lang).to_json())
    titles = [panel["title"]["text"] for row in spec["vconcat"] for panel in row["hconcat"]]
    assert len(titles) == 2 * len(trend.METRICS)
    assert title in titles
    marks = json.dumps(spec)
    assert '"tick"' in marks and '"bar"' in marks  # the value target as a tick, the ranges as bars, per period
    assert ('"decimal": ","' in marks) == (lang == "vi")


def test_static_render_is_a_png_made_offline():
    table = trend.trend_table({"2019": figures(594, 93.54, 73)}, PLAN_2019)
    png = trend.chart_png(trend.trend_chart(table, "vi"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_trend_page_draws_the_chart_for_the_area(app_as):
    at = app_as("viewer")
    at.query_params["district"] = "384"
    at.run()
    at.switch_page("dashboard/views/trend.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Xu hướng"
    assert any("MINH HỌA" in w.value for w in at.warning)
    assert any("chỉ tiêu toàn tỉnh" in c.value for c in at.caption)
    charts = at.get("vega_lite_chart")  # an UnknownElement in AppTest: its proto holds the spec
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert len(spec["vconcat"]) == len(trend.METRICS)
    # every stored year across both reforms, each period on its own units, and the page says so
    def axis_labels(node):  # every x axis's time order, read from the parsed spec (it escapes "ý" as \\u00fd)
        if isinstance(node, dict):
            found = list(node["sort"]) if isinstance(node.get("sort"), list) else []
            return found + [lab for v in node.values() for lab in axis_labels(v)]
        return [lab for v in node for lab in axis_labels(v)] if isinstance(node, list) else []

    labels = set(axis_labels(spec))
    assert {"2018", "2019", "2025", "Quý 1/2019", "Quý 3/2026"} <= labels, sorted(labels)
    assert any("Mỗi kỳ được tính trên danh mục đơn vị của chính kỳ đó" in c.value and "166 đơn vị" in c.value
               for c in at.caption)


def test_the_line_breaks_and_is_marked_at_each_reorganisation_only():
    """1 December 2019 (635 → 559) and 1 July 2025 (549 → 166) are marked; 559 → 558 is not (a unit or two)."""
    periods = {"2019": "2017-04-19", "2020": "2019-12-01", "2024": "2024-05-01", "2025": "2025-01-01",
               "2026": "2025-07-01", "2019-Q4": "2017-04-19", "2020-Q1": "2019-12-01", "2025-Q2": "2025-01-01",
               "2025-Q3": "2025-07-01"}
    table = trend.trend_table({p: figures(500, 90.0, 10) for p in periods}, plan_for, versions=periods)
    one = table[table["metric"] == "healthy"]
    assert dict(zip(one["period"], one["units"], strict=True)) == {
        "2019-Q4": "2017-04-19", "2019": "2017-04-19", "2020-Q1": "2019-12-01", "2020": "2019-12-01",
        "2024": "2019-12-01", "2025-Q2": "2019-12-01", "2025": "2019-12-01", "2025-Q3": "2025-07-01",
        "2026": "2025-07-01"}
    years = trend.list_changes(one[one["kind"] == "year"])
    quarters = trend.list_changes(one[one["kind"] == "quarter"])
    assert list(years["period"]) == ["2020", "2026"] and list(quarters["period"]) == ["2020-Q1", "2025-Q3"]
    spec = json.dumps(trend.trend_chart(table, "vi").to_dict(validate=False), ensure_ascii=False)
    assert '"detail"' in spec and "01/12/2019" in spec and "01/07/2025" in spec  # broken line, dated rules
