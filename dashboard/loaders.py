"""The one place where Streamlit caching meets geo/.

Cached functions take primitive keys (paths with their modification time, a period string, the store's
revision) and never a GeoDataFrame (Streamlit cannot hash one). ``st.cache_data`` returns a pickled copy
per call, so pages may modify what they get; ``st.cache_resource`` objects are shared and must not be
modified (the engine).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import func, select

from geo.boundaries import border, revisions
from geo.boundaries.layer import dissolve_districts, read_communes
from geo.contract import COMMUNES_PATH, LAOS_BORDER_PATH, ROOT
from geo.database import imports_table
from geo.figures import history, summary
from geo.figures.targets import Plan, plan_for
from geo.maps import render, themes, webgeom
from geo.records import store
from geo.units import versions

if TYPE_CHECKING:
    from geo.maps.sheets import SheetInputs


@st.cache_resource(show_spinner=False)
def engine():
    """The app's database, created and seeded with the illustrative records on first use."""
    return store.get_engine()


def revision() -> int:
    """A number that changes whenever an import is stored: part of every cache key over the store."""
    with engine().connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(imports_table.c.id), 0))).scalar_one())


@st.cache_data(show_spinner=False)
def _version(period: str | None, rev: int) -> str:  # rev: part of the key
    return store.period_version(engine(), period)


def version(period: str | None) -> str:
    """The unit version a period is shown on: :func:`geo.records.store.period_version`, cached per data revision.

    The version in force on the period's first day, unless an import chose one in force later in the period
    (``--units-version``, or the Data page's choice); the 2019 list for None.
    """
    return _version(period, revision())


def boundary_state(period: str | None = None) -> str:
    """The key of the boundary revisions in use for the period's version ("" with the bundled lines only).

    Part of every layer cache key. One small query per call, like :func:`revision`; an admin's activation
    shows on the next rerun of every session.
    """
    return revisions.state_key(engine(), version(period))


@st.cache_resource(show_spinner=False, max_entries=6)
def _communes(path: str, mtime: float, state: str, version_id: str) -> gpd.GeoDataFrame:
    # A resource (one object per process), not cache_data: unpickling a copy of the full geometry on every
    # call took 12 ms for the province and would take about a second for the country's 11,047 communes.
    if path != str(versions.UNITS_DIR / "units.csv"):  # the 2019 layer, or another layer (GEO_COMMUNES_PATH)
        layer = read_communes(path)
    else:
        layer = versions.layer(version_id)
    return revisions.apply_revisions(layer, engine(), version_id) if state else layer


def _layer_key(period: str | None = None) -> tuple[str, float, str, str]:
    """The cache key of a period's layer: its file, modification time, revisions in use and unit version."""
    v = version(period)
    bundled = v == versions.FIRST_VERSION or not versions.versioned()
    path = COMMUNES_PATH if bundled else versions.UNITS_DIR / "units.csv"
    return str(path), Path(path).stat().st_mtime, boundary_state(period), v


def communes(period: str | None = None) -> gpd.GeoDataFrame:
    """The commune layer of the period's unit version (635 units for 2019, 559 for 2021, 166 for 2025-Q3).

    Its bundled lines with the active boundary revisions of that version laid over them. Editing the file on
    disk or activating a revision invalidates the cache. A copy of the frame (columns and rows may be changed
    by the caller); the shapely geometries in it are shared, which is safe because they are immutable.
    """
    return _communes(*_layer_key(period)).copy()


def check_communes() -> None:
    """Read (once per process) and check the commune layer; raises ContractError or OSError. No copy made."""
    _communes(*_layer_key())


def boundary_note(lang: str, period: str | None = None) -> str | None:
    """The sources of the boundary revisions in use, for the map's attribution (None: bundled lines only)."""
    used = _communes(*_layer_key(period)).attrs.get("boundary_revisions") or []
    return " · ".join(revisions.citation(used, lang, short=True)) or None


@st.cache_data(show_spinner=False)
def _commune_table(path: str, mtime: float, state: str, version_id: str) -> pd.DataFrame:
    return pd.DataFrame(_communes(path, mtime, state, version_id).drop(columns="geometry"))


