"""The leadership briefing: what one period looks like for an area, as content (no drawing here).

:func:`build_briefing` gathers everything the document shows from the functions the overview and the CLI use:
the period's figures, the plan's assessment and the communes whose status changed
(:func:`geo.figures.summary.period_summary`), the previous period's figures for the change, the district table
(:func:`geo.figures.summary.district_table`), the hand-entered plan items
(:func:`geo.figures.plan_items.period_items`) and
the four theme map sheets (:mod:`geo.maps.sheets`). :mod:`geo.briefing.pdf` and :mod:`geo.briefing.docx` lay the same
:class:`Briefing` out.

For a quarter the plan's yearly counts (inspections, criminal cases) are compared with the year to date, as on
the overview; the status is the quarter's own.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import pandas as pd

from geo import clock
from geo.contract import KEY
from geo.figures import plan_items, privacy
from geo.figures.period import period_figures, store_records
from geo.figures.summary import Assessment, PeriodSummary, district_table
from geo.figures.targets import Plan, Target, plan_for
from geo.periods import period_label, period_parts, periods_label
from geo.records.store import is_illustrative, list_periods, load_records
from geo.text import t
from geo.text.numbers import fmt_number, fmt_percent

if TYPE_CHECKING:
    import geopandas as gpd
    from sqlalchemy.engine import Engine

    from geo.figures.hotspots import WhereToLook
    from geo.maps.sheets import SheetInputs, SheetOptions

MAP_THEMES: Final = ("healthy", "conversions", "inspections", "border")
# The briefing's sections in order. Each has a heading (catalog ``briefing.s_<id>``, numbered by its place
# here) and a writer in geo/briefing/pdf.py and docx.py (``SECTION_WRITERS``); a section that has nothing to
# show for a briefing is left out by :meth:`Briefing.sections` (and the following ones renumbered).
SECTIONS: Final = ("targets", "trend", "maps", "hotspots", "changed", "districts", "items", "sources")
# Yearly counts judged against the share of the year gone by in a quarter: 20-30 cases in the year means
# at least 10 by the end of Q2 to be on track. Ratios and "maintained" counts must hold in every quarter.
PRO_RATA: Final = frozenset({"inspections_ytd", "criminal_cases_ytd", "converted", "commitments_signed"})
PROGRESS_COLOURS: Final = {"met": "#1a7f37", "on_track": "#2166ac", "behind": "#b35806", "no_data": "#777777",
                           "reported": "#555555", "province_only": "#555555"}


def fmt_change(value: float | None, lang: str, decimals: int = 0) -> str:
    """A signed change: ``+4``, ``−0,63``, ``0``; a dash when either side is missing."""
    if value is None:
        return "—"
    if round(value, decimals) == 0:
        return fmt_number(0, lang, decimals)
    sign = "+" if value > 0 else "−"
    return sign + fmt_number(abs(value), lang, decimals)


def year_share(period: str) -> float:
    """How much of the year a period covers by its end: Q1 0.25 … Q4 and a year 1.0."""
    quarter = period_parts(period)[1]
    return 1.0 if quarter is None else quarter / 4


def target_progress(row: Assessment, target: Target, period: str) -> str:
    """The briefing's judgement of one :func:`geo.figures.summary.assess_targets` row: met, on_track, behind, no_data.

    An activity with a figure but no numeric target (T7) is ``reported``.
    """
    status = row.status
    if status in ("met", "above"):
        return "met"
    if status == "not_measured":
        return "no_data"
    if status == "reported":
        return "reported"
    if status == "not_met":
        return "behind"
    goal = target.value if target.value is not None else target.min
    if target.metric in PRO_RATA and goal is not None and row.actual is not None:
        return "on_track" if float(row.actual) >= goal * year_share(period) else "behind"
    return "behind"


def target_text(target: Target, lang: str, value: float | tuple[float, float] | None = None) -> str:
    """The figure a target is judged against: ``590``, ``93,86 %``, ``60–80``; empty for an activity.

    ``value`` is the assessment's (a district's own target where it has one); without it, the plan's figure.
    """
    if value is None and target.value is not None:
        value = target.value
    elif value is None and target.min is not None:
        value = (target.min, target.max)
    if value is None:
        return ""
    unit = f" {target.unit}" if target.unit else ""
    if isinstance(value, tuple):
        return f"{fmt_number(value[0], lang)}–{fmt_number(value[1], lang)}{unit}"
    return fmt_number(value, lang, 2 if value != int(value) else 0) + unit


def _decimals(metric: str | None) -> int:
    return 2 if metric == "healthy_ratio" else 0


@dataclass
class Briefing:
    """Everything a briefing shows, already in ``lang``; the renderers only lay it out."""

    period: str
    districts: tuple[str, ...]
    lang: str
    made: dt.date
    illustrative: bool
    area: str
    previous: str | None
    headline: str
    targets: list[dict[str, str]]
    items: list[dict[str, str]]
    changed: pd.DataFrame
    changes_line: str
    district_rows: pd.DataFrame
    sources: list[str]
    method: list[str]
    notes: list[str]
    sheet_inputs: SheetInputs
    trend_spec: str | None = None  # the trend chart as Vega-Lite JSON (geo.figures.trend.briefing_chart)
    trend_caption: str = ""
    suppress_small: bool = False
    map_options: list[SheetOptions] = field(default_factory=list)
    plan_line: str = ""  # "KẾ HOẠCH 19/KH-UBND NGÀY 25/01/2019": the plan of the period's year, if any
    plan_basis: str = ""  # "Kế hoạch số 19/KH-UBND ngày 25/01/2019": the same in running text
    targets_empty: str = ""  # the sentence said instead of an empty targets table
    items_empty: str = ""  # the sentence said instead of an empty plan-items table
    former_districts: bool = False  # the units have no districts (from July 2025): former districts are shown
    where_to_look: WhereToLook | None = None  # the period's significant hot spots (geo.figures.hotspots)

    @property
    def kicker(self) -> str:
        """The cover's first line: the issuing body and the plan of the period's own year (none: the body)."""
        return " · ".join(filter(None, (issuing_body(self.lang).upper(), self.plan_line)))

    @property
    def title(self) -> str:
        """The document's title line."""
        return f"{t('briefing.title', self.lang)} — {period_label(self.period, self.lang)}"

    @property
    def sheet_kinds(self) -> str:
        """The kinds of unit of the report's list, in words, as its sheets' titles say them."""
        from geo.maps.sheets import sheet_kinds

        return sheet_kinds(self.sheet_inputs, self.lang)

    def sections(self) -> list[str]:
        """The ids of :data:`SECTIONS` this briefing shows, in order (no trend chart: no trend section)."""
        return [s for s in SECTIONS if (s != "trend" or self.trend_spec)
                and (s != "hotspots" or self.where_to_look is not None)]

    def heading(self, section: str) -> str:
        """A section's numbered heading: "3. Bản đồ chuyên đề" (its place among :meth:`sections`)."""
        key = "districts_former" if section == "districts" and self.former_districts else section
        return f"{self.sections().index(section) + 1}. {t(f'briefing.s_{key}', self.lang)}"


