"""What the public sees when the configuration is broken, and what Streamlit is told to show about errors."""

import shutil
import tomllib

import pytest

from database.connection import open_store
from tests.conftest import ROOT
from tests.pages.conftest import app, open_page, shown


def test_a_configuration_error_names_the_file_and_the_problem_but_no_server_folder(fixture_app, monkeypatch):
    broken = fixture_app / "kpis.toml"
    broken.write_text(broken.read_text().replace('title = "Children in care"', 'title = ""', 1))
    at = app(None).run()
    message = shown(at.error[0].value)
    assert "kpis.toml" in message and "KPI CIC: missing title" in message
    assert str(fixture_app) not in message and "/tmp" not in message and str(ROOT) not in message
    assert [t.value for t in at.title] == ["Configuration problem"]  # the page still has a heading


def test_errors_never_offer_links_to_search_engines_or_chatbots():
    """Streamlit shows 'Ask Google' and 'Ask ChatGPT' links beside an error on localhost ("auto")."""
    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]
    assert client["showErrorLinks"] == "false" and client["showErrorDetails"] == "none"


def test_a_demo_that_does_not_fit_the_catalogue_is_a_configuration_problem_in_words(fixture_app, monkeypatch):
    """An empty database, the demonstration on, and a catalogue of the council's own (the fixture's three KPIs)."""
    monkeypatch.setenv("DASHBOARD_DB", str(fixture_app / "empty.duckdb"))
    monkeypatch.setenv("DASHBOARD_DEMO_DIR", str(ROOT / "data" / "demo"))
    at = app(None).run()
    message = shown(at.error[0].value)
    assert message.startswith(
        "The dashboard's configuration has a problem, so no figures are shown. Please fix: the "
        "demonstration data does not fit the KPI catalogue or the workstreams as they are now"
    )
    assert "KPI_UNKNOWN" in message and "set demo_data = false" in message
    assert not at.exception


@pytest.mark.parametrize(
    ("file", "page"),
    [
        ("kpis.toml", "pages/scorecard.py"),
        ("workstreams.toml", "pages/scorecard.py"),
        ("events.toml", "pages/timeline.py"),
        ("events.toml", "pages/kpi.py"),
    ],
)
def test_a_slip_in_typing_a_settings_file_is_a_configuration_problem_naming_its_line(
    fixture_app, monkeypatch, file, page
):
    """A council edits these files by hand: a missing closing quote must not bring up Streamlit's error box."""
    shutil.copy(ROOT / "data" / "events.toml", fixture_app / "events.toml")
    monkeypatch.setenv("DASHBOARD_EVENTS", str(fixture_app / "events.toml"))
    broken = fixture_app / file
    lines = broken.read_text().splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith(("title =", "name =")))
    lines[number - 1] = lines[number - 1].rstrip('"')  # the closing quote left off
    broken.write_text("\n".join(lines) + "\n")
    at = open_page(page)
    [error] = [shown(e.value) for e in at.error]
    assert f"Please fix: {file}: this is not valid TOML, so none of the file can be used: " in error
    assert f"(at line {number}, column " in error and "missing or extra quote, bracket or comma" in error
    assert [t.value for t in at.title] == ["Configuration problem"]


def test_a_database_that_cannot_be_opened_is_a_problem_in_words(fixture_app):
    (fixture_app / "fixture.duckdb").write_bytes(b"not a database" * 100)  # damaged, or the wrong file
    at = app(None).run()
    [error] = [shown(e.value) for e in at.error]
    assert (
        "Please fix: the database fixture.duckdb cannot be opened (" in error and "restore the latest backup" in error
    )
    assert not at.exception and [t.value for t in at.title] == ["Configuration problem"]


def test_a_database_last_used_by_a_newer_release_is_a_problem_in_words(fixture_app):
    with open_store(fixture_app / "fixture.duckdb") as con:
        con.execute("INSERT INTO schema_info VALUES (999)")  # as a newer release would leave it
    at = app(None).run()
    [error] = [shown(e.value) for e in at.error]
    assert "Please fix: the database has schema version 999, newer than this dashboard's" in error
    assert not at.exception


def test_a_published_figures_file_with_a_bad_line_stops_the_kpi_page_under_one_heading(fixture_app, monkeypatch):
    lines = (ROOT / "data" / "published_benchmarks.csv").read_text().splitlines()
    lines[2] = lines[2].replace(",", ",about ", 1)  # a word typed into a date
    (fixture_app / "benchmarks.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("DASHBOARD_BENCHMARKS", str(fixture_app / "benchmarks.csv"))
    at = open_page("pages/kpi.py")
    [error] = [shown(e.value) for e in at.error]
    assert "Please fix: benchmarks.csv: line 3 cannot be read (" in error
    assert [t.value for t in at.title] == ["Configuration problem"]
