"""Command line for managing local accounts (for whoever runs the server; it acts as an administrator):

    python -m accounts add USERNAME --role ROLE --name "Full Name" [--db PATH]
    python -m accounts reset-password USERNAME [--db PATH]
    python -m accounts set-role USERNAME ROLE [--db PATH]
    python -m accounts disable USERNAME [--db PATH]
    python -m accounts enable USERNAME [--db PATH]
    python -m accounts list [--db PATH]
    python -m accounts audit [--limit N] [--db PATH]

Passwords are asked for twice and never echoed; with --password-stdin one line is read from standard input instead
(for scripts). Roles: viewer, director, performance, admin. Exit codes: 0 done; 1 refused; 2 used wrongly.
"""

import argparse
import getpass
import sys
from pathlib import Path

from accounts import audit
from accounts.roles import Actor, NotAllowed, Role
from accounts.users import AccountError, add_account, list_accounts, reset_password, set_disabled, set_role
from config import current
from database.connection import StoreBusy, StoreUnreadable, open_store
from database.schema import SchemaMismatch

OK, REFUSED, USAGE = 0, 1, 2


def _actor() -> Actor:
    return Actor(getpass.getuser(), Role.ADMIN, "command line")


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Type it again: ") != first:
        raise AccountError("the two passwords were different")
    return first


def _run(args, con) -> None:
    actor = _actor()
    if args.command == "add":
        account = add_account(con, actor, args.username, args.name, Role(args.role), _password(args))
        print(f"Added {account.username} ({account.display_name}) as {account.role.label}.")
    elif args.command == "reset-password":
        reset_password(con, actor, args.username, _password(args))
        print(f"New password set for {args.username}; its sessions have ended and it is unlocked.")
    elif args.command == "set-role":
        set_role(con, actor, args.username, Role(args.role))
        print(f"{args.username} is now {Role(args.role).label}.")
    elif args.command in ("disable", "enable"):
        set_disabled(con, actor, args.username, args.command == "disable")
        print(f"{args.username} is {args.command}d.")
    elif args.command == "list":
        for account in list_accounts(con):
            state = "disabled" if account.is_disabled else "active"
            print(f"{account.username:<24} {account.role.label:<26} {state:<9} {account.display_name}")
    elif args.command == "audit":
        for row in audit.entries(con, args.limit).itertuples():
            print(
                f"{row.changed_at:%Y-%m-%d %H:%M}  {row.actor:<24} {row.actor_role:<12} {row.action:<15} {row.subject}"
                + (f"  ({row.detail})" if row.detail else "")
            )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m accounts", description="Manage the dashboard's local accounts.")
    main.add_argument("--db", help="database file (default: data/dashboard.duckdb or $DASHBOARD_DB)")
    commands = main.add_subparsers(dest="command", required=True)
    roles = [role.value for role in Role]
    add = commands.add_parser("add", help="add an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--name", required=True, help="the person's name, as the audit log should show it")
    reset = commands.add_parser("reset-password", help="set a new password (ends the account's sessions)")
    reset.add_argument("username")
    for command in (add, reset):
        command.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    change = commands.add_parser("set-role", help="change an account's role")
    change.add_argument("username")
    change.add_argument("role", choices=roles)
    for name in ("disable", "enable"):
        commands.add_parser(name, help=f"{name} an account").add_argument("username")
    commands.add_parser("list", help="list the accounts")
    log = commands.add_parser("audit", help="show the audit log, newest first")
    log.add_argument("--limit", type=int, default=50)
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return USAGE if exit_.code else OK
    try:
        with open_store(Path(args.db) if args.db else current().database) as con:
            _run(args, con)
    except (AccountError, NotAllowed, StoreBusy, StoreUnreadable, SchemaMismatch) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return REFUSED
    return OK


if __name__ == "__main__":
    sys.exit(main())
