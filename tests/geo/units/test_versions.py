"""Unit versions: the derivation rules and the re-expression/conversion rules on tiny fixtures."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geo.units import versions as U
from geo.units.build import Built, derive_mergers, dissolve_members, holders


def _list(rows):
    return pd.DataFrame(rows, columns=["commune_code", "commune_name", "district_code"])


@pytest.fixture
def strip():
    """Five 1 km squares in a row, A B C D E (codes 10001…10005), in a metric CRS; E in another district."""
    geoms = {f"1000{i}": box(i * 1000, 0, (i + 1) * 1000, 1000) for i in range(1, 6)}
    return gpd.GeoSeries(geoms, crs="EPSG:3405")


def _hold(mapping):
    return {c: {u: 1.0} for c, u in mapping.items()}


def test_only_touching_survivor_of_the_district_in_the_same_2025_unit_settles_it(strip):
    prev = _list([("10001", "Xã An", "001"), ("10002", "Xã Bình", "001"), ("10003", "Xã Cát", "001")])
    new = prev[prev.commune_code != "10002"]
    hold = _hold({"10001": "90001", "10002": "90002", "10003": "90002"})
    (m,) = derive_mergers("2019-12-01", prev, new, strip[prev.commune_code], {}, hold)
    assert (m.removed, m.absorber, m.rule) == ("10002", "10003", "adjacency+district+2025")
    # lengths in km (the 10 m touch tolerance adds a little at the corners)
    assert m.candidates == {"10001": pytest.approx(1.0, abs=0.03), "10003": pytest.approx(1.0, abs=0.03)}


def test_a_new_name_taking_the_removed_name_settles_a_tie(strip):
    prev = _list([("10001", "Xã An", "001"), ("10002", "Xã Bình", "001"), ("10003", "Xã Cát", "001")])
    new = prev[prev.commune_code != "10002"]
    hold = _hold(dict.fromkeys(prev.commune_code, "90001"))
    renamed = {"10001": ("Xã An", "Xã An Bình")}
    (m,) = derive_mergers("2019-12-01", prev, new, strip[prev.commune_code], renamed, hold)
    assert (m.absorber, m.rule) == ("10001", "names")


def test_without_names_the_longest_shared_boundary_wins_and_lengths_are_kept():
    geoms = gpd.GeoSeries({"10001": box(0, 0, 1000, 3000), "10002": box(1000, 0, 2000, 1000),
                           "10003": box(2000, 0, 2500, 500)}, crs="EPSG:3405")
    prev = _list([("10001", "Xã An", "001"), ("10002", "Xã Bình", "001"), ("10003", "Xã Cát", "001")])
    new = prev[prev.commune_code != "10002"]
    (m,) = derive_mergers("2019-12-01", prev, new, geoms, {}, _hold(dict.fromkeys(prev.commune_code, "9")))
    assert (m.absorber, m.rule) == ("10001", "shared boundary")
    assert m.candidates["10001"] == pytest.approx(1.0, abs=0.03)
    assert m.candidates["10003"] == pytest.approx(0.5, abs=0.03)


def test_a_survivor_of_another_district_is_never_the_absorber(strip):
    prev = _list([("10004", "Xã Dương", "001"), ("10005", "Xã Én", "002"), ("10003", "Xã Cát", "001")])
    new = prev[prev.commune_code != "10004"]
    hold = _hold({"10003": "9", "10004": "8", "10005": "8"})
    (m,) = derive_mergers("2019-12-01", prev, new, strip[prev.commune_code], {}, hold)
    assert m.absorber == "10003"


def test_a_removed_unit_touching_only_removed_units_follows_them(strip):
    prev = _list([(f"1000{i}", f"Xã {n}", "001") for i, n in zip(range(1, 4), ["An", "Bình", "Cát"], strict=True)])
    new = prev[prev.commune_code == "10003"]
    hold = _hold(dict.fromkeys(prev.commune_code, "9"))
    ms = {m.removed: m for m in derive_mergers("2019-12-01", prev, new, strip[prev.commune_code], {}, hold)}
    assert ms["10002"].absorber == "10003"
    assert (ms["10001"].absorber, ms["10001"].rule) == ("10003", "chain")


def test_an_isolated_removed_unit_is_refused_not_guessed():
    geoms = gpd.GeoSeries({"10001": box(0, 0, 1, 1), "10002": box(5000, 0, 5001, 1)}, crs="EPSG:3405")
    prev = _list([("10001", "Xã An", "001"), ("10002", "Xã Bình", "001")])
    with pytest.raises(ValueError, match="10002"):
        derive_mergers("2019-12-01", prev, prev[prev.commune_code == "10001"], geoms, {}, {})


def test_dissolve_keeps_the_polygons_and_a_point_only_unit_stays_a_point(strip):
    pieces = pd.concat([strip, gpd.GeoSeries({"10009": Point(1500, 500)}, crs="EPSG:3405")])
    assert dissolve_members(pieces, ["10001", "10002", "10009"]).area == pytest.approx(2e6)
    assert dissolve_members(pieces, ["10009"]).geom_type == "Point"


def test_holders_gives_each_2025_unit_its_area_share(strip):
    u25 = gpd.GeoDataFrame({"commune_code": ["9"]}, geometry=[box(1000, 0, 1500, 1000)], crs="EPSG:3405")
    assert holders(strip[["10001"]], u25)["10001"] == {"9": pytest.approx(0.5)}


# --------------------------------------------------------------------------------------------- a tiny versioned world

# v1 (2017-04-19): A 10001, B 10002, C 10003, D 10004 in district 001.
# v2 (2019-12-01): B merged into A (derived); C, D unchanged.
# v3 (2025-07-01): A+B+C -> X 10001 (full links); D split between X (30 %) and Y 10004 (70 %).


@pytest.fixture
def world(tmp_path):
    """A three-version units folder written with :func:`geo.units.versions.write_built`."""
    sq = {f"1000{i}": box(i, 0, i + 1, 1) for i in range(1, 5)}
    versions = pd.DataFrame({
        "version": ["2017-04-19", "2019-12-01", "2025-07-01"], "until": ["2019-11-30", "2025-06-30", ""],
        "list_file": ["a", "b", "c"], "decrees": ["", "", ""], "units": [4, 3, 2], "districts": [1, 1, 0],
        "boundary_source_vi": ["s"] * 3, "boundary_source_en": ["s"] * 3, "boundary_vintage": ["2009"] * 3,
    })

    def unit(v, code, name, key, district="001"):
        return {"version": v, "commune_code": code, "commune_name": name, "commune_type": "Xã",
                "district_code": district, "district_name": "Huyện Thử" if district else "",
                "has_boundary": True, "area_km2": 1.0, "is_laos_border": False, "laos_border_km": 0.0,
                "boundary_key": key, "boundary_note": "", "members": "", "former_district_code": "",
                "former_district_name": "", "former_district_share": np.nan}

    rows = [unit("2017-04-19", c, f"Xã {n}", f"m:{c}") for c, n in zip(sq, "ABCD", strict=True)]
    rows += [unit("2019-12-01", "10001", "Xã AB", "m:10001+10002"), unit("2019-12-01", "10003", "Xã C", "m:10003"),
             unit("2019-12-01", "10004", "Xã D", "m:10004")]
    rows += [unit("2025-07-01", "10001", "Xã X", "p:X", ""), unit("2025-07-01", "10004", "Xã Y", "p:Y", "")]
    lk = [("2019-12-01", "10001", "10001", "full", 1.0, "renamed", "official"),
          ("2019-12-01", "10001", "10002", "full", 1.0, "merged", "derived"),
          ("2019-12-01", "10003", "10003", "full", 1.0, "same", "official"),
          ("2019-12-01", "10004", "10004", "full", 1.0, "same", "official"),
          ("2025-07-01", "10001", "10001", "full", 1.0, "merged", "official"),
          ("2025-07-01", "10001", "10003", "full", 1.0, "merged", "official"),
          ("2025-07-01", "10001", "10004", "partial", 0.3, "split", "official"),
          ("2025-07-01", "10004", "10004", "partial", 0.7, "split", "official")]
    links = pd.DataFrame(lk, columns=["version", "commune_code", "prev_code", "link", "share", "kind", "evidence"])
    links["rule"] = ""
    links["confidence"] = ""
    links["detail"] = ""
    shapes = {**{f"m:{c}": g for c, g in sq.items()}, "m:10001+10002": box(1, 0, 3, 1),
              "p:X": box(1, 0, 4.3, 1), "p:Y": box(4.3, 0, 5, 1)}
    bounds = gpd.GeoDataFrame({"key": list(shapes)}, geometry=list(shapes.values()), crs="EPSG:4326")
    U.write_built(Built(versions, pd.DataFrame(rows), links, bounds, []), tmp_path)
    return tmp_path


def _records(rows):
    return pd.DataFrame(rows, columns=["commune_code", "healthy", "inspections"]).astype(
        {"healthy": "boolean", "inspections": "Float64"})


def test_a_merged_unit_sums_its_parts_and_is_healthy_only_if_all_were(world):
    rec = _records([("10001", True, 2), ("10002", False, 3), ("10003", True, 1), ("10004", True, 4)])
    out = U.reexpress(rec, "2017-04-19", "2019-12-01", world).set_index("commune_code")
    assert out.loc["10001", "inspections"] == 5
    assert not out.loc["10001", "healthy"]
    assert out.loc["10003", "healthy"]
    assert not out["approximate"].any()
    assert out.loc["10001", "parts"] == 2


def test_a_merged_unit_with_a_silent_part_has_no_sum_and_unknown_health(world):
    rec = _records([("10001", True, 2), ("10003", True, 1), ("10004", True, 4)])
    out = U.reexpress(rec, "2017-04-19", "2019-12-01", world).set_index("commune_code")
    assert pd.isna(out.loc["10001", "inspections"])
    assert pd.isna(out.loc["10001", "healthy"])


def test_partial_links_share_counts_by_area_and_are_marked_approximate(world):
    rec = _records([("10001", True, 2), ("10002", True, 3), ("10003", True, 1), ("10004", True, 10)])
    out = U.reexpress(rec, "2017-04-19", "2025-07-01", world).set_index("commune_code")
    assert out.loc["10001", "inspections"] == pytest.approx(2 + 3 + 1 + 3)
    assert out.loc["10004", "inspections"] == pytest.approx(7)
    assert out["approximate"].all()
    assert out.loc["10001", "healthy"]


@pytest.fixture
def landless_world(world):
    """``world`` plus 10005 Xã Không Đất in 2019-12-01, without land, merged into Y (10004) in 2025-07-01.

    Listed with no predecessor and no polygon, like 16387 and 16411 of January 2025.
    """
    units = pd.read_csv(world / "units.csv", dtype=str, keep_default_na=False)
    row = units[(units.version == "2019-12-01") & (units.commune_code == "10004")].iloc[0].copy()
    row[["commune_code", "commune_name", "has_boundary", "area_km2", "boundary_key"]] = [
        "10005", "Xã Không Đất", "False", "", "pt:10005"]
    pd.concat([units, row.to_frame().T]).to_csv(world / "units.csv", index=False)
    links = pd.read_csv(world / "links.csv", dtype=str, keep_default_na=False)
    extra = pd.DataFrame([
        {"version": "2019-12-01", "commune_code": "10005", "prev_code": "", "link": "full", "kind": "added",
         "evidence": "official"},
        {"version": "2025-07-01", "commune_code": "10004", "prev_code": "10005", "link": "full", "share": "1.0",
         "kind": "merged", "evidence": "official"}]).fillna("")
    pd.concat([links, extra]).fillna("").to_csv(world / "links.csv", index=False)
    bounds = gpd.read_parquet(world / "boundaries.parquet")
    pd.concat([bounds, gpd.GeoDataFrame({"key": ["pt:10005"]}, geometry=[Point(4.5, 0.5)], crs=bounds.crs)]
              ).to_parquet(world / "boundaries.parquet")
    return world


def test_a_part_without_land_and_without_a_record_does_not_blank_the_merged_unit(landless_world):
    assert U._landless("2019-12-01", str(landless_world)) == {"10005"}
    rec = _records([("10001", True, 2), ("10003", True, 1), ("10004", True, 10)])
    out = U.reexpress(rec, "2019-12-01", "2025-07-01", landless_world).set_index("commune_code")
    assert out.loc["10004", "inspections"] == pytest.approx(7)
    assert out.loc["10004", "healthy"]
    # the same fixture without the rule: the silent landless part made Y unknown
    step = U._step(rec.assign(approximate=False), U.links("2025-07-01", landless_world))
    assert pd.isna(step.set_index("commune_code").loc["10004", "healthy"])


def test_a_part_with_land_that_did_not_report_still_blanks_the_merged_unit(landless_world):
    rec = _records([("10001", True, 2), ("10003", True, 1)])  # 10004 (with land) silent, 10005 silent
    out = U.reexpress(rec, "2019-12-01", "2025-07-01", landless_world).set_index("commune_code")
    assert pd.isna(out.loc["10004", "healthy"])
    assert pd.isna(out.loc["10004", "inspections"])
    # a landless part that did report counts like any part
    rec = _records([("10001", True, 2), ("10003", True, 1), ("10004", True, 10), ("10005", False, 1)])
    out = U.reexpress(rec, "2019-12-01", "2025-07-01", landless_world).set_index("commune_code")
    assert out.loc["10004", "inspections"] == pytest.approx(8)
    assert not out.loc["10004", "healthy"]


def test_conversion_refuses_a_unit_split_between_two_new_ones(world):
    rec = _records([("10001", True, 2), ("10003", True, 1), ("10004", True, 10)])
    with pytest.raises(U.ConversionError) as err:
        U.convert_records(rec, "2019-12-01", "2025-07-01", world)
    split = [p for p in err.value.problems if p["problem"] == "split"]
    assert [p["code"] for p in split] == ["10004"]
    assert {s["commune_code"] for s in split[0]["successors"]} == {"10001", "10004"}


def test_conversion_refuses_a_new_unit_whose_parts_the_file_holds_only_some_of(world):
    rec = _records([("10001", True, 2), ("10003", True, 1), ("10004", True, 4)])
    # 2017 -> 2019-12: AB needs 10001 and 10002; the file has only 10001.
    with pytest.raises(U.ConversionError) as err:
        U.convert_records(rec, "2017-04-19", "2019-12-01", world)
    (p,) = err.value.problems
    assert (p["code"], p["problem"], p["missing"]) == ("10001", "incomplete", ["10002"])


def test_conversion_of_a_complete_file_sums_counts_to_whole_numbers(world):
    rec = _records([("10001", True, 2), ("10002", True, 3), ("10003", True, 1), ("10004", False, 4)])
    out = U.convert_records(rec, "2017-04-19", "2019-12-01", world).set_index("commune_code")
    assert out["inspections"].tolist() == [5, 1, 4]
    assert out["healthy"].tolist() == [True, True, False]


def test_conversion_names_a_code_unknown_in_the_from_version(world):
    with pytest.raises(U.ConversionError) as err:
        U.convert_records(_records([("19999", True, 1)]), "2017-04-19", "2019-12-01", world)
    assert err.value.problems[0] == {"code": "19999", "problem": "unknown", "successors": []}


def test_successors_follow_the_links_with_the_weakest_evidence(world):
    s = U.successors("10002", "2017-04-19", "2025-07-01", world)
    assert s[["commune_code", "commune_name", "link", "evidence"]].values.tolist() == [
        ["10001", "Xã X", "full", "derived"]]
    s = U.successors("10004", "2017-04-19", "2025-07-01", world).set_index("commune_code")
    assert s["share"].to_dict() == {"10001": pytest.approx(0.3), "10004": pytest.approx(0.7)}
    assert set(s["link"]) == {"partial"}


def test_links_run_forward_only(world):
    with pytest.raises(ValueError, match="forward"):
        U.reexpress(_records([]), "2025-07-01", "2017-04-19", world)


def test_boundaries_of_a_version_carry_their_own_shapes(world):
    b = U.boundaries("2019-12-01", world).set_index("commune_code")
    assert b.geometry["10001"].equals(box(1, 0, 3, 1))
    assert shapely.get_num_geometries(b.geometry).tolist() == [1, 1, 1]


@pytest.mark.parametrize(("period", "version"), [
    ("2018", "2017-04-19"), ("2019", "2017-04-19"), ("2019-Q4", "2017-04-19"), ("2020", "2019-12-01"),
    ("2020-Q3", "2020-06-01"), ("2021", "2020-06-01"), ("2021-Q3", "2021-07-01"), ("2024-Q3", "2024-05-01"),
    ("2025", "2025-01-01"), ("2025-Q2", "2025-01-01"), ("2025-Q3", "2025-07-01"), ("2026", "2025-07-01"),
])
def test_a_period_uses_the_version_in_force_on_its_first_day(period, version):
    assert U.version_for_period(period) == version


def test_the_years_holding_a_change_say_which():
    assert U.changes_within("2019") == ["2019-12-01"]
    assert U.changes_within("2025") == ["2025-07-01"]
    assert U.changes_within("2025-Q3") == []
    assert U.changes_within("2022") == []


def test_a_bad_period_is_named():
    with pytest.raises(ValueError, match="2019-Q5"):
        U.version_for_period("2019-Q5")


def test_corrections_file_names_row_and_column_of_a_bad_code(tmp_path):
    path = tmp_path / "link_corrections.csv"
    path.write_text("version,removed_code,absorbed_by,reason\n2019-12-01,14827,1482,typo\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 2, column absorbed_by: '1482'"):
        U.read_corrections(path)


def test_an_admin_correction_overrides_a_derived_link_and_says_so():
    from geo.units.build import Merger, apply_corrections

    derived = [Merger("2019-12-01", "10002", "10003", "shared boundary", {"10001": 1.0, "10003": 1.1})]
    rows = pd.DataFrame([{"version": "2019-12-01", "removed_code": "10002", "absorbed_by": "10001",
                          "reason": "Nghị quyết 786, Điều 1"}])
    (m,) = apply_corrections(derived, rows)
    assert (m.absorber, m.rule, m.confidence) == ("10001", "admin", "admin")
    assert "Nghị quyết 786" in m.detail and "derived: 10003" in m.detail
    with pytest.raises(ValueError, match="row 2: 2019-12-01 10009"):
        apply_corrections(derived, rows.assign(removed_code="10009"))


def test_records_of_one_period_on_two_versions_meet_on_the_later_one_and_direct_records_win(world):
    rec = _records([("10001", True, 2), ("10002", True, 3), ("10003", True, 1), ("10004", True, 4),
                    ("10003", False, 9)])
    versions = pd.Series(["2017-04-19"] * 4 + ["2019-12-01"])
    out, moved = U.on_version(rec, versions, "2019-12-01", world)
    out = out.set_index("commune_code")
    assert moved == ["2017-04-19"]
    assert out["inspections"].to_dict() == {"10001": 5, "10003": 9, "10004": 4}
    assert not out.loc["10003", "healthy"]  # the record stored on the later list itself, not the re-expressed one
    same, moved = U.on_version(rec.iloc[:4], pd.Series(["2017-04-19"] * 4), "2017-04-19", world)
    assert moved == [] and same.equals(rec.iloc[:4])


def test_an_import_may_choose_only_a_version_in_force_during_the_period():
    assert U.versions_in_period("2019") == ["2017-04-19", "2019-12-01"]
    assert U.versions_in_period("2019-Q4") == ["2017-04-19", "2019-12-01"]
    assert U.versions_in_period("2025") == ["2025-01-01", "2025-07-01"]
    assert U.versions_in_period("2021") == ["2020-06-01", "2021-02-01", "2021-07-01"]
    assert U.versions_in_period("2022") == ["2021-07-01"]
    assert U.version_choices(["2019", "2018"]) == ["2019-12-01"]
    assert U.version_choices(["2022"]) == []


def test_the_note_says_when_an_import_chose_the_list():
    en = U.version_note("2019", "en", version="2019-12-01")
    assert "559 units" in en and "chosen at import" in en and "19/04/2017" in en and "of 2019 were" in en
    assert "2017-04-19" not in en and "from 01/12/2019" in en  # dates and periods in words, not codes
    assert "chọn khi nhập" in U.version_note("2019", "vi", version="2019-12-01")
    rule = U.version_note("2019", "en", version="2017-04-19")
    assert "first day" in rule and "chosen at import" not in rule


def test_the_2025_note_says_that_former_districts_and_earlier_records_pass_through_derived_links():
    import re

    note = U.version_note("2025-Q3", "en", version="2025-07-01")
    assert "166 units" in note and "sapnhap.bando.com.vn" in note
    assert re.search(r"\d+ merger links of 2019–2025 are derived", note)
    assert "suy ra" in U.version_note("2025-Q3", "vi", version="2025-07-01")
    assert "derived" in U.version_note("2021", "en", version="2020-06-01")  # the dissolved lists say so
