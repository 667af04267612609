"""The hot-spot theme on the map and its sheet: classes from geo.figures.hotspots, the method under the legend."""

from __future__ import annotations

import subprocess

from geo.figures.hotspots import period_hotspots
from geo.maps.exports import load_inputs
from geo.maps.sheets import SheetOptions, render_sheet
from geo.maps.themes import HOTSPOT_COLOURS, view_theme
from geo.records.store import load_records


def test_the_theme_counts_every_unit_and_states_the_method(illustrative_engine, communes_gdf):
    records = load_records(illustrative_engine, "2019")
    joined, theme = view_theme(communes_gdf, records, "hotspots", lang="en", measure="violations")
    assert theme.legend.total == 635
    labels = [e.label for e in theme.legend.entries]
    assert labels[:3] == ["Hot spot (99 % confidence)", "Hot spot (95 % confidence)", "Hot spot (90 % confidence)"]
    assert labels[3:] == ["Cold spot", "Outlier among its neighbours", "Not significant", "Left out"]
    assert "Getis-Ord Gi*" in theme.legend.note and "Benjamini–Hochberg" in theme.legend.note
    # The classes are the function's: the CLI and the briefing read the same.
    result = period_hotspots(illustrative_engine, "2019", "violations", "count", communes=communes_gdf)
    outliers = {u.commune_code for u in result.units if u.cluster == "outlier"}
    painted = set(theme.fill[theme.fill == HOTSPOT_COLOURS["outlier"]].index)
    assert painted == outliers
    left_out = {u.commune_code for u in result.units if u.note}
    assert set(theme.index[theme.index == -1].index) == left_out


def test_a_district_shows_its_units_with_the_province_s_classes(illustrative_engine, communes_gdf):
    records = load_records(illustrative_engine, "2019")
    _, whole = view_theme(communes_gdf, records, "hotspots")
    _, part = view_theme(communes_gdf, records, "hotspots", ["398"])
    assert part.legend.total == 28
    assert (part.index == whole.index.reindex(part.index.index)).all()


def test_the_sheet_names_the_theme_and_the_method(illustrative_engine, tmp_path):
    inputs = load_inputs(illustrative_engine, "2019")
    pdf = tmp_path / "hot.pdf"
    pdf.write_bytes(render_sheet(inputs, SheetOptions(theme="hotspots", period="2019"), "pdf"))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "BẢN ĐỒ ĐIỂM NÓNG" in text and "Getis-Ord Gi*" in text and "Không có ý nghĩa thống kê" in text
