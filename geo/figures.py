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


def _on(engine: Engine, period: str, on: str) -> pd.DataFrame:
    """``period``'s records on the units of ``on`` (geo.units.records_on: never joined by code)."""
    from geo.units import records_on

    return records_on(load_records(engine, period), period, on)[0]


def period_records(engine: Engine, period: str, periods: list[str] | None = None, *,
                   on: str | None = None) -> pd.DataFrame:
    """The records the figures of ``period`` count: a quarter's year to date, a year's own records.

    The same rule as the overview (``loaders.records_year_to_date``), over the store instead of the cache.
    Expressed on the units of ``on`` (default: ``period``'s own; 2025-Q1/Q2 re-expressed for 2025-Q3).
    """
    on = on or period
    year, quarter = period_parts(period)
    if quarter is None:
        return _on(engine, period, on)
    known = set(periods if periods is not None else list_periods(engine))
    return year_to_date([_on(engine, f"{year}-Q{q}", on) for q in range(1, quarter + 1)
                         if f"{year}-Q{q}" in known])


def period_figures(engine: Engine, communes: pd.DataFrame | None, period: str, *, districts: tuple[str, ...] = (),
                   plan: Plan | None = None, periods: list[str] | None = None,
                   on: str | None = None) -> dict[str, object]:
    """Every figure of a period for an area, and the plan's assessment of it (``assessment``).

    The overview's numbers: :func:`geo.indicators.summary` over :func:`period_records`, with the baseline
    year for "maintained" and "newly healthy", then :func:`geo.indicators.assess_targets`. On the units of
    ``on`` (default ``period``; ``communes`` None: that period's unit list, geo.units.period_table), earlier
    records re-expressed through the links.
    """
    from geo.units import period_table

    plan = plan or load_plan()
    periods = periods if periods is not None else list_periods(engine)
    on = on or period
    communes = period_table(on) if communes is None else communes
    base = baseline_period(period)
    figures = summary(communes, period_records(engine, period, periods, on=on), district_codes=districts or None,
                      baseline=_on(engine, base, on) if base in periods else None, plan=plan)
    figures["assessment"] = assess_targets(figures, plan, year_end=period_parts(period)[1] is None)
    return figures
