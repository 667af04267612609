"""What only a shared PostgreSQL server can show, beyond the tests that run on both databases.

Every test that asks for ``db`` or ``engine`` already runs on SQLite and on PostgreSQL (``tests/conftest.py``).
Several app processes may serve users against one PostgreSQL database, so this module adds what only such a
server shows: two engines or two OS processes importing the same period at the same moment, app processes
starting together on an empty database (the start-up advisory lock), times read back in UTC from a server set
to Vietnam's time, the boundary revisions' bytes and times, and the seeded figures equal to SQLite's.

Its tests run on PostgreSQL only (``db`` parametrized to ``postgresql`` below), on the session's throwaway
server (``tests/pg.py``). Without ``initdb`` they are skipped, except under CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from geo import clock
from geo.access import accounts, audit
from geo.boundaries import revisions
from geo.boundaries.check import validate_path
from geo.cli.main import main
from geo.clock import as_utc
from geo.database import imports_table
from geo.records.store import ImportConflict, count_records, get_engine, list_imports, list_periods, load_records
from tests import pg
from tests.conftest import ROOT
from tests.util import GOOD_CSV, PASSWORD, as_user, make_records, store

pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("db", ["postgresql"], indirect=True)]


def test_the_server_is_postgresql_and_not_in_utc(db):
    engine = get_engine(db)
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    with psycopg.connect(db.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SHOW timezone").fetchone()[0] == pg.SERVER_TIMEZONE


def test_seeded_illustrative_data_gives_the_same_figures_as_sqlite(db, illustrative_engine, capsys):
    seeded = get_engine(db, seed=True)
    sqlite_url = illustrative_engine.url.render_as_string(hide_password=False)
    assert list_periods(seeded) == list_periods(illustrative_engine)
    for period in list_periods(seeded):
        assert load_records(seeded, period).equals(load_records(illustrative_engine, period)), period
    figures = {}
    for name, url in (("postgresql", db), ("sqlite", sqlite_url)):
        assert main(["summary", "--period", "2018", "--db", url, "--json"]) == 0
        figures[name] = json.loads(capsys.readouterr().out)
    assert figures["postgresql"] == figures["sqlite"]
    got = figures["postgresql"]
    assert (got["communes_total"], got["healthy"], got["healthy_ratio"]) == (635, 590, 92.91)
    assert got["illustrative"] is True
    assert get_engine(db, seed=True) and count_records(seeded) == count_records(illustrative_engine)  # once


def test_times_come_back_in_utc_whatever_the_server_zone(engine):
    """The lock-out message gives Vietnam's time (UTC+7) from a UTC timestamp, on a server set to local time."""
    t0 = clock.now().replace(microsecond=0)
    now = t0
    for _ in range(accounts.LOCK_AFTER):
        with pytest.raises(accounts.AuthError):
            accounts.login(engine, "an", "wrong", now=now)
        now += accounts.dt.timedelta(seconds=61)
    with pytest.raises(accounts.AuthError) as exc:
        accounts.login(engine, "an", PASSWORD, lang="en", now=now)
    until = now - accounts.dt.timedelta(seconds=61) + accounts.dt.timedelta(minutes=accounts.LOCK_MINUTES)
    shown = until + accounts.dt.timedelta(hours=7)  # stored in UTC, shown in Vietnam's time
    assert f"until {shown:%Y-%m-%d %H:%M} (UTC+7)" in str(exc.value)
    row = accounts.list_users(engine).set_index("username").loc["an"]
    assert as_utc(row["locked_until"]) == until
    assert row["locked_until"].utcoffset() == accounts.dt.timedelta(0)
    at = audit.read_log(engine)["at"].iloc[0]
    assert at.utcoffset() == accounts.dt.timedelta(0) and abs(at - clock.now()).total_seconds() < 60


@contextmanager
def records_held(url: str):
    """Hold new records back until the block ends, so that two imports are surely in flight together.

    Yields a function that waits until ``n`` other sessions are waiting for a lock.
    """
    dsn = url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn) as holder, psycopg.connect(dsn, autocommit=True) as watcher:
        holder.execute("LOCK TABLE records IN EXCLUSIVE MODE")  # reads go on, writes wait

        def waiting(n: int, timeout: float = 60) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                count = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                ).fetchone()[0]
                if count >= n:
                    return
                time.sleep(0.05)
            raise AssertionError(f"{n} imports never got to wait for each other")

        yield waiting
        holder.commit()


