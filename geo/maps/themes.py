"""The four map themes as data: a class and a colour per commune, tooltip values and a legend.

Input everywhere: one period's joined frame (the commune fields of :mod:`geo.contract` plus the status
record fields), one row per commune. NA means "no data": it gets class -1, the neutral
:data:`NO_DATA_COLOUR` and its own legend entry with its count, never a class colour.

Categorical themes use fixed colours per category, so the same category has the same colour in every
period. Palettes are colour-blind safe: blue against orange (ColorBrewer RdBu/PuOr ends), never red
against green, and the classed themes use single-hue ColorBrewer ramps (Blues, Oranges) read by lightness.
Nothing here draws: :mod:`geo.maps.render` (web) and a print export both consume :class:`ThemeMap`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import numpy as np
import pandas as pd
import shapely

from geo.contract import KEY
from geo.figures import privacy
from geo.figures.summary import TRANSITIONS, filter_districts, join_status, transition_of
from geo.maps.classify import Classes, Scheme, classify
from geo.periods import period_label
from geo.text import t

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.figures.hotspots import Hotspots

ThemeId = Literal["healthy", "conversions", "inspections", "border"]
THEMES: Final = ("healthy", "conversions", "inspections", "border")
Metric = Literal["count", "per_establishment", "per_km2"]
METRICS: Final = ("count", "per_establishment", "per_km2")

NO_DATA_COLOUR: Final = "#d9d9d9"
OUTSIDE_COLOUR: Final = "#f7f7f7"  # border theme: communes outside the border area, drawn faint

HEALTHY_COLOURS: Final = {"healthy": "#92c5de", "not_healthy": "#e66101"}
CONVERSION_COLOURS: Final = {"converted": "#2166ac", "not_converted": "#e66101", "not_targeted": "#f7f7f7"}
TRANSITION_COLOURS: Final = {
    "newly_healthy": "#08519c",
    "still_not_healthy": "#fdb863",
    "relapsed": "#b35806",
    "still_healthy": "#c6dbef",
}
# ColorBrewer sequential ramps (Cynthia Brewer, colorbrewer2.org), by number of classes.
BLUES: Final = {
    1: ("#6baed6",),
    2: ("#bdd7e7", "#3182bd"),
    3: ("#deebf7", "#9ecae1", "#3182bd"),
    4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
    5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
    6: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
    7: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
}
ORANGES: Final = {
    1: ("#fd8d3c",),
    2: ("#fdbe85", "#e6550d"),
    3: ("#fee6ce", "#fdae6b", "#e6550d"),
    4: ("#feedde", "#fdbe85", "#fd8d3c", "#d94701"),
    5: ("#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"),
    6: ("#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"),
    7: ("#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"),
}
MAX_CLASSES: Final = 7
CIRCLE_MAX_RADIUS: Final = 18.0  # px, for the largest value of a proportional-circle layer
TARGET_RING_RADIUS: Final = 9.0  # px, the marker of a commune targeted for conversion
TARGET_RING_COLOUR: Final = "#252525"
CIRCLE_COLOUR: Final = "#542788"  # PuOr purple: stands apart from the orange fill ramp
# Hot spots: ColorBrewer RdBu ends (red hot, blue cold: no red against green), outliers in PuOr purple.
HOTSPOT_CLASSES: Final = ("hot_99", "hot_95", "hot_90", "cold", "outlier", "none")
HOTSPOT_COLOURS: Final = {"hot_99": "#b2182b", "hot_95": "#ef8a62", "hot_90": "#fddbc7", "cold": "#67a9cf",
                          "outlier": "#8073ac", "none": "#f7f7f7"}


class LegendEntry(NamedTuple):
    """One legend row: unpacks as ``label, colour, count``."""

    label: str
    colour: str
    count: int


class SizeEntry(NamedTuple):
    """One proportional-circle legend row: a value and its circle radius in pixels."""

    label: str
    radius: float


@dataclass(frozen=True)
class Legend:
    """Everything a legend shows, for the web map and for a printed map alike.

    ``entries`` lists every class, then "no data" (and, for the border theme, "outside the border area");
    the counts add up to the number of communes.
    """

    title: str
    entries: tuple[LegendEntry, ...]
    note: str = ""
    sizes: tuple[SizeEntry, ...] = ()
    size_title: str = ""
    size_colour: str = CIRCLE_COLOUR
    size_ring: bool = False  # draw the circles as unfilled rings (markers), not proportional discs

    @property
    def total(self) -> int:
        """Sum of the entry counts."""
        return sum(e.count for e in self.entries)


class Circle(NamedTuple):
    """A proportional circle at a commune's representative point (EPSG:4326)."""

    code: str
    lat: float
    lon: float
    radius: float
    value: int


