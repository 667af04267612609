"""The figures on screen and in ``python -m geo summary``: one place computes them all.

Every function takes plain frames (the communes layer, one period's records) and returns new objects; the
dashboard and the command line call the same functions, so a number can never differ between the two.

The figures are typed (:class:`PeriodSummary` and its parts, frozen dataclasses); ``as_json()`` writes them
under the names of ``python -m geo summary --json`` (``healthy_ratio``, ``inspections_ytd`` ...), the names plan
targets measure against (:meth:`PeriodFigures.figure`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Final, Generic, Literal, TypeVar

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
# its legend and sheets (labels in geo/text/catalog/conversions.py as "conversions.tr_<name>").
TRANSITIONS: Final = ("newly_healthy", "still_not_healthy", "relapsed", "still_healthy", "no_data")
CHANGED: Final = ("newly_healthy", "relapsed")  # what "changed since the previous period" lists

# A count as computed: a whole number, or None when no commune of the area has the figure (unknown, not 0).
# A count as shown to an account without the right to see small counts is ``int | str | None`` ("<3",
# geo.figures.privacy.mask_figures): the figure types below are generic in it, covariantly (they are frozen),
# so that computed figures can be shown wherever masked ones are.
N_co = TypeVar("N_co", covariant=True)
M = TypeVar("M")
Kind = Literal["year", "quarter"]
TargetStatus = Literal["met", "above", "not_met", "in_progress", "reported", "not_measured", "province_target"]


@dataclass(frozen=True)
class StatusFigures:
    """The status of the communes of the filter in one period (:func:`status_figures`).

    ``communes_total`` counts every unit of the filter, with or without a record; ``healthy_ratio`` is healthy
    / communes_total in percent, 2 decimals, as the plan counts it (596 / 635 = 93.86 %), None for no unit.
    ``commitments_signed`` and ``establishments`` (the one stock: the latest count, never added up) are None
    when no commune has the figure.
    """

    communes_total: int
    communes_reporting: int
    healthy: int
    not_healthy: int
    no_data: int
    healthy_ratio: float | None
    conversion_targets: int
    converted: int
    commitments_signed: int | None
    establishments: int | None

    def as_json(self) -> dict[str, object]:
        """The figures under their JSON names, in this order."""
        return asdict(self)


@dataclass(frozen=True)
class Counts(Generic[N_co]):
    """The flows (:data:`FLOW_FIELDS`) added up over the communes of the filter, for a period or a year to date."""

    inspections: N_co
    violations: N_co
    criminal_cases: N_co
    border_incidents: N_co
    victims_received: N_co

    def as_json(self, suffix: str) -> dict[str, N_co]:
        """The counts named ``<field><suffix>`` (``inspections_period``, ``inspections_ytd``)."""
        return {f"{f.name}{suffix}": getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class AgainstBaseline:
    """The period against its baseline (the year before, :func:`geo.periods.baseline_period`).

    ``period`` is None when the baseline is not stored, and then every count is None too (unknown, not 0).
    """

    period: str | None
    healthy_maintained: int | None
    newly_healthy: int | None
    relapsed: int | None

    def as_json(self) -> dict[str, object]:
        """``baseline_period`` and the three counts."""
        return {"baseline_period": self.period, "healthy_maintained": self.healthy_maintained,
                "newly_healthy": self.newly_healthy, "relapsed": self.relapsed}


@dataclass(frozen=True)
class Assessment:
    """One plan target against the figures (:func:`assess_targets`).

    ``target`` is the plan's value, its ``(min, max)`` range, or None for an activity without a figure;
    ``actual`` the figure the target names (None when not available).
    """

    id: str
    metric: str
    target: float | tuple[float, float] | None
    actual: int | float | None
    status: TargetStatus

    def as_json(self) -> dict[str, object]:
        """``id``, ``metric``, ``target``, ``actual``, ``status``."""
        return {"id": self.id, "metric": self.metric, "target": self.target, "actual": self.actual,
                "status": self.status}


@dataclass(frozen=True)
class PeriodFigures(Generic[N_co]):
    """A period's own figures: its status, its counts and the year's so far, against the baseline.

    What a plan's targets are measured against (:func:`assess_targets`) and what the trend draws.
    """

    status: StatusFigures
    counts: Counts[N_co]  # the period alone ("<field>_period")
    ytd_periods: tuple[str, ...]  # the year's stored quarters so far (the period itself for a year)
    ytd: Counts[N_co]  # the year to date ("lũy kế năm", "<field>_ytd"); for a year, the year's own
    baseline: AgainstBaseline

    def figures(self) -> dict[str, int | float | N_co | None]:
        """Every number by its JSON name (``healthy_ratio``, ``inspections_ytd``, ``healthy_maintained`` ...)."""
        own = self.baseline.as_json()
        del own["baseline_period"]
        return {**self.status.as_json(), **self.counts.as_json("_period"), **self.ytd.as_json("_ytd"), **own}

    def figure(self, name: str) -> int | float | N_co | None:
        """One number by its JSON name, e.g. a plan target's ``metric``; None for a name that is no figure."""
        return self.figures().get(name)

    def as_json(self) -> dict[str, object]:
        """The figures under their JSON names, in the order of ``python -m geo summary --json``."""
        return {**self.status.as_json(), **self.counts.as_json("_period"), "ytd_periods": list(self.ytd_periods),
                **self.ytd.as_json("_ytd"), **self.baseline.as_json()}


