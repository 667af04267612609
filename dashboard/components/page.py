"""Shared Streamlit pieces: sidebar filters kept in the URL, the illustrative notice, search, details.

Pages stay thin scripts; what more than one page shows lives here. No data logic: figures come from
geo/figures/summary.py, classes and colours from geo/maps/themes.py.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components import mapframe
from geo.access import accounts
from geo.access.accounts import User, get_user
from geo.contract import BOOL_FIELDS, COUNT_FIELDS
from geo.figures import privacy
from geo.maps.render import theme_inputs
from geo.maps.themes import ThemeMap, view_theme
from geo.periods import default_period, normalise_period, period_label
from geo.text import field_label, rule_label, t
from geo.text.controls import shown_text
from geo.text.i18n import LANG_NAMES
from geo.text.names import fold
from geo.text.numbers import MISSING, fmt_date, fmt_number, fmt_table, fmt_with_unit, numeric_column
from geo.units import versions

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects: language, period (None when the store is empty), districts; and who looks."""

    lang: str
    period: str | None
    districts: tuple[str, ...]
    sees_small_counts: bool = False
    username: str = ""
    role: str = "viewer"
    map_first: bool = False  # this run draws the map before the widgets (see map_first)

    def can(self, right: str) -> bool:
        """Whether the signed-in role has ``right`` (geo.access.accounts.RIGHTS)."""
        return accounts.can(self.role, right)


def _from_url(key: str, param: str, allowed: list[str], default: str | None, *, many: bool = False,
              read: Callable[[str], str | None] | None = None) -> str | None:
    """Seed a widget's state from the query string once per session, ignoring values that do not exist.

    ``read`` turns the link's text into a value (the period parser: ``?period=Q1/2019`` is ``2019-Q1``).
    Returns the link's value when ``read`` refused it (the caller says it is not one), else None.
    """
    if key in st.session_state:
        if many:
            st.session_state[key] = [v for v in st.session_state[key] if v in allowed]
        elif st.session_state[key] not in allowed:
            st.session_state[key] = default
        return
    if many:
        st.session_state[key] = [v for v in st.query_params.get_all(param) if v in allowed]
    else:
        value = st.query_params.get(param)
        if read is not None and value is not None:
            if read(value) is None:
                st.session_state[key] = default
                return value
            value = read(value)
        st.session_state[key] = value if value in allowed else default
    return None


def lang() -> str:
    """The interface language: from the sidebar, or the link's ``?lang=`` on the first run (Vietnamese)."""
    _from_url("lang", "lang", list(LANG_NAMES), "vi")
    return st.session_state["lang"]


def language_switch() -> str:
    """The language radio in the sidebar (shown on the login page too); returns the language."""
    lang()
    st.sidebar.radio(t("app.language", lang()), list(LANG_NAMES), format_func=LANG_NAMES.get, key="lang",
                     horizontal=True)
    return lang()


# The pages whose first view in a session is drawn map first (see map_first): the landing page, with the key
# that its map_section is given.
MAP_FIRST_PAGES = {"": "overview"}
MAP_FIRST_DONE = "map_first_done"
PAGE_PARAMS = ("periods", "theme")  # link parameters a page reads itself (Compare: ?periods=2019,2021&theme=…)


def map_first(url_path: str) -> bool:
    """Whether this run is the first view of a map page in this session: the map before the widgets.

    Streamlit's front end loads each kind of element's code lazily, and React draws the first element of each
    kind as a placeholder and replaces all of them in one late pass when the run's messages stop: on a first
    view the map's frame was created only with the sidebar's selectors, the map's search box and the tables
    (bench/RESULTS.md, "Map first"). So the first run of such a page draws the page down to the map without
    the widgets (their values come from the link, as they would anyway) and asks the frame to say when it has
    drawn the communes; the frame's answer is a rerun, which draws everything. Any answer of the frame (a
    click too) ends it. Only a session's very first run is drawn this way: once a page has been drawn whole,
    the widgets are on the screen and must not go away on the way to the overview.
    """
    page = MAP_FIRST_PAGES.get(url_path)
    if st.session_state.get(MAP_FIRST_DONE) or page is None or mapframe.answered(f"{page}_map") \
            or not loaders.periods():  # no data: the page stops before its map, which would never answer
        st.session_state[MAP_FIRST_DONE] = True
        return False
    return True


