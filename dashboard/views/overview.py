"""Tổng quan / Overview: the plan's targets against the chosen period, at a glance, and the map.

Every figure comes from :func:`geo.figures.summary.period_summary` (through ``loaders.period_summary``, cached per
period, filter and data revision); this page only lays them out and writes them the way of the language.
"""

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import page, plan_tables
from geo.figures import privacy
from geo.figures.targets import no_plan_text
from geo.periods import period_label
from geo.text import t
from geo.text.numbers import fmt_change, fmt_date, fmt_fraction, fmt_number, fmt_percent, fmt_range, fmt_with_unit

filters: page.Filters = st.session_state["filters"]
lang = filters.lang
st.title(t("app.page_overview", lang))
period = page.require_period(filters)
page.illustrative_notice(filters)

plan = loaders.plan(period)  # the plan of the period's own year; None when that year has none
# Earlier periods on another unit list are re-expressed on this period's units there (geo.units.versions.records_on).
figures = loaders.period_summary(period, filters.districts)
if not filters.sees_small_counts:  # a district filter can make a total small enough to point at someone
    figures = privacy.mask_figures(figures)
status, counts, ytd, baseline = figures.status, figures.counts, figures.ytd, figures.baseline
targets = plan.by_metric() if plan is not None else {}
change = figures.change
before = figures.previous_period
before_note = loaders.records_on(before, period)[1] if before else None

scope_note = st.container()  # containers always there keep the map in its place (page.map_section)
if filters.districts and plan is not None:  # own targets judged, the province's shown without a verdict
    scope_note.caption(t("targets.district_scope", lang))


def delta(value: int | float | None, percent: bool = False) -> dict:
    """A tile's change since the previous period, signed, as Streamlit colours it ("+2", "-0,47 %").

    No change is neutral: "0", grey, without an arrow (not a green "↑ +0").
    """
    text = fmt_change(value, lang, percent=percent)
    if text is None:
        return {"delta": None}
    if text.startswith(("+", "-")):
        return {"delta": text}
    return {"delta": text, "delta_color": "off", "delta_arrow": "off"}


def words(p: str | None, *, short: bool = False) -> str:
    """A period in running text ("Quý 3 năm 2026", short "Quý 3/2026"); "—" for none."""
    return period_label(p, lang, short=short) if p else "—"


assessed = {row.metric: row for row in figures.assessment}  # the area's targets (a district's own, or the province's)


def target_help(metric: str) -> str:
    if metric not in targets or metric not in assessed:  # no plan for the period: never another year's targets
        return t("targets.no_plan_short", lang, year=figures.plan_year)
    target, row = targets[metric], assessed[metric]
    value = row.target
    shown = fmt_range(*value, lang) if isinstance(value, tuple) else fmt_with_unit(value, target.unit, lang)
    word = "targets.province_target" if row.status == "province_target" else "targets.target"
    return f"{t(word, lang)}: {shown}"


# The first screen holds the headline figures and the map together (1440×900: the map starts in the upper
# half); the other four figures come under the map. On a phone the map comes first (the shell's style sheet,
# web/server.py, orders the two boxes by their keys).
headline = st.container(key="ov_headline")
cols = headline.columns(4)
cols[0].metric(t("overview.healthy_communes", lang), fmt_fraction(status.healthy, status.communes_total, lang),
               **delta(None if change is None else change.healthy),
               help=t("overview.no_data_count", lang, n=fmt_number(status.no_data, lang)))
cols[1].metric(t("overview.healthy_ratio", lang), fmt_percent(status.healthy_ratio, lang),
               **delta(None if change is None else change.healthy_ratio, percent=True),
               help=target_help("healthy_ratio"))
cols[2].metric(t("conversions.tr_still_healthy", lang), fmt_number(baseline.healthy_maintained, lang),
               help=f"{t('overview.vs_baseline', lang, period=words(baseline.period, short=True))}. "
                    f"{target_help('healthy_maintained')}")
