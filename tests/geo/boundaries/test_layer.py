import json
import subprocess
import sys
import unicodedata

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from geo.boundaries.border import line_km, measure, read_laos_border
from geo.boundaries.layer import (
    ContractError,
    build_communes,
    dissolve_districts,
    read_communes,
    validate_communes,
)
from geo.contract import COMMUNE_FIELDS, COMMUNES_PATH, LAOS_BORDER_PATH, ROOT
from tests.util import SHARED_DATA, require

SHARED = SHARED_DATA
SOURCES = (
    SHARED / "communes_2019_full.geojson",
    SHARED / "communes_2019_missing_points.geojson",
    SHARED / "gso_thanhhoa_2019.csv",
)
BORDER_DISTRICTS = {
    "Huyện Mường Lát",
    "Huyện Quan Hóa",
    "Huyện Quan Sơn",
    "Huyện Lang Chánh",
    "Huyện Thường Xuân",
}


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    """The committed data/communes.geojson, read through the contract."""
    return read_communes(COMMUNES_PATH)


# ------------------------------------------------------------------------- the committed layer


def test_all_635_units_633_polygons_and_2_points(communes):
    assert len(communes) == 635
    assert list(communes.columns) == [*COMMUNE_FIELDS, "geometry"]
    assert communes["has_boundary"].sum() == 633
    points = communes.loc[~communes["has_boundary"]]
    assert set(points["commune_code"]) == {"14823", "15397"}
    assert set(points["commune_name"]) == {"Phường Phú Sơn", "Thị trấn Thống Nhất"}
    assert (points.geom_type == "Point").all()
    assert points["area_km2"].isna().all()
    assert set(communes.loc[communes["has_boundary"]].geom_type) <= {"Polygon", "MultiPolygon"}


def test_27_districts(communes):
    assert communes["district_code"].nunique() == 27
    assert communes[["district_code", "district_name"]].drop_duplicates().shape[0] == 27


def test_geometries_valid_and_in_the_province(communes):
    assert communes.is_valid.all()
    assert communes.crs == "EPSG:4326"
    minx, miny, maxx, maxy = communes.total_bounds
    assert 104.3 < minx < maxx < 106.2
    assert 19.2 < miny < maxy < 20.7


def test_codes_are_unique_5_digit_text_in_the_file_itself(communes):
    raw = json.loads(COMMUNES_PATH.read_text(encoding="utf-8"))
    codes = [f["properties"]["commune_code"] for f in raw["features"]]
    assert all(isinstance(c, str) and len(c) == 5 and c.isdigit() for c in codes)
    assert len(set(codes)) == 635
    assert codes == sorted(codes)
    assert all(isinstance(f["properties"]["district_code"], str) for f in raw["features"])
    assert [f["properties"]["area_km2"] for f in raw["features"] if not f["properties"]["has_boundary"]] == [
        None,
        None,
    ]
    assert communes["commune_code"].tolist() == codes


def test_names_are_nfc_and_carry_their_prefix(communes):
    for col in ("commune_name", "commune_type", "district_name"):
        assert (communes[col] == communes[col].map(lambda s: unicodedata.normalize("NFC", s))).all(), col
    prefix_ok = [
        name.startswith(f"{kind} ")
        for name, kind in zip(communes["commune_name"], communes["commune_type"], strict=True)
    ]
    assert all(prefix_ok)
    assert set(communes["commune_type"]) == {"Xã", "Phường", "Thị trấn"}


def test_17_laos_border_communes_in_5_districts(communes):
    border = communes.loc[communes["is_laos_border"]]
    assert len(border) == 17
    assert set(border["district_name"]) == BORDER_DISTRICTS
    assert (border["laos_border_km"] > 0).all()
    assert (communes.loc[~communes["is_laos_border"], "laos_border_km"] == 0).all()
    shortest = border.nsmallest(2, "laos_border_km")["commune_name"].tolist()
    assert shortest == ["Xã Yên Khương", "Xã Sơn Điện"]


