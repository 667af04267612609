"""Exports: a sheet, the interactive HTML map, the commune table (CSV, XLSX) and the batch zip.

What to export is a :class:`geo.maps.sheets.SheetOptions`; the data is a :class:`geo.maps.sheets.SheetInputs` read from
the store by :func:`load_inputs`. Sheets are drawn by :mod:`geo.maps.sheets`; everything else that leaves the
server as a file is built here.

Every file that leaves the server is audited here, with the same keys whichever way in (:func:`audit_export`):
the CLI (``python -m geo export``, ``export-batch``) and the Export page call :func:`export_file` and
:func:`export_batch`, which make the file and write its line; the briefing (:mod:`geo.briefing.document`) and the
Districts page's table download (:func:`log_table_download`) write theirs through the same function. A file whose
line cannot be written is delivered all the same, with a warning (:class:`geo.access.audit.Delivered`).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import geopandas as gpd
import pandas as pd

from geo import clock
from geo.access import audit
from geo.boundaries.revisions import boundary_citation
from geo.contract import KEY
from geo.figures import privacy
from geo.figures.summary import filter_districts
from geo.io.tables import to_csv_bytes, to_xlsx_bytes
from geo.maps import render, webgeom
from geo.maps.sheets import (
    PRINT_DPI,
    SHEET_FORMATS,
    ExportError,
    SheetFormat,
    SheetInputs,
    SheetOptions,
    check_options,
    render_sheet,
    sheet_theme,
    sheet_title,
)
from geo.maps.themes import THEMES
from geo.periods import period_label, periods_label
from geo.text import field_label, t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

ExportFormat = Literal["png", "pdf", "svg", "html", "csv", "xlsx"]
FORMATS: Final = ("png", "pdf", "svg", "html", "csv", "xlsx")
MIME: Final = {
    "png": "image/png",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "html": "text/html",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def load_inputs(engine: Engine, period: str, *, before: str | None = None,
                communes: gpd.GeoDataFrame | None = None, border: gpd.GeoDataFrame | None = None,
                lang: str = "vi") -> SheetInputs:
    """Read what a sheet of ``period`` needs from the store and the boundary files.

    Raises
    ------
    ExportError
        When ``period`` (or ``before``) has no records in the store.
    """
    from geo.boundaries.border import read_laos_border
    from geo.records.store import is_illustrative, list_periods

    periods = list_periods(engine)
    for p in (period, before):
        if p is not None and p not in periods:
            raise ExportError(t("sheets.unknown_period", lang, period=period_label(p, lang, short=True),
                                    known=periods_label(periods, lang)))
    from geo.boundaries.revisions import apply_revisions
    from geo.figures.period import store_records
    from geo.records.store import period_version
    from geo.units.versions import layer

    version = period_version(engine, period)
    if communes is None:
        # The units the period is shown on (in force on its first day, or an import's choice of a list in force
        # later in the period: geo.records.store.period_version) with that version's active boundary revisions.
        communes = apply_revisions(layer(version), engine, version)
    # Every period's records on these units: the earlier period of a transition, the year to date and the
    # previous period of the printed figures are re-expressed through the links, never joined by code.
    records_of = store_records(engine, on=period)
    return SheetInputs(
        communes=communes,
        records=records_of(period),
        records_of=records_of,
        periods=tuple(periods),
        illustrative=is_illustrative(engine, period) or (before is not None and is_illustrative(engine, before)),
        border=read_laos_border() if border is None else border,
        before_records=None if before is None else records_of(before),
        unit_version=version,
        engine=engine,
    )


# --- HTML and tables -----------------------------------------------------------------------------------


def export_html(inputs: SheetInputs, options: SheetOptions) -> str:
    """A self-contained interactive map page: Leaflet and topojson-client inlined, no network at all."""
    from geo.units.versions import has_districts

    check_options(inputs, options)
    lang = options.lang
    joined, theme = sheet_theme(inputs, options)
    gdf = filter_districts(inputs.communes, options.districts)
    tolerance = webgeom.tolerance_of(gdf)  # the detail of the live map for the same area
    styles, tooltips = render.theme_inputs(joined, theme, lang)
    border = None
    if theme.theme == "border" and inputs.border is not None:
        border = webgeom.line_json(inputs.border)
    m = render.build_map(
        webgeom.web_layer(gdf, tolerance), styles, tooltips, theme.legend,
        district_labels=render.district_label_points(gdf), border_line=border,
        circles=theme.circles, circle_tooltips={c.code: tooltips.get(c.code, "") for c in theme.circles},
        source_note="; ".join([t("units.map_source", lang), *boundary_citation(inputs.communes, lang, short=True)]),
        lang=lang, illustrative=inputs.illustrative,
        notice=t("common.illustrative", lang) if inputs.illustrative else None,
        former_districts=not has_districts(inputs.unit_version),
    )
    title, subtitle = sheet_title(inputs, options)
    made = (options.made or clock.today()).strftime("%d/%m/%Y")
    block = (f"<div class='th-title'>{render._e(title)}</div><div>{render._e(subtitle)}</div>"
             f"<div class='th-note'>{render._e(t('sheets.made', lang, date=made))}</div>")
    render.HtmlControl(block, "bottomleft", "th-legend").add_to(m)
    m.get_root().title = f"{title} — {subtitle}"
    page = render.inline_assets(render.theme_map_html(m))
    return page.replace("<head>", f"<head>\n<title>{render._e(title)} — {render._e(subtitle)}</title>", 1)


_THEME_FIELDS: Final = {
    "healthy": ("healthy", "commitment_signed"),
    "conversions": ("conversion_target", "healthy"),
    "transition": ("healthy",),
    "hotspots": ("establishments", "violations", "criminal_cases", "inspections", "border_incidents",
                 "victims_received"),
    "inspections": ("establishments", "inspections", "violations"),
    "border": ("is_laos_border", "laos_border_km", "border_incidents", "criminal_cases", "victims_received"),
}


def export_table(inputs: SheetInputs, options: SheetOptions) -> pd.DataFrame:
    """The commune table behind a sheet: the communes of the filter, the theme's fields and map class.

    Booleans read "Có"/"Không" (Yes/No) and missing values stay empty; headers are in ``options.lang``.
    """
    check_options(inputs, options)
    lang = options.lang
    joined, theme = sheet_theme(inputs, options)
    frame = pd.DataFrame(joined.drop(columns=joined.geometry.name)).reset_index(drop=True)
    codes = frame[KEY].astype(str)
    cols = [KEY, "commune_name", "district_code", "district_name", *_THEME_FIELDS[options.theme]]
    out = pd.DataFrame({c: frame[c] for c in cols})
    for name in out.columns:
        if pd.api.types.is_bool_dtype(out[name]):
            out[name] = [None if pd.isna(v) else t("common.yes" if v else "common.no", lang) for v in out[name]]
    if options.theme == "inspections" and options.metric != "count":
        from geo.maps.themes import inspection_metric

        value = inspection_metric(joined, options.metric).round(4)
        out[options.metric] = value.to_numpy()
    entry_labels = {i: e.label for i, e in enumerate(theme.legend.entries)}
    n_classes = len(theme.legend.entries) - (2 if options.theme == "border" else 1)
    def class_label(i: int) -> str:
        if i >= 0:
            return entry_labels[i]
        if i == -2:
            return theme.legend.entries[-1].label
        return theme.legend.entries[n_classes].label
    out["map_class"] = [class_label(int(i)) for i in theme.index.reindex(codes).fillna(-1).to_numpy()]
    out["notes"] = frame["notes"].astype(object).where(frame["notes"].notna(), None)
    if options.suppress_small:
        out = privacy.mask_frame(out)
    headers = {c: field_label(c, lang) for c in out.columns}
    headers["map_class"] = f"{t('sheets.class_col', lang)}: {theme.legend.title}"
    if options.metric in out.columns:
        headers[options.metric] = t(f"maps.{options.metric}", lang)
    return out.rename(columns=headers)


def export_bytes(inputs: SheetInputs, options: SheetOptions, fmt: ExportFormat, *, dpi: float = PRINT_DPI) -> bytes:
    """One export in any of :data:`FORMATS` (sheets, interactive HTML, CSV or XLSX table)."""
    if fmt in SHEET_FORMATS:
        return render_sheet(inputs, options, fmt, dpi)
    if fmt == "html":
        return export_html(inputs, options).encode("utf-8")
    if fmt not in ("csv", "xlsx"):
        raise ExportError(f"unknown format {fmt!r}; use one of {FORMATS}")
    table = export_table(inputs, options)
    title, subtitle = sheet_title(inputs, options)
    notices = [t("common.illustrative", options.lang)] if inputs.illustrative else []
    notices += boundary_citation(inputs.communes, options.lang)
    if fmt == "csv":
        return to_csv_bytes(table, [f"{title} — {subtitle}", *notices])
    return to_xlsx_bytes(table, title=f"{title} — {subtitle}", notice_lines=notices,
                         sheet=f"{options.theme} {options.period}")


# --- batch ------------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII file-name part: "Huyện Mường Lát" → "huyen_muong_lat"."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def scope_slug(districts: Sequence[str]) -> str:
    """The area in a file name: the district codes (``382_384``), or ``toan_tinh`` for the province."""
    return "_".join(sorted(districts)) or "toan_tinh"


def export_name(options: SheetOptions, fmt: str) -> str:
    """A file name for one export: ``ban_do_healthy_2019_384.pdf`` (``toan_tinh`` for the province).

    A hot-spot map names its count and base too (``ban_do_hotspots_violations_count_2019_toan_tinh.pdf``): two
    sheets of one period that say different things never share a name.
    """
    scope = scope_slug(options.districts)
    theme = options.theme if options.theme != "hotspots" else f"hotspots_{options.measure}_{options.metric}"
    return f"ban_do_{theme}_{options.period}_{scope}.{fmt}"


def batch_plan(inputs: SheetInputs, options: SheetOptions, fmt: str,
               themes: Sequence[str] = THEMES) -> list[tuple[str, SheetOptions]]:
    """Every (zip entry name, options) of a batch: each theme for the province, then for each district."""
    names = inputs.communes.drop_duplicates("district_code").sort_values("district_code")
    scopes: list[tuple[str, tuple[str, ...]]] = [("00_toan_tinh", ())]
    scopes += [(f"{code}_{slug(name)}", (code,)) for code, name in zip(names["district_code"],
                                                                      names["district_name"], strict=True)]
    return [(f"{options.period}/{theme}/{scope}.{fmt}", replace(options, theme=theme, districts=districts))
            for theme in themes for scope, districts in scopes]


ProgressCallback = Callable[[int, int, str], None]


def batch_zip(inputs: SheetInputs, options: SheetOptions, fmt: SheetFormat = "pdf", *,
              dpi: float = PRINT_DPI, themes: Sequence[str] = THEMES,
              progress: ProgressCallback | None = None, out: io.BufferedIOBase | str | None = None) -> bytes | None:
    """Every theme for the whole province and for every district of a period, in one zip.

    ``progress(done, total, entry_name)`` is called after each sheet (the CLI prints a bar; the Export page
    moves ``st.progress``). With ``out`` (a path or a binary file) the zip is written there and None is
    returned; otherwise the zip bytes are returned.
    """
    plan = batch_plan(inputs, options, fmt, themes)
    target: io.BufferedIOBase | str = out if out is not None else io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i, (name, opts) in enumerate(plan, start=1):
            zf.writestr(name, render_sheet(inputs, opts, fmt, dpi))
            if progress is not None:
                progress(i, len(plan), name)
    if out is None:
        return target.getvalue()
    return None


# --- audited files: what the Export page and the command line call ----------------------------------------


def audit_export(engine: Engine, user: str, *, theme: str, period: str, districts: Sequence[str], fmt: str,
                 file: str, lang: str, small_counts_masked: bool, **extra: object) -> str | None:
    """Write the ``export`` line of a file that leaves the server: the one definition of an export's keys.

    Every export's line has ``theme`` (a map theme; ``all`` for the batch, ``briefing``, ``commune_table``),
    ``period``, ``districts``, ``lang``, ``format``, ``file`` and ``small_counts_masked``; ``extra`` adds a kind's
    own (``paper`` and ``orientation`` of a map, ``seconds`` of a briefing).

    Returns
    -------
    str or None
        None, or the message that the line could not be written (the file is delivered all the same:
        :func:`geo.access.audit.log_delivery`).
    """
    detail = {"theme": theme, "period": period, "districts": list(districts), "lang": lang, "format": fmt,
              "file": file, "small_counts_masked": small_counts_masked, **extra}
    return audit.log_delivery(engine, user, "export", detail=detail, lang=lang)


def _audit_sheet(engine: Engine, user: str, options: SheetOptions, fmt: str, file: str, theme: str) -> str | None:
    return audit_export(engine, user, theme=theme, period=options.period, districts=options.districts, fmt=fmt,
                        file=file, lang=options.lang, small_counts_masked=options.suppress_small,
                        paper=options.paper, orientation=options.orientation)


def export_file(engine: Engine, user: str, inputs: SheetInputs, options: SheetOptions, fmt: ExportFormat, *,
                dpi: float = PRINT_DPI, out: Path | None = None) -> audit.Delivered:
    """Make one export (:func:`export_bytes`) for ``user`` and audit it; with ``out``, write it there first.

    The line names the file: ``out``'s name, or :func:`export_name` (what the Export page offers).

    Raises
    ------
    ExportError
        When the options do not fit the theme (nothing is audited).
    OSError
        When ``out`` cannot be written (nothing is audited).
    """
    data = export_bytes(inputs, options, fmt, dpi=dpi)
    name = export_name(options, fmt) if out is None else out.name
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return audit.Delivered(name, len(data), data, _audit_sheet(engine, user, options, fmt, name, options.theme))


def batch_name(period: str, fmt: str) -> str:
    """The batch zip's file name: ``ban_do_2019_pdf.zip``."""
    return f"ban_do_{period}_{fmt}.zip"


