"""Server-side sessions (geo/access/sessions.py): limits, revocation, what the database keeps.

The tests that take ``db`` run on SQLite and on PostgreSQL (several app processes share one database there).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from geo import clock
from geo.access import accounts, audit, sessions
from geo.database import sessions_table
from geo.records.store import get_engine

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def session_engine(db):
    e = get_engine(db)
    accounts.add_user(e, "lan", PASSWORD, "viewer")
    accounts.add_user(e, "admin", PASSWORD, "admin")
    return e


def _sign_in(engine, name="lan", now=T0) -> str:
    return sessions.open_session(engine, accounts.login(engine, name, PASSWORD, now=now), now=now)


def test_a_session_is_found_by_its_token_and_the_database_keeps_only_a_hash(session_engine):
    token = _sign_in(session_engine)
    assert len(token) >= 40  # 256 random bits
    assert sessions.lookup(session_engine, token, now=T0).user.username == "lan"
    with session_engine.connect() as conn:
        stored = conn.execute(select(sessions_table)).mappings().all()
    assert len(stored) == 1 and token not in str(dict(stored[0]))
    assert sessions.lookup(session_engine, token + "x", now=T0).user is None
    assert sessions.lookup(session_engine, None, now=T0).reason == "none"
    assert _sign_in(session_engine) != token  # a new token at every sign-in


def test_idle_limit_and_absolute_limit(session_engine):
    token = _sign_in(session_engine)
    idle = dt.timedelta(minutes=accounts.SESSION_IDLE_MINUTES)
    # Used every 20 minutes, the session lives on past the idle limit...
    now = T0
    while now < T0 + dt.timedelta(hours=accounts.SESSION_MAX_HOURS) - dt.timedelta(minutes=20):
        now += dt.timedelta(minutes=20)
        assert sessions.lookup(session_engine, token, now=now).user is not None, now
    # ...but not past the absolute limit.
    late = T0 + dt.timedelta(hours=accounts.SESSION_MAX_HOURS, minutes=1)
    assert sessions.lookup(session_engine, token, now=late).reason == "expired"
    assert sessions.lookup(session_engine, token, now=now).reason == "ended"  # and never comes back
    other = _sign_in(session_engine)
    assert sessions.lookup(session_engine, other, now=T0 + idle + dt.timedelta(seconds=1)).reason == "expired"
    log = audit.read_log(session_engine)
    assert (log["action"] == "session_expired").sum() == 2


def test_logout_ends_only_that_session_and_is_logged(session_engine):
    phone, desk = _sign_in(session_engine), _sign_in(session_engine)
    assert sessions.end_session(session_engine, phone, now=T0) == "lan"
    assert sessions.lookup(session_engine, phone, now=T0).reason == "ended"
    assert sessions.lookup(session_engine, desk, now=T0).user is not None
    assert sessions.end_session(session_engine, phone, now=T0) is None  # twice: nothing more to end
    log = audit.read_log(session_engine)
    assert ((log["action"] == "logout") & (log["username"] == "lan")).sum() == 1


def test_an_admin_ends_every_session_of_an_account(session_engine):
    tokens = [_sign_in(session_engine) for _ in range(3)]
    mine = _sign_in(session_engine, "admin")
    assert sessions.end_user_sessions(session_engine, "lan", actor="admin", now=T0) == 3
    assert all(sessions.lookup(session_engine, t, now=T0).user is None for t in tokens)
    assert sessions.lookup(session_engine, mine, now=T0).user.username == "admin"
    log = audit.read_log(session_engine)
    assert '"sessions": 3' in log[log["action"] == "sessions_end"].iloc[0]["detail"]
    assert list(sessions.open_sessions(session_engine, now=T0)["username"]) == ["admin"]


def test_disabling_an_account_ends_its_sessions_and_a_new_role_applies_at_once(session_engine):
    token = _sign_in(session_engine)
    accounts.set_role(session_engine, "lan", "planner", actor="admin")
    assert sessions.lookup(session_engine, token, now=T0).user.role == "planner"
    accounts.set_disabled(session_engine, "lan", True, actor="admin")
    assert sessions.lookup(session_engine, token, now=T0).user is None
    accounts.set_disabled(session_engine, "lan", False, actor="admin")
    assert sessions.lookup(session_engine, token, now=T0).user is None  # re-enabling brings no session back


def test_use_is_recorded_at_most_once_a_minute(session_engine):
    token = _sign_in(session_engine)

    def last_seen():
        with session_engine.connect() as conn:
            value = conn.execute(select(sessions_table.c.last_seen)).scalar_one()
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    sessions.lookup(session_engine, token, now=T0 + dt.timedelta(seconds=30))
    assert last_seen() == T0
    sessions.lookup(session_engine, token, now=T0 + dt.timedelta(seconds=90))
    assert last_seen() == T0 + dt.timedelta(seconds=90)


def test_csrf_token_follows_the_session():
    assert sessions.csrf_token("a") == sessions.csrf_token("a") != sessions.csrf_token("b")
    assert len(sessions.csrf_token("a")) == 40 and set(sessions.csrf_token("a")) <= set("0123456789abcdef")


def test_end_sessions_from_the_command_line(session_engine, db, capsys):
    from geo.cli.main import main

    token = _sign_in(session_engine, now=clock.now())
    assert main(["user", "--db", db, "end-sessions", "lan"]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert sessions.lookup(session_engine, token).user is None