REFUSED_PERIOD = "link_period_refused"  # (the link's text, the period opened instead)


def sidebar(user: User, *, widgets: bool = True) -> Filters:
    """Period and district filters; their values (and the language) are written back into the URL.

    Without ``widgets`` (a map-first run, :func:`map_first`) nothing is drawn: the values are the link's, or
    those already chosen in this session.
    """
    language = lang()
    periods = loaders.periods()
    # A leader opens on the latest period that has ended (2026-Q3 on 2 December 2026, not the running Q4).
    # Read by the one parser, as a file's or the command line's (Q1/2019, 2019-q1, Quý 1/2019 are 2019-Q1).
    refused = _from_url("period", "period", periods, default_period(periods), read=normalise_period)
    if refused is not None:  # said until another period is chosen (the first run may be the map-first one)
        st.session_state[REFUSED_PERIOD] = (refused, st.session_state["period"])
    said = st.session_state.get(REFUSED_PERIOD)
    if said is not None and said[1] == st.session_state["period"] and widgets:
        st.sidebar.warning(t("app.link_not_a_period", language, value=md_escape(shown_text(said[0][:40]))))
    period = None
    if periods:
        period = st.sidebar.selectbox(t("app.period", language), periods, key="period",
                                      format_func=lambda p: period_label(p, language, short=True)) if widgets \
            else st.session_state["period"]
    # The districts of the period's unit version (26 from 2025, former districts from 2025-Q3); a district
    # chosen for another period that this version lacks is dropped by _from_url.
    districts = loaders.districts(period)
    names = dict(zip(districts["district_code"], districts["district_name"], strict=True))
    _from_url("districts", "district", list(names), None, many=True)
    title = t("app.districts" if loaders.has_districts(period) else "app.former_districts", language)
    if widgets:
        chosen = st.sidebar.multiselect(title, list(names), format_func=names.get,
                                        key="districts", placeholder=t("app.all_districts", language))
        if period:
            st.sidebar.caption(versions.version_note(period, language, version=loaders.version(period)))
    else:
        chosen = st.session_state["districts"]
    # A page's own parameters (the Compare page's periods and theme) stay in the link beside the filters.
    params: dict[str, object] = {k: st.query_params.get_all(k) for k in st.query_params if k in PAGE_PARAMS}
    params |= {"lang": language, "district": list(chosen)}
    if period:
        params["period"] = period
    st.query_params.from_dict(params)
    return Filters(language, period, tuple(chosen), user.sees_small_counts, user.username, user.role,
                   map_first=not widgets)


def illustrative_notice(filters: Filters) -> None:
    """A plain warning whenever the data shown is the bundled illustrative set.

    Always one element (an empty container when there is nothing to say): see :func:`map_section`.
    """
    box = st.container()
    if loaders.is_illustrative(filters.period):
        box.warning(t("common.illustrative", filters.lang), icon="⚠️")


def require_right(filters: Filters, right: str) -> User:
    """The signed-in account if it has ``right``; otherwise say so and stop the page.

    The navigation does not even register a page the role may not use; this guards a session whose role
    was changed or whose account was disabled since its last run.
    """
    user = get_user(loaders.engine(), filters.username)
    if user is None or not user.can(right):
        st.error(t("app.not_allowed", filters.lang))
        st.stop()
    return user


def require_period(filters: Filters) -> str:
    """The chosen period; stops the page with a hint when the store has no data at all."""
    if filters.period is None:
        st.info(t("app.no_periods", filters.lang))
        st.stop()
    return filters.period


