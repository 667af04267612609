"""The briefing as a Word document (python-docx) laid out as a "Báo cáo" under Decree 30/2020/NĐ-CP.

The same :class:`geo.briefing.content.Briefing` as the PDF, in the same sections, so that staff can number, sign
and file it as it is, or edit it first. The layout of an administrative document (Decree 30/2020/NĐ-CP,
Appendix I): A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13 pt; at the
top a two-column block, the issuing body (:func:`geo.briefing.content.issuing_body`, a setting) over the
number placeholder "Số: …/BC-UBND" on the left, the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM /
Độc lập - Tự do - Hạnh phúc") over "Thanh Hóa, ngày … tháng … năm …" on the right; the kind "BÁO CÁO" and
the summary centred; page numbers centred at the top from the second page; at the end "Nơi nhận" on the left
and the signature block on the right. The maps are the Export page's sheets as PNG pictures (a Word document
cannot hold a PDF page).
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING, Final

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from geo.briefing.content import PROGRESS_COLOURS, Briefing, issuing_body
from geo.periods import period_label
from geo.text import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document as DocumentObject
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

FONT: Final = "Times New Roman"
BODY_PT: Final = 13  # Decree 30: 13 to 14
MAP_DPI: Final = 200
ACCENT: Final = RGBColor(0x00, 0x00, 0x00)  # an administrative document is black on white
WARN: Final = RGBColor(0xB3, 0x00, 0x00)
MARGINS_MM: Final = {"top_margin": 20, "bottom_margin": 20, "left_margin": 30, "right_margin": 15}
TEXT_W_MM: Final = 210 - 30 - 15
def _field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) in ``paragraph``."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # ask Word to compute it on opening
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _widths(table: object, widths_mm: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both keep (the grid and every cell)."""
    table.autofit = False
    for j, width in enumerate(widths_mm):
        table.columns[j].width = Mm(width)
        for cell in table.columns[j].cells:
            cell.width = Mm(width)


