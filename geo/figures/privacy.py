"""Small-count suppression: counts of victims and criminal cases below 3 are shown as "<3".

Applied where figures become text (tables, tooltips, legends, exports) for accounts without the right to see
them (:attr:`geo.access.accounts.User.sees_small_counts`). The numbers themselves stay numbers for classification; only
what a person reads is masked, and a masked 1 and a masked 2 look the same everywhere, including the size of
a proportional circle.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Final

import pandas as pd

from geo.figures.summary import Counts, PeriodSummary

SENSITIVE_FIELDS: Final = ("criminal_cases", "victims_received")
THRESHOLD: Final = 3
MASK: Final = "<3"


def is_small(value: object) -> bool:
    """True for a count from 1 to THRESHOLD-1 (0 and no data are not masked: they reveal no one)."""
    try:
        return value is not None and not pd.isna(value) and 0 < float(value) < THRESHOLD
    except (TypeError, ValueError):
        return False


def mask_value(value: object) -> object:
    """``"<3"`` for a small count, else the value unchanged."""
    return MASK if is_small(value) else value


def mask_frame(frame: pd.DataFrame, columns: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` whose sensitive columns read "<3" for small counts.

    By default every column that :func:`is_sensitive_figure` names (``criminal_cases``, ``victims_received``
    and their summary counts such as ``criminal_cases_period``).
    """
    out = frame.copy()
    chosen = [c for c in out.columns if is_sensitive_figure(str(c))] if columns is None else columns
    for col in chosen:
        if col in out.columns and out[col].map(is_small).any():
            out[col] = out[col].astype(object).map(mask_value)
    return out


def is_sensitive_figure(name: str) -> bool:
    """True for a sensitive field and its summary figures (``criminal_cases``, ``criminal_cases_ytd`` ...)."""
    return name.removesuffix("_period").removesuffix("_ytd") in SENSITIVE_FIELDS


def mask_counts(counts: Counts[int | None]) -> Counts[int | str | None]:
    """``counts`` with the small sensitive ones (criminal cases, victims received) read "<3"."""
    return Counts(**{f.name: (mask_value(getattr(counts, f.name)) if f.name in SENSITIVE_FIELDS
                              else getattr(counts, f.name)) for f in fields(counts)})


def mask_figures(figures: PeriodSummary[int | None]) -> PeriodSummary[int | str | None]:
    """The summary as an account without the right sees it: small sensitive totals read "<3".

    The counts of the period and of the year to date (a district filter can make a total small); the status
    figures hold no sensitive count. What is shown only: plan targets are assessed on the numbers.
    """
    return figures.with_counts(mask_counts(figures.counts), mask_counts(figures.ytd))


def flatten_small(values: pd.Series) -> pd.Series:
    """Small counts all set to THRESHOLD-1, for sizes and classes drawn for suppressed viewers."""
    return values.where(~values.map(is_small), THRESHOLD - 1)
