"""A commune's history: its records over the periods and the links that made it, seen from one period.

One function, :func:`commune_history`, for the map's details panel (``dashboard/components/page.py`` through
``loaders.commune_history``) and anything else that shows a unit's past. A code means nothing across versions
(the 2025 Phường Hàm Rồng reuses Phường Đông Thọ's code), so the history is never a query by code over the
store: it is told on the unit version the chosen period is shown on (:func:`geo.records.store.period_version`).
Periods shown on that version give the unit's own records; earlier versions' periods are re-expressed on it
through the links (:func:`geo.figures.period.store_records`); later versions' periods are left out (links run
forward only). The links themselves are :func:`geo.units.versions.lineage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from geo.contract import KEY, empty_records
from geo.figures.period import store_records
from geo.periods import period_sort_key
from geo.records.store import list_periods, period_version
from geo.units import versions

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class CommuneHistory:
    """One unit's past, on the unit version ``version`` (the one its period is shown on)."""

    code: str
    version: str
    records: pd.DataFrame  # one row per period, in time order (the record columns)
    reexpressed: tuple[str, ...]  # the periods of ``records`` re-expressed from an earlier version
    links: pd.DataFrame  # the links that made the unit, newest first (geo.units.versions.lineage; empty: none)
    periods: tuple[str, ...] = ()  # every stored period of the unit's lineage, in time order, with a record or not

    @property
    def missing(self) -> tuple[str, ...]:
        """The periods of :attr:`periods` for which the unit (or, re-expressed, its parts) sent no record."""
        sent = set(self.records["period"].astype(str))
        return tuple(p for p in self.periods if p not in sent)


def commune_history(engine: Engine, code: str, period: str, *,
                    records_of: Callable[[str], pd.DataFrame] | None = None,
                    version_of: Callable[[str], str] | None = None) -> CommuneHistory:
    """The records of unit ``code`` over every stored period, and its links, on the version ``period`` is shown on.

    ``periods`` lists every stored period the unit can be followed in (its own version's and earlier ones'),
    also those with no record: a history never drops a period silently (``missing`` names them).

    Parameters
    ----------
    engine
        The store.
    code
        A unit of the version ``period`` is shown on.
    period
        The period the unit is looked at from (the page's period).
    records_of, version_of
        A period's records expressed on ``period``'s units, and the version a period is shown on: by default
        :func:`geo.figures.period.store_records` and :func:`geo.records.store.period_version` over ``engine``;
        the dashboard passes the same functions cached per data revision.

    Returns
    -------
    CommuneHistory
    """
    version_of = version_of or partial(period_version, engine)
    records_of = records_of or store_records(engine, on=period)
    own = version_of(period)
    ids = [v.id for v in versions.list_versions()] if versions.versioned() else [own]
    frames, reexpressed, followed = [], [], []
    for p in list_periods(engine):
        shown = version_of(p)
        if ids.index(shown) > ids.index(own):
            continue  # a later list: its units cannot be followed back to this one
        followed.append(p)
        records = records_of(p)
        rows = records[records[KEY] == code]
        frames.append(rows)
        if shown != own and len(rows):
            reexpressed.append(p)
    rows = pd.concat(frames, ignore_index=True) if frames else empty_records()
    order = sorted(range(len(rows)), key=lambda i: period_sort_key(str(rows["period"].iloc[i])))
    links = versions.lineage(code, own) if versions.versioned() else pd.DataFrame(
        columns=list(versions.LINEAGE_FIELDS))
    return CommuneHistory(code, own, rows.iloc[order].reset_index(drop=True), tuple(reexpressed), links,
                          tuple(sorted(followed, key=period_sort_key)))
