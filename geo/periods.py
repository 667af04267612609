"""Periods: a year ``"2019"`` or a quarter ``"2019-Q3"``; one place parses and orders them.

Stored periods are always in this canonical form. :func:`normalise_period` reads the ways people write them in
files ("Quý I/2019", "Q1-2019", 2019.0); the rest works on canonical periods.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

from geo import clock
from geo.text import t
from geo.text.names import fold

YEAR_MIN: Final = 2000
YEAR_MAX: Final = 2100


def period_parts(period: str) -> tuple[int, int | None]:
    """Split ``"2019-Q3"`` into ``(2019, 3)`` and ``"2019"`` into ``(2019, None)``."""
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return int(year), int(quarter)
    return int(period), None


def is_quarter(period: str) -> bool:
    """True for a quarter (``"2019-Q3"``), False for a year (``"2019"``)."""
    return period_parts(period)[1] is not None


def period_label(period: str, lang: str = "vi", *, short: bool = False) -> str:
    """A period in words, the one way people read it: on screens, sheets, exports, documents and the CLI's text.

    Running text and titles: "Quý 3 năm 2025" / "Q3 2025", "Năm 2025" / "2025". ``short`` where space is short
    (selectors, table columns, axis labels): "Quý 3/2025" / "Q3 2025", "2025". Machine formats (JSON, CSV for
    systems, links) keep the code ("2025-Q3").

    >>> period_label("2025-Q3"), period_label("2025-Q3", short=True), period_label("2025-Q3", "en")
    ('Quý 3 năm 2025', 'Quý 3/2025', 'Q3 2025')
    >>> period_label("2019"), period_label("2019", short=True)
    ('Năm 2019', '2019')
    """
    year, quarter = period_parts(period)
    if quarter is None:
        return t("period_words.year_short" if short else "period_words.year", lang, year=year)
    return t("period_words.quarter_short" if short else "period_words.quarter", lang, quarter=quarter, year=year)


def periods_label(periods: Iterable[str], lang: str = "vi") -> str:
    """Periods listed in a message, each as :func:`period_label` says it where space is short; "-" for none.

    >>> periods_label(["2019-Q4", "2020"])
    'Quý 4/2019, 2020'
    """
    return ", ".join(period_label(p, lang, short=True) for p in periods) or "-"


def period_year(period: str) -> int:
    """The calendar year of a period."""
    return period_parts(period)[0]


def period_sort_key(period: str) -> tuple[int, int]:
    """Order periods in time, a year after its four quarters (it closes them)."""
    year, quarter = period_parts(period)
    return year, quarter if quarter is not None else 5


def period_end(period: str) -> dt.date:
    """The last day of a period: ``"2019"`` -> 2019-12-31, ``"2026-Q3"`` -> 2026-09-30."""
    year, quarter = period_parts(period)
    if quarter is None or quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def default_period(periods: Iterable[str], today: dt.date | None = None) -> str | None:
    """The period a leader opens on: the latest stored period that has **ended** by ``today``.

    A quarter still running (2026-Q4 on 2 December 2026) is not the default, nor a year before its end; of a
    year and its Q4, which end on the same day, the year (it closes them). When no stored period has ended
    (only the current quarter is stored), the latest one. None when nothing is stored.

    >>> default_period(["2019-Q4", "2019", "2026-Q3", "2026-Q4"], dt.date(2026, 12, 2))
    '2026-Q3'
    >>> default_period(["2019-Q4", "2019"], dt.date(2026, 12, 2))
    '2019'
    """
    known = sorted(periods, key=period_sort_key)
    if not known:
        return None
    today = today or clock.today()
    ended = [p for p in known if period_end(p) < today]
    return max(ended, key=lambda p: (period_end(p), not is_quarter(p))) if ended else known[-1]


def previous_period(period: str, periods: Iterable[str]) -> str | None:
    """The period before ``period`` of the same kind (quarter before a quarter, year before a year)."""
    quarter = is_quarter(period)
    earlier = [p for p in periods
               if is_quarter(p) == quarter and period_sort_key(p) < period_sort_key(period)]
    return max(earlier, key=period_sort_key) if earlier else None


def baseline_period(period: str) -> str:
    """The plan's baseline for ``period``: the status at the end of the year before."""
    return str(period_year(period) - 1)


def quarters_to_date(period: str) -> list[str]:
    """The quarters of the year up to ``period`` (``"2019-Q3"`` → Q1, Q2, Q3); a year gives ``[]``."""
    year, quarter = period_parts(period)
    return [] if quarter is None else [f"{year}-Q{q}" for q in range(1, quarter + 1)]


_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_RE: Final = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")
_YEAR_Q_RE: Final = re.compile(r"^(\d{4})\s*[-/ .]?\s*(?:q|quy)\s*([1-4]|iv|i{1,3})$")
_Q_YEAR_RE: Final = re.compile(r"^(?:q|quy)\s*([1-4]|iv|i{1,3})\s*(?:[-/ .,]\s*)?(?:nam\s*)?(\d{4})$")


def normalise_period(value: object) -> str | None:
    """Return a period as ``"YYYY"`` or ``"YYYY-Qn"``, or None if ``value`` is not a period.

    Accepts 2019, 2019.0, "2019", "2019-Q1", "2019q1", "Q1/2019", "Q1-2019", "Quý 1/2019", "Quý I/2019",
    "quy 1 2019", "Quý 1 năm 2019". Years must lie in 2000..2100.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return None
        year = int(value)
        return str(year) if YEAR_MIN <= year <= YEAR_MAX else None
    if not isinstance(value, str):
        return None
    text = fold(value)
    quarter: str | None = None
    if m := _YEAR_RE.match(text):
        year_s = m.group(1)
    elif m := _YEAR_Q_RE.match(text):
        year_s, quarter = m.group(1), m.group(2)
    elif m := _Q_YEAR_RE.match(text):
        quarter, year_s = m.group(1), m.group(2)
    else:
        return None
    year = int(year_s)
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    if quarter is None:
        return str(year)
    q = _ROMAN.get(quarter) or int(quarter)
    return f"{year}-Q{q}"
