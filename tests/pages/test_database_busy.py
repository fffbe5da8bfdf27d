"""A page view when another program keeps the database for longer than the app waits: words saying so and what to
do, not Streamlit's error box; and the page as usual once the database is free."""

from accounts.roles import Role
from tests.database.test_connection import hold_lock
from tests.pages.conftest import all_text, app


def test_a_page_says_the_database_is_busy_and_works_again_once_it_is_free(fixture_app, monkeypatch):
    from database import connection

    monkeypatch.setattr(connection, "LOCK_WAIT_SECONDS", 0.5)
    holder = hold_lock(fixture_app / "fixture.duckdb", 30)
    try:
        at = app(Role.VIEWER)
        at.run()
        assert not at.exception
        assert [t.value for t in at.title] == ["Please try again in a minute"]  # the page's one heading
        assert [w.value for w in at.warning if "in use by another program just now" in w.value]
        assert "Nothing has been changed" in all_text(at)
    finally:
        holder.kill()
        holder.wait()
    at.run()
    assert not at.exception and not [w for w in at.warning if "in use by another program" in w.value]
    assert "Agency social worker rate" in all_text(at) + "".join(e.proto.body for e in at.html)