@pytest.mark.parametrize("order", ["same", "reversed"])
@pytest.mark.parametrize("period_known", [False, True], ids=["new-period", "known-period"])
def test_two_imports_of_the_same_period_at_once_one_wins(db, period_known, order):
    """Two editors on two app processes press Import together: one stores, the other is told, nothing lost.

    With the period new, the loser trips over the period's primary key; with the period known (another
    district's file came first), over the partial unique index of current records. Files listing the
    communes in different orders must not deadlock either.
    """
    get_engine(db)
    if period_known:
        store(get_engine(db), make_records("2019-Q3", {"15607": {"healthy": True}}), file_name="other.csv")
    codes = [f"{14755 + 3 * i}" for i in range(200)]
    files = {"an": make_records("2019-Q3", {c: {"healthy": True} for c in codes}),
             "binh": make_records("2019-Q3", {c: {"healthy": False} for c in
                                              (codes if order == "same" else codes[::-1])})}
    outcomes: dict[str, object] = {}

    def editor(name: str) -> None:
        engine = get_engine(db)  # each editor has its own engine and pool, like two app processes
        try:
            outcomes[name] = store(engine, files[name], user=name, file_name=f"{name}.csv")
        except Exception as exc:
            outcomes[name] = exc

    with records_held(db) as waiting:
        threads = [threading.Thread(target=editor, args=(n,)) for n in files]
        for t in threads:
            t.start()
        waiting(2)
    for t in threads:
        t.join(120)
    lost = [o for o in outcomes.values() if not hasattr(o, "rows_stored")]
    assert len(lost) == 1 and isinstance(lost[0], ImportConflict), outcomes
    assert isinstance(lost[0].__cause__, IntegrityError)  # a real race, caught by the database
    assert "Một lần nhập khác vừa lưu số liệu cho cùng kỳ Quý 3/2019" in str(lost[0])  # the default language
    winner = next(n for n, o in outcomes.items() if hasattr(o, "rows_stored"))
    engine = get_engine(db)
    assert count_records(engine) == 200 + period_known
    current = load_records(engine, "2019-Q3").set_index("commune_code")
    assert set(current["healthy"].drop(index="15607", errors="ignore")) == {winner == "an"}
    with engine.connect() as conn:
        logged = sorted(conn.execute(select(imports_table.c.outcome)).scalars())
    assert logged == ["conflict", "stored"] + ["stored"] * period_known


def test_two_processes_import_the_same_period_at_once(db, tmp_path):
    """`python -m geo import` twice at once on one PostgreSQL database: one exit 0, one exit 1, one file stored."""
    rows = "".join(f"{14755 + 3 * i},2019-Q4,Có,{i}\n" for i in range(150))
    path = tmp_path / "quy4.csv"
    path.write_text("Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n" + rows, encoding="utf-8")
    get_engine(db)  # the schema exists, as it does once the app has run
    env = {**os.environ, "GEO_LANG": "en"}
    command = [sys.executable, "-m", "geo", "import", str(path), "--db", db, "--lang", "en", *as_user(db)]
    with records_held(db) as waiting:
        procs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
        try:
            waiting(2, timeout=120)
        except AssertionError:
            for p in procs:
                p.kill()
            raise
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [0, 1], results
    _, _, err = next(r for r in results if r[0] == 1)
    assert "Another import stored records for the same period Q4 2019" in err
    engine = get_engine(db)
    assert count_records(engine) == 150
    assert load_records(engine, "2019-Q4")["inspections"].sum() == sum(range(150))
    assert sorted(list_imports(engine)["outcome"]) == ["conflict", "stored"]


def test_cli_import_and_summary_on_postgresql(db, tmp_path):
    """The command line in its own process, as a data officer runs it, on a PostgreSQL URL."""
    path = tmp_path / "huyen.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    run = [sys.executable, "-m", "geo"]
    done = subprocess.run([*run, "import", str(path), "--db", db, *as_user(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*run, "summary", "--period", "2019-Q1", "--db", db, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    shown = (figures["healthy"], figures["not_healthy"], figures["no_data"], figures["inspections_ytd"])
    assert shown == (1, 1, 633, 3)


def test_app_processes_starting_together_on_an_empty_database(db):
    """Several app processes start at once on an empty database: one creates the tables and seeds, none fails."""
    barrier = threading.Barrier(4)
    errors: list[Exception] = []

    def start() -> None:
        barrier.wait()
        try:
            get_engine(db, seed=True)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    log = list_imports(get_engine(db))
    assert log["outcome"].tolist() == ["stored"] and bool(log["illustrative"].iloc[0])


def test_boundary_revision_stored_listed_activated_and_read_back(engine, moved_file):
    """A revision's rows on PostgreSQL: the same geometry bytes back, times in UTC, each step audited."""
    report = validate_path(moved_file, revisions.target(engine))
    before = clock.now().replace(microsecond=0)
    rid = revisions.store_revision(engine, report, source="Sở TN&MT Thanh Hóa", source_date="2024-05-01",
                                        user="admin")
    [listed] = revisions.list_revisions(engine).to_dict("records")
    assert (listed["id"], listed["units"], bool(listed["active"]), listed["file_name"]) == (rid, 2, False,
                                                                                            "ham_rong.shp")
    assert listed["created_at"].utcoffset() == accounts.dt.timedelta(0) and listed["created_at"] >= before
    assert revisions.active_revisions(engine) == [] and revisions.state_key(engine) == ""
    revisions.set_active(engine, rid, True, user="admin")
    [active] = revisions.active_revisions(engine)
    assert active["activated_by"] == "admin" and active["activated_at"].utcoffset() == accounts.dt.timedelta(0)
    stored = revisions.revision_units(engine, rid).set_index("commune_code")
    sent = report.units.set_index("commune_code")
    assert list(stored.index) == ["14755", "14758"]
    assert all(a.equals_exact(b, 0) for a, b in zip(stored.geometry, sent.loc[stored.index].geometry, strict=True))
    layer = revisions.current_layer(engine).set_index("commune_code")
    assert layer.geometry["14755"].equals_exact(stored.geometry["14755"], 0)
    assert layer.attrs["boundary_revisions"][0]["source"] == "Sở TN&MT Thanh Hóa"
    log = audit.read_log(engine)
    line = log[log["action"] == "boundary_activate"].iloc[0]
    assert line["username"] == "admin" and json.loads(line["detail"]) == {
        "revision": rid, "version": "2017-04-19", "file": "ham_rong.shp"}
    assert log["action"].tolist()[:2] == ["boundary_activate", "boundary_import"]
    revisions.set_active(engine, rid, False, user="admin")
    assert revisions.state_key(engine) == "" and log["at"].iloc[0].utcoffset() == accounts.dt.timedelta(0)