def issuing_body(lang: str = "vi", *, short: bool = False) -> str:
    """Who issues the briefing: the setting ``GEO_ISSUING_BODY`` as written, else the province's People's Committee.

    ``short``: the form the top-left block of an administrative document uses ("UBND TỈNH THANH HÓA", Decree
    30/2020/NĐ-CP), else the full name ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA") the PDF's cover starts with.
    """
    return (os.environ.get("GEO_ISSUING_BODY") or "").strip() or t(
        "briefing.issuing_body_short" if short else "briefing.kicker", lang)


class BriefingError(ValueError):
    """An unknown period or district (the message is in the user's language)."""


def build_briefing(engine: Engine, period: str, *, districts: tuple[str, ...] | list[str] = (), lang: str = "vi",
                   made: dt.date | None = None, suppress_small: bool = False,
                   communes: gpd.GeoDataFrame | None = None, border: gpd.GeoDataFrame | None = None,
                   with_trend: bool = True) -> Briefing:
    """Gather the briefing of ``period`` for the province (no ``districts``) or the given districts.

    Raises
    ------
    BriefingError
        When the period has no records or a district code is unknown.
    """
    from geo.boundaries.border import read_laos_border  # heavy: only when building
    from geo.figures.hotspots import briefing_where_to_look  # PySAL: only when building
    from geo.maps.sheets import SheetInputs, SheetOptions, scope_text

    districts = tuple(sorted(str(d) for d in districts))
    periods = list_periods(engine)
    if period not in periods:
        raise BriefingError(t("briefing.no_period", lang, period=period, known=periods_label(periods, lang)))
    layer, unit_version = _units(engine, period, communes)
    for code in districts:
        if code not in set(layer["district_code"]):
            raise BriefingError(t("briefing.no_district", lang, code=code))
    table = pd.DataFrame(layer.drop(columns="geometry"))
    plan = plan_for(period, engine)  # the plan of the period's own year; None: the briefing says there is none
    said = period_label(period, lang)
    illustrative = is_illustrative(engine, period)
    records_of = store_records(engine, on=period)  # every period on this period's units, through the links
    figures = period_figures(engine, table, period, districts=districts, periods=periods, records_of=records_of)
    shown = figures if not suppress_small else privacy.mask_figures(figures)
    before = figures.previous_period
    changed, changes_line = changed_table(figures, lang)

    inputs = SheetInputs(layer, load_records(engine, period), illustrative,
                         read_laos_border() if border is None else border, unit_version=unit_version, engine=engine)
    made = made or clock.today()
    map_options = [SheetOptions(theme=theme, period=period, districts=districts, lang=lang, made=made,
                                suppress_small=suppress_small) for theme in MAP_THEMES]
    area = t("briefing.province", lang) if not districts else scope_text(inputs, map_options[0])
    from geo.units.versions import has_districts, unit_kinds

    former = not has_districts(unit_version)
    area_units = table[table["district_code"].isin(districts)] if districts else table
    kinds = unit_kinds(area_units["commune_type"], lang)  # the area's kinds: "xã, thị trấn" in Mường Lát
    briefing = Briefing(period=period, districts=districts, lang=lang, made=made, illustrative=illustrative,
                        area=area, previous=before, headline=headline(figures, lang, kinds),
                        targets=target_rows(figures, shown, plan, lang, suppress_small=suppress_small),
                        items=item_rows(engine, plan, period, lang), changes_line=changes_line,
                        changed=changed.rename(columns={t("briefing.col_district", lang):
                                                        t("briefing.col_former_district", lang)}) if former
                        else changed,
                        district_rows=district_rows(table, records_of(period), shown, districts, lang,
                                                    suppress_small=suppress_small, former=former),
                        sources=source_lines(engine, layer, period, before, plan, unit_version, illustrative,
                                             lang),
                        method=method_lines(lang, suppress_small=suppress_small),
                        notes=note_lines(period, before, plan, districts, lang,
                                         province_targets=any(r.status == "province_target"
                                                              for r in figures.assessment or ())),
                        sheet_inputs=inputs,
                        suppress_small=suppress_small, map_options=map_options,
                        plan_line="" if plan is None else plan.plan_line(lang), plan_basis=plan_basis(plan, lang),
                        targets_empty=t("briefing.no_plan", lang, year=period_parts(period)[0], period=said)
                        if plan is None else t("briefing.no_targets", lang),
                        items_empty=t("briefing.no_plan_items", lang) if plan is None
                        else t("briefing.no_items", lang), former_districts=former,
                        where_to_look=briefing_where_to_look(engine, period, districts=districts, lang=lang))
    if with_trend:
        from geo.figures import trend

        # the periods ended by the report's own end: nothing after the report's period
        briefing.trend_spec, briefing.trend_caption = trend.briefing_chart(engine, districts, lang, until=period)
    return briefing


