"""Every figure of a period for an area, read from the store: :func:`geo.indicators.period_summary`.

The briefing and the trend read the store directly (no Streamlit cache); this module gives them the same one
function the overview (through ``loaders.period_summary``), the CLI and the sheets call, with the records of
each period read once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geo.indicators import period_summary
from geo.store import list_periods, load_records
from geo.targets import Plan, load_plan

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine


def store_records(engine: Engine) -> Callable[[str], pd.DataFrame]:
    """``records_of(period)`` over the store, each period read once (the frames are not to be modified)."""
    loaded: dict[str, pd.DataFrame] = {}

    def records_of(period: str) -> pd.DataFrame:
        if period not in loaded:
            loaded[period] = load_records(engine, period)
        return loaded[period]

    return records_of


def period_figures(engine: Engine, communes: pd.DataFrame, period: str, *, districts: tuple[str, ...] = (),
                   plan: Plan | None = None, periods: list[str] | None = None,
                   records_of: Callable[[str], pd.DataFrame] | None = None) -> dict[str, object]:
    """:func:`geo.indicators.period_summary` of ``period`` for ``districts``, with the plan's assessment."""
    return period_summary(communes, period, records_of or store_records(engine),
                          periods if periods is not None else list_periods(engine),
                          district_codes=districts, plan=plan or load_plan())
