"""Headline figures: what leadership reads against the plan's targets."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from geo.contract import PLANS_DIR
from geo.figures.summary import (
    FLOW_FIELDS,
    TRANSITIONS,
    AgainstBaseline,
    Counts,
    PeriodFigures,
    StatusFigures,
    Transitions,
    assess_targets,
    join_status,
    period_summary,
    transitions,
    year_to_date,
)
from geo.figures.targets import load_plan, plan_for
from geo.periods import previous_period
from geo.records.store import load_records
from tests.util import make_records

PLAN_2019 = load_plan(PLANS_DIR / "2019.toml")  # the bundled file: the plan of 2019, without a store


def summary_of(communes, by_period, period, **kw):
    """:func:`period_summary` over a dict of records by period (the store in miniature)."""
    return period_summary(communes, period, by_period.__getitem__, list(by_period), **kw)


def stored(engine):
    """The store's records and periods, as the CLI passes them."""
    from geo.records.store import list_periods

    return (lambda p: load_records(engine, p)), list_periods(engine)


@pytest.fixture
def four_communes() -> pd.DataFrame:
    """Four communes in two districts."""
    return pd.DataFrame({
        "commune_code": ["10001", "10002", "10003", "10004"],
        "commune_name": ["Xã A", "Xã B", "Phường C", "Xã D"],
        "district_code": ["001", "001", "002", "002"],
    })


def test_commune_without_record_is_no_data_not_zero(four_communes):
    records = make_records("2019", {"10001": {"healthy": True, "inspections": 2},
                                    "10002": {"healthy": False, "inspections": 0}})
    figures = summary_of(four_communes, {"2019": records}, "2019")
    status = figures.status
    assert (status.communes_total, status.healthy, status.not_healthy, status.no_data) == (4, 1, 1, 2)
    assert status.healthy_ratio == 25.0  # healthy over ALL communes, as the plan counts it
    assert figures.counts.inspections == figures.ytd.inspections == 2  # a year: both are the year
    assert figures.ytd.criminal_cases is None  # nobody reported it: unknown, not 0
    assert figures.previous_period is None and figures.baseline.period is None
    assert figures.baseline.healthy_maintained is None  # no baseline year stored: unknown, not 0


def test_district_filter_changes_the_numbers(four_communes):
    records = make_records("2019", {c: {"healthy": True} for c in ("10001", "10002", "10003")})
    by_period = {"2019": records}
    assert summary_of(four_communes, by_period, "2019", district_codes=["002"]).status.healthy == 1
    assert summary_of(four_communes, by_period, "2019", district_codes=["002"]).status.communes_total == 2
    assert summary_of(four_communes, by_period, "2019", district_codes=[]).status.healthy == 3


def test_conversions_and_baseline(four_communes):
    base = make_records("2018", {"10001": {"healthy": False}, "10002": {"healthy": False},
                                 "10003": {"healthy": True}, "10004": {"healthy": True}})
    now = make_records("2019", {"10001": {"healthy": True, "conversion_target": True},
                                "10002": {"healthy": False, "conversion_target": True},
                                "10003": {"healthy": False}, "10004": {"healthy": True}})
    figures = summary_of(four_communes, {"2018": base, "2019": now}, "2019")
    assert (figures.status.conversion_targets, figures.status.converted) == (2, 1)
    assert (figures.baseline.healthy_maintained, figures.baseline.newly_healthy, figures.baseline.relapsed) == (1, 1, 1)
    # 2018 is both the baseline and the previous year: the same vocabulary, the same counts
    assert figures.transitions == Transitions(newly_healthy=1, still_not_healthy=1, relapsed=1, still_healthy=1,
                                              no_data=0)
    assert [(c.commune_code, c.transition) for c in figures.changed_communes] == [
        ("10001", "newly_healthy"), ("10003", "relapsed")]
    assert figures.change.healthy == 0 and figures.previous.status.healthy == 2
    moves = transitions(four_communes, base, now)
    assert moves.to_dict() == {"10001": "newly_healthy", "10002": "still_not_healthy",
                               "10003": "relapsed", "10004": "still_healthy"}


def test_transition_with_missing_status_is_no_data(four_communes):
    moves = transitions(four_communes, make_records("2018", {"10001": {"healthy": True}}),
                        make_records("2019", {"10002": {"healthy": True}}))
    assert set(moves) == {"no_data"}