def commune_table(period: str | None = None) -> pd.DataFrame:
    """The commune attributes of the period's version without geometry (cached apart: small to copy)."""
    return _commune_table(*_layer_key(period))


@st.cache_data(show_spinner=False)
def _districts(path: str, mtime: float, state: str, version_id: str) -> gpd.GeoDataFrame:
    return dissolve_districts(_communes(path, mtime, state, version_id))


def districts(period: str | None = None) -> gpd.GeoDataFrame:
    """District outlines (former districts from 2025-07-01), dissolved from the period's communes."""
    return _districts(*_layer_key(period))


@st.cache_data(show_spinner=False)
def _border_districts(path: str, mtime: float, state: str, version_id: str) -> tuple[str, ...]:
    return themes.border_districts(_communes(path, mtime, state, version_id))


def border_districts(period: str | None = None) -> tuple[str, ...]:
    """The districts (former districts from 2025-07-01) that hold the border area.

    The border communes and their neighbours (geo.maps.themes.border_area); the border page frames its map on them.
    """
    return _border_districts(*_layer_key(period))


def has_districts(period: str | None) -> bool:
    """False from 2025-07-01: the district fields then hold the former district (huyện cũ)."""
    return versions.has_districts(version(period))


@st.cache_data(show_spinner=False)
def _laos_border(path: str, mtime: float) -> gpd.GeoDataFrame:
    return border.read_laos_border(path)


def laos_border() -> gpd.GeoDataFrame:
    """The Laos border line."""
    return _laos_border(str(LAOS_BORDER_PATH), LAOS_BORDER_PATH.stat().st_mtime)


@st.cache_data(show_spinner=False)
def _periods(rev: int) -> list[str]:
    return store.list_periods(engine())


def periods() -> list[str]:
    """Periods with data, in time order."""
    return _periods(revision())


@st.cache_data(show_spinner=False)
def _records(period: str, rev: int) -> pd.DataFrame:
    return store.load_records(engine(), period)


def records(period: str | None) -> pd.DataFrame:
    """The current records of ``period`` (an empty frame for None)."""
    return _records(period, revision()) if period else summary.empty_records()


@st.cache_data(show_spinner=False, max_entries=512)
def _period_summary(period: str, districts: tuple[str, ...], rev: int, layer_key: tuple,
                    plans: int) -> summary.PeriodSummary[int | None]:
    # rev and layer_key (the boundary state and unit version) are part of the cache key only. Earlier periods
    # on another unit list are re-expressed on this period's units through the links (records_on): never
    # joined by code (codes are reused).
    return summary.period_summary(commune_table(period), period, lambda p: records_on(p, period)[0], periods(),
                                     district_codes=districts, plan=plan(period))


def period_summary(period: str, district_codes: tuple[str, ...] | list[str] = ()) -> summary.PeriodSummary[int | None]:
    """Every figure of ``period`` for the district filter (:func:`geo.figures.summary.period_summary`).

    Computed once per (period, filter, data revision, boundary state) and shared by every session of the
    process (``st.cache_data`` is global): ten people opening the same overview compute it once. Unmasked:
    the page applies the small-count rule of the account.
    """
    return _period_summary(period, tuple(sorted(district_codes)), revision(), _layer_key(period), plans_state())


@st.cache_data(show_spinner=False, max_entries=256)
def _theme_view(period: str | None, districts: tuple[str, ...], theme_id: str, lang: str, options: tuple,
                rev: int, layer_key: tuple) -> tuple[bool, themes.ThemeMap, dict, dict]:
    # rev and layer_key are part of the cache key only (as for _period_summary).
    joined, theme = themes.view_theme(communes(period), records(period), theme_id, districts, lang, **dict(options))
    styles, tooltips = render.theme_inputs(joined, theme, lang)
    return bool(joined["period"].isna().all()), theme, styles, tooltips


def theme_view(period: str | None, district_codes: tuple[str, ...], theme_id: str, lang: str,
               **options: object) -> tuple[bool, themes.ThemeMap, dict, dict]:
    """A theme of the period's own records for the district filter, ready for the map.

    ``(no records at all, the theme, styles, tooltips)``: :func:`geo.maps.themes.view_theme` then
    :func:`geo.maps.render.theme_inputs`. Computed once per (period, filter, theme, language, options, data
    revision, boundary state) and shared by every session, like :func:`period_summary`: ten people opening
    the overview join and colour the communes once (it was a sixth of the server's CPU per person under load).
    """
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return _theme_view(period, tuple(sorted(district_codes)), theme_id, lang, key, revision(), _layer_key(period))


