import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from openpyxl import load_workbook

from geo.access import audit
from geo.boundaries.border import line_km, read_laos_border
from geo.cli import main
from geo.maps import exports, sheets
from geo.maps.render import LEAFLET_CSS, LEAFLET_JS, TOPOJSON_JS, VENDOR_DIR
from geo.records.store import get_engine, load_records
from tests.util import as_user, audit_cannot_be_written

MADE = dt.date(2026, 3, 12)
FORMULA = '=HYPERLINK("mailto:x@example.invalid","x")'


@pytest.fixture(scope="module")
def inputs(communes_gdf, illustrative_engine):
    """The 2019 illustrative records, with a formula-like note on the first commune of Mường Lát."""
    records = load_records(illustrative_engine, "2019").copy()
    records.loc[records["commune_code"] == "14845", "notes"] = FORMULA
    return sheets.SheetInputs(communes_gdf, records, True, read_laos_border(), unit_version="2017-04-19")


def test_csv_has_bom_notice_and_neutralised_formula(inputs):
    options = sheets.SheetOptions(theme="conversions", period="2019", districts=("384",))
    data = exports.export_bytes(inputs, options, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "DỮ LIỆU MINH HỌA" in text
    assert "'" + FORMULA.replace('"', '""') in text
    assert "Thị trấn Mường Lát" in text and "Xã Quang Chiểu" in text
    assert len([line for line in text.splitlines() if re.match(r"\d{5},", line)]) == 9


def test_xlsx_reads_back_with_formulas_neutralised(inputs):
    options = sheets.SheetOptions(theme="healthy", period="2019", districts=("384",), lang="en")
    wb = load_workbook(io.BytesIO(exports.export_bytes(inputs, options, "xlsx")))
    ws = wb.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0].startswith("Healthy communes — Period: 2019")
    assert values[1][0].startswith("ILLUSTRATIVE DATA")
    header = next(i for i, row in enumerate(values) if row[0] == "Commune code")
    rows = values[header + 1:]
    assert len(rows) == 9
    note_col = values[header].index("Notes")
    cell = ws.cell(header + 2, note_col + 1)
    assert cell.value == "'" + FORMULA and cell.data_type == "s"
    assert not any(isinstance(v, str) and v.startswith("=") for row in values for v in row)
    class_col = next(i for i, h in enumerate(values[header]) if h.startswith("Map class"))
    assert {row[class_col] for row in rows} <= {"Healthy", "Not healthy", "No data"}


def test_border_export_km_sum_to_the_line_on_every_unit_version(illustrative_engine):
    # One measure for every version's layer: 635 units (2019), 559 (2020) and 166 (2025-Q3) share the same line.
    totals = {}
    for period in ("2019", "2020", "2025-Q3"):
        inputs = exports.load_inputs(illustrative_engine, period)
        options = sheets.SheetOptions(theme="border", period=period, lang="en")
        text = exports.export_bytes(inputs, options, "csv").decode("utf-8-sig")
        rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
        assert len(rows) == {"2019": 635, "2020": 559, "2025-Q3": 166}[period]
        totals[period] = sum(float(r["Border length (km)"]) for r in rows)
    assert max(totals.values()) - min(totals.values()) <= 0.5, totals
    assert totals["2019"] == pytest.approx(line_km(), abs=0.5), totals  # not the reference list's 205.3 km


def _without_vendor(page: str) -> str:
    for rel in (LEAFLET_JS, TOPOJSON_JS, LEAFLET_CSS):
        text = (VENDOR_DIR / rel).read_text(encoding="utf-8")
        page = page.replace(text.replace("</script", "<\\/script"), "")
    return page


@pytest.fixture(scope="module")
def html_page(inputs) -> str:
    return exports.export_html(inputs, sheets.SheetOptions(theme="healthy", period="2019", made=MADE))


def test_html_is_self_contained(html_page):
    assert "<script src=" not in html_page and "<link rel=\"stylesheet\"" not in html_page
    assert "L.map(" in html_page and "topojson.feature" in html_page  # the libraries' users, inlined
    own = _without_vendor(html_page)
    assert len(own) < len(html_page) - 100_000  # the vendored files were inlined and are now cut out
    assert not re.search(r"https?://", own), re.findall(r"https?://\S{0,40}", own)[:3]
    assert "DỮ LIỆU MINH HỌA — số liệu trạng thái do chương trình tạo ra" in html_page
    assert "<title>Bản đồ xã, phường, thị trấn lành mạnh" in html_page


