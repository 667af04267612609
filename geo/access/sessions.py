"""Server-side sessions: a sign-in that survives a reload, a new tab and a link, and can be ended.

The browser holds a random token (256 bits, :func:`secrets.token_urlsafe`) in an HttpOnly, SameSite=Strict
cookie set by the sign-in route (``server.py``); the database holds only the token's SHA-256, the account,
and when the session started and was last used. Every app process reads the same table, so a session opened
through one process is good on the others (several processes behind nginx, one PostgreSQL).

A session ends on logout, after :data:`geo.access.accounts.SESSION_IDLE_MINUTES` without use or
:data:`geo.access.accounts.SESSION_MAX_HOURS` in all, when an admin ends the account's sessions, and when the account
is disabled. An ended session is kept (with the reason) and never comes back. Pure logic, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
from sqlalchemy import insert, select, update

from geo import clock
from geo.access import accounts, audit
from geo.database import sessions_table

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

COOKIE_NAME: Final = "th_session"
# last_seen is written at most this often: the idle limit is in minutes, and a write per request (every
# rerun, every page load) would make the sessions table the busiest in the database for nothing.
TOUCH_SECONDS: Final = 60


@dataclass(frozen=True)
class Lookup:
    """The outcome of reading a session token.

    ``user`` is the signed-in account, or None; then ``reason`` says why: ``"none"`` (no or unknown
    token), ``"expired"``, ``"ended"`` (logout, revoked, account disabled).
    """

    user: accounts.User | None
    reason: str | None = None
    started: dt.datetime | None = None


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_token(token: str) -> str:
    """The token a form of a signed-in page carries (logout).

    Derived from the session's secret token, which a page on another site cannot read (HttpOnly), so it
    cannot forge the form.
    """
    return hashlib.sha256(b"geo-csrf:" + token.encode("utf-8")).hexdigest()[:40]


def open_session(engine: Engine, user: accounts.User, *, now: dt.datetime | None = None) -> str:
    """Start a session for ``user`` (after a successful :func:`geo.access.accounts.login`); return the cookie's token.

    A new token at every sign-in: a token planted before sign-in (session fixation) is never promoted.
    """
    now = now or clock.now()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(sessions_table).values(
            token_sha256=token_hash(token), username=user.username, started_at=now, last_seen=now))
    return token


def _expired(row: dict, now: dt.datetime) -> bool:
    return (now - clock.as_utc(row["last_seen"]) > dt.timedelta(minutes=accounts.SESSION_IDLE_MINUTES)
            or now - clock.as_utc(row["started_at"]) > dt.timedelta(hours=accounts.SESSION_MAX_HOURS))


def lookup(engine: Engine, token: str | None, *, now: dt.datetime | None = None, touch: bool = True) -> Lookup:
    """The account signed in with ``token``, reading the account afresh (a new role applies at once).

    An expired session is ended here (and logged as ``session_expired``); ``touch`` records the use (at most
    every :data:`TOUCH_SECONDS`).
    """
    if not token:
        return Lookup(None, "none")
    now = now or clock.now()
    key = token_hash(token)
    with engine.connect() as conn:
        row = conn.execute(select(sessions_table).where(sessions_table.c.token_sha256 == key)).mappings().first()
    if row is None:
        return Lookup(None, "none")
    if row["ended_at"] is not None:
        return Lookup(None, "ended")
    if _expired(dict(row), now):
        _end(engine, [key], "expired", now)
        audit.log(engine, row["username"], "session_expired")
        return Lookup(None, "expired")
    user = accounts.get_user(engine, row["username"])
    if user is None:  # disabled (or gone) since the sign-in
        _end(engine, [key], "disabled", now)
        return Lookup(None, "ended")
    if touch and (now - clock.as_utc(row["last_seen"])).total_seconds() >= TOUCH_SECONDS:
        with engine.begin() as conn:
            conn.execute(update(sessions_table).where(sessions_table.c.token_sha256 == key).values(last_seen=now))
    return Lookup(user, None, clock.as_utc(row["started_at"]))


def _end(engine: Engine, keys: list[str], reason: str, now: dt.datetime) -> int:
    with engine.begin() as conn:
        done = conn.execute(update(sessions_table)
                            .where(sessions_table.c.token_sha256.in_(keys), sessions_table.c.ended_at.is_(None))
                            .values(ended_at=now, end_reason=reason))
    return int(done.rowcount or 0)


def end_session(engine: Engine, token: str | None, *, now: dt.datetime | None = None) -> str | None:
    """Logout: end the session of ``token`` and log it; return the account's name (None if nothing ended)."""
    if not token:
        return None
    key = token_hash(token)
    with engine.connect() as conn:
        username = conn.execute(select(sessions_table.c.username).where(
            sessions_table.c.token_sha256 == key, sessions_table.c.ended_at.is_(None))).scalar_one_or_none()
    if username is None or not _end(engine, [key], "logout", now or clock.now()):
        return None
    audit.log(engine, username, "logout")
    return username


def end_user_sessions(engine: Engine, username: str, *, actor: str, reason: str = "revoked",
                      now: dt.datetime | None = None) -> int:
    """End every open session of ``username`` (an admin's decision, or the account disabled); log it."""
    with engine.connect() as conn:
        keys = list(conn.execute(select(sessions_table.c.token_sha256).where(
            sessions_table.c.username == username, sessions_table.c.ended_at.is_(None))).scalars())
    ended = _end(engine, keys, reason, now or clock.now()) if keys else 0
    audit.log(engine, actor, "sessions_end", detail={"user": username, "sessions": ended, "reason": reason})
    return ended


def open_sessions(engine: Engine, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """Sessions that are open and not expired: account, started, last used (for the admin page)."""
    now = now or clock.now()
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(
            select(sessions_table.c.username, sessions_table.c.started_at, sessions_table.c.last_seen)
            .where(sessions_table.c.ended_at.is_(None)).order_by(sessions_table.c.last_seen.desc())).mappings()]
    rows = [r for r in rows if not _expired(r, now)]
    frame = pd.DataFrame(rows, columns=["username", "started_at", "last_seen"])
    for col in ("started_at", "last_seen"):
        frame[col] = pd.to_datetime(frame[col], utc=True)
    return frame
