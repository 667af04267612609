import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.maps import webgeom
from tests.util import SHARED_DATA, require

SHARED = SHARED_DATA


@pytest.fixture
def grid() -> gpd.GeoDataFrame:
    """Four 0.1° squares in a 2 x 2 block (edges shared exactly) and one unit given as a point."""
    squares = [box(105.0 + x / 10, 20.0 + y / 10, 105.1 + x / 10, 20.1 + y / 10) for y in (0, 1) for x in (0, 1)]
    return gpd.GeoDataFrame(
        {
            "commune_code": ["00001", "00002", "00003", "00004", "00005"],
            "commune_name": ["Xã A", "Xã B", "Phường C", "Thị trấn D", "Phường E"],
            "district_code": ["001", "001", "002", "002", "002"],
            "district_name": ["Huyện X", "Huyện X", "Thị xã Y", "Thị xã Y", "Thị xã Y"],
            "area_km2": [110.0, 110.0, 110.0, 110.0, None],
        },
        geometry=[*squares, Point(105.15, 20.15)],
        crs="EPSG:4326",
    )


def test_layer_is_compact_topojson_keyed_by_code(grid):
    text = webgeom.web_layer(grid)
    assert ", " not in text and '": ' not in text
    topo = json.loads(text)
    assert topo["type"] == "Topology"
    geoms = topo["objects"][webgeom.OBJECT]["geometries"]
    assert [g["id"] for g in geoms] == ["00001", "00002", "00003", "00004", "00005"]
    assert {k for g in geoms for k in g["properties"]} == set(webgeom.WEB_PROPERTIES)
    assert [g["type"] for g in geoms].count("Point") == 1


def test_decoded_geometry_matches_the_source(grid):
    decoded = webgeom.decode(webgeom.web_layer(grid))
    for code, geom in zip(grid["commune_code"], grid.geometry, strict=True):
        assert decoded[code].geom_type == geom.geom_type
        assert decoded[code].symmetric_difference(geom).area < 1e-3 * max(geom.area, 1e-9)  # quantised
    # the point is quantised with the layer's own transform (topojson 2.2 breaks on mixed input)
    assert decoded["00005"].distance(Point(105.15, 20.15)) < 1e-5


def test_input_not_modified(grid):
    before = grid.copy()
    webgeom.web_layer(grid)
    pd.testing.assert_frame_equal(pd.DataFrame(grid), pd.DataFrame(before))


def test_shared_edges_stay_shared(grid):
    report = webgeom.check_shared_edges(grid, webgeom.web_layer(grid))
    assert report.ok(), report


def test_shared_edge_check_sees_a_gap(grid):
    moved = grid.copy()
    moved.loc[1, "geometry"] = box(105.12, 20.0, 105.2, 20.1)  # pulls away from square 1
    report = webgeom.check_shared_edges(grid, webgeom.web_layer(moved))
    assert not report.ok()
    assert report.max_shape_error > 0.1


def test_rejects_other_crs_and_duplicate_codes(grid):
    with pytest.raises(ValueError, match="EPSG:4326"):
        webgeom.web_layer(grid.to_crs(3857))
    with pytest.raises(ValueError, match="duplicate"):
        webgeom.web_layer(grid.assign(commune_code="00001"))


def test_layer_key_changes_with_inputs():
    assert webgeom.layer_key("abc", 0.001) != webgeom.layer_key("abc", 0.0002)
    assert webgeom.layer_key("abc", 0.001, ("1",)) != webgeom.layer_key("abc", 0.001, ("2",))


def test_line_json_is_compact(grid):
    from shapely.geometry import LineString

    line = gpd.GeoDataFrame(geometry=[LineString([(105, 20), (105.123456789, 20.5)])], crs="EPSG:4326")
    text = webgeom.line_json(line)
    assert " " not in text and "105.12346" in text


@pytest.fixture(scope="module")
def province() -> gpd.GeoDataFrame:
    """The real province: 633 polygons and the 2 units without a boundary, as points."""
    require(SHARED / "communes_2019_full.geojson", SHARED / "communes_2019_missing_points.geojson")
    polys = gpd.read_file(SHARED / "communes_2019_full.geojson")
    points = gpd.read_file(SHARED / "communes_2019_missing_points.geojson")
    cols = ["commune_code", "commune_name", "district_code", "district_name", "geometry"]
    return gpd.GeoDataFrame(pd.concat([polys[cols], points[cols]], ignore_index=True), crs="EPSG:4326")


@pytest.mark.parametrize(
    ("tolerance", "shape_error"), [(webgeom.PROVINCE_TOLERANCE, 0.25), (webgeom.DISTRICT_TOLERANCE, 0.05)]
)
def test_real_province_is_small_and_keeps_its_edges(province, tolerance, shape_error, capsys):
    full = len(province.to_json().encode())
    text = webgeom.web_layer(province, tolerance)
    size = len(text.encode())
    report = webgeom.check_shared_edges(province, text)
    with capsys.disabled():
        print(
            f"\n[webgeom] tolerance {tolerance:g}°: full GeoJSON {full:,} B -> web layer {size:,} B "
            f"({size / full:.1%}); overlap {report.overlap_km2:.4f} km², gaps {report.gap_km2:.4f} km², "
            f"worst shape error {report.max_shape_error:.1%}"
        )
    assert len(json.loads(text)["objects"][webgeom.OBJECT]["geometries"]) == 635
    if tolerance == webgeom.PROVINCE_TOLERANCE:
        assert size < 600_000
    assert size < full / 10
    assert report.ok(tolerance_km2=0.01, shape_error=shape_error), report


def test_publish_names_the_file_by_its_content(grid, tmp_path):
    layer = webgeom.web_layer(grid)
    name = webgeom.publish(layer, tmp_path / "layers")
    assert name.endswith(".topo.json")
    assert (tmp_path / "layers" / name).read_text(encoding="utf-8") == layer
    assert webgeom.publish(layer, tmp_path / "layers") == name  # same content, same file
    other = webgeom.publish(webgeom.web_layer(grid.iloc[:2]), tmp_path / "layers")
    assert other != name
    assert sorted(p.name for p in (tmp_path / "layers").iterdir()) == sorted([name, other])  # no temporary left


def test_detail_follows_the_extent_shown():
    assert webgeom.tolerance_for(1.70) == pytest.approx(webgeom.PROVINCE_TOLERANCE)  # Thanh Hóa, 1.70° wide
    assert webgeom.tolerance_for(0.15) == webgeom.DISTRICT_TOLERANCE  # one district: the finest
    assert webgeom.tolerance_for(15.0) == pytest.approx(0.0088, abs=1e-4)  # the country
    assert webgeom.tolerance_for(90.0) == webgeom.NATIONAL_TOLERANCE  # never coarser than that
