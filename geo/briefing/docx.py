"""The briefing as a Word document (python-docx), for staff who must edit it before it goes out.

The same :class:`geo.briefing.content.Briefing` as the PDF, in the same order. The maps are the Export page's sheets as
PNG pictures (a Word document cannot hold a PDF page); the headings use Word's "Heading 1/2" styles, and a
table-of-contents field that Word fills in when the document is opened (or on "Update field"). Page numbers
are a PAGE field in the footer. Text is in Times New Roman, which every Windows and LibreOffice installation
has with the Vietnamese letters.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Final

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from geo.briefing.content import PROGRESS_COLOURS, Briefing
from geo.periods import period_label
from geo.text import t

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

FONT: Final = "Times New Roman"
MAP_DPI: Final = 200
ACCENT: Final = RGBColor(0x08, 0x30, 0x6B)
WARN: Final = RGBColor(0xB3, 0x00, 0x00)


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
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.width = Mm(widths_mm[j])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            run.font.size = Pt(9)
            if i == 0:
                run.bold = True
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                _shade(cell, "08306B")
            elif total_row and i == len(rows) - 1:
                run.bold = True
            if progress and status_col == j and i > 0:
                run.bold = True
                run.font.color.rgb = RGBColor.from_string(PROGRESS_COLOURS.get(progress[i - 1], "#333333")[1:])
    doc.add_paragraph()


def render_docx(b: Briefing, sheets_png: dict[str, bytes] | None = None) -> bytes:
    """The briefing as DOCX bytes (A4 portrait).

    Parameters
    ----------
    b : Briefing
        From :func:`geo.briefing.content.build_briefing`.
    sheets_png : dict, optional
        Theme → the sheet as PNG; drawn with :func:`geo.maps.sheets.render_sheet` at :data:`MAP_DPI` when not given.
    """
    from geo.maps.sheets import render_sheet  # heavy import: only when building

    doc = _document(b)
    _cover(doc, b)
    _targets_section(doc, b)
    if b.trend_png:
        doc.add_heading(t("briefing.s_trend", b.lang), level=1)
        doc.add_picture(io.BytesIO(b.trend_png), width=Mm(174))
        doc.add_paragraph(b.trend_caption).runs[0].font.size = Pt(9)
    if sheets_png is None:
        sheets_png = {o.theme: render_sheet(b.sheet_inputs, o, "png", MAP_DPI) for o in b.map_options}
    _maps_section(doc, b, sheets_png)
    _tables_sections(doc, b)
    doc.add_heading(t("briefing.s_sources", b.lang), level=1)
    for line in [*b.sources, *b.method]:
        doc.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _document(b: Briefing) -> DocumentObject:
    """An empty A4 document in the briefing's fonts and colours, its properties, page header and footer."""
    lang = b.lang
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = ACCENT
    doc.core_properties.title = b.title
    doc.core_properties.subject = b.area
    doc.core_properties.author = "geo.briefing.content"
    doc.core_properties.language = lang

    header = section.header.paragraphs[0]
    header.text = f"{b.title} · {b.area}"
    header.runs[0].font.size = Pt(8)
    if b.illustrative:
        run = header.add_run(f"    {t('briefing.mark', lang)}")
        run.bold = True
        run.font.size = Pt(8)
        run.font.color.rgb = WARN
    footer = section.footer.paragraphs[0]  # "Trang 3/12": PAGE and NUMPAGES fields inside the sentence
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = t("briefing.page", lang, n="\0", total="\1").partition("\0")
    middle, _, tail = after.partition("\1")
    footer.add_run(before)
    _field(footer, "PAGE", "1")
    footer.add_run(middle)
    _field(footer, "NUMPAGES", "1")
    footer.add_run(tail)
    return doc


