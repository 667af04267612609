"""The bundled illustrative records after 2019: every period on its own units, continuous through the links."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.contract import ILLUSTRATIVE_PATH, KEY
from geo.figures.summary import year_to_date
from geo.periods import period_sort_key
from geo.units import versions


@pytest.fixture(scope="module")
def bundled() -> dict[str, pd.DataFrame]:
    frame = pd.read_csv(ILLUSTRATIVE_PATH, dtype={KEY: str, "notes": str})
    return {p: g.reset_index(drop=True) for p, g in frame.groupby("period", sort=False)}


def test_every_period_from_2018_to_2026_q3_on_the_units_of_its_version(bundled):
    periods = list(bundled)
    assert periods == sorted(periods, key=period_sort_key)
    assert periods[0] == "2018" and periods[-1] == "2026-Q3" and "2026" not in periods  # Q4 2026 still running
    for year in range(2020, 2026):
        assert {f"{year}-Q{q}" for q in range(1, 5)} | {str(year)} <= set(periods)
    expected = {"2020": 559, "2021": 559, "2024-Q3": 558, "2025": 549, "2025-Q2": 549, "2025-Q3": 166,
                "2026-Q3": 166}
    for period, records in bundled.items():
        version = versions.version_for_period(period)
        own = set(versions.units(version)[KEY])
        assert set(records[KEY]) <= own, period
        assert records[KEY].is_unique, period
        if period in expected:
            assert len(records) == len(own) == expected[period], period
    assert len(bundled["2019"]) == 635 and len(bundled["2019-Q1"]) == 626  # 2019 as the plan counts it


def _start_of(bundled, year: int) -> pd.DataFrame:
    """The status a year starts from: the previous year's last quarter, on that quarter's own units."""
    return bundled[f"{year - 1}-Q4"]


@pytest.mark.parametrize("year", range(2020, 2027))
def test_a_year_starts_where_the_last_ended_through_the_links(bundled, year):
    """A unit is healthy in Q1 as its parts were at the end of the year before, unless it converted or relapsed."""
    before = _start_of(bundled, year)
    after = bundled[f"{year}-Q1"].set_index(KEY)
    moved = versions.reexpress(before[[KEY, "healthy"]].astype({"healthy": "boolean"}),
                            versions.version_for_period(f"{year - 1}-Q4"), versions.version_for_period(f"{year}-Q1"))
    was = moved.set_index(KEY)["healthy"].reindex(after.index)
    now = after["healthy"].astype(bool)
    newly = after.index[(was == False) & now]  # noqa: E712 - nullable booleans
    relapsed = after.index[(was == True) & ~now]  # noqa: E712
    assert after.loc[newly, "conversion_target"].astype(bool).all(), list(newly)
    assert (after.loc[relapsed, "notes"] == "Phát sinh tệ nạn trở lại").all(), list(relapsed)
    assert len(newly) + len(relapsed) <= 5  # continuity: a few changes a quarter, not a new draw
    assert (was == now).mean() > 0.97


@pytest.mark.parametrize("period", ["2020", "2021-Q2", "2024-Q3", "2025-Q3", "2026-Q3"])
def test_border_activity_is_in_the_border_communes_of_the_period_version(bundled, period):
    version = versions.version_for_period(period)
    table = versions.version_table(version).set_index(KEY)
    active = bundled[period].loc[bundled[period]["border_incidents"] > 0, KEY]
    border = set(table.index[table["is_laos_border"]])
    others = set(active) - border
    assert len(set(active) & border) >= 5
    assert len(others) <= 4
    assert table.loc[list(others), "district_code"].isin(["384", "385", "387", "388", "396"]).all()


@pytest.mark.parametrize("year", [2022, 2023])
def test_later_quarters_add_up_to_their_year(bundled, year):
    quarters = [bundled[f"{year}-Q{q}"] for q in range(1, 5)]
    ytd = year_to_date([q.astype({"healthy": "boolean", "conversion_target": "boolean",
                                  "commitment_signed": "boolean"}) for q in quarters]).set_index(KEY)
    whole = bundled[str(year)].set_index(KEY)
    every = [c for c in whole.index if all(c in set(q[KEY]) for q in quarters)]
    for field in ("inspections", "criminal_cases", "border_incidents", "victims_received"):
        assert (ytd.loc[every, field].astype(int) == whole.loc[every, field]).all(), field
    assert 60 <= whole["inspections"].sum() <= 85 and 15 <= whole["criminal_cases"].sum() <= 28
