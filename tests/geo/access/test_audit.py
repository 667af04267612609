"""One audit trail for every way in: the domain code writes it, the command line checks ``--user``.

Each test works on a scratch database of its own (``db``) and reads the trail the way an admin does, with
``python -m geo audit --csv``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from geo.access import accounts, audit
from geo.cli.main import main
from geo.contract import PLANS_DIR
from geo.figures import plan_items
from geo.figures.targets import load_plan
from geo.records import store
from geo.records.store import count_records, get_engine, import_records, list_imports
from geo.units import versions
from tests.conftest import ROOT
from tests.util import PASSWORD, as_user, audit_cannot_be_written, make_records, read_only, unit_file


def trail(db: str, tmp_path) -> pd.DataFrame:
    """The audit trail as ``python -m geo audit --csv`` writes it, newest first."""
    out = tmp_path / f"audit-{len(list(tmp_path.glob('audit-*')))}.csv"
    assert main(["audit", "--db", db, "--csv", str(out)]) == 0
    return pd.read_csv(out, dtype=str, keep_default_na=False)


@pytest.fixture
def people(db):
    """A scratch database with an editor, a viewer and a disabled editor."""
    engine = get_engine(db)
    accounts.add_user(engine, "huong", PASSWORD, "editor")
    accounts.add_user(engine, "xem", PASSWORD, "viewer")
    accounts.add_user(engine, "cu", PASSWORD, "editor")
    accounts.set_disabled(engine, "cu", True, actor="admin")
    return engine


def test_an_import_a_refused_import_and_a_backup_each_leave_a_line(people, db, good_csv, bad_csv, tmp_path,
                                                                  capsys):
    assert main(["import", str(good_csv), "--db", db, "--user", "huong"]) == 0
    assert main(["import", str(bad_csv), "--db", db, "--user", "huong"]) == 1
    assert main(["import", str(good_csv), "--db", db, "--user", "huong"]) == 1  # a clash: needs --replace
    assert main(["import", str(good_csv), "--db", db, "--user", "huong", "--replace"]) == 0
    assert main(["backup", "--out", str(tmp_path / "nightly.backup"), "--db", db]) == 0
    capsys.readouterr()
    log = trail(db, tmp_path)
    mine = log[log["action"].isin(["import", "validate", "backup"])].iloc[::-1]  # oldest first
    assert mine[["username", "action", "outcome"]].values.tolist() == [
        ["huong", "import", "ok"], ["huong", "validate", "refused"], ["huong", "import", "refused"],
        ["huong", "import", "ok"], [audit.os_login(), "backup", "ok"]]
    replaced = json.loads(mine.iloc[3]["detail"])
    assert (replaced["file"], replaced["stored"], replaced["replaced"], replaced["replace"]) == ("huyen.csv", 2, 2,
                                                                                               True)
    assert json.loads(mine.iloc[1]["detail"])["file"] == "loi.csv"
    assert "đã có số liệu của 2 xã" in json.loads(mine.iloc[2]["detail"])["reason"]
    assert json.loads(mine.iloc[4]["detail"])["file"].endswith("nightly.backup")
    assert audit.os_login().startswith("os:") and len(audit.os_login()) > 3


@pytest.mark.parametrize(("user", "code", "reason", "message"), [
    ("ghost", 2, "unknown", "Không có tài khoản ghost"),
    ("cu", 1, "disabled", "Tài khoản cu đã bị vô hiệu hóa"),
    ("xem", 1, "no_right", "Tài khoản xem (vai trò viewer) không có quyền nhập số liệu: cần vai trò editor"),
    (None, 2, "no_account", "Thao tác này cần tên tài khoản của người thực hiện (--user TÊN)"),
])
def test_an_import_by_no_usable_account_is_refused_stores_nothing_and_is_audited(people, db, good_csv, tmp_path,
                                                                                 capsys, user, code, reason, message):
    assert main(["import", str(good_csv), "--db", db, *(["--user", user] if user else [])]) == code
    assert message in capsys.readouterr().err
    assert count_records(people) == 0 and list_imports(people).empty
    line = trail(db, tmp_path).iloc[0]
    assert (line["username"], line["action"], line["outcome"]) == (user or audit.os_login(), "import", "refused")
    assert json.loads(line["detail"]) == {"file": "huyen.csv", "reason": reason, "right": "import"}


def test_the_issues_ghost_import_from_outside(db, tmp_path):
    """`python -m geo import FILE --replace --user ghost` in its own process: refused, nothing replaced, audited."""
    path = unit_file(tmp_path / "2019.csv", "2017-04-19", "2019")
    run = [sys.executable, "-m", "geo", "--lang", "en"]
    done = subprocess.run([*run, "import", str(path), "--db", db, *as_user(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ghost = subprocess.run([*run, "import", str(path), "--replace", "--db", db, "--user", "ghost"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert (ghost.returncode, ghost.stderr.strip()) == (2, "No account named ghost. Nothing was changed.")
    engine = get_engine(db)
    assert count_records(engine) == 635 and list(list_imports(engine)["rows_replaced"]) == [0]
    shown = subprocess.run([*run, "audit", "--db", db], cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = shown.stdout.splitlines()
    assert "ghost" in lines[1] and "refused" in lines[1] and "editor" in lines[2] and " import " in lines[2]


def test_a_refused_2021_upload_on_the_data_page_path_is_logged(people, tmp_path):
    """The Data page calls store.check_upload: a 2021 file (its period holds a change) is logged when refused."""
    assert versions.version_choices(["2021"])  # the page reruns to offer a unit list: that lost the line
    path = unit_file(tmp_path / "2021.csv", "2019-12-01", "2021", extra=(("99999", "Xã Không Có", "2021", "Có", 1),))
    report, not_logged = store.check_upload(people, path.read_bytes(), "2021.csv", versions.UnitLists(),
                                            user="huong", lang="en")
    assert not report.ok and not_logged is None
    line = audit.read_log(people).iloc[0]
    assert (line["username"], line["action"], line["outcome"]) == ("huong", "validate", "refused")
    assert json.loads(line["detail"])["periods"] == ["2021"]
    logged = list_imports(people).iloc[0]
    assert (logged["file_name"], logged["outcome"], logged["username"]) == ("2021.csv", "rejected", "huong")
    assert count_records(people) == 0


def test_an_import_and_its_line_are_one_transaction(people, db, good_csv, capsys):
    audit_cannot_be_written(people)
    with pytest.raises(audit.AuditError, match="nothing changed"):
        import_records(people, make_records("2019", {"14755": {"healthy": True}}), file_name="f.csv",
                       sha256="0" * 64, rows_read=1, user="huong", lang="en")
    assert count_records(people) == 0 and list_imports(people).empty
    assert main(["--lang", "en", "import", str(good_csv), "--db", db, "--user", "huong"]) == 1
    assert "The disk is full: nothing was stored" in capsys.readouterr().err  # the fault beneath, in one line
    assert count_records(people) == 0


def test_a_backup_whose_line_cannot_be_written_is_kept_with_a_warning(people, db, tmp_path, capsys):
    audit_cannot_be_written(people)
    out = tmp_path / "nightly.backup"
    assert main(["--lang", "en", "backup", "--out", str(out), "--db", db]) == 0
    done = capsys.readouterr()
    assert f"{out}: {db.split(':')[0].split('+')[0]}" in done.out and out.stat().st_size > 0
    assert done.err.startswith("WARNING: The audit line could not be written to the database")


def test_refusals_whose_line_cannot_be_written_say_so(people, db, bad_csv, capsys):
    audit_cannot_be_written(people)
    assert main(["--lang", "en", "import", str(bad_csv), "--db", db, "--user", "huong"]) == 1
    err = capsys.readouterr().err
    assert "File rejected: 2 errors. Nothing was stored. The audit line could not be written" in err
    assert main(["--lang", "en", "import", str(bad_csv), "--db", db, "--user", "ghost"]) == 2
    assert capsys.readouterr().err.strip() == ("No account named ghost. Nothing was changed. The audit line could "
                                               "not be written to the database (read-only, full or unreachable).")


def test_plan_entries_and_boundary_activations_are_undone_without_their_line(people, db, capsys):
    from geo.boundaries import revisions

    audit_cannot_be_written(people)
    editor = accounts.get_user(people, "huong")
    with pytest.raises(plan_items.PlanItemError, match="nothing changed"):
        plan_items.record_progress(people, load_plan(PLANS_DIR / "2019.toml"), editor, "T6", "done",
                                   as_of="2019-03-01", lang="en")
    assert plan_items.history(people).empty
    with pytest.raises(ValueError, match="No boundary revision 3. The audit line could not be written"):
        revisions.set_active(people, 3, True, user="huong", lang="en")


def test_operator_commands_act_as_the_login_or_a_checked_account(people, db, good_csv, tmp_path, capsys):
    assert main(["import", str(good_csv), "--db", db, "--user", "huong"]) == 0
    export = ["export", "--theme", "healthy", "--format", "csv", "--period", "2019-Q1", "--db", db]
    assert main([*export, "--out", str(tmp_path / "a.csv")]) == 0
    assert main([*export, "--out", str(tmp_path / "b.csv"), "--user", "huong"]) == 0
    assert main([*export, "--out", str(tmp_path / "c.csv"), "--user", "ghost"]) == 2
    assert main([*export, "--out", str(tmp_path / "d.csv"), "--user", "xem"]) == 1  # viewers may not export
    assert not (tmp_path / "c.csv").exists() and not (tmp_path / "d.csv").exists()
    backup = tmp_path / "x.backup"
    assert main(["backup", "--out", str(backup), "--db", db, "--user", "xem"]) == 1
    assert not backup.exists()
    capsys.readouterr()
    log = trail(db, tmp_path)
    lines = log[log["action"].isin(["export", "backup"])].iloc[::-1]
    assert lines[["username", "action", "outcome"]].values.tolist() == [
        [audit.os_login(), "export", "ok"], ["huong", "export", "ok"], ["ghost", "export", "refused"],
        ["xem", "export", "refused"], ["xem", "backup", "refused"]]
    detail = json.loads(lines.iloc[0]["detail"])
    assert (detail["theme"], detail["period"], detail["format"], detail["file"]) == ("healthy", "2019-Q1", "csv",
                                                                                     "a.csv")


def test_a_restore_onto_an_empty_database_needs_no_account(people, db, another_db, tmp_path, capsys):
    backup = tmp_path / "x.backup"
    assert main(["backup", "--out", str(backup), "--db", db]) == 0
    target = another_db()
    assert main(["restore", str(backup), "--db", target]) == 0
    line = audit.read_log(get_engine(target)).iloc[0]
    assert (line["username"], line["action"]) == (audit.os_login(), "restore")


def test_account_commands_are_audited_under_the_login(db, capsys):
    assert main(["user", "--db", db, "add", "lan", "--role", "viewer"]) == 0
    line = audit.read_log(get_engine(db)).iloc[0]
    assert (line["username"], line["action"]) == (audit.os_login(), "user_add")


def test_a_units_correction_without_its_line_puts_the_files_back(people, tmp_path, monkeypatch):
    """The rebuild (30 s, tested in test_corrections.py) replaced by what it does to the folder: rewrite files."""
    import shutil

    from geo.units import corrections

    root = tmp_path / "units"
    shutil.copytree(versions.UNITS_DIR, root)

    def rebuild(path, source, root):
        (root / "link_corrections.csv").write_text("version,removed_code,absorbed_by,reason\n", encoding="utf-8")
        (root / "extra.parquet").write_bytes(b"new")
        return {"rows": 1, "sha256": "0" * 64, "changed": [("2019-12-01", "14827", "14821", "14824")]}

    monkeypatch.setattr(corrections, "apply_corrections_file", rebuild)
    corrections.audited_apply(people, tmp_path / "fix.csv", tmp_path, user="boss", root=root)
    line = audit.read_log(people).iloc[0]
    assert (line["username"], line["action"], json.loads(line["detail"])["rows"]) == ("boss", "units_correct", 1)
    shutil.rmtree(root)
    shutil.copytree(versions.UNITS_DIR, root)
    before = {f.name: f.read_bytes() for f in root.iterdir()}
    audit_cannot_be_written(people)
    with pytest.raises(audit.AuditError, match="nothing changed"):
        corrections.audited_apply(people, tmp_path / "fix.csv", tmp_path, user="boss", root=root, lang="en")
    assert {f.name: f.read_bytes() for f in root.iterdir()} == before


def test_the_audit_command_prints_vietnams_time_and_keeps_utc_in_its_machine_formats(db, tmp_path, capsys):
    """Stored at 23:30 UTC on 6 December: 06:30 on the 7th in Thanh Hóa on screen; --csv and --json stay in UTC."""
    from geo import clock

    engine = get_engine(db)
    with clock.frozen("2026-12-06T23:30:00Z"):
        audit.log(engine, "huong", "export", detail={"file": "bản đồ.pdf"})
    assert main(["audit", "--db", db]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "2026-12-07 06:30:00 (UTC+7)" in shown[1] and "huong" in shown[1] and "23:30" not in shown[1]
    log = trail(db, tmp_path)
    assert log.iloc[0]["at"] == "2026-12-06 23:30:00+00:00"
    assert json.loads(log.iloc[0]["detail"]) == {"file": "bản đồ.pdf"}
    capsys.readouterr()
    assert main(["audit", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"id": 1, "at": "2026-12-06T23:30:00+00:00", "username": "huong",
                                                    "action": "export", "outcome": "ok",
                                                    "detail": {"file": "bản đồ.pdf"}}]
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert main(["audit", "--db", empty]) == 0 and capsys.readouterr().out == "-\n"
    assert main(["audit", "--db", empty, "--json"]) == 0 and json.loads(capsys.readouterr().out) == []
    with pytest.raises(SystemExit):  # one machine format at a time
        main(["audit", "--db", db, "--json", "--csv", str(tmp_path / "x.csv")])


def test_a_database_that_refuses_every_write_gives_one_message_and_stores_nothing(people, good_csv):
    """Read-only (or full, or a standby server): the change and its line fail together, in the user's words."""
    from geo.access.audit import AuditError
    from geo.contract import PLANS_DIR
    from geo.figures import plan_items
    from geo.figures.targets import load_plan
    from geo.records.store import count_records, import_report
    from geo.records.validation import validate_file
    from geo.units.versions import UnitLists

    report = validate_file(good_csv, UnitLists())
    before = (count_records(people), len(audit.read_log(people)))
    read_only(people)
    with pytest.raises(AuditError, match="The database is read-only"):
        import_report(people, report, user="huong", lang="en")
    editor = accounts.get_user(people, "huong")
    with pytest.raises(plan_items.PlanItemError, match="The database is read-only"):
        plan_items.record_progress(people, load_plan(PLANS_DIR / "2019.toml"), editor, "T6", "done",
                                   as_of="2019-03-01", lang="en")
    assert (count_records(people), len(audit.read_log(people))) == before