def plan_basis(plan: Plan | None, lang: str) -> str:
    """The plan as running text names it: "Kế hoạch số 19/KH-UBND ngày 25/01/2019" ("" without a plan)."""
    if plan is None:
        return ""
    if not plan.signed:
        return t("briefing.plan_basis", lang, id=plan.id)
    y, m, d = plan.signed.split("-")
    return t("briefing.plan_basis_dated", lang, id=plan.id, date=f"{d}/{m}/{y}")


def _units(engine: Engine, period: str, communes: gpd.GeoDataFrame | None) -> tuple[gpd.GeoDataFrame, str]:
    """The units the briefing of ``period`` shows (``communes`` when given) and their unit version."""
    from geo.records.store import period_version

    unit_version = period_version(engine, period)  # the rule's, or an import's choice (as the exports)
    if communes is None:  # the lines in use for the period's unit version, as the exports
        from geo.boundaries.revisions import apply_revisions
        from geo.units.versions import layer

        communes = apply_revisions(layer(unit_version), engine, unit_version)
    return communes, unit_version


def headline(figures: PeriodSummary[int | None], lang: str, kinds: str) -> str:
    """The cover's sentence: healthy communes and their share, conversions, communes that reported.

    ``kinds``: the unit list's kinds in words (:func:`geo.units.versions.unit_kinds`).
    """
    status = figures.status
    return t("briefing.headline", lang, kinds=kinds, healthy=fmt_number(status.healthy, lang),
             total=fmt_number(status.communes_total, lang), ratio=fmt_percent(status.healthy_ratio, lang),
             converted=fmt_number(status.converted, lang), targets=fmt_number(status.conversion_targets, lang),
             reporting=fmt_number(status.communes_reporting, lang))


