"""A council's first start with its own data (demo_data = false): before the first upload, and after it (one month,
with none before it to compare with), every page a role may open says what it can, and none fails."""

import pytest

from accounts.roles import PUBLIC, Actor, Role
from config import Settings
from database.connection import connect, open_store
from loaders.ingest import ingest_return
from tests.actors import officer
from tests.conftest import ROOT
from tests.pages.conftest import add_test_accounts, all_text, app
from ui.navigation import PAGES, may_open

FIRST_RETURN = ROOT / "data" / "demo" / "monthly_return_2026-10.xlsx"
ACTORS = {None: PUBLIC, **{role: Actor(f"test.{role.value}", role, "local account") for role in Role}}
# each page in the public view, as the performance team (who may open every other page) and, for its own pages,
# as the administrator
EVERY_PAGE = [
    (role, spec.script)
    for role in (None, Role.PERFORMANCE, Role.ADMIN)
    for spec in PAGES
    if may_open(ACTORS[role], spec, Settings())
    and not (role is Role.ADMIN and may_open(ACTORS[Role.PERFORMANCE], spec, Settings()))
]


def opened(role: Role | None, script: str):
    """The page as `role` sees it (None: the public), failing on any exception or error box."""
    at = app(role)
    at.secrets["dashboard"] = {"demo_data": False}
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.fixture
def empty_database(tmp_path, monkeypatch):
    path = tmp_path / "new.duckdb"
    con = connect(path)
    add_test_accounts(con)  # the administrator has made the first accounts; nothing else has happened
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


@pytest.fixture(params=["before the first upload", "after the first upload"])
def first_days(request, empty_database, catalogue):
    """An empty database, or one holding the first real upload: one month's return, with no month before it."""
    if request.param == "after the first upload":
        with open_store(empty_database) as con:
            ingest_return(con, FIRST_RETURN, catalogue, uploaded_by=officer(), confirm_warnings=True)
    return empty_database


@pytest.mark.parametrize(
    ("role", "script"),
    EVERY_PAGE,
    ids=lambda value: value.value if isinstance(value, Role) else str(value),
)
def test_every_page_in_a_new_councils_first_days(first_days, role, script):
    opened(role, script)


def test_the_voice_page_before_the_first_upload_says_there_is_nothing_yet(empty_database):
    text = all_text(opened(Role.VIEWER, "pages/voice.py"))
    assert text.count("No survey results yet.") == 2 and "No complaints or compliments figures yet." in text