@dataclass(frozen=True)
class ThemeMap:
    """One theme for one period, indexed by commune code.

    Attributes
    ----------
    theme
        Theme id (``"healthy"``, ``"conversions"``, ``"transition"``, ``"inspections"``, ``"border"``).
    index
        Class per commune (``-1`` = no data, ``-2`` = outside the border area).
    fill
        Fill colour per commune.
    values
        Tooltip rows per commune: columns are labels in the theme's language, cells are plain,
        unescaped text (the renderer escapes them).
    legend
        The legend, counts included.
    prominent
        False where a commune is only context (border theme); such communes are drawn faint.
    circles
        Proportional circles (border theme), largest first so small ones stay clickable on top.
    classes
        The classification behind a classed theme, else None.
    """

    theme: str
    index: pd.Series
    fill: pd.Series
    values: pd.DataFrame
    legend: Legend
    prominent: pd.Series = field(default_factory=lambda: pd.Series(dtype=bool))
    circles: tuple[Circle, ...] = ()
    classes: Classes | None = None


def healthy_theme(df: pd.DataFrame, lang: str = "vi") -> ThemeMap:
    """Theme 1: healthy / not healthy / no data, from the nullable boolean ``healthy``."""
    codes = _codes(df)
    healthy = _bool(df, "healthy", codes)
    index = pd.Series(np.where(healthy.isna(), -1, np.where(healthy.fillna(False), 0, 1)), index=codes)
    cats = [("healthy", HEALTHY_COLOURS["healthy"]), ("not_healthy", HEALTHY_COLOURS["not_healthy"])]
    values = pd.DataFrame({t("maps.status", lang): _cat_text(index, [k for k, _ in cats], lang)}, index=codes)
    title = t("maps.healthy_title", lang)
    if "commune_type" in df.columns:  # the list's own kinds: "Xã, phường lành mạnh" from July 2025
        from geo.units.versions import unit_kinds

        kinds = unit_kinds(df["commune_type"], lang)
        title = t("maps.healthy_title_kinds", lang, kinds=kinds[0].upper() + kinds[1:])
    return _categorical("healthy", index, cats, values, title, lang)


def conversions_theme(df: pd.DataFrame, lang: str = "vi") -> ThemeMap:
    """Theme 2: targeted & converted / targeted & not yet converted / not targeted / no data.

    A targeted commune counts as converted when it is healthy in this period. Unknown target, or a target
    with unknown health, is no data.
    """
    codes = _codes(df)
    target = _bool(df, "conversion_target", codes)
    healthy = _bool(df, "healthy", codes)
    index = pd.Series(-1, index=codes, dtype="int64")
    index[_is(target, True) & _is(healthy, True)] = 0  # NA never matches
    index[_is(target, True) & _is(healthy, False)] = 1
    index[_is(target, False)] = 2
    keys = ["converted", "not_converted", "not_targeted"]
    cats = [(k, CONVERSION_COLOURS[k]) for k in keys]
    values = pd.DataFrame(
        {
            t("maps.target", lang): _yes_no(target, lang),
            t("maps.status", lang): _cat_text(
                pd.Series(np.where(healthy.isna(), -1, np.where(healthy.fillna(False), 0, 1)), index=codes),
                ["healthy", "not_healthy"],
                lang,
            ),
        },
        index=codes,
    )
    theme = _categorical("conversions", index, cats, values, t("maps.conversions_title", lang), lang)
    targeted = _is(target, True)
    if not targeted.any() or "geometry" not in df:
        return theme
    # A targeted ward is a few pixels wide at province zoom: a ring marks where each target is.
    pts = df.geometry.reset_index(drop=True)[targeted].representative_point()
    rings = tuple(Circle(code, float(p.y), float(p.x), TARGET_RING_RADIUS, 1)
                  for code, p in zip(codes[targeted], pts, strict=True))
    legend = replace(theme.legend, sizes=(SizeEntry(t("maps.target_ring", lang), TARGET_RING_RADIUS),),
                     size_title="", size_colour=TARGET_RING_COLOUR, size_ring=True)
    return replace(theme, circles=rings, legend=legend)


