"""The committed unit versions (data/units/) against the reference lists and their own geometry."""

from __future__ import annotations

import filecmp

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.contract import METRIC_CRS
from geo.units import versions as U
from tests.util import SHARED_DATA, require

UNITS_SRC = SHARED_DATA / "units"
EXPECTED = {"2017-04-19": (635, 27), "2019-12-01": (559, 27), "2020-06-01": (559, 27), "2021-02-01": (559, 27),
            "2021-07-01": (559, 27), "2024-05-01": (558, 27), "2025-01-01": (549, 26), "2025-07-01": (166, 0)}


@pytest.fixture(scope="module")
def layers():
    """Every committed version with its geometry."""
    return {v.id: U.boundaries(v.id) for v in U.list_versions()}


def test_every_version_is_there_with_its_count_and_districts():
    assert {v.id: (v.units, v.districts) for v in U.list_versions()} == EXPECTED


@pytest.mark.parametrize("version", [v for v in EXPECTED if v != "2025-07-01"])
def test_each_list_version_has_exactly_the_codes_and_names_of_the_shared_list(version):
    path = UNITS_SRC / f"thanhhoa_units_{version}.csv"
    require(path)
    src = pd.read_csv(path, dtype=str)
    ours = U.units(version)
    assert sorted(ours["commune_code"]) == sorted(src["commune_code"])
    merged = ours.merge(src, on="commune_code", suffixes=("", "_src"))
    assert (merged["commune_name"].str.casefold() == merged["commune_name_src"].str.casefold()).all()
    assert (merged["district_code"] == merged["district_code_src"]).all()


def test_the_2025_version_has_the_166_codes_of_the_2025_polygons_147_xa_19_phuong():
    path = UNITS_SRC / "communes_2025-07.geojson"
    require(path)
    src = gpd.read_file(path)
    ours = U.units("2025-07-01")
    assert sorted(ours["commune_code"]) == sorted(src["commune_code"].astype(str).str.zfill(5))
    assert ours["commune_type"].value_counts().to_dict() == {"Xã": 147, "Phường": 19}
    assert (ours["district_code"] == "").all()


def test_no_unit_of_any_version_is_without_geometry_or_a_no_boundary_mark(layers):
    for version, gdf in layers.items():
        assert gdf.geometry.notna().all(), version
        assert not gdf.geometry.is_empty.any(), version
        polygonal = gdf.geom_type.isin(["Polygon", "MultiPolygon"])
        assert (polygonal == gdf["has_boundary"]).all(), version
        points = gdf[~gdf["has_boundary"]]
        assert (points.geom_type == "Point").all(), version
        assert points["area_km2"].isna().all(), version
        assert gdf.loc[gdf["has_boundary"]].is_valid.all(), version


def test_the_dissolved_versions_areas_equal_the_sum_of_their_2019_parts(layers):
    first = layers["2017-04-19"].set_index("commune_code")
    base = first.to_crs(METRIC_CRS).area.where(first["has_boundary"]) / 1e6
    for version in list(EXPECTED)[1:-1]:
        gdf = layers[version]
        measured = gdf.to_crs(METRIC_CRS).area / 1e6
        parts = gdf["members"].str.split().map(lambda ms: base.reindex(ms).sum(min_count=1))
        poly = gdf["has_boundary"]
        # The 2019 lines overlap by 58 m² in all: a dissolve can only lose that much, nowhere gain.
        assert (measured[poly] - parts[poly]).abs().max() < 0.001, version
        assert measured[poly].sum() == pytest.approx(base.sum(), abs=0.001), version


def test_every_2019_unit_lies_in_exactly_one_unit_of_each_dissolved_version(layers):
    for version in list(EXPECTED)[1:-1]:
        members = U.units(version)["members"].str.split().explode().dropna()
        assert members.is_unique, version
        assert set(members) == set(layers["2017-04-19"]["commune_code"]), version


def test_the_2025_polygons_total_area_matches_the_province_outline_within_0_1_percent(layers):
    path = UNITS_SRC / "province_2025-07.geojson"
    require(path)
    province = gpd.read_file(path).to_crs(METRIC_CRS).area.sum() / 1e6
    units = layers["2025-07-01"].to_crs(METRIC_CRS).area.sum() / 1e6
    assert units == pytest.approx(province, rel=1e-3)
    assert U.units("2025-07-01")["area_km2"].sum() == pytest.approx(units, abs=0.1)


def test_the_merger_links_are_derived_with_their_evidence_and_every_removed_code_has_one():
    links = pd.concat([U.links(v).assign(version=v) for v in EXPECTED if v != "2017-04-19"])
    merged = links[links["kind"] == "merged"]
    derived = merged[merged["version"] < "2025-07-01"]
    assert derived.groupby("version").size().to_dict() == {"2019-12-01": 76, "2024-05-01": 1, "2025-01-01": 11}
    assert set(derived["evidence"]) <= {"derived", "admin"}
    assert set(derived["rule"]) <= {"adjacency+district+2025", "names", "shared boundary", "chain", "admin"}
    assert derived["detail"].str.len().gt(0).all()
    # Every 2019 code that disappeared on 2019-12-01 is linked into exactly one 2019-12-01 unit.
    gone = set(U.units("2017-04-19")["commune_code"]) - set(U.units("2019-12-01")["commune_code"])
    assert sorted(derived.loc[derived["version"] == "2019-12-01", "prev_code"]) == sorted(gone)


