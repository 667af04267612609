"""Every figure of a period for an area: the numbers the overview, the CLI, the briefing and the trend share.

Until ``geo.indicators.period_summary`` (issue 10) lands, this is :func:`geo.indicators.summary` and
:func:`geo.indicators.assess_targets` over the year-to-date records of a quarter, as ``views/overview.py``
does with ``loaders.records_year_to_date``, read from the store instead of the page cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geo.indicators import assess_targets, summary, year_to_date
from geo.periods import baseline_period, period_parts
from geo.store import list_periods, load_records
from geo.targets import Plan, load_plan

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def period_records(engine: Engine, period: str, periods: list[str] | None = None) -> pd.DataFrame:
    """The records the figures of ``period`` count: a quarter's year to date, a year's own records.

    The same rule as the overview (``loaders.records_year_to_date``), over the store instead of the cache.
    """
    year, quarter = period_parts(period)
    if quarter is None:
        return load_records(engine, period)
    known = set(periods if periods is not None else list_periods(engine))
    return year_to_date([load_records(engine, f"{year}-Q{q}") for q in range(1, quarter + 1)
                         if f"{year}-Q{q}" in known])


def period_figures(engine: Engine, communes: pd.DataFrame, period: str, *, districts: tuple[str, ...] = (),
                   plan: Plan | None = None, periods: list[str] | None = None) -> dict[str, object]:
    """Every figure of a period for an area, and the plan's assessment of it (``assessment``).

    The overview's numbers: :func:`geo.indicators.summary` over :func:`period_records`, with the baseline
    year for "maintained" and "newly healthy", then :func:`geo.indicators.assess_targets`.
    """
    plan = plan or load_plan()
    periods = periods if periods is not None else list_periods(engine)
    base = baseline_period(period)
    figures = summary(communes, period_records(engine, period, periods), district_codes=districts or None,
                      baseline=load_records(engine, base) if base in periods else None, plan=plan)
    figures["assessment"] = assess_targets(figures, plan, year_end=period_parts(period)[1] is None)
    return figures