def transition(before: pd.Series, after: pd.Series, lang: str = "vi", *,
               periods: tuple[str | None, str | None] = (None, None)) -> ThemeMap:
    """Change of ``healthy`` between two periods, both indexed by commune code.

    ``periods`` (before, after) name both periods in the legend's title ("Thay đổi từ 2019 đến Quý 3/2025"):
    the two need not be neighbours.

    The categories are :data:`geo.figures.summary.TRANSITIONS` by :func:`geo.figures.summary.transition_of` (the rule
    the overview counts with), labelled as everywhere (the catalog's ``conversions.tr_<name>``); "no data" when
    either period has no status for a commune.
    """
    moves = transition_of(before, after)
    codes = moves.index
    keys = [k for k in TRANSITIONS if k != "no_data"]
    index = pd.Series(-1, index=codes, dtype="int64")
    for i, key in enumerate(keys):
        index[(moves == key).to_numpy()] = i
    index.index.name = KEY
    b = before.reindex(codes).astype("boolean")
    a = after.reindex(codes).astype("boolean")

    def status(s: pd.Series) -> pd.Series:
        i = pd.Series(np.where(s.isna(), -1, np.where(s.fillna(False), 0, 1)), index=codes)
        return _cat_text(i, ["healthy", "not_healthy"], lang)

    values = pd.DataFrame({t("maps.before", lang): status(b), t("maps.after", lang): status(a)}, index=codes)
    palette = tuple(TRANSITION_COLOURS[k] for k in keys)
    entries = [LegendEntry(t(f"conversions.tr_{k}", lang), TRANSITION_COLOURS[k], int((index == i).sum()))
               for i, k in enumerate(keys)]
    entries.append(LegendEntry(t("conversions.tr_no_data", lang), NO_DATA_COLOUR, int((index == -1).sum())))
    first, last = periods
    title = t("maps.transition_between", lang, before=period_label(first, lang, short=True),
              after=period_label(last, lang, short=True)) if first and last else t("maps.transition_title", lang)
    legend = Legend(title, tuple(entries))
    return ThemeMap("transition", index, _fill(index, palette), values, legend, pd.Series(True, index=codes))


