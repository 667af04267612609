"""Read the status-record files (CSV / XLSX) that district staff send, as they really write them.

Title rows and blank rows above the header, Vietnamese or English headers in any Unicode form and case, ``;``
or tab delimiters, UTF-8 with or without BOM, UTF-16, Windows-1258, the first worksheet of a workbook. The
readers return raw rows with their physical row numbers (:class:`Sheet`) and report what they could not read
through a :class:`geo.problems.Collector`; checking the values is :mod:`geo.records.validation`'s job.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

from geo.contract import KEY
from geo.problems import Collector
from geo.text.names import fold

MAX_FILE_BYTES: Final = 50 * 1024 * 1024  # refuse larger uploads before parsing
# Rows beyond any real submission (the whole country, 11,047 communes, for 6 periods is 66,282): refused at
# once instead of validated for half a minute (a 50 MB CSV of 640,000 rows took 31 s here).
MAX_ROWS: Final = 100_000
MAX_SHEET_XML_BYTES: Final = 200 * 1024 * 1024  # zip-bomb guard: uncompressed sheet + shared-string xml
HEADER_SEARCH_ROWS: Final = 20

IGNORE: Final = "_ignore"


def header_key(text: object) -> str:
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
    IGNORE: ("stt", "no.", "no", "#", "tt", "số tt", "số thứ tự", "n°", "nr"),
}

COLUMN_ALIASES: Final[dict[str, str]] = {
    header_key(alias): fld
    for fld, aliases in _ALIASES_BY_FIELD.items()
    for alias in (*aliases, *( (fld,) if fld != IGNORE else ()))
}
# The same aliases without diacritics ("Ma xa", "Chuyen hoa"); also makes "Chuyển hoá" == "Chuyển hóa".
FOLDED_ALIASES: Final[dict[str, str]] = {fold(k): v for k, v in COLUMN_ALIASES.items()}


def cell_text(value: object) -> str | None:
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


@dataclass
class Sheet:
    """Raw rows of a file: (physical row number, cells) plus reading notes."""

    rows: list[tuple[int, list[object]]]
    encoding: str | None = None



def sniff_kind(data: bytes) -> str:
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


def _decode(data: bytes, col: Collector) -> tuple[str, str]:
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


def read_csv(data: bytes, col: Collector) -> Sheet:
    """Read CSV bytes, choosing the delimiter (',', ';' or tab) that yields a recognisable header."""
    text, encoding = _decode(data, col)
    sample = text[:20000]
    candidates = sorted([",", ";", "\t"], key=lambda d: -sample.count(d))
    chosen = None
    for delimiter in candidates:
        parsed = _csv_rows(text, delimiter)
        chosen = chosen or parsed
        if find_header(parsed[0]) is not None:
            chosen = parsed
            break
    rows, failure = chosen or ([], None)
    if failure is not None:
        col.error("csv_parse", row=failure[0], detail=failure[1])
    return Sheet(rows, encoding)


def read_xlsx(data: bytes, col: Collector) -> Sheet | None:
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
        return Sheet(rows, None)
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
    for cells in ws.iter_rows():
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
    rows = ws.iter_rows(values_only=True)
    return any(cell_text(v) is not None for row in rows for v in row)


# --------------------------------------------------------------------------------------------- header


def field_of(header: object) -> str | None:
    """The field a header cell stands for (``IGNORE`` for row-number columns), or None."""
    text = cell_text(header)
    if text is None:
        return None
    key = header_key(text)
    return COLUMN_ALIASES.get(key) or FOLDED_ALIASES.get(fold(key))


def find_header(rows: Sequence[tuple[int, list[object]]]) -> int | None:
    """Index in ``rows`` of the header: ≥2 recognised cells including a code or name column."""
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = [f for f in (field_of(c) for c in cells) if f and f != IGNORE]
        if len(fields) >= 2 and (KEY in fields or "commune_name" in fields):
            return i
    return None


_COLUMN_NUMBER_RE: Final = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$", re.IGNORECASE)


def is_column_numbering(cells: list[object]) -> bool:
    """True for the "(1) (2) (3) ..." / "A B 1 2" row that Vietnamese report forms put under the header."""
    texts = [t for t in (cell_text(c) for c in cells) if t is not None]
    if len(texts) < 3 or not all(_COLUMN_NUMBER_RE.match(t) for t in texts):
        return False
    numbers = [int(m.group(1)) for t in texts if (m := _COLUMN_NUMBER_RE.match(t)) and m.group(1).isdigit()]
    return len(numbers) >= 2 and all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


