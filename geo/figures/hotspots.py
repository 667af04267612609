"""Hot spots of a period: Getis-Ord Gi* and local Moran's I on the period's own units, with honest inference.

One function, :func:`hotspots`, gives every figure of the hot-spot map, its sheet, ``python -m geo hotspots``
and the briefing's "where to look" section (:func:`where_to_look`). The statistics are PySAL's (``esda``,
``libpysal``), not a copy:

- **Neighbours**: queen contiguity (a shared boundary or a shared corner) between the units that have a polygon
  (``libpysal.weights.Queen``), binary weights. A unit without a polygon has no neighbours to speak of and is
  left out (``note = "no_polygon"``); a unit whose neighbours all lack a value (or that touches no other unit)
  is an island and left out too (``"island"``): a local statistic of a unit with no neighbours means nothing.
- **Value**: the period's count of the measure, or a rate over the chosen base (per at-risk establishment, per
  km² of the unit's polygon), stabilised by **empirical Bayes** (``esda.smoothing.Empirical_Bayes``: each
  raw rate pulled toward the province's rate, the more the smaller its base), so that one case in a commune
  with two establishments does not outrank twenty in a town. A unit with no base (no establishment) has no
  rate and is left out (``"no_rate"``); a unit without a record or a count, ``"no_data"``.
- **Hot and cold spots**: ``esda.G_Local`` with ``star=True`` (Gi*: the unit counted in its own neighbourhood),
  conditional permutation inference (:data:`PERMUTATIONS` by default, a fixed seed so that a figure is the
  same each time it is asked for). Hot where Gi*'s simulated z is positive, cold where negative.
- **Outliers**: ``esda.Moran_Local`` (row-standardised), a significant high-among-low or low-among-high
  where Gi* finds nothing.
- **Testing hundreds of units at once**: the pseudo p-values are corrected by the false discovery rate of
  Benjamini and Hochberg (``esda.fdr``) at each level: a unit is hot at 99 % when its p-value passes the FDR
  cut at 1 %, at 95 % at 5 %, at 90 % at 10 %; outliers at 5 %.

The computation always runs on the whole province (a cluster does not stop at a district line); a district
filter only chooses which units are reported.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
import pandas as pd

from geo.contract import KEY, ROOT
from geo.text import t
from geo.text.numbers import fmt_number

if TYPE_CHECKING:
    import geopandas as gpd
    import libpysal
    from sqlalchemy.engine import Engine

Measure = Literal["violations", "criminal_cases", "inspections", "border_incidents", "victims_received"]
MEASURES: Final = ("violations", "criminal_cases", "inspections", "border_incidents", "victims_received")
Base = Literal["count", "establishment", "km2"]
BASES: Final = ("count", "establishment", "km2")
Cluster = Literal["hot", "cold", "outlier", "none"]
CLUSTERS: Final = ("hot", "cold", "outlier", "none")
PERMUTATIONS: Final = 9999  # about 1 s on 635 units; 999 leave the FDR cut out of reach (README)
SEED: Final = 20190125  # Plan 19/KH-UBND's date: any fixed seed; fixed so that the same data give the same map
LEVELS: Final = (0.01, 0.05, 0.10)  # hot / cold at 99 %, 95 %, 90 % confidence after the FDR correction
OUTLIER_ALPHA: Final = 0.05
NOTES: Final = ("no_data", "no_rate", "no_polygon", "island")


class HotspotError(ValueError):
    """An unknown measure or base (the message names the value and the choices)."""


@dataclass(frozen=True)
class HotspotUnit:
    """One unit's figures: its count, its (smoothed) rate, Gi*'s z and pseudo p, and its class.

    ``rate`` is the value analysed: the count itself for the base ``count``, else the empirical Bayes rate
    (None for a unit left out). ``raw_rate`` is the unsmoothed rate. ``level`` is the confidence of a hot or
    cold spot (99, 95 or 90; None otherwise). ``note`` says why a unit was left out (:data:`NOTES`), else None.
    """

    commune_code: str
    commune_name: str
    district_code: str
    district_name: str
    value: int | None
    base_value: float | None
    raw_rate: float | None
    rate: float | None
    z: float | None
    p: float | None
    moran_p: float | None
    moran_quadrant: str | None
    cluster: Cluster
    level: int | None
    note: str | None

    def as_json(self) -> dict[str, object]:
        """The unit as the CLI's JSON writes it."""
        return asdict(self)