def inspection_metric(df: pd.DataFrame, metric: Metric = "count") -> pd.Series:
    """Inspections per commune: a count, per at-risk establishment, or per km² (Float64, NA = no data).

    Per establishment is NA where establishments is 0 or NA; per km² is NA for units without a boundary
    (their area is not known) and where the area is missing or 0.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {METRICS}")
    codes = _codes(df)
    insp = _num(df, "inspections", codes)
    if metric == "count":
        return insp
    if metric == "per_establishment":
        est = _num(df, "establishments", codes)
        return (insp / est.where(est > 0)).astype("Float64")
    area = _num(df, "area_km2", codes)
    has_boundary = _bool(df, "has_boundary", codes).fillna(False).astype(bool)
    return (insp / area.where((area > 0) & has_boundary)).astype("Float64")


def inspections_theme(
    df: pd.DataFrame,
    metric: Metric = "count",
    scheme: Scheme = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
    lang: str = "vi",
) -> ThemeMap:
    """Theme 3: inspection density, classed by :func:`geo.maps.classify.classify` with a stated method."""
    codes = _codes(df)
    value = inspection_metric(df, metric)
    classes = classify(value, scheme, k=min(k, MAX_CLASSES), breaks=breaks)
    palette = _ramp(BLUES, classes.k)
    values = pd.DataFrame(
        {
            t("maps.inspections", lang): _fmt_series(_num(df, "inspections", codes), lang),
            t("maps.establishments", lang): _fmt_series(_num(df, "establishments", codes), lang),
        },
        index=codes,
    )
    if metric != "count":
        values[t(f"maps.{metric}", lang)] = _fmt_series(value, lang)
    legend = _classed_legend(t(f"maps.{metric}", lang), classes, palette, lang)
    return ThemeMap(
        "inspections",
        classes.index,
        _fill(classes.index, palette),
        values,
        legend,
        pd.Series(True, index=codes),
        classes=classes,
    )


def border_area(gdf: gpd.GeoDataFrame, tolerance: float = 1e-4) -> pd.Series:
    """True for Laos-border communes and the communes that touch one (``tolerance`` in degrees).

    The source polygons do not always meet exactly, so neighbours are found with a tiny buffer.
    Returns a boolean Series indexed by commune code.
    """
    codes = _codes(gdf)
    border = _bool(gdf, "is_laos_border", codes).fillna(False).astype(bool).to_numpy()
    geoms = gdf.geometry.reset_index(drop=True)
    near = np.zeros(len(gdf), dtype=bool)
    if border.any():
        probe = shapely.buffer(geoms[border].to_numpy(), tolerance)  # degrees on purpose: a tiny slack
        hits = geoms.sindex.query(probe, predicate="intersects")[1]
        near[hits] = True
    return pd.Series(border | near, index=codes)


def border_districts(gdf: gpd.GeoDataFrame) -> tuple[str, ...]:
    """The districts (former districts from July 2025) that hold the :func:`border_area`: the border page's frame."""
    return tuple(sorted(set(gdf.loc[border_area(gdf).to_numpy(), "district_code"])))


def border_theme(
    gdf: gpd.GeoDataFrame,
    scheme: Scheme = "natural_breaks",
    k: int = 4,
    breaks: list[float] | None = None,
    lang: str = "vi",
    prominent: pd.Series | None = None,
    suppress_small: bool = False,
) -> ThemeMap:
    """Theme 4: border incidents classed over the border area, victims received as circles.

    With ``suppress_small``, victims and criminal cases from 1 to 2 read "<3" and all such circles have the
    same size (:mod:`geo.figures.privacy`), for accounts without the right to see small counts.

    Parameters
    ----------
    gdf
        The joined frame, with geometry (for the neighbours and the circle positions).
    prominent
        Communes to colour, indexed by code; default :func:`border_area`. The others are drawn faint and
        counted under "outside the border area".
    """
    codes = _codes(gdf)
    area = (prominent if prominent is not None else border_area(gdf)).reindex(codes, fill_value=False)
    area = area.astype(bool)
    incidents = _num(gdf, "border_incidents", codes)
    classes = classify(incidents[area.to_numpy()], scheme, k=min(k, MAX_CLASSES), breaks=breaks)
    palette = _ramp(ORANGES, classes.k)
    index = pd.Series(-2, index=codes, dtype="int64")
    index[area.to_numpy()] = classes.index.to_numpy()
    fill = _fill(index, palette)
    fill[index == -2] = OUTSIDE_COLOUR
    legend = _classed_legend(t("maps.border_incidents", lang), classes, palette, lang)
    outside = LegendEntry(t("maps.outside", lang), OUTSIDE_COLOUR, int((index == -2).sum()))
    note = f"{legend.note}. {t('maps.border_note', lang)}"

    victims = _num(gdf, "victims_received", codes)
    cases = _num(gdf, "criminal_cases", codes)
    if suppress_small:
        victims = privacy.flatten_small(victims)
    circles, sizes = _circles(gdf, codes, victims, area)
    if suppress_small:  # one legend circle per label: a masked 1 and a masked 2 are the same "<3"
        masked = [SizeEntry(str(privacy.mask_value(int(s.label))), s.radius) for s in sizes]
        sizes = tuple(s for i, s in enumerate(masked) if s.label not in {m.label for m in masked[:i]})
    legend = Legend(
        legend.title,
        (*legend.entries, outside),
        note,
        sizes,
        t("maps.victims_received", lang),
    )
    values = pd.DataFrame(
        {
            t("maps.border_incidents", lang): _fmt_series(incidents, lang),
            t("maps.criminal_cases", lang): _fmt_series(cases, lang, masked=suppress_small),
            t("maps.victims_received", lang): _fmt_series(victims, lang, masked=suppress_small),
            t("maps.border_km", lang): _fmt_series(_num(gdf, "laos_border_km", codes), lang, decimals=1),
        },
        index=codes,
    )
    return ThemeMap("border", index, fill, values, legend, area, circles, classes)