def export_batch(engine: Engine, user: str, inputs: SheetInputs, options: SheetOptions, fmt: SheetFormat = "pdf", *,
                 dpi: float = PRINT_DPI, progress: ProgressCallback | None = None,
                 out: Path | None = None) -> audit.Delivered:
    """Make the batch zip (:func:`batch_zip`) for ``user`` and audit it (theme ``all``).

    With ``out`` the zip is written there (never held in memory: ``data`` is None) and named by it; otherwise its
    bytes are returned, named by :func:`batch_name`.

    Raises
    ------
    OSError
        When ``out`` cannot be written (nothing is audited).
    """
    if out is None:
        data = batch_zip(inputs, options, fmt, dpi=dpi, progress=progress)
        name, size = batch_name(options.period, fmt), len(data)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            batch_zip(inputs, options, fmt, dpi=dpi, progress=progress, out=handle)
        data, name, size = None, out.name, out.stat().st_size
    return audit.Delivered(name, size, data, _audit_sheet(engine, user, options, fmt, name, "all"))


def log_table_download(engine: Engine, user: str, *, period: str, districts: Sequence[str], fmt: str, file: str,
                       lang: str = "vi", small_counts_masked: bool = False) -> str | None:
    """Audit a download of the commune table (the Districts page's CSV or XLSX), theme ``commune_table``.

    Returns
    -------
    str or None
        None, or the message that the line could not be written (the download goes ahead all the same).
    """
    return audit_export(engine, user, theme="commune_table", period=period, districts=districts, fmt=fmt, file=file,
                        lang=lang, small_counts_masked=small_counts_masked)
