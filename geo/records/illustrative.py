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

After 2019 the records go on to :data:`LAST_PERIOD` (2026-Q3), every period on the units of the version it
uses (:func:`geo.units.versions.version_for_period`): 559 units for 2020, 549 for 2025 and 2025-Q1/Q2, 166 from
2025-Q3. Each year starts from the year before carried through the links (a merged unit healthy only if all
its parts were), then a few conversions and relapses; see ``data/README.md``. Each year draws from its own
generator (``default_rng([seed, year])``), so 2018–2019 are exactly what they were before the later years.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from geo.contract import COUNT_FIELDS, ILLUSTRATIVE_PATH, KEY, RECORD_FIELDS

SEED: Final = 19_2019  # Plan 19, 2019
# The last period written. On 2 December 2026 the fourth quarter of 2026 is still running, so the records
# stop at 2026-Q3 and there is no year 2026 (a year record is the status at the end of its Q4).
LAST_PERIOD: Final = "2026-Q3"
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


def generate(communes: pd.DataFrame, seed: int = SEED, *, until: str = LAST_PERIOD,
             root: str | Path | None = None) -> pd.DataFrame:
    """Generate the illustrative records: 2018 and 2019 on ``communes``, then every later period.

    Parameters
    ----------
    communes : DataFrame
        The 635 units of the 2019 list with ``commune_code``, ``commune_name``, ``commune_type``,
        ``district_code`` and ``is_laos_border``.
    seed : int
        The random seed; the same seed gives the same records.
    until : str
        The last period written (a quarter): 2020-Q1 onwards up to it, and each year whose four quarters are
        written. ``"2019-Q4"`` stops after the plan's year.
    root : path, optional
        The unit versions (``data/units``) that choose each later period's units.

    Returns
    -------
    DataFrame with the columns RECORD_FIELDS, periods "2018", "2019-Q1" … "2019-Q4", "2019", "2020-Q1" … in
    time order, each on the units of its period's version (:func:`geo.units.versions.version_for_period`).
    """
    first = _plan_year(communes, seed)
    later = _later_years(first, seed, until, root)
    return pd.concat([first, *later], ignore_index=True)[list(RECORD_FIELDS)]


def _plan_year(communes: pd.DataFrame, seed: int) -> pd.DataFrame:
    """2018 and 2019 on the 635 units, as the plan counts them (unchanged since the first release)."""
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


# --------------------------------------------------------------------------------------------- 2020 onwards
#
# After the plan's year the records go on, each period on the units of its version (geo.units.versions): the
# province's status is carried from one year to the next through the links (a merged unit starts healthy
# only if all its parts were; its establishments are the sum of its parts'), then each year brings a few
# conversions of the communes named for it and a few relapses. No plan states figures for these years: the
# ranges below are the 2019 plan's orders of magnitude, not targets.

LATER_CONVERSION_SHARE: Final = 0.15  # of the not-healthy communes, named for conversion each year
LATER_CONVERSION_SUCCESS: Final = 0.75  # chance that a named commune converts during its year
LATER_CONVERSION_QUARTER: Final = (0.1, 0.3, 0.3, 0.3)  # in which quarter a conversion happens
LATER_RELAPSES: Final = 1.5  # Poisson mean of the healthy communes relapsing in a year
LATER_INSPECTIONS_YEAR: Final = (60, 85)
LATER_CASES_YEAR: Final = (15, 28)
LATER_COMMITMENTS_BY_QUARTER: Final = (0.86, 0.95, 0.985, 0.995)
LATE_REPORTS: Final = {"2022-Q1": 1, "2026-Q1": 1}  # periods in which one district (or former district) is late
TYPE_WEIGHT: Final = {"Phường": 10.0, "Thị trấn": 5.0}