def hotspot_theme(result: Hotspots, codes: pd.Index, lang: str = "vi") -> ThemeMap:
    """The hot-spot map of ``result`` (:func:`geo.figures.hotspots.hotspots`) over the units ``codes``.

    Classes: hot at 99, 95 and 90 % confidence, cold, outlier, not significant; units left out (no data, no
    base, no polygon, island) in the no-data grey with the reason in the tooltip. The legend's note is the
    method in one sentence.
    """
    from geo.figures.hotspots import cluster_words, method_sentence, note_words

    by = result.by_code()
    keys = []
    for code in codes:
        u = by.get(code)
        if u is None or u.note is not None:
            keys.append(None)
        elif u.cluster == "hot":
            keys.append(f"hot_{u.level}")
        else:
            keys.append(u.cluster)
    pos = {k: i for i, k in enumerate(HOTSPOT_CLASSES)}
    index = pd.Series([pos[k] if k is not None else -1 for k in keys], index=codes, dtype="int64")
    palette = tuple(HOTSPOT_COLOURS[k] for k in HOTSPOT_CLASSES)
    labels = [cluster_words("hot", 99, lang), cluster_words("hot", 95, lang), cluster_words("hot", 90, lang),
              t("hotspots.cold", lang), cluster_words("outlier", None, lang), cluster_words("none", None, lang)]
    entries = [LegendEntry(label, HOTSPOT_COLOURS[k], int((index == i).sum()))
               for i, (k, label) in enumerate(zip(HOTSPOT_CLASSES, labels, strict=True))]
    entries.append(LegendEntry(t("hotspots.left_out", lang), NO_DATA_COLOUR, int((index == -1).sum())))
    from geo.figures.hotspots import measure_words

    title = f"{t('hotspots.title', lang)}: {measure_words(result.measure, lang)}"
    legend = Legend(title, tuple(entries), method_sentence(result, lang))

    def text(code: str) -> tuple[str, str, str, str]:
        u = by.get(code)
        if u is None:
            return t("maps.no_data", lang), "", "", ""
        value = t("maps.no_data", lang) if u.value is None else str(u.value)
        rate = "" if u.rate is None else (f"{u.rate:.3g}".replace(".", ",") if lang == "vi" else f"{u.rate:.3g}")
        why = note_words(u.note, lang)
        return value, rate, cluster_words(u.cluster, u.level, lang) if u.note is None else "", why

    rows = [text(code) for code in codes]
    values = pd.DataFrame(rows, index=codes, columns=[measure_words(result.measure, lang), t("hotspots.rate", lang),
                                                      t("hotspots.class", lang), t("hotspots.left_out_why", lang)])
    return ThemeMap("hotspots", index, _fill(index, palette), values, legend, pd.Series(True, index=codes))


def theme_map(
    theme: ThemeId,
    gdf: gpd.GeoDataFrame,
    lang: str = "vi",
    *,
    metric: Metric = "count",
    scheme: Scheme = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
    suppress_small: bool = False,
) -> ThemeMap:
    """Dispatch on a theme id (the options are ignored by the categorical themes).

    ``suppress_small`` masks victims and criminal cases below 3 (border theme; the others do not show them).
    """
    if theme == "healthy":
        return healthy_theme(gdf, lang)
    if theme == "conversions":
        return conversions_theme(gdf, lang)
    if theme == "inspections":
        return inspections_theme(gdf, metric, scheme, k, breaks, lang)
    if theme == "border":
        return border_theme(gdf, scheme, k, breaks, lang, suppress_small=suppress_small)
    raise ValueError(f"unknown theme {theme!r}; use one of {THEMES}")