def test_the_2025_crosswalk_links_are_official_and_split_units_share_their_whole_area():
    links = U.links("2025-07-01")
    assert len(links) == 563
    assert (links["evidence"] == "official").all()
    partial = links[links["link"] == "partial"]
    assert len(partial) == 26 and partial["prev_code"].nunique() == 12
    assert partial.groupby("prev_code")["share"].sum().round(3).eq(1.0).all()


def test_the_derived_mergers_agree_with_the_2025_crosswalk_geometrically(layers):
    """A merged 2025-01 unit lies mostly in the 2025 unit(s) the official crosswalk sends it to."""
    g25 = layers["2025-07-01"].to_crs(METRIC_CRS).set_index("commune_code").geometry
    g01 = layers["2025-01-01"].to_crs(METRIC_CRS).set_index("commune_code")
    links = U.links("2025-07-01")
    merged = g01[g01["members"].str.count(" ") > 0]
    shares = {}
    for code, row in merged.iterrows():
        target = shapely.union_all(g25.loc[links.loc[links["prev_code"] == code, "commune_code"]].to_numpy())
        shares[code] = row.geometry.intersection(target).area / row.geometry.area
    # Different surveys (2009 and 2025 lines): single units lie >= 52 % in their target; merged ones too.
    assert min(shares.values()) > 0.7, sorted(shares.items(), key=lambda kv: kv[1])[:5]


def test_border_communes_of_the_2019_version_are_the_17_of_the_reference_list():
    path = SHARED_DATA / "laos_border_communes.csv"
    require(path)
    ref = pd.read_csv(path, dtype={"commune_code": str}).set_index("commune_code")["laos_border_km"]
    units = U.units("2017-04-19").set_index("commune_code")
    ours = units.loc[units["is_laos_border"], "laos_border_km"]
    assert sorted(ours.index) == sorted(ref.index)
    assert (ours - ref.reindex(ours.index)).abs().max() < 3.0  # km: nearest-polygon pieces vs shared edges


def test_border_communes_of_2025_come_from_the_2025_geometry():
    border = U.units("2025-07-01").query("is_laos_border")
    assert len(border) == 16
    assert set(border["former_district_name"]) == {"Huyện Mường Lát", "Huyện Quan Hóa", "Huyện Quan Sơn",
                                                   "Huyện Lang Chánh", "Huyện Thường Xuân"}
    assert border["laos_border_km"].sum() == pytest.approx(197.0, abs=1.0)


def test_every_2025_unit_has_a_former_district_where_most_of_its_area_lay():
    u = U.units("2025-07-01")
    assert (u["former_district_code"].str.fullmatch(r"\d{3}")).all()
    assert u["former_district_share"].between(0.5, 1.0).all() or u["former_district_share"].min() > 0.3
    hr = u.set_index("commune_code").loc["14758"]
    assert (hr["commune_name"], hr["former_district_name"]) == ("Phường Hàm Rồng", "Thành phố Thanh Hóa")


def test_the_build_reproduces_the_committed_files(tmp_path):
    from scripts.build_units import main

    require(UNITS_SRC / "versions.csv", UNITS_SRC / "communes_2025-07.geojson")
    assert main([str(UNITS_SRC), "--out", str(tmp_path)]) == 0
    for name in ("versions.csv", "units.csv", "links.csv"):
        assert filecmp.cmp(tmp_path / name, U.UNITS_DIR / name, shallow=False), name
    a = gpd.read_parquet(tmp_path / "boundaries.parquet")
    b = gpd.read_parquet(U.UNITS_DIR / "boundaries.parquet")
    assert a["key"].tolist() == b["key"].tolist()
    assert a.geom_equals_exact(b, tolerance=0).all()


def test_the_2025_units_that_absorbed_the_two_landless_units_show_re_expressed_figures():
    # 15853 took 16411 Xã Đông Xuân and 16378 took 16387 Xã Đông Khê (no land of their own, no record):
    # a healthy May 2024 province with one inspection per unit gives them their parts' sums.
    codes = U.units("2024-05-01")["commune_code"]
    rec = pd.DataFrame({"commune_code": codes, "healthy": pd.array([True] * len(codes), dtype="boolean"),
                        "inspections": pd.array([1.0] * len(codes), dtype="Float64")})
    out = U.reexpress(rec, "2024-05-01", "2025-07-01").set_index("commune_code")
    assert len(out) == 166 and not out["healthy"].isna().any()
    members = U.links("2025-07-01").groupby("commune_code")["prev_code"].apply(set)
    for code, landless in (("15853", "16411"), ("16378", "16387")):
        assert landless in members[code]
        assert out.loc[code, "inspections"] == len(members[code]) - 1
    # a part with land that did not report still blanks the unit
    other = sorted(members["15853"] - {"16411"})[0]
    out = U.reexpress(rec[rec["commune_code"] != other], "2024-05-01", "2025-07-01").set_index("commune_code")
    assert pd.isna(out.loc["15853", "healthy"]) and pd.isna(out.loc["15853", "inspections"])