@dataclass(frozen=True)
class Hotspots:
    """The hot spots of one period, measure and base, on the period's own units.

    ``units`` are the units reported (all units, or those of ``districts``); the statistics were computed on
    every unit of the province (``analysed`` of them had a value, a polygon and neighbours).
    """

    period: str
    measure: str
    base: str
    unit_version: str
    districts: tuple[str, ...]
    units: tuple[HotspotUnit, ...]
    analysed: int
    permutations: int
    seed: int
    fdr_cuts: dict[str, float]
    outlier_cut: float
    mean_neighbours: float
    smoothing: str
    illustrative: bool = False

    def counts(self) -> dict[str, int]:
        """Units per class among those reported, with hot and cold split by level (``hot_99`` …)."""
        out = {c: 0 for c in CLUSTERS}
        for level in (99, 95, 90):
            out[f"hot_{level}"] = 0
            out[f"cold_{level}"] = 0
        for u in self.units:
            out[u.cluster] += 1
            if u.level is not None:
                out[f"{u.cluster}_{u.level}"] += 1
        out["left_out"] = sum(u.note is not None for u in self.units)
        return out

    def method(self) -> dict[str, object]:
        """What was computed, as the JSON states it."""
        return {
            "hot_cold": "Getis-Ord Gi* (esda.G_Local, star=True, binary weights)",
            "outliers": "local Moran's I (esda.Moran_Local, row-standardised weights), high-low or low-high "
                        "where Gi* is not significant",
            "inference": "conditional permutation; two-sided pseudo p-values (esda.significance greater or "
                         "lesser on the side observed, ties counted against significance, doubled)",
            "permutations": self.permutations,
            "seed": self.seed,
            "rates": self.smoothing,
            "weights": {"kind": "queen contiguity (shared boundary or corner), libpysal.weights.Queen",
                        "mean_neighbours": round(self.mean_neighbours, 2),
                        "left_out": {n: sum(u.note == n for u in self.units) for n in NOTES}},
            "correction": {"kind": "false discovery rate, Benjamini-Hochberg (esda.fdr)",
                           "levels": {"99": LEVELS[0], "95": LEVELS[1], "90": LEVELS[2]},
                           "p_cuts": self.fdr_cuts, "outlier_alpha": OUTLIER_ALPHA,
                           "outlier_p_cut": self.outlier_cut},
            "computed_on": "whole province",
        }

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON: the method, the weights, permutations and correction, the counts, every unit."""
        method = self.method()
        return {
            "period": self.period, "measure": self.measure, "base": self.base, "unit_version": self.unit_version,
            "districts": list(self.districts), "illustrative": self.illustrative, "analysed": self.analysed,
            "method": method, "weights": method["weights"], "permutations": self.permutations,
            "correction": method["correction"], "counts": self.counts(),
            "units": [u.as_json() for u in self.units],
        }

    def by_code(self) -> dict[str, HotspotUnit]:
        """The units reported, by commune code."""
        return {u.commune_code: u for u in self.units}


def check_choice(measure: str, base: str) -> None:
    """Raise :class:`HotspotError` for an unknown measure or base."""
    if measure not in MEASURES:
        raise HotspotError(f"unknown measure {measure!r}; use one of {MEASURES}")
    if base not in BASES:
        raise HotspotError(f"unknown base {base!r}; use one of {BASES}")


def _base_values(communes: pd.DataFrame, joined: pd.DataFrame, base: str) -> pd.Series:
    """The base of each unit's rate (NA: no rate): establishments > 0, or the polygon's km² > 0."""
    if base == "establishment":
        est = pd.to_numeric(joined["establishments"], errors="coerce").astype("Float64")
        return est.where(est > 0)
    area = pd.to_numeric(communes["area_km2"], errors="coerce").astype("Float64")
    has = communes["has_boundary"].astype("boolean").fillna(False).astype(bool)
    return area.where((area > 0) & has)


def _eb_rates(events: np.ndarray, base: np.ndarray, base_name: str) -> tuple[np.ndarray, str]:
    """Empirical Bayes rates (esda), and how they were made, in words for the JSON.

    The method-of-moments estimate of the between-unit variance can come out at or below zero when the
    raw rates vary no more than chance would make them; every unit then takes the overall rate (the
    usual convention, Marshall 1991), rather than weights below zero that would push rates away from it.
    """
    from esda.smoothing import Empirical_Bayes

    r_mean = events.sum() / base.sum()
    raw = events / base
    variance = (base * (raw - r_mean) ** 2).sum() / base.sum() - r_mean / base.mean()
    words = f"empirical Bayes (esda.smoothing.Empirical_Bayes), global mean, base = {base_name}"
    if variance <= 0:
        return np.full(len(events), r_mean), words + "; between-unit variance estimated at 0: every rate = mean"
    return Empirical_Bayes(events, base).r.ravel(), words


_QUEENS: dict[str, object] = {}
# Each unit list's contiguity, kept on disk by the hash of its codes and polygons (as the web geometry is kept
# under static/layers/): building it is most of a period's hot spots (0,7 s of 1,2 s on the 166 units of 2025,
# 1,3 s of 2,8 s on the 635 of 2019), and a briefing or a command is a fresh process.
CONTIGUITY_DIR: Final = ROOT / "var" / "contiguity"


def _queen(poly: gpd.GeoDataFrame) -> libpysal.weights.W:
    """Queen contiguity of the units ``poly`` (ids = commune codes): from memory, from disk, or built.

    The key is a hash of the codes and the polygons' WKB (a boundary revision changes it). Built, it is written
    to :data:`CONTIGUITY_DIR` (atomically; a disk that cannot take it only means building it again next time).
    """
    import hashlib

    import shapely

    digest = hashlib.sha256()
    for code, wkb in zip(poly[KEY].astype(str), shapely.to_wkb(poly.geometry.to_numpy()), strict=True):
        digest.update(code.encode())
        digest.update(wkb)
    key = digest.hexdigest()
    if key not in _QUEENS:
        if len(_QUEENS) >= 8:
            _QUEENS.pop(next(iter(_QUEENS)))
        _QUEENS[key] = _stored_queen(key) or _built_queen(poly, key)
    return _QUEENS[key]  # type: ignore[return-value]


def _built_queen(poly: gpd.GeoDataFrame, key: str) -> libpysal.weights.W:
    """``libpysal.weights.Queen`` of ``poly``, kept in :data:`CONTIGUITY_DIR` under ``key``."""
    import json
    import os
    import tempfile

    import libpysal

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands and disconnected parts: handled by the caller
        w = libpysal.weights.Queen.from_dataframe(poly, use_index=False, ids=list(poly[KEY].astype(str)))
    kept = {"ids": list(w.id_order), "neighbours": {str(k): [str(n) for n in v] for k, v in w.neighbors.items()}}
    try:
        CONTIGUITY_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=CONTIGUITY_DIR, suffix=".part", delete=False) as out:
            json.dump(kept, out)
        os.replace(out.name, CONTIGUITY_DIR / f"{key}.json")
    except OSError:
        pass  # a read-only or full disk: the weights are built again next time, nothing else changes
    return w


def _stored_queen(key: str) -> libpysal.weights.W | None:
    """The contiguity kept under ``key``, or None (none kept, or a file that cannot be read as one)."""
    import json

    import libpysal

    try:
        kept = json.loads((CONTIGUITY_DIR / f"{key}.json").read_text(encoding="utf-8"))
        neighbours = {str(k): [str(n) for n in v] for k, v in kept["neighbours"].items()}
        ids = [str(i) for i in kept["ids"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if set(ids) != set(neighbours):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands: handled by the caller
        return libpysal.weights.W(neighbours, id_order=ids, silence_warnings=True)


def _pseudo_p(observed: np.ndarray, simulated: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Two-sided pseudo p-values from the conditional permutations, ties counted against significance.

    esda's own ``p_sim`` (2.9) is "directed": the tail is picked after looking, and a tie goes to whichever side
    makes it small; esda's documentation says such p-values are "uniformly too small". Here each unit is tested
    on the side its statistic lies (``greater`` above the permutations' mean, else ``lesser``, both counting
    equal draws as at least as extreme: a commune with no case among neighbours with none is not "significantly
    cold" because most draws tie with it), and the p-value is doubled for having looked at both sides.
    """
    from esda.significance import calculate_significance

    greater = calculate_significance(observed, simulated, "greater").ravel()
    lesser = calculate_significance(observed, simulated, "lesser").ravel()
    return np.minimum(1.0, 2 * np.where(observed > expected, greater, lesser))


