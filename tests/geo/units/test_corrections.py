"""An admin's link corrections from a CSV: checked row by row, then applied by rebuilding data/units."""

from __future__ import annotations

import shutil

import pytest

from geo.access import accounts, audit
from geo.cli.main import main
from geo.records.store import get_engine
from geo.units import versions as U
from geo.units.corrections import check_corrections, merged_corrections
from tests.util import PASSWORD, SHARED_DATA, require

HEAD = "version,removed_code,absorbed_by,reason\n"


def _problems(tmp_path, body: str, lang: str = "en"):
    path = tmp_path / "fix.csv"
    path.write_text(HEAD + body, encoding="utf-8")
    return [(p.row, p.column, p.value, p.message) for p in check_corrections(path, lang=lang)[1]]


def test_a_correction_of_a_touching_survivor_of_the_district_is_valid(tmp_path):
    assert _problems(tmp_path, "2019-12-01,14827,14824,Nghị quyết 786/NQ-UBTVQH14\n") == []


@pytest.mark.parametrize(("row", "column", "value", "words"), [
    ("2019-13-01,14827,14824,x", "version", "2019-13-01", "No such unit list 2019-13-01; known: 19/04/2017, "),
    ("2020-06-01,14827,14824,x", "version", "2020-06-01", "has no derived links"),
    ("2019-12-01,14869,14824,x", "removed_code", "14869", "not a unit merged away by a derived link"),
    ("2019-12-01,1482,14824,x", "removed_code", "1482", "not a 5-digit code"),
    ("2019-12-01,14827,14848,x", "absorbed_by", "14848", "does not touch 14827 within its district"),
    ("2019-12-01,14827,14827,x", "absorbed_by", "14827", "kept its own code"),
    ("2019-12-01,14827,14824,", "reason", "", "A reason is needed"),
])
def test_each_problem_names_the_row_column_and_value(tmp_path, row, column, value, words):
    (problem,) = _problems(tmp_path, row + "\n")
    assert problem[:3] == (2, column, value)
    assert words in problem[3]


def test_the_touching_survivors_are_listed_and_messages_are_vietnamese_by_default(tmp_path):
    ((_, _, _, message),) = _problems(tmp_path, "2019-12-01,14827,14848,x\n", lang="vi")
    assert "không giáp đơn vị 14827" in message and "14821 (3.11 km)" in message and "14824" in message


def test_a_duplicate_row_and_a_missing_column_are_refused(tmp_path):
    # the list by its id or by its date as the messages write it ("01/12/2019"): the same list
    rows = _problems(tmp_path, "2019-12-01,14827,14824,a\n01/12/2019,14827,14815,b\n")
    assert rows == [(3, "removed_code", "14827", "Row 2 already corrects 14827 of list 01/12/2019.")]
    path = tmp_path / "cols.csv"
    path.write_text("version,removed_code,reason\n2019-12-01,14827,x\n", encoding="utf-8")
    ((row, column, _, message),) = [(p.row, p.column, p.value, p.message) for p in
                                     check_corrections(path, lang="en")[1]]
    assert (row, column) == (1, "absorbed_by") and "Missing column" in message


def test_new_rows_replace_the_earlier_correction_of_the_same_merger():
    import pandas as pd

    current = pd.DataFrame([["2019-12-01", "14827", "14815", "old"], ["2019-12-01", "14851", "14860", "keep"]],
                           columns=["version", "removed_code", "absorbed_by", "reason"])
    new = current.iloc[:1].assign(absorbed_by="14824", reason="new")
    out = merged_corrections(current, new)
    assert out[["removed_code", "absorbed_by", "reason"]].values.tolist() == [
        ["14827", "14824", "new"], ["14851", "14860", "keep"]]


def test_the_command_needs_an_admin_and_audits_a_refusal(tmp_path, db, capsys):
    engine = get_engine(db)
    accounts.add_user(engine, "boss", PASSWORD, "admin")
    accounts.add_user(engine, "ed", PASSWORD, "editor")
    path = tmp_path / "fix.csv"
    path.write_text(HEAD + "2019-12-01,14827,14848,x\n", encoding="utf-8")
    assert main(["units", "correct", str(path), "--user", "ed", "--db", db, "--lang", "en"]) == 1
    assert "the admin role or above is needed" in capsys.readouterr().err
    assert main(["units", "correct", str(path), "--user", "boss", "--db", db, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "ERROR: fix.csv, row 2, column «absorbed_by», «14848»" in out and "Nothing was changed" in out
    log = audit.read_log(engine)
    assert (log["action"].iloc[0], log["outcome"].iloc[0], log["username"].iloc[0]) == (
        "units_correct", "refused", "boss")
    path.write_text(HEAD + "2019-12-01,14827,14824,NQ 786\n", encoding="utf-8")
    assert main(["units", "correct", str(path), "--user", "boss", "--db", db, "--check", "--lang", "en"]) == 0
    assert "not applied" in capsys.readouterr().out


def test_an_applied_correction_rebuilds_the_links_and_the_dissolved_boundaries(tmp_path):
    require(SHARED_DATA / "units" / "versions.csv")
    from geo.units.corrections import apply_corrections_file

    root = tmp_path / "units"
    shutil.copytree(U.UNITS_DIR, root)
    path = tmp_path / "fix.csv"
    path.write_text(HEAD + "2019-12-01,14827,14824,Nghị quyết 786/NQ-UBTVQH14\n", encoding="utf-8")
    before = U.units("2019-12-01", root).set_index("commune_code")["area_km2"]
    result = apply_corrections_file(path, SHARED_DATA / "units", root)
    assert result["changed"] == [("2019-12-01", "14827", "14821", "14824")]
    lk = U.links("2019-12-01", root)
    row = lk[lk["prev_code"] == "14827"].iloc[0]
    assert (row["commune_code"], row["evidence"], row["rule"]) == ("14824", "admin", "admin")
    assert "Nghị quyết 786" in row["detail"]
    after = U.units("2019-12-01", root).set_index("commune_code")["area_km2"]  # read again: files changed
    assert after["14824"] == pytest.approx(before["14824"] + 6.246, abs=0.01)
    assert after["14821"] == pytest.approx(before["14821"] - 6.246, abs=0.01)
    assert "14827,14824" in (root / "link_corrections.csv").read_text(encoding="utf-8")
    lineage = U.lineage("14824", "2020-06-01", root)
    assert lineage.query("prev_code == '14827'")["evidence"].tolist() == ["admin"]
