"""Figures computed from an Annex A, on the pages: the upload page, the source line on the scorecard, the computed and
typed figures on the KPI page and on History, and each child-level definition on the Definitions page.

Choosing, previewing and committing an Annex A through the page is tested in tests/pages/test_child_level_uploads.py
and in the browser (tests/browser/test_annex_a_upload.py); here the Annex A is committed by the loader."""

import datetime as dt
import re
import shutil
from html import escape

import pytest

from accounts.roles import Role
from database.connection import open_store
from domain.child_level import load_definitions
from domain.store import current_figures
from domain.values import ValueIndex
from loaders.annex_a_ingest import check_annex_a, commit_annex_a
from loaders.upload_service import ANNEX_A_RULES
from tests.actors import officer
from tests.pages.conftest import all_text, html_tables, open_page, shown
from tools.synthetic_annex_a import generate, write_workbook

OCTOBER = dt.date(2026, 10, 1)  # the demo data's last month
CP01 = "CP01 Children on child protection plans"


@pytest.fixture
def with_annex_a(demo_db, tmp_path, monkeypatch, catalogue):
    """The demo database plus an Annex A for October 2026 whose figures differ from the typed ones; returns the lists'
    known figures and the Annex A's submission id."""
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    made = generate(OCTOBER, 7)
    path = tmp_path / "annex_a_2026-10.xlsx"
    write_workbook(made, path)
    with open_store(db) as con:
        checked = check_annex_a(con, path, catalogue)
        outcome = commit_annex_a(con, checked, officer(), confirm_warnings=True, is_demo=True)
    return made, outcome.submission_id


