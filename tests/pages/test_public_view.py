"""The public view (nobody signed in) on the demo data: small numbers shown as "c" everywhere, no commentary, no
officers' names or updates, and only statements marked public. Signed in, the same figures show."""

import datetime as dt

import pytest

from accounts.roles import Role
from database.connection import open_store
from domain.store import current_figures
from domain.suppression import public_index
from domain.trends import build_trend
from tests.pages.conftest import all_text, html_tables, open_page
from ui.charts import trend_frame

OCT = dt.date(2026, 10, 1)  # QA02, audits rated inadequate: 1 of 40 in the demo's October 2026


@pytest.fixture
def demo_app(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    return demo_db


def run(path, role=None, query=None):
    return open_page(path, query, role, demo=True)


def row_for(at, caption_start, code):
    table = next(t for t in html_tables(at) if t["caption"].startswith(caption_start))
    return next(row for row in table["rows"] if row[0].startswith(code))


def test_the_public_scorecard_shows_c_and_no_commentary(demo_app):
    at = run("pages/scorecard.py")
    qa02 = row_for(at, "WS08", "QA02")
    assert qa02[1:4] == ["c", "c", "c"] and qa02[5] == "Not shown" and qa02[-1] == "c Not shown"
    page = all_text(at) + "".join(e.proto.body for e in at.html)
    assert "Commentary:" not in page
    assert "a small number, not shown in the public view" in page  # the key explains "c"
    signed_in = run("pages/scorecard.py", Role.VIEWER)
    assert row_for(signed_in, "WS08", "QA02")[1] == "2.5%"


def test_the_public_kpi_table_shows_c_for_hidden_months(demo_app):
    at = run("pages/kpi.py", query={"kpi": "QA02 Case audits rated inadequate"})
    table = next(t for t in html_tables(at) if "by month, newest first" in t["caption"])
    october = next(row for row in table["rows"] if row[0] == "October 2026")
    assert october[1] == "c" and "Not shown" in october[2]


def test_chart_data_and_tooltips_of_the_public_view_hold_no_hidden_figure(demo_db, catalogue):
    with open_store(demo_db) as con:
        rows = current_figures(con)
    index = public_index(rows, catalogue, 4)
    for code in sorted({code for code, _ in index.suppressed}):
        frame = trend_frame(build_trend(catalogue[code], index))  # what the chart draws and its tooltips say
        hidden = frame[[(code, m.date()) in index.suppressed for m in frame.month]]
        assert not hidden.empty and set(hidden.Figure) == {"c"} and set(hidden.Status) == {"c Not shown"}, code
        assert hidden[["value", "mean", "upper", "lower"]].isna().all().all(), code


def test_the_public_voice_page_shows_only_public_statements_and_c_for_small_counts(demo_app):
    at = run("pages/voice.py")
    quotes = "".join(element.proto.body for element in at.html)
    assert "(not for the public view)" not in quotes
    assert "The assessment was quick and the social worker explained every step to us." in quotes
    complaints = next(t for t in html_tables(at) if t["caption"].startswith("Complaints and compliments"))
    assert "c" in {cell for row in complaints["rows"][1:] for cell in row[1:]}


def test_the_public_workstreams_page_names_no_lead_officers_and_shows_no_updates(demo_app):
    at = run("pages/workstreams.py", query={"open": "WS07 Workforce: recruitment, retention and caseloads"})
    page = "".join(e.proto.body for e in at.html) + all_text(at)
    assert "Lead:" not in page and "Update:" not in page
    signed_in = run(
        "pages/workstreams.py", Role.DIRECTOR, query={"open": "WS07 Workforce: recruitment, retention and caseloads"}
    )
    assert "Lead:" in "".join(e.proto.body for e in signed_in.html)


def test_the_public_see_commentary_marked_public_and_no_other(demo_app):
    """In the demo, workforce commentary is marked public; the assessment team's is not."""
    query = {"month": "March 2023"}
    public = "".join(e.proto.body for e in run("pages/scorecard.py", query=query).html)
    members = "".join(e.proto.body for e in run("pages/scorecard.py", Role.VIEWER, query=query).html)
    workforce, assessments = "Agency cover remains high", "The backlog of assessments"
    assert workforce in members and assessments in members
    assert workforce in public and assessments not in public