@pytest.mark.browser
def test_html_paints_offline_in_chromium(html_page, tmp_path):
    from playwright.sync_api import sync_playwright

    path = tmp_path / "map.html"
    path.write_text(html_page, encoding="utf-8")
    attempted: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            page.route("**/*", guard)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(path.as_uri())
            # 633 polygons + the 2 units without a boundary (circle markers): one interactive path each
            page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length >= 635",
                                   timeout=20_000)
            assert page.locator("path.leaflet-interactive").count() == 635
            assert page.locator(".th-legend").first.is_visible()
            assert "minh họa" in page.locator(".th-notice").inner_text().lower()
        finally:
            browser.close()
    assert attempted == []
    assert errors == []


def _stub_render(inputs, options, fmt="png", dpi=300):
    return f"{options.theme}|{','.join(options.districts)}|{fmt}|{dpi}".encode()


def test_batch_zip_has_every_theme_for_province_and_each_district(inputs, monkeypatch):
    monkeypatch.setattr(exports, "render_sheet", _stub_render)
    seen = []
    data = exports.batch_zip(inputs, sheets.SheetOptions(period="2019"), "pdf", dpi=100,
                            progress=lambda done, total, name: seen.append((done, total, name)))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == 4 * 28 == 112
    assert "2019/healthy/00_toan_tinh.pdf" in names
    assert "2019/border/384_huyen_muong_lat.pdf" in names
    assert "2019/inspections/407_huyen_tinh_gia.pdf" in names
    assert zipfile.ZipFile(io.BytesIO(data)).read("2019/conversions/394_huyen_yen_dinh.pdf") == \
        b"conversions|394|pdf|100"
    assert [s[0] for s in seen] == list(range(1, 113)) and seen[-1][1] == 112


def test_batch_renders_real_sheets(inputs):
    data = exports.batch_zip(inputs, sheets.SheetOptions(period="2019"), "png", dpi=15, themes=("border",))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert len(archive.namelist()) == 28
    assert archive.read("2019/border/00_toan_tinh.png").startswith(b"\x89PNG")


