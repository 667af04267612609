import hashlib
import io
import unicodedata
import zipfile

import openpyxl
import pandas as pd
import pytest

import geo.records.readers as readers_mod
from geo.contract import BOOL_FIELDS, COUNT_FIELDS, RECORD_FIELDS
from geo.periods import normalise_period
from geo.problems import Problem
from geo.records.readers import COLUMN_ALIASES
from geo.records.validation import validate_bytes, validate_file
from tests.util import SHARED_DATA, require

HEADER_VI = "Mã xã,Tên xã,Huyện,Kỳ,Lành mạnh,Chuyển hóa,Số cơ sở,Số lượt kiểm tra,Số vi phạm,Ghi chú"


@pytest.fixture(scope="module")
def communes():
    """The real GSO 2019 list: 635 communes of Thanh Hóa, codes as text."""
    require(SHARED_DATA / "gso_thanhhoa_2019.csv")
    return pd.read_csv(SHARED_DATA / "gso_thanhhoa_2019.csv", dtype=str)


def _csv(tmp_path, text, communes, name="records.csv", encoding="utf-8", **kw):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return validate_file(path, communes, **kw)


def _xlsx_bytes(*sheets):
    """A workbook with one sheet per list of rows (the first is the one that is read)."""
    wb = openpyxl.Workbook()
    for i, rows in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet(f"Sheet{i + 1}")
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _to_cp1258(text):
    """Encode like Vietnamese Windows: precomposed base letters, tone marks as separate combining bytes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def _one(problems, **expected):
    hits = [p for p in problems if all(getattr(p, k) == v for k, v in expected.items())]
    assert len(hits) == 1, (expected, problems)
    return hits[0]


# ----------------------------------------------------------------------------------------- happy paths


def test_clean_vietnamese_file_gives_typed_records(tmp_path, communes):
    text = (
        f"{HEADER_VI}\n"
        "14755,Phường Hàm Rồng,Thành phố Thanh Hóa,2019,Có,Không,4,3,1,đã kiểm tra\n"
        "14758,,,2019,,,,,,\n"
    )
    report = _csv(tmp_path, text, communes)
    assert report.ok, report.errors
    assert report.rows == 2 and report.encoding == "utf-8" and report.file == "records.csv"
    assert report.sha256 == hashlib.sha256(text.encode()).hexdigest()
    recs = report.records
    assert list(recs.columns) == list(RECORD_FIELDS)
    assert all(str(recs[c].dtype) == "boolean" for c in BOOL_FIELDS)
    assert all(str(recs[c].dtype) == "Int64" for c in COUNT_FIELDS)
    assert str(recs["commune_code"].dtype) == "string" and str(recs["period"].dtype) == "string"
    first = recs.iloc[0]
    assert (first.commune_code, first.period, first.healthy, first.conversion_target) == ("14755", "2019", True, False)
    assert (first.establishments, first.inspections, first.violations, first.notes) == (4, 3, 1, "đã kiểm tra")
    # An empty cell is "no data", never 0 or False.
    second = recs.iloc[1]
    assert second.healthy is pd.NA and second.inspections is pd.NA and second.notes is pd.NA
    assert report.warnings == ()


def test_vietnamese_headers_in_nfd_any_case_and_extra_spaces(tmp_path, communes):
    header = unicodedata.normalize(
        "NFD", "  MÃ XÃ ,  kỳ,LÀNH   MẠNH, Chuyển hoá ,Số vụ án,Số vụ việc biên giới,Số nạn nhân tiếp nhận,Ký cam kết"
    )
    report = _csv(tmp_path, f"{header}\n14755,2019-Q2,có,x,1,0,2,đúng\n", communes)
    assert report.ok, report.errors
    rec = report.records.iloc[0]
    assert (rec.period, rec.healthy, rec.conversion_target, rec.criminal_cases) == ("2019-Q2", True, True, 1)
    assert (rec.border_incidents, rec.victims_received, rec.commitment_signed) == (0, 2, True)


def test_mục_tiêu_chuyển_hóa_and_headers_without_diacritics(tmp_path, communes):
    report = _csv(tmp_path, "Ma xa,Ky,Muc tieu chuyen hoa,So luot kiem tra\n14755,2019,khong,7\n", communes)
    assert report.ok, report.errors
    assert report.records.iloc[0].conversion_target == False  # noqa: E712
    assert report.records.iloc[0].inspections == 7


@pytest.mark.parametrize(
    "header",
    [
        "commune_code,period,healthy,conversion_target,establishments,inspections,violations,criminal_cases,"
        "border_incidents,victims_received,commitment_signed,notes",
        "Commune code,Period,Healthy,Conversion target,Establishments,Inspections,Violations,Criminal cases,"
        "Border incidents,Victims received,Commitment signed,Notes",
        "COMMUNE CODE, period ,Healthy,Conversion Target,establishments,Inspections,Violations,Criminal Cases,"
        "Border Incidents,Victims Received,Commitment Signed,NOTES",
    ],
)
def test_english_headers_and_field_names(tmp_path, communes, header):
    report = _csv(tmp_path, f"{header}\n14755,2019,yes,no,1,2,1,0,0,0,true,fine\n", communes, lang="en")
    assert report.ok, report.errors
    rec = report.records.iloc[0]
    assert (rec.healthy, rec.conversion_target, rec.commitment_signed, rec.inspections, rec.notes) == (
        True,
        False,
        True,
        2,
        "fine",
    )


def test_english_name_and_district_labels_match_by_name(tmp_path, communes):
    report = _csv(tmp_path, "No.,Commune,District,Period,Healthy\n1,Xuan Hoa,Nhu Xuan,2019,yes\n", communes, lang="en")
    assert report.ok, report.errors
    assert report.records.iloc[0].commune_code == "16180"
    # Matched without diacritics: accepted, but the officer is asked to check.
    assert "16180" in _one(report.warnings, row=2, column="Commune").message


def test_title_rows_blank_rows_and_stt_column(tmp_path, communes):
    text = (
        "UBND HUYỆN THỌ XUÂN,,,\n"
        "Báo cáo kết quả phòng chống mại dâm năm 2019,,,\n"
        "\n"
        ",,,\n"
        "STT,Mã xã,Kỳ,Số lượt kiểm tra\n"
        "1,15517,2019,2\n"
        "\n"
        ",,,\n"
        "2,15550,2019,-3\n"
    )
    report = _csv(tmp_path, text, communes)
    assert report.rows == 2
    err = _one(report.errors, row=9)
    assert (err.column, err.value, err.file) == ("Số lượt kiểm tra", "-3", "records.csv")
    assert report.warnings == ()  # the STT column is ignored silently
    assert report.records.empty and list(report.records.columns) == list(RECORD_FIELDS)


def test_two_row_header_under_a_merged_group_title(communes):
    data = _xlsx_bytes(
        [
            ["Mã xã", "Tên xã", "Kỳ", "Kết quả kiểm tra", None],
            [None, None, None, "Số lượt kiểm tra", "Số vi phạm"],
            [14755, "Hàm Rồng", 2019, 3, 1],
        ]
    )
    report = validate_bytes(data, "two_rows.xlsx", communes)
    assert report.ok, report.errors
    assert report.warnings == ()
    assert (report.records.iloc[0].inspections, report.records.iloc[0].violations) == (3, 1)


def test_utf8_bom(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ,Lành mạnh\n14755,2019,Có\n", communes, encoding="utf-8-sig")
    assert report.ok, report.errors
    assert report.encoding == "utf-8-sig"
    assert report.records.iloc[0].healthy == True  # noqa: E712


def test_semicolon_delimiter_and_decimal_commas(tmp_path, communes):
    text = "Mã xã;Kỳ;Số cơ sở;Số lượt kiểm tra;Ghi chú\n14755;2019;2,0;3;a, b\n14758;2019;1;\"4,0\";\n"
    report = _csv(tmp_path, text, communes)
    assert report.ok, report.errors
    assert report.records["establishments"].tolist() == [2, 1]
    assert report.records["inspections"].tolist() == [3, 4]
    assert report.records.iloc[0].notes == "a, b"


def test_tab_delimiter(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã\tKỳ\tLành mạnh\n14755\tQuý I/2019\tx\n", communes)
    assert report.ok, report.errors
    assert report.records.iloc[0].period == "2019-Q1"


def test_utf16_unicode_text_from_excel(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã\tKỳ\tLành mạnh\n14755\t2019\tCó\n", communes, encoding="utf-16")
    assert report.ok, report.errors
    assert report.encoding == "utf-16"


def test_windows_1258_is_decoded_normalised_and_warned(tmp_path, communes):
    text = "Mã xã,Tên xã,Huyện,Kỳ,Lành mạnh,Ghi chú\n,Xuân Hòa,Thọ Xuân,2019,Có,Đã kiểm tra đủ\n"
    data = _to_cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = _csv(tmp_path, data, communes)
    assert report.ok, report.errors
    assert report.encoding == "cp1258"
    rec = report.records.iloc[0]
    assert rec.commune_code == "15517" and rec.healthy == True  # noqa: E712
    assert rec.notes == "Đã kiểm tra đủ" and unicodedata.is_normalized("NFC", rec.notes)
    assert "1258" in _one(report.warnings, row=None).message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        ("x", True),
        ("X", True),
        ("Có", True),
        ("CÓ", True),
        (unicodedata.normalize("NFD", "có"), True),
        ("co", True),
        ("Không", False),
        ("khong", False),
        ("KHÔNG", False),
        ("yes", True),
        ("No", False),
        ("Đúng", True),
        ("sai", False),
        ("", None),
        ("  ", None),
    ],
)
def test_booleans_in_every_form(tmp_path, communes, cell, expected):
    report = _csv(tmp_path, f"Mã xã,Kỳ,Lành mạnh\n14755,2019,{cell}\n", communes)
    assert report.ok, report.errors
    value = report.records.iloc[0].healthy
    assert (value is pd.NA) if expected is None else (value == expected)


def test_xlsx_codes_typed_as_numbers_or_padded_text(communes):
    data = _xlsx_bytes(
        [
            ["Mã xã", "Kỳ", "Lành mạnh", "Số lượt kiểm tra", "Chuyển hóa"],
            [14755, 2019, True, 3.0, 0],
            [14758.0, 2019.0, "x", 2, 1],
            [" 14761 ", "2019", 1, "4", None],
            ["14764", "2019", "Không", None, False],
        ]
    )
    report = validate_bytes(data, "ds.xlsx", communes)
    assert report.ok, report.errors
    assert report.encoding is None and report.rows == 4
    assert report.records["commune_code"].tolist() == ["14755", "14758", "14761", "14764"]
    assert report.records["period"].tolist() == ["2019"] * 4
    assert report.records["healthy"].tolist() == [True, True, True, False]
    assert report.records["inspections"].tolist()[:3] == [3, 2, 4]
    assert report.records["inspections"].isna().tolist() == [False, False, False, True]


def test_xlsx_first_sheet_only_with_warning_for_other_non_empty_sheets(communes):
    data = _xlsx_bytes(
        [["Mã xã", "Kỳ", "Lành mạnh"], [14755, 2019, "Có"]],
        [["Mã xã", "Kỳ", "Lành mạnh"], [14758, 2019, "Có"]],
        [],
    )
    report = validate_bytes(data, "ds.xlsx", communes, lang="en")
    assert report.ok, report.errors
    assert report.records["commune_code"].tolist() == ["14755"]
    warning = _one(report.warnings, row=None)
    assert "Sheet2" in warning.message and "Sheet3" not in warning.message


# ----------------------------------------------------------------------------------------- name matching


@pytest.mark.parametrize(
    ("name", "district", "code"),
    [
        ("Xuân Hoà", "Thọ Xuân", "15517"),  # old tone placement, no prefix
        ("Xã Xuân Hòa", "Huyện Như Xuân", "16180"),
        ("xã xuân hoà", "huyện như xuân", "16180"),
        ("Phường Hàm Rồng", "", "14755"),  # unique name: no district needed
        ("P. Hàm Rồng", "TP Thanh Hóa", "14755"),
        ("TT. Lam Sơn", "Thọ Xuân", "15484"),
        ("Quảng Phú", "Thành phố Thanh Hoá", "16522"),
    ],
)
def test_rows_without_code_are_matched_by_name_and_district(tmp_path, communes, name, district, code):
    report = _csv(tmp_path, f"Tên xã,Huyện,Kỳ\n{name},{district},2019\n", communes)
    assert report.ok, report.errors
    assert report.records.iloc[0].commune_code == code


def test_ambiguous_name_is_an_error_listing_the_candidates(tmp_path, communes):
    # "Xuân Hòa" exists in Thọ Xuân (15517) and in Như Xuân (16180).
    report = _csv(tmp_path, "Tên xã,Kỳ\nX. Xuân Hoà,2019\n", communes)
    err = _one(report.errors, row=2, column="Tên xã")
    assert err.value == "X. Xuân Hoà"
    assert "15517" in err.message and "16180" in err.message and "Thọ Xuân" in err.message


def test_ambiguous_name_across_many_districts(tmp_path, communes):
    # "Lam Sơn" is a ward of Thanh Hóa city and of Bỉm Sơn, a commune in Ngọc Lặc and a township in Thọ Xuân.
    report = _csv(tmp_path, "Tên xã,Huyện,Kỳ\nLam Sơn,,2019\nLam Sơn,Ngọc Lặc,2019\n", communes)
    err = _one(report.errors, row=2)
    assert all(c in err.message for c in ("14773", "14815", "15064", "15484"))
    assert not [e for e in report.errors if e.row == 3]


def test_small_hand_made_list_ambiguity_and_district_code():
    communes = pd.DataFrame(
        {
            "commune_code": ["00001", "00002", "00003"],
            "commune_name": ["Xã An Hoà", "Xã An Hòa", "Phường An Hải"],
            "district_code": ["101", "102", "101"],
            "district_name": ["Huyện Một", "Huyện Hai", "Huyện Một"],
        }
    )
    data = "Tên xã,Mã huyện,Kỳ\nAn Hòa,,2019\nAn Hoà,102,2019\nAn Hải,,2019\n".encode()
    report = validate_bytes(data, "x.csv", communes, lang="en")
    err = _one(report.errors, row=2)
    assert "00001" in err.message and "00002" in err.message
    assert len(report.errors) == 1


def test_unknown_name_and_name_not_in_the_given_district(tmp_path, communes):
    report = _csv(tmp_path, "Tên xã,Huyện,Kỳ\nXã Không Có,,2019\nHàm Rồng,Nga Sơn,2019\n", communes)
    assert _one(report.errors, row=2, column="Tên xã").value == "Xã Không Có"
    err = _one(report.errors, row=3, column="Tên xã")
    assert "Nga Sơn" in err.message and "14755" in err.message


def test_code_and_name_that_disagree_is_a_warning_and_the_code_wins(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Tên xã,Huyện,Kỳ\n14755,Xã Xuân Hòa,Huyện Thọ Xuân,2019\n", communes)
    assert report.ok
    assert report.records.iloc[0].commune_code == "14755"
    name = _one(report.warnings, column="Tên xã")
    assert name.row == 2 and name.value == "Xã Xuân Hòa" and "Phường Hàm Rồng" in name.message
    assert _one(report.warnings, column="Huyện").value == "Huyện Thọ Xuân"


def test_code_with_matching_name_in_another_spelling_is_not_warned(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Tên xã,Kỳ\n15517,Xuân Hoà,2019\n15517,Xa Xuan Hoa,2019-Q1\n", communes)
    assert report.ok and report.warnings == ()


# ----------------------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        (2019, "2019"),
        (2019.0, "2019"),
        ("2019-Q1", "2019-Q1"),
        ("2019-q1", "2019-Q1"),
        ("2019Q1", "2019-Q1"),
        ("Q1/2019", "2019-Q1"),
        ("Q1-2019", "2019-Q1"),
        ("Quý 1/2019", "2019-Q1"),
        ("Quý I/2019", "2019-Q1"),
        ("Quý IV/2019", "2019-Q4"),
        ("quy 1 2019", "2019-Q1"),
        (unicodedata.normalize("NFD", "Quý 3 năm 2020"), "2020-Q3"),
        ("1999", None),
        ("2101", None),
        ("Q5/2019", None),
        ("2019.5", None),
        (2019.5, None),
        ("năm ngoái", None),
        (None, None),
        (True, None),
    ],
)
def test_normalise_period(value, expected):
    assert normalise_period(value) == expected


def test_period_argument_fills_a_missing_column_or_empty_cells(tmp_path, communes):
    no_column = _csv(tmp_path, "Mã xã,Lành mạnh\n14755,Có\n", communes, period="Quý 2/2019")
    assert no_column.ok and no_column.records.iloc[0].period == "2019-Q2"
    empty_cell = _csv(tmp_path, "Mã xã,Kỳ\n14755,\n14758,2019-Q2\n", communes, period="2019q2")
    assert empty_cell.ok and empty_cell.records["period"].tolist() == ["2019-Q2", "2019-Q2"]


def test_period_in_file_differing_from_argument_is_an_error_on_that_row(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ\n14755,2019-Q2\n14758,2019-Q3\n", communes, period="2019-Q2")
    err = _one(report.errors)
    assert (err.row, err.column, err.value) == (3, "Kỳ", "2019-Q3")  # the file's value, as written
    assert "Quý 2/2019" in err.message  # the chosen period in words


def test_no_period_anywhere_is_one_missing_column_error(tmp_path, communes):
    for lang, word, says in (("vi", "Kỳ", "thiếu cột bắt buộc"), ("en", "Period", "missing required column")):
        report = _csv(tmp_path, "Mã xã,Lành mạnh\n14755,Có\n14758,Có\n", communes, lang=lang)
        err = _one(report.errors)
        assert err.row is None and word in err.message
        assert says in err.message.lower()


def test_empty_period_cell_without_argument_and_bad_period_argument(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ\n14755,\n", communes)
    assert _one(report.errors).row == 2
    bad_arg = _csv(tmp_path, "Mã xã,Kỳ\n14755,2019\n", communes, period="last year")
    assert _one(bad_arg.errors).value == "last year"


def test_multi_period_file_keeps_one_record_per_commune_and_period(tmp_path, communes):
    text = "Mã xã,Kỳ,Lành mạnh\n14755,2019-Q1,Không\n14755,2019-Q2,Có\n14755,2019,Có\n"
    report = _csv(tmp_path, text, communes)
    assert report.ok
    assert report.records["period"].tolist() == ["2019-Q1", "2019-Q2", "2019"]


# ----------------------------------------------------------------------------------------- errors


# (file text, row, column, value) for each row-level error; the value must appear in both languages.
ROW_ERRORS = {
    "unknown code": ("Mã xã,Kỳ\n99999,2019\n", 2, "Mã xã", "99999"),
    "malformed code": ("Mã xã,Kỳ\n147a5,2019\n", 2, "Mã xã", "147a5"),
    "unknown name": ("Tên xã,Kỳ\nXã Không Tồn Tại,2019\n", 2, "Tên xã", "Xã Không Tồn Tại"),
    "ambiguous name": ("Tên xã,Kỳ\nXuân Hòa,2019\n", 2, "Tên xã", "Xuân Hòa"),
    "bad period": ("Mã xã,Kỳ\n14755,Quý 5/2019\n", 2, "Kỳ", "Quý 5/2019"),
    "year out of range": ("Mã xã,Kỳ\n14755,1995\n", 2, "Kỳ", "1995"),
    "negative count": ("Mã xã,Kỳ,Số vi phạm\n14755,2019,-1\n", 2, "Số vi phạm", "-1"),
    "fractional count": ("Mã xã,Kỳ,Số vụ án\n14755,2019,3.5\n", 2, "Số vụ án", "3.5"),
    "non-numeric count": ("Mã xã,Kỳ,Số cơ sở\n14755,2019,abc\n", 2, "Số cơ sở", "abc"),
    "ambiguous thousands": ("Mã xã;Kỳ;Số lượt kiểm tra\n14755;2019;1.000\n", 2, "Số lượt kiểm tra", "1.000"),
    "bad boolean": ("Mã xã,Kỳ,Ký cam kết\n14755,2019,chưa rõ\n", 2, "Ký cam kết", "chưa rõ"),
    "boolean 2": ("Mã xã,Kỳ,Lành mạnh\n14755,2019,2\n", 2, "Lành mạnh", "2"),
}


@pytest.mark.parametrize("case", list(ROW_ERRORS))
def test_each_row_error_is_located_and_translated(tmp_path, communes, case):
    text, row, column, value = ROW_ERRORS[case]
    vi = _csv(tmp_path, text, communes, lang="vi")
    en = _csv(tmp_path, text, communes, lang="en")
    err_vi = _one(vi.errors, row=row, column=column, value=value)
    err_en = _one(en.errors, row=row, column=column, value=value)
    assert err_vi.severity == "error" and err_vi.file == "records.csv"
    assert err_vi.message != err_en.message
    assert value in err_vi.message and value in err_en.message
    assert not vi.ok and vi.records.empty and list(vi.records.columns) == list(RECORD_FIELDS)


def test_every_problem_is_reported_at_once(tmp_path, communes):
    text = (
        "Mã xã,Kỳ,Lành mạnh,Số cơ sở,Số vi phạm\n"
        "99999,2019,Có,1,0\n"
        "14755,20x9,có lẽ,-2,1.5\n"
        "14758,2019,x,abc,\n"
    )
    report = _csv(tmp_path, text, communes)
    located = {(p.row, p.column) for p in report.errors}
    assert located == {
        (2, "Mã xã"),
        (3, "Kỳ"),
        (3, "Lành mạnh"),
        (3, "Số cơ sở"),
        (3, "Số vi phạm"),
        (4, "Số cơ sở"),
    }


def test_duplicates_identical_warned_conflicting_errors_naming_both_rows(tmp_path, communes):
    text = (
        "Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra\n"
        "14755,2019,Có,3\n"
        "14755,2019,có,3.0\n"  # same record written differently
        "14758,2019,Có,3\n"
        "14758,2019,Không,3\n"
    )
    same = _csv(tmp_path, text.rsplit("14758", 2)[0], communes)
    assert same.ok and same.records["commune_code"].tolist() == ["14755"]
    warning = _one(same.warnings, row=3, column="Mã xã")
    assert "2" in warning.message

    for lang in ("vi", "en"):
        report = _csv(tmp_path, text, communes, lang=lang)
        err = _one(report.errors)
        assert (err.row, err.column, err.value) == (5, "Mã xã", "14758")
        assert "4" in err.message and "5" in err.message


def test_violations_above_inspections_is_a_warning(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ,Số lượt kiểm tra,Số vi phạm\n14755,2019,2,5\n", communes)
    assert report.ok
    warning = _one(report.warnings, row=2, column="Số vi phạm")
    assert warning.value == "5" and "2" in warning.message


def test_unknown_columns_are_warned_and_ignored(tmp_path, communes):
    report = _csv(tmp_path, "STT,#,Mã xã,Kỳ,Người báo cáo\n1,1,14755,2019,Nguyễn A\n", communes, lang="en")
    assert report.ok
    warning = _one(report.warnings)
    assert (warning.row, warning.column) == (1, "Người báo cáo") and "Người báo cáo" in warning.message


def test_two_columns_meaning_the_same_field_is_an_error(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ,Lành mạnh,Healthy\n14755,2019,Có,No\n", communes)
    assert _one(report.errors).column == "Healthy"


def test_no_code_nor_name_column(tmp_path, communes):
    report = _csv(tmp_path, "Huyện,Kỳ,Lành mạnh\nThọ Xuân,2019,Có\n", communes)
    err = _one(report.errors)
    assert err.row is None and "Mã xã" in err.message
    assert report.rows == 0


def test_row_with_neither_code_nor_name(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Tên xã,Kỳ,Lành mạnh\n,,2019,Có\n", communes)
    assert _one(report.errors).row == 2


@pytest.mark.parametrize(
    ("name", "data", "phrase_en"),
    [
        ("empty.csv", b"", "empty"),
        ("empty.xlsx", b"", "empty"),
        ("header_only.csv", "Mã xã,Kỳ\n\n,\n".encode(), "no data rows"),
        ("blank.csv", b"\n\n,,\n", "no data rows"),
        ("book.csv", None, "really an Excel workbook"),
        ("nul.csv", b"Ma xa,Ky\x00\x00\x01\x02", "binary"),
        ("text.xlsx", "Mã xã,Kỳ\n14755,2019\n".encode(), "plain text"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "97-2003"),
        ("old_renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "97-2003"),
        ("scan.csv", b"%PDF-1.4 ...", "PDF"),
        ("report.docx", b"PK\x03\x04 whatever", ".docx"),
        ("noext", b"a,b\n", "noext"),
    ],
)
def test_file_level_errors(communes, name, data, phrase_en):
    if data is None:
        data = _xlsx_bytes([["Mã xã", "Kỳ"], [14755, 2019]])
    en = validate_bytes(data, name, communes, lang="en")
    vi = validate_bytes(data, name, communes, lang="vi")
    err = _one(en.errors)
    assert phrase_en in err.message and err.file == name
    assert _one(vi.errors).message != err.message
    assert en.records.empty and not en.ok


def test_zip_that_is_not_a_workbook(communes):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "xl/workbook.xml" in _one(validate_bytes(buf.getvalue(), "a.xlsx", communes, lang="en").errors).message
    assert "zip" in _one(validate_bytes(buf.getvalue(), "a.csv", communes, lang="en").errors).message


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.99])
def test_truncated_xlsx_is_an_error_not_a_traceback(communes, cut):
    data = _xlsx_bytes([["Mã xã", "Kỳ"], *[[14755 + 3 * i, 2019] for i in range(50)]])
    report = validate_bytes(data[: int(len(data) * cut)], "cut.xlsx", communes, lang="en")
    assert not report.ok and report.records.empty


def test_corrupted_xlsx_bytes_are_an_error(communes):
    data = bytearray(_xlsx_bytes([["Mã xã", "Kỳ"], [14755, 2019]]))
    for i in range(200, len(data) - 200, 97):
        data[i] ^= 0xFF
    report = validate_bytes(bytes(data), "bad.xlsx", communes)
    assert not report.ok


def test_zip_bomb_guard_refuses_huge_sheet_xml(communes, monkeypatch):
    data = _xlsx_bytes([["Mã xã", "Kỳ", "Ghi chú"], *[[14755, 2019, "x" * 100] for _ in range(200)]])
    monkeypatch.setattr(readers_mod, "MAX_SHEET_XML_BYTES", 10_000)
    err = _one(validate_bytes(data, "bomb.xlsx", communes, lang="en").errors)
    assert "too large" in err.message


def test_files_over_50_mb_are_refused(tmp_path, communes):
    data = b"a" * (50 * 1024 * 1024 + 1)
    err = _one(validate_bytes(data, "huge.csv", communes, lang="en").errors)
    assert "too large" in err.message and "50" in err.message
    path = tmp_path / "huge.csv"
    path.write_bytes(data)
    assert "too large" in _one(validate_file(path, communes, lang="en").errors).message


def test_unreadable_csv_record_is_reported_with_its_line(tmp_path, communes):
    text = "Mã xã,Kỳ,Ghi chú\n14755,2019,ok\n14758,2019,\"" + "x" * 200_000 + "\"\n"
    err = _one(_csv(tmp_path, text, communes, lang="en").errors)
    assert err.row == 3 and "line 3" in err.message


def test_missing_file_is_an_error(tmp_path, communes):
    report = validate_file(tmp_path / "nope.csv", communes)
    assert not report.ok and report.file == "nope.csv"


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_never_raise(communes, seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    for name in ("r.csv", "r.xlsx"):
        report = validate_bytes(data, name, communes)
        assert isinstance(report.errors, tuple)


# ----------------------------------------------------------------------------------------- report shape


def test_to_json_and_as_dict(tmp_path, communes):
    report = _csv(tmp_path, "Mã xã,Kỳ,Cột lạ\n99999,2019,1\n", communes, lang="en")
    payload = report.to_json()
    assert set(payload) == {"ok", "rows", "errors", "warnings", "file", "encoding", "unit_version"}
    assert payload["ok"] is False and payload["rows"] == 1 and payload["encoding"] == "utf-8"
    assert payload["errors"][0] == {"row": 2, "column": "Mã xã", "value": "99999", "message": report.errors[0].message}
    assert set(payload["warnings"][0]) == {"row", "column", "value", "message"}
    assert set(report.errors[0].as_dict()) == {"file", "row", "column", "value", "message"}
    assert isinstance(report.errors[0], Problem)


def test_column_aliases_are_normalised_keys():
    assert COLUMN_ALIASES["mã xã"] == "commune_code"
    assert COLUMN_ALIASES["chuyển hóa"] == "conversion_target"
    assert COLUMN_ALIASES["commune code"] == "commune_code"
    assert all(k == k.casefold() and k == unicodedata.normalize("NFC", k) for k in COLUMN_ALIASES)


# ----------------------------------------------------------------------------------------- real-world


def test_messy_real_world_xlsx(tmp_path, communes):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "BC Quý 1"
    ws.append(["UBND HUYỆN NHƯ XUÂN"])
    ws.append(["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH 19/KH-UBND, QUÝ I NĂM 2019"])
    ws.merge_cells("A2:J2")
    ws.append([])
    ws.append([None, None, None, None, None, "Kết quả kiểm tra", None, None])
    ws.append(
        [
            "STT",
            nfd("Mã xã "),
            nfd("TÊN XÃ"),
            "Huyện",
            nfd("Lành mạnh"),
            nfd("Số lượt kiểm tra"),
            "Số vi phạm",
            nfd("Ký cam kết"),
            "Người lập",
            nfd("Ghi chú"),
        ]
    )
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"])
    ws.append([1, 16180.0, "Xã Xuân Hoà", "Như Xuân", "x", 2, 0, "Có", "A", None])
    ws.append([2, None, "xã thanh sơn", "huyện Như Xuân", None, "3", "1", nfd("không"), "A", "chưa báo cáo"])
    ws.append([])
    ws.append([3, " 16213 ", None, None, "Có", 4.0, 5, "x", "A", None])  # violations > inspections
    ws.append([None, None, "Tổng cộng", None, None, 9, 6, None, None, None])
    ws2 = wb.create_sheet("Hướng dẫn")
    ws2["A1"] = "Ghi mã xã 5 chữ số"
    path = tmp_path / "BC_NhuXuan_Q1.xlsx"
    wb.save(path)

    report = validate_file(path, communes, period="Quý I/2019")
    assert report.ok, report.errors
    assert report.rows == 3 and report.file == "BC_NhuXuan_Q1.xlsx"
    recs = report.records
    assert recs["commune_code"].tolist() == ["16180", "16222", "16213"]
    assert recs["period"].tolist() == ["2019-Q1"] * 3
    assert recs["healthy"].tolist()[0] is True and recs["healthy"].isna().tolist() == [False, True, False]
    assert recs["inspections"].tolist() == [2, 3, 4]
    assert recs["commitment_signed"].tolist() == [True, False, True]
    assert recs["notes"].isna().tolist() == [True, False, True]
    located = {(w.row, w.column) for w in report.warnings}
    assert (5, "Người lập") in located  # unknown column
    assert (10, "Số vi phạm") in located  # 5 violations > 4 inspections
    assert (11, "TÊN XÃ") in located  # the total row was skipped, and the officer told so
    assert any("Hướng dẫn" in w.message for w in report.warnings)  # the ignored sheet
    assert len(report.warnings) == 4


def test_old_and_new_spellings_nfd_and_no_prefixes_import_with_warnings(tmp_path, communes):
    """Old and new i/y ("Quí" = "Quý", "Quì" = "Quỳ"; the GSO list writes "Xã Quí Lộc"), old tones, NFD."""
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731 - the file's names decomposed, as Word writes them
    rows = [("Quý Lộc", "Yên Định"), ("Hoằng Quì", "Hoằng Hóa"), ("Cẩm Quí", "Cẩm Thuỷ"),
            ("Hoằng Quý", "Hoằng Hoá"), ("Sơn Thuỷ", "Quan Sơn"), ("Xuân Quì", "Như Xuân")]
    text = "Tên xã,Huyện,Kỳ,Lành mạnh\n" + "".join(f"{nfd(n)},{nfd(d)},2019,Có\n" for n, d in rows)
    report = _csv(tmp_path, text, communes)
    assert report.ok, report.errors
    assert report.records["commune_code"].tolist() == ["15412", "15886", "15136", "15916", "15010", "16189"]
    variant = [w for w in report.warnings if "cách viết i/y" in w.message]
    assert [w.row for w in variant] == [2, 3, 4, 7]  # the i/y rows only: tone placement is silent
    assert all(w.column == "Tên xã" for w in variant) and len(report.warnings) == 4
    assert "Xã Quí Lộc (mã 15412)" in variant[0].message
    english = _csv(tmp_path, text, communes, name="en.csv", lang="en").warnings[0].message
    assert "matched to Xã Quí Lộc (code 15412) by a spelling variant" in english


ISO_DAY_OR_CODE = r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-Q\d\b"  # a unit list's id, a period's code: not for people


@pytest.mark.parametrize(("lang", "said"), [("vi", "chọn danh mục đơn vị từ 01/12/2019"),
                                            ("en", "choosing the unit list from 01/12/2019")])
def test_messages_name_unit_lists_by_their_date_and_periods_in_words(tmp_path, lang, said):
    """A 2019-Q4 file made on the list of 1 December 2019, checked by the rule (the list of 19 April 2017)."""
    import re

    from geo.units.versions import UnitLists
    from tests.util import unit_file

    path = unit_file(tmp_path / "q4.csv", "2019-12-01", "2019-Q4")
    report = validate_file(path, UnitLists(), lang=lang)
    messages = [p.message for p in report.errors + report.warnings]
    assert not report.ok and any(said in m for m in messages)
    assert any(("Quý 4/2019" if lang == "vi" else "Q4 2019") in m for m in messages)
    assert [m for m in messages if re.search(ISO_DAY_OR_CODE, m)] == []
    refused = validate_file(path, UnitLists(units_version="2020-06-01"), lang=lang)  # not in force in 2019-Q4
    (message,) = {p.message for p in refused.errors}
    assert "01/06/2020" in message and "19/04/2017, 01/12/2019" in message
    assert not re.search(ISO_DAY_OR_CODE, message)
    assert {p.value for p in refused.errors} == {"2019-Q4"}  # the file's own value, as written, in its column
