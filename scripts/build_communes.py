r"""Build data/communes.geojson (and optionally data/laos_border_line.geojson) from the reference data.

Usage, from the repository root::

    .venv/bin/python scripts/build_communes.py \
        ../shared/data/communes_2019_full.geojson \
        ../shared/data/communes_2019_missing_points.geojson \
        ../shared/data/gso_thanhhoa_2019.csv \
        --border-line ../shared/data/laos_border_line.geojson

The Laos-border fields are measured from the border line (``geo.boundaries.border.measure``): the line given
with ``--border-line`` (normalised and written first), else the committed ``data/laos_border_line.geojson``.

The output is deterministic: running it twice gives byte-identical files. Coordinates are written with
6 decimals at full resolution (no simplification; the web map simplifies its own copy).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script: make `geo` importable

import shapely  # noqa: E402

from geo.boundaries.border import line_km, read_laos_border  # noqa: E402
from geo.boundaries.layer import (  # noqa: E402
    GRID,
    build_communes,
    dissolve_districts,
    match_counts,
    read_communes,
    summarise,
)
from geo.contract import COMMUNES_PATH, LAOS_BORDER_PATH  # noqa: E402

if TYPE_CHECKING:
    import geopandas as gpd

GEOJSON_OPTIONS = {"driver": "GeoJSON", "COORDINATE_PRECISION": 6, "engine": "pyogrio"}


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    """Write ``gdf`` as GeoJSON with 6-decimal coordinates; a fixed layer name keeps the bytes stable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    gdf.to_file(path, layer=layer, **GEOJSON_OPTIONS)


def normalise_border(src: Path) -> gpd.GeoDataFrame:
    """Read the border line: EPSG:4326, NFC text, 6-decimal grid, ``length_km`` measured in METRIC_CRS."""
    line = read_laos_border(src)
    line = line.set_geometry(shapely.set_precision(line.geometry.to_numpy(), GRID), crs=line.crs)
    return line.assign(length_km=round(line_km(line), 1))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, write, read back (validates the written file) and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("full", type=Path, help="communes_2019_full.geojson (633 polygons)")
    parser.add_argument("missing", type=Path, help="communes_2019_missing_points.geojson (2 points)")
    parser.add_argument("gso", type=Path, help="gso_thanhhoa_2019.csv (635 units)")
    parser.add_argument("--out", type=Path, default=COMMUNES_PATH, help="default: %(default)s")
    parser.add_argument("--border-line", type=Path, help="laos_border_line.geojson to normalise and copy")
    parser.add_argument("--border-out", type=Path, default=LAOS_BORDER_PATH, help="default: %(default)s")
    args = parser.parse_args(argv)

    if args.border_line:
        write_geojson(normalise_border(args.border_line), args.border_out, layer="laos_border_line")
    line = read_laos_border(args.border_out if args.border_line else LAOS_BORDER_PATH)
    communes = build_communes(args.full, args.missing, args.gso, line)
    write_geojson(communes, args.out, layer="communes")
    written = read_communes(args.out)
    s = summarise(written)
    matches = ", ".join(f"{k} {v}" for k, v in match_counts(args.full).items())
    print(f"wrote {args.out}")
    print(
        f"  units {s['units']} = polygons {s['polygons']} + points {s['points']}; districts "
        f"{len(dissolve_districts(written))}; Laos-border communes {s['border_communes']} in "
        f"{s['border_districts']} districts ({written['laos_border_km'].sum():.2f} km of the line); total area "
        f"{s['area_km2']:,} km²"
    )
    print(f"  polygon matches: {matches}")
    if args.border_line:
        print(f"wrote {args.border_out}\n  Laos border line {line_km(line):.2f} km")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