cols[3].metric(t("overview.converted", lang), fmt_fraction(status.converted, status.conversion_targets, lang),
               **delta(None if change is None else change.converted), help=target_help("converted"))
previous_note = headline.container()
if before is not None:
    previous_note.caption(t("overview.vs_previous", lang, period=words(before)))
    if before_note["changed"]:
        previous_note.caption(t("conversions.compare_note", lang, before=words(before, short=True),
                                after=words(period, short=True),
                                vb=fmt_date(before_note["from"]),
                                va=fmt_date(before_note["to"]),
                                approx=t("conversions.compare_approx", lang) if before_note["approximate"] else ""))

# The map right under the headline figures: what leadership open the page for (and it starts loading first).
with st.container(key="ov_mapbox"):
    st.subheader(t("common.map_healthy", lang))
    page.map_section(filters, "healthy", key="overview")
if filters.map_first:  # a session's first view: the rest comes in the run that the drawn map asks for
    st.stop()

cols = st.columns(4)
quarter = figures.period_kind == "quarter"
cols[0].metric(t("overview.inspections_ytd", lang), fmt_number(ytd.inspections, lang),
               help=target_help("inspections_ytd") + (
                   f". {t('overview.in_quarter', lang, n=fmt_number(counts.inspections, lang))}" if quarter else ""))
cols[1].metric(t("overview.cases_ytd", lang), fmt_number(ytd.criminal_cases, lang),
               help=target_help("criminal_cases_ytd") + (
                   f". {t('overview.in_quarter', lang, n=fmt_number(counts.criminal_cases, lang))}" if quarter else ""))
signed = status.commitments_signed
cols[2].metric(t("overview.commitments", lang), "—" if signed is None else fmt_fraction(signed, status.communes_total,
                                                                                        lang),
               **delta(None if change is None else change.commitments_signed))
cols[3].metric(t("conversions.tr_newly_healthy", lang), fmt_number(baseline.newly_healthy, lang),
               help=t("overview.vs_baseline", lang, period=words(baseline.period, short=True)))

by_id = {item.id: item for item in plan.targets} if plan is not None else {}
rows = []
for row in figures.assessment:
    target = by_id[row.id]
    value = row.target
    rows.append({
        "": row.id,
        t("targets.table", lang, year=figures.plan_year): target.label(lang),
        t("targets.target", lang): fmt_range(*value, lang) if isinstance(value, tuple)
        else ("" if value is None else fmt_with_unit(value, target.unit, lang)),
        # the figure as this account may read it ("<3"): the assessment itself is made on the number
        t("targets.actual", lang): "" if row.actual is None else fmt_with_unit(figures.figure(row.metric), target.unit,
                                                                               lang),
        t("common.status", lang): t(f"targets.{row.status}", lang),
    })
st.subheader(t("targets.table", lang, year=figures.plan_year))
if plan is None:
    st.info(no_plan_text(period, lang, editor=filters.can("import"), engine=loaders.engine()))
else:
    st.caption(t("targets.plan_of", lang, title=plan.title_vi if lang == "vi" else plan.title_en, id=plan.id))
    # Static tables on this page (st.table, not st.dataframe): a few rows each, read and copied into reports
    # as text, printed whole; and the map comes sooner, because Streamlit's grid (a canvas, a large lazily
    # loaded module) is drawn in the same React pass as the map's frame on the first visit (bench/RESULTS.md).
    st.table(pd.DataFrame(rows).set_index(""), border="horizontal")
    plan_tables.items_table(plan, period, lang)  # T6, T9, T10: province-level progress entered by editors

if before is not None:
    changed = figures.changed_communes
    with st.expander(t("overview.changes_since", lang, period=words(before), n=fmt_number(len(changed), lang)),
                     expanded=bool(changed)):
        if changed:
            st.table(pd.DataFrame({
                t("common.commune", lang): [c.commune_name for c in changed],
                page.district_word(period, lang): [c.district_name for c in changed],
                t("common.status", lang): [t(f"conversions.tr_{c.transition}", lang) for c in changed],
            }), hide_index=True, border="horizontal")