def _later_years(plan_records: pd.DataFrame, seed: int, until: str, root: str | Path | None) -> list[pd.DataFrame]:
    """Every period from 2020-Q1 to ``until``, carried on from the 2019 year's records."""
    from geo.periods import period_parts, period_sort_key
    from geo.units import versions as unit_versions

    root = unit_versions.UNITS_DIR if root is None else Path(root)
    last_year, last_q = period_parts(until)
    if last_q is None:
        raise ValueError(f"until must be a quarter, not {until!r}")
    frames: list[pd.DataFrame] = []
    year_end = plan_records[plan_records["period"] == str(YEAR)]
    state = pd.DataFrame({KEY: year_end[KEY].to_numpy(), "healthy": year_end["healthy"].to_numpy(dtype=bool),
                          "establishments": year_end["establishments"].to_numpy(dtype=int)})
    state_version = unit_versions.version_for_period(str(YEAR), root)
    for year in range(YEAR + 1, last_year + 1):
        quarters = 4 if year < last_year else last_q
        version = unit_versions.version_for_period(str(year), root)
        rng = np.random.default_rng([seed, year])
        table = _unit_table(version, root)
        state = _carry(state, state_version, version, table, rng, root)
        year_frames, latent = _one_year(year, quarters, version, table, state, rng, root)
        frames.extend(year_frames)
        state = latent[[KEY, "healthy", "establishments"]]  # the last quarter, on the year's own units
        state_version = version
    frames.sort(key=lambda f: period_sort_key(f["period"].iloc[0]))
    return frames


def _unit_table(version: str, root: Path) -> pd.DataFrame:
    """The units of ``version`` in code order, with their district (the former district from 2025-07-01)."""
    from geo.units import versions as unit_versions

    frame = unit_versions.units(version, root)
    if not unit_versions.get_version(version, root).has_districts:
        frame = frame.assign(district_code=frame["former_district_code"], district_name=frame["former_district_name"])
    return frame.sort_values(KEY).reset_index(drop=True)


def _carry(state: pd.DataFrame, from_version: str, to_version: str, table: pd.DataFrame,
           rng: np.random.Generator, root: Path) -> pd.DataFrame:
    """Last year's status and establishments on this year's units (through the links; new units healthy)."""
    from geo.units import versions as unit_versions

    if from_version != to_version:
        moved = unit_versions.reexpress(state, from_version, to_version, root)
        state = pd.DataFrame({KEY: moved[KEY], "healthy": moved["healthy"].fillna(True).astype(bool),
                              "establishments": moved["establishments"].round().astype(int)})
    out = table[[KEY, "commune_type"]].merge(state, on=KEY, how="left")
    new = out["healthy"].isna().to_numpy()
    out["healthy"] = out["healthy"].fillna(True).astype(bool)
    weight = out["commune_type"].map(TYPE_WEIGHT).fillna(1.0).to_numpy()
    est = out["establishments"].to_numpy(dtype=float, copy=True)
    est[new] = rng.poisson(0.6 * weight[new])
    # A year's change of the stock: some close (8 %), a few open, more where the wards and townships are.
    kept = rng.binomial(est.astype(int), 0.92)
    out["establishments"] = kept + rng.poisson(0.08 * est + 0.01 * weight)
    return out[[KEY, "healthy", "establishments"]]


