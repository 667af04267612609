"""Tổng quan / Overview: the plan's targets against the chosen period, at a glance, and the map."""

import pandas as pd
import streamlit as st

import loaders
import plan_view
import ui
from geo import privacy
from geo.indicators import assess_targets, filter_districts, transitions
from geo.labels import label
from geo.periods import baseline_period

filters: ui.Filters = st.session_state["filters"]
lang = filters.lang
st.title(label("page_overview", lang))
period = ui.require_period(filters)
ui.illustrative_notice(filters)

plan = loaders.plan()
communes = loaders.commune_table()
base = baseline_period(period)
# Once per (period, filter, data revision) for every session, not per person and run (loaders.period_figures).
figures, previous, before = loaders.period_figures(period, tuple(filters.districts))
raw_figures = figures
if not filters.sees_small_counts:  # a district filter can make a total small enough to point at someone
    figures = privacy.mask_figures(figures)
targets = {t.metric: t for t in plan.targets if t.metric}

scope_note = st.container()  # containers always there keep the map in its place (ui.map_section)
if filters.districts:
    scope_note.caption(label("targets_province_wide", lang))


def delta(key: str) -> int | float | None:
    if previous is None or figures[key] is None or previous[key] is None:
        return None
    return round(figures[key] - previous[key], 2)


cols = st.columns(4)
cols[0].metric(label("healthy_communes", lang), f"{figures['healthy']} / {figures['communes_total']}",
               delta=delta("healthy"), help=label("no_data_count", lang, n=figures["no_data"]))
cols[1].metric(label("healthy_ratio", lang), f"{figures['healthy_ratio']} %", delta=delta("healthy_ratio"),
               help=f"{label('target', lang)}: {targets['healthy_ratio'].value} %")
cols[2].metric(label("maintained", lang), figures.get("healthy_maintained", "—"),
               help=f"{label('target', lang)}: {targets['healthy_maintained'].value}")
cols[3].metric(label("converted", lang), f"{figures['converted']} / {figures['conversion_targets']}",
               help=f"{label('target', lang)}: {targets['converted'].value}")
cols = st.columns(4)
t4, t5 = targets["inspections"], targets["criminal_cases"]
cols[0].metric(label("inspections_ytd", lang), figures["inspections"] if figures["inspections"] is not None else "—",
               help=f"{label('target', lang)}: {t4.min:g}–{t4.max:g}")
cols[1].metric(label("cases_ytd", lang), figures["criminal_cases"] if figures["criminal_cases"] is not None else "—",
               help=f"{label('target', lang)}: {t5.min:g}–{t5.max:g}")
signed = figures["commitments_signed"]
cols[2].metric(label("commitments", lang), "—" if signed is None else f"{signed} / {figures['communes_total']}",
               delta=delta("commitments_signed"))
cols[3].metric(label("newly_healthy", lang), figures.get("newly_healthy", "—"),
               help=label("vs_baseline", lang, period=base))
previous_note = st.container()
if previous is not None:
    previous_note.caption(label("vs_previous", lang, period=before))

# The map right under the headline figures: what leadership open the page for (and it starts loading first).
st.subheader(label("map_healthy", lang))
ui.map_section(filters, "healthy", key="overview")

rows = []
for row in assess_targets(raw_figures, plan, year_end="-Q" not in period):
    target = next(t for t in plan.targets if t.id == row["id"])
    value = row["target"]
    rows.append({
        "": row["id"],
        label("targets_table", lang): target.label(lang),
        label("target", lang): "–".join(f"{v:g}" for v in value) if isinstance(value, tuple)
        else ("" if value is None else f"{value:g}{target.unit}"),
        label("actual", lang): "" if row["actual"] is None else f"{figures[row['metric']]}{target.unit}",
        label("status", lang): label(row["status"], lang),
    })
st.subheader(label("targets_table", lang))
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
plan_view.items_table(plan, period, lang)  # T6, T9, T10: province-level progress entered by editors

if before:
    moves = transitions(communes, loaders.records(before), loaders.records(period))
    changed = filter_districts(communes, filters.districts).assign(
        move=lambda f: moves.reindex(f["commune_code"]).to_numpy())
    changed = changed[changed["move"].isin(["newly_healthy", "relapsed"])]
    with st.expander(label("changes_since", lang, period=before, n=len(changed)), expanded=not changed.empty):
        if not changed.empty:
            st.dataframe(pd.DataFrame({
                label("commune", lang): changed["commune_name"], label("district", lang): changed["district_name"],
                label("status", lang): [label(f"tr_{m}", lang) for m in changed["move"]],
            }), hide_index=True, width="stretch")