def target_rows(figures: PeriodSummary[int | None], shown: PeriodSummary[int | str | None], plan: Plan | None,
                lang: str, *, suppress_small: bool = False) -> list[dict[str, str]]:
    """Section 1: each plan target with its result, the previous period's, the change and the judgement.

    ``shown`` is ``figures`` as the reader may see them (small sensitive counts masked); the change and the
    judgement are made on the numbers. A district's counts are not judged against the province's targets
    (590 communes, 60–80 inspections): only percentages are.
    """
    if plan is None:
        return []
    period, previous = figures.period, figures.previous
    targets = {item.id: item for item in plan.targets}
    prev_rows = {r.id: r for r in previous.assessment or ()} if previous is not None else {}
    rows = []
    for row in figures.assessment:
        target = targets[row.id]
        metric = row.metric
        dec = _decimals(metric)
        unit = " %" if target.unit == "%" else ""
        points = t("briefing.points", lang) if target.unit == "%" else ""
        actual = shown.figure(metric)
        before_actual = prev_rows[row.id].actual if previous is not None else None
        prev = (privacy.mask_value(before_actual) if suppress_small and privacy.is_sensitive_figure(metric)
                else before_actual)
        change = None
        if row.actual is not None and before_actual is not None and not (
                suppress_small and metric in privacy.SENSITIVE_FIELDS
                and (privacy.is_small(row.actual) or privacy.is_small(before_actual))):
            change = float(row.actual) - float(before_actual)
        province_only = row.status == "province_target"  # the assessment's district rule (assess_targets)
        progress = "province_only" if province_only else target_progress(row, target, period)
        rows.append({
            "id": target.id, "label": target.label(lang), "plan": target_text(target, lang, row.target),
            "actual": fmt_number(actual, lang, dec) + (unit if actual is not None else ""),
            "previous": "—" if previous is None else fmt_number(prev, lang, dec) + (unit if prev is not None else ""),
            "change": fmt_change(change, lang, dec) + (points if change is not None else ""),
            "progress": progress,
            "status": t("briefing.province_only", lang) if province_only else verdict(row.status, progress, lang),
        })
    return rows


def verdict(status: str, progress: str, lang: str) -> str:
    """The overview's word for a target (``targets.<status>``: Đạt, Chưa đạt, Vượt, Đang thực hiện …).

    Before the year ends the overview says "Đang thực hiện"; the briefing adds its pace in brackets ("đúng tiến
    độ" / "chậm tiến độ", :func:`target_progress`), the same word first.
    """
    word = t(f"targets.{status}", lang)
    if status == "in_progress" and progress in ("on_track", "behind"):
        pace = t(f"plan.status_{progress}", lang)
        return f"{word} ({pace[0].lower() + pace[1:] if lang == 'vi' else pace.lower()})"
    return word


