"""``python -m geo hotspots`` and ``export --periods``, as a planner and a report writer use them."""

from __future__ import annotations

import json
import subprocess

import pytest

from geo.access.audit import read_log
from geo.cli.main import main
from geo.figures.hotspots import period_hotspots, where_to_look


@pytest.fixture(scope="module")
def seeded(illustrative_engine):
    return str(illustrative_engine.url)


def test_hotspots_json_has_every_unit_and_the_method(seeded, illustrative_engine, capsys):
    assert main(["hotspots", "--period", "2019", "--metric", "violations", "--db", seeded, "--json",
                 "--permutations", "999"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["units"]) == 635 and out["unit_version"] == "2017-04-19"
    assert set(out["units"][0]) >= {"commune_code", "value", "rate", "z", "p", "cluster"}
    assert {u["cluster"] for u in out["units"]} <= {"hot", "cold", "outlier", "none"}
    assert out["permutations"] == 999 and "Benjamini-Hochberg" in out["correction"]["kind"]
    assert "queen" in out["weights"]["kind"] and out["weights"]["left_out"]["no_polygon"] == 2
    assert out["illustrative"] is True and "notice" in out
    # The same function as the map and the briefing: the same classes.
    same = period_hotspots(illustrative_engine, "2019", "violations", "count", permutations=999)
    assert {u.commune_code: u.cluster for u in same.units} == {u["commune_code"]: u["cluster"] for u in out["units"]}


def test_a_district_is_computed_on_the_whole_province(seeded, capsys):
    args = ["hotspots", "--period", "2019", "--metric", "inspections", "--per", "establishment", "--db", seeded,
            "--json", "--permutations", "199"]
    assert main(args) == 0
    whole = {u["commune_code"]: u for u in json.loads(capsys.readouterr().out)["units"]}
    assert main([*args, "--district", "398"]) == 0
    part = json.loads(capsys.readouterr().out)
    assert part["districts"] == ["398"] and part["analysed"] > 300  # every unit with a rate, not the 28 shown
    assert part["units"] and all(u["district_code"] == "398" for u in part["units"])
    assert all(u == whole[u["commune_code"]] for u in part["units"])


def test_hotspots_text_names_the_method_and_the_counts(seeded, illustrative_engine, capsys):
    assert main(["hotspots", "--period", "Quý 3/2025", "--metric", "violations", "--db", seeded,
                 "--permutations", "199"]) == 0
    out = capsys.readouterr().out
    assert "Điểm nóng – Quý 3 năm 2025" in out and "Benjamini–Hochberg" in out
    look = where_to_look(period_hotspots(illustrative_engine, "2025-Q3", "violations", "count", permutations=199))
    assert look.sentence in out


def test_hotspots_usage_errors(seeded, capsys):
    assert main(["hotspots", "--period", "2031", "--metric", "violations", "--db", seeded]) == 2
    assert "2031" in capsys.readouterr().err
    assert main(["hotspots", "--period", "2019", "--metric", "violations", "--district", "999", "--db", seeded]) == 2
    assert "999" in capsys.readouterr().err


def test_a_four_period_sheet_names_its_four_periods_and_is_audited(seeded, illustrative_engine, tmp_path, capsys):
    out = tmp_path / "so_sanh.pdf"
    assert main(["export", "--theme", "healthy", "--periods", "2019,2021,2025-Q3,Quý 3/2026", "--format", "pdf",
                 "--out", str(out), "--db", seeded]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Năm 2019", "Năm 2021", "Quý 3 năm 2025", "Quý 3 năm 2026"):
        assert words in text
    assert "635 đơn vị" in text and "559 đơn vị" in text and "166 đơn vị" in text
    assert "DỮ LIỆU MINH HỌA" in text
    line = read_log(illustrative_engine, limit=1).iloc[0]
    assert line["action"] == "export"
    detail = line["detail"] if isinstance(line["detail"], dict) else json.loads(line["detail"])
    assert detail["period"] == "2019,2021,2025-Q3,2026-Q3" and detail["file"] == "so_sanh.pdf"


@pytest.mark.parametrize(("periods", "word"), [("2019", "2 đến 12"), ("2019,2019", "hai lần"),
                                               ("2019,2040", "2040"), (",".join(["2019"] * 13), "hai lần")])
def test_bad_periods_are_a_usage_error(seeded, tmp_path, capsys, periods, word):
    assert main(["export", "--theme", "healthy", "--periods", periods, "--format", "png",
                 "--out", str(tmp_path / "x.png"), "--db", seeded]) == 2
    assert word in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
