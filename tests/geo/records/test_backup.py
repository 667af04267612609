"""Nothing lost: a backup taken while imports are being stored restores every record and the audit trail.

Each test that takes ``db`` runs on SQLite and on PostgreSQL (``tests/conftest.py``).
"""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.access import accounts, audit
from geo.cli.main import main
from geo.database import audit_table, imports_table, records_table
from geo.records import backup
from geo.records.store import get_engine, import_records, load_records


def _table(engine, table) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(select(table).order_by(table.c.id)).mappings().all())


def test_a_backup_taken_during_imports_restores_every_record_and_the_audit_trail(db, another_db, tmp_path):
    engine = get_engine(db, seed=True)
    accounts.add_user(engine, "huong", "correct horse battery", "editor", actor="admin")
    source = load_records(engine, "2019")
    stored_before = _table(engine, records_table)
    audit_before = _table(engine, audit_table)

    def imports() -> None:  # a district office sending its files meanwhile: 6 periods, 635 rows each
        for year in range(2030, 2036):
            frame = source.assign(period=str(year))
            import_records(engine, frame, file_name=f"{year}.csv", sha256="0" * 64, rows_read=len(frame),
                           user="huong")  # its audit line in the same transaction

    worker = threading.Thread(target=imports)
    worker.start()
    out = tmp_path / "backup.bin"
    taken = []
    while worker.is_alive() or not taken:  # back up again and again while the imports run
        taken.append(backup.backup(engine, out, actor="ops"))
    worker.join()
    assert len(taken) >= 2

    target = another_db()
    assert main(["restore", str(out), "--db", target]) == 0
    restored = get_engine(target)
    got_records, got_imports = _table(restored, records_table), _table(restored, imports_table)
    # Every record stored before the backups began is back, value for value.
    pd.testing.assert_frame_equal(got_records.iloc[: len(stored_before)].reset_index(drop=True),
                                  stored_before.reset_index(drop=True), check_dtype=False)
    # No half import: each import in the backup has all of its rows, and nothing else is there.
    per_import = got_records.groupby("import_id").size()
    for _, row in got_imports.iterrows():
        assert per_import.get(row["id"], 0) == row["rows_stored"], row["file_name"]
    assert len(got_records) == int(got_imports["rows_stored"].sum())
    # The audit trail up to the backups, line for line, then the restore itself.
    got_audit = _table(restored, audit_table)
    cols = ["id", "username", "action", "outcome", "detail"]
    pd.testing.assert_frame_equal(got_audit[cols].iloc[: len(audit_before)], audit_before[cols], check_dtype=False)
    assert got_audit.iloc[-1]["action"] == "restore"
    assert accounts.get_user(restored, "huong").role == "editor"
    # And the original has logged each backup.
    log = audit.read_log(engine)
    assert (log["action"] == "backup").sum() == len(taken)
    with restored.connect() as conn:
        assert conn.execute(select(func.count()).select_from(records_table)).scalar_one() >= len(stored_before)


def test_backup_and_restore_from_the_command_line(db, another_db, tmp_path, capsys):
    engine = get_engine(db, seed=True)
    out = tmp_path / "nightly.backup"
    assert main(["backup", "--out", str(out), "--db", db]) == 0
    assert str(out) in capsys.readouterr().out
    target = another_db()
    assert main(["restore", str(out), "--db", target]) == 0
    assert load_records(get_engine(target), "2019").equals(load_records(engine, "2019"))
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    assert main(["--lang", "en", "restore", str(not_a_backup), "--db", target]) == 1
    assert "notes.txt is not a backup of this application" in capsys.readouterr().err


def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path):
    sqlite_backup = tmp_path / "a.backup"
    engine = get_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    backup.backup(engine, sqlite_backup, actor="os:ops")
    with pytest.raises(backup.BackupError, match="a.backup is a sqlite backup; the database is postgresql"):
        backup.restore("postgresql+psycopg://nobody@127.0.0.1:1/x", sqlite_backup, actor="os:ops", lang="en")


@pytest.mark.parametrize(("lang", "missing", "foreign"), [
    ("vi", "Máy chủ thiếu công cụ pg_dump của PostgreSQL", "notes.txt không phải là bản sao lưu của ứng dụng này"),
    ("en", "The server lacks PostgreSQL's pg_dump", "notes.txt is not a backup of this application")])
def test_backup_faults_speak_the_users_language_without_commands(tmp_path, monkeypatch, lang, missing, foreign):
    """A server without PostgreSQL's tools and a file that is no backup: one sentence each, in the user's language."""
    monkeypatch.setattr(backup.glob, "glob", lambda _pattern: [])
    monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    with pytest.raises(backup.BackupError) as tools:
        backup._pg_tool("pg_dump", lang)
    stranger = tmp_path / "notes.txt"
    stranger.write_text("hello", encoding="utf-8")
    with pytest.raises(backup.BackupError) as kind:
        backup.backup_kind(stranger, lang)
    for said in (str(tools.value), str(kind.value)):
        assert "make " not in said and "python -m" not in said and str(tmp_path) not in said
    assert str(tools.value).startswith(missing) and str(kind.value).startswith(foreign)
