"""Accounts, roles, throttled logins, sessions, the audit trail and small-count suppression."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from geo.access import accounts, audit
from geo.cli.main import main
from geo.database import users_table
from geo.records.store import get_engine
from tests.util import PASSWORD


def test_passwords_are_stored_as_salted_argon2_hashes(engine):
    accounts.add_user(engine, "binh", PASSWORD, "viewer")
    with engine.connect() as conn:
        hashes = conn.execute(select(users_table.c.password_hash)).scalars().all()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert len(set(hashes)) == 2  # same password, different salts
    assert all(PASSWORD not in h for h in hashes)


def test_roles_inherit_rights():
    assert [r for r in accounts.ROLES if accounts.can(r, "view")] == ["viewer", "planner", "editor", "admin"]
    assert [r for r in accounts.ROLES if accounts.can(r, "export")] == ["planner", "editor", "admin"]
    assert [r for r in accounts.ROLES if accounts.can(r, "import")] == ["editor", "admin"]
    assert [r for r in accounts.ROLES if accounts.can(r, "admin")] == ["admin"]


def test_login_ok_and_wrong_password_refused(engine):
    assert accounts.login(engine, "an", PASSWORD).role == "planner"
    with pytest.raises(accounts.AuthError, match="không đúng"):
        accounts.login(engine, "an", "nope nope nope")
    with pytest.raises(accounts.AuthError, match="Wrong user name"):
        accounts.login(engine, "nobody", PASSWORD, lang="en")  # same message: no hint that the name is unknown


def test_repeated_failures_slow_down_then_lock(engine):
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(2):
        with pytest.raises(accounts.AuthError, match="không đúng"):
            accounts.login(engine, "an", "wrong", now=t0 + dt.timedelta(seconds=i))
    # After 2 failures the account must wait 2 s: even the right password is refused meanwhile.
    with pytest.raises(accounts.AuthError, match="đợi"):
        accounts.login(engine, "an", PASSWORD, now=t0 + dt.timedelta(seconds=1.5))
    now = t0 + dt.timedelta(seconds=10)
    for _ in range(3):
        with pytest.raises(accounts.AuthError):
            accounts.login(engine, "an", "wrong", now=now)
        now += dt.timedelta(seconds=61)
    with pytest.raises(accounts.AuthError, match="khóa"):
        accounts.login(engine, "an", PASSWORD, now=now)
    # Unlocked after the lock time; a success resets the counter.
    later = now + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.login(engine, "an", PASSWORD, now=later).username == "an"
    assert accounts.login(engine, "an", PASSWORD, now=later).username == "an"


def test_wait_grows_with_failures():
    assert [accounts.wait_seconds(n) for n in range(7)] == [0, 0, 2, 4, 8, 16, 32]
    assert accounts.wait_seconds(20) == 60


def test_disabled_account_cannot_log_in_and_role_changes_apply(engine):
    accounts.set_disabled(engine, "an", True, actor="admin")
    with pytest.raises(accounts.AuthError, match="vô hiệu"):
        accounts.login(engine, "an", PASSWORD)
    assert accounts.get_user(engine, "an") is None
    accounts.set_disabled(engine, "an", False, actor="admin")
    accounts.set_role(engine, "an", "editor", actor="admin")
    assert accounts.get_user(engine, "an").can("import")


def test_invalid_accounts_are_refused_with_a_message(engine):
    with pytest.raises(accounts.AuthError, match="đã tồn tại"):
        accounts.add_user(engine, "an", PASSWORD, "viewer")
    with pytest.raises(accounts.AuthError, match="Invalid role"):
        accounts.add_user(engine, "cuong", PASSWORD, "king", lang="en")
    with pytest.raises(accounts.AuthError, match="at least 10"):
        accounts.add_user(engine, "cuong", "short", "viewer", lang="en")
    with pytest.raises(accounts.AuthError, match="user name"):
        accounts.add_user(engine, "<script>", PASSWORD, "viewer", lang="en")


def test_audit_log_records_logins_and_user_changes(engine):
    accounts.login(engine, "an", PASSWORD)
    with pytest.raises(accounts.AuthError):
        accounts.login(engine, "an", "wrong")
    accounts.set_role(engine, "an", "viewer", actor="admin")
    log = audit.read_log(engine)
    assert log["action"].tolist()[:4] == ["user_role", "login_failed", "login", "user_add"]
    assert log.iloc[0]["username"] == "admin" and '"role": "viewer"' in log.iloc[0]["detail"]


def test_bootstrap_creates_one_admin_with_a_one_time_password(db, capsys):
    assert main(["user", "--db", db, "bootstrap"]) == 0
    out = capsys.readouterr().out
    password = out.split("one-time password: ")[1].split()[0]
    engine = get_engine(db)
    user = accounts.login(engine, "admin", password)
    assert user.role == "admin" and user.must_change_password
    assert main(["user", "--db", db, "bootstrap"]) == 0
    assert capsys.readouterr().out == ""  # accounts exist: nothing created, nothing printed
    assert accounts.count_users(engine) == 1


def test_user_commands(db, capsys):
    assert main(["user", "--db", db, "add", "lanh_dao", "--role", "viewer", "--small-counts"]) == 0
    assert main(["user", "--db", db, "add", "lanh_dao", "--role", "viewer"]) == 1
    assert main(["user", "--db", db, "set-role", "lanh_dao", "planner"]) == 0
    assert main(["user", "--db", db, "disable", "nobody"]) == 1
    capsys.readouterr()
    assert main(["user", "--db", db, "list"]) == 0
    listing = capsys.readouterr().out
    assert "lanh_dao" in listing and "planner" in listing and "argon2" not in listing
    assert main(["audit", "--db", db]) == 0
    assert "user_role" in capsys.readouterr().out


def test_a_hash_with_older_parameters_still_signs_in_and_is_rehashed(engine):
    from argon2 import PasswordHasher

    old = PasswordHasher().hash(PASSWORD)  # the library's defaults, as hashes were written before
    with engine.begin() as conn:
        conn.execute(users_table.update().where(users_table.c.username == "an").values(password_hash=old))
    assert accounts.login(engine, "an", PASSWORD).username == "an"
    with engine.connect() as conn:
        new = conn.execute(select(users_table.c.password_hash).where(users_table.c.username == "an")).scalar_one()
    assert new != old and "m=19456,t=2,p=1" in new
    assert accounts.login(engine, "an", PASSWORD).username == "an"