def _one_year(year: int, quarters: int, version: str, table: pd.DataFrame, state: pd.DataFrame,
              rng: np.random.Generator, root: Path) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    """The quarters of ``year`` (up to ``quarters``) and, when all four are written, the year itself.

    Also returns the last quarter's records on the year's own units (what the next year starts from).
    """
    from geo.units import versions as unit_versions

    n = len(table)
    codes = table[KEY].to_numpy()
    healthy = state["healthy"].to_numpy(dtype=bool).copy()
    establishments = state["establishments"].to_numpy(dtype=int)
    weight = table["commune_type"].map(TYPE_WEIGHT).fillna(1.0).to_numpy()

    not_healthy = np.flatnonzero(~healthy)
    k = min(len(not_healthy), max(1, round(LATER_CONVERSION_SHARE * len(not_healthy))))
    targets = rng.choice(not_healthy, size=k, replace=False) if k else np.array([], dtype=int)
    converts = targets[rng.random(len(targets)) < LATER_CONVERSION_SUCCESS]
    converts_in = dict(zip(converts, rng.choice(4, size=len(converts), p=LATER_CONVERSION_QUARTER) + 1, strict=True))
    at_risk = np.flatnonzero(healthy)
    n_relapse = min(len(at_risk), int(rng.poisson(LATER_RELAPSES)))
    risk = establishments[at_risk] + 0.2 * weight[at_risk]
    relapses = rng.choice(at_risk, size=n_relapse, replace=False, p=risk / risk.sum()) if n_relapse else []
    relapse_in = dict(zip(relapses, rng.integers(1, 5, size=len(relapses)), strict=True))

    def yearly(total_range: tuple[int, int], weights: np.ndarray) -> np.ndarray:
        return _split(rng, int(rng.integers(total_range[0], total_range[1] + 1)), weights)

    inspections_year = yearly(LATER_INSPECTIONS_YEAR, establishments + 0.05)
    cases_year = yearly(LATER_CASES_YEAR, (establishments + 0.2) * np.where(healthy, 1.0, 4.0))
    border = table["is_laos_border"].to_numpy(dtype=bool)
    near = np.flatnonzero(~border & table["district_code"].isin(BORDER_DISTRICTS).to_numpy())
    border_weight = border * 1.0
    border_weight[rng.choice(near, size=min(4, len(near)), replace=False)] = 0.3
    incidents_year = rng.poisson(2.2 * 0.95 ** (year - YEAR) * border_weight)
    victims_year = rng.binomial(incidents_year, 0.5)

    def by_quarter(year_counts: np.ndarray) -> np.ndarray:
        return np.stack([rng.multinomial(c, [0.25] * 4) for c in year_counts], axis=1)

    q_inspections, q_cases = by_quarter(inspections_year), by_quarter(cases_year)
    q_incidents, q_victims = by_quarter(incidents_year), by_quarter(victims_year)
    q_violations = rng.binomial(q_inspections, max(0.2, 0.3 - 0.01 * (year - YEAR)))
    signed_by = np.empty(n, dtype=int)
    signed_by[rng.permutation(n)] = np.arange(n)
    districts = sorted(set(table["district_code"]))
    late = {p: rng.choice(districts) for p in LATE_REPORTS if p.startswith(f"{year}-")}

    targeted = np.isin(np.arange(n), targets)
    target_note = f"Mục tiêu chuyển hóa năm {year}"
    frames = []
    relapsed = np.zeros(n, dtype=bool)
    for q in range(1, quarters + 1):
        period = f"{year}-Q{q}"
        for idx, quarter in converts_in.items():
            if quarter == q:
                healthy[idx] = True
        for idx, quarter in relapse_in.items():
            if quarter == q:
                healthy[idx], relapsed[idx] = False, True
        counts = {"inspections": q_inspections[q - 1], "violations": q_violations[q - 1],
                  "criminal_cases": q_cases[q - 1], "border_incidents": q_incidents[q - 1],
                  "victims_received": q_victims[q - 1]}
        signed = signed_by < round(LATER_COMMITMENTS_BY_QUARTER[q - 1] * n)
        latent = _period_frame(period, codes, healthy=healthy.copy(), targeted=targeted,
                               establishments=establishments, counts=counts, signed=signed)
        frame = _on_version(latent, version, unit_versions.version_for_period(period, root), targeted, relapsed,
                            target_note, root)
        if period in late:
            gone = table["district_code"].eq(late[period]).to_numpy()
            to_version = unit_versions.version_for_period(period, root)
            if to_version != version:  # the late district's units on the quarter's own list
                moved = unit_versions.reexpress(latent[[KEY]].assign(conversion_target=gone), version, to_version,
                                                root)
                gone = moved.loc[moved["conversion_target"].fillna(False).to_numpy(dtype=bool), KEY]
            else:
                gone = codes[gone]
            frame = frame[~frame[KEY].isin(set(gone))].reset_index(drop=True)
        frames.append(frame)
    last_quarter = latent
    if quarters == 4:
        year_counts = {"inspections": inspections_year, "violations": q_violations.sum(axis=0),
                       "criminal_cases": cases_year, "border_incidents": incidents_year,
                       "victims_received": victims_year}
        latent = _period_frame(str(year), codes, healthy=healthy.copy(), targeted=targeted,
                               establishments=establishments, counts=year_counts, signed=signed)
        frames.append(_on_version(latent, version, version, targeted, relapsed, target_note, root))
    return frames, last_quarter


