"""Signing in and out with a user name and password (a local or demonstration account), and checking a session
cookie, with no web framework: the app's sign-in routes (ui/session_routes.py) and its download check call these.

A sign-in always starts a new session (a new random session id in a newly signed token), so a cookie planted
before it never becomes a signed-in one. A session stays valid until its lifetime ends, it is signed out, or the
account's session epoch moves on (a password change or reset, or disabling: every session of the account ends).
"""

import datetime as dt

import duckdb

from accounts import audit, sessions
from accounts.demo import demo_actor, demo_sign_in
from accounts.roles import Actor
from accounts.users import get_account, sign_in
from config import clock
from database.connection import transaction


def sign_in_with_password(
    con: duckdb.DuckDBPyConnection, secret: bytes, username: str, password: str, client: str, demo_accounts_on: bool
) -> tuple[Actor, str]:
    """The actor and a new session token. Raises SignInRefused (throttled, wrong password, disabled account) with
    a message safe to show; every attempt is in the audit log."""
    actor = demo_sign_in(username, password) if demo_accounts_on else None
    epoch = 0
    if actor is None:
        account = sign_in(con, username, password, client=client)
        actor, epoch = account.actor(), account.session_epoch
    else:
        audit.record(con, actor, "sign in", f"user {actor.name}", f"from {client}")
    return actor, sessions.issue(secret, actor.name, epoch, actor.via)


def session_actor(
    con: duckdb.DuckDBPyConnection,
    secret: bytes,
    token: str | None,
    demo_accounts_on: bool,
    now: dt.datetime | None = None,
) -> tuple[Actor, sessions.SessionClaim] | None:
    """Who a session cookie signs in, with their role as it is now; None if it is forged, expired, signed out, of a
    disabled account, from before the account's last password change or reset, or a demonstration account's while
    they are off."""
    now = now or clock.now()
    claim = sessions.read(secret, token, now)
    if claim is None:
        return None
    ended = con.execute("SELECT 1 FROM ended_sessions WHERE session_id = ?", [claim.session_id]).fetchone()
    if ended:
        return None
    if claim.via == "demo account":
        actor = demo_actor(claim.username)
        return (actor, claim) if actor is not None and demo_accounts_on else None
    account = get_account(con, claim.username)
    if account is None or account.is_disabled or account.session_epoch != claim.epoch:
        return None
    return account.actor(), claim


def sign_out(con: duckdb.DuckDBPyConnection, secret: bytes, token: str | None, demo_accounts_on: bool) -> Actor | None:
    """End the cookie's session for good (a copy of the cookie is refused from now on); the actor it signed in, or
    None if it signed nobody in."""
    found = session_actor(con, secret, token, demo_accounts_on)
    if found is None:
        return None
    actor, claim = found
    with transaction(con):
        sessions.end(con, claim.session_id)
        audit.record(con, actor, "sign out", f"user {actor.name}")
    return actor