def hotspots(
    communes: gpd.GeoDataFrame,
    records: pd.DataFrame,
    measure: str = "violations",
    base: str = "count",
    *,
    period: str = "",
    unit_version: str = "",
    districts: Sequence[str] = (),
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    illustrative: bool = False,
) -> Hotspots:
    """Hot spots, cold spots and outliers of ``measure`` over the units of ``communes``.

    Parameters
    ----------
    communes
        The period's unit layer (the communes contract, EPSG:4326), all units of the province.
    records
        The period's records on those units (``commune_code`` and the count fields).
    measure, base
        One of :data:`MEASURES`; ``count``, ``establishment`` (per at-risk establishment) or ``km2``.
    districts
        District codes whose units are reported (all when empty); the statistics use every unit regardless.
    permutations, seed
        Conditional permutations of the pseudo p-values and the seed that makes them repeatable.

    Returns
    -------
    Hotspots
        Every unit reported, its figures and class, and the method used.
    """
    import esda
    import libpysal

    check_choice(measure, base)
    layer = communes.reset_index(drop=True)
    codes = layer[KEY].astype(str)
    rec = records.drop_duplicates(KEY).set_index(KEY).reindex(codes)
    joined = rec.reset_index()
    value = pd.to_numeric(joined[measure], errors="coerce").astype("Float64")
    base_values = value.astype("Float64") if base == "count" else _base_values(layer, joined, base)
    has_polygon = (layer["has_boundary"].astype("boolean").fillna(False).astype(bool)
                   & layer.geometry.notna() & ~layer.geometry.is_empty)
    note = pd.Series([None] * len(layer), dtype=object)
    note[value.isna().to_numpy()] = "no_data"
    note[note.isna() & base_values.isna().to_numpy()] = "no_rate"
    note[note.isna() & ~has_polygon.to_numpy()] = "no_polygon"

    # Queen contiguity over every unit with a polygon, then the units with a value: a unit whose every
    # neighbour is left out keeps no neighbour and becomes an island.
    poly = layer[has_polygon.to_numpy()]
    w_all = _queen(poly)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libpysal warns about islands and disconnected parts: handled below
        free = set(codes[note.isna().to_numpy()])
        keep = [c for c in poly[KEY].astype(str) if c in free]
        for _ in range(len(keep)):  # leaving an island out can leave another: until none is left
            w = libpysal.weights.w_subset(w_all, keep) if keep else None
            islands = set(w.islands) if w is not None else set()
            if not islands:
                break
            keep = [c for c in keep if c not in islands]
            note[codes.isin(islands).to_numpy()] = "island"

    n = len(keep)
    pos = {c: i for i, c in enumerate(codes)}
    idx = np.array([pos[c] for c in keep], dtype=int)
    raw_rate = np.full(len(layer), np.nan)
    rate = np.full(len(layer), np.nan)
    z = np.full(len(layer), np.nan)
    p = np.full(len(layer), np.nan)
    mp = np.full(len(layer), np.nan)
    quad = np.zeros(len(layer), dtype=int)
    cluster = np.array(["none"] * len(layer), dtype=object)
    level = np.zeros(len(layer), dtype=int)
    smoothing = "none: the count itself" if base == "count" else ""
    cuts: dict[str, float] = {}
    outlier_cut = float("nan")
    mean_neighbours = 0.0
    if n >= 3:
        events = value.to_numpy(dtype=float, na_value=np.nan)[idx]
        if base == "count":
            y = events
            raw_rate[idx] = y
        else:
            b = base_values.to_numpy(dtype=float, na_value=np.nan)[idx]
            raw_rate[idx] = events / b
            y, smoothing = _eb_rates(events, b, "at-risk establishments" if base == "establishment" else "area in km²")
        rate[idx] = y
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "not fully connected": parts apart are allowed (said in the README)
            w = libpysal.weights.w_subset(w_all, keep)
        mean_neighbours = float(w.mean_neighbors)
        if np.ptp(y) > 0:
            with warnings.catch_warnings():  # "the alternative hypothesis is changing": chosen below, knowingly
                warnings.filterwarnings("ignore", "The alternative hypothesis", DeprecationWarning)
                g = esda.G_Local(y, w, transform="B", permutations=permutations, star=True, seed=seed, n_jobs=1)
                lm = esda.Moran_Local(y, w, transformation="r", permutations=permutations, seed=seed, n_jobs=1)
            gp = _pseudo_p(g.Gs, g.rGs, g.EG_sim)
            mpv = _pseudo_p(lm.Is, lm.rlisas, lm.EI_sim)
            z[idx], p[idx], mp[idx], quad[idx] = g.z_sim, gp, mpv, lm.q
            gi_sig = np.zeros(n, dtype=int)
            for lv, alpha in zip((99, 95, 90), LEVELS, strict=True):
                cut = float(esda.fdr(gp, alpha))
                cuts[str(lv)] = cut
                gi_sig[(gi_sig == 0) & (gp <= cut)] = lv
            outlier_cut = float(esda.fdr(mpv, OUTLIER_ALPHA))
            sub = np.where(gi_sig > 0, np.where(g.z_sim > 0, "hot", "cold"), "none").astype(object)
            outlier = (gi_sig == 0) & (mpv <= outlier_cut) & np.isin(lm.q, (2, 4))
            sub[outlier] = "outlier"
            cluster[idx] = sub
            level[idx] = gi_sig

    quadrants = {1: "high-high", 2: "low-high", 3: "low-low", 4: "high-low"}
    show = np.ones(len(layer), dtype=bool)
    if districts:
        show = layer["district_code"].astype(str).isin(set(districts)).to_numpy()

    def num(a: np.ndarray, i: int, digits: int = 6) -> float | None:
        return None if np.isnan(a[i]) else round(float(a[i]), digits)

    vals = value.to_numpy(dtype=float, na_value=np.nan)
    bases = base_values.to_numpy(dtype=float, na_value=np.nan)
    code_list = codes.tolist()  # plain lists: a pandas lookup per unit took 0.8 s of 2.3 s on 635 units
    names = layer["commune_name"].astype(str).tolist()
    dcodes = layer["district_code"].astype(str).tolist()
    dnames = layer["district_name"].astype(str).tolist()
    notes = note.tolist()
    units = tuple(
        HotspotUnit(
            commune_code=code_list[i], commune_name=names[i], district_code=dcodes[i], district_name=dnames[i],
            value=None if np.isnan(vals[i]) else int(vals[i]),
            base_value=None if base == "count" or np.isnan(bases[i]) else round(float(bases[i]), 4),
            raw_rate=num(raw_rate, i), rate=num(rate, i), z=num(z, i, 4), p=num(p, i, 4), moran_p=num(mp, i, 4),
            moran_quadrant=quadrants.get(int(quad[i])), cluster=str(cluster[i]),  # type: ignore[arg-type]
            level=int(level[i]) or None, note=notes[i] if isinstance(notes[i], str) else None)
        for i in range(len(layer)) if show[i])
    return Hotspots(period=period, measure=measure, base=base, unit_version=unit_version,
                    districts=tuple(districts), units=units, analysed=n, permutations=permutations, seed=seed,
                    fdr_cuts=cuts, outlier_cut=outlier_cut, mean_neighbours=mean_neighbours, smoothing=smoothing,
                    illustrative=illustrative)