@st.cache_data(show_spinner=False)
def _illustrative(period: str, rev: int) -> bool:
    return store.is_illustrative(engine(), period)


def is_illustrative(period: str | None) -> bool:
    """True when the period's records come from the bundled illustrative data."""
    return bool(period) and _illustrative(period, revision())


def commune_history(commune_code: str, period: str) -> history.CommuneHistory:
    """A unit's records over the periods and its links, on ``period``'s units (geo.figures.history).

    Not cached itself (asked for one commune at a time): it reads each period through the cached
    :func:`records_on` and :func:`version`, which every commune shares.
    """
    return history.commune_history(engine(), commune_code, period,
                                   records_of=lambda p: records_on(p, period)[0], version_of=version)


def plan(period: str | None) -> Plan | None:
    """The plan of the period's year on its list (geo.figures.targets.plan_for), None when there is none.

    Read from the store at each call (two small queries): a plan an editor has just entered shows at once.
    """
    return plan_for(period, engine()) if period else None


def plans_state() -> int:
    """A number that changes whenever a plan is stored (geo.records.plans.state): part of the cache keys."""
    from geo.records import plans

    return plans.state(engine())


_SHA_BY_STAT: dict[tuple[str, int, int], str] = {}


def source_sha256(path: str | Path) -> str:
    """The SHA-256 of a source file; the bytes are read again only when its size or modification time changes.

    The prepared geometry is cached under this hash (not the modification time), so touching the file or
    copying it back keeps the cache, and any change of content gets new geometry.
    """
    st_ = Path(path).stat()
    stat_key = (str(path), st_.st_mtime_ns, st_.st_size)
    if stat_key not in _SHA_BY_STAT:
        _SHA_BY_STAT[stat_key] = webgeom.file_sha256(path)
    return _SHA_BY_STAT[stat_key]


@st.cache_data(show_spinner=False, max_entries=64)
def _web_layer_by_hash(key: str, codes: tuple[str, ...] | None, tolerance: float, period: str | None = None) -> str:
    # ``key`` (webgeom.layer_key: source SHA-256 with version and revisions, tolerance, subset, quantisation,
    # properties) is the cache key; ``period`` only chooses the version, which is in the key.
    return webgeom.web_layer(summary.filter_districts(communes(period), codes), tolerance)


@st.cache_data(show_spinner=False, max_entries=256)
def _tolerance(path: str, mtime: float, state: str, version_id: str, codes: tuple[str, ...] | None) -> float:
    layer = _communes(path, mtime, state, version_id)
    return webgeom.tolerance_of(summary.filter_districts(layer, codes))


def web_layer(district_codes: tuple[str, ...] = (), period: str | None = None) -> str:
    """The simplified TopoJSON of the period's communes (all, or the given districts), detail following the extent.

    Prepared once per boundary content (the file's SHA-256, the unit version and the content hashes of the
    active revisions), tolerance and district subset, shared by every theme, period of that version and session.
    """
    path, mtime, state, v = _layer_key(period)
    if v == versions.FIRST_VERSION or not versions.versioned():
        sha = source_sha256(COMMUNES_PATH)
    else:
        sha = f"{source_sha256(versions.UNITS_DIR / 'boundaries.parquet')}:{source_sha256(path)}:{v}"
    if state:
        sha = hashlib.sha256(f"{sha} {state}".encode()).hexdigest()
    codes = tuple(sorted(district_codes)) or None
    tolerance = _tolerance(path, mtime, state, v, codes)
    return _web_layer_by_hash(webgeom.layer_key(sha, tolerance, codes), codes, tolerance, period)


# Served by Streamlit's static file serving (server.enableStaticServing) at app/static/layers/; the map frame
# is at component/<name>/index.html, hence the relative URL. Only boundaries go there (public data, served
# without a login), never status records.
LAYER_DIR = ROOT / "static" / "layers"
LAYER_URL_FROM_FRAME = "../../app/static/layers"