def test_the_trail_reads_in_words_without_json_or_paths():
    import json as _json

    import pandas as _pd

    from geo.access.audit import describe, readable

    line = describe("import", "ok", _json.dumps({"file": "huyen_muong_lat.xlsx", "sha256": "ab" * 32, "rows": 1234,
                                                 "stored": 1234, "replaced": 0, "periods": ["2019-Q3"]}), "vi")
    assert line == {"what": "Nhập số liệu", "target": "huyen_muong_lat.xlsx", "outcome": "Thành công",
                    "detail": "số dòng: 1.234; đã lưu: 1.234; thay thế: 0; các kỳ: Quý 3/2019"}
    activated = describe("boundary_activate", "ok", {"revision": 3, "version": "2019-12-01"}, "vi")
    assert activated["detail"].endswith("01/12/2019") and "2019-12-01" not in activated["detail"]
    export = describe("export", "ok", {"theme": "status", "period": "2025-Q3", "format": "pdf"}, "en")
    assert "Q3 2025" in export["detail"] and "2025-Q3" not in export["detail"]
    role = describe("user_role", "ok", {"user": "lan", "role": "editor"}, "en")
    assert (role["what"], role["target"], role["detail"]) == ("Role changed", "lan", "role: editor")
    backup = describe("backup", "ok", {"file": "/var/backups/geo/geo-20261207.backup", "kind": "sqlite"}, "vi")
    assert backup["target"] == "geo-20261207.backup"  # no folder on a screen
    refused = describe("import", "refused", {"file": "a.csv", "reason": "Kỳ 2019 đã có số liệu"}, "vi")
    assert refused["outcome"] == "Bị từ chối" and "lý do: Kỳ 2019 đã có số liệu" in refused["detail"]
    assert describe("something_new", "ok", None, "vi")["what"] == "something_new"  # unknown: its code, not nothing
    log = _pd.DataFrame({"id": [1], "at": [_pd.Timestamp("2026-12-06 23:30", tz="UTC")], "username": ["admin"],
                         "action": ["user_add"], "outcome": ["ok"],
                         "detail": [_json.dumps({"user": "lan", "role": "viewer"})]})
    table = readable(log, "vi")
    assert table.iloc[0].tolist() == ["2026-12-07 06:30:00 (UTC+7)", "admin", "Tạo tài khoản", "lan", "Thành công",
                                      "vai trò: xem"]
