"""Read and validate the status-record files (CSV / XLSX) that district staff send.

A file is read as the staff really write it (title rows, Vietnamese or English headers in any Unicode form,
``;`` or tab delimiters, Windows-1258, numbers typed as text or text typed as numbers) and checked in full:
every problem is reported at once, with the row number the user sees in Excel or a text editor, the column
header as written in the file, the offending value and a message in Vietnamese (default) or English.

Nothing here raises on bad input: every failure becomes a :class:`Problem`. When a file has any error the
report's ``records`` frame is empty (but has the columns), so nothing half-valid gets published.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Final, Literal

import pandas as pd

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, KEY, RECORD_FIELDS, TEXT_FIELDS
from geo.i18n import check_lang, translate
from geo.names import fold, name_key, strip_prefix

Severity = Literal["error", "warning"]

MAX_FILE_BYTES: Final = 50 * 1024 * 1024  # refuse larger uploads before parsing
# Rows beyond any real submission (the whole country, 11,047 communes, for 6 periods is 66,282): refused at
# once instead of validated for half a minute (a 50 MB CSV of 640,000 rows took 31 s here).
MAX_ROWS: Final = 100_000
PROGRESS_EVERY: Final = 500  # rows between two progress calls
Progress = Callable[[int, int], None]  # progress(rows done, rows in all)
MAX_SHEET_XML_BYTES: Final = 200 * 1024 * 1024  # zip-bomb guard: uncompressed sheet + shared-string xml
HEADER_SEARCH_ROWS: Final = 20
YEAR_MIN: Final = 2000
YEAR_MAX: Final = 2100

# Fields that only help to find the commune; they are not part of a record.
_MATCH_FIELDS: Final = ("commune_name", "district_name", "district_code")
_IGNORE: Final = "_ignore"


def _header_key(text: object) -> str:
    """Header lookup key: NFC, casefold, ``_`` as a space, whitespace collapsed, edge punctuation dropped."""
    s = unicodedata.normalize("NFC", str(text)).casefold().replace("_", " ")
    s = " ".join(s.split())
    return s.strip(" :*")


_ALIASES_BY_FIELD: Final[Mapping[str, tuple[str, ...]]] = {
    KEY: (
        "mã xã",
        "mã",
        "mã đơn vị",
        "mã đvhc",
        "mã xã/phường/thị trấn",
        "mã xã, phường, thị trấn",
        "mã xã/phường",
        "mã số xã",
        "commune code",
        "code",
        "gso code",
        "commune id",
    ),
    "commune_name": (
        "tên xã",
        "xã",
        "tên đơn vị",
        "đơn vị",
        "xã/phường/thị trấn",
        "xã, phường, thị trấn",
        "tên xã/phường/thị trấn",
        "tên xã, phường, thị trấn",
        "tên xã/phường",
        "commune",
        "commune name",
        "name",
    ),
    "district_name": (
        "huyện",
        "tên huyện",
        "huyện/thị xã/thành phố",
        "huyện, thị xã, thành phố",
        "huyện/thị/thành phố",
        "huyện, thị, thành phố",
        "district",
        "district name",
    ),
    "district_code": ("mã huyện", "district code"),
    "period": ("kỳ", "kỳ báo cáo", "thời kỳ", "kỳ báo cáo (quý/năm)", "period", "reporting period"),
    "healthy": ("lành mạnh", "xã lành mạnh", "healthy", "is healthy"),
    "conversion_target": (
        "chuyển hóa",
        "mục tiêu chuyển hóa",
        "xã mục tiêu chuyển hóa",
        "địa bàn chuyển hóa",
        "conversion target",
        "target",
    ),
    "establishments": (
        "số cơ sở",
        "cơ sở",
        "số cơ sở kinh doanh",
        "số cơ sở kinh doanh dịch vụ",
        "establishments",
        "number of establishments",
    ),
    "inspections": ("số lượt kiểm tra", "lượt kiểm tra", "số lần kiểm tra", "kiểm tra", "inspections"),
    "violations": ("số vi phạm", "vi phạm", "số vụ vi phạm", "số cơ sở vi phạm", "violations"),
    "criminal_cases": ("số vụ án", "vụ án", "số vụ án hình sự", "criminal cases"),
    "border_incidents": ("số vụ việc biên giới", "vụ việc biên giới", "border incidents"),
    "victims_received": (
        "số nạn nhân tiếp nhận",
        "nạn nhân tiếp nhận",
        "số nạn nhân",
        "số nạn nhân được tiếp nhận",
        "victims received",
        "victims",
    ),
    "commitment_signed": ("ký cam kết", "đã ký cam kết", "cam kết", "commitment signed", "commitment"),
    "notes": ("ghi chú", "notes", "note", "remarks"),
    _IGNORE: ("stt", "no.", "no", "#", "tt", "số tt", "số thứ tự", "n°", "nr"),
}

COLUMN_ALIASES: Final[dict[str, str]] = {
    _header_key(alias): fld
    for fld, aliases in _ALIASES_BY_FIELD.items()
    for alias in (*aliases, *( (fld,) if fld != _IGNORE else ()))
}
# The same aliases without diacritics ("Ma xa", "Chuyen hoa"); also makes "Chuyển hoá" == "Chuyển hóa".
_FOLDED_ALIASES: Final[dict[str, str]] = {fold(k): v for k, v in COLUMN_ALIASES.items()}

# How a missing field is named in messages (the header a user would expect to write).
_FIELD_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    KEY: {"vi": "Mã xã", "en": "Commune code"},
    "commune_name": {"vi": "Tên xã", "en": "Commune"},
    "period": {"vi": "Kỳ", "en": "Period"},
}

_TRUE: Final = frozenset({"true", "1", "x", "co", "yes", "y", "dung", "t", "v", "✓", "✔", "☑"})
_FALSE: Final = frozenset({"false", "0", "khong", "no", "n", "sai", "f"})
_TOTAL_ROW_NAMES: Final = frozenset({"tong", "tong cong", "cong", "tong so", "total", "sum", "toan tinh"})

_MESSAGES: Final = {
    "too_many_rows": {
        "vi": "Tệp có hơn {limit} dòng; không phải một báo cáo cấp xã. Hãy tách tệp theo kỳ hoặc theo huyện.",
        "en": "The file has more than {limit} rows; that is not a commune-level report. Split it by period or "
              "district.",
    },
    "file_too_large": {
        "vi": "Tệp quá lớn ({size} MB); giới hạn là {limit} MB.",
        "en": "The file is too large ({size} MB); the limit is {limit} MB.",
    },
    "file_unreadable": {
        "vi": "Không đọc được tệp: {detail}",
        "en": "Cannot read the file: {detail}",
    },
    "empty_file": {"vi": "Tệp rỗng (0 byte).", "en": "The file is empty (0 bytes)."},
    "no_data_rows": {
        "vi": "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.",
        "en": "The file has no data rows below the header row.",
    },
    "unsupported_ext": {
        "vi": "Không hỗ trợ loại tệp '{ext}'; hãy gửi tệp .xlsx hoặc .csv.",
        "en": "File type '{ext}' is not supported; send an .xlsx or .csv file.",
    },
    "csv_is_xlsx": {
        "vi": "Tệp có đuôi .csv nhưng thực ra là tệp Excel (.xlsx); hãy đổi đuôi thành .xlsx hoặc lưu lại dạng CSV.",
        "en": "The file is named .csv but is really an Excel workbook (.xlsx); rename it to .xlsx or save it as CSV.",
    },
    "csv_is_zip": {
        "vi": "Tệp có đuôi .csv nhưng thực ra là tệp nén (zip), không phải văn bản CSV.",
        "en": "The file is named .csv but is really a zip archive, not CSV text.",
    },
    "is_xls": {
        "vi": "Tệp là định dạng Excel 97-2003 (.xls) cũ, không hỗ trợ; hãy mở bằng Excel và lưu dạng .xlsx.",
        "en": "The file is an old Excel 97-2003 (.xls) workbook, which is not supported; save it as .xlsx.",
    },
    "is_pdf": {
        "vi": "Tệp thực ra là tài liệu PDF, không phải bảng dữ liệu.",
        "en": "The file is really a PDF document, not a data table.",
    },
    "is_binary": {
        "vi": "Tệp có đuôi .csv nhưng chứa dữ liệu nhị phân (ký tự NUL), không phải văn bản CSV.",
        "en": "The file is named .csv but contains binary data (NUL bytes), not CSV text.",
    },
    "xlsx_is_text": {
        "vi": "Tệp có đuôi .xlsx nhưng thực ra là văn bản (có thể là CSV); hãy đổi đuôi thành .csv.",
        "en": "The file is named .xlsx but is really plain text (perhaps CSV); rename it to .csv.",
    },
    "xlsx_not_zip": {
        "vi": "Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (không phải tệp zip); tệp có thể bị hỏng.",
        "en": "The file is named .xlsx but is not a valid Excel workbook (not a zip file); it may be corrupted.",
    },
    "xlsx_bad_zip": {
        "vi": "Tệp Excel bị hỏng hoặc tải lên không đầy đủ: {detail}",
        "en": "The Excel file is corrupted or incompletely uploaded: {detail}",
    },
    "xlsx_no_workbook": {
        "vi": "Tệp là tệp nén zip nhưng không phải sổ tính Excel (thiếu xl/workbook.xml){hint}.",
        "en": "The file is a zip archive but not an Excel workbook (no xl/workbook.xml){hint}.",
    },
    "xlsx_too_big": {
        "vi": "Bảng tính khi giải nén quá lớn ({size} MB > {limit} MB); từ chối đọc.",
        "en": "The worksheet data is too large when uncompressed ({size} MB > {limit} MB); refusing to read it.",
    },
    "xlsx_no_sheet": {"vi": "Sổ tính không có trang tính nào.", "en": "The workbook has no worksheet."},
    "sheets_ignored": {
        "vi": "Chỉ đọc trang tính đầu tiên '{first}'; đã bỏ qua các trang tính có dữ liệu: {names}.",
        "en": "Only the first sheet '{first}' was read; these non-empty sheets were ignored: {names}.",
    },
    "encoding_assumed": {
        "vi": "Tệp không phải UTF-8; đã đọc theo bảng mã {encoding}. Hãy kiểm tra dấu tiếng Việt.",
        "en": "The file is not UTF-8; it was read as {encoding}. Check the Vietnamese diacritics.",
    },
    "csv_parse": {
        "vi": "Không đọc tiếp được tệp CSV từ dòng {row}: {detail}",
        "en": "Cannot read the CSV file beyond line {row}: {detail}",
    },
    "no_header": {
        "vi": "Thiếu cột bắt buộc 'Mã xã' hoặc 'Tên xã': không tìm thấy dòng tiêu đề trong {n} dòng đầu.",
        "en": "Missing required column 'Commune code' or 'Commune': no header row found in the first {n} rows.",
    },
    "missing_period": {
        "vi": "Thiếu cột bắt buộc 'Kỳ' (hoặc chọn kỳ báo cáo --period).",
        "en": "Missing required column 'Period' (or give --period).",
    },
    "duplicate_column": {
        "vi": "Cột '{column}' trùng ý nghĩa với cột '{other}' (cùng là {field}); hãy giữ một cột.",
        "en": "Column '{column}' means the same as column '{other}' (both {field}); keep only one.",
    },
    "unknown_column": {
        "vi": "Không nhận ra cột '{column}'; cột này đã bị bỏ qua.",
        "en": "Unrecognised column '{column}'; it was ignored.",
    },
    "bad_period_arg": {
        "vi": "Kỳ báo cáo '{value}' không hợp lệ (ví dụ đúng: 2019, 2019-Q1, Quý 1/2019).",
        "en": "Reporting period '{value}' is not valid (examples: 2019, 2019-Q1, Quý 1/2019).",
    },
    "bad_period": {
        "vi": "Kỳ '{value}' không hợp lệ (ví dụ đúng: 2019, 2019-Q1, Quý 1/2019; năm từ 2000 đến 2100).",
        "en": "Period '{value}' is not valid (examples: 2019, 2019-Q1, Quý 1/2019; years 2000 to 2100).",
    },
    "period_conflict": {
        "vi": "Kỳ '{value}' trong tệp khác với kỳ báo cáo đã chọn '{period}'.",
        "en": "Period '{value}' in the file differs from the chosen reporting period '{period}'.",
    },
    "period_empty": {
        "vi": "Dòng không có kỳ báo cáo (ô 'Kỳ' trống và chưa chọn --period).",
        "en": "The row has no period (the 'Period' cell is empty and no --period was given).",
    },
    "bad_code": {
        "vi": "Mã xã '{value}' không hợp lệ: mã xã gồm 5 chữ số.",
        "en": "Commune code '{value}' is not valid: a commune code has 5 digits.",
    },
    "unknown_code": {
        "vi": "Mã xã '{value}' không có trong danh mục xã của tỉnh.",
        "en": "Commune code '{value}' is not in the province's commune list.",
    },
    "no_commune": {
        "vi": "Dòng không có mã xã và tên xã.",
        "en": "The row has neither a commune code nor a commune name.",
    },
    "unknown_name": {
        "vi": "Không tìm thấy xã '{value}'{where} trong danh mục xã của tỉnh.",
        "en": "No commune named '{value}'{where} in the province's commune list.",
    },
    "unknown_name_in_district": {
        "vi": "Không có xã '{value}' ở huyện '{district}'; các xã cùng tên: {candidates}.",
        "en": "No commune '{value}' in district '{district}'; communes with that name: {candidates}.",
    },
    "ambiguous_name": {
        "vi": "Tên xã '{value}' trùng với nhiều xã: {candidates}; hãy ghi mã xã hoặc huyện.",
        "en": "Commune name '{value}' matches several communes: {candidates}; give the commune code or district.",
    },
    "name_mismatch": {
        "vi": "Tên xã '{value}' không khớp với mã xã {code} ({expected}); đã dùng mã xã.",
        "en": "Commune name '{value}' does not match code {code} ({expected}); the code was used.",
    },
    "district_mismatch": {
        "vi": "Huyện '{value}' không khớp với mã xã {code} (thuộc {expected}); đã dùng mã xã.",
        "en": "District '{value}' does not match code {code} (which is in {expected}); the code was used.",
    },
    "matched_loose": {
        "vi": "Tên xã '{value}' được khớp khi bỏ dấu với {expected} ({code}); hãy kiểm tra.",
        "en": "Commune name '{value}' was matched ignoring diacritics to {expected} ({code}); please check.",
    },
    "bad_bool": {
        "vi": "Giá trị '{value}' không hợp lệ cho cột có/không (dùng Có/Không, x, 1/0).",
        "en": "Value '{value}' is not valid for a yes/no column (use Có/Không, yes/no, x, 1/0).",
    },
    "count_negative": {
        "vi": "Số lượng '{value}' là số âm; phải là số nguyên ≥ 0.",
        "en": "Count '{value}' is negative; it must be a whole number ≥ 0.",
    },
    "count_fraction": {
        "vi": "Số lượng '{value}' không phải số nguyên.",
        "en": "Count '{value}' is not a whole number.",
    },
    "count_not_number": {
        "vi": "Số lượng '{value}' không phải là số.",
        "en": "Count '{value}' is not a number.",
    },
    "count_ambiguous": {
        "vi": "Số lượng '{value}' không rõ (dấu phân cách hàng nghìn hay thập phân?); hãy ghi số nguyên không có dấu.",
        "en": "Count '{value}' is ambiguous (thousands or decimal separator?); "
        "write the whole number without separators.",
    },
    "violations_gt_inspections": {
        "vi": "Số vi phạm ({value}) lớn hơn số lượt kiểm tra ({inspections}).",
        "en": "Violations ({value}) exceed inspections ({inspections}).",
    },
    "duplicate_identical": {
        "vi": "Dòng trùng lặp hoàn toàn với dòng {other} (xã {value}, kỳ {period}); chỉ giữ một dòng.",
        "en": "Row is an exact duplicate of row {other} (commune {value}, period {period}); kept once.",
    },
    "duplicate_conflict": {
        "vi": "Xã {value} kỳ {period} có hai dòng khác nhau: dòng {other} và dòng {row}.",
        "en": "Commune {value}, period {period} has two different rows: row {other} and row {row}.",
    },
    "total_row": {
        "vi": "Dòng tổng '{value}' đã bị bỏ qua.",
        "en": "Total row '{value}' was skipped.",
    },
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth checking (warning) in a file, located as the user sees it."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: Literal["error", "warning"]

    def as_dict(self) -> dict:
        """Return the problem as ``{"file", "row", "column", "value", "message"}``."""
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value, "message": self.message}


def _empty_records() -> pd.DataFrame:
    """An empty record frame with the contract's columns and nullable dtypes."""
    return pd.DataFrame({c: pd.Series([], dtype=_dtype(c)) for c in RECORD_FIELDS})


