"""The trend for leadership: the headline figures across every stored period, with the plan's targets drawn in.

One function computes the trend, :func:`trend_table`, from figures per period (what
:func:`geo.figures.period.period_figures` returns, the overview's numbers); it knows nothing of the store, so the
"unit versions over time" work can hand it figures re-expressed on another unit version. :func:`trend_chart`
draws it with Altair (Vega-Lite): the ``/trend`` page shows the chart, and the briefing embeds the same
specification rendered offline by vl-convert (:func:`chart_png`).

Years and quarters are drawn apart: a quarter's counts are the year to date (as on the overview), so they are
not comparable with a whole year's on one axis.

Every stored period is drawn on **its own unit list** (per-version totals: 635 units to 2019, 559 from 2020,
549 in 2025 and its first half, 166 from 2025-Q3), as the overview shows it, not re-expressed: the counts of
communes step down at each reform while the share of healthy communes stays comparable. Each period carries
the targets of **its own year's plan** (none where its year has no plan file).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import altair as alt
import pandas as pd

from geo.periods import is_quarter, period_label, period_sort_key, period_year
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.figures.summary import PeriodFigures, PeriodSummary
    from geo.figures.targets import Plan

# The headline figures, in the order of the plan's items; each one's label is the catalog's trend.<metric>
METRICS: Final = ("healthy_ratio", "healthy", "converted", "inspections_ytd", "criminal_cases_ytd")
COLOURS: Final = {"line": "#08519c", "target": "#b35806", "band": "#fdd0a2", "break": "#555555"}

AXIS_WIDTH: Final = 44  # pixels for a y axis's labels, the widest ("95,00", "1.234") included
DATE_ROOM: Final = 13  # pixels between a panel's title and its plot, where the date of a change of list is written
VI_LOCALE: Final = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", ""]}}


def trend_table(figures_by_period: Mapping[str, PeriodFigures[int | None]],
                plan: Plan | Callable[[str], Plan | None] | None = None, *, province: bool = True,
                versions: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The trend: one row per period and headline metric, with the plan's target for that metric.

    Parameters
    ----------
    figures_by_period : mapping
        Period → its figures (:func:`geo.figures.period.period_figures`: a summary is a PeriodFigures).
    plan : Plan or callable, optional
        The plans: a callable giving the plan of a period's year (:func:`geo.figures.targets.plan_for`), or one Plan,
        which then applies to the periods of its own year only. Its targets fill ``target`` (a value) or
        ``target_min`` / ``target_max`` (a range).
    province : bool, default True
        False for a part of the province: the plan's counts are province-wide, so only the share of healthy
        communes keeps its target.
    versions : mapping, optional
        Period → the unit list it is shown on (:func:`geo.records.store.period_version`). The ``units`` column
        holds the list that began its run of comparable lists (:func:`reorganisation`): the chart breaks its
        line and marks the change where it changes (1 December 2019, 1 July 2025).

    Returns
    -------
    DataFrame
        Columns ``period``, ``kind`` (``year`` or ``quarter``), ``order`` (time order), ``units`` (the unit
        list, "" when not given), ``metric``, ``value`` (None when the period has no figure, or when no commune
        of the area reported in it), ``target``, ``target_min``, ``target_max``; sorted in time.
    """
    if plan is None or callable(plan):
        plan_of = plan or (lambda _p: None)
    else:
        one = plan
        plan_of = lambda p: one if period_year(p) == one.year else None  # noqa: E731 - the same signature
    rows = []
    for period in sorted(figures_by_period, key=period_sort_key):
        own = plan_of(period)
        by_metric = own.by_metric() if own is not None else {}
        if not province:
            by_metric = {k: v for k, v in by_metric.items() if k == "healthy_ratio"}
        figures = figures_by_period[period]
        silent = figures.status.communes_reporting == 0  # no report at all: no data, not "0 healthy"
        for metric in METRICS:
            target = by_metric.get(metric)
            value = None if silent else figures.figure(metric)
            rows.append({
                "period": period, "kind": "quarter" if is_quarter(period) else "year",
                "order": period_sort_key(period)[0] * 10 + period_sort_key(period)[1],
                "units": reorganisation(versions[period]) if versions and period in versions else "",
                "metric": metric,
                "value": None if value is None else float(value),
                "target": None if target is None else target.value,
                "target_min": None if target is None else target.min,
                "target_max": None if target is None else target.max,
            })
    return pd.DataFrame(rows, columns=["period", "kind", "order", "units", "metric", "value", "target",
                                       "target_min", "target_max"])


