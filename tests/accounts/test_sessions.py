"""Signed session tokens: genuine ones are read back; forged, altered, expired or ended ones are not."""

import datetime as dt

import duckdb

from accounts import sessions
from database.schema import ensure_schema

SECRET = b"s" * 48
NOW = dt.datetime(2026, 11, 23, 9, 0)


def test_a_token_reads_back_until_it_expires():
    token = sessions.issue(SECRET, "j.smith", 3, "local account", NOW)
    claim = sessions.read(SECRET, token, NOW + dt.timedelta(hours=7))
    assert (claim.username, claim.epoch, claim.via) == ("j.smith", 3, "local account")
    assert sessions.read(SECRET, token, NOW + dt.timedelta(hours=8, seconds=1)) is None


def test_altered_or_foreign_tokens_are_refused():
    token = sessions.issue(SECRET, "j.smith", 1, "local account", NOW)
    body, mac = token.split(".")
    forged = sessions.issue(b"another secret entirely, 32+ chars", "j.smith", 1, "local account", NOW)
    other_body = sessions.issue(SECRET, "the.admin", 1, "local account", NOW).split(".")[0]
    for bad in [
        forged,
        other_body + "." + mac,
        body + "." + mac[:-1] + ("A" if mac[-1] != "A" else "B"),
        "",
        None,
        "no-dot",
        "a.b.c",
        "!!!." + mac,
    ]:
        assert sessions.read(SECRET, bad, NOW) is None, bad


def test_ending_a_session_is_remembered():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    claim = sessions.read(SECRET, sessions.issue(SECRET, "j.smith", 1, "local account", NOW), NOW)
    assert claim.session_id not in sessions.recently_ended(con, NOW)
    sessions.end(con, claim.session_id, NOW)
    sessions.end(con, claim.session_id, NOW)  # twice is harmless
    assert sessions.recently_ended(con, NOW) == {claim.session_id}
    # once every cookie issued before it has expired, the ended session need not be remembered by the app
    assert sessions.recently_ended(con, NOW + sessions.LIFETIME + dt.timedelta(seconds=1)) == frozenset()
