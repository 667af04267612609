"""The briefing as an A4 portrait PDF (reportlab), with the four map sheets of :mod:`geo.maps.sheets` as pages.

Text stays text: DejaVu Sans (shipped inside matplotlib, every Vietnamese diacritic) is embedded as a TrueType
subset. The map pages are the vector PDF sheets of the Export page: reportlab lays out the document with an
empty page where each map goes (so the page numbers and the table of contents count it), then pypdf lays the
sheet under that page. Page numbers ("Trang 3/11") on every page but the cover; a table of contents on the
cover when the document has more than :data:`TOC_AFTER` pages.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Final
from xml.sax.saxutils import escape

import matplotlib
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from geo.briefing.content import PROGRESS_COLOURS, Briefing
from geo.periods import period_label
from geo.text import t

if TYPE_CHECKING:
    from collections.abc import Callable

TOC_AFTER: Final = 4  # pages: a table of contents when the document is longer
MARGIN: Final = 18 * mm
PAGE_W, PAGE_H = A4
BODY_W: Final = PAGE_W - 2 * MARGIN
ACCENT: Final = colors.HexColor("#08306b")
WARN: Final = colors.HexColor("#b30000")
MUTED: Final = colors.HexColor("#555555")
RULE: Final = colors.HexColor("#c8c8c8")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts() -> None:
    """DejaVu Sans and its bold, from matplotlib's own copy (always installed with it)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0,
                               textColor=colors.white),
        "kicker": ParagraphStyle("kicker", parent=base, fontName=BOLD, fontSize=8.5, textColor=MUTED, leading=12),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=24, leading=30, textColor=ACCENT,
                                spaceBefore=18, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=17, spaceAfter=14),
        "mark": ParagraphStyle("mark", parent=base, fontName=BOLD, fontSize=13, leading=17, textColor=WARN,
                               alignment=TA_CENTER, spaceAfter=2),
        "markline": ParagraphStyle("markline", parent=base, fontSize=8.5, leading=11, textColor=WARN,
                                   alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=13.5, leading=18, textColor=ACCENT,
                             spaceBefore=10, spaceAfter=6),
        "toc0": ParagraphStyle("toc0", parent=base, fontSize=10, leading=14, leftIndent=0),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=9, leading=12, leftIndent=8 * mm, textColor=MUTED),
    }


