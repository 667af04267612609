"""Every figure of a period for an area, read from the store: :func:`geo.figures.summary.period_summary`.

The briefing and the trend read the store directly (no Streamlit cache); this module gives them the same one
function the overview (through ``loaders.period_summary``), the CLI and the sheets call, with the records of
each period read once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geo.figures.summary import PeriodSummary, period_summary
from geo.figures.targets import plan_for
from geo.records.store import list_periods, load_records

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine


def store_records(engine: Engine, on: str | None = None) -> Callable[[str], pd.DataFrame]:
    """``records_of(period)`` over the store, each period read once (the frames are not to be modified).

    With ``on``, every period's records are expressed on the units of period ``on`` (geo.units.versions.records_on:
    through the links, never joined by code), from the version each period is shown on to ``on``'s
    (:func:`geo.records.store.period_version`).
    """
    from geo.records.store import period_version
    from geo.units.versions import records_on

    loaded: dict[str, pd.DataFrame] = {}
    target = period_version(engine, on) if on is not None else None

    def records_of(period: str) -> pd.DataFrame:
        if period not in loaded:
            records = load_records(engine, period)  # on period_version(engine, period): attrs["unit_version"]
            loaded[period] = records if target is None else records_on(
                records, period, from_version=records.attrs["unit_version"], to_version=target)[0]
        return loaded[period]

    return records_of


def period_figures(engine: Engine, communes: pd.DataFrame | None, period: str, *, districts: tuple[str, ...] = (),
                   periods: list[str] | None = None,
                   records_of: Callable[[str], pd.DataFrame] | None = None,
                   on: str | None = None, compare: bool = True) -> PeriodSummary[int | None]:
    """:func:`geo.figures.summary.period_summary` of ``period`` for ``districts``, against its own year's plan.

    The plan is :func:`geo.figures.targets.plan_for` of the period in this store (None, and no targets, when there is
    none).

    On the units of ``on`` (default ``period``; ``communes`` None: the unit list that period is shown on,
    geo.records.store.period_version), earlier records re-expressed through the links. ``compare``: see
    :func:`geo.figures.summary.period_summary`.
    """
    from geo.records.store import period_version
    from geo.units.versions import version_table

    on = on or period
    communes = version_table(period_version(engine, on)) if communes is None else communes
    return period_summary(communes, period, records_of or store_records(engine, on),
                          periods if periods is not None else list_periods(engine),
                          district_codes=districts, plan=plan_for(period, engine), compare=compare)
