"""Numbers as people read them: the Vietnamese way in Vietnamese, the English way in English.

Vietnamese writes a decimal comma and a thousands dot, and the plan writes a space before the percent sign
and before a unit: "93,86 %", "1.234 lượt", "0,25 lượt/cơ sở". English writes "93.86%", "1,234", "0.25 per
establishment". Every figure that becomes text on a page, a sheet, the CLI's text output or a document goes
through these functions (Babel's CLDR number patterns), so a number reads the same everywhere. Numbers in
JSON, CSV and XLSX cells stay numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

import pandas as pd
from babel.numbers import format_decimal

LOCALES: Final = {"vi": "vi_VN", "en": "en_GB"}
MISSING: Final = "—"  # no data: never written as 0


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["vi"])


def fmt_number(value: object, lang: str = "vi", decimals: int | None = None) -> str:
    """A number as text: whole numbers without decimals, others with up to ``decimals`` (2 by default).

    ``None`` or NA reads "—"; text (the small-count mask "<3") passes through unchanged.

    Examples
    --------
    >>> fmt_number(1234, "vi"), fmt_number(0.25, "vi"), fmt_number(0.25, "en"), fmt_number(None)
    ('1.234', '0,25', '0.25', '—')
    >>> fmt_number(93.8, "vi", decimals=2)
    '93,80'
    """
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return MISSING
    number = float(value)  # numpy and pandas scalars too
    if decimals is None:
        pattern = "#,##0" if number.is_integer() else "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(number, format=pattern, locale=_locale(lang))


def fmt_percent(value: object, lang: str = "vi", decimals: int = 2) -> str:
    """A percentage: "93,86 %" in Vietnamese (the plan's own style), "93.86%" in English."""
    if value is None:
        return MISSING
    text = fmt_number(value, lang, decimals)
    return f"{text} %" if lang == "vi" else f"{text}%"


def fmt_with_unit(value: object, unit: str, lang: str = "vi", decimals: int | None = None) -> str:
    """A number and its unit: "0,25 lượt/cơ sở", "12 km²"; a unit of "%" is :func:`fmt_percent`."""
    if unit == "%":
        return fmt_percent(value, lang)
    text = fmt_number(value, lang, decimals)
    return text if not unit or text == MISSING else f"{text} {unit}"


def fmt_date(value: str | dt.date) -> str:
    """A date as people here write it, "01/07/2025", from a date or an ISO date ("2025-07-01": a unit list's id).

    Both languages: the dashboard's English readers are Vietnamese officials and partners reading its documents.
    """
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day:%d/%m/%Y}"


def fmt_dates(values: Iterable[str | dt.date]) -> str:
    """Dates listed in a message (unit lists: "19/04/2017, 01/12/2019, 01/07/2025"), each by :func:`fmt_date`."""
    return ", ".join(fmt_date(v) for v in values)


def date_text(value: object) -> str:
    """An ISO date ("2019-01-25") as :func:`fmt_date` writes it; anything else as it is written.

    Anything else: no date, a day that does not exist (2019-02-30), a line written before unit lists had dates.
    """
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        return fmt_date(text)
    except ValueError:
        return text


def fmt_range(low: float, high: float, lang: str = "vi") -> str:
    """A target range: "60–80"."""
    return f"{fmt_number(low, lang)}–{fmt_number(high, lang)}"


def fmt_fraction(part: object, whole: object, lang: str = "vi") -> str:
    """A part of a whole, "594 / 635", each number written the way of ``lang``."""
    return f"{fmt_number(part, lang)} / {fmt_number(whole, lang)}"


def fmt_change(value: object, lang: str = "vi", decimals: int | None = None, *, percent: bool = False) -> str | None:
    """A change, signed ("+2", "-0,47 %"); no change reads "0" with no sign (neutral, neither up nor down).

    ``None`` (nothing to compare with) stays ``None``.

    >>> fmt_change(2), fmt_change(-0.47, percent=True), fmt_change(0), fmt_change(None)
    ('+2', '-0,47 %', '0', None)
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    number = float(value)
    text = fmt_percent(abs(number), lang) if percent else fmt_number(abs(number), lang, decimals)
    if round(number, 2 if percent or decimals is None else decimals) == 0:  # "0,00 %" is no change either
        return text
    return f"{'-' if number < 0 else '+'}{text}"


def fmt_table(frame: pd.DataFrame, lang: str = "vi", *, decimals: dict[str, int] | None = None,
              skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table for people's eyes: every numeric column written by :func:`fmt_number` (as text), others unchanged.

    "83,78", "1.234", "—" for no data; text such as the small-count mask "<3" passes through. ``decimals``
    fixes the decimals of a column; ``skip`` leaves columns (codes written as numbers) as they are. Booleans are
    not numbers here (the caller writes them as words). Downloads for machines keep their numbers: only tables
    shown to people go through this.
    """
    out = frame.copy()
    decimals = decimals or {}
    for col in out.columns:
        if col not in skip and numeric_column(out[col]):
            out[col] = [fmt_number(v, lang, decimals.get(col)) for v in out[col]]
    return out


def numeric_column(series: pd.Series, *, text: bool = True) -> bool:
    """Whether ``series`` holds numbers (booleans are not numbers here; no data is allowed, not all of it).

    ``text`` False: a column that also holds text (a small count masked as "<3") is not a numeric one.
    """
    if pd.api.types.is_bool_dtype(series):
        return False
    values = [v for v in series if v is not None and not isinstance(v, str) and not pd.isna(v)]
    return (bool(values) and all(pd.api.types.is_number(v) and not pd.api.types.is_bool(v) for v in values)
            and (text or not any(isinstance(v, str) for v in series)))
