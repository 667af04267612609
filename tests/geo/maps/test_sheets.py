import datetime as dt
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from geo.boundaries.border import read_laos_border
from geo.figures.summary import filter_districts, join_status
from geo.maps import exports, sheets
from geo.maps.themes import theme_map
from geo.records.store import load_records

MADE = dt.date(2026, 3, 12)
LOW_DPI = 40


@pytest.fixture(scope="module")
def inputs(communes_gdf, illustrative_engine):
    """The 2019 illustrative records on the real commune layer."""
    return sheets.SheetInputs(communes_gdf, load_records(illustrative_engine, "2019"), True, read_laos_border(),
                              unit_version="2017-04-19")


def pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: `make test` installs Debian's poppler-utils")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_font_has_every_vietnamese_glyph():
    from matplotlib import font_manager, ft2font

    family = sheets.vietnamese_font()
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    charmap = ft2font.FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for c in "Thị trấn Thống Nhất Quang Chiểu Mường Lát ẮẶỮỰỸđ")


def test_png_a4_portrait_at_300_dpi_has_the_paper_size(inputs):
    data = sheets.render_sheet(inputs, sheets.SheetOptions(theme="healthy", period="2019", made=MADE), "png")
    image = Image.open(io.BytesIO(data))
    assert image.size == (2480, 3508)
    assert [round(d) for d in image.info["dpi"]] == [300, 300]


@pytest.mark.parametrize(("paper", "orientation", "size"), [
    ("a3", "landscape", (827, 585)),  # 420 x 297 mm at 50 dpi
    ("a4", "landscape", (585, 413)),
])
def test_png_pixel_size_is_paper_times_dpi(inputs, paper, orientation, size):
    options = sheets.SheetOptions(theme="border", period="2019", paper=paper, orientation=orientation, made=MADE)
    image = Image.open(io.BytesIO(sheets.render_sheet(inputs, options, "png", dpi=50)))
    assert image.size == size
    assert round(image.info["dpi"][0]) == 50


def test_pdf_names_theme_period_area_and_legend_with_diacritics(inputs, communes_gdf, tmp_path):
    options = sheets.SheetOptions(theme="conversions", period="2019", districts=("384",), made=MADE)
    data = sheets.render_sheet(inputs, options, "pdf", dpi=LOW_DPI)
    assert re.search(rb"/MediaBox \[\s*0 0 595\.\d+ 841\.\d+\s*\]", data)  # A4 portrait in points
    text = pdf_text(data, tmp_path)
    assert "BẢN ĐỒ CHUYỂN HÓA ĐỊA BÀN TRỌNG ĐIỂM" in text
    assert "Kỳ báo cáo: Năm 2019" in text and "Huyện Mường Lát" in text
    assert "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" in text
    assert "Quang Chiểu" in text  # a commune label of the district
    assert "Lập ngày 12/03/2026" in text
    assert "Map maker Vietnam" in text and "2009" in text and "GSO 2019" in text

    # the legend is the live map's: same labels, same counts, from geo.maps.themes for the same settings
    gdf = filter_districts(communes_gdf, ["384"])
    records = inputs.records
    live = theme_map("conversions", join_status(gdf, records[records["commune_code"].isin(gdf["commune_code"])]))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for entry in live.legend.entries:
        assert any(line.startswith(f"{entry.label} {entry.count}") or f" {entry.label} {entry.count}" in line
                   for line in lines), entry
    assert sum(e.count for e in live.legend.entries) == len(gdf)


def test_pdf_inspections_legend_has_class_limits_and_method(inputs, tmp_path):
    options = sheets.SheetOptions(theme="inspections", period="2019", metric="per_km2", scheme="natural_breaks",
                                  k=4, lang="en", made=MADE)
    _, theme = sheets.sheet_theme(inputs, options)
    text = pdf_text(sheets.render_sheet(inputs, options, "pdf", dpi=LOW_DPI), tmp_path)
    assert "INSPECTION DENSITY OF AT-RISK ESTABLISHMENTS" in text
    assert "Period: 2019 — Area: the whole of Thanh Hóa province" in text
    squeezed = " ".join(text.split())
    for entry in theme.legend.entries:
        assert f"{entry.label} {entry.count}" in squeezed
    assert "natural breaks (Fisher–Jenks), 4 classes" in squeezed
    assert "Phường Phú Sơn (Thị xã Bỉm Sơn); Thị trấn Thống Nhất (Huyện Yên Định)" in squeezed
    assert "ILLUSTRATIVE DATA / DỮ LIỆU MINH HỌA" in text