def view_theme(
    communes: gpd.GeoDataFrame,
    records: pd.DataFrame,
    theme: str,
    district_codes: Iterable[str] | None = None,
    lang: str = "vi",
    *,
    before_records: pd.DataFrame | None = None,
    metric: Metric = "count",
    scheme: Scheme = "quantiles",
    k: int = 5,
    breaks: Sequence[float] | None = None,
    suppress_small: bool = False,
    measure: str = "violations",
) -> tuple[gpd.GeoDataFrame, ThemeMap]:
    """The communes shown and their theme: the one map pipeline of the live map, the sheets and the exports.

    Filter the communes to the districts, join the period's records of those communes, then build the theme
    (:func:`theme_map`, or :func:`transition` against ``before_records``) with the same options; classes are
    computed over the communes shown, so the live map and the printed sheet of one view have the same breaks,
    colours and counts.

    The hot spots (``theme="hotspots"``: ``measure`` over ``metric`` as the base) are computed on every unit of
    ``communes`` (a cluster does not stop at a district line) and shown on the districts' units.
    """
    gdf = filter_districts(communes, district_codes)
    if theme == "hotspots":
        from geo.figures.hotspots import hotspots

        base = {"count": "count", "per_establishment": "establishment", "per_km2": "km2"}[metric]
        period = records["period"].dropna()
        result = hotspots(communes, records, measure, base, period=str(period.iloc[0]) if len(period) else "",
                          districts=tuple(district_codes or ()))
        joined = join_status(gdf, records[records[KEY].isin(gdf[KEY])])
        return joined, hotspot_theme(result, pd.Index(gdf[KEY].astype(str).to_numpy(), name=KEY), lang)
    shown = records[records[KEY].isin(gdf[KEY])]  # filtered once: 60 ms for the country
    joined = join_status(gdf, shown)
    if theme == "transition":
        before = before_records if before_records is not None else records.iloc[0:0]
        codes = pd.Index(gdf[KEY].to_numpy())
        return joined, transition(before.set_index(KEY)["healthy"].reindex(codes),
                                  records.set_index(KEY)["healthy"].reindex(codes), lang,
                                  periods=(_period_of(before_records), _period_of(records)))
    return joined, theme_map(theme, joined, lang, metric=metric, scheme=scheme, k=k,
                             breaks=list(breaks) if breaks else None, suppress_small=suppress_small)


# --- helpers -----------------------------------------------------------------------------------------


def _period_of(records: pd.DataFrame | None) -> str | None:
    """The one period of a frame of records (None when empty, or when it mixes periods)."""
    if records is None or "period" not in records or records.empty:
        return None
    found = records["period"].dropna().astype(str).unique()
    return str(found[0]) if len(found) == 1 else None


def _codes(df: pd.DataFrame) -> pd.Index:
    """The commune codes of ``df`` as an index named ``commune_code``."""
    return pd.Index(df[KEY].astype(str).to_numpy(), name=KEY)


def _bool(df: pd.DataFrame, col: str, codes: pd.Index) -> pd.Series:
    """Column ``col`` as nullable boolean indexed by code; all NA when the column is absent."""
    if col not in df:
        return pd.Series(pd.NA, index=codes, dtype="boolean")
    return pd.Series(df[col].astype("boolean").to_numpy(), index=codes, dtype="boolean")


def _num(df: pd.DataFrame, col: str, codes: pd.Index) -> pd.Series:
    """Column ``col`` as Float64 indexed by code; all NA when the column is absent."""
    if col not in df:
        return pd.Series(pd.NA, index=codes, dtype="Float64")
    return pd.Series(pd.to_numeric(df[col], errors="coerce").astype("Float64").to_numpy(), index=codes)


def _is(s: pd.Series, value: bool) -> np.ndarray:
    """Where nullable boolean ``s`` equals ``value``; NA never matches."""
    return (s == value).fillna(False).to_numpy(dtype=bool)


def _categorical(
    theme: str,
    index: pd.Series,
    cats: list[tuple[str, str]],
    values: pd.DataFrame,
    title: str,
    lang: str,
) -> ThemeMap:
    """Build a categorical ThemeMap: fixed colour per category, then "no data"."""
    palette = tuple(c for _, c in cats)
    entries = [
        LegendEntry(t(f"maps.{key}", lang), colour, int((index == i).sum())) for i, (key, colour) in enumerate(cats)
    ]
    entries.append(LegendEntry(t("maps.no_data", lang), NO_DATA_COLOUR, int((index == -1).sum())))
    legend = Legend(title, tuple(entries))
    prominent = pd.Series(True, index=index.index)
    return ThemeMap(theme, index, _fill(index, palette), values, legend, prominent)


