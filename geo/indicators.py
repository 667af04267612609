"""The figures on screen and in ``python -m geo summary``: one place computes them all.

Every function takes plain frames (the communes layer, one period's records) and returns new objects; the
dashboard and the command line call the same functions, so a number can never differ between the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.contract import COUNT_FIELDS, KEY, RECORD_FIELDS, empty_records, with_record_dtypes

if TYPE_CHECKING:
    from geo.targets import Plan

SUM_FIELDS = COUNT_FIELDS  # summed over communes; None when no commune has the figure


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


def _is(values: pd.Series, flag: bool) -> np.ndarray:
    """Where a nullable boolean column equals ``flag``; NA (no data) is never a match."""
    return values.eq(flag).fillna(False).to_numpy(dtype=bool)


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
    joined = _joined(communes, records, district_codes)
    out = _figures(joined)
    if baseline is not None:
        before = joined[[KEY]].merge(baseline[[KEY, "healthy"]], on=KEY, how="left")["healthy"]
        was, now = _is(before, True), _is(joined["healthy"], True)
        out["healthy_maintained"] = int((was & now).sum())
        out["newly_healthy"] = int((_is(before, False) & now).sum())
        out["relapsed"] = int((was & _is(joined["healthy"], False)).sum())
    if plan is not None:
        out["targets"] = {t.id: t.as_dict() for t in plan.targets}
    return out


def _joined(communes: pd.DataFrame, records: pd.DataFrame, district_codes: Iterable[str] | None) -> pd.DataFrame:
    """The communes of the filter (attributes only) with their records: what :func:`_figures` counts."""
    return filter_districts(join_status(pd.DataFrame(communes.drop(columns="geometry", errors="ignore")), records),
                            district_codes)


def _figures(joined: pd.DataFrame) -> dict[str, object]:
    """The period's figures over the communes of ``joined`` (:func:`join_status`, already filtered)."""
    total = len(joined)
    healthy = int(_is(joined["healthy"], True).sum())
    not_healthy = int(_is(joined["healthy"], False).sum())
    targeted = _is(joined["conversion_target"], True)
    out: dict[str, object] = {
        "communes_total": total,
        "communes_reporting": int(joined["period"].notna().sum()),
        "healthy": healthy,
        "not_healthy": not_healthy,
        "no_data": total - healthy - not_healthy,
        "healthy_ratio": round(100 * healthy / total, 2) if total else None,
        "conversion_targets": int(targeted.sum()),
        "converted": int((targeted & _is(joined["healthy"], True)).sum()),
        **{name: _sum(joined[name]) for name in SUM_FIELDS},
        "commitments_signed": (int(_is(joined["commitment_signed"], True).sum())
                               if joined["commitment_signed"].notna().any() else None),
    }
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
    a_h, b_h = _is(a, True), _is(b, True)
    out[known & ~a_h & b_h] = "newly_healthy"
    out[known & ~a_h & ~b_h] = "still_not_healthy"
    out[known & a_h & ~b_h] = "relapsed"
    out[known & a_h & b_h] = "still_healthy"
    return out


def year_to_date(quarters: list[pd.DataFrame]) -> pd.DataFrame:
    """Add up the counts of a year's quarters so far, per commune; the status is the latest quarter's.

    The plan's yearly targets (60–80 inspections, 20–30 cases) are compared with these sums when the chosen
    period is a quarter. A commune's sum is NA only when no quarter has the figure.
    """
    if not quarters:
        return empty_records()
    latest = quarters[-1]
    stacked = pd.concat(quarters, ignore_index=True)
    sums = stacked.groupby(KEY)[list(COUNT_FIELDS)].sum(min_count=1)
    sums["establishments"] = stacked.groupby(KEY)["establishments"].last()  # a stock, not a flow
    status = latest.drop(columns=list(COUNT_FIELDS)).set_index(KEY)
    out = status.join(sums, how="outer").reset_index()
    out["period"] = out["period"].fillna(latest["period"].iloc[0] if len(latest) else pd.NA)
    return with_record_dtypes(out[list(RECORD_FIELDS)])


def assess_targets(figures: dict[str, object], plan: Plan, *, year_end: bool) -> list[dict[str, object]]:
    """Compare the summary ``figures`` with each plan target that has a metric.

    Returns rows with ``id``, ``metric``, ``target`` (a value or a ``(min, max)`` range), ``actual`` and
    ``status``: ``met`` / ``above`` (over a range's maximum) / ``not_met`` at year end, ``in_progress`` before
    it, ``reported`` for an activity without a figure, or ``not_measured`` when the figure is not available.
    """
    rows = []
    for t in plan.targets:
        if not t.metric:
            continue
        actual = figures.get(t.metric)
        if t.value is not None:
            target: object = t.value
            reached = actual is not None and actual >= t.value
        elif t.min is not None:
            target = (t.min, t.max)
            reached = actual is not None and actual >= t.min
        else:
            target, reached = None, False
        if actual is None:
            status = "not_measured"
        elif target is None:
            status = "reported"  # an activity with no figure in the plan (T7): show what was done
        elif t.max is not None and actual > t.max:
            status = "above"
        elif reached:
            status = "met"
        else:
            status = "not_met" if year_end else "in_progress"
        rows.append({"id": t.id, "metric": t.metric, "target": target, "actual": actual, "status": status})
    return rows


def district_table(communes: pd.DataFrame, records: pd.DataFrame,
                   district_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per district: the same figures as :func:`summary`, from the same function (one join for all)."""
    joined = _joined(communes, records, district_codes)
    rows = []
    for (code, name), part in joined.groupby(["district_code", "district_name"], sort=True):
        figures = _figures(part)
        rows.append({"district_code": code, "district_name": name,
                     **{k: figures[k] for k in DISTRICT_COLUMNS}})
    return pd.DataFrame(rows, columns=["district_code", "district_name", *DISTRICT_COLUMNS])


DISTRICT_COLUMNS = ("communes_total", "healthy", "not_healthy", "no_data", "healthy_ratio", "conversion_targets",
                    "converted", "establishments", "inspections", "violations", "criminal_cases",
                    "border_incidents", "victims_received", "commitments_signed")


def commune_table(communes: pd.DataFrame, records: pd.DataFrame,
                  district_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per commune of the filter, with its record's fields (NA = no data), sorted by code."""
    cols = [KEY, "commune_name", "commune_type", "district_code", "district_name", "area_km2", "is_laos_border"]
    joined = join_status(pd.DataFrame(communes[cols]), records)
    return filter_districts(joined, district_codes).drop(columns=["period"]).reset_index(drop=True)