def search_hits(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """The communes of ``table`` (``loaders.commune_table``) that ``query`` names, best first.

    With or without diacritics and in any case: the commune's name, its code, or its district's name (the
    former district from 1 July 2025). Communes whose own name matches come first, then codes, then the
    communes of a matching district, each in the table's order.
    """
    wanted = fold(query).strip()
    if not wanted:
        return table.iloc[0:0]
    by_name = table["commune_name"].map(fold).str.contains(wanted, regex=False)
    by_code = table["commune_code"].astype(str).str.startswith(wanted.replace(" ", ""))
    by_district = table["district_name"].fillna("").map(fold).str.contains(wanted, regex=False)
    rank = np.select([by_name, by_code, by_district], [0, 1, 2], default=3)
    order = np.argsort(rank, kind="stable")
    return table.iloc[order[rank[order] < 3]]


def commune_search(filters: Filters, key: str) -> str | None:
    """A search box that finds communes (names, codes, districts; with or without diacritics).

    Returns the chosen commune code.
    """
    table = loaders.commune_table(filters.period)
    query = st.text_input(t("app.search", filters.lang), key=f"{key}_search")
    if not query.strip():
        return None
    hits = search_hits(table, query)
    if hits.empty:
        st.caption(t("app.search_none", filters.lang, q=md_escape(query)))
        return None
    options = hits["commune_code"].tolist()
    former = not loaders.has_districts(filters.period)
    shown = {r.commune_code: versions.display_name(r.commune_name, r.district_name, former, filters.lang)
             for r in hits.itertuples()}
    return st.selectbox(t("common.commune", filters.lang), options, format_func=shown.get, key=f"{key}_pick")


def period_words(language: str, *, short: bool = True):
    """A selector's ``format_func`` for periods: "Quý 3/2026" (short) while the value and the URL keep "2026-Q3"."""
    return lambda p: period_label(p, language, short=short) if p else ""


def district_word(period: str | None, language: str) -> str:
    """The column header of a district in ``period``'s unit list: "Huyện", or "Huyện cũ" where there are none."""
    return t("common.district" if loaders.has_districts(period) else "common.former_district", language)


def people_table(frame: pd.DataFrame, language: str, *, periods: tuple[str, ...] = ("period",),
                 bools: tuple[str, ...] = (), decimals: dict[str, int] | None = None,
                 headers: dict[str, str] | None = None) -> Styler:
    """A table for the screen, written as the documents write it and sorted as numbers by a header click.

    Numbers the way of ``language`` (geo.text.numbers: "1.234", "93,86") as the cells' *display* (a pandas
    Styler's format: Streamlit's grid shows the display text and sorts on the numbers underneath; a column of
    text such as "1.234" sorted "1.234" before "9"), the columns in ``periods`` in words ("Quý 3/2026"),
    ``bools`` as "Có" / "Không", no data as "—"; ``headers`` renames the columns for people. A column mixing
    numbers and text (a small count masked as "<3") is written as text.
    """
    decimals = decimals or {}
    out = frame.copy()
    numeric = []
    for col in out.columns:
        if col not in periods and col not in bools and numeric_column(out[col], text=False):
            numeric.append(col)
            out[col] = pd.to_numeric(out[col], errors="coerce")
    text = fmt_table(out.drop(columns=numeric), language, decimals=decimals)  # mixed columns: text
    for col in text.columns:
        out[col] = text[col]
    for col in periods:
        if col in out.columns:
            out[col] = [period_label(str(p), language, short=True) if isinstance(p, str) and p else "—"
                        for p in frame[col]]
    for col in bools:
        if col in out.columns:
            out[col] = [_display(v, col, language) for v in frame[col]]
    others = [c for c in out.columns if c not in numeric]
    out[others] = out[others].fillna("—")
    names = headers or {}
    out = out.rename(columns=names)
    formats = {names.get(col, col): partial(fmt_number, lang=language, decimals=decimals.get(col))
               for col in numeric}
    return out.style.format(formats, na_rep="—")


def _display(value: object, field: str, language: str, *, missing: str | None = None) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "" if field == "notes" else missing or t("common.no_data", language)
    if field in BOOL_FIELDS or field.startswith("is_") or isinstance(value, (bool, np.bool_)):
        return t("common.yes" if value else "common.no", language)
    if field == "area_km2":
        return fmt_with_unit(value, "km²", language, decimals=3)
    if field == "laos_border_km":
        return fmt_with_unit(value, "km", language, decimals=1)
    if isinstance(value, str):  # a note stored before the rule: no raw ESC or bidi override reaches the page
        return shown_text(value, keep_breaks=True)
    return fmt_number(value, language)


def commune_details(code: str, filters: Filters) -> None:
    """The fields of one commune for the chosen period (beside the map; its history: :func:`commune_history`)."""
    table = loaders.commune_table(filters.period).set_index("commune_code")
    if code not in table.index:
        return
    info = table.loc[code]
    language = filters.lang
    former = not loaders.has_districts(filters.period)
    st.subheader(md_escape(versions.display_name(info["commune_name"], info["district_name"], former, language)))
    if not info["has_boundary"]:
        st.caption(t("commune.no_boundary", language))
    record = loaders.records(filters.period).set_index("commune_code")
    fields = ["commune_type", "area_km2", "is_laos_border"] + (["laos_border_km"] if info["is_laos_border"] else [])
    rows = [(t(f"commune.{f}", language), _display(info[f], f, language)) for f in fields]
    if not filters.sees_small_counts:
        record = privacy.mask_frame(record)
    if code in record.index:
        rec = record.loc[code]
        rows += [(field_label(f, language), _display(rec[f], f, language))
                 for f in (*BOOL_FIELDS, *COUNT_FIELDS, "notes")]
    else:
        rows.append((t("field.period", language), t("commune.no_report", language)))
    heading = period_label(filters.period, language, short=True) if filters.period else ""
    st.table(pd.DataFrame(rows, columns=[t("common.commune", language), heading])
             .set_index(t("common.commune", language)))


def commune_history(code: str, filters: Filters) -> None:
    """The unit's links and its records over every period of its lineage, full width under the map.

    Every period the unit can be followed in has a row: "chưa có báo cáo" where it sent none, never dropped.
    """
    if filters.period is None or code not in loaders.commune_table(filters.period)["commune_code"].values:
        return
    language = filters.lang
    past = loaders.commune_history(code, filters.period)
    if not past.periods:
        return
    name = loaders.commune_table(filters.period).set_index("commune_code").loc[code, "commune_name"]
    st.markdown(f"**{t('commune.history_of', language, name=md_escape(name))}**")
    unit_links(past.links, language)
    if past.reexpressed:
        st.caption(t("units.history_note", language,
                     periods=", ".join(period_label(p, language, short=True) for p in past.reexpressed)))
    history = past.records if filters.sees_small_counts else privacy.mask_frame(past.records)
    by_period = history.set_index("period")
    cols = [*BOOL_FIELDS, *COUNT_FIELDS, "notes"]
    rows = []
    for p in past.periods:
        row = {"period": period_label(p, language, short=True).replace(" ", "\u00a0")}  # "Quý 3/2019" on one line
        if p in by_period.index:
            rec = by_period.loc[p]
            row |= {f: _display(rec[f], f, language, missing=MISSING) for f in cols}
        else:
            row |= {f: "" for f in cols} | {BOOL_FIELDS[0]: t("commune.no_report", language)}
        rows.append(row)
    shown = pd.DataFrame(rows, columns=["period", *cols])
    shown.columns = [field_label(c, language) for c in shown.columns]
    st.table(shown.set_index(field_label("period", language)), border="horizontal")
    st.caption(" ".join(filter(None, (
        t("commune.missing_note", language, n=len(past.missing), total=len(past.periods)) if past.missing else "",
        t("commune.dash_note", language)))))


def unit_links(rows: pd.DataFrame, language: str) -> None:
    """The links that made the unit (``CommuneHistory.links``): from which units, evidence, rule, confidence.

    One line per change and unit, newest first ("2025-07-01 · 14797 Phường Hạc Thành ← 14758 Phường Đông Thọ
    (49 %, chia tách), … — chính thức (bảng chuyển đổi 2025)"); a derived link (no source states it) reads
    "suy ra" / "derived" in bold. Nothing is shown for the 2019 list (no links).
    """
    if rows.empty:
        return

    def part(r: object) -> str:
        if not r.prev_code:
            return t("units.kind_added", language)
        share = f"{float(r.share):.0%}, " if r.link == "partial" and pd.notna(r.share) else ""
        kind = "" if r.kind == "merged" else t(f"units.kind_{r.kind}", language)
        extra = f" ({share}{kind})".replace(", )", ")") if share or kind else ""
        return md_escape(f"{r.prev_code} {r.prev_name}{extra}")

    def basis(r: object) -> str:
        text = t(f"units.evidence_{r.evidence}", language)
        text = f"**{text}**" if r.evidence == "derived" else text
        extra = ", ".join(x for x in (rule_label(r.rule, language),
                                      t(f"units.confidence_{r.confidence}", language) if r.confidence else "") if x)
        return f"{text} ({md_escape(extra)})" if extra else text

    lines = []
    groups = rows.groupby(["version", "commune_code", "evidence", "rule", "confidence"], sort=False)
    for (version, unit, *_), g in groups:
        first = g.iloc[0]
        lines.append(f"- {fmt_date(version)} · {md_escape(unit + ' ' + first['commune_name'])} ← "
                     + "; ".join(part(r) for r in g.itertuples()) + f" — {basis(first)}")
    derived = int((rows["evidence"] == "derived").sum())
    title = t("units.links_title", language, n=len(rows), d=derived)
    with st.expander(title, expanded=True):
        st.markdown("\n".join(lines))
        if derived:
            st.caption(t("units.links_derived_note", language))


def map_source(period: str | None, language: str) -> str:
    """The boundary source line under the map, for the period's unit version."""
    v = loaders.version(period)
    if v == versions.FIRST_VERSION or not versions.versioned():
        return t("units.map_source", language)
    key = "units.map_source_dissolved" if versions.get_version(v).has_districts else "units.map_source_2025"
    return t(key, language, v=fmt_date(v))


_log = logging.getLogger("dashboard")


def unexpected_error(exc: Exception, language: str) -> None:
    """A fault no page expected: one message in the user's words, the traceback in the server's log only.

    Streamlit's own display (client.showErrorDetails) would show the exception's type, text and traceback:
    developer text, maybe SQL or a path. The time lets an administrator find the log entry. An operational
    fault (:func:`geo.faults.fault_message`) is said as the command line says it, without the server or path.
    """
    from geo import clock
    from geo.faults import debug, fault_message

    when = clock.fmt(clock.now(), seconds=True)
    _log.exception("unexpected error on a page (shown to the user as of %s)", when)
    # A database that cannot be reached, read or written, a full disk: the command line's words, no place.
    st.error(fault_message(exc, language, place=False) or t("app.unexpected", language, when=when))
    if debug():  # GEO_DEBUG=1: a developer sees the traceback under the message
        st.exception(exc)


def md_escape(text: object) -> str:
    """Text from data or uploads, made inert for Streamlit's Markdown (no links, images or emphasis)."""
    out = str(text)
    for ch in "\\`*_{}[]()<>#+-.!|~":
        out = out.replace(ch, "\\" + ch)
    return out


def _click_of(value: object) -> tuple[str, int] | None:
    """``(code, click number)`` from the map frame's value (``mapframe.show``), or None."""
    if isinstance(value, dict) and value.get("id"):
        return str(value["id"]), int(value.get("n", 0))
    return None


def _select(key: str, click: tuple[str, int] | None, found: str | None) -> None:
    """Remember the commune chosen last: a click not seen before, or a commune newly picked in the search."""
    if click and click != st.session_state.get(f"{key}_clicked"):
        st.session_state[f"{key}_clicked"] = click
        st.session_state[f"{key}_selected"] = click[0]
    if found and found != st.session_state.get(f"{key}_found"):
        st.session_state[f"{key}_selected"] = found
    st.session_state[f"{key}_found"] = found


def selected_commune(key: str) -> str | None:
    """The commune last clicked on the map or found by search on this page."""
    return st.session_state.get(f"{key}_selected")


def map_section(filters: Filters, theme_id: str, key: str, *, records: pd.DataFrame | None = None,
                before_records: pd.DataFrame | None = None, border_line: bool = False,
                **options: object) -> ThemeMap:
    """The map of one theme with its legend, search box and the details of the selected commune.

    Streamlit knows an element by its position on the page: if the number of elements above the map
    changes between reruns (a notice shown for one period and not the next), the map's frame is mounted
    anew and the view is lost. So what is optional above a map is written into a container that is always
    there (here, :func:`illustrative_notice`, the overview's captions).

    The theme is :func:`geo.maps.themes.view_theme` of ``records`` (the period's own records by default) with
    ``options`` (metric, scheme, k, breaks), the same pipeline as the printed sheets; the transition theme
    compares ``records`` with ``before_records``.
    """
    language = filters.lang
    if records is None and before_records is None:  # the period's own records: shared by every session
        empty, theme, styles, tooltips = loaders.theme_view(filters.period, filters.districts, theme_id, language,
                                                            **options)
    else:
        data = loaders.records(filters.period) if records is None else records
        joined, theme = view_theme(loaders.communes(filters.period), data, theme_id, filters.districts,
                                   language, before_records=before_records, **options)
        empty = bool(joined["period"].isna().all())
        styles, tooltips = theme_inputs(joined, theme, language)
    notice = st.container()  # always there, so that the map below keeps its place (see above)
    if filters.period and empty:
        notice.info(t("app.no_records", language, period=period_label(filters.period, language, short=True)))
    left, right = st.columns([3, 1])
    show_labels, found = bool(st.session_state.get(f"{key}_labels")), None
    if not filters.map_first:  # a map-first run leaves the column beside the map empty (see map_first)
        with right:
            show_labels = st.toggle(t("app.labels_toggle", language), key=f"{key}_labels")
            found = commune_search(filters, key)
    from geo.maps.render import build_map_parts

    # The base map holds only the geometry (fetched by the frame from a static file) and the page's fixed
    # lines: it is the same for every period, theme, scheme and label toggle, so the frame keeps the mounted
    # map and its view; only the overlay (styles, tooltips, legend, circles, labels: ~30 KB) is re-run.
    layer = loaders.web_layer(filters.districts, filters.period)
    layer_url = loaders.web_layer_url(layer)
    m, overlay = build_map_parts(
        layer, styles, tooltips, theme.legend, layer_url=layer_url,
        former_districts=not loaders.has_districts(filters.period),
        district_labels=loaders.district_labels(filters.districts, filters.period) if show_labels else None,
        border_line=loaders.border_line_json() if border_line else None,
        circles=theme.circles, circle_tooltips={c.code: tooltips.get(c.code, "") for c in theme.circles},
        source_note="; ".join(filter(None, (map_source(filters.period, language),
                                            loaders.boundary_note(language, filters.period)))),
        lang=language,
        illustrative=loaders.is_illustrative(filters.period), notice=t("app.illustrative_short", language),
        tiles_url=os.environ.get("GEO_TILES_URL") or None, tiles_attribution=os.environ.get("GEO_TILES_ATTRIBUTION"),
    )
    # The latest choice wins: a new click on the map, or a new commune picked in the search box. The frame's
    # value from the browser is in the session before the frame is drawn: the map highlights and zooms to
    # the chosen commune in this very run.
    _select(key, _click_of(st.session_state.get(f"{key}_map")), found)
    with left:
        # Called through the module so that tests can patch mapframe.show (AppTest cannot run a component).
        click = mapframe.show(m, overlay, key=f"{key}_map", height=620, layer_url=layer_url,
                              report_drawn=filters.map_first, selected=selected_commune(key),
                              title=t("maps.frame_title", language, title=theme.legend.title), lang=language)
    _select(key, click, found)
    if filters.map_first:
        return theme
    code = selected_commune(key)
    with right:
        if code:
            commune_details(code, filters)
        else:
            st.caption(t("app.click_hint", language))
    if code:  # full width under the map: a row per period, read without scrolling sideways
        commune_history(code, filters)
    return theme
