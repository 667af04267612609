r"""Build data/units/ (the unit versions 2017-04-19 … 2025-07-01) from the reference data.

Usage, from the repository root (the same as ``make units``)::

    .venv/bin/python scripts/build_units.py ../shared/data/units

It reads the committed 2019 layer (``data/communes.geojson``) and Laos border line, the lists, changes,
2025 crosswalk and 2025 polygons in the given folder, and an admin's link corrections
(``data/units/link_corrections.csv``), and writes ``versions.csv``, ``units.csv``, ``links.csv`` and
``boundaries.parquet`` in ``data/units/`` (``--out`` to change). Deterministic: the same inputs give the
same files.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script: make `geo` importable

from geo.boundaries.border import read_laos_border  # noqa: E402
from geo.boundaries.layer import read_communes  # noqa: E402
from geo.units.build import build_versions  # noqa: E402
from geo.units.versions import UNITS_DIR, read_corrections, write_built  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, write and print what was derived."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("units_dir", type=Path, help="../shared/data/units")
    parser.add_argument("--out", type=Path, default=UNITS_DIR, help="default: %(default)s")
    args = parser.parse_args(argv)

    corrections = read_corrections(args.out / "link_corrections.csv")
    built = build_versions(args.units_dir, read_communes(), read_laos_border(), corrections)
    paths = write_built(built, args.out)
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")
    for v in built.versions.itertuples():
        print(f"  {v.version}: {v.units} units, {v.districts} districts")
    rules = collections.Counter((m.version, m.rule) for m in built.mergers)
    for (version, rule), n in sorted(rules.items()):
        print(f"  mergers {version}: {n} settled by {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
