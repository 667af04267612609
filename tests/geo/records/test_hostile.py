"""Hostile and random input: never a traceback, never a partial import, never a frozen app."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.io.tables import neutralise, to_csv_bytes, to_xlsx_bytes
from geo.periods import normalise_period
from geo.records.readers import MAX_ROWS
from geo.records.store import count_records, get_engine, import_report
from geo.records.validation import validate_bytes
from geo.text.names import fold, name_key

HEADER = "Mã xã,Kỳ,Lành mạnh,Số lượt kiểm tra,Số vụ án,Ghi chú\n"
# derandomize: the same examples on every run, so CI is repeatable (a found bug still fails every time).
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
cells = st.one_of(st.text(max_size=12), st.integers(-5, 99_999).map(str), st.sampled_from(
    ["14755", "14758", "99999", "", "Có", "x", "2019-Q1", "Q5/2019", "-1", "1,5", "=1+1", "<b>", "\x00", "\ufeff"]))


@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.xls", "a"]))
@SETTINGS
def test_random_bytes_never_raise(communes, data, name):
    report = validate_bytes(data, name, communes)
    # a verdict, never an exception: ok exactly when there is no error, and every problem located in the file
    assert report.ok == (not report.errors)
    assert all(p.file == name and p.message for p in (*report.errors, *report.warnings))
    if not report.ok:
        assert report.records.empty


@given(st.lists(st.lists(cells, min_size=6, max_size=6), max_size=12))
@SETTINGS
def test_random_tables_give_a_verdict_and_rejected_files_store_nothing(communes, tmp_path_factory, rows):
    text = HEADER + "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in r) for r in rows)
    report = validate_bytes(text.encode("utf-8"), "random.csv", communes, lang="en")
    for problem in (*report.errors, *report.warnings):
        assert problem.message and problem.file == "random.csv"
    engine = get_engine(f"sqlite:///{tmp_path_factory.mktemp('h') / 'h.sqlite'}")
    try:
        import_report(engine, report)
    except ValueError:
        assert not report.ok
    assert count_records(engine) == (len(report.records) if report.ok else 0)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_name_normaliser_never_raises_and_is_stable(text):
    assert isinstance(name_key(text), str)
    assert fold(fold(text)) == fold(text)
    period = normalise_period(text)
    assert period is None or re.fullmatch(r"\d{4}(-Q[1-4])?", period)


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_spreadsheet_formulas_are_always_neutralised(text):
    safe = neutralise(text)
    assert not (isinstance(safe, str) and safe[:1] in ("=", "+", "-", "@", "\t", "\r"))


def test_exports_neutralise_formulas_in_csv_and_xlsx():
    from openpyxl import load_workbook

    frame = pd.DataFrame({"Ghi chú": ["=HYPERLINK(\"http://x\",\"bấm\")", "+1", "-2", "@SUM(A1)", "bình thường"],
                          "Số": [1, -2, 3, 4, 5]})
    csv = to_csv_bytes(frame).decode("utf-8-sig")
    assert "\n=HYPERLINK" not in csv and "'=HYPERLINK" in csv
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(frame, title="t")))
    values = [c.value for row in wb.active.iter_rows() for c in row if c.value is not None]
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in values)
    assert -2 in values  # a negative number is a number, not a formula


def test_a_50_mb_csv_is_refused_at_once(communes):
    line = b"14755,2019-Q1,1,3,0,\n"
    data = HEADER.encode() + line * (50 * 1024 * 1024 // len(line) - 10)
    assert len(data) < 50 * 1024 * 1024
    started = time.perf_counter()
    report = validate_bytes(data, "big.csv", communes)
    assert time.perf_counter() - started < 10  # generous: the point is seconds, not half a minute
    assert not report.ok and str(MAX_ROWS) in report.errors[0].message


def test_an_oversized_upload_is_refused(communes):
    report = validate_bytes(b"x" * (50 * 1024 * 1024 + 1), "huge.csv", communes, lang="en")
    assert not report.ok and "too large" in report.errors[0].message


def test_a_zip_bomb_xlsx_is_refused_without_inflating_it(communes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (300 * 1024 * 1024) + b"/>")
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # under a megabyte on the wire
    started = time.perf_counter()
    report = validate_bytes(data, "bomb.xlsx", communes, lang="en")
    assert time.perf_counter() - started < 10
    assert not report.ok


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"])
def test_hostile_notes_are_escaped_in_the_map_html(payload):
    from geo.maps.render import tooltip_html

    html = tooltip_html("Xã <b>A</b>", "Huyện B", [("Ghi chú", payload)], note=payload)
    assert payload not in html and "<b>A</b>" not in html
    assert ("&lt;img" if payload.startswith("<img") else "&lt;/script&gt;&lt;script&gt;") in html


@pytest.mark.parametrize(("payload", "shown"), [("\x1b[31mđỏ\x07", "\\x1b[31mđỏ\\x07"),
                                               ("abc\u202edef", "abc\\u202edef")])
def test_control_and_bidi_characters_in_notes_reach_the_page_escaped(payload, shown):
    from geo.maps.render import tooltip_html

    html = tooltip_html("Xã A", "Huyện B", [("Ghi chú", payload)], note=payload)
    assert shown in html and payload not in html
    assert "\x1b" not in html and "\u202e" not in html and "\x07" not in html
