"""Measure how far each boundary format and CRS lands from the bundled lines after a round trip.

The communes of one district (default: Thành phố Thanh Hóa, 380) are written in every format and CRS a land
office sends (with pyogrio/GDAL): a zipped shapefile without ``.cpg`` under a folder, a GeoPackage with two
layers (communes and the district outline; read with ``layer=``, and without it the report asks), GeoJSON,
KML and KMZ (WGS 84 only, by the formats); each is read back through ``geo.boundaries.check`` (VN-2000 with
EPSG:6960) and the Hausdorff distance to the bundled lines is measured in VN-2000 / UTM 48N. The last row is
what a tool that skips the datum shift would produce (the grid coordinates unprojected and taken as WGS 84).

    .venv/bin/python scripts/boundary_offsets.py [--district 380]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script: make `geo` importable

from geo.boundaries.check import target_from_layer, validate_path
from geo.boundaries.layer import read_communes
from geo.io import vn2000

CRSES = ["EPSG:4326", "EPSG:4756", vn2000.UTM48N, vn2000.TM3_105]
FORMATS = ["shapefile zip, no .cpg", "GeoPackage, 2 layers", "GeoJSON", "KML", "KMZ"]
WGS84_ONLY = {"KML", "KMZ"}  # the formats are WGS 84 by definition


def _write(sub, fmt: str, crs: str, folder: Path) -> tuple[Path, dict]:
    """Write ``sub`` in ``fmt`` and ``crs`` as a land office would send it; return the path and the options."""
    stem = folder / f"{fmt.split()[0].replace(',', '')}_{crs.replace(':', '_')}"
    data = sub.to_crs(crs)
    if fmt.startswith("shapefile"):
        (folder / "shp").mkdir(exist_ok=True)
        for old in (folder / "shp").iterdir():
            old.unlink()
        data.to_file(folder / "shp" / "RG_XA.shp", encoding="UTF-8")
        path = stem.with_suffix(".zip")
        with zipfile.ZipFile(path, "w") as z:
            for part in sorted((folder / "shp").iterdir()):
                if part.suffix != ".cpg":
                    z.write(part, f"Ranh gioi/{part.name}")
        return path, {}
    if fmt.startswith("GeoPackage"):
        path = stem.with_suffix(".gpkg")
        data.to_file(path, layer="ranh_gioi_xa", driver="GPKG")
        outline = data.dissolve()[["geometry"]].assign(ten="Thành phố Thanh Hóa")
        outline.to_file(path, layer="ranh_gioi_huyen", driver="GPKG")
        return path, {"layer": "ranh_gioi_xa"}
    if fmt == "GeoJSON":
        path = stem.with_suffix(".geojson")
        data.to_file(path, driver="GeoJSON")
        return path, {}
    kml = stem.with_suffix(".kml")
    data.to_file(kml, driver="KML")
    if fmt == "KML":
        return kml, {}
    path = stem.with_suffix(".kmz")
    with zipfile.ZipFile(path, "w") as z:
        z.write(kml, "doc.kml")
    return path, {}


def _offsets(got, bundled) -> tuple[float, float]:
    """(median, max) over units of the Hausdorff distance in metres."""
    got_m = got.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    ref_m = bundled.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    d = sorted(got_m[c].hausdorff_distance(ref_m[c]) for c in got_m.index)
    return d[len(d) // 2], d[-1]


def main() -> None:
    """Print one line per format and CRS (units, median and largest offset), then the table for the README."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default="380")
    args = parser.parse_args()
    layer = read_communes()
    target = target_from_layer(layer, "2017-04-19")
    sub = layer[(layer["district_code"] == args.district) & layer["has_boundary"]]
    sub = sub.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa"})[["MaXa", "TenXa", "geometry"]]
    bundled = layer[layer["commune_code"].isin(sub["MaXa"])]
    cells: dict[tuple[str, str], str] = {}
    print(f"{'format':24} {'CRS':10} {'units':>5} {'median m':>10} {'max m':>10}")
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fmt in FORMATS:
            for crs in CRSES:
                if fmt in WGS84_ONLY and crs != "EPSG:4326":
                    continue
                path, options = _write(sub, fmt, crs, Path(tmp))
                report = validate_path(path, target, **options)
                if not report.ok:
                    print(f"{fmt:24} {crs:10} refused: {report.errors[0].message}")
                    cells[fmt, crs] = "refused"
                    continue
                median, worst = _offsets(report.units, bundled)
                print(f"{fmt:24} {crs:10} {len(report.units):>5} {median:>10.4f} {worst:>10.4f}   "
                      f"{report.transformation}")
                cells[fmt, crs] = f"{worst:.4f} m"
            if fmt.startswith("GeoPackage"):  # without --layer the report asks which one
                asked = validate_path(path, target)
                print(f"{'':24} without --layer: {asked.errors[0].message}")
        # Without the datum shift: grid coordinates unprojected on VN-2000 and called WGS 84.
        naive_row = {}
        for crs in (vn2000.UTM48N, vn2000.TM3_105):
            unproject = Transformer.from_crs(crs, "EPSG:4756", always_xy=True)
            grid = sub.to_crs(crs)
            naive = grid.set_geometry(
                [shapely.transform(g, lambda c, t=unproject: np.column_stack(t.transform(c[:, 0], c[:, 1])))
                 for g in grid.geometry]).set_crs("EPSG:4326", allow_override=True)
            median, worst = _offsets(naive.rename(columns={"MaXa": "commune_code"}), bundled)
            print(f"{'(no datum shift)':24} {crs:10} {len(naive):>5} {median:>10.1f} {worst:>10.1f}")
            naive_row[crs] = f"{worst:.1f} m"
    print(f"\nMarkdown ({len(sub)} units of district {args.district}; largest Hausdorff distance per cell):\n")
    print("| format | " + " | ".join(CRSES) + " |")
    print("|---|" + "---:|" * len(CRSES))
    for fmt in FORMATS:
        label = f"{fmt} (WGS 84 only, by the format)" if fmt in WGS84_ONLY else fmt
        print(f"| {label} | " + " | ".join(cells.get((fmt, c), "") for c in CRSES) + " |")
    print("| without the datum shift (grid unprojected on VN-2000, called WGS 84) | | | "
          + " | ".join(naive_row[c] for c in (vn2000.UTM48N, vn2000.TM3_105)) + " |")


if __name__ == "__main__":
    main()
