import json
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from geo.maps import render, themes, webgeom

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_NOTE = "</script><script>alert(1)</script>"


@pytest.fixture
def communes() -> gpd.GeoDataFrame:
    """Five 0.1° squares in a row (00001 on the Laos border) and one unit without boundary (a point).

    Records: 00003 has no data at all; 00002 is targeted and not healthy; 00004 targeted and converted.
    """
    squares = [box(105.0 + i / 10, 20.0, 105.1 + i / 10, 20.1) for i in range(5)]
    n = 6
    return gpd.GeoDataFrame(
        {
            "commune_code": [f"0000{i}" for i in range(1, n + 1)],
            "commune_name": ["Xã A", "Xã B", XSS_NAME, "Xã D", "Xã E", "Phường F"],
            "commune_type": ["Xã"] * 5 + ["Phường"],
            "district_code": ["001", "001", "001", "002", "002", "002"],
            "district_name": ["Huyện X"] * 3 + ["Huyện Y"] * 3,
            "is_laos_border": [True, False, False, False, False, False],
            "laos_border_km": [12.5, 0, 0, 0, 0, 0],
            "area_km2": [110.0] * 5 + [None],
            "has_boundary": [True] * 5 + [False],
            "healthy": pd.array([True, False, None, True, True, False], dtype="boolean"),
            "conversion_target": pd.array([False, True, None, True, False, False], dtype="boolean"),
            "commitment_signed": pd.array([True] * n, dtype="boolean"),
            "establishments": pd.array([4, 0, None, 2, 5, 1], dtype="Int64"),
            "inspections": pd.array([8, 3, None, 1, 0, 2], dtype="Int64"),
            "violations": pd.array([0] * n, dtype="Int64"),
            "criminal_cases": pd.array([1, 0, None, 0, 0, 0], dtype="Int64"),
            "border_incidents": pd.array([3, 1, None, 0, 0, 0], dtype="Int64"),
            "victims_received": pd.array([4, 1, None, 0, 0, 0], dtype="Int64"),
            "notes": pd.array([None, XSS_NOTE, None, None, None, None], dtype="string"),
        },
        geometry=[*squares, Point(105.45, 20.05)],
        crs="EPSG:4326",
    )


@pytest.fixture
def layer(communes) -> str:
    return webgeom.web_layer(communes)


def _render(communes, layer, theme, **kwargs):
    styles, tips = render.theme_inputs(communes, theme)
    m = render.build_map(layer, styles, tips, theme.legend, circles=theme.circles, circle_tooltips=tips, **kwargs)
    return m, styles, m.get_root().render()


def test_healthy_colours_no_data_and_legend_counts(communes, layer):
    theme = themes.healthy_theme(communes)
    _, styles, html = _render(communes, layer, theme)
    assert theme.index.to_dict() == {"00001": 0, "00002": 1, "00003": -1, "00004": 0, "00005": 0, "00006": 1}
    assert styles["00003"]["fillColor"] == themes.NO_DATA_COLOUR
    for colour in themes.HEALTHY_COLOURS.values():
        assert f'"fillColor":"{colour}"' in html
    assert f'"fillColor":"{themes.NO_DATA_COLOUR}"' in html
    assert [(e.label, e.count) for e in theme.legend.entries] == [
        ("Lành mạnh", 3),
        ("Chưa lành mạnh", 2),
        ("Không có số liệu", 1),
    ]
    assert theme.legend.total == len(communes)
    # every legend row, with its count, is in the legend HTML
    legend = render.legend_html(theme.legend)
    for label, colour, count in theme.legend.entries:
        assert f'background:{colour}"></span></td><td>{label}</td><td class="n">{count}</td>' in legend


def test_point_unit_is_a_coloured_circle_flagged_no_boundary(communes, layer):
    theme = themes.healthy_theme(communes, lang="en")
    styles, tips = render.theme_inputs(communes, theme, lang="en")
    assert styles["00006"]["radius"] == render.POINT_RADIUS
    assert styles["00006"]["fillColor"] == themes.HEALTHY_COLOURS["not_healthy"]
    assert "No boundary" in tips["00006"]
    assert "No boundary" not in tips["00001"]
    assert "NA" not in tips["00001"] and "Notes" not in tips["00001"]  # pd.NA notes: no note line