def test_no_illustrative_mark_for_imported_records(inputs, tmp_path):
    real = sheets.SheetInputs(inputs.communes, inputs.records, False, inputs.border, unit_version=inputs.unit_version)
    text = pdf_text(sheets.render_sheet(real, sheets.SheetOptions(theme="healthy", period="2019", made=MADE),
                                        "pdf", dpi=LOW_DPI), tmp_path)
    assert "MINH HỌA" not in text
    assert "báo cáo của các huyện" in text


def test_svg_is_xml_with_the_title_as_text(inputs):
    options = sheets.SheetOptions(theme="border", period="2019", orientation="landscape", made=MADE)
    data = sheets.render_sheet(inputs, options, "svg", dpi=LOW_DPI)
    root = ET.fromstring(data)
    texts = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "BẢN ĐỒ VỤ VIỆC KHU VỰC BIÊN GIỚI VIỆT – LÀO" in texts
    assert "Nạn nhân được tiếp nhận" in texts  # the proportional-circle legend
    assert "Biên giới Việt – Lào" in texts


def test_transition_sheet_needs_two_periods(inputs, illustrative_engine):
    with pytest.raises(sheets.ExportError):
        sheets.check_options(inputs, sheets.SheetOptions(theme="transition", period="2019"))
    both = exports.load_inputs(illustrative_engine, "2019", before="2018", communes=inputs.communes,
                              border=inputs.border)
    _, theme = sheets.sheet_theme(both, sheets.SheetOptions(theme="transition", period="2019", before="2018"))
    assert theme.legend.total == 635


def test_unknown_period_and_district_are_usage_errors(inputs, illustrative_engine):
    with pytest.raises(sheets.ExportError, match="2030"):
        exports.load_inputs(illustrative_engine, "2030", communes=inputs.communes, border=inputs.border)
    with pytest.raises(sheets.ExportError, match="999"):
        sheets.check_options(inputs, sheets.SheetOptions(theme="healthy", period="2019", districts=("999",),
                                                         lang="en"))


def test_names_for_labels_and_files():
    assert sheets.district_short("Thành phố Thanh Hóa") == "TP. Thanh Hóa"
    assert sheets.district_short("Huyện Mường Lát") == "Mường Lát"
    assert sheets.commune_short("Thị trấn Thống Nhất") == "TT. Thống Nhất"
    assert exports.slug("Huyện Đông Sơn") == "huyen_dong_son"


def test_sheets_title_the_period_in_words_and_the_lists_own_kinds(illustrative_engine):
    """2025-Q3's list has no township ("thị trấn"); 2019's has. The period is said in words, never as a code."""
    q3 = exports.load_inputs(illustrative_engine, "2025-Q3")
    title, subtitle = sheets.sheet_title(q3, sheets.SheetOptions(theme="healthy", period="2025-Q3"))
    assert title == "Bản đồ xã, phường lành mạnh" and "Quý 3 năm 2025" in subtitle and "2025-Q3" not in subtitle
    assert sheets.theme_title("healthy", "en", sheets.sheet_kinds(q3, "en")) == "Healthy communes"
    y2019 = exports.load_inputs(illustrative_engine, "2019")
    assert sheets.sheet_title(y2019, sheets.SheetOptions(theme="healthy", period="2019"))[0] == (
        "Bản đồ xã, phường, thị trấn lành mạnh")


def test_print_layers_keep_the_coverage_and_the_detail_a_printer_shows(inputs):
    """Simplified as a coverage: no gap or overlap opens (the area is kept), fewer vertices; finer for a district."""
    import shapely

    province = sheets.print_tolerance(inputs, sheets.SheetOptions(period="2019"), set(inputs.communes["commune_code"]))
    district = sheets.print_tolerance(inputs, sheets.SheetOptions(period="2019", districts=("384",)),
                                      set(inputs.communes.loc[inputs.communes["district_code"] == "384",
                                                              "commune_code"]))
    assert 16 <= province <= 128 and district < province  # 0.08 mm of paper at each scale
    full, simple = inputs.metric_layers()["communes"], inputs.print_layers(province)["communes"]
    assert shapely.get_num_coordinates(simple.geometry.values).sum() < 0.5 * shapely.get_num_coordinates(
        full.geometry.values).sum()
    union_full, union_simple = full.geometry.union_all().area, simple.geometry.union_all().area
    assert abs(union_simple - union_full) < 0.002 * union_full
    assert abs(simple.geometry.area.sum() - union_simple) < 0.001 * union_simple  # no overlap between units
