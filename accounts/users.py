"""Local accounts, kept in the `users` table: add, reset, change role, disable, and sign in with throttling.

Every change is recorded in the audit log, in the same transaction, and needs an actor allowed to manage users
(the command line acts as an administrator: whoever can run it can already open the database file)."""

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from accounts import audit, throttle
from accounts.passwords import hash_password, password_problem, verify_password
from accounts.roles import PUBLIC, Actor, Permission, Role, require
from config import clock
from database.connection import transaction

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


class AccountError(ValueError):
    """A change to accounts was refused; nothing was changed."""


class SignInRefused(ValueError):
    """The sign-in did not succeed; the message is safe to show."""


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: Role
    session_epoch: int
    is_disabled: bool
    created_at: dt.datetime

    def actor(self) -> Actor:
        return Actor(self.username, self.role, "local account", self.display_name)


_SELECT = "SELECT username, display_name, role, session_epoch, is_disabled, created_at FROM users"


def _account(row) -> Account:
    return Account(row[0], row[1], Role(row[2]), *row[3:])


def normalise(username: str) -> str:
    return username.strip().lower()


def get_account(con: duckdb.DuckDBPyConnection, username: str) -> Account | None:
    row = con.execute(_SELECT + " WHERE username = ?", [normalise(username)]).fetchone()
    return _account(row) if row else None


def list_accounts(con: duckdb.DuckDBPyConnection) -> list[Account]:
    return [_account(row) for row in con.execute(_SELECT + " ORDER BY username").fetchall()]


def _checked_password(password: str, username: str) -> str:
    problem = password_problem(password, username)
    if problem:
        raise AccountError(problem)
    return hash_password(password)


def _change(
    con,
    actor: Actor,
    action: str,
    username: str,
    sql: str,
    params: list,
    detail: str | None = None,
    unlock: bool = False,
):
    require(actor, Permission.MANAGE_USERS)
    if get_account(con, username) is None:
        raise AccountError(f"there is no account '{normalise(username)}'")
    with transaction(con):
        con.execute(sql, params)
        if unlock:
            throttle.forget(con, username)
        audit.record(con, actor, action, f"user {normalise(username)}", detail)


def add_account(con, actor: Actor, username: str, display_name: str, role: Role, password: str) -> Account:
    require(actor, Permission.MANAGE_USERS)
    username = normalise(username)
    if not USERNAME.match(username):
        raise AccountError("a user name is 2 to 64 letters, digits, dots, hyphens, underscores or @, e.g. j.smith")
    if not display_name.strip():
        raise AccountError("give the person's name, as it should appear in the audit log")
    if get_account(con, username) is not None:
        raise AccountError(f"there is already an account '{username}'")
    password_hash = _checked_password(password, username)
    with transaction(con):
        con.execute(
            "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [username, display_name.strip(), Role(role).value, password_hash, clock.now()],
        )
        audit.record(con, actor, "add user", f"user {username}", f"role {Role(role).value}")
    return get_account(con, username)


def reset_password(con, actor: Actor, username: str, password: str) -> None:
    """Set a new password, unlock the account and end its signed-in sessions."""
    password_hash = _checked_password(password, normalise(username))
    _change(
        con,
        actor,
        "reset password",
        username,
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE username = ?",
        [password_hash, normalise(username)],
        unlock=True,
    )


def set_role(con, actor: Actor, username: str, role: Role) -> None:
    account = get_account(con, username)
    old = account.role.value if account else "?"
    _change(
        con,
        actor,
        "change role",
        username,
        "UPDATE users SET role = ? WHERE username = ?",
        [Role(role).value, normalise(username)],
        f"{old} to {Role(role).value}",
    )


def set_disabled(con, actor: Actor, username: str, disabled: bool) -> None:
    """Disable (ending its sessions) or enable an account. Accounts are never deleted: the audit log names them."""
    if disabled and normalise(username) == actor.name:
        raise AccountError("you cannot disable your own account")
    _change(
        con,
        actor,
        "disable user" if disabled else "enable user",
        username,
        "UPDATE users SET is_disabled = ?, session_epoch = session_epoch + 1 WHERE username = ?",
        [disabled, normalise(username)],
    )


def sign_in(
    con: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    now: dt.datetime | None = None,
    client: str = "unknown",
    record_success: bool = True,
) -> Account:
    """The account, if the password is right and the account is usable. Failures are throttled per user name and
    client (accounts.throttle), the same for names with no account, so no message says whether an account exists.
    Every checked attempt is recorded in the audit log: the name only if it is an account's."""
    now = now or clock.now()
    try:
        throttle.check(con, username, client, now)
    except throttle.Throttled as refused:
        verify_password(None, password)  # the same time as a real check
        raise SignInRefused(str(refused)) from None
    account = get_account(con, username)
    stored = (
        con.execute("SELECT password_hash FROM users WHERE username = ?", [normalise(username)]).fetchone()
        if account
        else None
    )
    subject = f"user {account.username}" if account else "an unknown user name"
    if not verify_password(stored[0] if stored else None, password):
        with transaction(con):
            throttle.record_failure(con, username, client, now)
            audit.record(con, PUBLIC, "sign-in failed", subject, f"wrong password, from {client}")
        raise SignInRefused("The user name or password is not right.")
    if account.is_disabled:
        audit.record(con, PUBLIC, "sign-in failed", subject, f"account disabled, from {client}")
        raise SignInRefused("This account is disabled. Ask an administrator if you still need it.")
    with transaction(con):
        throttle.forget(con, username, client)
        if record_success:
            audit.record(con, account.actor(), "sign in", subject, f"from {client}")
    return get_account(con, account.username)


def change_own_password(
    con: duckdb.DuckDBPyConnection, username: str, current: str, new: str, client: str = "unknown"
) -> Account:
    """A signed-in person changes their own password: the current one must be right (a wrong one counts as a failed
    sign-in). Their other sessions end. Returns the account, with its new session epoch."""
    account = sign_in(con, username, current, client=client, record_success=False)  # its own record follows
    password_hash = _checked_password(new, account.username)
    with transaction(con):
        con.execute(
            "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE username = ?",
            [password_hash, account.username],
        )
        audit.record(con, account.actor(), "change own password", f"user {account.username}")
    return get_account(con, account.username)