# A new list changes the counts of communes "like a collapse" when it changes the number of units by more than
# this share: the reorganisations of 1 December 2019 (635 → 559) and 1 July 2025 (549 → 166). The lists between
# (559 → 558 …, a unit or two) leave the counts comparable and are not marked.
REORGANISATION_SHARE: Final = 0.02


def reorganisation(version: str) -> str:
    """The unit list that began the run of comparable lists ``version`` belongs to (its own id, or an earlier one).

    Lists follow each other in date order; a list whose number of units differs from the one before by more
    than :data:`REORGANISATION_SHARE` begins a new run.
    """
    from geo.units.versions import list_versions

    start = version
    previous = None
    for v in list_versions():
        if previous is not None and abs(v.units - previous.units) > REORGANISATION_SHARE * previous.units:
            start = v.id if v.id <= version else start
        elif previous is None:
            start = v.id
        if v.id == version:
            return start
        previous = v
    return version


def period_series(engine: Engine, districts: tuple[str, ...] = (), *, communes: pd.DataFrame | None = None,
                  until: str | None = None) -> dict[str, PeriodSummary[int | None]]:
    """The figures of every stored period for the area, from :func:`geo.figures.period.period_figures`.

    ``until``: only the periods ended by the end of that one (a report's own period: the year 2025 is left out
    of the report of its third quarter, 2025-Q4 too).

    Each period on the unit list it is shown on (:func:`geo.records.store.period_version`: 635, 559 … 166 units,
    or an import's choice) unless ``communes`` is given (one table for all: a test); the periods of one version
    share the records read for them.
    """
    from geo.figures.period import period_figures, store_records
    from geo.records.store import list_periods, period_version
    from geo.units.versions import version_table

    periods = list_periods(engine)
    if until is not None:
        from geo.figures.plan_items import period_end

        periods = [p for p in periods if period_end(p) <= period_end(until)]
    shared: dict[str, Callable[[str], pd.DataFrame]] = {}
    tables: dict[str, pd.DataFrame] = {}
    out: dict[str, PeriodSummary[int | None]] = {}
    for p in periods:
        version = period_version(engine, p) if communes is None else ""
        if version not in shared:  # records re-expressed on this version, read once for all its periods
            shared[version] = store_records(engine, on=p if communes is None else None)
            tables[version] = version_table(version) if communes is None else communes
        out[p] = period_figures(engine, tables[version], p, districts=districts, periods=periods,
                                records_of=shared[version], compare=False)  # the trend: own figures only
    return out


def units_caption(versions: Mapping[str, str], lang: str = "vi") -> str:
    """Which unit list the trend's periods are counted on (e.g. "2018–2019: 635 đơn vị; 2020–2024: 559 …").

    ``versions``: period → the version it is shown on (:func:`geo.records.store.period_version`).
    """
    from geo.units.versions import get_version

    spans: list[list] = []
    for p in sorted(versions, key=period_sort_key):
        n = get_version(versions[p]).units
        if spans and spans[-1][2] == n:
            spans[-1][1] = p
        else:
            spans.append([p, p, n])
    unit = t("trend.unit_word", lang)
    def said(p: str) -> str:
        return period_label(p, lang, short=True)

    lists = "; ".join(f"{said(a)}{'' if a == b else ' – ' + said(b)}: {n} {unit}" for a, b, n in spans)
    return t("trend.units", lang, lists=lists)