def test_no_url_without_tiles_and_only_vendored_assets(communes, layer):
    m, _, html = _render(communes, layer, themes.healthy_theme(communes))
    assert not re.search(r"https?://", html)
    # What st_folium loads: the default_js/default_css of every element (its own walk, KNOWN-TRAPS).
    links = []

    def walk(el):
        links.extend(url for _, url in getattr(el, "default_js", []) + getattr(el, "default_css", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    assert sorted(links) == sorted(
        f"{render.ASSET_BASE}/{p}" for p in (render.LEAFLET_JS, render.LEAFLET_CSS, render.TOPOJSON_JS)
    )
    assert folium.Map.default_js[0][1].startswith("https://")  # the class list is untouched


def test_tiles_url_is_the_only_url(communes, layer):
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    _, _, html = _render(communes, layer, themes.healthy_theme(communes), tiles_url=url, tiles_attribution="© x")
    assert set(re.findall(r"https?://[^\s\"'\\]+", html)) == {url}


def test_data_values_are_escaped(communes, layer):
    theme = themes.healthy_theme(communes)
    _, _, html = _render(communes, layer, theme, notice=XSS_NAME, source_note=XSS_NAME)
    assert XSS_NAME not in html
    assert XSS_NOTE not in html
    assert "<script>alert(1)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # escaped as text, then shown as text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_escaped_legend_and_labels(communes, layer):
    legend = themes.Legend(XSS_NAME, (themes.LegendEntry(XSS_NOTE, "#ffffff", 6),), note=XSS_NAME)
    styles, tips = render.theme_inputs(communes, themes.healthy_theme(communes))
    m = render.build_map(layer, styles, tips, legend, district_labels=[(XSS_NAME, 20.05, 105.05)])
    html = m.get_root().render()
    assert XSS_NAME not in html and XSS_NOTE not in html


def test_features_carry_the_commune_code_as_id(communes, layer):
    ids = [g["id"] for g in json.loads(layer)["objects"][webgeom.OBJECT]["geometries"]]
    assert ids == communes["commune_code"].tolist()
    m, _, _ = _render(communes, layer, themes.healthy_theme(communes))
    (south, west), (north, east) = m.get_bounds()
    assert (round(west, 3), round(east, 3), round(south, 3), round(north, 3)) == (105.0, 105.5, 20.0, 20.1)


def test_illustrative_notice_and_border_layer(communes, layer):
    line = gpd.GeoDataFrame(geometry=[LineString([(105.0, 20.0), (105.0, 20.1)])], crs="EPSG:4326")
    theme = themes.border_theme(communes)
    styles, tips = render.theme_inputs(communes, theme)
    m = render.build_map(layer, styles, tips, theme.legend, border_line=webgeom.line_json(line),
                         notice="Dữ liệu minh họa")
    html = m.get_root().render()
    assert "Dữ liệu minh họa" in html and "Biên giới Việt – Lào" in html
    quiet = render.build_map(layer, styles, tips, theme.legend, illustrative=False).get_root().render()
    assert "th-notice" not in quiet.split("</style>")[-1]


def test_conversions_and_transition(communes):
    conv = themes.conversions_theme(communes)
    assert conv.index.to_dict() == {"00001": 2, "00002": 1, "00003": -1, "00004": 0, "00005": 2, "00006": 2}
    assert [e.count for e in conv.legend.entries] == [1, 1, 3, 1]
    before = pd.Series(pd.array([True, False, False, None, True, True], dtype="boolean"),
                       index=communes["commune_code"])
    after = communes.set_index("commune_code")["healthy"]
    tr = themes.transition(before, after)
    assert tr.index.tolist() == [3, 1, -1, -1, 3, 2]
    assert [e.count for e in tr.legend.entries] == [0, 1, 1, 2, 2]
    assert tr.legend.total == len(communes)
    assert tr.fill["00006"] == themes.TRANSITION_COLOURS["relapsed"]
    assert tr.legend.title == "Thay đổi so với kỳ trước"  # periods not known: the generic title
    # Two periods that need not be neighbours: the legend names both
    named = themes.transition(before, after, periods=("2019", "2025-Q3"))
    assert named.legend.title == "Thay đổi từ 2019 đến Quý 3/2025"
    assert themes.transition(before, after, "en", periods=("2019", "2025-Q3")).legend.title == \
        "Change from 2019 to Q3 2025"


def test_inspection_metrics_leave_undefined_ratios_as_no_data(communes):
    per_est = themes.inspection_metric(communes, "per_establishment")
    assert per_est.isna().tolist() == [False, True, True, False, False, False]  # 0 establishments -> NA
    per_km2 = themes.inspection_metric(communes, "per_km2")
    assert per_km2.isna().tolist() == [False, False, True, False, False, True]  # the point has no area
    theme = themes.inspections_theme(communes, "per_km2", "quantiles", k=2)
    assert theme.legend.total == len(communes)
    assert theme.legend.entries[-1] == ("Không có số liệu", themes.NO_DATA_COLOUR, 2)
    assert [e.count for e in theme.legend.entries[:-1]] == list(theme.classes.counts)
    assert theme.legend.note.startswith("Phân loại: phân vị")
    assert (theme.fill[theme.index == -1] == themes.NO_DATA_COLOUR).all()


def test_border_theme_prominence_and_circles(communes):
    theme = themes.border_theme(communes, scheme="equal_interval", k=2, lang="en")
    # 00001 is on the border, 00002 touches it; the rest are context
    assert theme.prominent.tolist() == [True, True, False, False, False, False]
    assert theme.legend.entries[-1] == ("Outside the border area", themes.OUTSIDE_COLOUR, 4)
    assert theme.legend.total == len(communes)
    big, small = theme.circles
    assert (big.code, small.code) == ("00001", "00002")
    assert big.radius == themes.CIRCLE_MAX_RADIUS
    assert small.radius == pytest.approx(themes.CIRCLE_MAX_RADIUS * 0.5)  # sqrt(1/4): area ∝ value
    assert [s.label for s in theme.legend.sizes] == ["4", "1"]


def test_inputs_are_not_modified(communes, layer):
    before, layer_before = communes.copy(), layer
    theme = themes.inspections_theme(communes, "per_establishment")
    _render(communes, layer, theme)
    pd.testing.assert_frame_equal(pd.DataFrame(communes), pd.DataFrame(before))
    assert layer == layer_before


def test_frame_parts_keep_the_base_for_a_new_period_and_fetch_the_geometry(communes, layer):
    """What the dashboard's frame receives: the base stays, only the overlay changes.

    The base (no geometry when it is fetched) stays the same across periods and themes, so the mounted map
    and its view stay.
    """
    healthy = themes.theme_map("healthy", communes)
    inspections = themes.theme_map("inspections", communes)

    def parts(theme):
        styles, tips = render.theme_inputs(communes, theme)
        base, overlay = render.build_map_parts(layer, styles, tips, theme.legend, layer_url="layers/abc.topo.json")
        return render.frame_parts(base, overlay)

    a, b = parts(healthy), parts(inspections)
    assert a.base_key == b.base_key and a.base_js == b.base_js
    assert a.overlay_key != b.overlay_key
    assert parts(healthy).overlay_key == a.overlay_key  # same theme again: the frame runs nothing new
    assert '"layers/abc.topo.json"' in a.base_js
    assert '"arcs"' not in a.base_js and '"arcs"' not in a.overlay_js  # geometry only by URL
    assert a.map_id == "map_th" and "map_th" in a.overlay_js
    assert "<script" not in a.css and "<style" in a.css and ".th-legend" in a.css
    assert XSS_NAME not in a.overlay_js  # names reach the overlay escaped
    # Different geometry (another district filter) is another base.
    smaller = webgeom.web_layer(communes.iloc[:3])
    styles, tips = render.theme_inputs(communes.iloc[:3], healthy)
    base, overlay = render.build_map_parts(smaller, styles, tips, healthy.legend, layer_url="layers/def.topo.json")
    assert render.frame_parts(base, overlay).base_key != a.base_key


def test_inline_layer_without_url_for_standalone_pages(communes, layer):
    m, _, html = _render(communes, layer, themes.theme_map("healthy", communes))
    assert '"arcs"' in html  # the geometry is in the page: it opens from a file, offline
    assert "fetch(" not in html


@pytest.mark.parametrize(("former", "lang", "shown", "absent"), [
    (False, "vi", "Ranh giới huyện", "huyện cũ"),
    (True, "vi", "Ranh giới huyện cũ", None),
    (True, "en", "Former district boundary", "District boundary"),
])
def test_the_legend_names_the_lines_former_districts_when_there_are_no_districts(communes, layer, former, lang,
                                                                                 shown, absent):
    _, _, html = _render(communes, layer, themes.healthy_theme(communes), former_districts=former, lang=lang)
    assert shown in html
    assert absent is None or absent not in html


def test_a_map_drawn_again_compiles_no_template_again(communes, monkeypatch):
    """Each rerun that draws the same view must not pay Jinja's compiler again (geo.maps.render's template cache)."""
    import jinja2

    theme = themes.theme_map("healthy", communes)
    styles, tips = render.theme_inputs(communes, theme)
    layer = webgeom.web_layer(communes.iloc[:5])

    def draw():
        return render.frame_parts(*render.build_map_parts(layer, styles, tips, theme.legend,
                                                          layer_url="layers/abc.topo.json"))

    first = draw()
    compiled: list[str] = []
    real_new = jinja2.Template.__new__

    def counting(cls, source, *args, **kwargs):
        compiled.append(source)
        return real_new(cls, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "__new__", counting)
    again = draw()
    assert compiled == [] and again.base_js == first.base_js and again.overlay_js == first.overlay_js


def test_border_districts_hold_every_border_commune_and_not_the_whole_province():
    """The border page's frame (geo.maps.themes.border_districts) on the real 2019 and 2025 lists."""
    from geo.units.versions import layer

    for version in ("2017-04-19", "2025-07-01"):
        units = layer(version)
        found = themes.border_districts(units)
        on_line = set(units.loc[units["is_laos_border"].astype(bool), "district_code"])
        assert on_line and on_line <= set(found), version
        assert len(found) < units["district_code"].nunique(), version