def test_join_keeps_every_commune_and_refuses_unknown_codes(four_communes):
    joined = join_status(four_communes, make_records("2019", {"10003": {"healthy": True}}))
    assert len(joined) == 4 and joined["healthy"].isna().sum() == 3
    with pytest.raises(KeyError, match="99999"):
        join_status(four_communes, make_records("2019", {"99999": {"healthy": True}}))


def test_a_quarter_names_its_own_counts_and_the_year_to_date_apart(four_communes):
    """The CLI once printed the quarter alone under the names the overview used for the year to date."""
    by_period = {"2019-Q1": make_records("2019-Q1", {"10001": {"healthy": True, "inspections": 2}}),
                 "2019-Q2": make_records("2019-Q2", {"10001": {"healthy": True, "inspections": 3},
                                                     "10002": {"healthy": False, "criminal_cases": 1}})}
    q2 = summary_of(four_communes, by_period, "2019-Q2")
    assert (q2.counts.inspections, q2.ytd.inspections) == (3, 5)
    assert (q2.counts.criminal_cases, q2.ytd.criminal_cases) == (1, 1)
    assert q2.ytd_periods == ("2019-Q1", "2019-Q2") and q2.period_kind == "quarter"
    assert q2.previous_period == "2019-Q1" and q2.transitions.still_healthy == 1
    q1 = summary_of(four_communes, by_period, "2019-Q1")
    assert (q1.counts.inspections, q1.ytd.inspections) == (2, 2)


def test_year_to_date_adds_quarters_and_keeps_missing_as_missing():
    q1 = make_records("2019-Q1", {"10001": {"healthy": False, "inspections": 2, "establishments": 5}})
    q2 = make_records("2019-Q2", {"10001": {"healthy": True, "inspections": 3, "establishments": 6},
                                  "10002": {"healthy": True}})
    ytd = year_to_date([q1, q2]).set_index("commune_code")
    assert ytd.loc["10001", "inspections"] == 5
    assert ytd.loc["10001", "establishments"] == 6  # a stock: the latest count, not a sum
    assert bool(ytd.loc["10001", "healthy"]) is True  # status at the end of the latest quarter
    assert pd.isna(ytd.loc["10002", "inspections"])