def item_rows(engine: Engine, plan: Plan | None, period: str, lang: str) -> list[dict[str, str]]:
    """Section 6: the items without commune figures, their latest entry up to the period's end and its judgement."""
    if plan is None:
        return []
    targets = {item.id: item for item in plan.targets}
    rows = []
    for row in plan_items.period_items(engine, plan, period):
        target = targets[row.id]
        note_bits = [row.note or ""]
        if row.as_of is not None:
            note_bits.append(f"({row.username}, {row.as_of:%d/%m/%Y})")
        rows.append({
            "id": target.id, "label": target.label(lang),
            "plan": target_text(target, lang),
            "deadline": period_label(target.deadline, lang) if target.deadline else "",
            "entered": "" if row.status is None else t(f"plan.status_{row.status}", lang),
            "actual": "" if row.value is None else fmt_number(row.value, lang),
            "note": " ".join(b for b in note_bits if b),
            "progress": row.progress, "status": t(f"plan.status_{row.progress}", lang),
        })
    return rows


def changed_table(figures: PeriodSummary[int | None], lang: str) -> tuple[pd.DataFrame, str]:
    """Section 4: the communes whose status changed since the previous period, and the sentence above them.

    The status of a quarter is its own (not the year to date's).
    """
    before = figures.previous_period
    if not before:
        return pd.DataFrame(), t("briefing.no_previous", lang)
    moved = pd.DataFrame([c.as_json() for c in figures.changed_communes],
                         columns=[KEY, "commune_name", "district_name", "transition"]).rename(
        columns={"transition": "move"})
    moved = moved.sort_values(["move", "district_name", "commune_name"])
    changed = pd.DataFrame({
        t("briefing.col_commune", lang): moved["commune_name"].to_numpy(),
        t("briefing.col_district", lang): moved["district_name"].to_numpy(),
        t("briefing.col_before", lang): [t("briefing.not_healthy" if m == "newly_healthy" else "briefing.healthy", lang)
                                         for m in moved["move"]],
        t("briefing.col_after", lang): [t("briefing.healthy" if m == "newly_healthy" else "briefing.not_healthy", lang)
                                        for m in moved["move"]],
    })
    up = int((moved["move"] == "newly_healthy").sum())
    said = period_label(before, lang)
    said = said[0].lower() + said[1:] if lang == "vi" else said  # mid-sentence: "so với quý 1 năm 2019"
    line = (t("briefing.no_changes", lang, period=said) if moved.empty else
            t("briefing.changes_intro", lang, n=len(moved), period=said, up=up, down=len(moved) - up))
    return changed, line


