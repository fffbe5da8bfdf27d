"""Text people typed is shown as typed on every page: a file name, a display name, an event's title, an action id or
a lead officer's name written as Markdown must never become a link or an image (a tracking pixel) on the page."""

import datetime as dt
import re
import shutil

import pytest

from accounts.roles import Role
from database.connection import open_store
from domain.brag import Status
from domain.catalogue import load_catalogue
from domain.plan import Action
from domain.workstreams import load_workstreams
from loaders.action_log_ingest import ingest_action_log
from loaders.action_log_writer import write_action_log
from loaders.ingest import ingest_return
from tests.actors import officer
from tests.pages.conftest import open_page, shown

LINK = "[Open](https://evil.example/link)"
PIXEL = "![](https://evil.example/pixel.png)"


@pytest.fixture
def hostile_text(fixture_app, monkeypatch):
    catalogue = load_catalogue(fixture_app / "kpis.toml")
    workstreams = load_workstreams(fixture_app / "workstreams.toml")
    with open_store(fixture_app / "fixture.duckdb") as con:
        con.execute("UPDATE users SET display_name = ? WHERE username LIKE 'test.%'", [f"Jo {PIXEL} {LINK}"])
        named = fixture_app / "[October](evil.example) ![x](evil.example).xlsx"  # a file name cannot hold "/"
        shutil.copy(fixture_app / "return_2026-10.xlsx", named)
        ingest_return(
            con,
            named,
            catalogue,
            uploaded_by=officer(),
            reason="a revision with a hostile name",
            confirm_warnings=True,
            today=dt.date(2026, 12, 1),
        )
        path = fixture_app / "plan.xlsx"
        write_action_log(
            path,
            catalogue,
            workstreams,
            dt.date(2026, 10, 31),
            [
                Action(
                    f"WS01 {LINK}",
                    "WS01",
                    "Recruit",
                    "Director of Workforce",
                    f"Lead {PIXEL}",
                    dt.date(2025, 1, 1),
                    dt.date(2026, 1, 31),
                    Status.RED,
                    40.0,
                    ("AGENCY",),
                    "Offers made.",
                )
            ],
        )
        ingest_action_log(con, path, catalogue, workstreams, officer(), confirm_warnings=True)
    events = fixture_app / "events.toml"
    events.write_text(
        f'[[event]]\ndate = 2026-09-15\ntitle = "{LINK}"\nkind = "other"\ndescription = "d"\nsource = "s"\n'
    )
    monkeypatch.setenv("DASHBOARD_EVENTS", str(events))
    return fixture_app


def markdown_of(at) -> list[str]:
    """The Markdown source of every element Streamlit renders as Markdown."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "success", "warning", "error")
    elements = [e for kind in kinds for e in getattr(at, kind)]
    elements += [e for kind in kinds for e in getattr(at.sidebar, kind)]
    return [e.value for e in elements]


@pytest.mark.parametrize(
    "path, query",
    [
        ("pages/scorecard.py", {}),
        ("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate"}),
        ("pages/workstreams.py", {"workstream": "WS01 Workforce"}),
        ("pages/upload.py", {}),
        ("pages/history.py", {}),
        ("pages/account.py", {}),
        ("pages/timeline.py", {}),
    ],
)
def test_user_text_never_becomes_a_link_or_an_image(hostile_text, path, query):
    at = open_page(path, query, role=Role.PERFORMANCE)
    sources = markdown_of(at)
    written = [s for s in sources if "evil" in s]
    assert written, f"{path} shows none of the typed text, so the test would prove nothing"
    for source in written:
        assert "](" not in source and "![" not in source and "evil.example" not in source, source
        read = re.sub(r"\\(.)", r"\1", source)  # what is left once Markdown has read the escapes
        assert not re.search(r"https?://|www\.\w|\w@\w", read), read  # Streamlit links bare addresses
        assert "evil.example" in shown(source)  # and it reads as typed