def test_the_upload_page_says_what_is_kept_and_lists_every_check(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/upload_annex_a.py", role=Role.PERFORMANCE, demo=True)
    assert at.title[0].value == "Upload an Annex A workbook"
    assert at.get("file_uploader")[0].proto.label == "Annex A workbook"
    assert any("No child's details are kept." in i.value for i in at.info)
    rules = next(t for t in html_tables(at) if t["caption"] == "Every check made on an Annex A workbook")
    assert [row[0] for row in rules["rows"][1:]] == ANNEX_A_RULES


@pytest.mark.parametrize(
    ("page", "file"), [("upload_annex_a", "child_level_kpis.toml"), ("annual_returns", "annual_return_kpis.toml")]
)
def test_definitions_that_do_not_fit_a_councils_own_catalogue_say_so_before_anything_is_uploaded(
    fixture_app, page, file
):
    """The fixture's catalogue has three KPIs of its own, none of those the shipped definitions work out."""
    at = open_page(f"pages/{page}.py", role=Role.PERFORMANCE)
    message = shown(at.error[0].value)
    assert message.startswith(
        f"The dashboard's configuration has a problem, so this page cannot be used. Please fix: data/{file}: "
    )
    assert "not in the KPI catalogue (" in message and "remove them, or add the KPIs to the catalogue" in message
    assert not at.get("file_uploader") and not at.exception
    assert [t.value for t in at.title] == ["Configuration problem"]  # not the page's own heading and upload box


def test_the_scorecard_names_where_the_months_figures_come_from(with_annex_a):
    _, annex_id = with_annex_a
    members = open_page("pages/scorecard.py", {"month": "October 2026"}, Role.VIEWER, demo=True)
    line = next(shown(c.value) for c in members.caption if c.value.startswith("Figures for October 2026"))
    assert re.fullmatch(
        rf"Figures for October 2026: \d+ figures computed from the Annex A lists \(annex_a_2026-10\.xlsx, submission "
        rf"{annex_id}\) and \d+ figures typed in the monthly return \(monthly_return_2026-10\.xlsx, submission \d+\)\.",
        line,
    ), line
    public = open_page("pages/scorecard.py", {"month": "October 2026"}, None, demo=True)
    public_line = next(c.value for c in public.caption if c.value.startswith("Figures for October 2026"))
    assert "computed from the Annex A lists" in public_line and ".xlsx" not in public_line


def test_the_kpi_page_sets_the_computed_figure_beside_the_typed_one(with_annex_a):
    made, annex_id = with_annex_a
    at = open_page("pages/kpi.py", {"kpi": CP01, "month": "October 2026"}, Role.VIEWER, demo=True)
    notes = [shown(w.value) for w in [*at.warning, *at.info] if "computed from the Annex A lists" in w.value]
    assert len(notes) == 1
    assert notes[0].startswith(
        f"In October 2026 the figure computed from the Annex A lists (submission {annex_id}) is {made.truth['CP01']};"
    )
    public = open_page("pages/kpi.py", {"kpi": CP01, "month": "October 2026"}, None, demo=True)
    assert "computed from the Annex A lists (submission" not in all_text(public)


def test_history_lists_the_figures_that_differ(with_annex_a):
    _, annex_id = with_annex_a
    at = open_page("pages/history.py", role=Role.PERFORMANCE, demo=True)
    table = next(t for t in html_tables(at) if t["caption"].startswith("Computed and typed figures that differ"))
    header, *rows = table["rows"]
    assert header == ["KPI", "Month", "Computed (submission)", "Typed (submission)", "Typed minus computed"]
    assert rows and {row[1] for row in rows} == {"October 2026"}
    assert all(row[2].endswith(f"({annex_id})") for row in rows)
    text = all_text(at)
    assert re.search(r"\d+ KPI figures were both computed from the Annex A lists and typed", text)
    assert f"{len(rows)} differ" in text


def test_definitions_show_each_child_level_kpis_query_and_what_it_follows(catalogue, monkeypatch, demo_db):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/definitions.py", demo=True)
    body = "".join(h.proto.body for h in at.html)
    definitions = load_definitions(catalogue=catalogue)
    assert len(definitions) >= 20
    for definition in definitions:
        assert f'<span class="code">{definition.kpi}</span>' in body
        assert escape(definition.follows) in body
    assert "SELECT count(*) AS value" in body and "FROM list_1, period" in body


def test_definitions_show_each_annual_return_measure_and_what_it_cannot_give(monkeypatch, demo_db):
    from domain.annual_returns import load_annual_definitions

    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/definitions.py", demo=True)
    body = "".join(h.proto.body for h in at.html)
    assert "<h3>SSDA903 (children looked after)</h3>" in body and "<h3>Children in need census</h3>" in body
    for definition in load_annual_definitions().definitions:
        assert escape(definition.follows) in body and escape(definition.sql) in body
    assert "CIC06 Long-term placement stability (needs the start of each child" in body


def test_history_sets_a_kept_annual_return_beside_the_published_and_march_figures(
    demo_db, tmp_path, monkeypatch, catalogue
):
    from loaders.annual_returns import check_annual_return, commit_annual_return
    from tests.loaders.test_ssda903 import as_files
    from tools.synthetic_ssda903 import generate as generate_903

    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    made = generate_903(dt.date(2025, 3, 31), 41)
    with open_store(db) as con:
        checked = check_annual_return("ssda903", as_files(made), catalogue, "884", con)
        kept = commit_annual_return(con, checked, officer(), is_demo=True)
    at = open_page("pages/history.py", role=Role.PERFORMANCE, demo=True)
    caption = f"SSDA903 (children looked after), year to 31 March 2025 (submission {kept.submission_id})"
    table = next(t for t in html_tables(at) if t["caption"] == caption)
    header, *rows = table["rows"]
    assert header == [
        "Measure",
        "From the return",
        "Published by the DfE",
        "Dashboard: March, or the 12 months",
        "Compared",
    ]
    with open_store(db) as con:  # a count over the year is set beside the dashboard's 12 months added up
        index = ValueIndex(current_figures(con))
    months = [dt.date(2024, m, 1) for m in range(4, 13)] + [dt.date(2025, m, 1) for m in range(1, 4)]
    starts = next(r for r in rows if r[0].startswith("CIC03"))
    assert starts[3] == f"{sum(index.value('CIC03', m) for m in months):,.0f}"
    assert "the dashboard's 12 months to March is" in starts[4]
    cic01 = next(r for r in rows if r[0] == "CIC01 Children in care")
    assert cic01[1] == f"{made.truth['CIC01']:,}" and cic01[2] != "No data" and cic01[3] != "No data"
    submissions = next(t for t in html_tables(at) if t["caption"].startswith("Submissions, newest first"))
    assert submissions["rows"][1][0] == str(kept.submission_id)
