"""The data contract: key, CRS, paths and the fields of a status record.

Every other module takes its constants from here, so a newcomer finds in one place what a commune layer
and a status record must look like.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import pandas as pd

ROOT: Final = Path(__file__).resolve().parents[1]
DATA_DIR: Final = ROOT / "data"
# GEO_COMMUNES_PATH: another commune layer with the same columns (GeoJSON or GeoParquet), e.g. the national
# layer of bench/run.py; nothing in the app assumes Thanh Hóa's 635 units.
COMMUNES_PATH: Final = Path(os.environ.get("GEO_COMMUNES_PATH") or DATA_DIR / "communes.geojson")
# The real plans shipped with the product, data/plans/YYYY.toml (Plan 19/KH-UBND: 2019.toml), in the format that
# `python -m geo plan import` reads; seeded into a new database (geo.records.plans.seed_plans), where plans live.
PLANS_DIR: Final = DATA_DIR / "plans"
LAOS_BORDER_PATH: Final = DATA_DIR / "laos_border_line.geojson"
# The bundled illustrative records (geo/records/illustrative.py writes them; geo/records/store.py seeds a new database).
ILLUSTRATIVE_PATH: Final = DATA_DIR / "illustrative_records.csv"

KEY: Final = "commune_code"  # 5-digit GSO commune code, always text ("14755", never 14755)
CRS: Final = "EPSG:4326"  # storage and display
# VN-2000 / UTM zone 48N: the national metric grid; Thanh Hóa (104.3°E–106.1°E) lies in zone 48.
METRIC_CRS: Final = "EPSG:3405"

COMMUNE_FIELDS: Final = (
    "commune_code",
    "commune_name",
    "commune_type",
    "district_code",
    "district_name",
    "is_laos_border",
    "laos_border_km",
    "area_km2",
    "has_boundary",
)

# A status record: one commune, one period. None everywhere means "no data", never zero.
BOOL_FIELDS: Final = ("healthy", "conversion_target", "commitment_signed")
COUNT_FIELDS: Final = (
    "establishments",
    "inspections",
    "violations",
    "criminal_cases",
    "border_incidents",
    "victims_received",
)
TEXT_FIELDS: Final = ("notes",)
RECORD_FIELDS: Final = (KEY, "period", *BOOL_FIELDS, *COUNT_FIELDS, *TEXT_FIELDS)
# The record columns' pandas dtypes, nullable everywhere (NA = no data): the one definition of the types that
# the validator, the store and the figures share.
RECORD_DTYPES: Final = {
    **{name: "string" for name in (KEY, "period", *TEXT_FIELDS)},
    **{name: "boolean" for name in BOOL_FIELDS},
    **{name: "Int64" for name in COUNT_FIELDS},
}

DEFAULT_LANG: Final = "vi"


class ContractError(ValueError):
    """Raised when a commune layer or the border line does not satisfy the contract of this module."""


def empty_records() -> pd.DataFrame:
    """A records frame with no rows, the record columns in order and their dtypes."""
    return pd.DataFrame({name: pd.Series([], dtype=RECORD_DTYPES[name]) for name in RECORD_FIELDS})


def with_record_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its record columns cast to :data:`RECORD_DTYPES` (other columns untouched)."""
    return frame.astype({name: dtype for name, dtype in RECORD_DTYPES.items() if name in frame.columns})


def default_db_url() -> str:
    """The app's database: ``GEO_DB_URL`` if set, else a SQLite file under ``var/`` (outside git)."""
    return os.environ.get("GEO_DB_URL") or f"sqlite:///{ROOT / 'var' / 'thanhhoa.sqlite'}"
