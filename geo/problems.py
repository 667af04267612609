"""The validator's messages, in Vietnamese and English, and the problems they become.

:data:`MESSAGES` holds every text the record reader and validator can say, keyed by a short name; a
:class:`Collector` turns a key and its parameters into a :class:`Problem` located as the user sees it (file,
row, column header as written, value). The readers (:mod:`geo.records.readers`) and the validator
(:mod:`geo.records.validation`) only ever name keys.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal, TextIO

from geo.contract import KEY
from geo.text.i18n import translate

Severity = Literal["error", "warning"]

# How a missing field is named in messages (the header a user would expect to write).
FIELD_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    KEY: {"vi": "Mã xã", "en": "Commune code"},
    "commune_name": {"vi": "Tên xã", "en": "Commune"},
    "period": {"vi": "Kỳ", "en": "Period"},
}

MESSAGES: Final = {
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
    "unknown_code_version": {
        "vi": "Mã xã '{value}' không thuộc danh mục đơn vị của kỳ {period} (danh mục từ {version}, {units} đơn "
              "vị): đó là {old_name} của danh mục {old_version}, nay là {successors}.",
        "en": "Commune code '{value}' is not a unit of period {period} (the list in force from {version}, {units} "
              "units): it is {old_name} of the {old_version} list, now {successors}.",
    },
    "unknown_code_later": {
        "vi": "Mã xã '{value}' thuộc danh mục từ {new_version} ({new_name}), chưa có hiệu lực trong kỳ {period} "
              "(danh mục từ {version}).",
        "en": "Commune code '{value}' belongs to the list in force from {new_version} ({new_name}), not yet in "
              "force in period {period} (list from {version}).",
    },
    "code_reused": {
        "vi": "Mã xã {value} trong kỳ {period} là {expected} (danh mục từ {version}); '{name}' là đơn vị mang mã "
              "này trong danh mục {old_version}. Mã được dùng lại cho đơn vị khác: không ghép theo mã.",
        "en": "Commune code {value} in period {period} is {expected} (list from {version}); '{name}' is the unit "
              "that had this code in the {old_version} list. The code was reused for another unit: not joined "
              "by code.",
    },
    "file_other_version": {
        "vi": "Tệp dùng mã của danh mục {old_version} ({n} dòng) cho kỳ {period}, nhưng kỳ này dùng danh mục từ "
              "{version} ({units} đơn vị). Chuyển đổi rõ ràng qua bảng chuyển đổi: python -m geo import TỆP "
              "--from-version {old_version} (ví dụ: {example}).",
        "en": "The file uses codes of the {old_version} list ({n} rows) for period {period}, which uses the list "
              "in force from {version} ({units} units). Convert it explicitly through the crosswalk: python -m "
              "geo import FILE --from-version {old_version} (for example: {example}).",
    },
    "convert_split": {
        "vi": "Không chuyển được {value} ({name}) từ danh mục {from_version} sang {version}: đơn vị này bị chia "
              "cho {successors}; không thể chia số liệu mà không mất thông tin.",
        "en": "Cannot convert {value} ({name}) from the {from_version} list to {version}: it was split between "
              "{successors}; its figures cannot be divided without loss.",
    },
    "convert_incomplete": {
        "vi": "Không chuyển được sang {version}: đơn vị mới {value} ({name}) gồm {parts}; tệp thiếu {missing}.",
        "en": "Cannot convert to {version}: the new unit {value} ({name}) is made of {parts}; the file lacks "
              "{missing}.",
    },
    "from_version_unknown": {
        "vi": "--from-version {value}: không có danh mục này; có: {known}.",
        "en": "--from-version {value}: no such list; known: {known}.",
    },
    "suggest_units_version": {
        "vi": "Kỳ {period}: {n}/{total} dòng khớp mã và tên của danh mục có hiệu lực từ {version} ({units} đơn vị; "
              "danh mục này có hiệu lực trong kỳ), không phải danh mục ngày đầu kỳ ({rule}). Nếu tệp lập theo "
              "danh mục đó, kiểm tra lại với --units-version {version} (trang Dữ liệu: chọn danh mục đơn vị).",
        "en": "Period {period}: {n}/{total} rows agree in code and name with the list in force from {version} "
              "({units} units; in force during the period), not with the list of its first day ({rule}). If the "
              "file was made on that list, validate it again with --units-version {version} (Data page: choose "
              "the unit list).",
    },
    "units_version_unknown": {
        "vi": "--units-version {value}: không có danh mục này; có: {known}.",
        "en": "--units-version {value}: no such list; known: {known}.",
    },
    "units_version_not_in_period": {
        "vi": "Kỳ {period}: danh mục {version} không có hiệu lực ngày nào trong kỳ; kỳ này chỉ chọn được: "
              "{allowed}. Không có gì được nhập cho kỳ {period}.",
        "en": "Period {period}: the list of {version} was not in force on any day of the period; this period "
              "can only use: {allowed}. Nothing is imported for period {period}.",
    },
    "from_version_later": {
        "vi": "--from-version {value}: danh mục này muộn hơn danh mục của kỳ {period} ({version}); chỉ chuyển "
              "được từ danh mục cũ sang danh mục mới.",
        "en": "--from-version {value}: this list is later than period {period}'s ({version}); files convert "
              "only from an earlier list to a later one.",
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
    "matched_spelling_variant": {
        "vi": "Tên '{value}' được khớp với {expected} (mã {code}) theo cách viết i/y khác (\"Quí\" = \"Quý\"); "
              "hãy kiểm tra.",
        "en": "Name '{value}' was matched to {expected} (code {code}) by a spelling variant of i/y "
              "(\"Quí\" = \"Quý\"); please check.",
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

    def located(self) -> dict:
        """The problem as a report lists it: ``{"row", "column", "value", "message"}`` (the file is the report's)."""
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}

    def as_dict(self) -> dict:
        """Return the problem as ``{"file", "row", "column", "value", "message"}``."""
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value, "message": self.message}


