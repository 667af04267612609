"""Measure how far each boundary format and CRS lands from the bundled lines after a round trip.

The communes of one district (default: Thành phố Thanh Hóa, 380) are written in every format and CRS a land
office sends (with pyogrio/GDAL), read back through ``geo.boundary_import`` (VN-2000 with EPSG:6960), and the
Hausdorff distance to the bundled lines is measured in VN-2000 / UTM 48N. The last row is what a tool that
skips the datum shift would produce (the grid coordinates unprojected and taken as WGS 84).

    .venv/bin/python scripts/boundary_offsets.py [--district 380]
"""

from __future__ import annotations

import argparse
import tempfile
import warnings
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from geo import vn2000
from geo.boundaries import read_communes
from geo.boundary_import import target_from_layer, validate_path

CASES = [
    ("shp", None, "EPSG:4326"), ("shp", None, "EPSG:4756"), ("shp", None, vn2000.UTM48N), ("shp", None, vn2000.TM3_105),
    ("gpkg", "GPKG", "EPSG:4326"), ("gpkg", "GPKG", "EPSG:4756"), ("gpkg", "GPKG", vn2000.UTM48N),
    ("gpkg", "GPKG", vn2000.TM3_105),
    ("geojson", "GeoJSON", "EPSG:4326"), ("geojson", "GeoJSON", "EPSG:4756"), ("geojson", "GeoJSON", vn2000.UTM48N),
    ("geojson", "GeoJSON", vn2000.TM3_105),
    ("kml", "KML", "EPSG:4326"),
]  # fmt: skip


def _offsets(got, bundled) -> tuple[float, float]:
    """(median, max) over units of the Hausdorff distance in metres."""
    got_m = got.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    ref_m = bundled.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    d = sorted(got_m[c].hausdorff_distance(ref_m[c]) for c in got_m.index)
    return d[len(d) // 2], d[-1]


def main() -> None:
    """Print one line per format and CRS: units, median and largest offset in metres."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default="380")
    args = parser.parse_args()
    layer = read_communes()
    target = target_from_layer(layer, "2017-04-19")
    sub = layer[(layer["district_code"] == args.district) & layer["has_boundary"]]
    sub = sub.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa"})[["MaXa", "TenXa", "geometry"]]
    bundled = layer[layer["commune_code"].isin(sub["MaXa"])]
    print(f"{'format':8} {'CRS':12} {'units':>5} {'median m':>10} {'max m':>10}")
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for ext, driver, crs in CASES:
            path = Path(tmp) / f"{crs.replace(':', '_')}.{ext}"
            sub.to_crs(crs).to_file(path, **({"driver": driver} if driver else {}))
            report = validate_path(path, target)
            if not report.ok:
                print(f"{ext:8} {crs:12} refused: {report.errors[0].message}")
                continue
            median, worst = _offsets(report.units, bundled)
            print(f"{ext:8} {crs:12} {len(report.units):>5} {median:>10.4f} {worst:>10.4f}")
        # Without the datum shift: UTM 48N grid coordinates unprojected on VN-2000 and called WGS 84.
        unproject = Transformer.from_crs(vn2000.UTM48N, "EPSG:4756", always_xy=True)
        grid = sub.to_crs(vn2000.UTM48N)
        naive = grid.set_geometry(
            [shapely.transform(g, lambda c: np.column_stack(unproject.transform(c[:, 0], c[:, 1])))
             for g in grid.geometry]).set_crs("EPSG:4326", allow_override=True)
        median, worst = _offsets(naive.rename(columns={"MaXa": "commune_code"}), bundled)
        print(f"{'(no datum shift, UTM 48N)':21} {len(naive):>5} {median:>10.1f} {worst:>10.1f}")


if __name__ == "__main__":
    main()
