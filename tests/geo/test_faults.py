"""geo.faults: which fault a driver's exception is, said in one line without SQL, parameters or secrets."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from geo.access.audit import AuditError
from geo.faults import fault_kind, fault_message

PG = "postgresql+psycopg://geo:s3cret@db.example:6543/geo"


class _PgError(Exception):
    """What psycopg raises: a message and a SQLSTATE."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _wrapped(orig: Exception) -> DBAPIError:
    return OperationalError("INSERT INTO records (commune_code) VALUES (%(c)s)", {"c": "14755"}, orig)


@pytest.mark.parametrize(("orig", "kind"), [
    (_PgError('connection failed: connection to server at "10.0.0.5", port 5433 failed: Connection refused',
              "08006"), "unreachable"),
    (_PgError("could not extend file: No space left on device", "53100"), "disk_full"),
    (_PgError("cannot execute INSERT in a read-only transaction", "25006"), "read_only"),
    (_PgError('password authentication failed for user "geo"', "28P01"), "refused_login"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
    (sqlite3.DatabaseError("database disk image is malformed"), "corrupt"),
    (sqlite3.DatabaseError("file is not a database"), "corrupt"),
    (sqlite3.OperationalError("database or disk is full"), "disk_full"),
])
def test_each_driver_error_is_the_fault_it_means(orig, kind):
    assert fault_kind(_wrapped(orig))[0] == kind


def test_the_line_names_the_place_never_the_password_sql_or_parameters():
    refused = _wrapped(_PgError('connection to server at "10.0.0.5", port 5433 failed: Connection refused', "08006"))
    line = fault_message(refused, "en", url=PG)
    assert line.startswith("10.0.0.5:5433: Cannot reach the PostgreSQL database server")
    assert "s3cret" not in line and "INSERT" not in line and "14755" not in line
    # Without a place (a page): the words alone.
    assert fault_message(refused, "en", url=PG, place=False).startswith("Cannot reach the PostgreSQL")
    full = _wrapped(sqlite3.OperationalError("database or disk is full"))
    assert fault_message(full, "vi", url="sqlite:////srv/geo/var/db.sqlite").startswith(
        "/srv/geo/var: Ổ đĩa đã đầy: không lưu được gì")


def test_a_full_disk_while_writing_a_file_names_its_folder_and_other_errors_are_none():
    error = OSError(errno.ENOSPC, "No space left on device", "/mnt/backups/geo.backup.part")
    assert fault_message(error, "en") == ("/mnt/backups: The disk is full: nothing was stored, the data already "
                                          "there is intact. Free space there and try again.")
    assert fault_message(ValueError("bad"), "en") is None
    assert fault_message(KeyError("notes"), "en") is None


def test_the_product_s_own_message_is_read_through_to_its_cause():
    """An AuditError's text mentions read-only and full; the cause beneath it decides."""
    try:
        try:
            raise _wrapped(sqlite3.OperationalError("database or disk is full"))
        except DBAPIError as exc:
            raise AuditError.undone("en") from exc
    except AuditError as audit_error:
        assert fault_kind(audit_error)[0] == "disk_full"
    assert fault_kind(AuditError.undone("en")) is None
