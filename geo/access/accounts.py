"""Accounts, roles and login throttling. Pure logic over the store; no Streamlit.

Every sign-in and account change is written to the audit trail (:mod:`geo.access.audit`).

Roles, each with the rights of the ones before it:

- ``viewer``: browse maps and tables;
- ``planner``: also export;
- ``editor``: also import;
- ``admin``: also manage users and read the audit log.

Counts of victims and criminal cases below 3 are shown as "<3" unless the account has
``sees_small_counts`` (on by default for editors and admins, who handle the raw files anyway; an admin can
grant it to a leadership viewer).

Passwords are stored as salted argon2id hashes. Failed logins slow down (each new failure makes the account
wait longer before the next attempt) and, after :data:`LOCK_AFTER` failures in a row, lock the account for
:data:`LOCK_MINUTES`. The waiting is enforced by refusing early attempts, not by sleeping, so one attacker
cannot tie up the server's threads.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from geo import clock
from geo.access import audit
from geo.database import sessions_table, users_table
from geo.text import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

ROLES: Final = ("viewer", "planner", "editor", "admin")
RIGHTS: Final = {  # right -> lowest role that has it
    "view": "viewer",
    "export": "planner",
    "import": "editor",
    "admin": "admin",
}
LOCK_AFTER: Final = 5  # failures in a row
LOCK_MINUTES: Final = 15
SESSION_IDLE_MINUTES: Final = 30
SESSION_MAX_HOURS: Final = 10
MIN_PASSWORD_LENGTH: Final = 10
# argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 40 ms of CPU per check
# here, where the library's default (64 MiB, 3 passes, 4 lanes) took 240 ms, most of a sign-in's server cost
# and a lever for anyone sending sign-ins (bench/load.py). Older hashes verify with their own parameters and
# are rehashed at the next successful sign-in.
_HASHER: Final = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# A hash to verify against when the user does not exist, so that the answer takes as long either way.
_DUMMY_HASH: Final = _HASHER.hash("not a real password")


class AuthError(ValueError):
    """A login or account operation was refused; the message is for the user."""


class AccessRefused(AuthError):
    """An action was refused for its account; ``reason`` says why.

    ``"no_account"`` (none named), ``"unknown"``, ``"disabled"`` or ``"no_right"``.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class User:
    """The signed-in account, as the app needs it."""

    username: str
    role: str
    sees_small_counts: bool
    must_change_password: bool = False

    def can(self, right: str) -> bool:
        """Whether the role has ``right`` (view, export, import, admin)."""
        return can(self.role, right)


def can(role: str, right: str) -> bool:
    """Whether ``role`` has ``right``."""
    return ROLES.index(role) >= ROLES.index(RIGHTS[right])