def period_hotspots(engine: Engine, period: str, measure: str = "violations", base: str = "count", *,
                    districts: Sequence[str] = (), permutations: int = PERMUTATIONS,
                    communes: gpd.GeoDataFrame | None = None) -> Hotspots:
    """:func:`hotspots` of a stored period, on the units it is shown on (with their active boundary revisions).

    The one entry for the map theme, its sheet, ``python -m geo hotspots`` and the briefing.
    """
    from geo.boundaries.revisions import apply_revisions
    from geo.records.store import is_illustrative, load_records, period_version
    from geo.units.versions import layer

    version = period_version(engine, period)
    if communes is None:
        communes = apply_revisions(layer(version), engine, version)
    return hotspots(communes, load_records(engine, period), measure, base, period=period, unit_version=version,
                    districts=districts, permutations=permutations, illustrative=is_illustrative(engine, period))


# --- words ---------------------------------------------------------------------------------------------


def method_sentence(result: Hotspots, lang: str = "vi") -> str:
    """The method in one sentence, for the legend, the sheet and the briefing."""
    return t("hotspots.method", lang, permutations=fmt_number(result.permutations, lang),
             base=base_words(result.base, lang))


def measure_words(measure: str, lang: str = "vi") -> str:
    """The measure in words ("Số vi phạm")."""
    return {
        "violations": t("hotspots.m_violations", lang), "criminal_cases": t("hotspots.m_criminal_cases", lang),
        "inspections": t("hotspots.m_inspections", lang), "border_incidents": t("hotspots.m_border_incidents", lang),
        "victims_received": t("hotspots.m_victims_received", lang),
    }[measure]