def _dtype(column: str) -> str:
    """Nullable dtype of a record column."""
    if column in BOOL_FIELDS:
        return "boolean"
    if column in COUNT_FIELDS:
        return "Int64"
    return "string"


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

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict:
        """Return a JSON-ready summary: ok, rows, errors, warnings, file, encoding."""

        def strip(p: Problem) -> dict:
            return {"row": p.row, "column": p.column, "value": p.value, "message": p.message}

        return {
            "ok": self.ok,
            "rows": self.rows,
            "errors": [strip(p) for p in self.errors],
            "warnings": [strip(p) for p in self.warnings],
            "file": self.file,
            "encoding": self.encoding,
        }


# --------------------------------------------------------------------------------------------- values


def _as_text(value: object) -> str | None:
    """A cell as the user would read it: stripped NFC text, whole floats without '.0'; None if empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_RE: Final = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")
_YEAR_Q_RE: Final = re.compile(r"^(\d{4})\s*[-/ .]?\s*(?:q|quy)\s*([1-4]|iv|i{1,3})$")
_Q_YEAR_RE: Final = re.compile(r"^(?:q|quy)\s*([1-4]|iv|i{1,3})\s*(?:[-/ .,]\s*)?(?:nam\s*)?(\d{4})$")


def normalise_period(value: object) -> str | None:
    """Return a period as ``"YYYY"`` or ``"YYYY-Qn"``, or None if ``value`` is not a period.

    Accepts 2019, 2019.0, "2019", "2019-Q1", "2019q1", "Q1/2019", "Q1-2019", "Quý 1/2019", "Quý I/2019",
    "quy 1 2019", "Quý 1 năm 2019". Years must lie in 2000..2100.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return None
        year = int(value)
        return str(year) if YEAR_MIN <= year <= YEAR_MAX else None
    if not isinstance(value, str):
        return None
    text = fold(value)
    quarter: str | None = None
    if m := _YEAR_RE.match(text):
        year_s = m.group(1)
    elif m := _YEAR_Q_RE.match(text):
        year_s, quarter = m.group(1), m.group(2)
    elif m := _Q_YEAR_RE.match(text):
        quarter, year_s = m.group(1), m.group(2)
    else:
        return None
    year = int(year_s)
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    if quarter is None:
        return str(year)
    q = _ROMAN.get(quarter) or int(quarter)
    return f"{year}-Q{q}"


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
    text = fold(_as_text(value) or "")
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
        text = (_as_text(value) or "").replace(" ", "").replace("\u00a0", "")
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
        text = (_as_text(value) or "").replace(" ", "").lstrip("'")
        if re.fullmatch(r"\d+\.0+", text):
            text = text.split(".")[0]
    if not re.fullmatch(r"\d{1,5}", text):
        return None
    return text.zfill(5)


