"""The figures on screen and in ``python -m geo summary``: one place computes them all.

Every function takes plain frames (the communes layer, one period's records) and returns new objects; the
dashboard and the command line call the same functions, so a number can never differ between the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.contract import COUNT_FIELDS, KEY, RECORD_FIELDS, empty_records, with_record_dtypes
from geo.periods import baseline_period, is_quarter, period_year, previous_period, quarters_to_date

if TYPE_CHECKING:
    from geo.figures.targets import Plan

# Counts that flow over time (added up over a year's quarters) and the one stock (establishments: the latest
# period's count, never added up). A summary names the flows twice: ``inspections_period`` for the period
# alone and ``inspections_ytd`` for the year to date ("lũy kế năm"); for a year both are the year's figure.
FLOW_FIELDS: Final = tuple(f for f in COUNT_FIELDS if f != "establishments")
STOCK_FIELDS: Final = ("establishments",)

# A commune's change of status between two periods: the one vocabulary of tiles, tables, the transition map,
# its legend and sheets (labels in geo/text/labels.py as "tr_<name>").
TRANSITIONS: Final = ("newly_healthy", "still_not_healthy", "relapsed", "still_healthy", "no_data")
CHANGED: Final = ("newly_healthy", "relapsed")  # what "changed since the previous period" lists


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


def period_summary(
    communes: pd.DataFrame,
    period: str,
    records_of: Callable[[str], pd.DataFrame],
    periods: Sequence[str],
    *,
    district_codes: Iterable[str] | None = None,
    plan: Plan | None = None,
    compare: bool = True,
) -> dict[str, object]:
    """Every figure of one period, for a filter: what the overview, the CLI, the sheets and exports show.

    Parameters
    ----------
    communes : DataFrame
        The commune layer of the period's units (attributes are enough).
    period : str
        ``"2019"`` or ``"2019-Q2"`` (:mod:`geo.periods`).
    records_of : callable
        ``records_of(p)`` returns the current records of stored period ``p`` (:func:`geo.records.store.load_records`,
        or the app's cached :func:`loaders.records`).
    periods : sequence of str
        The stored periods: which quarters make the year to date, which period came before, whether the
        baseline year is known.
    district_codes : iterable of str, optional
        Restrict to these districts (all communes when empty).
    plan : Plan, optional
        The plan of the period's year (:func:`geo.figures.targets.plan_for`), or None when that year has none. A plan
        of another year is refused (ValueError): 2021 is never judged against the 2019 targets.
    compare : bool, default True
        False leaves out the comparison with the previous period (``previous``, ``change``, ``transitions``
        None, no ``changed_communes``): the trend draws each period's own figures only.

    Returns
    -------
    dict
        JSON-ready. Status of the period: ``communes_total`` (every unit of the filter, with or without a
        record), ``communes_reporting``, ``healthy``, ``not_healthy``, ``no_data``, ``healthy_ratio`` (healthy
        / communes_total in percent, 2 decimals, as the plan counts it: 596 / 635 = 93.86 %),
        ``conversion_targets``, ``converted``, ``commitments_signed``, ``establishments``.
        Counts: ``<field>_period`` for the period alone and ``<field>_ytd`` for the year to date (the year's
        quarters so far, listed in ``ytd_periods``), for each of :data:`FLOW_FIELDS`; sums are None when no
        commune in the filter has the figure (unknown, not 0).
        Against the baseline (the year before, :func:`geo.periods.baseline_period`): ``baseline_period``
        (None when not stored), ``healthy_maintained``, ``newly_healthy``, ``relapsed``.
        Against the previous period of the same kind: ``previous_period`` (None for the first), ``previous``
        (its status figures and, with a plan, its ``assessment`` against this period's plan: the figures of
        the previous period for each target, as the briefing's "previous period" column shows them),
        ``change`` (this period minus the previous one), ``transitions`` (communes per :data:`TRANSITIONS`)
        and ``changed_communes`` (the newly healthy and relapsed ones, by code).
        The plan: ``plan_year`` (the period's year), ``plan`` (its id, year and titles; None when the year has
        no plan), ``targets`` and ``assessment`` (:func:`assess_targets`; empty without a plan).
    """
    known = list(periods)
    codes = sorted({str(c) for c in district_codes or []})
    if plan is not None and plan.year != period_year(period):
        raise ValueError(f"period {period} is compared with the plan of its own year, not {plan.id} ({plan.year})")
    records = records_of(period)
    joined = _joined(communes, records, codes)
    out: dict[str, object] = {"period": period, "period_kind": "quarter" if is_quarter(period) else "year",
                              "districts": codes, **_period_figures(communes, period, records_of, known, codes,
                                                                    records, joined)}
    prev = previous_period(period, known)
    out["previous_period"] = prev
    if prev is None or not compare:
        out.update(previous=None, change=None, transitions=None, changed_communes=[])
    else:
        prev_records = records_of(prev)
        prev_joined = _joined(communes, prev_records, codes)
        previous: dict[str, object] = _status_figures(prev_joined)
        if plan is not None:  # the previous period's figures for each of this period's targets
            prev_all = _period_figures(communes, prev, records_of, known, codes, prev_records, prev_joined)
            previous["assessment"] = assess_targets(prev_all, plan, year_end=not is_quarter(prev))
        out["previous"] = previous
        out["change"] = {k: _delta(out[k], previous[k]) for k in CHANGE_FIGURES}
        out.update(compare_periods(communes, prev_records, records, codes))
    out["plan_year"] = period_year(period)
    out["plan"] = None if plan is None else {"id": plan.id, "year": plan.year, "title_vi": plan.title_vi,
                                             "title_en": plan.title_en}
    out["targets"] = {} if plan is None else {t.id: t.as_dict() for t in plan.targets}
    out["assessment"] = [] if plan is None else assess_targets(out, plan, year_end=not is_quarter(period))
    return out


def _period_figures(communes: pd.DataFrame, period: str, records_of: Callable[[str], pd.DataFrame],
                    known: list[str], codes: list[str], records: pd.DataFrame,
                    joined: pd.DataFrame) -> dict[str, object]:
    """A period's own figures: status, counts of the period and the year to date, against the baseline."""
    out: dict[str, object] = _status_figures(joined)
    out.update({f"{name}_period": _sum(joined[name]) for name in FLOW_FIELDS})
    ytd_periods = [p for p in quarters_to_date(period) if p in known] or [period]
    ytd = records if len(ytd_periods) == 1 else year_to_date([records_of(p) for p in ytd_periods])
    ytd_joined = joined if ytd is records else _joined(communes, ytd, codes)
    out["ytd_periods"] = ytd_periods
    out.update({f"{name}_ytd": _sum(ytd_joined[name]) for name in FLOW_FIELDS})

    base = baseline_period(period)
    out["baseline_period"] = base if base in known else None
    before = _joined(communes, records_of(base), codes)["healthy"] if base in known else None
    now = joined["healthy"]
    out["healthy_maintained"] = None if before is None else int((_is(before, True) & _is(now, True)).sum())
    out["newly_healthy"] = None if before is None else int((_is(before, False) & _is(now, True)).sum())
    out["relapsed"] = None if before is None else int((_is(before, True) & _is(now, False)).sum())
    return out


# The status figures compared with the previous period (``change``).
CHANGE_FIGURES: Final = ("healthy", "not_healthy", "no_data", "healthy_ratio", "converted", "commitments_signed")


def _delta(now: object, before: object) -> int | float | None:
    if now is None or before is None:
        return None
    return round(now - before, 2)


def _joined(communes: pd.DataFrame, records: pd.DataFrame, district_codes: Iterable[str] | None) -> pd.DataFrame:
    """The communes of the filter (attributes only) with their records: what :func:`_status_figures` counts."""
    return filter_districts(join_status(pd.DataFrame(communes.drop(columns="geometry", errors="ignore")), records),
                            district_codes)


def _status_figures(joined: pd.DataFrame) -> dict[str, object]:
    """The status figures over the communes of ``joined`` (:func:`join_status`, already filtered)."""
    total = len(joined)
    healthy = int(_is(joined["healthy"], True).sum())
    not_healthy = int(_is(joined["healthy"], False).sum())
    targeted = _is(joined["conversion_target"], True)
    return {
        "communes_total": total,
        "communes_reporting": int(joined["period"].notna().sum()),
        "healthy": healthy,
        "not_healthy": not_healthy,
        "no_data": total - healthy - not_healthy,
        "healthy_ratio": round(100 * healthy / total, 2) if total else None,
        "conversion_targets": int(targeted.sum()),
        "converted": int((targeted & _is(joined["healthy"], True)).sum()),
        "commitments_signed": (int(_is(joined["commitment_signed"], True).sum())
                               if joined["commitment_signed"].notna().any() else None),
        **{name: _sum(joined[name]) for name in STOCK_FIELDS},
    }


def compare_periods(communes: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame,
                    district_codes: Iterable[str] | None = None) -> dict[str, object]:
    """Two periods' records compared over the communes of the filter.

    Returns ``transitions`` (the number of communes per :data:`TRANSITIONS`) and ``changed_communes`` (each
    newly healthy or relapsed commune: code, name, district, transition), in commune-code order.
    """
    shown = filter_districts(communes, district_codes)
    moves = transitions(shown, before, after)
    changed = pd.DataFrame(shown.drop(columns="geometry", errors="ignore")).assign(transition=moves.to_numpy())
    changed = changed[changed["transition"].isin(CHANGED)].sort_values(KEY)
    return {
        "transitions": {name: int((moves == name).sum()) for name in TRANSITIONS},
        "changed_communes": [{KEY: row[KEY], "commune_name": row["commune_name"],
                              "district_name": row.get("district_name"), "transition": row["transition"]}
                             for row in changed.to_dict("records")],
    }


def transitions(communes: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame) -> pd.Series:
    """Each commune's change of status between two periods' records, indexed by commune code.

    Values are those of :data:`TRANSITIONS`; ``no_data`` when either period has no status for it.
    """
    codes = pd.Index(communes[KEY].to_numpy())
    return transition_of(before.set_index(KEY)["healthy"].reindex(codes),
                         after.set_index(KEY)["healthy"].reindex(codes))


def transition_of(before: pd.Series, after: pd.Series) -> pd.Series:
    """The rule of :data:`TRANSITIONS`, on two ``healthy`` series indexed by commune code (NA = no data)."""
    codes = before.index.union(after.index, sort=False)
    a = before.reindex(codes).astype("boolean")
    b = after.reindex(codes).astype("boolean")
    out = pd.Series("no_data", index=codes.to_numpy(), dtype="string")
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
    """One row per district: the period's status figures and counts, from the function that makes a summary.

    The columns are :data:`DISTRICT_COLUMNS`, named as in :func:`period_summary` (the counts are the
    period's own, ``<field>_period``); one join for all districts.
    """
    joined = _joined(communes, records, district_codes)
    rows = []
    for (code, name), part in joined.groupby(["district_code", "district_name"], sort=True):
        figures = {**_status_figures(part), **{f"{f}_period": _sum(part[f]) for f in FLOW_FIELDS}}
        rows.append({"district_code": code, "district_name": name, **{k: figures[k] for k in DISTRICT_COLUMNS}})
    return pd.DataFrame(rows, columns=["district_code", "district_name", *DISTRICT_COLUMNS])


DISTRICT_COLUMNS: Final = ("communes_total", "healthy", "not_healthy", "no_data", "healthy_ratio",
                           "conversion_targets", "converted", "establishments",
                           *(f"{f}_period" for f in FLOW_FIELDS), "commitments_signed")


def commune_table(communes: pd.DataFrame, records: pd.DataFrame,
                  district_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per commune of the filter, with its record's fields (NA = no data), sorted by code."""
    cols = [KEY, "commune_name", "commune_type", "district_code", "district_name", "area_km2", "is_laos_border"]
    joined = join_status(pd.DataFrame(communes[cols]), records)
    return filter_districts(joined, district_codes).drop(columns=["period"]).reset_index(drop=True)
