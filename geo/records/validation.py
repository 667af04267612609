"""Validate the status-record files (CSV / XLSX) that district staff send.

The bytes are read by :mod:`geo.records.readers`, the messages come from :mod:`geo.problems`, periods as people write
them are parsed by :func:`geo.periods.normalise_period`. A file is read as the staff really write it (title
rows, Vietnamese or English headers in any Unicode form, ``;`` or tab delimiters, Windows-1258, numbers typed
as text or text typed as numbers) and checked in full: every problem is reported at once, with the row number
the user sees in Excel or a text editor, the column header as written in the file, the offending value and a
message in Vietnamese (default) or English.

Nothing here raises on bad input: every failure becomes a :class:`Problem`. When a file has any error the
report's ``records`` frame is empty (but has the columns), so nothing half-valid gets published.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

import pandas as pd

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, KEY, RECORD_DTYPES, RECORD_FIELDS, TEXT_FIELDS, empty_records
from geo.periods import normalise_period, period_label, period_sort_key
from geo.problems import Collector, Problem, report_json
from geo.records.readers import (
    HEADER_SEARCH_ROWS,
    IGNORE,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Sheet,
    cell_text,
    field_of,
    find_header,
    is_column_numbering,
    read_csv,
    read_xlsx,
    sniff_kind,
)
from geo.text import t
from geo.text.controls import clean_text, removed_characters, shown_text
from geo.text.i18n import check_lang
from geo.text.names import by_spelling_variant, fold, name_key, strip_prefix
from geo.text.numbers import fmt_date, fmt_dates
from geo.units.versions import (
    ConversionError,
    UnitLists,
    changes_within,
    convert_records,
    list_versions,
    successors,
    versions_in_period,
)

PROGRESS_EVERY: Final = 500  # rows between two progress calls
Progress = Callable[[int, int], None]  # progress(rows done, rows in all)

_TRUE: Final = frozenset({"true", "1", "x", "co", "yes", "y", "dung", "t", "v", "✓", "✔", "☑"})
_FALSE: Final = frozenset({"false", "0", "khong", "no", "n", "sai", "f"})
_TOTAL_ROW_NAMES: Final = frozenset({"tong", "tong cong", "cong", "tong so", "total", "sum", "toan tinh"})


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of reading one file: records (empty when there are errors), errors and warnings."""

    file: str
    sha256: str
    rows: int
    records: pd.DataFrame = field(repr=False)
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    encoding: str | None
    unit_version: str | None = None  # the import's choice of unit version (--units-version); None: the rule's
    periods: tuple[str, ...] = ()  # every period the rows name (also when the file is rejected)

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict:
        """Return a JSON-ready summary: ok, rows, errors, warnings, file, encoding."""
        return {**report_json(ok=self.ok, rows=self.rows, errors=self.errors, warnings=self.warnings,
                              file=self.file, encoding=self.encoding), "unit_version": self.unit_version}


# --------------------------------------------------------------------------------------------- values


def _parse_bool(value: object) -> tuple[bool | None, str | None]:
    """(value, error key) of a yes/no cell; empty is (None, None)."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value), None
        return None, "bad_bool"
    text = fold(cell_text(value) or "")
    if not text:
        return None, None
    if text in _TRUE or text in ("1.0", "1,0"):
        return True, None
    if text in _FALSE or text in ("0.0", "0,0"):
        return False, None
    return None, "bad_bool"


_NUMBER_RE: Final = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED_RE: Final = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def _parse_count(value: object) -> tuple[int | None, str | None]:
    """(value, error key) of a count cell: a whole number ≥ 0; empty is (None, None), never 0."""
    if value is None:
        return None, None
    if isinstance(value, bool) or isinstance(value, datetime | date | time):
        return None, "count_not_number"
    number: float
    if isinstance(value, int | float):
        if value != value:
            return None, None
        number = float(value)
    else:
        text = (cell_text(value) or "").replace(" ", "").replace("\u00a0", "")
        if not text:
            return None, None
        if _GROUPED_RE.match(text):
            # "1.000" / "1,000": Vietnamese thousands separator or a decimal point? Don't guess.
            return None, "count_ambiguous"
        text = text.replace(",", ".")
        if not _NUMBER_RE.match(text):
            return None, "count_not_number"
        number = float(text)
    if number < 0:
        return None, "count_negative"
    if not number.is_integer():
        return None, "count_fraction"
    return int(number), None


def _parse_code(value: object) -> str | None:
    """A commune code as 5-digit text, or None if the cell does not look like a code."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if value != value or not value.is_integer():
            return None
        text = str(int(value))
    else:
        text = (cell_text(value) or "").replace(" ", "").lstrip("'")
        if re.fullmatch(r"\d+\.0+", text):
            text = text.split(".")[0]
    if not re.fullmatch(r"\d{1,5}", text):
        return None
    return text.zfill(5)