def _classed_legend(title: str, classes: Classes, palette: tuple[str, ...], lang: str) -> Legend:
    """Legend of a classed theme: one row per class, then "no data", and the method as a note."""
    entries = [
        LegendEntry(label, colour, count)
        for label, colour, count in zip(classes.labels_for(lang), palette, classes.counts, strict=True)
    ]
    entries.append(LegendEntry(t("maps.no_data", lang), NO_DATA_COLOUR, classes.no_data_count))
    return Legend(title, tuple(entries), f"{t('maps.classes', lang)}: {classes.method_for(lang)}")


def _ramp(ramps: dict[int, tuple[str, ...]], k: int) -> tuple[str, ...]:
    """The ColorBrewer ramp for ``k`` classes (empty for k = 0)."""
    return ramps[k] if k else ()


def _fill(index: pd.Series, palette: tuple[str, ...]) -> pd.Series:
    """Colour per commune: the class colour, or the no-data colour for -1."""
    lookup = np.array([*palette, NO_DATA_COLOUR], dtype=object)
    pos = np.where(index.to_numpy() >= 0, index.to_numpy(), len(palette))
    return pd.Series(lookup[pos], index=index.index, dtype=object)


def _cat_text(index: pd.Series, keys: list[str], lang: str) -> pd.Series:
    """Category label per commune ("No data" for -1)."""
    labels = np.array([*(t(f"maps.{k}", lang) for k in keys), t("maps.no_data", lang)], dtype=object)
    pos = np.where(index.to_numpy() >= 0, index.to_numpy(), len(keys))
    return pd.Series(labels[pos], index=index.index, dtype=object)


def _yes_no(s: pd.Series, lang: str) -> pd.Series:
    """Yes / No / No data per commune."""
    out = s.map({True: t("maps.yes", lang), False: t("maps.no", lang)}).astype(object)
    return out.where(s.notna(), t("maps.no_data", lang))


def _fmt_series(s: pd.Series, lang: str, decimals: int = 2, *, masked: bool = False) -> pd.Series:
    """Numbers as text for tooltips.

    Whole numbers plain, others with ``decimals``, NA as "No data"; with ``masked``, small counts as "<3".
    """

    def one(x: object) -> str:
        if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
            return t("maps.no_data", lang)
        if masked and privacy.is_small(x):
            return privacy.MASK
        v = float(x)
        text = str(int(v)) if v.is_integer() else f"{v:.{decimals}f}"
        return text.replace(".", ",") if lang == "vi" else text

    return pd.Series([one(x) for x in s.astype(object)], index=s.index, dtype=object)


def _circles(
    gdf: gpd.GeoDataFrame, codes: pd.Index, values: pd.Series, area: pd.Series
) -> tuple[tuple[Circle, ...], tuple[SizeEntry, ...]]:
    """Proportional circles (area ∝ value: radius ∝ √value) for positive values in the border area."""
    mask = (values.fillna(0) > 0).to_numpy() & area.to_numpy()
    if not mask.any():
        return (), ()
    vmax = float(values[mask].max())
    pts = gdf.geometry.reset_index(drop=True)[mask].representative_point()
    sel = values[mask]
    circles = [
        Circle(code, float(p.y), float(p.x), _radius(float(v), vmax), int(v))
        for code, p, v in zip(sel.index, pts, sel.to_numpy(dtype=float), strict=True)
    ]
    circles.sort(key=lambda c: -c.radius)
    refs = sorted({int(vmax), max(1, round(vmax / 4)), 1}, reverse=True)
    sizes = tuple(SizeEntry(str(v), _radius(float(v), vmax)) for v in refs)
    return tuple(circles), sizes


def _radius(value: float, vmax: float) -> float:
    """Radius in px of a circle whose area is proportional to ``value``."""
    return round(CIRCLE_MAX_RADIUS * math.sqrt(value / vmax), 2)
