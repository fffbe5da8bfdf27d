"""A page view when another program keeps the database for longer than the app waits: words saying so and what to
do, not Streamlit's error box; and the page as usual once the database is free."""

import duckdb

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


def build_a_pack_failing_with(monkeypatch, error: Exception):
    """The packs page, as the performance team, with the pack's build raising `error`, after a click on Build."""
    from ui import packs

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(packs, "build_packs", fail)
    at = app(Role.PERFORMANCE)
    at.run()
    at.switch_page("pages/packs.py").run()
    return at.button(key="build_pack").click().run()


def test_a_database_that_fails_part_way_through_a_change_is_explained_in_words(fixture_app, monkeypatch):
    """A full disk, say, while a pack is stored: the transaction is undone, and the page says so and what to do."""
    full = duckdb.IOException('Could not write file "fixture.duckdb.wal": No space left on device')
    at = build_a_pack_failing_with(monkeypatch, full)
    assert not at.exception
    assert [t.value for t in at.title] == ["Committee packs"]
    [error] = [e.value for e in at.error]
    assert error.startswith("The dashboard's database could not complete this just now, so nothing was saved")
    assert "No space left" not in error  # the reason is for the administrator, in the server's log


def test_a_mistake_in_our_own_sql_is_not_disguised_as_a_failing_database(fixture_app, monkeypatch):
    at = build_a_pack_failing_with(monkeypatch, duckdb.BinderException('Referenced column "no_such" not found'))
    assert at.exception and not at.error  # Streamlit's error box, so that a test or a developer sees it
