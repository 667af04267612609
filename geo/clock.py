"""The product's one clock, and times as people in Thanh Hóa read them: Vietnam's time (UTC+7, no daylight saving).

Every "now", "today" and "this quarter" of the product comes from here: :func:`now` (aware, UTC: what every
stored timestamp is, in the store, the audit trail, the sessions) and :func:`today` (the date in Thanh Hóa, not
the server's: at 23:30 UTC it is already 06:30 the next day there; the quarter still running, which is never the
default period, is the one :func:`today` falls in: :func:`geo.periods.default_period`). What a screen, a message
or an export shows goes through :func:`fmt` or :func:`localize`.

Tests set the clock in two ways. ``GEO_NOW=2026-12-06T23:30:00Z`` in the environment (read at every call, so a
subprocess or a live app started with it sees it too) starts the clock at that instant when the process first
reads it, and lets it run from there, as ``faketime`` does; :func:`frozen` stops it at one instant inside a
test's own process (``with clock.frozen("2026-12-06T23:30:00Z"): …``).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import pandas as pd

VIETNAM: Final = dt.timezone(dt.timedelta(hours=7), "UTC+7")
SUFFIX: Final = "(UTC+7)"
ENV: Final = "GEO_NOW"

_frozen: list[dt.datetime] = []  # the innermost frozen() instant last; shared by threads (AppTest runs pages in one)
_started: dict[str, tuple[dt.datetime, float]] = {}  # GEO_NOW value -> (its instant, monotonic time when first read)
_lock = threading.Lock()


def parse_instant(value: str | dt.datetime) -> dt.datetime:
    """An ISO 8601 instant (``2026-12-06T23:30:00Z``, or with an offset) as an aware UTC datetime; naive is UTC."""
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value.strip())
    return (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def now() -> dt.datetime:
    """The current time, aware, in UTC: what every stored timestamp is (set by :func:`frozen` or ``GEO_NOW``)."""
    if _frozen:
        return _frozen[-1]
    if value := os.environ.get(ENV, "").strip():
        with _lock:
            if value not in _started:
                _started[value] = (parse_instant(value), time.monotonic())
            start, since = _started[value]
        return start + dt.timedelta(seconds=time.monotonic() - since)
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in Thanh Hóa (UTC+7), whatever the server's time zone."""
    return now().astimezone(VIETNAM).date()


@contextmanager
def frozen(at: str | dt.datetime) -> Iterator[dt.datetime]:
    """Stop the product's clock at ``at`` (ISO text or a datetime; naive means UTC) inside the ``with`` block."""
    instant = parse_instant(at)
    _frozen.append(instant)
    try:
        yield instant
    finally:
        _frozen.remove(instant)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """``value`` marked as UTC when naive (SQLite hands stored timestamps back without their zone); None stays."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def to_vietnam(value: dt.datetime) -> dt.datetime:
    """``value`` (aware, or naive meaning UTC as SQLite hands it back) in Vietnam's time."""
    return as_utc(value).astimezone(VIETNAM)


def fmt(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """``2026-03-02 15:04 (UTC+7)``; empty for None."""
    if value is None or pd.isna(value):
        return ""
    return f"{to_vietnam(pd.Timestamp(value).to_pydatetime()):%Y-%m-%d %H:%M{':%S' if seconds else ''}} {SUFFIX}"


def localize(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy of ``frame`` with the given timestamp columns as Vietnam-time text (``… (UTC+7)``)."""
    out = frame.copy()
    for col in columns:
        if col in out.columns:
            out[col] = [fmt(v, seconds=True) for v in out[col]]
    return out
