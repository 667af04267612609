"""The trend for leadership: the headline figures across every stored period, with the plan's targets drawn in.

One function computes the trend, :func:`trend_table`, from figures per period (what
:func:`geo.figures.period_figures` returns, the overview's numbers); it knows nothing of the store, so the
"unit versions over time" work can hand it figures re-expressed on another unit version. :func:`trend_chart`
draws it with Altair (Vega-Lite): the ``/trend`` page shows the chart, and the briefing embeds the same
specification rendered offline by vl-convert (:func:`chart_png`).

Years and quarters are drawn apart: a quarter's counts are the year to date (as on the overview), so they are
not comparable with a whole year's on one axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import altair as alt
import pandas as pd

from geo.i18n import translate
from geo.periods import is_quarter, period_sort_key

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.targets import Plan

# (metric, label key): the headline figures, in the order of the plan's items
METRICS: Final = ("healthy_ratio", "healthy", "converted", "inspections_ytd", "criminal_cases_ytd")
COLOURS: Final = {"line": "#08519c", "target": "#b35806", "band": "#fdd0a2"}

TEXT: Final[dict[str, dict[str, str]]] = {
    "healthy_ratio": {"vi": "Tỷ lệ xã lành mạnh (%)", "en": "Share of healthy communes (%)"},
    "healthy": {"vi": "Số xã lành mạnh", "en": "Healthy communes"},
    "converted": {"vi": "Xã trọng điểm đã chuyển hóa", "en": "Targeted communes converted"},
    "inspections_ytd": {"vi": "Lượt kiểm tra (lũy kế năm)", "en": "Inspections (year to date)"},
    "criminal_cases_ytd": {"vi": "Vụ án hình sự (lũy kế năm)", "en": "Criminal cases (year to date)"},
    "year": {"vi": "Theo năm", "en": "By year"},
    "quarter": {"vi": "Theo quý", "en": "By quarter"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "caption": {"vi": "Đường liền: kết quả từng kỳ; đường đứt nét hoặc dải màu cam: chỉ tiêu của Kế hoạch "
                      "(dải = khoảng tối thiểu – tối đa). Kỳ quý: số đếm cộng dồn từ đầu năm.",
                "en": "Solid line: each period's result; dashed line or orange band: the plan's target "
                      "(band = minimum to maximum). Quarters: counts summed from the start of the year."},
    "none": {"vi": "Chưa có kỳ nào có số liệu.", "en": "No period has data yet."},
}
VI_LOCALE: Final = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", ""]}}


def text(key: str, lang: str = "vi") -> str:
    """A label of the trend in ``lang``."""
    return translate(TEXT, key, lang)


def quarter_label(period: str, lang: str) -> str:
    """An axis label: ``"Q2/2019"`` reads the same in both languages but Vietnamese writes ``"Quý 2/2019"``."""
    year, quarter = period.split("-Q") if "-Q" in period else (period, None)
    if quarter is None:
        return year
    return f"Quý {quarter}/{year}" if lang == "vi" else f"Q{quarter} {year}"


def trend_table(figures_by_period: Mapping[str, Mapping[str, object]], plan: Plan | None = None, *,
                province: bool = True) -> pd.DataFrame:
    """The trend: one row per period and headline metric, with the plan's target for that metric.

    Parameters
    ----------
    figures_by_period : mapping
        Period → its figures (:func:`geo.figures.period_figures` or anything with the same keys).
    plan : Plan, optional
        The plan; its targets fill ``target`` (a value) or ``target_min`` / ``target_max`` (a range).
    province : bool, default True
        False for a part of the province: the plan's counts are province-wide, so only the share of healthy
        communes keeps its target.

    Returns
    -------
    DataFrame
        Columns ``period``, ``kind`` (``year`` or ``quarter``), ``order`` (time order), ``metric``, ``value``
        (None when the period has no figure, or when no commune of the area reported in it), ``target``,
        ``target_min``, ``target_max``; sorted in time.
    """
    by_metric = plan.by_metric() if plan is not None else {}
    if not province:
        by_metric = {k: v for k, v in by_metric.items() if k == "healthy_ratio"}
    rows = []
    for period in sorted(figures_by_period, key=period_sort_key):
        figures = figures_by_period[period]
        silent = figures.get("communes_reporting") == 0  # no report at all: no data, not "0 healthy"
        for metric in METRICS:
            target = by_metric.get(metric)
            value = None if silent else figures.get(metric)
            rows.append({
                "period": period, "kind": "quarter" if is_quarter(period) else "year",
                "order": period_sort_key(period)[0] * 10 + period_sort_key(period)[1], "metric": metric,
                "value": None if value is None or isinstance(value, str) else float(value),
                "target": None if target is None else target.value,
                "target_min": None if target is None else target.min,
                "target_max": None if target is None else target.max,
            })
    return pd.DataFrame(rows, columns=["period", "kind", "order", "metric", "value", "target", "target_min",
                                       "target_max"])


def period_series(engine: Engine, communes: pd.DataFrame | None, plan: Plan,
                  districts: tuple[str, ...] = ()) -> dict[str, dict[str, object]]:
    """The figures of every stored period for the area, from :func:`geo.figures.period_figures`."""
    from geo.figures import period_figures
    from geo.store import list_periods

    periods = list_periods(engine)
    # Each period on its own unit list (635, 559 … 166 units) unless a table is given (tests, other layers).
    return {p: period_figures(engine, communes, p, districts=districts, plan=plan, periods=periods)
            for p in periods}


def _panel(frame: pd.DataFrame, metric: str, kind: str, lang: str, width: int, height: int) -> alt.LayerChart:
    data = frame[(frame["metric"] == metric) & (frame["kind"] == kind)].copy()
    data["label"] = [quarter_label(p, lang) for p in data["period"]]
    order = list(data.sort_values("order")["label"])
    # quarter labels ("Quý 2/2019") overlap side by side at the briefing's width: slanted
    x = alt.X("label:N", sort=order, title=None,
              axis=alt.Axis(labelAngle=0 if kind == "year" else -35, labelAlign="center" if kind == "year"
                            else "right", labelOverlap=False))
    decimals = ".2f" if metric == "healthy_ratio" else ",.0f"
    base = alt.Chart(data).encode(x=x)
    line = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True), color=COLOURS["line"]).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=metric not in ("healthy_ratio", "healthy")),
                axis=alt.Axis(format=decimals, tickMinStep=0.5 if metric == "healthy_ratio" else 1)),
        tooltip=[alt.Tooltip("label:N", title=text("period", lang)),
                 alt.Tooltip("value:Q", title=text("value", lang), format=decimals)])
    labels = base.mark_text(dy=-9, fontSize=10, color=COLOURS["line"]).encode(
        y="value:Q", text=alt.Text("value:Q", format=decimals))
    layers: list[alt.Chart] = []
    first = data.iloc[0] if len(data) else None
    if first is not None and pd.notna(first["target_min"]):
        band = pd.DataFrame({"lo": [first["target_min"]], "hi": [first["target_max"]]})
        layers.append(alt.Chart(band).mark_rect(color=COLOURS["band"], opacity=0.6).encode(y="lo:Q", y2="hi:Q"))
    elif first is not None and pd.notna(first["target"]):
        rule = pd.DataFrame({"target": [first["target"]]})
        layers.append(alt.Chart(rule).mark_rule(color=COLOURS["target"], strokeDash=[5, 3], size=1.5).encode(
            y="target:Q", tooltip=[alt.Tooltip("target:Q", title=text("target", lang), format=decimals)]))
    return alt.layer(*layers, line, labels).properties(width=width, height=height)


def trend_chart(frame: pd.DataFrame, lang: str = "vi", *, width: int = 250, height: int = 110) -> alt.VConcatChart:
    """The trend as one Altair chart: a row per headline metric, years on the left, quarters on the right."""
    rows = []
    for metric in METRICS:
        panels = [_panel(frame, metric, kind, lang, width, height).properties(
            title=alt.TitleParams(f"{text(metric, lang)} — {text(kind, lang).lower()}", anchor="start",
                                  fontSize=11))
            for kind in ("year", "quarter") if ((frame["metric"] == metric) & (frame["kind"] == kind)).any()]
        if panels:
            rows.append(alt.hconcat(*panels, spacing=24))
    # one configure call: a second one replaces the first's settings (Altair 6), the titles lost their font
    config: dict[str, object] = {"font": "DejaVu Sans"}
    if lang == "vi":
        config["locale"] = VI_LOCALE
    return alt.vconcat(*rows, spacing=14).configure(**config).configure_view(stroke=None).configure_axis(
        labelFontSize=10, grid=True, gridColor="#eeeeee")


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered offline by vl-convert (no browser, no network): for the briefing."""
    import matplotlib
    import vl_convert as vlc

    # the fonts the PDF embeds (every Vietnamese diacritic), whatever the system has
    vlc.register_font_directory(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"))
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def briefing_chart(engine: Engine, communes: pd.DataFrame, plan: Plan, districts: tuple[str, ...],
                   lang: str) -> tuple[bytes | None, str]:
    """The trend chart of the area as PNG for the briefing, and its caption; None when there is no period."""
    frame = trend_table(period_series(engine, communes, plan, districts), plan, province=not districts)
    if frame.empty:
        return None, text("none", lang)
    return chart_png(trend_chart(frame, lang, width=240, height=68)), text("caption", lang)
