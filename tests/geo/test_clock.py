"""Times are stored in UTC and shown in Vietnam's time (UTC+7)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import clock
from geo.access import accounts
from geo.records.store import get_engine

PASSWORD = "correct horse battery"


def test_utc_is_shown_as_vietnam_time_across_midnight():
    assert clock.fmt(dt.datetime(2026, 1, 1, 20, 30, tzinfo=dt.UTC)) == "2026-01-02 03:30 (UTC+7)"
    assert clock.fmt(dt.datetime(2026, 1, 1, 20, 30)) == "2026-01-02 03:30 (UTC+7)"  # naive = UTC (SQLite)
    assert clock.fmt(None) == ""
    frame = pd.DataFrame({"at": pd.to_datetime(["2026-06-30 17:00:05"], utc=True), "n": [1]})
    assert clock.localize(frame, ["at"])["at"].tolist() == ["2026-07-01 00:00:05 (UTC+7)"]


def test_stored_times_are_utc_whether_or_not_the_database_kept_the_zone():
    naive = dt.datetime(2026, 1, 1, 20, 30)  # as SQLite hands a stored timestamp back
    assert clock.as_utc(naive) == dt.datetime(2026, 1, 1, 20, 30, tzinfo=dt.UTC)
    hanoi = dt.datetime(2026, 1, 2, 3, 30, tzinfo=clock.VIETNAM)
    assert clock.as_utc(hanoi) is hanoi and clock.as_utc(None) is None
    assert clock.now().utcoffset() == dt.timedelta(0)


def test_the_lockout_message_names_the_local_time(db):
    engine = get_engine(db)
    accounts.add_user(engine, "mai", PASSWORD, "viewer")
    now = dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.UTC)
    for i in range(accounts.LOCK_AFTER):
        try:
            accounts.login(engine, "mai", "wrong", now=now + dt.timedelta(minutes=i))
        except accounts.AuthError:
            pass
    try:
        accounts.login(engine, "mai", PASSWORD, lang="en", now=now + dt.timedelta(minutes=5))
    except accounts.AuthError as exc:
        message = str(exc)
    until = now + dt.timedelta(minutes=4 + accounts.LOCK_MINUTES)  # 15 minutes after the 5th failure
    assert f"until {until + dt.timedelta(hours=7):%Y-%m-%d %H:%M} (UTC+7)" in message


def test_today_and_this_quarter_are_thanh_hoas():
    from geo.periods import default_period

    stored = ["2026-Q3", "2026-Q4", "2026"]
    with clock.frozen("2026-12-31T16:59:00Z"):  # 23:59 on 31 December in Thanh Hóa: 2026 is still running
        assert (clock.today(), default_period(stored)) == (dt.date(2026, 12, 31), "2026-Q3")
    with clock.frozen("2026-12-31T17:00:00Z") as at:  # midnight there: a new year and quarter, still 2026 in UTC
        assert at.date() == dt.date(2026, 12, 31) and clock.now() == at
        assert (clock.today(), default_period(stored)) == (dt.date(2027, 1, 1), "2026")
    with clock.frozen("2026-12-07T06:30:00+07:00"):  # an offset is read as such: 23:30 UTC the day before
        assert clock.now() == dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)


def test_geo_now_starts_the_clock_and_lets_it_run(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-12-06T23:30:00Z")
    first = clock.now()
    assert dt.timedelta(0) <= first - dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC) < dt.timedelta(seconds=5)
    assert clock.now() >= first and clock.today() == dt.date(2026, 12, 7)
    with clock.frozen("2019-06-30T12:00:00Z"):  # an in-process test's frozen clock wins over the environment
        assert clock.today() == dt.date(2019, 6, 30)
    monkeypatch.delenv(clock.ENV)
    assert clock.now().year >= 2026 and abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=1)


def test_the_default_period_is_judged_on_thanh_hoas_date():
    from geo.periods import default_period

    periods = ["2026-Q3", "2026-Q4", "2026"]
    with clock.frozen("2026-12-31T16:59:00Z"):
        assert default_period(periods) == "2026-Q3"  # 2026 and its Q4 end today: not over yet
    with clock.frozen("2026-12-31T17:00:00Z"):
        assert default_period(periods) == "2026"  # 1 January 2027 in Thanh Hóa: the year has ended
