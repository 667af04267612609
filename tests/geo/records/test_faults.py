"""Faults injected on purpose: nothing partial, nothing lost, one clear line (issue 23's probes, repeated).

Each test that takes ``db`` runs on SQLite and on PostgreSQL (``tests/conftest.py``). Commands run in-process
(``geo.cli.main.main``, whose output is what the terminal shows) except where a process must be killed or the
whole terminal output is checked for a traceback. A full disk is a small tmpfs, mounted only when the tests
run as root; an unreachable server is a closed port.

Probes kept elsewhere, not repeated here: two imports of one period at once (tests/geo/records/test_store.py,
and two processes on PostgreSQL in tests/geo/test_postgres.py), backups taken during imports
(tests/geo/records/test_backup.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.access import accounts
from geo.cli.main import main
from geo.database import audit_table, imports_table, records_table
from geo.records import backup
from geo.records.store import get_engine, load_records
from tests.util import PASSWORD, ROOT, make_records, store

DISTRICT_FILE = ROOT / "data" / "illustrative_records.csv"


def _count(engine, table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def _current(engine, period: str) -> int:
    return _count(engine, records_table, records_table.c.period == period, records_table.c.is_current)


def _whole_imports(engine) -> None:
    """Every stored import has all of its rows, and no record is without its import."""
    with engine.connect() as conn:
        imports = conn.execute(select(imports_table.c.id, imports_table.c.rows_stored)
                               .where(imports_table.c.outcome == "stored")).all()
        per_import = dict(conn.execute(select(records_table.c.import_id, func.count())
                                       .group_by(records_table.c.import_id)).all())
    assert {i: n for i, n in imports if n} == per_import


def _district_file(folder: Path, period: str = "2019") -> Path:
    """A district's file of 635 rows (the 2019 unit list), as a clerk sends it."""
    frame = pd.read_csv(DISTRICT_FILE, dtype=str)
    path = folder / f"huyen-{period}.csv"
    frame[frame["period"] == period].to_csv(path, index=False)
    return path


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "SELECT" not in err and "INSERT" not in err, err
    return lines[0]