def test_previous_period_is_of_the_same_kind():
    periods = ["2018", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2019"]
    assert previous_period("2019", periods) == "2018"
    assert previous_period("2019-Q3", periods) == "2019-Q2"
    assert previous_period("2019-Q1", periods) is None
    assert previous_period("2018", periods) is None


# --- the bundled illustrative data against the plan (what the overview shows) -------------------------

def test_illustrative_2018_baseline_matches_the_plan(illustrative_engine, communes):
    figures = period_summary(communes, "2018", *stored(illustrative_engine), plan=plan_for(2018, illustrative_engine))
    assert (figures.status.communes_total, figures.status.healthy, figures.status.not_healthy) == (635, 590, 45)
    assert figures.plan is None and figures.assessment == ()  # no 2018 plan
    plan = period_summary(communes, "2019", *stored(illustrative_engine), plan=PLAN_2019).plan
    targets = {t.id: t for t in plan.targets}
    assert targets["T1"].value == figures.status.healthy == 590  # the 2019 plan keeps the 2018 healthy communes
    assert targets["T2"].value == 6
    assert targets["T3"].value == 93.86
    assert round(100 * 596 / 635, 2) == targets["T3"].value


def test_a_period_is_never_judged_against_another_year_plan(illustrative_engine, communes):
    with pytest.raises(ValueError, match="its own year"):
        period_summary(communes, "2018", *stored(illustrative_engine), plan=PLAN_2019)


def test_the_previous_period_is_assessed_in_the_summary(illustrative_engine, communes):
    """One function: the briefing's "previous period" column is the summary's previous assessment."""
    records_of, periods = stored(illustrative_engine)
    figures = period_summary(communes, "2019-Q3", records_of, periods, plan=PLAN_2019)
    before = period_summary(communes, "2019-Q2", records_of, periods, plan=PLAN_2019)
    assert figures.previous_period == "2019-Q2"
    assert figures.previous.assessment == before.assessment
    assert {r.id: r.actual for r in figures.previous.assessment}["T4"] == before.ytd.inspections


def test_illustrative_2019_year_is_consistent_with_the_plan(illustrative_engine, communes):
    figures = period_summary(communes, "2019", *stored(illustrative_engine))
    assert figures.status.conversion_targets == 6
    assert 0 < figures.status.converted < 6  # most but not all converted
    assert 60 <= figures.ytd.inspections <= 80
    assert 20 <= figures.ytd.criminal_cases <= 30
    assert figures.status.healthy == 590 - figures.baseline.relapsed + figures.baseline.newly_healthy
    assert (figures.status.healthy, figures.status.healthy_ratio) == (594, 93.54)  # 594 / 635, as the plan counts


def test_illustrative_quarters_add_up_to_the_year(illustrative_engine):
    quarters = [load_records(illustrative_engine, f"2019-Q{q}") for q in range(1, 5)]
    year = load_records(illustrative_engine, "2019").set_index("commune_code")
    ytd = year_to_date(quarters).set_index("commune_code")
    reported_every_quarter = [c for c in year.index if all(c in set(q["commune_code"]) for q in quarters)]
    for field in ("inspections", "criminal_cases", "border_incidents", "victims_received"):
        assert (ytd.loc[reported_every_quarter, field] == year.loc[reported_every_quarter, field]).all(), field


def test_illustrative_border_activity_is_on_the_border(illustrative_engine, communes):
    year = load_records(illustrative_engine, "2019").merge(communes, on="commune_code")
    active = year[year["border_incidents"].fillna(0) > 0]
    assert active["district_code"].isin(["384", "385", "387", "388", "396"]).all()
    assert active["is_laos_border"].sum() >= 10


def test_illustrative_q1_has_no_data_for_the_late_district(illustrative_engine, communes):
    figures = period_summary(communes, "2019-Q1", *stored(illustrative_engine), district_codes=["384"])
    assert figures.status.no_data == figures.status.communes_total == 9


def test_assessment_reads_against_targets(illustrative_engine, communes):
    """2019 of the bundled data: 594 healthy (93.54 %), 589 kept, 5 of 6 converted, 73 inspections, 22 cases."""
    figures = period_summary(communes, "2019", *stored(illustrative_engine), plan=PLAN_2019)
    rows = {r.id: (r.actual, r.status) for r in figures.assessment}
    assert rows == {"T1": (589, "not_met"), "T2": (5, "not_met"), "T3": (93.54, "not_met"), "T4": (73, "met"),
                    "T5": (22, "met"), "T7": (44, "reported"), "T8": (631, "not_met")}


def _with_inspections(n: int | None) -> PeriodFigures:
    """A year's figures where only the inspections of the year to date are known."""
    status = StatusFigures(communes_total=635, communes_reporting=0, healthy=0, not_healthy=0, no_data=635,
                           healthy_ratio=0.0, conversion_targets=0, converted=0, commitments_signed=None,
                           establishments=None)
    ytd = Counts(inspections=n, violations=None, criminal_cases=None, border_incidents=None, victims_received=None)
    return PeriodFigures(status=status, counts=ytd, ytd_periods=("2019",), ytd=ytd,
                         baseline=AgainstBaseline(None, None, None, None))


@pytest.mark.parametrize(("inspections", "year_end", "expected"), [
    (70, True, "met"),
    (81, True, "above"),  # over the range's maximum
    (59, True, "not_met"),
    (10, False, "in_progress"),  # before the year's end
    (None, True, "not_measured"),
])
def test_a_range_target_is_judged_at_the_year_end(inspections, year_end, expected):
    rows = {r.id: r.status for r in assess_targets(_with_inspections(inspections), PLAN_2019, year_end=year_end)}
    assert rows["T4"] == expected


def test_the_figure_types_name_the_fields_the_summary_counts():
    """Counts and Transitions are the vocabulary of geo.contract and TRANSITIONS: a field added there shows here."""
    assert tuple(f.name for f in dataclasses.fields(Counts)) == FLOW_FIELDS
    assert tuple(f.name for f in dataclasses.fields(Transitions)) == TRANSITIONS
    figures = _with_inspections(70)
    assert figures.figure("inspections_ytd") == 70 and figures.figure("healthy_ratio") == 0.0
    assert figures.figure("no_such_figure") is None  # a plan metric nobody computes: "not measured"


def test_a_summary_survives_the_cache(illustrative_engine, communes):
    """st.cache_data pickles what the loaders return: the typed summary comes back equal, and writes the same JSON."""
    import json
    import pickle

    figures = period_summary(communes, "2019-Q3", *stored(illustrative_engine), plan=PLAN_2019)
    again = pickle.loads(pickle.dumps(figures))
    assert again == figures and json.dumps(again.as_json(), default=str) == json.dumps(figures.as_json(), default=str)