def _panel(frame: pd.DataFrame, metric: str, kind: str, lang: str, width: int, height: int) -> alt.LayerChart:
    """One panel: ``metric`` over the periods of ``kind``, from the chart's one dataset (``frame``).

    ``frame`` holds the ``label`` and ``change`` columns :func:`trend_chart` adds.

    The panel filters the chart's dataset, and its layers share the panel's x encoding (the periods in order):
    with the rows and the encoding in each of 60 layers, Altair spent 0,85 s building the briefing's chart and
    deep-copying them (``_combine_subchart_params``).
    """
    data = frame[(frame["metric"] == metric) & (frame["kind"] == kind)].sort_values("order")
    order = list(data["label"])
    # quarter labels ("Quý 2/2019") upright, one per step of at least a line's height: none overlaps
    x = alt.X("label:N", sort=order, title=None, scale=alt.Scale(padding=0.5),
              axis=alt.Axis(labelAngle=0 if kind == "year" else -90, labelAlign="center" if kind == "year"
                            else "right", labelBaseline="middle" if kind == "quarter" else "top",
                            labelOverlap=False))
    decimals = ".2f" if metric == "healthy_ratio" else ",.0f"
    base = alt.Chart()  # the panel's filter and x encoding are the layer's: written once, not in each layer
    # one line per unit list: the line stops at a change of list instead of reading like a collapse
    line = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True), color=COLOURS["line"]).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=metric not in ("healthy_ratio", "healthy")),
                # one width for every y axis ("600" and "95,00" alike): the panels of a column line up
                axis=alt.Axis(format=decimals, tickMinStep=0.5 if metric == "healthy_ratio" else 1,
                              minExtent=AXIS_WIDTH, maxExtent=AXIS_WIDTH)),
        detail="units:N",
        tooltip=[alt.Tooltip("label:N", title=t("trend.period", lang)),
                 alt.Tooltip("value:Q", title=t("trend.value", lang), format=decimals)])
    layers: list[alt.Chart] = []
    # Each period's own year's target, at that period only (a year without a plan has none): a range as a
    # bar from minimum to maximum, a value as a dashed tick.
    if data["target_min"].notna().any():
        layers.append(base.transform_filter("isValid(datum.target_min)").mark_bar(
            color=COLOURS["band"], opacity=0.6, size=10).encode(y="target_min:Q", y2="target_max:Q"))
    if data["target"].notna().any():
        layers.append(base.transform_filter("isValid(datum.target)").mark_tick(
            color=COLOURS["target"], strokeDash=[5, 3], thickness=1.5, size=14).encode(
            y="target:Q", tooltip=[alt.Tooltip("target:Q", title=t("trend.target", lang),
                                               format=decimals)]))
    if data["change"].ne("").any():  # a dashed rule at the first period on a new list, named by its date
        rule = base.transform_filter(alt.datum.change != "")
        layers += [rule.mark_rule(color=COLOURS["break"], strokeDash=[2, 2], strokeWidth=1.2),
                   # the date above the panel, between it and its title: inside, it met points and targets
                   rule.mark_text(align="right", baseline="bottom", dx=-3, y=-2, fontSize=8,
                                  color=COLOURS["break"]).encode(text="change:N")]
    # the value written at the last period only (the report's own: labels at every point overlap), to the right
    # of its point, where no date of a change of list (written left of its rule) can meet it
    last = data.loc[data["value"].notna(), "period"].tail(1).tolist()
    labels = [base.transform_filter(alt.datum.period == last[0]).mark_text(
        align="left", baseline="middle", dx=6, fontSize=10, fontWeight="bold", color=COLOURS["line"]).encode(
        y="value:Q", text=alt.Text("value:Q", format=decimals))] if last else []
    return alt.layer(*layers, line, *labels).transform_filter(
        (alt.datum.metric == metric) & (alt.datum.kind == kind)).encode(x=x).properties(width=width, height=height)


