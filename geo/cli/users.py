"""``python -m geo user …``: manage accounts from the server's terminal (the server's operator is trusted).

- ``user bootstrap``: on a database with no account, create ``admin`` with a one-time password and print it
  (``make run`` calls this before starting the app).
- ``user add NAME --role ROLE [--small-counts]``: a new account with a one-time password, printed once.
- ``user list``, ``user set-role NAME ROLE``, ``user reset-password NAME``, ``user disable NAME``,
  ``user enable NAME``, ``user small-counts NAME {on,off}``, ``user end-sessions NAME`` (signed out
  everywhere; disabling an account does it too).
"""

from __future__ import annotations

import argparse
import sys

from geo.access import accounts
from geo.access.audit import os_login
from geo.text import t


def _engine(args: argparse.Namespace):
    from geo.records.store import get_engine

    return get_engine(args.db)


def _both(key: str) -> str:
    """A text in both languages: the operator who bootstraps the first account has chosen none."""
    return f"{t(key, 'vi')} / {t(key, 'en')}"


def _print_password(name: str, password: str) -> None:
    print(f"{_both('cli.users.account')}: {name}")
    print(f"{_both('cli.users.one_time_password')}: {password}")
    print(_both("cli.users.change_it"))


def cmd_user(args: argparse.Namespace) -> int:
    """Dispatch ``user`` sub-commands; AuthError becomes exit 1 with its message."""
    engine = _engine(args)
    actor = os_login()  # the server's operator, who is trusted here, by the operating-system login
    try:
        if args.action == "bootstrap":
            password = accounts.bootstrap_admin(engine)
            if password:
                print("=" * 60)
                _print_password("admin", password)
                print("=" * 60)
            return 0
        if args.action == "add":
            password = accounts.new_password()
            accounts.add_user(engine, args.name, password, args.role, actor=actor, must_change_password=True,
                          sees_small_counts=True if args.small_counts else None, lang=args.lang)
            _print_password(args.name, password)
        elif args.action == "list":
            print(accounts.list_users(engine).to_string(index=False))
        elif args.action == "set-role":
            accounts.set_role(engine, args.name, args.role, actor=actor, lang=args.lang)
        elif args.action == "reset-password":
            password = accounts.new_password()
            accounts.set_password(engine, args.name, password, actor=actor, lang=args.lang, must_change=True)
            _print_password(args.name, password)
        elif args.action in ("disable", "enable"):
            accounts.set_disabled(engine, args.name, args.action == "disable", actor=actor, lang=args.lang)
        elif args.action == "small-counts":
            accounts.set_small_counts(engine, args.name, args.value == "on", actor=actor, lang=args.lang)
        elif args.action == "end-sessions":
            from geo.access.sessions import end_user_sessions

            print(end_user_sessions(engine, args.name, actor=actor))
    except accounts.AuthError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def add_commands(sub: argparse._SubParsersAction, common: object) -> None:
    """Register ``user`` on the main parser's sub-commands."""
    p = sub.add_parser("user", help="manage accounts (viewer, planner, editor, admin)")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    common(p)
    actions = p.add_subparsers(dest="action", required=True)
    actions.add_parser("bootstrap", help="create 'admin' with a one-time password if there is no account")
    a = actions.add_parser("add", help="add an account; prints its one-time password")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=accounts.ROLES)
    a.add_argument("--small-counts", action="store_true", help="may see counts below 3 (victims, cases)")
    actions.add_parser("list", help="list the accounts")
    a = actions.add_parser("set-role", help="change an account's role")
    a.add_argument("name")
    a.add_argument("role", choices=accounts.ROLES)
    actions.add_parser("end-sessions", help="sign an account out everywhere (prints how many sessions ended)"
                       ).add_argument("name")
    for name in ("reset-password", "disable", "enable"):
        actions.add_parser(name, help=f"{name} an account").add_argument("name")
    a = actions.add_parser("small-counts", help="allow (on) or forbid (off) counts below 3")
    a.add_argument("name")
    a.add_argument("value", choices=("on", "off"))
    p.set_defaults(func=cmd_user)