def _p(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: notes come from users)."""
    return Paragraph(escape(str(value)), style)


class _MapSlot(Flowable):
    """Stands for one map sheet: takes a whole page of the ``map`` template and remembers its page number."""

    def __init__(self, key: str, toc: list[tuple[int, str]], slots: dict[str, int]) -> None:
        super().__init__()
        self.key, self.toc, self.slots = key, toc, slots

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return avail_w, 1

    def draw(self) -> None:
        self.slots[self.key] = self.canv.getPageNumber()
        self.canv.bookmarkPage(self.key)


class _ChartSlot(Flowable):
    """Keeps room for a vector chart laid on the page later (:func:`render_pdf`) and remembers where it went."""

    def __init__(self, width: float, height: float, placed: dict[str, tuple[int, float, float]]) -> None:
        super().__init__()
        self.width, self.height, self.placed = width, height, placed

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.placed["trend"] = (self.canv.getPageNumber(), x, y)


class _Doc(BaseDocTemplate):
    """Pages: cover, body (running header) and map (nothing but the page number; the sheet goes under it)."""

    def __init__(self, buffer: io.BytesIO, briefing: Briefing) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
                         bottomMargin=MARGIN, title=briefing.title, author="geo.briefing.content",
                         subject=f"{briefing.area} — {period_label(briefing.period, briefing.lang)}",
                         lang=briefing.lang, creator="geo.briefing.pdf")
        self.briefing = briefing
        body = Frame(MARGIN, MARGIN, BODY_W, PAGE_H - 2 * MARGIN - 4 * mm, id="body", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        whole = Frame(0, 0, PAGE_W, PAGE_H, id="whole", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [body], onPage=self._cover_page),
            PageTemplate("body", [body], onPage=self._body_page),
            PageTemplate("map", [whole]),
        ])
        self.slots: dict[str, int] = {}
        self.outline: list[tuple[int, str, int]] = []  # (level, text, page) for the PDF's bookmarks

    def beforeDocument(self) -> None:
        """Start each pass of ``multiBuild`` with an empty outline."""
        self.outline = []

    def afterFlowable(self, flowable: Flowable) -> None:
        """Send headings and map slots to the table of contents."""
        entries: list[tuple[int, str]] = []
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            entries = [(0, flowable.getPlainText())]
        elif isinstance(flowable, _MapSlot):
            entries = flowable.toc
        for level, label in entries:
            key = f"toc-{level}-{abs(hash(label))}"  # the same key in every pass, or the TOC never settles
            self.canv.bookmarkPage(key)
            self.notify("TOCEntry", (level, label, self.page, key))
            self.outline.append((level, label, self.page))

    def _running(self, canvas: Canvas) -> None:
        b = self.briefing
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, PAGE_H - MARGIN + 2 * mm, f"{b.title} · {b.area}")
        if b.illustrative:
            canvas.setFillColor(WARN)
            canvas.setFont(BOLD, 7.5)
            canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - MARGIN + 2 * mm, t("briefing.mark", b.lang))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE_H - MARGIN, PAGE_W - MARGIN, PAGE_H - MARGIN)
        canvas.restoreState()

    def _cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE_H - 9 * mm, PAGE_W, 9 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._running(canvas)


def _numbered_canvas(lang: str) -> Callable[..., Canvas]:
    """A canvas that writes "Trang n/N" at the foot of every page but the cover, once N is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                n = self._pageNumber
                if n > 1:
                    self.setFont(FONT, 7.5)
                    self.setFillColor(MUTED)
                    # 4 mm from the foot: below the map sheets' frame (6 mm) as well as the body's margin
                    self.drawCentredString(PAGE_W / 2, 3.2 * mm, t("briefing.page", lang, n=n, total=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(rows: list[list[object]], widths: list[float], styles: dict[str, ParagraphStyle],
           status_col: int | None = None, progress: list[str] | None = None, total_row: bool = False) -> Table:
    """A table with a dark header row, thin rules and wrapped cells; the status column coloured."""
    head = [_p(h, styles["head"]) for h in rows[0]]
    body = [[c if isinstance(c, Flowable) else _p(c, styles["cell"]) for c in r] for r in rows[1:]]
    if status_col is not None and progress:
        for i, key in enumerate(progress):
            colour = PROGRESS_COLOURS.get(key, "#333333")
            body[i][status_col] = Paragraph(
                f'<font color="{colour}"><b>{escape(str(rows[i + 1][status_col]))}</b></font>', styles["cell"])
    table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row:
        style += [("LINEABOVE", (0, -1), (-1, -1), 0.9, ACCENT), ("FONTNAME", (0, -1), (-1, -1), BOLD)]
    table.setStyle(TableStyle(style))
    return table


def _story(b: Briefing, with_toc: bool, slots: dict[str, object]) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [NextPageTemplate("body")]  # every page after the cover is a body page
    story += _cover(b, st, with_toc)
    for section in b.sections():
        story += SECTION_WRITERS[section](b, st, slots)
    return story


def _cover(b: Briefing, st: dict[str, ParagraphStyle], with_toc: bool) -> list[Flowable]:
    lang = b.lang
    story: list[Flowable] = [Spacer(1, 10 * mm), _p(b.kicker, st["kicker"]), _p(t("briefing.title", lang), st["title"]),
                             _p(t("briefing.subtitle", lang), st["subtitle"])]
    info = [[_p(t("briefing.period", lang), st["cellb"]), _p(period_label(b.period, lang), st["cell"])],
            [_p(t("briefing.area", lang), st["cellb"]), _p(b.area, st["cell"])],
            [_p(t("briefing.made", lang), st["cellb"]), _p(f"{b.made:%d/%m/%Y}", st["cell"])]]
    grid = Table(info, colWidths=[35 * mm, BODY_W - 35 * mm], hAlign="LEFT")
    grid.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [grid, Spacer(1, 6 * mm)]
    if b.illustrative:
        box = Table([[_p(t("briefing.mark", lang), st["mark"])], [_p(t("briefing.mark_line", lang), st["markline"])]],
                    colWidths=[BODY_W])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, WARN),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fde0dd")),
                                 ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story += [box, Spacer(1, 6 * mm)]
    story.append(_p(b.headline, st["body"]))
    if with_toc:
        toc = TableOfContents(levelStyles=[st["toc0"], st["toc1"]], dotsMinLevel=0)
        story += [Spacer(1, 4 * mm), _p(t("briefing.contents", lang), ParagraphStyle("tocttl", parent=st["h1"])), toc]
    story.append(PageBreak())
    return story


def _targets(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    lang = b.lang
    story: list[Flowable] = [_p(b.heading("targets"), st["h1"])]
    story += [_p(note, st["small"]) for note in b.notes]
    if not b.targets:  # a sentence, never a table of headers alone
        return [*story, _p(b.targets_empty, st["body"])]
    rows = [[t(f"briefing.col_{c}", lang) for c in ("id", "target", "plan", "actual", "previous", "change", "status")]]
    rows += [[r["id"], r["label"], r["plan"], r["actual"], r["previous"], r["change"], r["status"]]
             for r in b.targets]
    story.append(_table(rows, [10 * mm, 52 * mm, 18 * mm, 17 * mm, 16 * mm, 17 * mm, 44 * mm], st, status_col=6,
                        progress=[r["progress"] for r in b.targets]))
    return story


def _trend(b: Briefing, st: dict[str, ParagraphStyle], slots: dict[str, object]) -> list[Flowable]:
    # full width, at most 165 mm high (beside a short targets section); with its heading and caption on one page
    # (a page of its own when the targets leave too little room: never a heading or a caption alone)
    width, height = slots["trend_size"]
    scale = min(BODY_W / width, 165 * mm / height)
    slot = _ChartSlot(width * scale, height * scale, slots)
    return [Spacer(1, 4 * mm), KeepTogether([_p(b.heading("trend"), st["h1"]), slot,
                                             _p(b.trend_caption, st["small"])])]


def _maps(b: Briefing, st: dict[str, ParagraphStyle], slots: dict[str, int]) -> list[Flowable]:
    """One page each, the sheet laid under the page later (:func:`render_pdf`)."""
    from geo.maps.sheets import theme_title  # heavy import (matplotlib, geopandas): only when building

    kinds = b.sheet_kinds
    story: list[Flowable] = [NextPageTemplate("map"), PageBreak()]
    for i, options in enumerate(b.map_options):
        toc = [(1, theme_title(options.theme, b.lang, kinds))]
        if i == 0:
            toc.insert(0, (0, b.heading("maps")))
        story.append(_MapSlot(options.theme, toc, slots))
        story += [NextPageTemplate("map" if i < len(b.map_options) - 1 else "body"), PageBreak()]
    return story


def _changed(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    story: list[Flowable] = [_p(b.heading("changed"), st["h1"]), _p(b.changes_line, st["body"])]
    if not b.changed.empty:
        rows = [list(b.changed.columns), *b.changed.astype(str).to_numpy().tolist()]
        story.append(_table(rows, [60 * mm, 54 * mm, 30 * mm, 30 * mm], st))
    return story


def _hotspots(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    """Where to look: the period's significant hot spots (geo.figures.hotspots.where_to_look), or a sentence."""
    look = b.where_to_look
    head = [Spacer(1, 4 * mm), _p(b.heading("hotspots"), st["h1"]), _p(look.sentence, st["body"])]
    if not look.rows:
        return [KeepTogether([*head, _p(look.method, st["small"])])]
    rows = [list(look.header), *[list(r) for r in look.rows]]
    return [KeepTogether([*head, _table(rows, [52 * mm, 44 * mm, 22 * mm, 30 * mm, 26 * mm], st)]),
            _p(look.method, st["small"])]


def _districts(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    rows = [list(b.district_rows.columns), *b.district_rows.astype(str).to_numpy().tolist()]
    return [Spacer(1, 4 * mm), CondPageBreak(60 * mm), _p(b.heading("districts"), st["h1"]),
            _table(rows, [44 * mm, 13 * mm, 16 * mm, 19 * mm, 18 * mm, 18 * mm, 13 * mm, 17 * mm, 16 * mm], st,
                   total_row=True)]


def _items(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    lang = b.lang
    head = [Spacer(1, 4 * mm), _p(b.heading("items"), st["h1"])]
    if not b.items:
        return [KeepTogether([*head, _p(b.items_empty, st["body"])])]
    items = [[t(f"briefing.col_{c}", lang)
              for c in ("id", "target", "plan", "deadline", "entered", "actual", "note", "status")]]
    items += [[r["id"], r["label"], r["plan"], r["deadline"], r["entered"], r["actual"], r["note"], r["status"]]
              for r in b.items]
    return [KeepTogether([*head, _p(t("briefing.items_intro", lang), st["small"]),
                          _table(items, [10 * mm, 38 * mm, 17 * mm, 19 * mm, 21 * mm, 13 * mm, 33 * mm, 23 * mm], st,
                                 status_col=7, progress=[r["progress"] for r in b.items])])]


def _sources(b: Briefing, st: dict[str, ParagraphStyle], _slots: dict[str, int]) -> list[Flowable]:
    lines = [_p(f"• {line}", st["body"]) for line in b.sources]
    lines += [Spacer(1, 2 * mm)] + [_p(f"• {line}", st["body"]) for line in b.method]
    # the heading with its first lines, never alone at a page's foot; the last lines never alone on a page
    return [Spacer(1, 4 * mm), KeepTogether([_p(b.heading("sources"), st["h1"]), *lines[:3]]),
            *lines[3:-2], KeepTogether(lines[-2:])]


# Section id (geo.briefing.content.SECTIONS) -> the flowables of that section
SECTION_WRITERS: Final[dict[str, Callable[[Briefing, dict[str, ParagraphStyle], dict[str, int]], list[Flowable]]]] = {
    "targets": _targets, "trend": _trend, "maps": _maps, "hotspots": _hotspots, "changed": _changed,
    "districts": _districts,
    "items": _items, "sources": _sources,
}


def _layout(b: Briefing, with_toc: bool, trend_size: tuple[float, float] | None
            ) -> tuple[bytes, dict[str, object], list[tuple[int, str, int]]]:
    _register_fonts()
    buffer = io.BytesIO()
    doc = _Doc(buffer, b)
    slots: dict[str, object] = {"trend_size": trend_size}
    story = _story(b, with_toc, slots)
    canvasmaker = _numbered_canvas(b.lang)
    if with_toc:
        doc.multiBuild(story, canvasmaker=canvasmaker)
    else:
        doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue(), slots, doc.outline


def _under(chart: PageObject, move: Transformation, page: PageObject) -> PageObject:
    """The chart's page (the writer's copy) moved by ``move`` onto a page of ``page``'s size, under ``page``.

    Why not ``page.merge_transformed_page(chart, move)``: pypdf (7.1) parses the content stream of the page it
    merges, to rename its resources and to add the matrix; the chart's thousands of vector operations took 1 s
    of the briefing's 4,6 s of drawing. Merged the other way round, only the laid page's few operations are
    parsed, and the chart's stream keeps its bytes, wrapped in ``q <matrix> cm … Q``.
    """
    content = chart.get_contents()
    if content is not None:
        matrix = " ".join(f"{v:.6f}" for v in move.ctm).encode()
        content.set_data(b"q " + matrix + b" cm\n" + content.get_data() + b"\nQ\n")
        chart.replace_contents(content)
    chart.mediabox = page.mediabox
    for box in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        chart.pop(box, None)
    return chart


def render_pdf(b: Briefing) -> bytes:
    """The briefing as PDF bytes (``b`` from :func:`geo.briefing.content.build_briefing`).

    The map pages are the vector sheets of :func:`geo.maps.sheets.render_sheets_pdf`, drawn once as one PDF
    (their fonts embedded once) and laid under the pages reportlab left for them.
    """
    from geo.figures.trend import chart_pdf
    from geo.maps.sheets import render_sheets_pdf  # heavy import: only when building

    # Not in a second thread: vl-convert lets a Python loop run beside it, but drawn beside the sheets it
    # finished after them (measured: 3,2 s for both against 2,3 s and 0,8 s alone), no time saved.
    chart = PdfReader(io.BytesIO(chart_pdf(b.trend_spec))).pages[0] if b.trend_spec else None
    sheets = PdfReader(io.BytesIO(render_sheets_pdf(b.sheet_inputs, b.map_options))).pages
    size = (float(chart.mediabox.width), float(chart.mediabox.height)) if chart is not None else None
    laid, slots, outline = _layout(b, with_toc=False, trend_size=size)
    if len(PdfReader(io.BytesIO(laid)).pages) > TOC_AFTER:
        laid, slots, outline = _layout(b, with_toc=True, trend_size=size)
    sheet_of = {o.theme: sheets[i] for i, o in enumerate(b.map_options)}
    reader = PdfReader(io.BytesIO(laid))
    writer = PdfWriter()
    by_page = {page: theme for theme, page in slots.items() if theme in sheet_of}
    trend_at = slots.get("trend")
    for number, page in enumerate(reader.pages, start=1):
        if number in by_page:
            # pypdf 7 merges only into a page that belongs to the writer: add the sheet first
            sheet = writer.add_page(sheet_of[by_page[number]])
            sheet.merge_page(page)  # the page number over the sheet
            sheet.compress_content_streams()  # merging leaves the map's content stream uncompressed (8x larger)
        elif chart is not None and trend_at is not None and trend_at[0] == number:
            _n, x, y = trend_at
            scale = min(BODY_W / size[0], 165 * mm / size[1])
            # pypdf 7 changes only a page that belongs to the writer: add the chart's page first
            base = _under(writer.add_page(chart), Transformation().scale(scale).translate(x, y), page)
            base.merge_page(page)
            base.compress_content_streams()
        else:
            writer.add_page(page)
    parents: dict[int, object] = {}
    for level, label, page in outline:
        parent = parents.get(0) if level == 1 else None
        item = writer.add_outline_item(title=label, page_number=page - 1, parent=parent)
        if level == 0:
            parents[0] = item
    writer.add_metadata({"/Title": b.title, "/Author": "geo.briefing.content", "/Subject": b.area})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)  # the sheets share their fonts
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