@dataclass(frozen=True)
class PreviousFigures:
    """The previous period's status and, with a plan, its figures for each of this period's targets."""

    status: StatusFigures
    assessment: tuple[Assessment, ...] | None  # None without a plan: the previous period is not judged

    def as_json(self) -> dict[str, object]:
        """The status figures, and ``assessment`` when there is one."""
        out = self.status.as_json()
        if self.assessment is not None:
            out["assessment"] = [row.as_json() for row in self.assessment]
        return out


@dataclass(frozen=True)
class Change:
    """The change of the status since the previous period: now minus before (None when either is None)."""

    healthy: int | None
    not_healthy: int | None
    no_data: int | None
    healthy_ratio: float | None
    converted: int | None
    commitments_signed: int | None

    def as_json(self) -> dict[str, object]:
        """The changes under the names of the figures."""
        return asdict(self)


@dataclass(frozen=True)
class Transitions:
    """How many communes of the filter made each change of status (:data:`TRANSITIONS`) between two periods."""

    newly_healthy: int
    still_not_healthy: int
    relapsed: int
    still_healthy: int
    no_data: int

    def by_name(self) -> dict[str, int]:
        """The counts by transition, in the order of :data:`TRANSITIONS`."""
        return asdict(self)

    def as_json(self) -> dict[str, int]:
        """As :meth:`by_name`."""
        return self.by_name()


@dataclass(frozen=True)
class ChangedCommune:
    """A commune that became healthy or relapsed since the previous period."""

    commune_code: str
    commune_name: str
    district_name: str | None
    transition: str  # "newly_healthy" or "relapsed" (CHANGED)

    def as_json(self) -> dict[str, object]:
        """Code, names and transition."""
        return asdict(self)


@dataclass(frozen=True)
class PeriodComparison:
    """Two periods' records compared over the communes of a filter (:func:`compare_periods`)."""

    transitions: Transitions
    changed_communes: tuple[ChangedCommune, ...]  # in commune-code order