def base_words(base: str, lang: str = "vi") -> str:
    """The base in words ("số đếm", "trên mỗi cơ sở", "trên km²")."""
    return {"count": t("hotspots.b_count", lang), "establishment": t("hotspots.b_establishment", lang),
            "km2": t("hotspots.b_km2", lang)}[base]


def cluster_words(cluster: str, level: int | None, lang: str = "vi") -> str:
    """A class in words: "Điểm nóng 99 %", "Điểm lạnh 95 %", "Bất thường", "Không có ý nghĩa thống kê"."""
    if cluster == "hot":
        return t("hotspots.hot_level", lang, level=level)
    if cluster == "cold":
        return t("hotspots.cold_level", lang, level=level)
    if cluster == "outlier":
        return t("hotspots.outlier", lang)
    return t("hotspots.none", lang)


def note_words(note: str | None, lang: str = "vi") -> str:
    """Why a unit was left out, in words ("" when it was not)."""
    if note is None:
        return ""
    return {"no_data": t("hotspots.note_no_data", lang), "no_rate": t("hotspots.note_no_rate", lang),
            "no_polygon": t("hotspots.note_no_polygon", lang), "island": t("hotspots.note_island", lang)}[note]


@dataclass(frozen=True)
class WhereToLook:
    """The briefing's "where to look" section: a title, a header, one row per significant hot spot, a sentence.

    ``rows`` are (commune, district, count, rate, confidence) as text in the language asked; ``sentence`` says
    how many hot spots were found and on what, or that none was (then ``rows`` is empty).
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sentence: str
    method: str


def where_to_look(result: Hotspots, lang: str = "vi", *, limit: int = 15) -> WhereToLook:
    """The significant hot spots of ``result``, strongest first (level, then z), for the briefing.

    The figures are those of :func:`hotspots` (the CLI's JSON and the map show the same).
    """
    hot = sorted((u for u in result.units if u.cluster == "hot"),
                 key=lambda u: (-(u.level or 0), -(u.z or 0.0), u.commune_code))
    rate_shown = result.base != "count"
    rows = tuple(
        (u.commune_name, u.district_name, fmt_number(u.value, lang),
         fmt_number(u.rate, lang, decimals=3) if rate_shown and u.rate is not None else "–",
         f"{u.level} %")
        for u in hot[:limit])
    what = measure_words(result.measure, lang)
    from geo.periods import period_label

    when = period_label(result.period, lang) if result.period else ""
    if hot:
        sentence = t("hotspots.found", lang, n=fmt_number(len(hot), lang), measure=what.lower(), period=when,
                     base=base_words(result.base, lang))
        if len(hot) > limit:
            sentence += " " + t("hotspots.more", lang, n=fmt_number(len(hot) - limit, lang))
    else:
        sentence = t("hotspots.none_found", lang, measure=what.lower(), period=when,
                     base=base_words(result.base, lang))
    header = (t("hotspots.h_commune", lang), t("hotspots.h_district", lang), what,
              t("hotspots.h_rate", lang), t("hotspots.h_confidence", lang))
    return WhereToLook(t("hotspots.where_title", lang), header, rows, sentence, method_sentence(result, lang))


def briefing_where_to_look(engine: Engine, period: str, *, districts: Sequence[str] = (), lang: str = "vi",
                           measure: str = "violations", base: str = "count") -> WhereToLook:
    """The "where to look" section of a period's briefing: :func:`where_to_look` of :func:`period_hotspots`."""
    return where_to_look(period_hotspots(engine, period, measure, base, districts=districts), lang)
