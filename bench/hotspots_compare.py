"""Benchmark: hot spots against the plain choropleth, and the split view of 4 and 12 periods against one map.

    .venv/bin/python bench/hotspots_compare.py [--reps N] [--json FILE]

In one process, on the seeded illustrative records (a fresh SQLite database), medians of ``--reps`` runs:

1. the hot spots of 2019 on its 635 units (``geo.figures.hotspots.hotspots``: queen weights, Gi* and local
   Moran's I) with 999 permutations and with the default 9,999, against the plain choropleth of the same period
   (``geo.maps.themes.view_theme``, inspections per commune, quantiles): the map pipeline's own step;
2. the split view (``geo.maps.compare``: read, class, theme and the page) of 4 and 12 periods against one map of
   one period (``view_theme`` + ``render.theme_inputs`` + ``webgeom.web_layer``, what the live map computes),
   with the geometry made and with it already made (as the dashboard's cache has it),
   with the bytes of the page; and the print sheet of 4 and 12 periods against the one-period A4 sheet (PNG,
   200 dpi).

Ratios are against the baseline measured in the same run. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.figures.hotspots import hotspots  # noqa: E402
from geo.maps import render, webgeom  # noqa: E402
from geo.maps.compare import compare_html, compare_sheet, load_compare  # noqa: E402
from geo.maps.exports import load_inputs  # noqa: E402
from geo.maps.sheets import SheetOptions, render_sheet  # noqa: E402
from geo.maps.themes import view_theme  # noqa: E402
from geo.records.store import get_engine, load_records, period_version  # noqa: E402
from geo.units.versions import layer  # noqa: E402

FOUR = ["2019", "2021", "2025-Q3", "2026-Q3"]
TWELVE = ["2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2025-Q3", "2025-Q4", "2026-Q1",
          "2026-Q3"]


def median_time(fn, reps: int) -> tuple[float, object]:
    """Median seconds of ``reps`` calls of ``fn`` (the first, cold call counted too), and its last value."""
    times, value = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def main() -> None:
    """Run the benchmark and print the table (and write ``--json``)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = get_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", seed=True)
        communes = layer(period_version(engine, "2019"))
        records = load_records(engine, "2019")
        rows: list[tuple[str, float, float]] = []

        base, _ = median_time(lambda: view_theme(communes, records, "inspections"), args.reps)
        for perms in (999, 9999):
            took, _ = median_time(lambda p=perms: hotspots(communes, records, "violations", "count", permutations=p),
                                  args.reps)
            rows.append((f"hot spots, 2019, 635 units, {perms} permutations (s) vs choropleth", base, took))

        def one_map() -> str:
            joined, theme = view_theme(communes, records, "healthy")
            render.theme_inputs(joined, theme)
            return webgeom.web_layer(joined[["commune_code", "commune_name", "district_name", "has_boundary",
                                             "geometry"]])

        def one_map_warm() -> None:  # the geometry already made (the dashboard caches it per unit list)
            joined, theme = view_theme(communes, records, "healthy")
            render.theme_inputs(joined, theme)

        single, layer_text = median_time(one_map, args.reps)
        single_warm, _ = median_time(one_map_warm, args.reps)
        sizes = {}
        made: dict[str, str] = {}
        for periods in (FOUR, TWELVE):
            took, page = median_time(lambda ps=periods: compare_html(load_compare(engine, "healthy", ps)), args.reps)
            sizes[len(periods)] = len(page.encode())
            rows.append((f"split view, {len(periods)} periods: read, class, geometry, page (s) vs one map", single,
                         took))
            view = load_compare(engine, "healthy", periods)
            for p in view.periods:
                if p.unit_version not in made:
                    made[p.unit_version] = webgeom.web_layer(
                        p.joined[["commune_code", "commune_name", "district_name", "has_boundary", "geometry"]])
            took, _ = median_time(lambda ps=periods: compare_html(load_compare(engine, "healthy", ps), layers=made),
                                  args.reps)
            rows.append((f"split view, {len(periods)} periods, geometry cached (s) vs one map, geometry cached",
                         single_warm, took))
        inputs = load_inputs(engine, "2019")
        sheet, _ = median_time(lambda: render_sheet(inputs, SheetOptions(period="2019"), "png", dpi=200),
                               max(1, args.reps // 2))
        for periods in (FOUR, TWELVE):
            view = load_compare(engine, "healthy", periods)
            took, _ = median_time(lambda v=view: compare_sheet(v, "png", dpi=200), max(1, args.reps // 2))
            rows.append((f"split-view sheet, {len(periods)} periods, PNG 200 dpi (s) vs one-period A4 sheet",
                         sheet, took))
    print(f"{'figure':<90} {'baseline':>9} {'this':>9} {'this/baseline':>13}")
    for name, b, v in rows:
        print(f"{name:<90} {b:>9.3f} {v:>9.3f} {v / b:>12.1f}×")
    print(f"page bytes: one map's layer {len(layer_text.encode()):,}; split view 4 periods {sizes[4]:,}; "
          f"12 periods {sizes[12]:,}")
    if args.json:
        table = [{"figure": n, "baseline_s": b, "this_s": v} for n, b, v in rows]
        Path(args.json).write_text(json.dumps({"rows": table, "bytes": {"one_layer": len(layer_text.encode()),
                                                                        **sizes}}, indent=2))


if __name__ == "__main__":
    main()