def _cover(doc: DocumentObject, b: Briefing) -> None:
    """The cover: kicker, title, period, area and date, the illustrative warning, the headline, the contents."""
    lang = b.lang
    kicker = doc.add_paragraph()
    run = kicker.add_run(b.kicker)
    run.bold, run.font.size = True, Pt(9)
    doc.add_paragraph(t("briefing.title", lang), style="Title")
    doc.add_paragraph(t("briefing.subtitle", lang)).runs[0].font.size = Pt(14)
    info = doc.add_table(rows=3, cols=2)
    for row, (key, value) in zip(info.rows, [(t("briefing.period", lang), period_label(b.period, lang)),
                                             (t("briefing.area", lang), b.area),
                                             (t("briefing.made", lang), f"{b.made:%d/%m/%Y}")], strict=True):
        row.cells[0].width, row.cells[1].width = Mm(40), Mm(134)
        row.cells[0].paragraphs[0].add_run(key).bold = True
        row.cells[1].paragraphs[0].add_run(value)
    doc.add_paragraph()
    if b.illustrative:
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = mark.add_run(t("briefing.mark", lang))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), WARN
        line = doc.add_paragraph(t("briefing.mark_line", lang))
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.runs[0].font.color.rgb = WARN
    doc.add_paragraph(b.headline)
    doc.add_heading(t("briefing.contents", lang), level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', t("briefing.toc_hint", lang))
    doc.add_page_break()


def _targets_section(doc: DocumentObject, b: Briefing) -> None:
    """Section 1: the notes, then each target with its result, the previous period's, the change, the judgement."""
    lang = b.lang
    doc.add_heading(t("briefing.s_targets", lang), level=1)
    for note in b.notes:
        doc.add_paragraph(note).runs[0].font.size = Pt(9)
    rows = [[t(f"briefing.col_{c}", lang) for c in ("id", "target", "plan", "actual", "previous", "change", "status")]]
    rows += [[r["id"], r["label"], r["plan"], r["actual"], r["previous"], r["change"], r["status"]] for r in b.targets]
    _table(doc, rows, [11, 55, 19, 19, 19, 23, 28], progress=[r["progress"] for r in b.targets], status_col=6)


def _maps_section(doc: DocumentObject, b: Briefing, sheets_png: dict[str, bytes]) -> None:
    """Section 3: one page per theme sheet, titled."""
    from geo.maps.sheets import theme_title

    doc.add_page_break()
    doc.add_heading(t("briefing.s_maps", b.lang), level=1)
    for i, options in enumerate(b.map_options):
        theme = options.theme
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(theme_title(theme, b.lang), level=2)
        doc.add_picture(io.BytesIO(sheets_png[theme]), height=Mm(225))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_page_break()


def _tables_sections(doc: DocumentObject, b: Briefing) -> None:
    """Sections 4 to 6: the communes that changed, the districts, the items without commune figures."""
    lang = b.lang
    doc.add_heading(t("briefing.s_changed", lang), level=1)
    doc.add_paragraph(b.changes_line)
    if not b.changed.empty:
        _table(doc, [list(b.changed.columns), *b.changed.astype(str).to_numpy().tolist()], [60, 54, 30, 30])
    doc.add_heading(t("briefing.s_districts", lang), level=1)
    _table(doc, [list(b.district_rows.columns), *b.district_rows.astype(str).to_numpy().tolist()],
           [44, 13, 16, 19, 18, 18, 13, 17, 16], total_row=True)
    doc.add_heading(t("briefing.s_items", lang), level=1)
    doc.add_paragraph(t("briefing.items_intro", lang)).runs[0].font.size = Pt(9)
    items = [[t(f"briefing.col_{c}", lang)
               for c in ("id", "target", "plan", "deadline", "entered", "actual", "note", "status")]]
    items += [[r["id"], r["label"], r["plan"], r["deadline"], r["entered"], r["actual"], r["note"], r["status"]]
              for r in b.items]
    _table(doc, items, [11, 40, 13, 19, 21, 13, 34, 23], progress=[r["progress"] for r in b.items], status_col=7)