def test_cli_export_writes_each_format_and_exits_2_on_usage_errors(illustrative_engine, tmp_path, capsys):
    db = str(illustrative_engine.url)
    out = tmp_path / "m.csv"
    assert main.main(["export", "--theme", "border", "--period", "2019", "--format", "csv", "--out", str(out),
                     "--db", db, "--district", "384"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    out = tmp_path / "m.png"
    assert main.main(["export", "--theme", "healthy", "--period", "2019", "--format", "png", "--out", str(out),
                     "--db", db, "--district", "381", "--dpi", "20", "--orientation", "landscape"]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    capsys.readouterr()
    assert main.main(["export", "--theme", "healthy", "--period", "2030", "--format", "pdf",
                     "--out", str(tmp_path / "x.pdf"), "--db", db]) == 2
    assert "Kỳ 2030 không có số liệu" in capsys.readouterr().err
    assert main.main(["--lang", "en", "export", "--theme", "healthy", "--period", "2019", "--format", "pdf",
                     "--out", str(tmp_path / "x.pdf"), "--db", db, "--district", "999"]) == 2
    assert "No district with code 999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main.main(["export", "--theme", "healthy", "--period", "2019", "--format", "gif", "--out", "x", "--db", db])
    assert exc.value.code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_cli_export_batch_prints_progress(illustrative_engine, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(exports, "render_sheet", _stub_render)
    out = tmp_path / "all.zip"
    assert main.main(["export-batch", "--period", "2019", "--format", "png", "--out", str(out),
                     "--db", str(illustrative_engine.url)]) == 0
    err = capsys.readouterr().err
    assert "[1/112]" in err and "[112/112]" in err
    assert len(zipfile.ZipFile(out).namelist()) == 112


# --- every export is audited by the domain: the Export page and the CLI call the same functions -------------

EXPORT_KEYS = {"theme", "period", "districts", "lang", "format", "file", "small_counts_masked"}
MISSING = "The audit line could not be written to the database (read-only, full or unreachable)."


def _lines(engine) -> list[tuple[str, str, str, dict]]:
    """The trail's lines, oldest first: (username, action, outcome, detail)."""
    log = audit.read_log(engine).iloc[::-1]
    return [(r.username, r.action, r.outcome, json.loads(r.detail)) for r in log.itertuples()]


def test_an_export_a_batch_and_a_table_download_each_write_their_line_with_the_account(inputs, db, tmp_path,
                                                                                        monkeypatch):
    engine = get_engine(db)
    options = sheets.SheetOptions(theme="border", period="2019", districts=("384",), paper="a3",
                                  orientation="landscape", lang="en", suppress_small=True)
    made = exports.export_file(engine, "huong", inputs, options, "csv")
    assert (made.name, made.size, made.warning) == ("ban_do_border_2019_384.csv", len(made.data), None)
    assert made.data == exports.export_bytes(inputs, options, "csv")
    monkeypatch.setattr(exports, "render_sheet", _stub_render)
    out = tmp_path / "sub" / "all.zip"
    batch = exports.export_batch(engine, "os:geo", inputs, options, "png", dpi=20, out=out)
    assert batch.data is None and batch.size == out.stat().st_size and len(zipfile.ZipFile(out).namelist()) == 112
    in_memory = exports.export_batch(engine, "huong", inputs, options, "pdf", dpi=20)
    assert in_memory.name == "ban_do_2019_pdf.zip" and zipfile.ZipFile(io.BytesIO(in_memory.data)).testzip() is None
    assert exports.log_table_download(engine, "lan", period="2019", districts=["384", "382"], fmt="xlsx",
                                      file="xa_2019_384-382.xlsx", lang="vi", small_counts_masked=False) is None
    lines = _lines(engine)
    assert [line[:3] for line in lines] == [("huong", "export", "ok"), ("os:geo", "export", "ok"),
                                            ("huong", "export", "ok"), ("lan", "export", "ok")]
    sheet, zipped, zipped_in_memory, table = (line[3] for line in lines)
    assert sheet == {"theme": "border", "period": "2019", "districts": ["384"], "lang": "en", "format": "csv",
                     "file": "ban_do_border_2019_384.csv", "small_counts_masked": True, "paper": "a3",
                     "orientation": "landscape"}
    assert (zipped["theme"], zipped["format"], zipped["file"]) == ("all", "png", "all.zip")
    assert zipped_in_memory["file"] == "ban_do_2019_pdf.zip"
    assert table == {"theme": "commune_table", "period": "2019", "districts": ["384", "382"], "lang": "vi",
                     "format": "xlsx", "file": "xa_2019_384-382.xlsx", "small_counts_masked": False}
    assert all(EXPORT_KEYS <= set(line[3]) for line in lines)  # one set of keys whichever kind of file


def test_an_export_whose_line_cannot_be_written_is_delivered_with_a_warning(inputs, db, monkeypatch):
    engine = get_engine(db)
    audit_cannot_be_written(engine)
    options = sheets.SheetOptions(theme="healthy", period="2019", districts=("384",), lang="en")
    made = exports.export_file(engine, "huong", inputs, options, "xlsx")
    assert made.warning == MISSING
    assert made.data.startswith(b"PK") and made.size == len(made.data)  # the workbook all the same
    monkeypatch.setattr(exports, "render_sheet", _stub_render)
    batch = exports.export_batch(engine, "huong", inputs, options, "pdf", dpi=20)
    assert batch.warning == MISSING and len(zipfile.ZipFile(io.BytesIO(batch.data)).namelist()) == 112
    assert exports.log_table_download(engine, "huong", period="2019", districts=[], fmt="csv", file="xa_2019.csv",
                                      lang="en") == MISSING
    options_vi = sheets.SheetOptions(theme="healthy", period="2019", districts=("384",))
    assert exports.export_file(engine, "huong", inputs, options_vi, "csv").warning.startswith(
        "Không ghi được nhật ký hoạt động")
    assert audit.read_log(engine).empty


def test_cli_exports_are_audited_and_written_without_their_line(db, good_csv, tmp_path, capsys, monkeypatch):
    assert main.main(["import", str(good_csv), "--db", db, *as_user(db)]) == 0
    engine = get_engine(db)
    out = tmp_path / "q1.csv"
    export = ["--lang", "en", "export", "--theme", "healthy", "--format", "csv", "--period", "2019-Q1", "--db", db]
    assert main.main([*export, "--out", str(out), *as_user(db, "planner")]) == 0
    (who, action, outcome, detail), = [line for line in _lines(engine) if line[1] == "export"]
    assert (who, action, outcome, detail["file"], detail["theme"]) == ("planner", "export", "ok", "q1.csv", "healthy")
    assert set(detail) == EXPORT_KEYS | {"paper", "orientation"}
    capsys.readouterr()
    audit_cannot_be_written(engine)
    assert main.main([*export, "--out", str(out.with_name("again.csv"))]) == 0
    done = capsys.readouterr()
    assert out.with_name("again.csv").read_bytes().startswith(b"\xef\xbb\xbf") and "Wrote " in done.out
    assert done.err.startswith(f"WARNING: {MISSING}")
    monkeypatch.setattr(exports, "render_sheet", _stub_render)
    batch = tmp_path / "all.zip"
    assert main.main(["--lang", "en", "export-batch", "--period", "2019-Q1", "--format", "png", "--out", str(batch),
                      "--db", db]) == 0
    assert f"WARNING: {MISSING}" in capsys.readouterr().err and len(zipfile.ZipFile(batch).namelist()) == 112
    assert [line[1] for line in _lines(engine)].count("export") == 1  # nothing written after the trigger