# --------------------------------------------------------------------------------------------- reading


@dataclass
class _Sheet:
    """Raw rows of a file: (physical row number, cells) plus reading notes."""

    rows: list[tuple[int, list[object]]]
    encoding: str | None = None


class _Collector:
    """Collects problems for one file in one language."""

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def msg(self, key: str, **params: object) -> str:
        return translate(_MESSAGES, key, self.lang, **params)

    def add(
        self,
        severity: Severity,
        key: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: object,
    ) -> None:
        message = self.msg(key, value=value, column=column, row=row, **params)
        problem = Problem(self.file, row, column, value, message, severity)
        (self.errors if severity == "error" else self.warnings).append(problem)

    def error(self, key: str, **kw: object) -> None:
        self.add("error", key, **kw)  # type: ignore[arg-type]

    def warning(self, key: str, **kw: object) -> None:
        self.add("warning", key, **kw)  # type: ignore[arg-type]


def _sniff_kind(data: bytes) -> str:
    """What the bytes really are: 'xlsx', 'zip', 'ods', 'xls', 'pdf', 'binary' or 'text'."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with BOM (Excel's "Unicode text")
    if b"\x00" in data[:65536]:
        return "binary"
    return "text"


def _decode(data: bytes, col: _Collector) -> tuple[str, str]:
    """Decode CSV bytes: UTF-16/UTF-8 by BOM, then UTF-8, then Windows-1258 (with a warning)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1258 writes tone marks as combining characters: NFC-normalise (done per cell as well).
    try:
        text, encoding = data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1258", errors="replace"), "cp1258"
    col.warning("encoding_assumed", encoding="Windows-1258 (cp1258)")
    return unicodedata.normalize("NFC", text), encoding


