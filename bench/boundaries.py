"""Benchmark: validate and import the province's boundary file, against reading it with geopandas, in one run.

    .venv/bin/python bench/boundaries.py [--reps N] [--json PATH]

The file is the one a land office would send for the whole province, written here from the bundled layer:
the 633 units of the 635 that have a polygon (two wards have none in the bundled source; a land office's
file would not have them as points either), fields ``MaXa``, ``TenXa``, ``TenHuyen``, in VN-2000 / UTM 48N
(EPSG:3405), a shapefile set zipped under other names and **without** its ``.cpg`` (UTF-8 text).

Per repetition, medians printed:

- baseline: ``geopandas.read_file(zip)`` + ``to_crs("EPSG:4326")`` (what a script that trusts the file does:
  no checks, and pyproj's own choice of datum shift);
- ours: ``geo.boundaries.check.validate_files`` (read, decode, datum shift EPSG:6960, codes, names, geometry
  repair, province and datum checks, overlaps and gaps against the lines in use) then
  ``revisions.store_revision`` into an empty SQLite database;
- and, apart, activating the revision and building the lines in use (``current_layer``: 633 units replaced,
  the border communes measured again on the new lines), once cold and once warm.

The ratio is ours / baseline, measured in the same run on the same file.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402

from geo.boundaries import revisions  # noqa: E402
from geo.boundaries.check import validate_files  # noqa: E402
from geo.boundaries.layer import read_communes  # noqa: E402
from geo.io import vn2000  # noqa: E402
from geo.records.store import get_engine  # noqa: E402

MEMBER = "RanhGioi_Xa_ThanhHoa/RG_XA_VN2000"  # the set's path inside the zip, suffixes in capitals


def province_zip(folder: Path) -> bytes:
    """The 633 polygons as a zipped VN-2000 / UTM 48N shapefile without ``.cpg``, members renamed."""
    layer = read_communes()
    polys = layer[layer["has_boundary"]].to_crs(vn2000.UTM48N)
    out = polys.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa", "district_name": "TenHuyen"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out[["MaXa", "TenXa", "TenHuyen", "geometry"]].to_file(folder / "xa.shp", encoding="UTF-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):  # no .cpg, as the offices' files often come
            z.write(folder / f"xa{suffix}", f"{MEMBER}{suffix.upper()}")
    return buf.getvalue()


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or "?"


def main() -> int:
    """Build the file, time the baseline and ours ``--reps`` times each (alternating), print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="bench_boundaries_"))
    data = province_zip(folder)
    (folder / "province.zip").write_bytes(data)
    t0 = time.perf_counter()
    target = revisions.target(get_engine(f"sqlite:///{folder / 'target.sqlite'}"))
    target_s = time.perf_counter() - t0
    times: dict[str, list[float]] = {"baseline_s": [], "validate_s": [], "store_s": []}
    report = None
    for rep in range(args.reps):
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # GDAL does not look into the zip's folder by itself ("not recognized as being in a supported
            # file format"): the baseline is told the member's path, which ours finds alone.
            naive = gpd.read_file(f"/vsizip/{folder / 'province.zip'}/{MEMBER}.SHP").to_crs("EPSG:4326")
        times["baseline_s"].append(time.perf_counter() - t0)
        assert len(naive) == 633
        t0 = time.perf_counter()
        report = validate_files([("province.zip", data)], target)
        t1 = time.perf_counter()
        if not report.ok:
            raise SystemExit(f"the bench's own file was refused: {[p.message for p in report.errors[:3]]}")
        engine = get_engine(f"sqlite:///{folder / f'rep{rep}.sqlite'}")
        rid = revisions.store_revision(engine, report, source="bench", source_date="2026-01-01", user="bench")
        t2 = time.perf_counter()
        times["validate_s"].append(t1 - t0)
        times["store_s"].append(t2 - t1)
    revisions.set_active(engine, rid, True, user="bench")
    t0 = time.perf_counter()
    layer = revisions.current_layer(engine)
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    revisions.current_layer(engine)
    warm_s = time.perf_counter() - t0
    med = {k: statistics.median(v) for k, v in times.items()}
    ours = med["validate_s"] + med["store_s"]
    result = {
        "commit": _commit(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "reps": args.reps,
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
        "file_bytes": len(data), "units": len(report.units), "warnings": len(report.warnings),
        "target_s": round(target_s, 2), **{k: [round(x, 3) for x in v] for k, v in times.items()},
        "ours_s": round(ours, 3), "ratio": round(ours / med["baseline_s"], 1),
        "activate_current_layer_cold_s": round(cold_s, 2), "current_layer_warm_s": round(warm_s, 2),
        "border_communes_after": int(layer["is_laos_border"].sum()),
    }
    print(f"commit {result['commit']}, {result['date']}, reps {args.reps}, load average before "
          f"{result['load_before']}, after {result['load_after']}")
    print(f"file: {len(data):,} B zip, {result['units']} units (VN-2000 / UTM 48N, no .cpg); "
          f"{result['warnings']} warnings")
    print(f"baseline read_file + to_crs:         {med['baseline_s']:.2f} s (median)")
    print(f"ours validate:                       {med['validate_s']:.2f} s")
    print(f"ours store (import):                 {med['store_s']:.2f} s")
    print(f"ours validate + import:              {ours:.2f} s = {result['ratio']}x the baseline")
    print(f"(apart) target (lines in use, once): {target_s:.2f} s")
    print(f"activate + lines in use, cold:       {cold_s:.2f} s; warm {warm_s:.2f} s; "
          f"{result['border_communes_after']} border communes")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
