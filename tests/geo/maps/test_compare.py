"""The split view: periods read as people write them, classes shared, each period on its own units."""

from __future__ import annotations

import pytest

from geo.maps.compare import build_compare, compare_html, load_compare, parse_periods
from geo.maps.sheets import ExportError

KNOWN = ["2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2025-Q3", "2026-Q1", "2026-Q2", "2026-Q3",
         "2019-Q1"]


def test_periods_are_read_like_everywhere_and_put_in_time_order():
    assert parse_periods("2026-Q3, Quý 3/2025,2019", KNOWN) == ["2019", "2025-Q3", "2026-Q3"]
    assert parse_periods(["2021", "2019"], KNOWN) == ["2019", "2021"]


@pytest.mark.parametrize(("text", "words"), [("2019", "từ 2 đến 12"), ("2019,2030", "2030"),
                                              ("2019,2019", "hai lần"), (",".join(KNOWN), "(đang chọn 13)")])
def test_bad_periods_are_refused_in_words(text, words):
    with pytest.raises(ExportError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_periods(text, KNOWN)


def test_classes_are_shared_and_each_period_keeps_its_own_units(illustrative_engine):
    view = load_compare(illustrative_engine, "inspections", ["2019", "2021", "2025-Q3"], k=4)
    assert [len(p.joined) for p in view.periods] == [635, 559, 166]
    labels = [tuple(e.label for e in p.theme.legend.entries) for p in view.periods]
    assert all(set(lab) <= {label for label, _ in view.legend} for lab in labels)
    assert view.breaks is not None and "chung cho mọi kỳ" in view.note
    assert len(view.sources()) == 3 and view.sources()[0].startswith("Năm 2019: ")


def test_the_page_escapes_and_runs_no_inline_script(illustrative_engine):
    view = load_compare(illustrative_engine, "healthy", ["2019", "2026-Q3"])
    page = compare_html(view)
    assert '<script type="application/json" id="th-compare-data">' in page
    assert "<script>" not in page  # the app's content security policy allows no inline script
    assert 'src="app/static/compare/compare.js"' in page
    alone = compare_html(view, assets="inline")
    assert "<script>" in alone and "app/static" not in alone


def test_a_district_filter_shows_its_units_only(illustrative_engine):
    view = load_compare(illustrative_engine, "hotspots", ["2019", "2021"], districts=("398",))
    assert all(set(p.joined["district_code"]) == {"398"} for p in view.periods)


def test_an_unknown_theme_is_refused(communes_gdf):
    with pytest.raises(ExportError, match="apples"):
        build_compare({}, {}, "apples", [], versions={}, notes={}, illustrative={})
