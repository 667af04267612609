"""The command line as a data officer uses it: validate, import, summary."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.cli.main import main
from geo.contract import ILLUSTRATIVE_PATH
from geo.records.illustrative import generate
from tests.conftest import ROOT
from tests.util import as_user


def test_validate_exit_codes(good_csv, bad_csv, tmp_path, capsys):
    assert main(["validate", str(good_csv)]) == 0
    assert main(["validate", str(bad_csv)]) == 1
    assert main(["validate", str(tmp_path / "missing.csv")]) == 2
    assert main(["validate", str(good_csv), "--period", "Q5/2019"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_validate_json_names_row_column_value(bad_csv, capsys):
    assert main(["validate", str(bad_csv), "--json", "--lang", "en"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["rows"] == 1
    by_column = {e["column"]: e for e in report["errors"]}
    assert by_column["Mã xã"]["value"] == "99999" and by_column["Mã xã"]["row"] == 2
    assert by_column["Số lượt kiểm tra"]["value"] == "-2"
    assert set(report) >= {"ok", "rows", "errors", "warnings"}


def test_validate_human_report_is_vietnamese_by_default(bad_csv, capsys):
    main(["validate", str(bad_csv)])
    out = capsys.readouterr().out
    assert "LỖI: loi.csv, dòng 2, cột «Mã xã», «99999»" in out
    assert "Không có gì được lưu" in out


def test_import_replace_and_summary_on_a_named_database(good_csv, bad_csv, db, capsys):
    assert main(["import", str(bad_csv), "--db", db, *as_user(db)]) == 1
    assert main(["import", str(good_csv), "--db", db, *as_user(db)]) == 0
    # the same communes again: needs --replace
    assert main(["import", str(good_csv), "--db", db, *as_user(db)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["import", str(good_csv), "--db", db, *as_user(db), "--replace"]) == 0
    capsys.readouterr()
    assert main(["summary", "--period", "2019-Q1", "--db", db, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["healthy"], figures["not_healthy"], figures["no_data"]) == (1, 1, 633)
    assert figures["inspections_period"] == figures["inspections_ytd"] == 3
    assert figures["illustrative"] is False and "notice" not in figures


def test_summary_unknown_period_or_district_is_a_usage_error(good_csv, db, capsys):
    main(["import", str(good_csv), "--db", db, *as_user(db)])
    assert main(["summary", "--period", "2030", "--db", db]) == 2
    assert main(["summary", "--period", "2019-Q1", "--district", "999", "--db", db]) == 2


def test_python_dash_m_geo_summary_on_the_default_database(db):
    """`python -m geo summary` with no --db seeds the app's database with the illustrative data."""
    env = {"GEO_DB_URL": db, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "geo", "summary", "--period", "2018", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["communes_total"], figures["healthy"], figures["healthy_ratio"]) == (635, 590, 92.91)
    assert figures["illustrative"] is True and "MINH HỌA" in figures["notice"]
    assert figures["plan"] is None and "Chưa có kế hoạch năm 2018" in figures["plan_notice"]  # 2018: no plan
    done = subprocess.run([sys.executable, "-m", "geo", "summary", "--period", "2019", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["targets"]["T3"]["value"] == 93.86  # the 2019 plan, for 2019


def test_bundled_illustrative_file_is_what_the_seeded_generator_writes(communes, tmp_path):
    from geo.records.illustrative import write_csv

    path = write_csv(generate(communes), tmp_path / "again.csv")
    assert path.read_bytes() == ILLUSTRATIVE_PATH.read_bytes()
