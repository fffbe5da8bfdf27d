"""A council's first start with its own data (demo_data = false): before the first upload every page a role may
open says what it can, and none fails."""

import pytest

from accounts.roles import PUBLIC, Actor, Role
from config import Settings
from database.connection import connect
from tests.pages.conftest import add_test_accounts, app
from ui.navigation import PAGES, may_open

ACTORS = {None: PUBLIC, **{role: Actor(f"test.{role.value}", role, "local account") for role in Role}}


@pytest.fixture
def empty_database(tmp_path, monkeypatch):
    path = tmp_path / "new.duckdb"
    con = connect(path)
    add_test_accounts(con)  # the administrator has made the first accounts; nothing else has happened
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


@pytest.mark.parametrize(
    ("role", "script"),
    [
        (role, spec.script)
        for role in (None, Role.PERFORMANCE, Role.ADMIN)
        for spec in PAGES
        if may_open(ACTORS[role], spec, Settings())
    ],
    ids=lambda value: value.value if isinstance(value, Role) else str(value),
)
def test_every_page_before_the_first_upload(empty_database, role, script):
    at = app(role)
    at.secrets["dashboard"] = {"demo_data": False}
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_the_voice_page_before_the_first_upload_says_there_is_nothing_yet(empty_database):
    from tests.pages.conftest import all_text

    at = app(Role.VIEWER)
    at.secrets["dashboard"] = {"demo_data": False}
    at.run()
    at.switch_page("pages/voice.py").run()
    text = all_text(at)
    assert text.count("No survey results yet.") == 2 and "No complaints or compliments figures yet." in text