def _on_version(latent: pd.DataFrame, version: str, to_version: str, targeted: np.ndarray, relapsed: np.ndarray,
                target_note: str, root: Path) -> pd.DataFrame:
    """A period's records on its own units: the year's, or re-expressed through the links.

    The list changed within the year for 2020-Q3, 2021-Q2/Q3, 2024-Q3 and 2025-Q3/Q4. Notes follow the flags.
    """
    from geo.units import versions as unit_versions

    if to_version == version:
        out = latent.copy()
    else:
        moved = unit_versions.reexpress(latent.drop(columns=["notes"]), version, to_version, root)
        out = pd.DataFrame({KEY: moved[KEY], "period": latent["period"].iloc[0]})
        for name in ("healthy", "conversion_target", "commitment_signed"):
            out[name] = moved[name].astype("boolean")
        for name in COUNT_FIELDS:
            out[name] = moved[name].round().astype("Int64")
        # Which new units hold a relapsed part: the "any part" rule of a conversion target, on the relapse flag.
        flag = unit_versions.reexpress(latent[[KEY]].assign(conversion_target=relapsed), version, to_version, root)
        relapsed = out[KEY].map(flag.set_index(KEY)["conversion_target"]).fillna(False).to_numpy(dtype=bool)
        targeted = out["conversion_target"].fillna(False).to_numpy(dtype=bool)
        out["notes"] = pd.NA
    notes = pd.Series(pd.NA, index=out.index, dtype="object")
    notes[targeted] = target_note
    notes[relapsed & ~out["healthy"].fillna(True).to_numpy(dtype=bool)] = "Phát sinh tệ nạn trở lại"
    out["notes"] = notes
    return out[list(RECORD_FIELDS)].reset_index(drop=True)


# --------------------------------------------------------------------------------------------- illustrative plans
#
# The real plans of the years after 2019 are not public either. So that the bundled product shows result against
# plan for every year, each later year gets an ILLUSTRATIVE plan made from the illustrative records (seeded, in
# the database flagged illustrative and titled so): one per unit list its periods use (2024, 2025: two), signed
# while that list is in force, with the labels of Plan 19/KH-UBND and targets on the scale of the records:
# communes kept healthy and conversions per district (or former district), the share of healthy units, the
# year's inspections and criminal cases as ranges around what the records hold, commitments from every unit.

PLAN_TEMPLATE: Final = "2019.toml"  # the labels of the targets
DISTRICT_TARGETS: Final = ("T1", "T2", "T8")  # the targets set per district as well as for the province