def test_the_2019_layer_carries_the_one_border_measure_not_the_reference_lengths(communes):
    # The reference list's shared-edge lengths sum to 205.3 km (some stretches counted twice); the measure
    # gives every 25 m piece of the line to one commune, so the layer's kilometres are the line's 197.0.
    fields = measure(communes.set_index("commune_code").geometry)
    layer = communes.set_index("commune_code")[["is_laos_border", "laos_border_km"]]
    pd.testing.assert_frame_equal(fields, layer, check_names=False)
    assert communes["laos_border_km"].sum() == pytest.approx(line_km(), abs=0.05)
    assert line_km() == pytest.approx(196.98, abs=0.01)


def test_total_area_is_that_of_thanh_hoa(communes):
    total = communes["area_km2"].sum()
    print(f"total area {total:,.1f} km²")
    assert 11_050 < total < 11_200  # published figure: about 11,100-11,150 km²


def test_dissolved_districts_count_every_unit(communes):
    districts = dissolve_districts(communes)
    assert len(districts) == 27
    assert list(districts.columns) == [
        "district_code",
        "district_name",
        "commune_count",
        "area_km2",
        "geometry",
    ]
    assert districts["commune_count"].sum() == 635
    assert districts.is_valid.all()
    assert districts["area_km2"].sum() == pytest.approx(communes["area_km2"].sum(), rel=1e-4)
    # Bỉm Sơn has 8 units, one of them the point-only Phường Phú Sơn.
    assert districts.set_index("district_code").loc["381", "commune_count"] == 8


def test_laos_border_line_is_about_197_km():
    line = read_laos_border(LAOS_BORDER_PATH)
    assert len(line) == 1
    assert line["length_km"].iloc[0] == pytest.approx(197, abs=1)


def test_build_script_reproduces_the_committed_files(tmp_path):
    require(*SOURCES, SHARED / "laos_border_line.geojson")
    out, border = tmp_path / "communes.geojson", tmp_path / "laos_border_line.geojson"
    args = [str(p) for p in SOURCES]
    args += [
        "--out",
        str(out),
        "--border-line",
        str(SHARED / "laos_border_line.geojson"),
        "--border-out",
        str(border),
    ]
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_communes.py"), *args], check=True, cwd=ROOT)
    assert out.read_bytes() == COMMUNES_PATH.read_bytes()
    assert border.read_bytes() == LAOS_BORDER_PATH.read_bytes()


# ------------------------------------------------------------------ tiny fixtures, error paths


def _gso(codes):
    return pd.DataFrame(
        {
            "province_code": "38",
            "district_code": "380",
            "district_name": "Thành phố Thanh Hóa",
            "district_type": "Thành phố",
            "commune_code": codes,
            "commune_name": [f"Xã Số {c}" for c in codes],
            "commune_type": "Xã",
        }
    )


@pytest.fixture
def sources(tmp_path):
    """Write tiny inputs: GSO codes 10001-10003, squares for the polygon codes, points for the rest."""

    def write(gso_codes, poly_codes, point_codes=(), district_name="Thành phố Thanh Hóa"):
        full, missing, gso = tmp_path / "full.geojson", tmp_path / "missing.geojson", tmp_path / "gso.csv"
        _gso(list(gso_codes)).to_csv(gso, index=False)
        gpd.GeoDataFrame(
            {
                "district_code": "380",
                "district_name": district_name,
                "commune_code": list(poly_codes),
                "commune_name": [f"Xã Số {c}" for c in poly_codes],
                "commune_type": "Xã",
            },
            geometry=[box(105.0 + i / 10, 20.0, 105.1 + i / 10, 20.1) for i in range(len(poly_codes))],
            crs="EPSG:4326",
        ).to_file(full, driver="GeoJSON")
        gpd.GeoDataFrame(
            {"commune_code": list(point_codes), "district_code": "380"},
            geometry=[Point(105.05, 20.05) for _ in point_codes],
            crs="EPSG:4326",
        ).to_file(missing, driver="GeoJSON")
        # The border runs 5 km north of the first square's top edge, over its length (0.1° ≈ 10.5 km).
        line = gpd.GeoDataFrame(geometry=[LineString([(105.0, 20.145), (105.1, 20.145)])], crs="EPSG:4326")
        return full, missing, gso, line

    return write


