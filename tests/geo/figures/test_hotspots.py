"""Hot spots: a planted block is found, a random pattern is not, small counts shrink, islands do not crash."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.figures.hotspots import (
    HotspotError,
    hotspots,
    period_hotspots,
    where_to_look,
)
from geo.units.versions import layer


def grid(n: int = 12, *, district: str = "001") -> gpd.GeoDataFrame:
    """An n × n grid of squares, each a unit with a polygon (queen neighbours: up to 8).

    Corners at multiples of 1/8 degree, exact in binary: queen contiguity matches vertices exactly.
    """
    rows = []
    for i in range(n):
        for j in range(n):
            rows.append({"commune_code": f"{i:02d}{j:03d}", "commune_name": f"Xã {i}-{j}", "commune_type": "Xã",
                         "district_code": district if j < n // 2 else "002",
                         "district_name": "Huyện A" if j < n // 2 else "Huyện B", "is_laos_border": False,
                         "laos_border_km": 0.0, "area_km2": 1.0, "has_boundary": True,
                         "geometry": box(105 + j / 8, 20 + i / 8, 105 + (j + 1) / 8, 20 + (i + 1) / 8)})
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def records(gdf: gpd.GeoDataFrame, counts, **extra) -> pd.DataFrame:
    return pd.DataFrame({"commune_code": gdf["commune_code"], "violations": counts, **extra})


def planted(n: int = 12, seed: int = 3) -> tuple[gpd.GeoDataFrame, pd.DataFrame, set[str]]:
    """A 4 × 4 block of high counts (mean 8) in a field of low ones (mean 1)."""
    gdf = grid(n)
    rng = np.random.default_rng(seed)
    block = {f"{i:02d}{j:03d}" for i in range(2, 6) for j in range(2, 6)}
    lam = np.where(gdf["commune_code"].isin(block), 8.0, 1.0)
    return gdf, records(gdf, rng.poisson(lam)), block


def test_planted_block_is_found_and_nothing_far_from_it():
    gdf, rec, block = planted()
    result = hotspots(gdf, rec, "violations", "count", permutations=999)
    by = result.by_code()
    hot = {c for c, u in by.items() if u.cluster == "hot"}
    assert len(hot & block) >= 12  # at least 3 in 4 of the block
    far = {c for c in by if int(c[:2]) >= 8 or int(c[2:]) >= 8}  # two units or more from the block
    assert not hot & far
    assert all(by[c].z > 0 and by[c].level in (90, 95, 99) for c in hot)
    assert result.counts()["hot"] == len(hot)


def test_random_pattern_gives_no_hot_spot():
    gdf = grid()
    for seed in range(3):
        rec = records(gdf, np.random.default_rng(100 + seed).poisson(2.0, len(gdf)))
        result = hotspots(gdf, rec, "violations", "count")
        assert result.counts()["hot"] == 0, seed
        assert result.counts()["cold"] == 0, seed


def test_empirical_bayes_shrinks_a_small_unit_toward_the_mean():
    gdf = grid(6)
    n = len(gdf)
    est = np.full(n, 50)
    events = np.random.default_rng(5).integers(2, 15, n)  # rates 0.04 to 0.3 per establishment
    est[0], events[0] = 1, 1  # one small unit: 1 case in 1 establishment, raw rate 1.0
    result = hotspots(gdf, records(gdf, events, establishments=est), "violations", "establishment")
    small = result.units[0]
    assert small.raw_rate == pytest.approx(1.0)
    mean = events.sum() / est.sum()
    assert mean < small.rate < 0.5  # pulled most of the way toward the province's rate
    big = result.units[1]  # a large base keeps most of its own rate
    assert abs(big.rate - big.raw_rate) < abs(small.rate - small.raw_rate) / 5
    assert "Empirical_Bayes" in result.method()["rates"]


def test_rates_that_vary_no_more_than_chance_all_take_the_mean():
    gdf = grid(6)
    est = np.full(len(gdf), 50)
    result = hotspots(gdf, records(gdf, np.full(len(gdf), 5), establishments=est), "violations", "establishment")
    assert {u.rate for u in result.units} == {0.1}
    assert {u.cluster for u in result.units} == {"none"}
    assert "every rate = mean" in result.method()["rates"]


def test_no_establishment_means_no_rate_and_is_said():
    gdf = grid(6)
    est = np.full(len(gdf), 5)
    est[7] = 0
    result = hotspots(gdf, records(gdf, np.ones(len(gdf), dtype=int) * 2, establishments=est),
                      "violations", "establishment")
    unit = result.units[7]
    assert unit.rate is None and unit.note == "no_rate" and unit.cluster == "none"
    assert result.method()["weights"]["left_out"]["no_rate"] == 1


def test_islands_and_units_without_polygon_are_left_out_and_said():
    gdf = grid(8)
    extra = gdf.iloc[:2].copy()
    extra["commune_code"] = ["90001", "90002"]
    extra["geometry"] = [box(110, 25, 110.01, 25.01), Point(110.5, 25.5).buffer(0.001)]  # far away: islands
    nopoly = gdf.iloc[:1].copy()
    nopoly["commune_code"] = ["90003"]
    nopoly["has_boundary"] = False
    nopoly["geometry"] = [Point(105.05, 20.05)]
    full = gpd.GeoDataFrame(pd.concat([gdf, extra, nopoly], ignore_index=True), crs="EPSG:4326")
    gdf2, rec, _ = planted(8)
    rec = records(full, np.r_[rec["violations"].to_numpy(), 30, 30, 30])
    result = hotspots(full, rec, "violations", "count")
    by = result.by_code()
    assert by["90001"].note == "island" and by["90002"].note == "island"
    assert by["90003"].note == "no_polygon"
    assert {by[c].cluster for c in ("90001", "90002", "90003")} == {"none"}
    assert result.analysed == len(gdf)
    assert result.method()["weights"]["left_out"] == {"no_data": 0, "no_rate": 0, "no_polygon": 1, "island": 2}


def test_a_district_filter_computes_on_the_whole_province():
    gdf, rec, block = planted()
    whole = hotspots(gdf, rec).by_code()
    part = hotspots(gdf, rec, districts=("001",))
    assert {u.district_code for u in part.units} == {"001"}
    assert all(u == whole[u.commune_code] for u in part.units)  # the same figures, not a recomputation


def test_unknown_measure_or_base_is_refused():
    gdf = grid(3)
    with pytest.raises(HotspotError, match="apples"):
        hotspots(gdf, records(gdf, np.ones(9)), "apples")
    with pytest.raises(HotspotError, match="per_hectare"):
        hotspots(gdf, records(gdf, np.ones(9)), "violations", "per_hectare")


def test_where_to_look_lists_the_hot_spots_or_says_there_are_none():
    gdf, rec, block = planted()
    found = where_to_look(hotspots(gdf, rec, period="2019"), "vi")
    assert found.rows and all(r[4] in ("90 %", "95 %", "99 %") for r in found.rows)
    assert found.sentence.startswith("Năm 2019: ") and "điểm nóng có ý nghĩa thống kê" in found.sentence
    assert str(len(found.rows)) in found.sentence
    calm = where_to_look(hotspots(gdf, records(gdf, np.full(len(gdf), 2)), period="2019-Q3"), "en")
    assert calm.rows == ()
    assert calm.sentence.startswith("Q3 2025") is False and "no statistically significant hot spot" in calm.sentence


def test_outside_check_planted_cluster_in_an_inland_2019_district():
    """The issue's check from outside: records never seen, a cluster at 5× the rest in one inland district.

    At least 60 % of the district's communes hot; at most 2 % hot among the communes that do not touch it.
    (At 4× the rest, 48 to 68 % are found with these honest p-values: the README gives the figures.)
    """
    communes = layer("2017-04-19")
    for district, seed in (("398", 1), ("394", 2), ("389", 5)):  # Thiệu Hóa, Yên Định, Ngọc Lặc: inland
        rng = np.random.default_rng(seed)
        inside = (communes["district_code"] == district).to_numpy()
        rec = records(communes, rng.poisson(np.where(inside, 7.5, 1.5)))
        by = hotspots(communes, rec, "violations", "count").by_code()
        touching = communes.geometry.intersects(communes[inside].geometry.union_all().buffer(1e-4)).to_numpy()
        hot_inside = np.mean([by[c].cluster == "hot" for c in communes["commune_code"][inside]])
        false_alarms = np.mean([by[c].cluster == "hot" for c in communes["commune_code"][~touching]])
        assert hot_inside >= 0.60, (district, hot_inside)
        assert false_alarms <= 0.02, (district, false_alarms)


def test_period_hotspots_reads_the_store(illustrative_engine):
    result = period_hotspots(illustrative_engine, "2019", "violations", "count", permutations=99)
    assert result.unit_version == "2017-04-19" and len(result.units) == 635
    assert result.illustrative
    assert set(result.as_json()) >= {"units", "method", "weights", "permutations", "correction"}


def test_contiguity_kept_on_disk_gives_the_same_figures_and_survives_a_bad_file(tmp_path, monkeypatch):
    """The queen weights a fresh process reads back give the figures built ones give; a damaged file is rebuilt."""
    import geo.figures.hotspots as module

    monkeypatch.setattr(module, "CONTIGUITY_DIR", tmp_path / "contiguity")
    gdf, rec, _block = planted()
    module._QUEENS.clear()
    built = hotspots(gdf, rec, "violations", "count", permutations=199)
    kept = list((tmp_path / "contiguity").glob("*.json"))
    assert len(kept) == 1 and not list((tmp_path / "contiguity").glob("*.part"))
    module._QUEENS.clear()  # as a new process: only the file
    assert hotspots(gdf, rec, "violations", "count", permutations=199) == built
    kept[0].write_text("{not json", encoding="utf-8")
    module._QUEENS.clear()
    assert hotspots(gdf, rec, "violations", "count", permutations=199) == built
    moved = grid()
    moved.loc[0, "geometry"] = box(104, 19, 104.1, 19.1)  # a boundary revision: another key, not the kept weights
    module._QUEENS.clear()
    result = hotspots(moved, records(moved, rec["violations"]), "violations", "count", permutations=199)
    assert result.by_code()["00000"].note == "island"
    assert len(list((tmp_path / "contiguity").glob("*.json"))) == 2


def test_contiguity_on_a_disk_that_cannot_take_it_is_built_each_time(tmp_path, monkeypatch):
    import geo.figures.hotspots as module

    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(module, "CONTIGUITY_DIR", blocked / "contiguity")  # under a file: mkdir fails
    gdf, rec, block = planted()
    module._QUEENS.clear()
    result = hotspots(gdf, rec, "violations", "count", permutations=999)
    assert len({c for c, u in result.by_code().items() if u.cluster == "hot"} & block) >= 12