# --------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Commune:
    code: str
    name: str
    district_code: str
    district_name: str


class _Gazetteer:
    """Lookups of the reference commune list by code, name key and folded name."""

    def __init__(self, communes: pd.DataFrame) -> None:
        self.by_code: dict[str, _Commune] = {}
        self.by_key: dict[str, list[_Commune]] = {}
        self.by_fold: dict[str, list[_Commune]] = {}
        for rec in communes.itertuples(index=False):
            code = _parse_code(rec.commune_code)
            if code is None:
                continue
            c = _Commune(
                code,
                str(rec.commune_name),
                str(getattr(rec, "district_code", "") or ""),
                str(getattr(rec, "district_name", "") or ""),
            )
            self.by_code[code] = c
            self.by_key.setdefault(name_key(c.name), []).append(c)
            self.by_fold.setdefault(fold(strip_prefix(c.name, loose=True)), []).append(c)

    @staticmethod
    def in_district(cands: list[_Commune], district: str | None, district_code: str | None) -> list[_Commune]:
        """Candidates restricted to the given district (by code or by name key)."""
        if district_code:
            dc = district_code.strip().lstrip("0")
            cands = [c for c in cands if c.district_code.lstrip("0") == dc]
        if district:
            dk = name_key(district)
            dfold = fold(strip_prefix(district, loose=True))
            cands = [
                c
                for c in cands
                if name_key(c.district_name) == dk or fold(strip_prefix(c.district_name, loose=True)) == dfold
            ]
        return cands


def _describe(cands: Iterable[_Commune]) -> str:
    """'Xã Xuân Hòa (15517, Huyện Thọ Xuân), ...' for messages."""
    return "; ".join(f"{c.name} ({c.code}, {c.district_name})" for c in sorted(cands, key=lambda c: c.code))


# --------------------------------------------------------------------------------------------- validation


