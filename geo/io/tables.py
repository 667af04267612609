"""Tables for download: CSV (UTF-8 with BOM, for Excel), XLSX, and the filled-in import template.

Every text cell that a spreadsheet could run as a formula (beginning with ``=``, ``+``, ``-``, ``@``, or a
tab / carriage return) is neutralised with a leading apostrophe, the OWASP recommendation: the text stays
readable and nothing runs. Numbers stay numbers (a negative number is a number, not a formula). Control
characters and bidi overrides are removed from every text cell (:mod:`geo.text.controls`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from geo.contract import BOOL_FIELDS, COUNT_FIELDS, KEY
from geo.text.controls import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The import template's headers, exactly as geo.records.readers recognises them (Vietnamese, the users' language).
TEMPLATE_HEADERS = {
    KEY: "Mã xã",
    "commune_name": "Tên xã",
    "district_name": "Huyện",
    "period": "Kỳ",
    "healthy": "Lành mạnh",
    "conversion_target": "Chuyển hóa",
    "establishments": "Số cơ sở",
    "inspections": "Số lượt kiểm tra",
    "violations": "Số vi phạm",
    "criminal_cases": "Số vụ án",
    "border_incidents": "Số vụ việc biên giới",
    "victims_received": "Số nạn nhân tiếp nhận",
    "commitment_signed": "Ký cam kết",
    "notes": "Ghi chú",
}


def neutralise(value: object) -> object:
    """Return ``value`` safe for a spreadsheet cell: formula-like text gets a leading apostrophe.

    Control characters and bidi overrides are removed first (:func:`geo.text.controls.clean_text`, the rule of
    the import), so that text stored before the rule still exports (XLSX refuses ESC or BEL).
    """
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise).astype(object)
    return out


def to_csv_bytes(frame: pd.DataFrame, notice_lines: Sequence[str] = ()) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel shows Vietnamese correctly; notices go first, as comment rows."""
    buffer = io.StringIO()
    for line in notice_lines:
        buffer.write(f"# {neutralise(line)}\n")
    neutralise_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return neutralise(value)


def to_xlsx_bytes(frame: pd.DataFrame, *, title: str, notice_lines: Sequence[str] = (),
                  sheet: str = "Data") -> bytes:
    """An XLSX workbook: a title row, notice rows (e.g. the illustrative-data mark), then the table."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([neutralise(title)])
    ws["A1"].font = Font(bold=True, size=13)
    for line in notice_lines:
        ws.append([neutralise(line)])
        ws.cell(ws.max_row, 1).font = Font(bold=True, color="B35806")
    ws.append([])
    header_row = ws.max_row + 1
    ws.append([neutralise(str(c)) for c in frame.columns])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in frame.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for i, col in enumerate(frame.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in frame.iloc[:200, i - 1].tolist()])
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 45)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_frame(communes: pd.DataFrame, records: pd.DataFrame, period: str,
                   district_codes: Sequence[str] = ()) -> pd.DataFrame:
    """The import template for ``period``: one row per commune, filled with the current records if any.

    Booleans are written "Có"/"Không" and counts as integers, so that the file imports unchanged.
    """
    rows = communes if not district_codes else communes[communes["district_code"].isin(district_codes)]
    merged = rows[[KEY, "commune_name", "district_name"]].merge(
        records.drop(columns="period"), on=KEY, how="left"
    )
    merged.insert(3, "period", period)
    for name in BOOL_FIELDS:
        merged[name] = merged[name].map(lambda v: None if pd.isna(v) else ("Có" if v else "Không"))
    for name in COUNT_FIELDS:
        merged[name] = merged[name].astype("Int64").astype(object).where(merged[name].notna(), None)
    merged = merged[list(TEMPLATE_HEADERS)]
    return merged.rename(columns=TEMPLATE_HEADERS)


def template_xlsx(communes: pd.DataFrame, records: pd.DataFrame, period: str,
                  district_codes: Sequence[str] = (), notice_lines: Sequence[str] = ()) -> bytes:
    """The import template as an XLSX workbook that ``geo.records.readers`` reads back without change."""
    frame = template_frame(communes, records, period, district_codes)
    return to_xlsx_bytes(frame, title=f"Mẫu nhập số liệu kỳ {period}", notice_lines=notice_lines,
                         sheet=f"Ky {period}")
