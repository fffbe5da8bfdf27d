"""Page tests: run the real app with Streamlit's AppTest against a small, known catalogue and database."""

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from accounts.demo import demo_actor
from accounts.roles import Actor, Role
from accounts.sessions import LIFETIME, SessionClaim
from config import clock
from database.connection import connect
from domain.catalogue import load_catalogue
from loaders.ingest import ingest_return
from loaders.return_writer import Figure, write_return
from tests.actors import officer
from tests.conftest import ROOT

WORKSTREAMS_TOML = """
[[workstream]]
code = "WS01"
name = "Workforce"
description = "A stable workforce."
owner = "Director of Workforce"

[[workstream]]
code = "WS02"
name = "Children in care"
description = "Stable homes."
owner = "Director of Corporate Parenting"
"""

CATALOGUE_TOML = """
[topics]
workforce = "Caseloads and workforce"
care = "Children in care"

[[kpi]]
code = "AGENCY"
title = "Agency social worker rate"
description = "Agency staff as a share of all social workers."
topic = "workforce"
unit = "percent"
decimals = 1
polarity = "down"
target = {agency_target}
tolerance = 5.0
workstreams = ["WS01"]
numerator = "Agency social workers (FTE)"
denominator = "All social workers (FTE)"
source = "HR"

[[kpi]]
code = "CIC"
title = "Children in care"
description = "Children looked after at month end."
topic = "care"
unit = "count"
decimals = 0
polarity = "neither"
workstreams = ["WS02", "WS01"]
source = "Case management system"

[[kpi]]
code = "VISITS"
title = "Visits in time"
description = "Visits to children in care in time."
topic = "care"
unit = "percent"
decimals = 1
polarity = "up"
target = 90.0
tolerance = 5.0
workstreams = ["WS02"]
numerator = "Visits in time"
denominator = "Visits due"
source = "Case management system"
"""

TEST_SESSION = "page-test-session"  # the session id of every signed-in page test

# (agency numerator / 100 FTE, children in care, visits in time / 100 due) for August to October 2026
MONTHS = {
    dt.date(2026, 8, 1): (24.0, 350.0, 93.0),
    dt.date(2026, 9, 1): (24.0, 344.0, 94.0),
    dt.date(2026, 10, 1): (26.0, 340.0, 95.0),
}


def write_catalogue(folder: Path, agency_target: float) -> Path:
    path = folder / "kpis.toml"
    path.write_text(CATALOGUE_TOML.format(agency_target=agency_target))
    return path


@pytest.fixture(autouse=True)
def app_navigation_without_a_rerun(monkeypatch):
    """AppTest starts every run as a new server would: it resets Streamlit's PagesManager, which then finds the
    `pages/` folder and starts in its legacy mode, so ui.context._ensure_app_navigation reran every run, and a rerun
    drops a clicked button's click. Here each run starts as a server's runs do after its first: out of legacy mode.
    (tests/browser covers the rerun on a fresh server.)"""
    from streamlit.runtime.pages_manager import PagesManager

    made = PagesManager.__init__

    def out_of_legacy_mode(self, *args, **kwargs):
        made(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", out_of_legacy_mode)


@pytest.fixture
def fixture_app(tmp_path, monkeypatch):
    """Points the app at a fixture catalogue and a database of three known months; returns the folder."""
    (tmp_path / "workstreams.toml").write_text(WORKSTREAMS_TOML)
    catalogue_path = write_catalogue(tmp_path, agency_target=20.0)
    catalogue = load_catalogue(catalogue_path)
    con = connect(tmp_path / "fixture.duckdb")
    for month, (agency, children, visits) in MONTHS.items():
        path = tmp_path / f"return_{month:%Y-%m}.xlsx"
        figures = {
            "AGENCY": Figure(numerator=agency, denominator=100.0, commentary="Recruitment campaign under way"),
            "CIC": Figure(value=children),
            "VISITS": Figure(numerator=visits, denominator=100.0),
        }
        write_return(path, catalogue, month, figures)
        ingest_return(con, path, catalogue, uploaded_by=officer("tester"))
    add_test_accounts(con)
    con.close()
    monkeypatch.setenv("DASHBOARD_CATALOGUE", str(catalogue_path))
    monkeypatch.setenv("DASHBOARD_WORKSTREAMS", str(tmp_path / "workstreams.toml"))
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "fixture.duckdb"))
    monkeypatch.setenv("DASHBOARD_DEMO_DIR", str(tmp_path / "no-demo"))
    return tmp_path


def add_test_accounts(con) -> None:
    """One local account per role, test.<role> (the hash is never checked: tests sign in through session state)."""
    for role in Role:
        con.execute(
            "INSERT INTO users (username, display_name, role, password_hash, created_at) "
            "VALUES (?, ?, ?, 'not-a-hash', now())",
            [f"test.{role.value}", f"Test {role.label}", role.value],
        )


def app(role: Role | None = Role.VIEWER, demo: bool = False) -> AppTest:
    """The app, signed in with the fixture's local account for `role` (None: the public, not signed in), or with
    the demonstration account for the role on the demo database."""
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if role is not None:
        actor = demo_actor(f"demo.{role.value}") if demo else Actor(f"test.{role.value}", role, "local account")
        test.session_state["signed_in_actor"] = (actor, 0 if demo else 1)
        test.session_state["signed_in_session"] = SessionClaim(
            actor.name, 0 if demo else 1, clock.now() + LIFETIME, TEST_SESSION, actor.via
        )
    return test


def open_page(path: str, query: dict | None = None, role: Role | None = Role.VIEWER, demo: bool = False) -> AppTest:
    """Run the app with `query` in the URL, then switch to the page at `path`; fails on any exception."""
    at = app(role, demo)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(path).run()
    assert not at.exception
    return at


class _TableReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._cell = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"] = "".join(self._cell).strip()
            self._cell = None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data + " ")


def html_tables(at: AppTest) -> list[dict]:
    """Every HTML table on the page: caption, and rows of cell texts (the header row first)."""
    reader = _TableReader()
    for element in at.html:
        reader.feed(element.proto.body)
    return reader.tables


def html_headings(at: AppTest, level: int = 3) -> list[str]:
    """The text of every heading of `level` written by the page as HTML, in order."""
    return [
        unescape(re.sub(r"<[^>]+>", "", found))
        for element in at.html
        for found in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", element.proto.body, re.S)
    ]


def all_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += [e.value for e in at.info] + [e.value for e in at.warning] + [e.value for e in at.error]
    parts += [e.value for e in at.caption] + [e.value for e in at.header]
    return shown("\n".join(parts))


def shown(markdown: str) -> str:
    """Markdown source as it reads on the page: without the backslashes and invisible word joiners that keep typed
    text literal (ui.text)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")
