"""The leadership briefing, read back as a reader would: pdftotext on the PDF, python-docx on the DOCX.

Three documents are built once for the module (a briefing takes about half a minute: four real map sheets):
the province in Vietnamese as PDF through the command line, one district in English as PDF, and the same
district as DOCX.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from geo.access import accounts, audit
from geo.cli.main import main
from geo.figures import plan_items
from geo.figures.targets import plan_for
from geo.records.store import get_engine

PERIOD = "2019-Q2"
DISTRICT = "384"  # Huyện Mường Lát


def pdftotext(path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def flowing(path) -> str:
    """The text in reading order with every run of white space as one space (wrapped cells join up)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def pages(path) -> list[str]:
    return pdftotext(path).split("\f")[:-1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A seeded database with one plan-item entry (T9, one model built by June)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('briefing') / 'b.sqlite'}"
    engine = get_engine(url, seed=True)
    editor = accounts.add_user(engine, "editor1", "correct horse battery", "editor")
    plan_items.record_progress(engine, plan_for(2019), editor, "T9", "in_progress", value="1",
                               note="Mô hình đồng đẳng ở Mường Lát", as_of="2019-06-15")
    return url


@pytest.fixture(scope="module")
def province_pdf(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "province.pdf"
    assert main(["briefing", "--period", PERIOD, "--out", str(out), "--db", db]) == 0
    return out


@pytest.fixture(scope="module")
def district_pdf(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "district.pdf"
    assert main(["--lang", "en", "briefing", "--period", PERIOD, "--district", DISTRICT, "--out", str(out),
                 "--db", db]) == 0
    return out


@pytest.fixture(scope="module")
def district_docx(db, tmp_path_factory):
    import docx

    out = tmp_path_factory.mktemp("out") / "district.docx"
    assert main(["briefing", "--period", PERIOD, "--district", DISTRICT, "--out", str(out), "--db", db,
                 "--user", "editor1"]) == 0
    return docx.Document(str(out))


@pytest.fixture(scope="module")
def q3_pdf(db, tmp_path_factory):
    """The province's briefing of 2025-Q3: the first quarter on the 166 units without districts."""
    out = tmp_path_factory.mktemp("out") / "q3.pdf"
    assert main(["briefing", "--period", "2025-Q3", "--out", str(out), "--db", db]) == 0
    return out


def summary_json(db: str, *extra: str, period: str = PERIOD) -> dict:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["summary", "--period", period, "--db", db, "--json", *extra]) == 0
    return json.loads(buffer.getvalue())


def test_every_target_with_the_figures_of_the_summary_command(province_pdf, db):
    text = pdftotext(province_pdf)
    figures = summary_json(db)
    joined = flowing(province_pdf)
    for target in plan_for(2019).targets:
        assert target.label_vi in joined, target.id
        assert re.search(rf"^\s*{target.id}\s", text, re.M), target.id
    ratio = f"{figures['healthy_ratio']:.2f}".replace(".", ",")
    assert f"{figures['healthy']}/{figures['communes_total']} xã, phường, thị trấn lành mạnh ({ratio} %)" in text
    assert "93,86 %" in text and "60–80" in text  # the plan's own figures, Vietnamese decimal comma
    # a quarter's yearly counts are the year to date: Q1's inspections plus Q2's, against half of 60
    ytd = summary_json(db, period="2019-Q1")["inspections_period"] + figures["inspections_period"]
    assert ytd == figures["inspections_ytd"]
    row = next(line for line in text.splitlines() if re.match(r"\s*T4\s", line))
    assert f" {ytd} " in row and "Đang thực hiện (đúng" in row and ytd >= 30  # the overview's word, then the pace
    assert "Đang thực hiện (đúng tiến độ)" in joined


def test_cover_says_illustrative_and_names_period_area_date(province_pdf):
    first = pages(province_pdf)[0]
    assert "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" in first
    assert "BÁO CÁO TÓM TẮT" in first and "Quý 2 năm 2019" in first and "Toàn tỉnh Thanh Hóa" in first
    assert re.search(r"Ngày lập\s+\d\d/\d\d/20\d\d", first)


def test_diacritics_stay_text_in_embedded_dejavu(province_pdf):
    text = flowing(province_pdf)
    for word in ("Thường Xuân", "Quảng Xương", "Chậm tiến độ", "Đạt", "Nguồn số liệu và phương pháp",
                 "Kiện toàn Đoàn liên ngành 178", "Bản đồ vụ việc khu vực biên giới Việt – Lào"):
        assert word in text, word
    fonts = subprocess.run(["pdffonts", str(province_pdf)], capture_output=True, text=True, check=True).stdout
    dejavu = [line for line in fonts.splitlines() if "DejaVuSans" in line]
    assert dejavu and all(" yes " in line for line in dejavu)  # embedded (subsets)


def test_page_numbers_and_table_of_contents(province_pdf):
    text_pages = pages(province_pdf)
    total = len(text_pages)
    assert total > 4
    for n, page in enumerate(text_pages[1:], start=2):
        assert f"Trang {n}/{total}" in page, n
    cover = text_pages[0]
    assert "Mục lục" in cover
    entries = dict(re.findall(r"^\s*(\d\. [^.\n]+?)\s*(?:\. )+\.?\s*(\d+)\s*$", cover, re.M))
    assert entries["1. Chỉ tiêu của Kế hoạch"] == "2"
    assert "2. Xu hướng qua các kỳ" in entries  # the trend chart (geo/figures/trend.py) rendered offline
    for heading, page in entries.items():  # each entry points at the page that carries the heading
        shown = " ".join(text_pages[int(page) - 1].split())
        assert heading in shown or (heading == "3. Bản đồ chuyên đề"  # the maps start with the first sheet
                                    and "BẢN ĐỒ XÃ, PHƯỜNG, THỊ TRẤN LÀNH MẠNH" in shown), heading
    maps = [i for i, p in enumerate(text_pages, start=1) if "CHÚ GIẢI" in p]
    assert len(maps) == 4  # the four theme sheets, each a page with its legend


def test_plan_items_show_their_latest_entry(province_pdf):
    text = flowing(province_pdf)
    assert "Mô hình đồng đẳng ở Mường Lát" in text and "(editor1, 15/06/2019)" in text
    assert "so với quý 1 năm 2019" in text  # the previous period, mid-sentence
    assert "7. Các nhiệm vụ không tính theo xã" in text


def test_vietnamese_version_has_no_english_words(province_pdf):
    text = pdftotext(province_pdf).replace("ILLUSTRATIVE DATA", "")
    for word in ("Period", "Target", "Status", "Page", "District", "Healthy", "Legend", "Made on", "Contents",
                 "No data", "on track", "behind"):
        assert not re.search(rf"\b{word}\b", text, re.I), word


def test_district_briefing_in_english(district_pdf, db):
    text_pages = pages(district_pdf)
    text = "\n".join(text_pages)
    figures = summary_json(db, "--district", DISTRICT)
    assert "LEADERSHIP BRIEFING" in text_pages[0] and "Huyện Mường Lát" in text_pages[0]
    assert "ILLUSTRATIVE DATA / DỮ LIỆU MINH HỌA" in text_pages[0]
    assert f"{figures['healthy']} of {figures['communes_total']} communes healthy" in flowing(district_pdf)
    assert "The plan's targets are province-wide" in text
    t1 = next(line for line in text.splitlines() if re.match(r"\s*T1\s", line))
    assert "Province-wide" in t1  # a district's 9 communes are not judged against the province's 590
    t3 = next(line for line in text.splitlines() if re.match(r"\s*T3\s", line))
    # a district without targets of its own is judged against none of the province's (summary.assess_targets)
    assert "Province-wide" in t3 and not re.search(r"\b(Met|Not met|Above|In progress)\b", t3)
    assert f"Page 2 of {len(text_pages)}" in text_pages[1]
    table = text[text.index("6. Results by district"):]
    assert "Huyện Mường Lát" in table and "Huyện Quan Hóa" not in table.split("7. Plan items")[0]


def test_docx_holds_the_same_content_for_staff_to_edit(district_docx):
    doc = district_docx
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in body and "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" in body
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Chỉ tiêu của Kế hoạch" in headings and "8. Nguồn số liệu và phương pháp" in headings
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for target in plan_for(2019).targets:
        assert target.label_vi in cells, target.id
    assert "Huyện Mường Lát" in cells and "Mô hình đồng đẳng ở Mường Lát" in cells
    assert len(doc.inline_shapes) == 5  # the trend chart and the four map sheets as pictures
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_is_laid_out_as_a_report_under_decree_30(district_docx):
    """Motto, issuing body, number, place and date, "BÁO CÁO", Times New Roman 13, margins, recipients, signature."""
    doc = district_docx
    letterhead = [[c.text for c in row.cells] for row in doc.tables[0].rows][0]
    assert letterhead[0].splitlines()[:2] == ["UBND TỈNH THANH HÓA", "Số:        /BC-UBND"]
    assert letterhead[1].splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                          "Thanh Hóa, ngày      tháng      năm"]
    body = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in body and any(p.startswith("Kết quả thực hiện Kế hoạch phòng, chống mại dâm Quý 2 năm 2019")
                                     for p in body)
    closing = [[c.text for c in row.cells] for row in doc.tables[-1].rows][0]
    assert closing[0].startswith("Nơi nhận:") and "Lưu: VT." in closing[0]
    assert closing[1].startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    assert all(doc.styles[h].font.name == "Times New Roman" for h in ("Heading 1", "Heading 2"))
    section = doc.sections[0]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    assert "PAGE" in section.header.paragraphs[0]._p.xml and section.different_first_page_header_footer