def plan_documents(path: str | Path = ILLUSTRATIVE_PATH, seed: int = SEED) -> list[dict]:
    """The illustrative plans of 2020 onwards, as documents of :mod:`geo.records.plans` (one per year and list)."""
    import datetime as dt
    import tomllib

    from geo.contract import PLANS_DIR
    from geo.periods import period_parts, period_sort_key
    from geo.units import versions as unit_versions

    with (PLANS_DIR / PLAN_TEMPLATE).open("rb") as fh:
        labels = {k: {n: v for n, v in item.items() if n.startswith("label_")}
                  for k, item in tomllib.load(fh)["targets"].items()}
    records = pd.read_csv(path, dtype=str, keep_default_na=False)
    documents: list[dict] = []
    for year in sorted({int(p[:4]) for p in records["period"]}):
        if year <= YEAR:
            continue
        quarters = sorted((p for p in set(records["period"]) if p.startswith(f"{year}-Q")), key=period_sort_key)
        year_rows = records[records["period"].isin(quarters)]
        scale = 4 / len(quarters)  # a year still running: its quarters so far, to a whole year
        inspections = _total(year_rows["inspections"]) * scale
        cases = _total(year_rows["criminal_cases"]) * scale
        groups: dict[str, list[str]] = {}
        for quarter in quarters:
            groups.setdefault(unit_versions.list_key(unit_versions.version_for_period(quarter)), []).append(quarter)
        for n, (_key, group) in enumerate(groups.items()):
            rng = np.random.default_rng([seed, year, n, 1])
            version = unit_versions.version_for_period(group[0])
            start = dt.date.fromisoformat(version)
            signed = (dt.date(year, 1, int(rng.integers(8, 28))) if start.year < year
                      else start + dt.timedelta(days=int(rng.integers(5, 20))))
            table = unit_versions.version_table(version)
            first = records[records["period"] == group[0]].merge(table[[KEY, "district_code"]], on=KEY)
            by_district = first.groupby("district_code")
            healthy = by_district["healthy"].apply(lambda s: int((s == "1").sum()))
            named = by_district["conversion_target"].apply(lambda s: int((s == "1").sum()))
            units = table.groupby("district_code").size()
            kept = {d: max(0, int(h) - int(rng.random() < 0.3)) for d, h in healthy.items()}
            converted = {d: int(c) - int(c > 1 and rng.random() < 0.3) for d, c in named.items() if c}
            t1, t2 = sum(kept.values()), sum(converted.values())
            quarter = period_parts(group[0])[1] or 1
            suffix = "" if n == 0 else "b"
            targets: dict[str, dict[str, object]] = {
                "T1": {"metric": "healthy_maintained", "value": t1, "districts": kept},
                "T2": {"metric": "converted", "value": max(t2, 1), "districts": converted},
                "T3": {"metric": "healthy_ratio", "value": round(min(99.9, 100 * (t1 + t2) / len(table)), 2),
                       "unit": "%"},
                "T4": {"metric": "inspections_ytd", "min": _round5(inspections * 0.85),
                       "max": max(_round5(inspections * 1.1), _round5(inspections * 0.85) + 5)},
                "T5": {"metric": "criminal_cases_ytd", "min": int(cases * 0.8), "max": max(int(cases * 1.2),
                                                                                          int(cases * 0.8) + 2)},
                "T6": {"deadline": f"{year}-Q{quarter}"},
                "T7": {"metric": "border_incidents_ytd"},
                "T8": {"metric": "commitments_signed", "value": len(table),
                       "districts": {d: int(u) for d, u in units.items()}},
                "T9": {"value": int(rng.integers(1, 4))},
                "T10": {},
            }
            if not converted:
                del targets["T2"]["districts"]
            documents.append({
                "plan": {
                    "id": f"MH-{year}{suffix}/KH-UBND", "year": year, "signed": signed.isoformat(),
                    "issuer": "UBND tỉnh Thanh Hóa",
                    "title_vi": f"Kế hoạch phòng, chống mại dâm tỉnh Thanh Hóa năm {year} (MINH HỌA)",
                    "title_en": f"Thanh Hóa province plan for preventing and combating prostitution, {year} "
                                "(ILLUSTRATIVE)",
                    "communes_total": len(table),
                },
                "targets": {k: {**_in_list_words(labels[k], version), **v} for k, v in targets.items()},
            })
    return documents


def _in_list_words(labels: dict[str, str], version: str) -> dict[str, str]:
    """Plan 19's target labels in the words of the unit list ``version``.

    Its own kinds of unit ("xã, phường" from July 2025: no "thị trấn"), and no district level where the list has
    none ("cấp tỉnh, cấp xã" for the team 178 of a list without districts).
    """
    from geo.units.versions import has_districts, unit_kinds, version_table

    kinds = unit_kinds(version_table(version)["commune_type"], "vi")
    out = dict(labels)
    if "label_vi" in out:
        out["label_vi"] = out["label_vi"].replace("xã, phường, thị trấn", kinds)
        if not has_districts(version):
            out["label_vi"] = out["label_vi"].replace("cấp tỉnh, cấp huyện", "cấp tỉnh, cấp xã")
    return out


def _total(values: pd.Series) -> float:
    return float(pd.to_numeric(values, errors="coerce").fillna(0).sum())


def _round5(value: float) -> int:
    return int(5 * round(value / 5))