def web_layer_url(layer: str) -> str | None:
    """The URL of ``layer`` (from :func:`web_layer`) written as a static file, relative to the map frame.

    None if the directory cannot be written.

    The file name is the SHA-256 of the layer, so browsers cache it and every process writes the same file.
    """
    try:
        name = webgeom.publish(layer, LAYER_DIR)
    except OSError:  # a read-only installation: the frame then gets the geometry inline (slower, still right)
        return None
    return f"{LAYER_URL_FROM_FRAME}/{name}"


@st.cache_data(show_spinner=False)
def _border_line_json(path: str, mtime: float) -> str:
    return webgeom.line_json(border.read_laos_border(path))


def border_line_json() -> str:
    """The Laos border line as compact GeoJSON text for the map."""
    return _border_line_json(str(LAOS_BORDER_PATH), LAOS_BORDER_PATH.stat().st_mtime)


@st.cache_data(show_spinner=False)
def _district_labels(path: str, mtime: float, state: str, version_id: str,
                     codes: tuple[str, ...]) -> list[tuple[str, float, float]]:
    layer = _communes(path, mtime, state, version_id)
    return render.district_label_points(summary.filter_districts(layer, codes))


def district_labels(district_codes: tuple[str, ...] = (), period: str | None = None) -> list[tuple[str, float, float]]:
    """(name, lat, lon) of each (former) district's label point."""
    return _district_labels(*_layer_key(period), tuple(sorted(district_codes)))


def records_on(from_period: str, to_period: str) -> tuple[pd.DataFrame, dict]:
    """``from_period``'s records on ``to_period``'s units (geo.units.versions.records_on), for comparisons."""
    return _records_on(from_period, to_period, revision())


@st.cache_data(show_spinner=False)
def _records_on(from_period: str, to_period: str, rev: int) -> tuple[pd.DataFrame, dict]:
    return versions.records_on(records(from_period), from_period, from_version=version(from_period),
                               to_version=version(to_period))


@st.cache_data(show_spinner=False)
def _trend(districts: tuple[str, ...], rev: int, plans: int) -> pd.DataFrame:  # rev, plans: the key
    from geo.figures import trend

    series = trend.period_series(engine(), districts)  # every period on the list it is shown on
    shown_on = {p: version(p) for p in series}  # where the chart marks a change of list
    return trend.trend_table(series, lambda p: plan_for(p, engine()), province=not districts, versions=shown_on)


def trend_table(districts: tuple[str, ...] = ()) -> pd.DataFrame:
    """The headline figures of every stored period for the area (geo.figures.trend.trend_table).

    About 1 s per period.
    """
    return _trend(tuple(sorted(districts)), revision(), plans_state())


def sheet_inputs(period: str) -> SheetInputs:
    """What a print sheet of ``period`` is drawn from: the cached layer, records and border (Export, Hot spots)."""
    from geo.maps.sheets import SheetInputs  # matplotlib: only when a sheet is made

    return SheetInputs(communes(period), records(period), is_illustrative(period), laos_border(),
                       unit_version=version(period), engine=engine())


@st.cache_data(show_spinner=False, max_entries=16)
def _compare_page(theme: str, periods: tuple[str, ...], districts: tuple[str, ...], lang: str, mode: str,
                  options: tuple, rev: int, layer_keys: tuple) -> tuple[str, list[str], bool]:
    # rev and layer_keys are part of the cache key only (as for _theme_view).
    from geo.maps import compare

    view = compare.load_compare(engine(), theme, list(periods), districts=districts, lang=lang, **dict(options))
    layers = {p.unit_version: web_layer(districts, p.period) for p in view.periods}  # the maps' own, cached
    return compare.compare_html(view, mode=mode, layers=layers), view.sources(), view.illustrative


def compare_page(theme: str, periods: list[str], districts: tuple[str, ...], lang: str, mode: str,
                 **options: object) -> tuple[str, list[str], bool]:
    """The split view's page (geo.maps.compare.compare_html), its unit-list sources and whether it is illustrative.

    Computed once per (theme, periods, filter, language, mode, options, data revision, boundary state).
    """
    return _compare_page(theme, tuple(periods), tuple(sorted(districts)), lang, mode,
                         tuple(sorted(options.items())), revision(), tuple(_layer_key(p) for p in periods))
