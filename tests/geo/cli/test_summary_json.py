"""``python -m geo summary --json``: its keys are a contract (scripts and the parity test read them).

Pinned from the output of December 2026, before the figures became typed objects: a period with a plan (2019)
and one without (2021); the same keys in the same order, at every level.
"""

from __future__ import annotations

import json

import pytest

from geo.cli.main import main

STATUS = ["communes_total", "communes_reporting", "healthy", "not_healthy", "no_data", "healthy_ratio",
          "conversion_targets", "converted", "commitments_signed", "establishments"]
FLOWS = ["inspections", "violations", "criminal_cases", "border_incidents", "victims_received"]
TOP = ["period", "period_kind", "districts", *STATUS, *(f"{f}_period" for f in FLOWS), "ytd_periods",
       *(f"{f}_ytd" for f in FLOWS), "baseline_period", "healthy_maintained", "newly_healthy", "relapsed",
       "previous_period", "previous", "change", "transitions", "changed_communes", "plan_year", "plan", "targets",
       "assessment", "illustrative", "plan_items"]
CHANGE = ["healthy", "not_healthy", "no_data", "healthy_ratio", "converted", "commitments_signed"]
TRANSITIONS = ["newly_healthy", "still_not_healthy", "relapsed", "still_healthy", "no_data"]
CHANGED_COMMUNE = ["commune_code", "commune_name", "district_name", "transition"]
ASSESSMENT = ["id", "metric", "target", "actual", "status"]
PLAN_ITEM = ["id", "target", "deadline", "status", "value", "note", "as_of", "username", "progress"]


def _summary(engine, period: str, capsys) -> dict:
    capsys.readouterr()
    assert main(["summary", "--period", period, "--db", engine.url.render_as_string(hide_password=False),
                 "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _types(values: dict) -> dict[str, str]:
    return {k: type(v).__name__ for k, v in values.items()}


def test_the_summary_json_of_a_period_with_a_plan_keeps_its_keys(illustrative_engine, capsys):
    got = _summary(illustrative_engine, "2019", capsys)
    assert list(got) == [*TOP, "notice"]  # the bundled data: the "illustrative" notice last
    assert list(got["previous"]) == [*STATUS, "assessment"]  # with a plan, the previous period is judged too
    assert list(got["change"]) == CHANGE and list(got["transitions"]) == TRANSITIONS
    assert got["changed_communes"] and all(list(c) == CHANGED_COMMUNE for c in got["changed_communes"])
    assert list(got["plan"]) == ["id", "year", "title_vi", "title_en"]
    assert list(got["targets"]) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]
    assert list(got["targets"]["T3"]) == ["id", "label_vi", "label_en", "metric", "value", "unit"]
    assert list(got["targets"]["T4"]) == ["id", "label_vi", "label_en", "metric", "min", "max"]
    assert list(got["targets"]["T6"]) == ["id", "label_vi", "label_en", "deadline"]
    assert [r["id"] for r in got["assessment"]] == ["T1", "T2", "T3", "T4", "T5", "T7", "T8"]
    assert all(list(r) == ASSESSMENT for r in [*got["assessment"], *got["previous"]["assessment"]])
    assert got["assessment"][3]["target"] == [60, 80]  # a range is a list of two
    assert [r["id"] for r in got["plan_items"]] == ["T6", "T9", "T10"]
    assert all(list(r) == PLAN_ITEM for r in got["plan_items"])
    assert _types({k: got[k] for k in TOP}) == {
        "period": "str", "period_kind": "str", "districts": "list", **dict.fromkeys(STATUS, "int"),
        "healthy_ratio": "float", **{f"{f}_period": "int" for f in FLOWS}, "ytd_periods": "list",
        **{f"{f}_ytd": "int" for f in FLOWS}, "baseline_period": "str", "healthy_maintained": "int",
        "newly_healthy": "int", "relapsed": "int", "previous_period": "str", "previous": "dict", "change": "dict",
        "transitions": "dict", "changed_communes": "list", "plan_year": "int", "plan": "dict", "targets": "dict",
        "assessment": "list", "illustrative": "bool", "plan_items": "list"}
    assert (got["period"], got["period_kind"], got["districts"], got["ytd_periods"]) == ("2019", "year", [], ["2019"])
    assert (got["previous_period"], got["baseline_period"], got["plan_year"]) == ("2018", "2018", 2019)


@pytest.fixture(scope="module")
def without_2021_plan(illustrative_engine, tmp_path_factory):
    """The seeded database with no plan for 2021 (a deployment that has entered none for that year)."""
    import shutil

    from sqlalchemy import delete

    from geo.database import plans_table
    from geo.records.store import get_engine

    copy = tmp_path_factory.mktemp("no2021") / "db.sqlite"
    shutil.copy(illustrative_engine.url.database, copy)
    engine = get_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        conn.execute(delete(plans_table).where(plans_table.c.year == 2021))
    return engine


@pytest.mark.parametrize("period", ["2021", "2018"])
def test_the_summary_json_of_a_period_without_a_plan_keeps_its_keys(without_2021_plan, capsys, period):
    got = _summary(without_2021_plan, period, capsys)
    assert list(got) == [*TOP, "plan_notice", "notice"]
    assert (got["plan"], got["targets"], got["assessment"], got["plan_items"]) == (None, {}, [], [])
    if period == "2021":
        assert list(got["previous"]) == STATUS  # no plan: the previous period is not judged
        assert list(got["change"]) == CHANGE and list(got["transitions"]) == TRANSITIONS
        assert got["previous_period"] == "2020"
    else:  # the first year: nothing before it
        assert (got["previous"], got["change"], got["transitions"], got["changed_communes"]) == (None, None, None, [])
        assert (got["previous_period"], got["baseline_period"], got["healthy_maintained"]) == (None, None, None)
    assert got["plan_year"] == int(period) and got["illustrative"] is True


def test_the_summary_json_of_a_quarter_names_its_quarters(illustrative_engine, capsys):
    got = _summary(illustrative_engine, "2019-Q3", capsys)
    assert list(got) == [*TOP, "notice"]
    assert got["period_kind"] == "quarter" and got["ytd_periods"] == ["2019-Q1", "2019-Q2", "2019-Q3"]
    assert got["previous_period"] == "2019-Q2" and got["baseline_period"] == "2018"