def _check_name(name: str, lang: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or not all(c.isalnum() or c in "._-@" for c in name):
        raise AuthError(t("access.bad_name", lang))
    return name


def _check_password(password: str, lang: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(t("access.short", lang, n=MIN_PASSWORD_LENGTH))


def _check_role(role: str, lang: str) -> None:
    if role not in ROLES:
        raise AuthError(t("access.bad_role", lang, role=role, roles=", ".join(ROLES)))


def new_password() -> str:
    """A random one-time password (about 96 bits)."""
    return secrets.token_urlsafe(12)


def count_users(engine: Engine) -> int:
    """How many accounts exist."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users_table)).scalar_one())


def add_user(engine: Engine, username: str, password: str, role: str, *, actor: str = "cli",
             sees_small_counts: bool | None = None, must_change_password: bool = False, lang: str = "vi") -> User:
    """Create an account; raise AuthError when the name exists or an argument is invalid."""
    username = _check_name(username, lang)
    _check_role(role, lang)
    _check_password(password, lang)
    small = can(role, "import") if sees_small_counts is None else sees_small_counts
    with engine.begin() as conn:
        if conn.execute(select(users_table.c.id).where(users_table.c.username == username)).first():
            raise AuthError(t("access.exists", lang, name=username))
        conn.execute(insert(users_table).values(
            username=username, password_hash=_HASHER.hash(password), role=role, sees_small_counts=small,
            must_change_password=must_change_password, disabled=False, failed_logins=0, created_at=clock.now(),
        ))
        audit.write(conn, actor, "user_add", detail={"user": username, "role": role, "sees_small_counts": small},
                    lang=lang)
    return User(username, role, small, must_change_password)


def bootstrap_admin(engine: Engine) -> str | None:
    """On a database with no account, create ``admin`` with a one-time password and return it."""
    if count_users(engine):
        return None
    password = new_password()
    add_user(engine, "admin", password, "admin", actor="system", must_change_password=True)
    return password


def _get(conn: object, username: str) -> dict | None:
    row = conn.execute(select(users_table).where(users_table.c.username == username)).mappings().first()
    return dict(row) if row else None


def wait_seconds(failures: int) -> int:
    """How long an account waits after ``failures`` failed logins in a row: 0, 0, 2, 4, 8, … seconds."""
    return 0 if failures < 2 else min(2 ** (failures - 1), 60)


def login(engine: Engine, username: str, password: str, *, lang: str = "vi",
          now: dt.datetime | None = None) -> User:
    """Check a password; return the user or raise AuthError with a message for the login form.

    Every attempt is written to the audit log.
    """
    now = now or clock.now()
    username = username.strip()
    with engine.begin() as conn:
        row = _get(conn, username)
        if row is None:
            _verify_password(_DUMMY_HASH, password)
            outcome, message = "refused", t("access.bad_login", lang)
        elif row["disabled"]:
            outcome, message = "refused", t("access.disabled", lang)
        elif (locked := clock.as_utc(row["locked_until"])) and locked > now:
            outcome, message = "refused", t("access.locked", lang, until=clock.fmt(locked))
        elif (last := clock.as_utc(row["last_failed_at"])) and (
            remaining := wait_seconds(row["failed_logins"]) - (now - last).total_seconds()
        ) > 0:
            outcome, message = "refused", t("access.wait", lang, seconds=int(remaining) + 1)
        elif _verify_password(row["password_hash"], password):
            values = {"failed_logins": 0, "last_failed_at": None, "locked_until": None}
            if _HASHER.check_needs_rehash(row["password_hash"]):
                values["password_hash"] = _HASHER.hash(password)
            conn.execute(update(users_table).where(users_table.c.id == row["id"]).values(**values))
            user = User(row["username"], row["role"], row["sees_small_counts"], row["must_change_password"])
            outcome, message = "ok", None
        else:
            failures = row["failed_logins"] + 1
            values: dict[str, object] = {"failed_logins": failures, "last_failed_at": now}
            if failures >= LOCK_AFTER:
                values["locked_until"] = now + dt.timedelta(minutes=LOCK_MINUTES)
            conn.execute(update(users_table).where(users_table.c.id == row["id"]).values(**values))
            outcome, message = "refused", t("access.bad_login", lang)
    audit.log(engine, username or "?", "login" if outcome == "ok" else "login_failed", outcome=outcome,
        detail=None if outcome == "ok" else {"reason": message})
    if message:
        raise AuthError(message)
    return user


def sso_login(engine: Engine, email: str | None, *, verified: bool | None, provider: str,
              lang: str = "vi") -> User:
    """The account of an identity that the single sign-on provider vouched for; or AuthError.

    The identity's e-mail names the account: the account whose user name is that address (letter case
    ignored). An unknown or disabled account, or an address the provider says is not verified
    (``email_verified`` false), is refused with a message for the sign-in page. The password lockout does
    not apply (it stops password guessing; no password is used here). Every attempt goes to the audit log,
    with ``via: sso`` and the provider.
    """
    address = (email or "").strip()
    row = None
    if address and verified is not False:
        with engine.connect() as conn:
            row = conn.execute(select(users_table).where(func.lower(users_table.c.username) == address.lower())
                               ).mappings().first()
    if not address or verified is False:
        outcome, message = "refused", t("access.sso_no_email", lang)
    elif row is None:
        outcome, message = "refused", t("access.sso_no_account", lang, email=address)
    elif row["disabled"]:
        outcome, message = "refused", t("access.disabled", lang)
    else:
        outcome, message = "ok", None
    name = row["username"] if row is not None else (address or "?")
    detail: dict[str, object] = {"via": "sso", "provider": provider}
    if message:
        detail["reason"] = message
        if row is None and address:
            detail["email"] = address
    audit.log(engine, name, "login" if outcome == "ok" else "login_failed", outcome=outcome, detail=detail)
    if message:
        raise AuthError(message)
    return User(row["username"], row["role"], row["sees_small_counts"], row["must_change_password"])


def sso_failed(engine: Engine, provider: str | None, reason: str) -> None:
    """Log a single sign-on that failed before it named anyone (the provider refused, a forged token …)."""
    audit.log(engine, "?", "login_failed", outcome="refused", detail={"via": "sso", "provider": provider,
                                                                      "reason": reason})


def _verify_password(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def set_password(engine: Engine, username: str, password: str, *, actor: str, lang: str = "vi",
                 must_change: bool = False) -> None:
    """Set a new password (and unlock the account)."""
    _check_password(password, lang)
    _update(engine, username, lang, (actor, "user_password", {"user": username}),
            password_hash=_HASHER.hash(password), must_change_password=must_change, failed_logins=0,
            last_failed_at=None, locked_until=None)


def set_role(engine: Engine, username: str, role: str, *, actor: str, lang: str = "vi") -> None:
    """Change an account's role."""
    _check_role(role, lang)
    _update(engine, username, lang, (actor, "user_role", {"user": username, "role": role}), role=role)


def set_small_counts(engine: Engine, username: str, allowed: bool, *, actor: str, lang: str = "vi") -> None:
    """Allow or forbid an account to see counts below 3."""
    _update(engine, username, lang, (actor, "user_small_counts", {"user": username, "allowed": allowed}),
            sees_small_counts=allowed)


def set_disabled(engine: Engine, username: str, disabled: bool, *, actor: str, lang: str = "vi") -> None:
    """Disable or re-enable an account (accounts are never deleted: the audit log names them)."""
    _update(engine, username, lang, (actor, "user_disable" if disabled else "user_enable", {"user": username}),
            disabled=disabled)
    if disabled:  # a disabled account is signed out everywhere at once, not at its next request only
        # Written here, not through geo.access.sessions (which builds on this module: no import cycle).
        with engine.begin() as conn:
            done = conn.execute(update(sessions_table)
                                .where(sessions_table.c.username == username, sessions_table.c.ended_at.is_(None))
                                .values(ended_at=clock.now(), end_reason="disabled"))
            audit.write(conn, actor, "sessions_end", lang=lang,
                        detail={"user": username, "sessions": int(done.rowcount or 0), "reason": "disabled"})


def _update(engine: Engine, username: str, lang: str, line: tuple[str, str, dict[str, object]],
            **values: object) -> None:
    """Change an account and write the audit ``line`` (actor, action, detail) in one transaction."""
    with engine.begin() as conn:
        done = conn.execute(update(users_table).where(users_table.c.username == username).values(**values))
        if done.rowcount == 0:
            raise AuthError(t("access.no_user", lang, name=username))
        actor, action, detail = line
        audit.write(conn, actor, action, detail=detail, lang=lang)


def list_users(engine: Engine) -> pd.DataFrame:
    """Accounts without their hashes."""
    cols = [c for c in users_table.columns if c.name != "password_hash"]
    with engine.connect() as conn:
        rows = conn.execute(select(*cols).order_by(users_table.c.username)).all()
    return pd.DataFrame(rows, columns=[c.name for c in cols])


def authorise(engine: Engine, username: str | None, right: str, *, action: str, lang: str = "vi",
              detail: dict[str, object] | None = None) -> User:
    """The active account ``username`` when it has ``right``: who a command that changes data acts as.

    Parameters
    ----------
    engine : Engine
        The store holding the accounts and the audit trail.
    username : str or None
        The account named (``--user``); None when none was.
    right : str
        The right the action needs (:data:`RIGHTS`).
    action : str
        The audit trail's name of the action (``import``, ``plan_progress``, …), for the refusal's line.
    lang : str, optional
        Language of the message.
    detail : dict, optional
        What the refusal's audit line also records (the file, the item…).

    Raises
    ------
    AccessRefused
        When no account is named, the account does not exist, is disabled or lacks the right. The refusal
        is audited under the name given (``os:<login>`` when none was); the message says so when that line
        could not be written.
    """
    name = (username or "").strip()
    right_text = t(f"access.right_{right}", lang)
    with engine.connect() as conn:
        row = _get(conn, name) if name else None
    if not name:
        reason, message = "no_account", t("access.need_account", lang, right=right_text)
    elif row is None:
        reason, message = "unknown", t("access.unknown_account", lang, name=name)
    elif row["disabled"]:
        reason, message = "disabled", t("access.disabled_account", lang, name=name)
    elif not can(row["role"], right):
        reason, message = "no_right", t("access.no_right", lang, name=name, role=row["role"],
                                        right=right_text, needed=RIGHTS[right])
    else:
        return User(row["username"], row["role"], row["sees_small_counts"], row["must_change_password"])
    try:
        audit.log(engine, name or audit.os_login(), action, outcome="refused", lang=lang,
                  detail={**(detail or {}), "reason": reason, "right": right})
    except audit.AuditError as exc:
        message = f"{message} {exc}"
    raise AccessRefused(message, reason)


def get_user(engine: Engine, username: str) -> User | None:
    """The account as a :class:`User`, or None when it does not exist or is disabled."""
    with engine.connect() as conn:
        row = _get(conn, username)
    if row is None or row["disabled"]:
        return None
    return User(row["username"], row["role"], row["sees_small_counts"], row["must_change_password"])