def test_the_issuing_body_is_a_setting_on_the_pdf_cover_and_the_docx(monkeypatch, db):
    """GEO_ISSUING_BODY names who issues the briefing: the PDF cover's first line and the DOCX's top left."""
    import io

    import docx
    from pypdf import PdfReader

    from geo.briefing import docx as briefing_docx
    from geo.briefing import pdf as briefing_pdf
    from geo.briefing.content import build_briefing, issuing_body

    b = build_briefing(get_engine(db), PERIOD, with_trend=False)

    def cover() -> str:  # the pages reportlab lays out (the maps go under them later)
        laid, _slots, _outline = briefing_pdf._layout(b, with_toc=False, trend_size=None)
        return PdfReader(io.BytesIO(laid)).pages[0].extract_text()

    def letterhead() -> str:
        doc = docx.Document()
        briefing_docx._letterhead(doc, b)
        return doc.tables[0].rows[0].cells[0].paragraphs[0].text

    assert issuing_body("vi", short=True) == letterhead() == "UBND TỈNH THANH HÓA"
    assert cover().startswith("ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
    monkeypatch.setenv("GEO_ISSUING_BODY", "Công an tỉnh Thanh Hóa")
    assert issuing_body("vi", short=True) == issuing_body("vi") == "Công an tỉnh Thanh Hóa"
    assert cover().startswith("CÔNG AN TỈNH THANH HÓA") and "ỦY BAN NHÂN DÂN" not in cover()
    assert letterhead() == "CÔNG AN TỈNH THANH HÓA"


def test_cli_usage_errors_and_unwritable_file(db, tmp_path, capsys):
    out = str(tmp_path / "b.pdf")
    assert main(["briefing", "--period", "2030", "--out", out, "--db", db]) == 2
    assert "Kỳ 2030 không có số liệu" in capsys.readouterr().err
    assert main(["--lang", "en", "briefing", "--period", PERIOD, "--district", "999", "--out", out, "--db", db]) == 2
    assert "No district with code 999" in capsys.readouterr().err
    assert main(["briefing", "--period", PERIOD, "--format", "docx", "--out", out, "--db", db]) == 2
    assert main(["briefing", "--period", PERIOD, "--out", str(tmp_path / "b.odt"), "--db", db]) == 2
    assert not (tmp_path / "b.pdf").exists()


def test_small_counts_are_masked_for_an_account_without_the_right(db):
    from geo.briefing.content import build_briefing

    engine = get_engine(db)
    masked = build_briefing(engine, "2019", suppress_small=True)
    plain = build_briefing(engine, "2019")
    cases = masked.district_rows["Vụ án trong kỳ"]
    raw = plain.district_rows["Vụ án trong kỳ"]
    small = [i for i, v in enumerate(raw) if v in ("1", "2")]
    assert small, "the illustrative data has districts with 1 or 2 cases"
    assert all(cases[i] == "<3" for i in small)
    assert any("«<3»" in line for line in masked.method)


def test_each_briefing_is_audited_by_the_domain_with_who_asked(db, province_pdf, district_pdf, district_docx):
    """The command calls geo.briefing.document.make_briefing, as the Export page does: it writes the line."""
    log = audit.read_log(get_engine(db))
    lines = [(r.username, json.loads(r.detail)) for r in log.iloc[::-1].itertuples() if r.action == "export"]
    assert sorted((who, d["format"], d["file"], d["districts"], d["lang"]) for who, d in lines) == [
        ("editor1", "docx", "district.docx", [DISTRICT], "vi"),
        (audit.os_login(), "pdf", "district.pdf", [DISTRICT], "en"),
        (audit.os_login(), "pdf", "province.pdf", [], "vi")]
    for _, detail in lines:
        assert set(detail) == {"theme", "period", "districts", "lang", "format", "file", "small_counts_masked",
                               "seconds"}
        assert (detail["theme"], detail["period"], detail["small_counts_masked"]) == ("briefing", PERIOD, False)
        assert 0 < detail["seconds"] < 600


def test_a_briefing_whose_line_cannot_be_written_is_delivered_with_a_warning(db, tmp_path):
    import io
    import shutil

    import docx

    from geo.briefing.document import make_briefing
    from tests.util import audit_cannot_be_written

    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(get_engine(db).url.database, copy)
    engine = get_engine(f"sqlite:///{copy}")
    before = len(audit.read_log(engine))
    audit_cannot_be_written(engine)
    made = make_briefing(engine, "editor1", PERIOD, "docx", districts=[DISTRICT], lang="en", suppress_small=True)
    assert made.warning == "The audit line could not be written to the database (read-only, full or unreachable)."
    assert (made.name, made.size, made.illustrative) == (f"bao_cao_{PERIOD}_{DISTRICT}.docx", len(made.data), True)
    document = docx.Document(io.BytesIO(made.data))  # the document all the same
    assert "REPORT" in "\n".join(p.text for p in document.paragraphs)
    assert "Huyện Mường Lát" in " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert len(audit.read_log(engine)) == before


def test_a_2025_q3_briefing_is_fit_for_an_official_report(q3_pdf):
    """A 2025-Q3 briefing as an official report needs it.

    At most 3 MB; no developer text; nothing after 2025-Q3; sheets in words and the list's kinds; sources of the
    report's own list and of the period it compares with; no table without rows; no page with a stray line.
    """
    assert q3_pdf.stat().st_size <= 3_000_000
    text_pages = pages(q3_pdf)
    text = "\n".join(text_pages)
    assert not re.search(r"data/|\.toml|\.md\b|python|generate-illustrative|--[a-z]|github", text, re.I)
    assert not re.search(r"Quý 4(/| năm )2025|Quý \d(/| năm )2026|\b20\d\d-Q\d", text)  # nothing after the report
    sheets = [p for p in text_pages if "Kỳ báo cáo: Quý 3 năm 2025" in p]
    assert len(sheets) == 4 and all("thị trấn" not in p.lower() for p in sheets)
    assert "BẢN ĐỒ XÃ, PHƯỜNG LÀNH MẠNH" in sheets[0]
    targets = text[text.rindex("1. Chỉ tiêu của Kế hoạch"):text.rindex("2. Xu hướng qua các kỳ")]  # not the contents
    assert re.search(r"^\s*T\d+\s", targets, re.M) or "Chưa có kế hoạch năm 2025 trong hệ thống" in targets
    items = flowing(q3_pdf).split("Các nhiệm vụ không tính theo xã")[-1]
    assert re.search(r"\bT\d+\b", items) or "không có nhiệm vụ nào" in items
    sources = flowing(q3_pdf).split("Nguồn số liệu và phương pháp")[-1]
    assert "có hiệu lực từ 01/07/2025: 166 đơn vị cấp xã (xã, phường" in sources
    assert "Kỳ so sánh (Quý 2 năm 2025)" in sources and "01/01/2025: 549 đơn vị" in sources
    assert "mã GSO năm 2019" not in sources and "635 units" not in sources
    for number, page in enumerate(text_pages, start=1):  # a page holds more than a heading or a line or two
        assert len([line for line in page.splitlines() if line.strip()]) >= 8, number


def test_a_finished_year_is_judged_in_the_overviews_words(db):
    """2019 is over: a target short of its figure is "Chưa đạt", as on the overview, never "Chậm tiến độ"."""
    from geo.briefing.content import build_briefing
    from geo.figures.period import period_figures
    from geo.text import t

    engine = get_engine(db)
    briefing = build_briefing(engine, "2019", with_trend=False)
    figures = period_figures(engine, None, "2019")
    words = {a.id: t(f"targets.{a.status}", "vi") for a in figures.assessment}
    assert {r["id"]: r["status"] for r in briefing.targets} == words
    assert "Chưa đạt" in words.values() and "Chậm tiến độ" not in words.values()



def test_the_briefing_says_where_to_look_from_the_hot_spots(province_pdf):
    """Section 4, from geo.figures.hotspots (the hot-spots page's and CLI's function): a table or one sentence."""
    text = flowing(province_pdf)
    start = text.rindex("4. Nơi cần tập trung kiểm tra (điểm nóng)")  # the heading, after the contents' line
    section = text[start:text.index("5. Các xã thay đổi", start)]
    assert "điểm nóng có ý nghĩa thống kê" in section or "không có điểm nóng nào có ý nghĩa thống kê" in section
    assert "Getis" in section or "Gi*" in section  # the method in one sentence
