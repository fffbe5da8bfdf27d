"""How the web server decides whether a session cookie signs someone in (ui/session_routes.is_signed_in, asked by
the download guard for every file a page fetches): as a page view does, from the same caches."""

import database.connection
from accounts import sessions
from database.connection import open_store
from ui import auth, session_routes


def token_for(username: str, epoch: int) -> str:
    return sessions.issue(auth.settings().session_secret, username, epoch, "local account")


def test_a_cookie_is_checked_without_opening_the_database_once_cached(fixture_app, monkeypatch):
    with open_store(fixture_app / "fixture.duckdb") as con:
        epoch = con.execute("SELECT session_epoch FROM users WHERE username = 'test.viewer'").fetchone()[0]
    token = token_for("test.viewer", epoch)
    assert session_routes.is_signed_in(token)
    opened = []
    real = database.connection.connect
    monkeypatch.setattr(database.connection, "connect", lambda *a, **k: opened.append(a) or real(*a, **k))
    assert session_routes.is_signed_in(token) and opened == []  # under load, every page's download asks this
    assert not session_routes.is_signed_in(token_for("test.viewer", epoch + 1))  # before a password change
    assert not session_routes.is_signed_in(token_for("nobody.here", 0))
    assert not session_routes.is_signed_in(None)


def test_a_session_ended_on_the_server_is_refused_at_once(fixture_app):
    with open_store(fixture_app / "fixture.duckdb") as con:
        epoch = con.execute("SELECT session_epoch FROM users WHERE username = 'test.director'").fetchone()[0]
    token = token_for("test.director", epoch)
    assert session_routes.is_signed_in(token)
    with open_store(fixture_app / "fixture.duckdb") as con:
        sessions.end(con, sessions.read(auth.settings().session_secret, token).session_id)
    assert not session_routes.is_signed_in(token)  # the database changed, so the caches are read again
