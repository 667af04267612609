"""Times as people in Thanh Hóa read them: Vietnam's time (UTC+7, no daylight saving), stored in UTC.

Every timestamp is written in UTC (the store, the audit trail, the sessions); what a screen, a message or an
export shows goes through :func:`fmt` or :func:`localize`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pandas as pd

VIETNAM: Final = dt.timezone(dt.timedelta(hours=7), "UTC+7")
SUFFIX: Final = "(UTC+7)"


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC: what every stored timestamp is."""
    return dt.datetime.now(dt.UTC)


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