def _shade(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _table(doc: DocumentObject, rows: list[list[str]], widths_mm: list[float], progress: list[str] | None = None,
           status_col: int | None = None, total_row: bool = False) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row on every page the table runs to
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.width = Mm(widths_mm[j])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            run.font.size = Pt(10)
            if i == 0:
                run.bold = True
                _shade(cell, "E7E6E6")
            elif total_row and i == len(rows) - 1:
                run.bold = True
            if i == 0 or i >= len(rows) - 2:  # the header repeats; the last row never alone on a page
                paragraph.paragraph_format.keep_with_next = i < len(rows) - 1
            if progress and status_col == j and i > 0:
                run.bold = True
                run.font.color.rgb = RGBColor.from_string(PROGRESS_COLOURS.get(progress[i - 1], "#333333")[1:])
    doc.add_paragraph()


def render_docx(b: Briefing, sheets_png: dict[str, bytes] | None = None) -> bytes:
    """The briefing as DOCX bytes (A4 portrait, Decree 30/2020/NĐ-CP's layout of a "Báo cáo").

    Parameters
    ----------
    b : Briefing
        From :func:`geo.briefing.content.build_briefing`.
    sheets_png : dict, optional
        Theme → the sheet as PNG; drawn with :func:`geo.maps.sheets.render_sheet` at :data:`MAP_DPI` when not given.
    """
    from geo.maps.sheets import render_sheet  # heavy import: only when building

    if sheets_png is None:
        sheets_png = {o.theme: render_sheet(b.sheet_inputs, o, "png", MAP_DPI) for o in b.map_options}
    doc = _document(b)
    _letterhead(doc, b)
    for section in b.sections():
        SECTION_WRITERS[section](doc, b, sheets_png)
    _closing(doc, b)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _document(b: Briefing) -> DocumentObject:
    """An empty A4 document in Decree 30's margins and font, its properties, and the page number at the top."""
    lang = b.lang
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        setattr(section, side, Mm(mm))
    section.header_distance = section.footer_distance = Mm(10)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = ACCENT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):  # a theme font overrides the name
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attr}"), FONT)
        style.font.size = Pt(BODY_PT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(3), Pt(3), 1.1
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.bold = True
        style.font.size = Pt(BODY_PT)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(9), Pt(3)
    doc.core_properties.title = b.title
    doc.core_properties.subject = b.area
    doc.core_properties.author = issuing_body(b.lang, short=True)
    doc.core_properties.language = lang

    # Page numbers centred at the top from the second page (the first page has none)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(header, "PAGE", "2")
    for run in header.runs:
        run.font.size = Pt(BODY_PT)
    if b.illustrative:  # every page says so, the first too
        for part in (section.footer, section.first_page_footer):
            mark = part.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run(t("briefing.mark", lang))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(9), WARN
    return doc


def _cell_line(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT,
               first: bool = False, underline_rule: bool = False) -> Paragraph:
    """A centred line in a letterhead cell (its first paragraph when ``first``)."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if underline_rule:  # the short rule under the motto and the issuing body: a bottom border of the words
        run.underline = True
    return paragraph


def _letterhead(doc: DocumentObject, b: Briefing) -> None:
    """Issuing body, number, national motto, place and date; then "BÁO CÁO" and its summary (Decree 30)."""
    lang = b.lang
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [62, TEXT_W_MM - 62 + 8])
    left, right = table.rows[0].cells
    _cell_line(left, issuing_body(b.lang, short=True).upper(), bold=True, size=13, first=True, underline_rule=True)
    _cell_line(left, t("briefing.docx.number", lang), size=13)
    _cell_line(right, t("briefing.docx.motto_1", lang), bold=True, size=12, first=True)
    _cell_line(right, t("briefing.docx.motto_2", lang), bold=True, size=13, underline_rule=True)
    _cell_line(right, t("briefing.docx.place_date", lang), italic=True, size=13).paragraph_format.space_before = Pt(6)

    kind = doc.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.space_after = Pt(0)
    kind.add_run(t("briefing.docx.kind", lang)).bold = True
    summary = doc.add_paragraph()
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary.add_run(t("briefing.docx.summary", lang, period=period_label(b.period, lang), area=b.area)).bold = True
    if b.plan_basis:
        basis = doc.add_paragraph(t("briefing.docx.basis", lang, plan=b.plan_basis))
        basis.alignment = WD_ALIGN_PARAGRAPH.CENTER
        basis.runs[0].italic = True
    if b.illustrative:
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = mark.add_run(t("briefing.mark", lang))
        run.bold, run.font.color.rgb = True, WARN
        line = doc.add_paragraph(t("briefing.mark_line", lang))
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.runs[0].font.color.rgb = WARN
        line.runs[0].font.size = Pt(11)
    intro = doc.add_paragraph(b.headline)
    intro.paragraph_format.first_line_indent = Mm(10)
    intro.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _closing(doc: DocumentObject, b: Briefing) -> None:
    """"Nơi nhận" on the left, the signature block on the right (names and signature left to the signer)."""
    lang = b.lang
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [80, TEXT_W_MM - 80])
    left, right = table.rows[0].cells
    recipients = left.paragraphs[0]
    run = recipients.add_run(t("briefing.docx.recipients", lang))
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in t("briefing.docx.recipients_list", lang).split("\n"):
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(line).font.size = Pt(11)
    _cell_line(right, t("briefing.docx.sign_for", lang), bold=True, first=True)
    _cell_line(right, t("briefing.docx.sign_role", lang), bold=True)
    for _ in range(5):  # room for the signature, the seal and the signer's name
        _cell_line(right, "")


def _heading(doc: DocumentObject, text: str, level: int = 1) -> None:
    doc.add_heading(text, level=level)


def _targets_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    """The notes, then each target with its result, the previous period's, the change, the judgement."""
    lang = b.lang
    _heading(doc, b.heading("targets"))
    for note in b.notes:
        doc.add_paragraph(note).runs[0].font.size = Pt(11)
    if not b.targets:
        doc.add_paragraph(b.targets_empty)
        return
    rows = [[t(f"briefing.col_{c}", lang) for c in ("id", "target", "plan", "actual", "previous", "change", "status")]]
    rows += [[r["id"], r["label"], r["plan"], r["actual"], r["previous"], r["change"], r["status"]] for r in b.targets]
    _table(doc, rows, [10, 48, 17, 17, 17, 20, 36], progress=[r["progress"] for r in b.targets], status_col=6)


def _trend_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    from geo.figures.trend import chart_png

    png = chart_png(b.trend_spec, scale=1.6)
    _heading(doc, b.heading("trend"))
    width, height = struct.unpack(">II", png[16:24])  # a PNG's size, from its IHDR chunk
    # the text's width, at most 150 mm high: beside a short targets section on the first page
    scale = min(TEXT_W_MM / width, 150 / height)
    doc.add_picture(io.BytesIO(png), width=Mm(width * scale), height=Mm(height * scale))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(b.trend_caption).runs[0].font.size = Pt(10)


def _maps_section(doc: DocumentObject, b: Briefing, sheets_png: dict[str, bytes]) -> None:
    """One page per theme sheet, titled."""
    from geo.maps.sheets import theme_title

    doc.add_page_break()
    _heading(doc, b.heading("maps"))
    for i, options in enumerate(b.map_options):
        theme = options.theme
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _heading(doc, theme_title(theme, b.lang, b.sheet_kinds), level=2)
        doc.add_picture(io.BytesIO(sheets_png[theme]), height=Mm(215))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_page_break()


def _changed_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    _heading(doc, b.heading("changed"))
    doc.add_paragraph(b.changes_line)
    if not b.changed.empty:
        _table(doc, [list(b.changed.columns), *b.changed.astype(str).to_numpy().tolist()], [55, 50, 30, 30])


def _hotspots_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    look = b.where_to_look
    _heading(doc, b.heading("hotspots"))
    doc.add_paragraph(look.sentence)
    if look.rows:
        _table(doc, [list(look.header), *[list(r) for r in look.rows]], [48, 42, 22, 28, 25])
    doc.add_paragraph(look.method).runs[0].font.size = Pt(11)


def _districts_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    _heading(doc, b.heading("districts"))
    _table(doc, [list(b.district_rows.columns), *b.district_rows.astype(str).to_numpy().tolist()],
           [37, 13, 16, 18, 17, 17, 13, 17, 17], total_row=True)


def _items_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    lang = b.lang
    _heading(doc, b.heading("items"))
    if not b.items:
        doc.add_paragraph(b.items_empty)
        return
    doc.add_paragraph(t("briefing.items_intro", lang)).runs[0].font.size = Pt(11)
    items = [[t(f"briefing.col_{c}", lang)
              for c in ("id", "target", "plan", "deadline", "entered", "actual", "note", "status")]]
    items += [[r["id"], r["label"], r["plan"], r["deadline"], r["entered"], r["actual"], r["note"], r["status"]]
              for r in b.items]
    _table(doc, items, [10, 36, 13, 18, 20, 12, 34, 22], progress=[r["progress"] for r in b.items], status_col=7)


def _sources_section(doc: DocumentObject, b: Briefing, _sheets: dict[str, bytes]) -> None:
    _heading(doc, b.heading("sources"))
    for line in [*b.sources, *b.method]:
        paragraph = doc.add_paragraph(line, style="List Bullet")
        paragraph.runs[0].font.size = Pt(11)


# Section id (geo.briefing.content.SECTIONS) -> its writer
SECTION_WRITERS: Final[dict[str, Callable[[DocumentObject, Briefing, dict[str, bytes]], None]]] = {
    "targets": _targets_section, "trend": _trend_section, "maps": _maps_section, "hotspots": _hotspots_section,
    "changed": _changed_section,
    "districts": _districts_section, "items": _items_section, "sources": _sources_section,
}
