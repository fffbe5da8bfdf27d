"""Signed session tokens, so a local sign-in lasts across page reloads (kept in a browser cookie).

A token names the user, the account's session epoch (raised by a password reset or disabling, which ends every
session), an expiry time and a random session id, signed with HMAC-SHA256. Signing out records the session id in
`ended_sessions`, so a copied cookie stops working too."""

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import duckdb

from config import clock

COOKIE_NAME = "dashboard_session"
LIFETIME = dt.timedelta(hours=8)  # a working day


@dataclass(frozen=True)
class SessionClaim:
    username: str
    epoch: int
    expires: dt.datetime
    session_id: str
    via: str  # 'local account' or 'demo account'


def _mac(secret: bytes, body: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode().rstrip("=")


def issue(secret: bytes, username: str, epoch: int, via: str, now: dt.datetime | None = None) -> str:
    expires = (now or clock.now()) + LIFETIME
    body = "|".join([username, str(epoch), str(int(expires.timestamp())), secrets.token_urlsafe(16), via]).encode()
    return base64.urlsafe_b64encode(body).decode().rstrip("=") + "." + _mac(secret, body)


def read(secret: bytes, token: str | None, now: dt.datetime | None = None) -> SessionClaim | None:
    """The claim of a genuine, unexpired token; None for anything else."""
    if not token or token.count(".") != 1:
        return None
    encoded, mac = token.split(".")
    try:
        body = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError:
        return None
    if not hmac.compare_digest(_mac(secret, body), mac):
        return None
    try:
        username, epoch, expires, session_id, via = body.decode().split("|")
        claim = SessionClaim(username, int(epoch), dt.datetime.fromtimestamp(int(expires)), session_id, via)
    except ValueError:
        return None
    return claim if claim.expires > (now or clock.now()) else None


def end(con: duckdb.DuckDBPyConnection, session_id: str, now: dt.datetime | None = None) -> None:
    con.execute("INSERT INTO ended_sessions VALUES (?, ?) ON CONFLICT DO NOTHING", [session_id, now or clock.now()])


def recently_ended(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None) -> frozenset[str]:
    """The sessions ended within a cookie's lifetime: any older session's cookie has expired anyway. Read once per
    database version by the app, so a new browser session need not open the database to check its cookie."""
    since = (now or clock.now()) - LIFETIME
    rows = con.execute("SELECT session_id FROM ended_sessions WHERE ended_at >= ?", [since]).fetchall()
    return frozenset(session_id for (session_id,) in rows)
