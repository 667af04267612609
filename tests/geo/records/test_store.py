"""The store: atomic imports, explicit replace, nothing ever lost, concurrent imports."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from sqlalchemy import select

from geo.database import imports_table, records_table
from geo.records.store import (
    ImportConflict,
    already_stored,
    count_records,
    get_engine,
    is_illustrative,
    list_imports,
    list_periods,
    load_records,
)
from tests.util import make_records, store


def test_new_database_is_created_empty_when_named(db):
    engine = get_engine(db)
    assert list_periods(engine) == []
    assert count_records(engine) == 0


def test_import_then_load_keeps_no_data_as_missing(db):
    engine = get_engine(db)
    store(engine, make_records("2019-Q1", {"14755": {"healthy": True, "inspections": 3},
                                           "14758": {"healthy": False}}))
    got = load_records(engine, "2019-Q1").set_index("commune_code")
    assert got.loc["14755", "inspections"] == 3
    assert pd.isna(got.loc["14758", "inspections"])  # no data, never zero
    assert bool(got.loc["14758", "healthy"]) is False
    assert list_periods(engine) == ["2019-Q1"]


def test_reimport_without_replace_is_refused_and_stores_nothing(db):
    engine = get_engine(db)
    store(engine, make_records("2019", {"14755": {"healthy": True}}))
    second = make_records("2019", {"14755": {"healthy": False}, "14758": {"healthy": True}})
    with pytest.raises(ImportConflict, match="đã có số liệu của 1 xã") as refused:
        store(engine, second)
    assert "--" not in str(refused.value)  # said on the Data page too: no command-line option in it
    assert already_stored(engine, second).to_dict("records") == [{"commune_code": "14755", "period": "2019"}]
    assert count_records(engine) == 1  # 14758 was not half-imported
    log = list_imports(engine)
    assert log.iloc[0]["outcome"] == "conflict" and log.iloc[1]["outcome"] == "stored"


def test_replace_keeps_the_old_record_in_history(db):
    engine = get_engine(db)
    store(engine, make_records("2019", {"14755": {"healthy": False, "notes": "first"}}), file_name="a.csv")
    result = store(engine, make_records("2019", {"14755": {"healthy": True, "notes": "second"}}),
                   file_name="b.csv", replace=True)
    assert (result.rows_stored, result.rows_replaced) == (1, 1)
    assert load_records(engine, "2019")["notes"].tolist() == ["second"]
    with engine.connect() as conn:
        kept = conn.execute(select(records_table.c.notes, records_table.c.is_current)
                            .where(records_table.c.commune_code == "14755").order_by(records_table.c.id)).all()
    assert [tuple(r) for r in kept] == [("first", False), ("second", True)]
    assert count_records(engine) == 2 and count_records(engine, current_only=True) == 1


def test_other_districts_of_the_same_period_do_not_conflict(db):
    """Districts send their files separately: a second district's file for the period is not a re-import."""
    engine = get_engine(db)
    store(engine, make_records("2019-Q2", {"14755": {"healthy": True}}))
    store(engine, make_records("2019-Q2", {"15607": {"healthy": True}}))
    assert load_records(engine, "2019-Q2")["commune_code"].tolist() == ["14755", "15607"]


def test_periods_are_in_time_order(db):
    engine = get_engine(db)
    for period in ("2019", "2019-Q2", "2018", "2019-Q1"):
        store(engine, make_records(period, {"14755": {"healthy": True}}))
    assert list_periods(engine) == ["2018", "2019-Q1", "2019-Q2", "2019"]


def test_illustrative_flag_follows_the_current_records(db):
    engine = get_engine(db)
    store(engine, make_records("2019", {"14755": {"healthy": True}}), illustrative=True)
    assert is_illustrative(engine, "2019")
    store(engine, make_records("2019", {"14755": {"healthy": True}}), replace=True)
    assert not is_illustrative(engine, "2019")


def test_two_imports_of_the_same_period_at_once_one_wins(tmp_path):
    """Two editors press Import together: exactly one stores, the other is told why, nothing is lost."""
    url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    get_engine(url)
    records = make_records("2019-Q3", {f"{14755 + 3 * i}": {"healthy": True} for i in range(200)})
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def editor(name: str) -> None:
        engine = get_engine(url)  # each editor has its own connection pool, like two app processes
        barrier.wait()
        try:
            outcomes.append(store(engine, records, user=name))
        except ImportConflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("an", "binh")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(isinstance(o, ImportConflict) for o in outcomes) == 1
    engine = get_engine(url)
    assert count_records(engine) == 200
    with engine.connect() as conn:
        outcomes_logged = sorted(conn.execute(select(imports_table.c.outcome)).scalars())
    assert outcomes_logged == ["conflict", "stored"]