def _csv_rows(text: str, delimiter: str) -> tuple[list[tuple[int, list[object]]], tuple[int, str] | None]:
    """Rows of CSV text with the physical line number on which each record starts, and a parse failure."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    start = 1
    try:
        for record in reader:
            rows.append((start, list(record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        # An unterminated quote, a huge field...: keep what was read and report where reading stopped.
        return rows, (start, str(exc))
    return rows, None


def _read_csv(data: bytes, col: _Collector) -> _Sheet:
    """Read CSV bytes, choosing the delimiter (',', ';' or tab) that yields a recognisable header."""
    text, encoding = _decode(data, col)
    sample = text[:20000]
    candidates = sorted([",", ";", "\t"], key=lambda d: -sample.count(d))
    chosen = None
    for delimiter in candidates:
        parsed = _csv_rows(text, delimiter)
        chosen = chosen or parsed
        if _find_header(parsed[0]) is not None:
            chosen = parsed
            break
    rows, failure = chosen or ([], None)
    if failure is not None:
        col.error("csv_parse", row=failure[0], detail=failure[1])
    return _Sheet(rows, encoding)


def _read_xlsx(data: bytes, col: _Collector) -> _Sheet | None:
    """Read the first worksheet of an xlsx, or record why it can't be read and return None."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        col.error("xlsx_bad_zip", detail=str(exc) or type(exc).__name__)
        return None
    except Exception as exc:
        col.error("xlsx_bad_zip", detail=str(exc) or type(exc).__name__)
        return None
    xml_size = sum(
        i.file_size for i in infos if i.filename.startswith("xl/worksheets/") or i.filename == "xl/sharedStrings.xml"
    )
    if xml_size > MAX_SHEET_XML_BYTES:
        col.error("xlsx_too_big", size=xml_size // (1024 * 1024), limit=MAX_SHEET_XML_BYTES // (1024 * 1024))
        return None
    try:
        bad = zf.testzip()  # CRC check (after the size guard): catches damaged uploads early
    except Exception as exc:
        bad = str(exc) or type(exc).__name__
    if bad is not None:
        col.error("xlsx_bad_zip", detail=bad)
        return None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        col.error("xlsx_bad_zip", detail=str(exc) or type(exc).__name__)
        return None
    try:
        sheets = wb.worksheets
        if not sheets:
            col.error("xlsx_no_sheet")
            return None
        first = sheets[0]
        rows = _sheet_rows(first)
        ignored = [ws.title for ws in sheets[1:] if _sheet_has_data(ws)]
        if ignored:
            col.warning("sheets_ignored", first=first.title, names=", ".join(f"'{n}'" for n in ignored))
        return _Sheet(rows, None)
    except _TooManyRows:
        col.error("too_many_rows", limit=MAX_ROWS)
        return None
    except Exception as exc:
        col.error("xlsx_bad_zip", detail=str(exc) or type(exc).__name__)
        return None
    finally:
        wb.close()


class _TooManyRows(Exception):
    """A worksheet with more rows than :data:`MAX_ROWS` (stops reading at once)."""


def _sheet_rows(ws: object) -> list[tuple[int, list[object]]]:
    """Rows of a read-only worksheet with their Excel row numbers (ignoring possibly wrong dimensions)."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some writers store a wrong <dimension>; read every row
    rows: list[tuple[int, list[object]]] = []
    for cells in ws.iter_rows():  # type: ignore[attr-defined]
        number = next((c.row for c in cells if getattr(c, "row", None) is not None), None)
        if number is None:
            continue  # an empty row: nothing to read
        rows.append((number, [c.value for c in cells]))
        if len(rows) > MAX_ROWS + 50:
            raise _TooManyRows
    return rows


def _sheet_has_data(ws: object) -> bool:
    """True if a worksheet has at least one non-empty cell."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)  # type: ignore[attr-defined]
    return any(_as_text(v) is not None for row in rows for v in row)


# --------------------------------------------------------------------------------------------- header


def _field_of(header: object) -> str | None:
    """The field a header cell stands for (``_IGNORE`` for row-number columns), or None."""
    text = _as_text(header)
    if text is None:
        return None
    key = _header_key(text)
    return COLUMN_ALIASES.get(key) or _FOLDED_ALIASES.get(fold(key))


def _find_header(rows: Sequence[tuple[int, list[object]]]) -> int | None:
    """Index in ``rows`` of the header: ≥2 recognised cells including a code or name column."""
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = [f for f in (_field_of(c) for c in cells) if f and f != _IGNORE]
        if len(fields) >= 2 and (KEY in fields or "commune_name" in fields):
            return i
    return None


_COLUMN_NUMBER_RE: Final = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$", re.IGNORECASE)


def _is_column_numbering(cells: list[object]) -> bool:
    """True for the "(1) (2) (3) ..." / "A B 1 2" row that Vietnamese report forms put under the header."""
    texts = [t for t in (_as_text(c) for c in cells) if t is not None]
    if len(texts) < 3 or not all(_COLUMN_NUMBER_RE.match(t) for t in texts):
        return False
    numbers = [int(m.group(1)) for t in texts if (m := _COLUMN_NUMBER_RE.match(t)) and m.group(1).isdigit()]
    return len(numbers) >= 2 and all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


# --------------------------------------------------------------------------------------------- communes


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
    communes: pd.DataFrame,
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
        The reference commune list: commune_code, commune_name, district_code, district_name.
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
    col = _Collector(file_name, lang)
    digest = hashlib.sha256(data).hexdigest()

    def report(rows: int = 0, records: pd.DataFrame | None = None, encoding: str | None = None) -> ValidationReport:
        recs = records if records is not None and not col.errors else _empty_records()
        return ValidationReport(file_name, digest, rows, recs, tuple(col.errors), tuple(col.warnings), encoding)

    if len(data) > MAX_FILE_BYTES:
        col.error("file_too_large", size=round(len(data) / 1024 / 1024, 1), limit=MAX_FILE_BYTES // (1024 * 1024))
        return report()
    if not data:
        col.error("empty_file")
        return report()

    ext = Path(file_name).suffix.lower()
    kind = _sniff_kind(data)
    if kind == "text" and data.count(b"\n") > MAX_ROWS + 50:  # counted in C, before any parsing
        col.error("too_many_rows", limit=MAX_ROWS)
        return report()
    sheet: _Sheet | None = None
    if ext == ".csv" or ext == ".txt" or ext == ".tsv":
        if kind == "text":
            sheet = _read_csv(data, col)
        else:
            key = {"xlsx": "csv_is_xlsx", "zip": "csv_is_zip", "ods": "csv_is_zip", "xls": "is_xls", "pdf": "is_pdf"}
            col.error(key.get(kind, "is_binary"))
    elif ext in (".xlsx", ".xlsm"):
        if kind == "xlsx":
            sheet = _read_xlsx(data, col)
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
    communes: pd.DataFrame,
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
            col = _Collector(p.name, lang)
            col.error("file_too_large", size=round(size / 1024 / 1024, 1), limit=MAX_FILE_BYTES // (1024 * 1024))
            return ValidationReport(p.name, "", 0, _empty_records(), tuple(col.errors), (), None)
        data = p.read_bytes()
    except OSError as exc:
        col = _Collector(p.name, lang)
        col.error("file_unreadable", detail=str(exc))
        return ValidationReport(p.name, "", 0, _empty_records(), tuple(col.errors), (), None)
    return validate_bytes(data, p.name, communes, period=period, lang=lang, progress=progress)


def _validate_rows(
    rows: list[tuple[int, list[object]]],
    communes: pd.DataFrame,
    period_arg: str | None,
    col: _Collector,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, int]:
    """Find the header, check every data row, and build the record frame; problems go to ``col``."""
    header_idx = _find_header(rows)
    if header_idx is None:
        if not any(_as_text(v) is not None for _, cells in rows for v in cells):
            col.error("no_data_rows")
        else:
            col.error("no_header", n=HEADER_SEARCH_ROWS, column=_FIELD_LABELS[KEY][col.lang])
        return _empty_records(), 0

    header_row, header_cells = rows[header_idx]
    body = rows[header_idx + 1 :]
    headers = [_as_text(c) for c in header_cells]
    fields: list[str | None] = [_field_of(h) for h in headers]
    # Two-row headers (a merged group title above the sub-headers): take recognised sub-headers.
    if body:
        sub_cells = body[0][1]
        sub_fields = [_field_of(c) for c in sub_cells]
        filled = [c for c in sub_cells if _as_text(c) is not None]
        known = [f for f in sub_fields if f and f != _IGNORE]
        if known and 2 * len(known) >= len(filled) and not any(_parse_code(c) for c in sub_cells):
            for j, f in enumerate(sub_fields):
                if f:
                    while j >= len(headers):
                        headers.append(None)
                        fields.append(None)
                    headers[j], fields[j] = _as_text(sub_cells[j]), f
                elif j < len(fields) and not fields[j] and _as_text(sub_cells[j]):
                    headers[j] = _as_text(sub_cells[j])
            body = body[1:]
    if body and _is_column_numbering(body[0][1]):
        body = body[1:]

    columns: dict[str, int] = {}
    for j, (h, f) in enumerate(zip(headers, fields, strict=True)):
        if h is None or f == _IGNORE:
            continue
        if f is None:
            col.warning("unknown_column", row=header_row, column=h, value=h)
        elif f in columns:
            col.error("duplicate_column", row=header_row, column=h, value=h, other=headers[columns[f]], field=f)
        else:
            columns[f] = j

    period_fixed: str | None = None
    if period_arg is not None and str(period_arg).strip():
        period_fixed = normalise_period(period_arg)
        if period_fixed is None:
            col.error("bad_period_arg", value=str(period_arg))
            return _empty_records(), 0
    if "period" not in columns and period_fixed is None:
        col.error("missing_period", column=_FIELD_LABELS["period"][col.lang])
        return _empty_records(), 0

    gaz = _Gazetteer(communes)

    def cell(cells: list[object], fld: str) -> object:
        j = columns.get(fld)
        if j is None or j >= len(cells):
            return None
        v = cells[j]
        if isinstance(v, str):
            v = unicodedata.normalize("NFC", v).strip()
            return v or None
        return v

    def head(fld: str) -> str:
        return headers[columns[fld]] or fld

    seen: dict[tuple[str, str], tuple[int, dict[str, object]]] = {}
    out: list[dict[str, object]] = []
    n_rows = 0
    for done, (row_no, cells) in enumerate(body):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(body))
        if all(_as_text(v) is None for v in cells):
            continue
        raw_code = cell(cells, KEY)
        raw_name = cell(cells, "commune_name")
        raw_district = cell(cells, "district_name")
        name_text = _as_text(raw_name)
        if _as_text(raw_code) is None and name_text and fold(name_text).strip(" :.") in _TOTAL_ROW_NAMES:
            col.warning("total_row", row=row_no, column=head("commune_name"), value=name_text)
            continue
        n_rows += 1
        errors_before = len(col.errors)

        # --- commune
        code = _resolve_commune(row_no, raw_code, raw_name, raw_district, cell(cells, "district_code"), gaz, col, head)

        # --- period
        row_period: str | None = None
        raw_period = cell(cells, "period")
        period_text = _as_text(raw_period)
        if period_text is None:
            if period_fixed is None:
                col.error("period_empty", row=row_no, column=head("period"), value=None)
            row_period = period_fixed
        else:
            p = normalise_period(raw_period if not isinstance(raw_period, str) else period_text)
            if p is None:
                col.error("bad_period", row=row_no, column=head("period"), value=period_text)
            elif period_fixed is not None and p != period_fixed:
                col.error("period_conflict", row=row_no, column=head("period"), value=period_text, period=period_fixed)
            row_period = p

        # --- values
        rec: dict[str, object] = {KEY: code, "period": row_period}
        for fld in BOOL_FIELDS:
            v, err = _parse_bool(cell(cells, fld))
            if err:
                col.error(err, row=row_no, column=head(fld), value=_as_text(cell(cells, fld)))
            rec[fld] = v
        for fld in COUNT_FIELDS:
            v, err = _parse_count(cell(cells, fld))
            if err:
                col.error(err, row=row_no, column=head(fld), value=_as_text(cell(cells, fld)))
            rec[fld] = v
        for fld in TEXT_FIELDS:
            rec[fld] = _as_text(cell(cells, fld))
        ins, vio = rec["inspections"], rec["violations"]
        if isinstance(ins, int) and isinstance(vio, int) and vio > ins:
            col.warning(
                "violations_gt_inspections", row=row_no, column=head("violations"), value=str(vio), inspections=ins
            )

        if len(col.errors) > errors_before or code is None or row_period is None:
            continue
        key = (code, row_period)
        if key in seen:
            other_row, other = seen[key]
            column = head(KEY) if KEY in columns else head("commune_name")
            if other == rec:
                col.warning(
                    "duplicate_identical", row=row_no, column=column, value=code, other=other_row, period=row_period
                )
            else:
                col.error(
                    "duplicate_conflict", row=row_no, column=column, value=code, other=other_row, period=row_period
                )
            continue
        seen[key] = (row_no, rec)
        out.append(rec)

    if n_rows == 0:
        col.error("no_data_rows")
    frame = pd.DataFrame({c: pd.Series([r[c] for r in out], dtype=_dtype(c)) for c in RECORD_FIELDS})
    return frame, n_rows


def _resolve_commune(
    row_no: int,
    raw_code: object,
    raw_name: object,
    raw_district: object,
    raw_district_code: object,
    gaz: _Gazetteer,
    col: _Collector,
    head: Callable[[str], str],
) -> str | None:
    """The commune code of a row (by code, else by name + district), reporting problems to ``col``."""
    code_text = _as_text(raw_code)
    name = _as_text(raw_name)
    district = _as_text(raw_district)
    district_code = _as_text(raw_district_code)
    if code_text is not None:
        code = _parse_code(raw_code)
        if code is None:
            col.error("bad_code", row=row_no, column=head(KEY), value=code_text)
            return None
        commune = gaz.by_code.get(code)
        if commune is None:
            col.error("unknown_code", row=row_no, column=head(KEY), value=code_text)
            return None
        if name and name_key(name) != name_key(commune.name):
            if fold(strip_prefix(name, loose=True)) != fold(strip_prefix(commune.name, loose=True)):
                col.warning(
                    "name_mismatch",
                    row=row_no,
                    column=head("commune_name"),
                    value=name,
                    code=code,
                    expected=commune.name,
                )
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
    return found.code
