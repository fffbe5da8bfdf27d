"""Slowing down password guessing, without letting a stranger lock a real person out.

Every failed sign-in is a row of `sign_in_failures`: when, from which client (network address), and a hash of the
user name typed (never the name itself: people sometimes type their password into the name box). Two limits follow:

- a user name from one client: five free failures, then a wait of a minute that doubles with each further failure,
  up to an hour. It is counted per client, so someone guessing from elsewhere cannot keep an administrator out (one
  attempt an hour used to do that for good), and it applies the same to names with no account, so the refusal never
  says whether an account exists;
- one client, whatever the names: at most CLIENT_FAILURES failures in CLIENT_WINDOW.

A refused attempt is not counted or stored, so a client that keeps trying writes a bounded number of rows. A good
sign-in forgets that client's failures for the name; a password reset forgets every client's.
"""

import datetime as dt
import hashlib

import duckdb

FREE_ATTEMPTS = 5  # failed sign-ins of a name from one client before it has to wait
FIRST_LOCK = dt.timedelta(minutes=1)  # doubles with each further failure
LONGEST_LOCK = dt.timedelta(hours=1)
CLIENT_FAILURES = 20  # failed sign-ins from one client, any names, within CLIENT_WINDOW
CLIENT_WINDOW = dt.timedelta(minutes=15)
KEPT = dt.timedelta(hours=24)  # failures older than this are forgotten


class Throttled(ValueError):
    """Sign-in refused before the password was checked; the message is safe to show to anyone."""


def name_key(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()


def check(con: duckdb.DuckDBPyConnection, username: str, client: str, now: dt.datetime) -> None:
    """Raise Throttled if this name from this client, or this client at all, must wait."""
    since_client = now - CLIENT_WINDOW
    client_failures, oldest = con.execute(
        "SELECT count(*), min(failed_at) FROM sign_in_failures WHERE client = ? AND failed_at > ?",
        [client, since_client],
    ).fetchone()
    if client_failures >= CLIENT_FAILURES:
        raise Throttled(
            f"Too many failed sign-ins from your network address. Try again after {oldest + CLIENT_WINDOW:%H:%M}."
        )
    failures, latest = con.execute(
        "SELECT count(*), max(failed_at) FROM sign_in_failures WHERE name_key = ? AND client = ? AND failed_at > ?",
        [name_key(username), client, now - KEPT],
    ).fetchone()
    if failures >= FREE_ATTEMPTS:
        until = latest + min(FIRST_LOCK * 2 ** (failures - FREE_ATTEMPTS), LONGEST_LOCK)
        if until > now:
            raise Throttled(
                f"Too many failed attempts for this user name. Try again after {until:%H:%M}, or ask "
                "an administrator to reset the password."
            )


def record_failure(con: duckdb.DuckDBPyConnection, username: str, client: str, now: dt.datetime) -> None:
    con.execute("DELETE FROM sign_in_failures WHERE failed_at < ?", [now - KEPT])
    con.execute("INSERT INTO sign_in_failures VALUES (?, ?, ?)", [now, name_key(username), client])


def forget(con: duckdb.DuckDBPyConnection, username: str, client: str | None = None) -> None:
    """Forget the name's failures: from one client (a good sign-in there) or from every client (a password reset)."""
    con.execute(
        "DELETE FROM sign_in_failures WHERE name_key = ? AND (? IS NULL OR client = ?)",
        [name_key(username), client, client],
    )


def recent_failures(con: duckdb.DuckDBPyConnection, username: str, now: dt.datetime) -> int:
    """Failed sign-ins of the name in the last 24 hours, from any client (for the Users page)."""
    return con.execute(
        "SELECT count(*) FROM sign_in_failures WHERE name_key = ? AND failed_at > ?", [name_key(username), now - KEPT]
    ).fetchone()[0]
