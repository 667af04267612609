"""A commune's history: told on the units of the period it is seen from, never a query by code."""

from __future__ import annotations

import pytest

from geo.figures.history import commune_history
from geo.records.store import get_engine, load_records
from geo.units import versions as U
from tests.util import import_unit_files, make_records, store


def test_the_history_is_in_time_order_on_the_2019_list_without_links(db):
    engine = get_engine(db)
    for period in ("2019", "2019-Q2", "2018", "2019-Q1"):
        store(engine, make_records(period, {"14755": {"healthy": True, "inspections": 1}}))
    past = commune_history(engine, "14755", "2019")
    assert past.records["period"].tolist() == ["2018", "2019-Q1", "2019-Q2", "2019"]
    assert (past.version, past.reexpressed, past.links.empty) == ("2017-04-19", (), True)


@pytest.fixture(scope="module")
def two_lists(tmp_path_factory):
    """2019 on the 635 units (1 inspection each) and 2025-Q3 on the 166 (2 each)."""
    folder = tmp_path_factory.mktemp("history")
    url = f"sqlite:///{folder / 'h.sqlite'}"
    import_unit_files(url, folder, [("2017-04-19", "2019"), ("2025-07-01", "2025-Q3")], inspections=1)
    return get_engine(url)


def test_a_reused_code_is_followed_through_the_links_not_joined_by_code(two_lists):
    # 14758 was Phường Đông Thọ in 2019; in 2025 it is Phường Hàm Rồng, made of several 2019 units.
    past = commune_history(two_lists, "14758", "2025-Q3")
    assert past.records["period"].tolist() == ["2019", "2025-Q3"]
    assert past.reexpressed == ("2019",)
    on_2025 = U.records_on(load_records(two_lists, "2019"), "2019", from_version="2017-04-19",
                           to_version="2025-07-01")[0].set_index("commune_code")
    inspections = past.records.set_index("period").loc["2019", "inspections"]
    assert inspections == on_2025.loc["14758", "inspections"] > 1  # the sum of its 2019 parts, not Đông Thọ's 1
    assert {"2025-07-01"} <= set(past.links["version"]) and "Phường Đông Thọ" in set(past.links["prev_name"])


def test_seen_from_2019_the_later_list_is_left_out(two_lists):
    past = commune_history(two_lists, "14758", "2019")
    assert past.records["period"].tolist() == ["2019"]
    assert past.records["inspections"].tolist() == [1]  # Đông Thọ's own 2019 record, not Hàm Rồng's
    assert past.links.empty


def test_every_period_of_the_lineage_is_listed_and_those_without_a_record_are_named(db):
    engine = get_engine(db)
    store(engine, make_records("2019-Q1", {"14755": {"healthy": True, "inspections": 1}}))
    store(engine, make_records("2019-Q2", {"14758": {"healthy": True, "inspections": 1}}))  # not 14755
    store(engine, make_records("2019", {"14755": {"healthy": True, "inspections": 2}}))
    past = commune_history(engine, "14755", "2019")
    assert past.periods == ("2019-Q1", "2019-Q2", "2019")
    assert past.records["period"].tolist() == ["2019-Q1", "2019"]
    assert past.missing == ("2019-Q2",)