@dataclass(frozen=True)
class PeriodSummary(PeriodFigures[N_co]):
    """Every figure of one period for a filter (:func:`period_summary`): what every screen, sheet and command shows.

    The period's own figures (:class:`PeriodFigures`), then the comparison with the previous period of the same
    kind and the plan of the period's year.
    """

    period: str
    period_kind: Kind
    districts: tuple[str, ...]  # the district filter, sorted codes (empty: the province)
    previous_period: str | None  # None for the first period of its kind
    previous: PreviousFigures | None  # None without a previous period, or when not compared
    change: Change | None
    transitions: Transitions | None
    changed_communes: tuple[ChangedCommune, ...]
    plan_year: int
    plan: Plan | None  # the plan of the period's year; None when that year has none
    assessment: tuple[Assessment, ...]  # empty without a plan

    def with_counts(self, counts: Counts[M], ytd: Counts[M]) -> PeriodSummary[M]:
        """The same summary with other counts of the period and the year to date (masked ones, for display)."""
        return PeriodSummary(
            status=self.status, counts=counts, ytd_periods=self.ytd_periods, ytd=ytd, baseline=self.baseline,
            period=self.period, period_kind=self.period_kind, districts=self.districts,
            previous_period=self.previous_period, previous=self.previous, change=self.change,
            transitions=self.transitions, changed_communes=self.changed_communes, plan_year=self.plan_year,
            plan=self.plan, assessment=self.assessment)

    def as_json(self) -> dict[str, object]:
        """Every figure under the names and in the order of ``python -m geo summary --json`` (JSON-ready)."""
        return {
            "period": self.period, "period_kind": self.period_kind, "districts": list(self.districts),
            **super().as_json(),
            "previous_period": self.previous_period,
            "previous": None if self.previous is None else self.previous.as_json(),
            "change": None if self.change is None else self.change.as_json(),
            "transitions": None if self.transitions is None else self.transitions.as_json(),
            "changed_communes": [c.as_json() for c in self.changed_communes],
            "plan_year": self.plan_year,
            "plan": None if self.plan is None else {"id": self.plan.id, "year": self.plan.year,
                                                    "title_vi": self.plan.title_vi, "title_en": self.plan.title_en},
            "targets": {} if self.plan is None else {item.id: item.as_dict() for item in self.plan.targets},
            "assessment": [row.as_json() for row in self.assessment],
        }


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
    record_fields = [f for f in RECORD_FIELDS if f != KEY]
    merged = communes.merge(records[[KEY, *record_fields]], on=KEY, how="left")
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
) -> PeriodSummary[int | None]:
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
        False leaves out the comparisons with other periods: with the previous period (``previous``,
        ``change``, ``transitions`` None, no ``changed_communes``) and with the baseline (``baseline`` with its
        figures None): the trend draws each period's own status and counts only, and the baseline year's
        records re-expressed on a newer unit list were a third of its time.

    Returns
    -------
    PeriodSummary
        The period's own figures (:class:`PeriodFigures`): its status (:class:`StatusFigures`), the counts of
        the period alone and of the year to date (the year's quarters so far, ``ytd_periods``), each of
        :data:`FLOW_FIELDS` (None when no commune in the filter has the figure: unknown, not 0), and against
        the baseline (the year before, :func:`geo.periods.baseline_period`; None when not stored).
        Against the previous period of the same kind (``previous_period``, None for the first): ``previous``
        (its status and, with a plan, its assessment against this period's plan: the figures of the previous
        period for each target, as the briefing's "previous period" column shows them), ``change`` (this
        period minus the previous one), ``transitions`` and ``changed_communes`` (the newly healthy and
        relapsed ones, by code). The plan: ``plan_year`` (the period's year), ``plan`` (None when the year has
        no plan) and ``assessment`` (:func:`assess_targets`; empty without a plan). ``as_json()`` writes it
        all as ``python -m geo summary --json`` does.
    """
    known = list(periods)
    codes = sorted({str(c) for c in district_codes or []})
    if plan is not None and plan.year != period_year(period):
        raise ValueError(f"period {period} is compared with the plan of its own year, not {plan.id} ({plan.year})")
    records = records_of(period)
    joined = _joined(communes, records, codes)
    own = _period_figures(communes, period, records_of, known, codes, records, joined, baseline=compare)
    prev = previous_period(period, known)
    previous: PreviousFigures | None = None
    comparison: PeriodComparison | None = None
    if prev is not None and compare:
        prev_records = records_of(prev)
        prev_joined = _joined(communes, prev_records, codes)
        prev_assessment = None
        if plan is not None:  # the previous period's figures for each of this period's targets
            prev_all = _period_figures(communes, prev, records_of, known, codes, prev_records, prev_joined)
            prev_assessment = assess_targets(prev_all, plan, year_end=not is_quarter(prev), district_codes=codes)
        previous = PreviousFigures(status=status_figures(prev_joined), assessment=prev_assessment)
        comparison = compare_periods(communes, prev_records, records, codes)
    return PeriodSummary(
        status=own.status, counts=own.counts, ytd_periods=own.ytd_periods, ytd=own.ytd, baseline=own.baseline,
        period=period, period_kind="quarter" if is_quarter(period) else "year", districts=tuple(codes),
        previous_period=prev, previous=previous,
        change=None if previous is None else _change(own.status, previous.status),
        transitions=None if comparison is None else comparison.transitions,
        changed_communes=() if comparison is None else comparison.changed_communes,
        plan_year=period_year(period), plan=plan,
        assessment=() if plan is None else assess_targets(own, plan, year_end=not is_quarter(period),
                                                          district_codes=codes),
    )


def _period_figures(communes: pd.DataFrame, period: str, records_of: Callable[[str], pd.DataFrame],
                    known: list[str], codes: list[str], records: pd.DataFrame,
                    joined: pd.DataFrame, *, baseline: bool = True) -> PeriodFigures[int | None]:
    """A period's own figures: status, counts of the period and the year to date, against the baseline.

    ``baseline`` False: the figures against the baseline are None (the trend does not draw them).
    """
    ytd_periods = [p for p in quarters_to_date(period) if p in known] or [period]
    ytd = records if len(ytd_periods) == 1 else year_to_date([records_of(p) for p in ytd_periods])
    ytd_joined = joined if ytd is records else _joined(communes, ytd, codes)
    base = baseline_period(period)
    before = _joined(communes, records_of(base), codes)["healthy"] if baseline and base in known else None
    return PeriodFigures(status=status_figures(joined), counts=_counts(joined), ytd_periods=tuple(ytd_periods),
                         ytd=_counts(ytd_joined), baseline=_against_baseline(base if base in known else None,
                                                                             before, joined["healthy"]))


def _counts(joined: pd.DataFrame) -> Counts[int | None]:
    """The flows added up over the communes of ``joined``."""
    return Counts(**{name: _sum(joined[name]) for name in FLOW_FIELDS})


def _against_baseline(period: str | None, before: pd.Series | None, now: pd.Series) -> AgainstBaseline:
    """The communes kept healthy, newly healthy and relapsed since the baseline (its ``healthy`` column)."""
    if before is None:
        return AgainstBaseline(period, None, None, None)
    return AgainstBaseline(period, healthy_maintained=int((_is(before, True) & _is(now, True)).sum()),
                           newly_healthy=int((_is(before, False) & _is(now, True)).sum()),
                           relapsed=int((_is(before, True) & _is(now, False)).sum()))


# The status figures compared with the previous period (``change``): the fields of :class:`Change`.
CHANGE_FIGURES: Final = ("healthy", "not_healthy", "no_data", "healthy_ratio", "converted", "commitments_signed")


def _change(now: StatusFigures, before: StatusFigures) -> Change:
    """The status figures of :data:`CHANGE_FIGURES`, now minus before."""
    return Change(**{name: _delta(getattr(now, name), getattr(before, name)) for name in CHANGE_FIGURES})


def _delta(now: int | float | None, before: int | float | None) -> int | float | None:
    if now is None or before is None:
        return None
    return round(now - before, 2)


def _joined(communes: pd.DataFrame, records: pd.DataFrame, district_codes: Iterable[str] | None) -> pd.DataFrame:
    """The communes of the filter (attributes only) with their records: what :func:`status_figures` counts."""
    return filter_districts(join_status(pd.DataFrame(communes.drop(columns="geometry", errors="ignore")), records),
                            district_codes)


def status_figures(joined: pd.DataFrame) -> StatusFigures:
    """The status figures over the communes of ``joined`` (:func:`join_status`, already filtered)."""
    total = len(joined)
    healthy = int(_is(joined["healthy"], True).sum())
    not_healthy = int(_is(joined["healthy"], False).sum())
    targeted = _is(joined["conversion_target"], True)
    return StatusFigures(
        communes_total=total,
        communes_reporting=int(joined["period"].notna().sum()),
        healthy=healthy,
        not_healthy=not_healthy,
        no_data=total - healthy - not_healthy,
        healthy_ratio=round(100 * healthy / total, 2) if total else None,
        conversion_targets=int(targeted.sum()),
        converted=int((targeted & _is(joined["healthy"], True)).sum()),
        commitments_signed=(int(_is(joined["commitment_signed"], True).sum())
                            if joined["commitment_signed"].notna().any() else None),
        establishments=_sum(joined["establishments"]),  # the one stock (STOCK_FIELDS)
    )


def compare_periods(communes: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame,
                    district_codes: Iterable[str] | None = None) -> PeriodComparison:
    """Two periods' records compared over the communes of the filter.

    Returns the number of communes per :data:`TRANSITIONS` and each newly healthy or relapsed commune
    (code, name, district, transition), in commune-code order.
    """
    shown = filter_districts(communes, district_codes)
    moves = transitions(shown, before, after)
    changed = pd.DataFrame(shown.drop(columns="geometry", errors="ignore")).assign(transition=moves.to_numpy())
    changed = changed[changed["transition"].isin(CHANGED)].sort_values(KEY)
    return PeriodComparison(
        transitions=Transitions(**{name: int((moves == name).sum()) for name in TRANSITIONS}),
        changed_communes=tuple(ChangedCommune(commune_code=row[KEY], commune_name=row["commune_name"],
                                              district_name=row.get("district_name"), transition=row["transition"])
                               for row in changed.to_dict("records")),
    )


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


def assess_targets(figures: PeriodFigures[int | None], plan: Plan, *, year_end: bool,
                   district_codes: Iterable[str] | None = None) -> tuple[Assessment, ...]:
    """Compare the period's ``figures`` with each plan target that has a metric.

    With ``district_codes`` (a district view), a target is the districts' own figures added
    (:meth:`geo.figures.targets.Target.for_districts`); a target without a figure for each of them is the
    province's, shown with the status ``province_target`` ("Chỉ tiêu toàn tỉnh") and never judged: 28
    communes of one district are not "Chưa đạt" against the province's 590.

    Returns one :class:`Assessment` per such target, in the plan's order: its ``target`` (a value or a
    ``(min, max)`` range), ``actual`` (:meth:`PeriodFigures.figure` of the target's metric) and ``status``:
    ``met`` / ``above`` (over a range's maximum) / ``not_met`` at year end, ``in_progress`` before it,
    ``reported`` for an activity without a figure, or ``not_measured`` when the figure is not available.
    """
    rows: list[Assessment] = []
    codes = sorted({str(c) for c in district_codes or []})
    for item in plan.targets:
        if not item.metric:
            continue
        actual = figures.figure(item.metric)
        target: float | tuple[float, float] | None
        if codes:
            own = item.for_districts(codes)
            if own is None:  # the province's figure, for reference only
                province = item.value if item.value is not None else (
                    (item.min, item.max) if item.min is not None else None)
                rows.append(Assessment(id=item.id, metric=item.metric, target=province, actual=actual,
                                       status="province_target" if province is not None else "reported"
                                       if actual is not None else "not_measured"))
                continue
            low, high = (own, None) if not isinstance(own, tuple) else own
            target = own
            reached = actual is not None and actual >= low
            status_: TargetStatus
            if actual is None:
                status_ = "not_measured"
            elif high is not None and actual > high:
                status_ = "above"
            elif reached:
                status_ = "met"
            else:
                status_ = "not_met" if year_end else "in_progress"
            rows.append(Assessment(id=item.id, metric=item.metric, target=target, actual=actual, status=status_))
            continue
        if item.value is not None:
            target = item.value
            reached = actual is not None and actual >= item.value
        elif item.min is not None:
            target = (item.min, item.max)
            reached = actual is not None and actual >= item.min
        else:
            target, reached = None, False
        status: TargetStatus
        if actual is None:
            status = "not_measured"
        elif target is None:
            status = "reported"  # an activity with no figure in the plan (T7): show what was done
        elif item.max is not None and actual > item.max:
            status = "above"
        elif reached:
            status = "met"
        else:
            status = "not_met" if year_end else "in_progress"
        rows.append(Assessment(id=item.id, metric=item.metric, target=target, actual=actual, status=status))
    return tuple(rows)


def district_table(communes: pd.DataFrame, records: pd.DataFrame,
                   district_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per district: the period's status figures and counts, from the function that makes a summary.

    The columns are :data:`DISTRICT_COLUMNS`, named as in :func:`period_summary` (the counts are the
    period's own, ``<field>_period``); one join for all districts.
    """
    joined = _joined(communes, records, district_codes)
    rows = []
    for (code, name), part in joined.groupby(["district_code", "district_name"], sort=True):
        figures = {**status_figures(part).as_json(), **_counts(part).as_json("_period")}
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
