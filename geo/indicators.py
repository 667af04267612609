"""The figures on screen and in ``python -m geo summary``: one place computes them all.

Every function takes plain frames (the communes layer, one period's records) and returns new objects; the
dashboard and the command line call the same functions, so a number can never differ between the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, KEY, RECORD_FIELDS

if TYPE_CHECKING:
    from geo.targets import Plan

SUM_FIELDS = COUNT_FIELDS  # summed over communes; None when no commune has the figure


def empty_records() -> pd.DataFrame:
    """A records frame with no rows and the record dtypes."""
    frame = pd.DataFrame({f: pd.Series(dtype="string") for f in RECORD_FIELDS})
    for name in BOOL_FIELDS:
        frame[name] = frame[name].astype("boolean")
    for name in COUNT_FIELDS:
        frame[name] = frame[name].astype("Int64")
    return frame


def join_status(communes: gpd.GeoDataFrame | pd.DataFrame, records: pd.DataFrame) -> gpd.GeoDataFrame:
    """Attach one period's ``records`` to every commune; a commune without a record gets NA (no data).

    Raises
    ------
    KeyError
        When a record names a commune code that is not in ``communes`` (the validator prevents this for
        imported files, so it means the layer and the store disagree).
    """
    if records[KEY].duplicated().any():
        dupes = records.loc[records[KEY].duplicated(), KEY].tolist()[:5]
        raise ValueError(f"records repeat commune codes {dupes}: pass one period at a time")
    unknown = sorted(set(records[KEY]) - set(communes[KEY]))
    if unknown:
        raise KeyError(f"records for commune codes not in the layer: {unknown[:5]}")
    fields = [f for f in RECORD_FIELDS if f != KEY]
    merged = communes.merge(records[[KEY, *fields]], on=KEY, how="left")
    if isinstance(communes, gpd.GeoDataFrame):
        return gpd.GeoDataFrame(merged, geometry=communes.geometry.name, crs=communes.crs)
    return merged


def filter_districts(frame: pd.DataFrame, district_codes: Iterable[str] | None) -> pd.DataFrame:
    """Rows of ``frame`` in the given districts; all rows when ``district_codes`` is empty or None."""
    codes = [str(c) for c in district_codes or []]
    return frame if not codes else frame[frame["district_code"].isin(codes)]


def previous_period(period: str, periods: Iterable[str]) -> str | None:
    """The period before ``period`` of the same kind (quarter before a quarter, year before a year)."""
    from geo.store import period_parts, period_sort_key

    year, quarter = period_parts(period)
    same_kind = [p for p in periods if (period_parts(p)[1] is None) == (quarter is None)]
    earlier = [p for p in same_kind if period_sort_key(p) < period_sort_key(period)]
    return max(earlier, key=period_sort_key) if earlier else None


def baseline_period(period: str) -> str:
    """The plan's baseline for ``period``: the status at the end of the year before."""
    from geo.store import period_parts

    return str(period_parts(period)[0] - 1)


def _sum(values: pd.Series) -> int | None:
    valid = values.dropna()
    return None if valid.empty else int(valid.sum())


def summary(
    communes: pd.DataFrame,
    records: pd.DataFrame,
    *,
    district_codes: Iterable[str] | None = None,
    baseline: pd.DataFrame | None = None,
    plan: Plan | None = None,
) -> dict[str, object]:
    """The headline figures of one period.

    Parameters
    ----------
    communes : DataFrame
        The commune layer (attributes are enough).
    records : DataFrame
        One period's records.
    district_codes : iterable of str, optional
        Restrict to these districts.
    baseline : DataFrame, optional
        The baseline period's records (the previous year), for ``healthy_maintained`` and ``newly_healthy``.
    plan : Plan, optional
        The plan; its figures are returned under ``targets``.

    Returns
    -------
    dict
        ``communes_total`` counts every unit in the filter, with or without a record; ``no_data`` those with
        no status; ``healthy_ratio`` is healthy / communes_total in percent, 2 decimals, as the plan counts
        it (596 / 635 = 93.86 %). Sums are None when no commune in the filter has the figure.
    """
    joined = filter_districts(join_status(pd.DataFrame(communes.drop(columns="geometry", errors="ignore")),
                                          records), district_codes)
    total = len(joined)
    healthy = int(joined["healthy"].eq(True).sum())
    not_healthy = int(joined["healthy"].eq(False).sum())
    targeted = joined["conversion_target"].eq(True)
    out: dict[str, object] = {
        "communes_total": total,
        "communes_reporting": int(joined["period"].notna().sum()),
        "healthy": healthy,
        "not_healthy": not_healthy,
        "no_data": total - healthy - not_healthy,
        "healthy_ratio": round(100 * healthy / total, 2) if total else None,
        "conversion_targets": int(targeted.sum()),
        "converted": int((targeted & joined["healthy"].eq(True)).sum()),
        **{name: _sum(joined[name]) for name in SUM_FIELDS},
        "commitments_signed": int(joined["commitment_signed"].eq(True).sum()),
    }
    if baseline is not None:
        before = joined[[KEY]].merge(baseline[[KEY, "healthy"]], on=KEY, how="left")["healthy"]
        was, now = before.eq(True).to_numpy(), joined["healthy"].eq(True).to_numpy()
        out["healthy_maintained"] = int((was & now).sum())
        out["newly_healthy"] = int((before.eq(False).to_numpy() & now).sum())
        out["relapsed"] = int((was & joined["healthy"].eq(False).to_numpy()).sum())
    if plan is not None:
        out["targets"] = {t.id: t.as_dict() for t in plan.targets}
    return out


TRANSITIONS = ("newly_healthy", "still_not_healthy", "relapsed", "still_healthy", "no_data")


def transitions(communes: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame) -> pd.Series:
    """Each commune's change of status between two periods, indexed by commune code.

    Values are those of :data:`TRANSITIONS`; ``no_data`` when either period has no status for it.
    """
    codes = communes[[KEY]]
    a = codes.merge(before[[KEY, "healthy"]], on=KEY, how="left")["healthy"]
    b = codes.merge(after[[KEY, "healthy"]], on=KEY, how="left")["healthy"]
    out = pd.Series("no_data", index=codes[KEY].to_numpy(), dtype="string")
    known = (a.notna() & b.notna()).to_numpy()
    a_h, b_h = a.eq(True).to_numpy(), b.eq(True).to_numpy()
    out[known & ~a_h & b_h] = "newly_healthy"
    out[known & ~a_h & ~b_h] = "still_not_healthy"
    out[known & a_h & ~b_h] = "relapsed"
    out[known & a_h & b_h] = "still_healthy"
    return out