def district_rows(table: pd.DataFrame, records: pd.DataFrame, shown: PeriodSummary[int | str | None],
                  districts: tuple[str, ...], lang: str, *, suppress_small: bool = False,
                  former: bool = False) -> pd.DataFrame:
    """Section 5: one row per district (:func:`geo.figures.summary.district_table`) and the total of the area.

    The total is the summary's (``shown``: masked as the rows are when ``suppress_small``); ``former``: the rows
    are former districts (the list of July 2025), and the first column says so.
    """
    district_col = t("briefing.col_former_district" if former else "briefing.col_district", lang)
    rows = district_table(table, records, districts or None)
    if suppress_small:
        rows = privacy.mask_frame(rows)
    out = pd.DataFrame({
        district_col: rows["district_name"],
        t("briefing.col_communes", lang): [fmt_number(v, lang) for v in rows["communes_total"]],
        t("briefing.col_healthy", lang): [fmt_number(v, lang) for v in rows["healthy"]],
        t("briefing.col_ratio", lang): [fmt_percent(v, lang) for v in rows["healthy_ratio"]],
        t("briefing.col_converted", lang): [f"{fmt_number(a, lang)}/{fmt_number(b, lang)}" for a, b
                                            in zip(rows["converted"], rows["conversion_targets"], strict=True)],
        t("briefing.col_inspections", lang): [fmt_number(v, lang) for v in rows["inspections_period"]],
        t("briefing.col_cases", lang): [fmt_number(v, lang) for v in rows["criminal_cases_period"]],
        t("briefing.col_commitments", lang): [fmt_number(v, lang) for v in rows["commitments_signed"]],
        t("briefing.col_no_data", lang): [fmt_number(v, lang) for v in rows["no_data"]],
    })
    status = shown.status
    total = {
        district_col: t("briefing.total", lang),
        t("briefing.col_communes", lang): fmt_number(status.communes_total, lang),
        t("briefing.col_healthy", lang): fmt_number(status.healthy, lang),
        t("briefing.col_ratio", lang): fmt_percent(status.healthy_ratio, lang),
        t("briefing.col_converted", lang): f"{fmt_number(status.converted, lang)}/"
                                     f"{fmt_number(status.conversion_targets, lang)}",
        t("briefing.col_inspections", lang): fmt_number(shown.counts.inspections, lang),
        t("briefing.col_cases", lang): fmt_number(shown.counts.criminal_cases, lang),
        t("briefing.col_commitments", lang): fmt_number(status.commitments_signed, lang),
        t("briefing.col_no_data", lang): fmt_number(status.no_data, lang),
    }
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def source_lines(engine: Engine, layer: gpd.GeoDataFrame, period: str, before: str | None, plan: Plan | None,
                 unit_version: str, illustrative: bool, lang: str) -> list[str]:
    """The sources section, each named once.

    The report's own unit list and boundaries (as on its sheets), the lists of the periods it compares with,
    the records and the plan. No file, command or program is named.
    """
    from geo.boundaries.revisions import boundary_citation
    from geo.figures.trend import units_caption
    from geo.records.store import period_version
    from geo.units.versions import changes_within, unit_list_line, versioned

    own = (unit_list_line(unit_version, layer, lang) if versioned()
           else t("sheets.source_boundaries", lang))
    sources = [own, *boundary_citation(layer, lang)]  # the report's own version, as its sheets cite it
    if before is not None and (prev := period_version(engine, before)) != unit_version:
        sources.append(t("briefing.src_compared", lang, period=period_label(before, lang),
                         units=unit_list_line(prev, None, lang)))
    if versioned() and (inside := changes_within(period)):  # a change inside the report's own period
        sources.append(t("briefing.src_change_inside", lang, period=period_label(period, lang),
                         dates=", ".join(f"{d[8:10]}/{d[5:7]}/{d[:4]}" for d in inside)))
    trend_periods = [p for p in list_periods(engine) if plan_items.period_end(p) <= plan_items.period_end(period)]
    if len({period_version(engine, p) for p in trend_periods}) > 1:  # the trend spans several lists
        sources.append(units_caption({p: period_version(engine, p) for p in trend_periods}, lang))
    sources.append(t("briefing.src_records_ill", lang) if illustrative
                   else t("briefing.src_records", lang, period=period_label(period, lang)))
    sources.append(t("briefing.src_plan", lang, title=plan.title_en if lang == "en" else plan.title_vi, id=plan.id)
                   if plan is not None else t("briefing.no_plan_short", lang, year=period_parts(period)[0]))
    return sources


def method_lines(lang: str, *, suppress_small: bool = False) -> list[str]:
    """Section 7, method: how targets and items are judged, the healthy share, the maps (and the "<3" rule)."""
    method = [t(f"briefing.m_{part}", lang) for part in ("status", "ratio", "items", "maps")]
    if suppress_small:
        method.append(t("briefing.m_small", lang))
    return method


def note_lines(period: str, before: str | None, plan: Plan | None, districts: tuple[str, ...], lang: str, *,
               province_targets: bool = False) -> list[str]:
    """The notes under the targets: year to date, a district's province-wide targets, no plan, the comparison.

    ``province_targets``: some target of a district view is the province's (no district figure of its own).
    """
    notes = [t("briefing.vs_previous", lang, period=period_label(before, lang)) if before
             else t("briefing.no_previous", lang)]
    if districts and province_targets:
        notes[0:0] = [t("targets.province_wide", lang), t("briefing.province_only_note", lang)]
    if period_parts(period)[1] is not None:
        notes.insert(0, t("briefing.ytd_note", lang, share=f"{fmt_number(100 * year_share(period), lang)} %"))
    return notes