def _geo(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geo", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "GEO_SEED_ILLUSTRATIVE": "0", **(env or {})})


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nobody listens there


@pytest.fixture
def read_only_folder():
    """A function that puts a copy of a SQLite file in a folder that cannot be written; returns its URL.

    As root (whom file modes do not stop) the folder is a read-only bind mount, unmounted afterwards.
    """
    mounted: list[Path] = []

    def make(path: Path, folder: Path) -> str:
        folder.mkdir()
        shutil.copyfile(path, folder / path.name)
        if os.geteuid() == 0:
            subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
            mounted.append(folder)
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        else:
            (folder / path.name).chmod(0o444)
            folder.chmod(0o555)
        return f"sqlite:///{folder / path.name}"

    yield make
    for folder in mounted:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


@pytest.fixture
def clerk(db):
    """The database with an editor account, ``clerk``; returns the engine."""
    engine = get_engine(db)
    accounts.add_user(engine, "clerk", PASSWORD, "editor", actor="test")
    return engine


# --- Periods: one parser everywhere ---------------------------------------------------------------------------


def test_summary_reads_the_periods_import_reads_and_refuses_what_is_not_a_period(clerk, db, capsys):
    store(clerk, make_records("2019-Q1", {"14755": {"healthy": True}}), user="clerk")
    store(clerk, make_records("2019", {"14755": {"healthy": True}}), user="clerk", file_name="y.csv")
    for spelling, canonical in [("Q1/2019", "2019-Q1"), ("2019-q1", "2019-Q1"), ("Quý 1/2019", "2019-Q1"),
                                ("２０１９", "2019"), (" 2019 ", "2019"), ("2019.0", "2019")]:
        assert main(["summary", "--period", spelling, "--db", db, "--json"]) == 0, spelling
        assert f'"period": "{canonical}"' in capsys.readouterr().out
    for impossible in ["2019-Q5", "2019-Q0", "2019-13", ""]:
        assert main(["--lang", "en", "summary", "--period", impossible, "--db", db]) == 2
        assert _one_line(capsys.readouterr().err).startswith(f"«{impossible}» is not a period")
    assert main(["--lang", "en", "export", "--theme", "healthy", "--format", "csv", "--period", "2019-Q5",
                 "--out", "x.csv", "--db", db]) == 2
    assert "«2019-Q5» is not a period" in capsys.readouterr().err


# --- Operational faults: one line ----------------------------------------------------------------------------


def test_an_unreachable_server_is_one_line_with_its_host_and_port_and_no_password(tmp_path, capsys):
    port = _closed_port()
    url = f"postgresql+psycopg://geo:s3cret-pw@127.0.0.1:{port}/geo"
    csv = _district_file(tmp_path)
    for args in (["summary", "--period", "2019"], ["audit"], ["import", str(csv), "--user", "clerk"],
                 ["backup", "--out", str(tmp_path / "b.backup")]):
        assert main(["--lang", "en", *args, "--db", url]) == 1, args
        line = _one_line(capsys.readouterr().err)
        assert line.startswith(f"127.0.0.1:{port}: Cannot reach the PostgreSQL database server"), line
        assert "s3cret" not in line
    assert list(tmp_path.iterdir()) == [csv]  # no backup, no .part
    # From outside, the terminal shows the same one line; --debug shows the traceback to a developer.
    done = _geo("summary", "--period", "2019", "--db", url).communicate(timeout=60)
    assert f"127.0.0.1:{port}" in _one_line(done[1])
    debug = _geo("--debug", "summary", "--period", "2019", "--db", url).communicate(timeout=60)
    assert "Traceback" in debug[1]


def test_a_damaged_database_is_one_line_that_says_restore_a_backup(tmp_path, capsys):
    path = tmp_path / "live.sqlite"
    engine = get_engine(f"sqlite:///{path}")
    store(engine, make_records("2019", {"14755": {"healthy": True}}), user="test")
    engine.dispose()
    with path.open("r+b") as f:  # one page garbled, as a failing disk leaves it
        f.seek(4096 * 2)
        f.write(b"\xde\xad" * 2048)
    for args in (["summary", "--period", "2019"], ["audit"], ["backup", "--out", str(tmp_path / "b.backup")]):
        assert main(["--lang", "en", *args, "--db", f"sqlite:///{path}"]) == 1
        line = _one_line(capsys.readouterr().err)
        assert "The database is damaged" in line and "restore it from the latest backup" in line, line
    assert not list(tmp_path.glob("*.part")) and not (tmp_path / "b.backup").exists()


def test_a_read_only_database_stores_nothing_and_a_backup_or_export_written_stands(clerk, db, tmp_path, capsys,
                                                                                    read_only_folder):
    store(clerk, make_records("2019", {"14755": {"healthy": True, "notes": "ghi chú"}}), user="clerk")
    before = _count(clerk, records_table), _count(clerk, audit_table)
    clerk.dispose()
    if db.startswith("sqlite"):  # the file in a folder that cannot be written (a read-only mount under root)
        url = read_only_folder(Path(db.removeprefix("sqlite:///")), tmp_path / "ro")
    else:  # a server that takes no writes (a standby, a database set read-only)
        with clerk.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{clerk.url.database}" SET default_transaction_read_only = on')
        url = db
    assert main(["--lang", "en", "import", str(_district_file(tmp_path)), "--user", "clerk", "--replace",
                 "--db", url]) == 1
    assert "The database is read-only" in capsys.readouterr().err
    out = tmp_path / "nightly.backup"
    assert main(["--lang", "en", "backup", "--out", str(out), "--db", url]) == 0
    assert "WARNING: The audit line could not be written" in capsys.readouterr().err
    assert backup.check_restore(db, out).backup.records == before[0]
    assert main(["--lang", "en", "export", "--theme", "healthy", "--format", "xlsx", "--period", "2019",
                 "--out", str(tmp_path / "t.xlsx"), "--db", url]) == 0
    assert "WARNING" in capsys.readouterr().err and (tmp_path / "t.xlsx").exists()
    ro = get_engine(url)
    assert (_count(ro, records_table), _count(ro, audit_table)) == before
    ro.dispose()
    assert not list(tmp_path.glob("*.part"))


@pytest.fixture
def full_disk(tmp_path):
    """A 3 MiB tmpfs (root only), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("a small full filesystem needs root (mount -t tmpfs)")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "--lazy", str(mount)], check=True)


def test_a_full_disk_stores_nothing_keeps_the_database_whole_and_leaves_no_part_file(full_disk, tmp_path, capsys,
                                                                                      monkeypatch):
    url = f"sqlite:///{full_disk / 'live.sqlite'}"
    engine = get_engine(url)
    accounts.add_user(engine, "clerk", PASSWORD, "editor", actor="test")
    store(engine, make_records("2019-Q1", {"14755": {"healthy": True}}), user="clerk")
    engine.dispose()
    pd.read_csv(DISTRICT_FILE, dtype=str).query("period == '2019'").to_csv(tmp_path / "huyen.csv", index=False)
    free = os.statvfs(full_disk)
    (full_disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 4096))  # all but one page
    assert main(["--lang", "en", "import", str(tmp_path / "huyen.csv"), "--user", "clerk", "--db", url]) == 1
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.startswith(f"{full_disk}: The disk is full: nothing was stored"), line
    assert main(["--lang", "en", "backup", "--out", str(full_disk / "b.backup"), "--db", url]) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"{full_disk}: The disk is full")
    # An account added on a full disk: one line, and never the new account's password hash.
    monkeypatch.setenv("GEO_DB_URL", url)
    assert main(["--lang", "en", "user", "add", "bob", "--role", "viewer"]) == 1
    out, err = capsys.readouterr()
    assert "The disk is full" in _one_line(err) and "argon2" not in out + err
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "live.sqlite"]  # no backup, no .part
    con = sqlite3.connect(full_disk / "live.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 1
    con.close()


# --- Restore: nothing lost ------------------------------------------------------------------------------------


def test_a_garbled_or_truncated_backup_is_refused_and_the_database_keeps_its_records(clerk, db, tmp_path, capsys):
    store(clerk, make_records("2019", {"14755": {"healthy": True}, "14758": {"healthy": False}}), user="clerk")
    good = tmp_path / "good.backup"
    backup.backup(clerk, good, actor="os:ops")
    data = good.read_bytes()
    garbled, truncated = tmp_path / "garbled.backup", tmp_path / "truncated.backup"
    if db.startswith("sqlite"):  # one 4 KiB page garbled
        garbled.write_bytes(data[:4096 * 3] + b"\x13\x37" * 2048 + data[4096 * 4:])
    else:  # the archive's data garbled behind its table of contents
        garbled.write_bytes(data[: len(data) // 2] + b"\x13\x37" * 2048 + data[len(data) // 2 + 4096:])
    truncated.write_bytes(data[: len(data) // 2])
    files_before = sorted(tmp_path.iterdir())
    for bad in (garbled, truncated):
        assert main(["--lang", "en", "restore", str(bad), "--db", db]) == 1
        assert f"The backup {bad.name} is damaged or incomplete" in _one_line(capsys.readouterr().err)
    assert _current(clerk, "2019") == 2
    assert sorted(tmp_path.iterdir()) == files_before  # no file left beside the target, no safety copy
    assert main(["--lang", "en", "summary", "--period", "2019", "--db", db, "--json"]) == 0


def test_an_empty_backup_needs_yes_and_undo_brings_the_records_back(clerk, db, another_db, tmp_path, capsys):
    store(clerk, make_records("2019", {"14755": {"healthy": True}, "14758": {"healthy": False}}), user="clerk")
    empty = tmp_path / "empty.backup"
    backup.backup(get_engine(another_db()), empty, actor="os:ops")
    assert main(["--lang", "en", "restore", str(empty), "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "The backup: 0 periods, 0 records, 0 accounts" in out
    assert "The current database: 1 periods, 2 records, 1 accounts" in out
    assert "Not restored: the database holds 2 records that are not in the backup" in err
    assert _current(clerk, "2019") == 2

    assert main(["--lang", "en", "restore", str(empty), "--db", db, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "The database as it was is kept at" in out
    safety = backup.safety_copies(db)
    assert len(safety) == 1 and str(safety[0]) in out
    assert _current(get_engine(db), "2019") == 0
    assert main(["--lang", "en", "restore", "--undo", "--db", db]) == 0
    capsys.readouterr()
    restored = get_engine(db)
    assert _current(restored, "2019") == 2 and accounts.get_user(restored, "clerk") is not None
    for path in backup.safety_copies(db):
        path.unlink()


def test_a_backup_of_another_product_or_a_newer_schema_is_refused_an_older_one_accepted(tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.commit()
    con.close()
    target = f"sqlite:///{tmp_path / 'live.sqlite'}"
    store(get_engine(target), make_records("2019", {"14755": {"healthy": True}}), user="test")
    with pytest.raises(backup.BackupError, match="other.sqlite is not a backup of this application"):
        backup.restore(target, other, actor="os:ops", lang="en")
    newer = tmp_path / "newer.backup"
    backup.backup(get_engine(target), newer, actor="os:ops")
    con = sqlite3.connect(newer)
    con.execute("UPDATE schema_version SET version = version + 1")
    con.commit()
    con.close()
    with pytest.raises(backup.BackupError, match="made by a newer version"):
        backup.restore(target, newer, actor="os:ops", lang="en")
    assert _current(get_engine(target), "2019") == 1
    # A backup from before the version was recorded: accepted, its tables being the product's.
    con = sqlite3.connect(newer)
    con.execute("DROP TABLE schema_version")
    con.commit()
    con.close()
    done = backup.restore(target, newer, actor="os:ops", lang="en")
    assert done.check.backup.records == 1 and done.safety is not None and done.safety.exists()
    assert _current(get_engine(target), "2019") == 1


# --- Kills, races ---------------------------------------------------------------------------------------------


def test_kill_during_import_leaves_all_or_nothing_and_a_rerun_stores(clerk, db, tmp_path):
    csv = _district_file(tmp_path)
    env = {"GEO_DB_URL": db}
    # Killed while it reads and validates, then while it stores (the store follows the report on stdout).
    for moment in ("validating", "storing"):
        proc = _geo("import", str(csv), "--user", "clerk", "--replace", env=env)
        if moment == "validating":
            time.sleep(1.0)
        else:
            proc.stdout.readline()  # "huyen-2019.csv: valid, 635 data rows…": the store starts now
        proc.kill()
        proc.wait()
        assert _current(clerk, "2019") in (0, 635), moment
        _whole_imports(clerk)
    done = _geo("import", str(csv), "--user", "clerk", "--replace", env=env)
    assert done.wait(timeout=120) == 0, done.stderr.read()
    assert _current(clerk, "2019") == 635
    _whole_imports(clerk)


def test_kill_during_restore_leaves_the_old_or_the_new_state(tmp_path):
    live = f"sqlite:///{tmp_path / 'live.sqlite'}"
    old = get_engine(live)
    store(old, make_records("2019", {"14755": {"healthy": True}}), user="test")
    other = get_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    store(other, make_records("2019", {c: {"healthy": False} for c in ("14755", "14758", "14761")}), user="t")
    new = tmp_path / "new.backup"
    backup.backup(other, new, actor="os:ops")
    proc = _geo("restore", str(new), "--yes", "--db", live)
    time.sleep(2.2)  # past start-up: checking the backup, copying the database aside, or replacing it
    proc.kill()
    proc.wait()
    con = sqlite3.connect(tmp_path / "live.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM records WHERE period = '2019' AND is_current").fetchone()[0] in (1, 3)
    con.close()


# --- Text from files ------------------------------------------------------------------------------------------


def test_control_and_bidi_characters_are_removed_at_import_and_stored_ones_still_export(clerk, db, tmp_path,
                                                                                        capsys):
    csv = tmp_path / "ghi-chu.csv"
    csv.write_bytes("Mã xã,Kỳ,Lành mạnh,Ghi chú\n"
                    '14755,2019,Có,"\x1b[31mđỏ\x1b[0m \u202eabc\x07"\n'
                    '14758,2019,Có,"dòng 1\r\n=2+2"\n'
                    '14761,2019,Có,"  \tthụt lề"\n'.encode())
    assert main(["--lang", "en", "import", str(csv), "--user", "clerk", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out  # the terminal never receives them raw
    assert "ghi-chu.csv, row 2, column «Ghi chú»" in out and "\\x1b" in out and "\\u202e" in out
    assert main(["validate", str(csv), "--json"]) == 0  # JSON on a terminal: escaped the JSON way
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out and "\\u202e" in out
    notes = load_records(get_engine(db), "2019").set_index("commune_code")["notes"]
    assert notes["14755"] == "[31mđỏ[0m abc"
    assert notes["14758"] == "dòng 1\r\n=2+2"  # line breaks as written
    assert notes["14761"] == "  \tthụt lề"  # leading spaces and tabs kept
    # A note stored before the rule (ESC and BEL) still exports: cleaned by the same rule, formulas neutralised.
    with clerk.begin() as conn:
        conn.execute(records_table.update().where(records_table.c.commune_code == "14761")
                     .values(notes="cũ \x1b\x07 =1+1"))
    out_file = tmp_path / "bang.xlsx"
    assert main(["--lang", "en", "export", "--theme", "healthy", "--format", "xlsx", "--period", "2019",
                 "--out", str(out_file), "--db", db]) == 0
    cells = {c for row in openpyxl.load_workbook(out_file).active.iter_rows(values_only=True) for c in row
             if isinstance(c, str)}
    assert "cũ  =1+1" in cells and "'dòng 1\r\n=2+2" not in cells and "dòng 1\r\n=2+2" in cells