def validate_bytes(
    data: bytes,
    file_name: str,
    communes: pd.DataFrame | UnitLists,
    *,
    period: str | None = None,
    lang: str = "vi",
    progress: Progress | None = None,
) -> ValidationReport:
    """Read and validate one status-record file given as bytes.

    ``progress(done, total)`` is called every :data:`PROGRESS_EVERY` rows, for a progress bar.

    Parameters
    ----------
    data
        The raw bytes of the file as uploaded.
    file_name
        The file's name as the user knows it; its extension (.csv or .xlsx) chooses the reader.
    communes
        The reference commune list (commune_code, commune_name, district_code, district_name), one for every
        row; or :class:`geo.units.versions.UnitLists`, which checks each row against the list in force for its period
        (a code of an earlier list is an error naming where that unit went; a file keyed by an earlier
        list's codes is refused with the way to convert it) and, with ``from_version``, converts the file.
    period
        The reporting period to use when the file has no ``Kỳ`` column or a cell is empty (``--period``).
    lang
        Language of the messages: "vi" (default) or "en".

    Returns
    -------
    ValidationReport
        Records (empty when there are errors), every error and warning found, the encoding used.

    Raises
    ------
    ValueError
        Only if ``lang`` is not supported (a programming error, not bad input).
    """
    check_lang(lang)
    col = Collector(file_name, lang)
    digest = hashlib.sha256(data).hexdigest()

    def report(rows: int = 0, records: pd.DataFrame | None = None, encoding: str | None = None) -> ValidationReport:
        recs = records if records is not None and not col.errors else empty_records()
        chosen = communes.units_version if isinstance(communes, UnitLists) else None
        periods = tuple(records.attrs.get("periods", ())) if records is not None else ()
        return ValidationReport(file_name, digest, rows, recs, tuple(col.errors), tuple(col.warnings), encoding,
                                chosen, periods)

    if len(data) > MAX_FILE_BYTES:
        col.error("file_too_large", size=round(len(data) / 1024 / 1024, 1), limit=MAX_FILE_BYTES // (1024 * 1024))
        return report()
    if not data:
        col.error("empty_file")
        return report()

    ext = Path(file_name).suffix.lower()
    kind = sniff_kind(data)
    if kind == "text" and data.count(b"\n") > MAX_ROWS + 50:  # counted in C, before any parsing
        col.error("too_many_rows", limit=MAX_ROWS)
        return report()
    sheet: Sheet | None = None
    if ext == ".csv" or ext == ".txt" or ext == ".tsv":
        if kind == "text":
            sheet = read_csv(data, col)
        else:
            key = {"xlsx": "csv_is_xlsx", "zip": "csv_is_zip", "ods": "csv_is_zip", "xls": "is_xls", "pdf": "is_pdf"}
            col.error(key.get(kind, "is_binary"))
    elif ext in (".xlsx", ".xlsm"):
        if kind == "xlsx":
            sheet = read_xlsx(data, col)
        elif kind == "zip":
            # A zip without xl/workbook.xml may also be a truncated xlsx: let the zip reader say which.
            try:
                zipfile.ZipFile(io.BytesIO(data)).namelist()
                col.error("xlsx_no_workbook", hint="")
            except Exception as exc:
                col.error("xlsx_bad_zip", detail=str(exc) or type(exc).__name__)
        elif kind == "ods":
            col.error("xlsx_no_workbook", hint=" (OpenDocument .ods)")
        elif kind == "xls":
            col.error("is_xls")
        elif kind == "pdf":
            col.error("is_pdf")
        elif kind == "text":
            col.error("xlsx_is_text")
        else:
            col.error("xlsx_not_zip")
    elif ext == ".xls":
        col.error("is_xls")
    else:
        col.error("unsupported_ext", value=ext or file_name, ext=ext or file_name)
    if sheet is None:
        return report()

    records, n_rows = _validate_rows(sheet.rows, communes, period, col, progress)
    return report(n_rows, records, sheet.encoding)


def validate_file(
    path: str | Path,
    communes: pd.DataFrame | UnitLists,
    *,
    period: str | None = None,
    lang: str = "vi",
    progress: Progress | None = None,
) -> ValidationReport:
    """Read and validate a status-record file on disk; see :func:`validate_bytes`.

    A file that cannot be opened, or is larger than the limit, becomes an error in the report.
    """
    check_lang(lang)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            data = b""
            col = Collector(p.name, lang)
            col.error("file_too_large", size=round(size / 1024 / 1024, 1), limit=MAX_FILE_BYTES // (1024 * 1024))
            return ValidationReport(p.name, "", 0, empty_records(), tuple(col.errors), (), None)
        data = p.read_bytes()
    except OSError as exc:
        col = Collector(p.name, lang)
        col.error("file_unreadable", detail=str(exc))
        return ValidationReport(p.name, "", 0, empty_records(), tuple(col.errors), (), None)
    return validate_bytes(data, p.name, communes, period=period, lang=lang, progress=progress)


def _validate_rows(
    rows: list[tuple[int, list[object]]],
    communes: pd.DataFrame | UnitLists,
    period_arg: str | None,
    col: Collector,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, int]:
    """Find the header, check every data row, and build the record frame; problems go to ``col``."""
    try:
        header = _read_header(rows, col)
        columns = _columns(header, col)
        period_fixed = _period_argument(period_arg, columns, col)
        if isinstance(communes, UnitLists):
            _check_version_choices(communes, col)
    except _Stop:
        return empty_records(), 0
    checker = _RowChecker(columns, communes, period_fixed, col)
    for done, (row_no, cells) in enumerate(header.body):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(header.body))
        checker.check(row_no, cells)
    return checker.finish()


class _Stop(Exception):
    """A file-level problem, already reported, after which no row is read."""


@dataclass
class _Header:
    """The table in a sheet: the header row's number, each column's header and field, the data rows below."""

    row: int
    headers: list[str | None]
    fields: list[str | None]
    body: list[tuple[int, list[object]]]


def _read_header(rows: list[tuple[int, list[object]]], col: Collector) -> _Header:
    """The header row (under title rows; the sub-headers of a two-row header) and the data rows below it.

    A row that numbers the columns (1, 2, 3 …) under the header is not data. Raises :class:`_Stop` when no row
    looks like a header (or the sheet is empty).
    """
    header_idx = find_header(rows)
    if header_idx is None:
        if not any(cell_text(v) is not None for _, cells in rows for v in cells):
            col.error("no_data_rows")
        else:
            col.error("no_header", n=HEADER_SEARCH_ROWS, column=t("validation.header_commune_code", col.lang))
        raise _Stop

    header_row, header_cells = rows[header_idx]
    body = rows[header_idx + 1 :]
    headers = [cell_text(c) for c in header_cells]
    fields: list[str | None] = [field_of(h) for h in headers]
    # Two-row headers (a merged group title above the sub-headers): take recognised sub-headers.
    if body:
        sub_cells = body[0][1]
        sub_fields = [field_of(c) for c in sub_cells]
        filled = [c for c in sub_cells if cell_text(c) is not None]
        known = [f for f in sub_fields if f and f != IGNORE]
        if known and 2 * len(known) >= len(filled) and not any(_parse_code(c) for c in sub_cells):
            for j, f in enumerate(sub_fields):
                if f:
                    while j >= len(headers):
                        headers.append(None)
                        fields.append(None)
                    headers[j], fields[j] = cell_text(sub_cells[j]), f
                elif j < len(fields) and not fields[j] and cell_text(sub_cells[j]):
                    headers[j] = cell_text(sub_cells[j])
            body = body[1:]
    if body and is_column_numbering(body[0][1]):
        body = body[1:]
    return _Header(header_row, headers, fields, body)


@dataclass
class _Columns:
    """Which column holds which field, and each column's header as written (messages name it)."""

    index: dict[str, int]
    headers: list[str | None]

    def cell(self, cells: list[object], fld: str, *, as_written: bool = False) -> object:
        """The value of field ``fld`` in a row (text NFC-normalised and stripped; None when empty or absent).

        ``as_written``: text not stripped (a note keeps its leading spaces and line breaks).
        """
        j = self.index.get(fld)
        if j is None or j >= len(cells):
            return None
        v = cells[j]
        if isinstance(v, str):
            text = unicodedata.normalize("NFC", v)
            return (text if as_written else text.strip()) if text.strip() else None
        return v

    def head(self, fld: str) -> str:
        """The header of the column of ``fld`` as the file writes it."""
        return self.headers[self.index[fld]] or fld

    def commune_column(self) -> str:
        """The column that names a row's commune: the code's, else the name's."""
        return self.head(KEY) if KEY in self.index else self.head("commune_name")


def _columns(header: _Header, col: Collector) -> _Columns:
    """The recognised columns of ``header``: an unknown one is warned and ignored, a field in two is an error."""
    columns: dict[str, int] = {}
    for j, (h, f) in enumerate(zip(header.headers, header.fields, strict=True)):
        if h is None or f == IGNORE:
            continue
        if f is None:
            col.warning("unknown_column", row=header.row, column=h, value=h)
        elif f in columns:
            col.error("duplicate_column", row=header.row, column=h, value=h, other=header.headers[columns[f]],
                      field=f)
        else:
            columns[f] = j
    return _Columns(columns, header.headers)


def _period_argument(period_arg: str | None, columns: _Columns, col: Collector) -> str | None:
    """The period given with the file (``--period``), normalised; None when none is given.

    Raises :class:`_Stop` when it is not a period, or when the file has no period column and none is given.
    """
    period_fixed: str | None = None
    if period_arg is not None and str(period_arg).strip():
        period_fixed = normalise_period(period_arg)
        if period_fixed is None:
            col.error("bad_period_arg", value=str(period_arg))
            raise _Stop
    if "period" not in columns.index and period_fixed is None:
        col.error("missing_period", column=t("validation.header_period", col.lang))
        raise _Stop
    return period_fixed


def _said(period: str | None, lang: str) -> str:
    """A period as a message says it ("Quý 4/2019"); the row's own value stays in the problem's value column."""
    return period_label(period, lang, short=True) if period else "-"


def _check_version_choices(lists: UnitLists, col: Collector) -> None:
    """Raise :class:`_Stop` when the import's ``--from-version`` or ``--units-version`` is no unit version."""
    if lists.from_version:
        known = [v.id for v in list_versions(lists.root)]
        if lists.from_version not in known:
            col.error("from_version_unknown", value=lists.from_version, known=fmt_dates(known))
            raise _Stop
    if lists.units_version:
        known = [v.id for v in list_versions(lists.root)]
        if lists.units_version not in known:
            col.error("units_version_unknown", value=lists.units_version, known=fmt_dates(known))
            raise _Stop


class _RowChecker:
    """Checks the data rows one by one and keeps their records, and what the checks of the whole file need.

    A row is read against the commune list of its period (:class:`geo.units.versions.UnitLists`) or against
    the one list given.
    """

    def __init__(self, columns: _Columns, communes: pd.DataFrame | UnitLists, period_fixed: str | None,
                 col: Collector) -> None:
        self.columns, self.communes, self.period_fixed, self.col = columns, communes, period_fixed, col
        self.lists = communes if isinstance(communes, UnitLists) else None
        self.gazetteers: dict[str, _Gazetteer] = {}
        self.refused_periods: set[str] = set()
        self.named_periods: set[str] = set()
        self.keyed: list[tuple[str, str, str]] = []  # (period, code, name) of rows with both: for the hint
        self.other_version: dict[str, list[tuple[int, str, str]]] = {}
        self.rows_of: dict[str, int] = {}
        self.seen: dict[tuple[str, str], tuple[int, dict[str, object]]] = {}
        self.records: list[dict[str, object]] = []
        self.n_rows = 0

    def gazetteer(self, period: str | None) -> tuple[_Gazetteer, str | None]:
        """The list a row is read against: its period's version (or the one list given)."""
        if self.lists is None:
            if "" not in self.gazetteers:
                self.gazetteers[""] = _Gazetteer(self.communes)
            return self.gazetteers[""], None
        version = self.lists.version_for(period)
        if version not in self.gazetteers:
            self.gazetteers[version] = _Gazetteer(self.lists.table(version))
        return self.gazetteers[version], version

    def check(self, row_no: int, cells: list[object]) -> None:
        """Check one row; keep its record when it has no error and repeats no other row."""
        columns, col = self.columns, self.col
        if all(cell_text(v) is None for v in cells):
            return
        name_text = cell_text(columns.cell(cells, "commune_name"))
        if (cell_text(columns.cell(cells, KEY)) is None and name_text
                and fold(name_text).strip(" :.") in _TOTAL_ROW_NAMES):
            col.warning("total_row", row=row_no, column=columns.head("commune_name"), value=name_text)
            return
        self.n_rows += 1
        errors_before = len(col.errors)
        guess = self._period_guess(cells)
        if guess is not None:
            self.named_periods.add(guess)
        if self._refused(row_no, guess):
            return
        code = self._commune(row_no, cells, guess)
        row_period = self._period(row_no, cells)
        rec = self._values(row_no, cells, code, row_period)
        if len(col.errors) > errors_before or code is None or row_period is None:
            return
        self._keep(row_no, code, row_period, rec)

    def _period_guess(self, cells: list[object]) -> str | None:
        """The row's period, read silently (checked by :meth:`_period`): which list to read the commune against."""
        raw_p = self.columns.cell(cells, "period")
        return self.period_fixed if cell_text(raw_p) is None else normalise_period(
            raw_p if not isinstance(raw_p, str) else cell_text(raw_p))

    def _refused(self, row_no: int, period: str | None) -> bool:
        """True when the import's unit version was not in force in the row's period (said once per period)."""
        lists = self.lists
        if lists is None or not lists.units_version or period is None:
            return False
        allowed = versions_in_period(period, lists.root)
        if lists.units_version in allowed:
            return False
        if period not in self.refused_periods:  # once per period: the file's choice, not the row's fault
            self.refused_periods.add(period)
            self.col.error("units_version_not_in_period", row=row_no,
                           column=self.columns.head("period") if "period" in self.columns.index else None,
                           value=period, version=fmt_date(lists.units_version), period=_said(period, self.col.lang),
                           allowed=fmt_dates(allowed))
        return True

    def _commune(self, row_no: int, cells: list[object], period: str | None) -> str | None:
        """The row's commune code against the list of its period (:func:`_resolve_commune`), or None."""
        columns = self.columns
        raw_code = columns.cell(cells, KEY)
        name_text = cell_text(columns.cell(cells, "commune_name"))
        gaz, version = self.gazetteer(period)
        ctx = (_Context(self.lists, version, period, self.other_version)
               if self.lists is not None and version else None)
        code = _resolve_commune(row_no, raw_code, columns.cell(cells, "commune_name"),
                                columns.cell(cells, "district_name"), columns.cell(cells, "district_code"), gaz,
                                self.col, columns.head, ctx)
        if period is not None and name_text and (typed := _parse_code(raw_code)) is not None:
            self.keyed.append((period, typed, name_text))
        if code is not None:
            self.rows_of.setdefault(code, row_no)
        return code

    def _period(self, row_no: int, cells: list[object]) -> str | None:
        """The row's period, checked: empty (without ``--period``), not a period, or not the one given."""
        columns, col, period_fixed = self.columns, self.col, self.period_fixed
        raw_period = columns.cell(cells, "period")
        period_text = cell_text(raw_period)
        if period_text is None:
            if period_fixed is None:
                col.error("period_empty", row=row_no, column=columns.head("period"), value=None)
            return period_fixed
        p = normalise_period(raw_period if not isinstance(raw_period, str) else period_text)
        if p is None:
            col.error("bad_period", row=row_no, column=columns.head("period"), value=period_text)
        elif period_fixed is not None and p != period_fixed:
            col.error("period_conflict", row=row_no, column=columns.head("period"), value=period_text,
                      period=_said(period_fixed, col.lang))
        return p

    def _values(self, row_no: int, cells: list[object], code: str | None,
                period: str | None) -> dict[str, object]:
        """The row's record: yes/no fields, counts and texts, each checked."""
        columns, col = self.columns, self.col
        rec: dict[str, object] = {KEY: code, "period": period}
        for fld in BOOL_FIELDS:
            v, err = _parse_bool(columns.cell(cells, fld))
            if err:
                col.error(err, row=row_no, column=columns.head(fld), value=cell_text(columns.cell(cells, fld)))
            rec[fld] = v
        for fld in COUNT_FIELDS:
            v, err = _parse_count(columns.cell(cells, fld))
            if err:
                col.error(err, row=row_no, column=columns.head(fld), value=cell_text(columns.cell(cells, fld)))
            rec[fld] = v
        for fld in TEXT_FIELDS:
            rec[fld] = _text_cell(col, row_no, columns.head(fld) if fld in columns.index else None,
                                  columns.cell(cells, fld, as_written=True))
        ins, vio = rec["inspections"], rec["violations"]
        if isinstance(ins, int) and isinstance(vio, int) and vio > ins:
            col.warning(
                "violations_gt_inspections", row=row_no, column=columns.head("violations"), value=str(vio),
                inspections=ins
            )
        return rec

    def _keep(self, row_no: int, code: str, period: str, rec: dict[str, object]) -> None:
        """Keep the record, unless another row gave the same commune and period (a warning when identical)."""
        key = (code, period)
        if key in self.seen:
            other_row, other = self.seen[key]
            column = self.columns.commune_column()
            if other == rec:
                self.col.warning(
                    "duplicate_identical", row=row_no, column=column, value=code, other=other_row,
                    period=_said(period, self.col.lang),
                )
            else:
                self.col.error(
                    "duplicate_conflict", row=row_no, column=column, value=code, other=other_row,
                    period=_said(period, self.col.lang),
                )
            return
        self.seen[key] = (row_no, rec)
        self.records.append(rec)

    def finish(self) -> tuple[pd.DataFrame, int]:
        """The checks of the whole file, then the record frame (converted with ``--from-version``) and the row count.

        A file with no data row is an error; a file keyed mostly by another version's codes is refused with the
        way to convert it, and a rejected file that matches a list in force later in its period says so.
        """
        lists, col = self.lists, self.col
        if self.n_rows == 0:
            col.error("no_data_rows")
        if lists is not None and not lists.from_version:
            _refuse_other_version(lists, self.other_version, self.n_rows, col)
        if lists is not None and not lists.from_version and not lists.units_version and col.errors:
            _suggest_units_version(lists, self.keyed, col)
        frame = pd.DataFrame({c: pd.Series([r[c] for r in self.records], dtype=RECORD_DTYPES[c])
                              for c in RECORD_FIELDS})
        if lists is not None and lists.from_version and not col.errors:
            frame = _convert(frame, lists, self.rows_of, col, self.columns.commune_column())
        frame.attrs["periods"] = sorted(self.named_periods, key=period_sort_key)
        return frame, self.n_rows


@dataclass
class _Context:
    """What the validator knows about versions for one row: the lists, the row's version and period."""

    lists: UnitLists
    version: str
    period: str | None
    other_version: dict[str, list[tuple[int, str, str]]]


def _refuse_other_version(lists: UnitLists, other: dict[str, list[tuple[int, str, str]]], n_rows: int,
                          col: Collector) -> None:
    """A file keyed mostly by another version's codes is refused as a whole, with the way to convert it."""
    if not other or n_rows == 0:
        return
    old_version, hits = max(other.items(), key=lambda kv: len(kv[1]))
    if len(hits) * 2 < n_rows:
        return
    period = hits[0][2]
    version = lists.version_for(period)
    row_no, code, _ = hits[0]
    info = lists.explain_unknown(code, version)
    example = f"{code} → {info['successors']}" if info and "successors" in info else code
    col.error("file_other_version", row=None, column=None, value=None, old_version=fmt_date(old_version), n=len(hits),
              period=_said(period, col.lang), version=fmt_date(version), units=lists.count(version), example=example)


def _suggest_units_version(lists: UnitLists, keyed: list[tuple[str, str, str]], col: Collector) -> None:
    """A rejected file whose codes and names agree with a list in force later in its period: say how to use it.

    A 2019 report made after 1 December 2019 on the 559 units of that day fails against the 2019 list (codes
    reused under new names); ``--units-version`` (the Data page's choice) reads it on the later list.
    """
    by_period: dict[str, list[tuple[str, str]]] = {}
    for period, code, name in keyed:
        by_period.setdefault(period, []).append((code, name_key(name)))
    for period, rows in sorted(by_period.items()):
        rule = lists.target_for(period)
        for version in changes_within(period, lists.root):
            names = {c: name_key(n) for c, n in zip(lists.table(version)[KEY], lists.table(version)["commune_name"],
                                                    strict=True)}
            rule_names = {c: name_key(n) for c, n in zip(lists.table(rule)[KEY], lists.table(rule)["commune_name"],
                                                         strict=True)}
            agree = sum(names.get(c) == k for c, k in rows)
            if agree * 2 >= len(rows) and agree > sum(rule_names.get(c) == k for c, k in rows):
                col.error("suggest_units_version", row=None, column=None, value=None, period=_said(period, col.lang),
                          rule=fmt_date(rule), version=fmt_date(version), n=agree, total=len(rows),
                          units=lists.count(version))
                break


def _convert(frame: pd.DataFrame, lists: UnitLists, rows_of: dict[str, int], col: Collector,
             column: str) -> pd.DataFrame:
    """Convert records keyed by ``lists.from_version`` codes to each period's version, or report why not."""
    source = lists.from_version
    ids = [v.id for v in list_versions(lists.root)]
    parts = []
    for period, recs in frame.groupby("period", sort=True):
        target = lists.target_for(period)
        if target == source:
            parts.append(recs)
            continue
        if ids.index(target) < ids.index(source):
            col.error("from_version_later", row=None, column=None, value=source, period=_said(period, col.lang),
                      version=fmt_date(target))
            continue
        try:
            converted = convert_records(recs.drop(columns=["period"]), source, target, lists.root)
        except ConversionError as exc:
            old_names = dict(zip(lists.table(source)[KEY], lists.table(source)["commune_name"], strict=True))
            new_names = dict(zip(lists.table(target)[KEY], lists.table(target)["commune_name"], strict=True))
            for p in exc.problems:
                if p["problem"] == "split":
                    succ = "; ".join(f"{s['commune_code']} {s['commune_name']} ({s['share']:.0%})"
                                     for s in p["successors"])
                    col.error("convert_split", row=rows_of.get(p["code"]), column=column, value=p["code"],
                              name=old_names.get(p["code"], ""), from_version=fmt_date(source),
                              version=fmt_date(target),
                              successors=succ)
                elif p["problem"] == "incomplete":
                    have = sorted(set(recs[KEY]))
                    members = sorted(set(p["missing"]) | {c for c in have if p["code"] in set(
                        successors(c, source, target, lists.root)[KEY])})
                    col.error("convert_incomplete", row=None, column=column, value=p["code"],
                              name=new_names.get(p["code"], ""), version=fmt_date(target),
                              parts=", ".join(f"{c} {old_names.get(c, '')}" for c in members),
                              missing=", ".join(f"{c} {old_names.get(c, '')}" for c in p["missing"]))
            continue
        converted["period"] = period
        for fld in TEXT_FIELDS:
            converted[fld] = None
        parts.append(converted)
    if col.errors or not parts:
        return empty_records()
    out = pd.concat(parts, ignore_index=True)
    return pd.DataFrame({c: pd.Series(out[c].tolist(), dtype=RECORD_DTYPES[c]) for c in RECORD_FIELDS})


def _text_cell(col: Collector, row_no: int, head: str | None, value: object) -> str | None:
    """A text cell (a note) as written: line breaks and leading spaces kept, NFC; None when blank.

    Control characters and bidi overrides are removed (:func:`geo.text.controls.clean_text`) with a warning
    naming the row and column; formulas are neutralised on export, not here.
    """
    if not isinstance(value, str):
        return cell_text(value)
    text = unicodedata.normalize("NFC", value)
    removed = removed_characters(text)
    if removed:
        text = clean_text(text)
        col.warning("text_controls_removed", row=row_no, column=head, value=shown_text(value)[:80],
                    chars=" ".join(shown_text(c) for c in dict.fromkeys(removed)))
    return text if text.strip() else None


def _resolve_commune(
    row_no: int,
    raw_code: object,
    raw_name: object,
    raw_district: object,
    raw_district_code: object,
    gaz: _Gazetteer,
    col: Collector,
    head: Callable[[str], str],
    ctx: _Context | None = None,
) -> str | None:
    """The commune code of a row (by code, else by name + district), reporting problems to ``col``."""
    code_text = cell_text(raw_code)
    name = cell_text(raw_name)
    district = cell_text(raw_district)
    district_code = cell_text(raw_district_code)
    if code_text is not None:
        code = _parse_code(raw_code)
        if code is None:
            col.error("bad_code", row=row_no, column=head(KEY), value=code_text)
            return None
        commune = gaz.by_code.get(code)
        if commune is None:
            info = ctx.lists.explain_unknown(code, ctx.version) if ctx else None
            if info and "old_version" in info:
                col.error("unknown_code_version", row=row_no, column=head(KEY), value=code_text,
                          period=_said(ctx.period, col.lang), version=fmt_date(ctx.version),
                          units=ctx.lists.count(ctx.version), **{**info, "old_version": fmt_date(info["old_version"])})
                ctx.other_version.setdefault(info["old_version"], []).append((row_no, code, ctx.period))
            elif info:
                col.error("unknown_code_later", row=row_no, column=head(KEY), value=code_text,
                          period=_said(ctx.period, col.lang), version=fmt_date(ctx.version),
                          **{**info, "new_version": fmt_date(info["new_version"])})
            else:
                col.error("unknown_code", row=row_no, column=head(KEY), value=code_text)
            return None
        if name and name_key(name) != name_key(commune.name):
            reused = ctx.lists.reused_name(code, name, ctx.version) if ctx else None
            if reused:
                col.error("code_reused", row=row_no, column=head(KEY), value=code, period=_said(ctx.period, col.lang),
                          version=fmt_date(ctx.version), expected=commune.name, name=name,
                          old_version=fmt_date(reused))
                if reused < ctx.version:
                    ctx.other_version.setdefault(reused, []).append((row_no, code, ctx.period))
                return None
            if fold(strip_prefix(name, loose=True)) != fold(strip_prefix(commune.name, loose=True)):
                col.warning(
                    "name_mismatch",
                    row=row_no,
                    column=head("commune_name"),
                    value=name,
                    code=code,
                    expected=commune.name,
                )
        elif name and by_spelling_variant(name, commune.name):
            col.warning("matched_spelling_variant", row=row_no, column=head("commune_name"), value=name,
                        expected=commune.name, code=code)
        if district and not gaz.in_district([commune], district, None):
            col.warning(
                "district_mismatch",
                row=row_no,
                column=head("district_name"),
                value=district,
                code=code,
                expected=commune.district_name,
            )
        return code
    if name is None:
        col.error("no_commune", row=row_no, column=None, value=None)
        return None
    column = head("commune_name")
    loose = False
    cands = gaz.by_key.get(name_key(name), [])
    if not cands:
        cands = gaz.by_fold.get(fold(strip_prefix(name, loose=True)), [])
        loose = bool(cands)
    if not cands:
        where = f" ({district})" if district else ""
        col.error("unknown_name", row=row_no, column=column, value=name, where=where)
        return None
    narrowed = gaz.in_district(cands, district, district_code) if (district or district_code) else cands
    if not narrowed:
        col.error(
            "unknown_name_in_district",
            row=row_no,
            column=column,
            value=name,
            district=district or district_code,
            candidates=_describe(cands),
        )
        return None
    if len(narrowed) > 1:
        col.error("ambiguous_name", row=row_no, column=column, value=name, candidates=_describe(narrowed))
        return None
    found = narrowed[0]
    if loose:
        col.warning("matched_loose", row=row_no, column=column, value=name, expected=found.name, code=found.code)
    elif by_spelling_variant(name, found.name):
        col.warning("matched_spelling_variant", row=row_no, column=column, value=name, expected=found.name,
                    code=found.code)
    return found.code