def test_tiny_build_keeps_point_units_and_orders_by_code(sources):
    built = build_communes(*sources(["10003", "10001", "10002"], ["10003", "10001"], ["10002"]))
    assert built["commune_code"].tolist() == ["10001", "10002", "10003"]
    assert built["has_boundary"].tolist() == [True, False, True]
    assert built["area_km2"].iloc[0] == pytest.approx(10.45 * 11.1, rel=0.05)  # 0.1° x 0.1° at 20°N
    assert pd.isna(built["area_km2"].iloc[1])
    # Measured from the line: 5 km away from every square, beyond the 3 km reach.
    assert built["is_laos_border"].tolist() == [False, False, False]


def test_a_built_commune_along_the_line_is_a_border_commune_with_the_lines_length(sources):
    full, missing, gso, line = sources(["10001", "10002"], ["10001", "10002"])
    near = line.set_geometry([LineString([(105.0, 20.11), (105.1, 20.11)])], crs="EPSG:4326")  # 1.1 km north
    built = build_communes(full, missing, gso, near)
    assert built["is_laos_border"].tolist() == [True, False]
    assert built["laos_border_km"].iloc[0] == pytest.approx(line_km(near), abs=0.02)


def test_gso_code_missing_from_the_geometry_files_is_named(sources):
    with pytest.raises(ValueError, match=r"10003.*found in none of"):
        build_communes(*sources(["10001", "10002", "10003"], ["10001", "10002"]))


def test_duplicate_code_is_named_with_its_file(sources):
    with pytest.raises(ValueError, match=r"full\.geojson: duplicate commune_code \['10002'\]"):
        build_communes(*sources(["10001", "10002"], ["10001", "10002", "10002"]))


def test_code_in_both_polygons_and_points_is_named(sources):
    with pytest.raises(ValueError, match=r"missing\.geojson: commune_code \['10002'\] also in"):
        build_communes(*sources(["10001", "10002"], ["10001", "10002"], ["10002"]))


def test_code_not_on_the_gso_list_is_named(sources):
    with pytest.raises(ValueError, match=r"\['10009'\] not in the GSO list"):
        build_communes(*sources(["10001"], ["10001", "10009"]))


def test_gso_list_wins_over_the_polygon_file_names(sources):
    with pytest.warns(UserWarning, match="district_name differs"):
        built = build_communes(*sources(["10001"], ["10001"], district_name="Huyện Đông Sơn"))
    assert built["district_name"].tolist() == ["Thành phố Thanh Hóa"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda g: g.assign(commune_code=g["commune_code"].str[1:]), r"'4755'.* is not 5-digit text"),
        (
            lambda g: g.assign(commune_code=g["commune_code"].where(g.index != 1, "14755")),
            r"duplicate 'commune_code' values: \['14755'\]",
        ),
        (lambda g: g.to_crs(3405), "CRS is"),
        (
            lambda g: g.assign(area_km2=g["area_km2"].where(g.index != 0, None)),
            r"\['14755'\] has a polygon but no positive",
        ),
    ],
)
def test_contract_violations_name_the_offending_value(communes, mutate, message):
    with pytest.raises(ContractError, match=message):
        validate_communes(mutate(communes.head(3).copy()))


def test_read_communes_refuses_numeric_codes(tmp_path):
    raw = json.loads(COMMUNES_PATH.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:3]
    for f in raw["features"]:
        f["properties"]["commune_code"] = int(f["properties"]["commune_code"])
    path = tmp_path / "numeric.geojson"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ContractError, match="'commune_code'.*expected text"):
        read_communes(path)


def test_read_communes_takes_geoparquet_too(communes, tmp_path):
    """Another layer with the same columns, e.g. the national one of bench/run.py (GEO_COMMUNES_PATH)."""
    path = tmp_path / "communes.parquet"
    communes.to_parquet(path)
    again = read_communes(path)
    assert again["commune_code"].tolist() == communes["commune_code"].tolist()
    assert again.geometry.equals(communes.geometry)
    bad = communes.assign(commune_code=communes["commune_code"].astype(int))
    bad.to_parquet(path)
    with pytest.raises(ContractError, match="'commune_code'.*expected text"):
        read_communes(path)
