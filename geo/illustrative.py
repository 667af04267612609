"""The bundled ILLUSTRATIVE status records: generated, seeded, consistent with Plan 19/KH-UBND.

The real status of Thanh Hóa's communes is not public. These records are made up so that the product can be
shown and tested; every screen and export built from them says so. They follow the plan's figures:

- 2018 (baseline): 590 healthy communes, 45 not healthy, most of the latter in towns, the Sầm Sơn coast and
  the Nghi Sơn economic zone.
- 2019, by quarter and for the whole year: 6 of the 45 named for conversion; 5 of them converted during the
  year and 1 not; 1 commune that was healthy relapses in Q3 (so the year ends at 594, short of 596);
  province-team inspections summing to 60–80 over the year and criminal cases to 20–30; establishments and
  inspections concentrated where the establishments are; border incidents and victims received in the 17
  Laos-border communes and a few neighbours; commitments signed rising through the year.
- The 9 communes of Mường Lát sent no Q1 report, so 2019-Q1 shows "no data" there.

Quarterly counts add up to the year's (except where a quarter has no data); the year's status is the status
at the end of Q4.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from geo.contract import COUNT_FIELDS, ILLUSTRATIVE_PATH, KEY, RECORD_FIELDS

if TYPE_CHECKING:

    pass

SEED: Final = 19_2019  # Plan 19, 2019
BASELINE_YEAR: Final = 2018
YEAR: Final = 2019
QUARTERS: Final = tuple(f"{YEAR}-Q{q}" for q in range(1, 5))

NOT_HEALTHY_AT_BASELINE: Final = 45
CONVERSION_TARGETS: Final = 6
CONVERTED_IN_QUARTER: Final = (2, 3, 3, 4, 4)  # quarter in which each converted target turned healthy
RELAPSE_QUARTER: Final = 3
LATE_Q1_DISTRICT: Final = "384"  # Huyện Mường Lát: no Q1 report
INSPECTIONS_YEAR: Final = (60, 80)
CRIMINAL_CASES_YEAR: Final = (20, 30)
COMMITMENTS_BY_QUARTER: Final = (0.82, 0.93, 0.98, 0.994)  # share of communes signed by the end of Qn

SAM_SON: Final = "382"
NGHI_SON_EZ: Final = frozenset({  # communes of Tĩnh Gia inside or next to the Nghi Sơn economic zone
    "Xã Hải Yến", "Xã Nghi Sơn", "Xã Mai Lâm", "Xã Tĩnh Hải", "Xã Hải Thượng", "Xã Trúc Lâm",
    "Xã Hải Bình", "Xã Tân Trường", "Xã Tùng Lâm", "Xã Trường Lâm", "Xã Xuân Lâm", "Xã Hải Hà",
    "Thị trấn Tĩnh Gia",
})
BORDER_DISTRICTS: Final = frozenset({"384", "385", "387", "388", "396"})


def _hotspot_weight(communes: pd.DataFrame) -> np.ndarray:
    """How much at-risk business a commune has, relative to a rural commune (= 1)."""
    w = np.ones(len(communes))
    w[communes["commune_type"].eq("Phường").to_numpy()] = 10.0
    w[communes["commune_type"].eq("Thị trấn").to_numpy()] = 5.0
    w[communes["district_code"].eq(SAM_SON).to_numpy()] *= 3.0
    w[communes["commune_name"].isin(NGHI_SON_EZ).to_numpy()] *= 4.0
    return w


def _split(rng: np.random.Generator, total: int, weights: np.ndarray) -> np.ndarray:
    """Share ``total`` whole units among items in proportion to ``weights``."""
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=int)
    return rng.multinomial(total, weights / weights.sum())


def generate(communes: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Generate the illustrative records for ``communes`` (one per commune and period).

    Parameters
    ----------
    communes : DataFrame
        The 635 units with ``commune_code``, ``commune_name``, ``commune_type``, ``district_code`` and
        ``is_laos_border``.
    seed : int
        The random seed; the same seed gives the same records.

    Returns
    -------
    DataFrame with the columns RECORD_FIELDS, periods "2018", "2019-Q1" … "2019-Q4", "2019".
    """
    rng = np.random.default_rng(seed)
    communes = communes.sort_values(KEY).reset_index(drop=True)
    n = len(communes)
    codes = communes[KEY].to_numpy()
    hot = _hotspot_weight(communes)

    # Who is not healthy at the baseline: drawn with the hotspot weight, so towns and coasts dominate.
    not_healthy = rng.choice(n, size=NOT_HEALTHY_AT_BASELINE, replace=False, p=hot / hot.sum())
    healthy_2018 = np.ones(n, dtype=bool)
    healthy_2018[not_healthy] = False
    targets = rng.choice(not_healthy, size=CONVERSION_TARGETS, replace=False)
    converts_in = dict(zip(targets[: len(CONVERTED_IN_QUARTER)], CONVERTED_IN_QUARTER, strict=True))
    relapse = rng.choice(np.flatnonzero(healthy_2018 & (hot > 1)))

    # Establishments at risk: Poisson around the hotspot weight; stable over the year.
    establishments = rng.poisson(0.6 * hot)
    # Border activity: the 17 border communes, and 4 neighbours in the same districts.
    border = communes["is_laos_border"].astype(bool).to_numpy()
    near = np.flatnonzero(~border & communes["district_code"].isin(BORDER_DISTRICTS).to_numpy())
    border_weight = border * 1.0
    border_weight[rng.choice(near, size=4, replace=False)] = 0.3

    def yearly(total_range: tuple[int, int], weights: np.ndarray) -> np.ndarray:
        return _split(rng, int(rng.integers(total_range[0], total_range[1] + 1)), weights)

    inspections_year = yearly(INSPECTIONS_YEAR, establishments.astype(float))
    case_weight = (establishments + 0.2) * np.where(healthy_2018, 1.0, 4.0)
    cases_year = yearly(CRIMINAL_CASES_YEAR, case_weight)
    incidents_year = rng.poisson(2.2 * border_weight)
    victims_year = rng.binomial(incidents_year, 0.5)

    def by_quarter(year_counts: np.ndarray) -> np.ndarray:
        """Spread each commune's year count over the four quarters: shape (4, n)."""
        return np.stack([rng.multinomial(c, [0.25] * 4) for c in year_counts], axis=1)

    q_inspections, q_cases = by_quarter(inspections_year), by_quarter(cases_year)
    q_incidents, q_victims = by_quarter(incidents_year), by_quarter(victims_year)
    q_violations = rng.binomial(q_inspections, 0.3)

    # Commitments: once signed, signed; the share rises each quarter.
    sign_order = rng.permutation(n)
    signed_by = np.empty(n, dtype=int)
    signed_by[sign_order] = np.arange(n)

    frames = [
        _period_frame(
            str(BASELINE_YEAR), codes, healthy=healthy_2018, targeted=np.zeros(n, dtype=bool),
            establishments=establishments, counts=None, signed=None,
        )
    ]
    healthy = healthy_2018.copy()
    for qi, period in enumerate(QUARTERS, start=1):
        for idx, quarter in converts_in.items():
            if quarter == qi:
                healthy[idx] = True
        if qi == RELAPSE_QUARTER:
            healthy[relapse] = False
        counts = {
            "inspections": q_inspections[qi - 1], "violations": q_violations[qi - 1],
            "criminal_cases": q_cases[qi - 1], "border_incidents": q_incidents[qi - 1],
            "victims_received": q_victims[qi - 1],
        }
        signed = signed_by < round(COMMITMENTS_BY_QUARTER[qi - 1] * n)
        frame = _period_frame(
            period, codes, healthy=healthy.copy(), targeted=np.isin(np.arange(n), targets),
            establishments=establishments, counts=counts, signed=signed,
        )
        if qi == 1:
            frame = frame[~communes["district_code"].eq(LATE_Q1_DISTRICT).to_numpy()]
        frames.append(frame)
    year_counts = {
        "inspections": inspections_year, "violations": q_violations.sum(axis=0), "criminal_cases": cases_year,
        "border_incidents": incidents_year, "victims_received": victims_year,
    }
    frames.append(
        _period_frame(
            str(YEAR), codes, healthy=healthy.copy(), targeted=np.isin(np.arange(n), targets),
            establishments=establishments, counts=year_counts, signed=signed,
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out.loc[out[KEY].isin(codes[targets]) & out["period"].ne(str(BASELINE_YEAR)), "notes"] = (
        "Mục tiêu chuyển hóa năm 2019"
    )
    out.loc[out[KEY].eq(codes[relapse]) & out["period"].isin([*QUARTERS[RELAPSE_QUARTER - 1:], str(YEAR)]),
            "notes"] = "Phát sinh tệ nạn trở lại"
    return out[list(RECORD_FIELDS)]


def _period_frame(
    period: str,
    codes: np.ndarray,
    *,
    healthy: np.ndarray,
    targeted: np.ndarray,
    establishments: np.ndarray,
    counts: dict[str, np.ndarray] | None,
    signed: np.ndarray | None,
) -> pd.DataFrame:
    frame = pd.DataFrame({KEY: codes, "period": period, "healthy": healthy, "conversion_target": targeted})
    frame["commitment_signed"] = signed if signed is not None else pd.NA
    frame["establishments"] = establishments
    for name in COUNT_FIELDS:
        if name != "establishments":
            frame[name] = counts[name] if counts is not None else pd.NA
    frame["notes"] = pd.NA
    return frame


def write_csv(records: pd.DataFrame, path: str | Path = ILLUSTRATIVE_PATH) -> Path:
    """Write the records as the bundled CSV (UTF-8, English field names as headers, 1/0 booleans)."""
    path = Path(path)
    out = records.copy()
    for name in ("healthy", "conversion_target", "commitment_signed"):
        out[name] = out[name].map(lambda v: "" if pd.isna(v) else ("1" if v else "0"))
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