def list_changes(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``data`` (one kind of period) that are the first shown on a new unit list, in time order.

    The chart marks a change of list there: 2020 and 2019-Q4 → 2020-Q1 for 1 December 2019 (a period is shown
    on the list in force on its first day), 2026 and 2025-Q3 for 1 July 2025.
    """
    firsts = data.drop_duplicates("period").sort_values("order")
    before = firsts["units"].shift()
    return firsts[firsts["units"].ne(before) & before.notna() & firsts["units"].ne("") & before.ne("")].copy()


def trend_chart(frame: pd.DataFrame, lang: str = "vi", *, width: int = 250, height: int = 110) -> alt.VConcatChart:
    """The trend as one Altair chart: a row per headline metric, years on the left, quarters on the right.

    One dataset for the whole chart (``frame`` with each period's ``label`` in words and ``change``, the date of
    the unit list a period is the first on, "" elsewhere); each panel's layers filter it.
    """
    data = frame.copy()
    data["label"] = [period_label(p, lang, short=True) for p in data["period"]]
    data["change"] = ""
    for kind in ("year", "quarter"):
        changes = list_changes(data[data["kind"] == kind])
        at = (data["kind"] == kind) & data["period"].isin(changes["period"])
        data.loc[at, "change"] = [fmt_date(u) for u in data.loc[at, "units"]]  # the caption says what the rule is
    rows = []
    # 2018 to 2026-Q3 is 35 quarters: the quarter panels widen with their number, a label's height each
    quarters = data.loc[data["kind"] == "quarter", "period"].nunique()
    widths = {"year": width, "quarter": max(width, 16 * quarters)}
    for metric in METRICS:
        panels = [_panel(data, metric, kind, lang, widths[kind], height).properties(
            title=alt.TitleParams(f"{t(f'trend.{metric}', lang)} — {t(f'trend.{kind}', lang).lower()}",
                                  anchor="start", fontSize=11, offset=DATE_ROOM))
            for kind in ("year", "quarter") if ((data["metric"] == metric) & (data["kind"] == kind)).any()]
        if panels:
            rows.append(alt.hconcat(*panels, spacing=24))
    config: dict[str, object] = {"font": "DejaVu Sans"}
    if lang == "vi":
        config["locale"] = VI_LOCALE
    chart = alt.vconcat(*rows, spacing=14, data=data)
    # the configuration set once: each configure_* call deep-copies the whole chart (seconds for ten panels)
    chart.config = alt.Config(**config, view=alt.ViewConfig(stroke=None),
                              axis=alt.AxisConfig(labelFontSize=10, grid=True, gridColor="#eeeeee"))
    return chart


def _vl_convert():
    """vl-convert with the fonts the briefing embeds (every Vietnamese diacritic), whatever the system has."""
    import matplotlib
    import vl_convert as vlc

    vlc.register_font_directory(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"))
    return vlc


def chart_png(chart: alt.TopLevelMixin | str, scale: float = 2.0) -> bytes:
    """The chart (or its Vega-Lite JSON) as PNG, rendered offline by vl-convert (no browser, no network)."""
    spec = chart if isinstance(chart, str) else chart.to_json(validate=False)  # built here: no need to validate
    return _vl_convert().vegalite_to_png(spec, scale=scale)


def chart_pdf(chart: alt.TopLevelMixin | str) -> bytes:
    """The chart (or its Vega-Lite JSON) as a one-page vector PDF, rendered offline by vl-convert.

    The briefing's PDF lays it on its page: text stays text and lines stay lines at any print size, in 45 KB
    where the PNG at a printer's resolution took 940 KB.
    """
    spec = chart if isinstance(chart, str) else chart.to_json(validate=False)
    return _vl_convert().vegalite_to_pdf(spec)


def briefing_chart(engine: Engine, districts: tuple[str, ...], lang: str,
                   until: str | None = None) -> tuple[str | None, str]:
    """The trend chart of the area for the briefing as Vega-Lite JSON, and its caption; None when there is no period.

    As on the ``/trend`` page: every period on the unit list it is shown on, against its own year's plan, the
    changes of list marked; ``until`` the report's own period (none after it). The PDF draws it with
    :func:`chart_pdf`, the DOCX with :func:`chart_png`.
    """
    from geo.figures.targets import plan_for
    from geo.records.store import period_version

    series = period_series(engine, districts, until=until)
    versions = {p: period_version(engine, p) for p in series}
    frame = trend_table(series, lambda p: plan_for(p, engine), province=not districts, versions=versions)
    if frame.empty:
        return None, t("trend.none", lang)
    return trend_chart(frame, lang, width=200, height=68).to_json(validate=False), t("trend.caption", lang)