class Collector:
    """Collects problems for one file in one language."""

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def msg(self, key: str, **params: object) -> str:
        """The text of message ``key`` in the collector's language."""
        return translate(MESSAGES, key, self.lang, **params)

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
        """Record a problem of ``severity``, located by ``row``, ``column`` and ``value``."""
        message = self.msg(key, value=value, column=column, row=row, **params)
        problem = Problem(self.file, row, column, value, message, severity)
        (self.errors if severity == "error" else self.warnings).append(problem)

    def error(self, key: str, **kw: object) -> None:
        """Record an error (the file is not imported)."""
        self.add("error", key, **kw)

    def warning(self, key: str, **kw: object) -> None:
        """Record a warning (the file is imported; the user should check)."""
        self.add("warning", key, **kw)


def report_json(*, ok: bool, rows: int, errors: tuple[Problem, ...], warnings: tuple[Problem, ...], file: str,
                encoding: str | None) -> dict:
    """The JSON keys every file report starts with, records and boundaries alike.

    ``ok``, ``rows``, ``errors`` and ``warnings`` (each :meth:`Problem.located`), ``file``, ``encoding``.
    """
    return {"ok": ok, "rows": rows, "errors": [p.located() for p in errors],
            "warnings": [p.located() for p in warnings], "file": file, "encoding": encoding}


# The words of a printed problem line. A records file has rows and columns; a boundary file has features
# (numbered from 1 as a GIS lists them) and fields.
_LINE_WORDS: Final = {
    "error": {"vi": "LỖI", "en": "ERROR"},
    "warning": {"vi": "CẢNH BÁO", "en": "WARNING"},
    "row": {"vi": "dòng", "en": "row"},
    "column": {"vi": "cột", "en": "column"},
    "feature": {"vi": "đối tượng", "en": "feature"},
    "field": {"vi": "trường", "en": "field"},
}
Places = Literal["rows", "features"]
_PLACE_WORDS: Final = {"rows": ("row", "column"), "features": ("feature", "field")}


def problem_line(problem: Problem, lang: str, *, places: Places = "rows") -> str:
    """One problem as the command line prints it.

    ``LỖI: huyen.csv, dòng 3, cột «Mã xã», «99999»: <message>``; with ``places="features"`` the row and
    column are named feature and field (``ERROR: xa.shp, feature 2, field «MaXa», …``).
    """
    row_word, column_word = _PLACE_WORDS[places]
    parts = [f"{translate(_LINE_WORDS, problem.severity, lang)}: {problem.file}"]
    if problem.row is not None:
        parts.append(f"{translate(_LINE_WORDS, row_word, lang)} {problem.row}")
    if problem.column:
        parts.append(f"{translate(_LINE_WORDS, column_word, lang)} «{problem.column}»")
    if problem.value not in (None, ""):
        parts.append(f"«{problem.value}»")
    return ", ".join(parts) + f": {problem.message}"


def print_problems(errors: Iterable[Problem], warnings: Iterable[Problem], lang: str, *,
                   places: Places = "rows", out: TextIO | None = None) -> None:
    """Print every error, then every warning, one :func:`problem_line` each."""
    for problem in (*errors, *warnings):
        print(problem_line(problem, lang, places=places), file=out or sys.stdout)
