"""The demonstration data is loaded whole or not at all: a demo that no longer fits the catalogue (a council has
made it its own) is refused with a message saying what does not fit and what to do, and nothing is loaded."""

import dataclasses
import datetime as dt

import pytest

from database.connection import open_store
from domain.reporting_period import ReportingPeriod
from loaders.bootstrap import DemoDoesNotFit, prepare_database
from tests.conftest import ROOT

DEMO = ROOT / "data" / "demo"
AUGUST = dt.date(2026, 8, 1)


def submissions(path) -> int:
    with open_store(path) as con:
        return con.execute("SELECT count(*) FROM submissions").fetchone()[0]


def test_a_catalogue_that_drops_a_kpi_the_demo_reports_loads_no_demo_and_says_why(tmp_path, catalogue, workstreams):
    kpis = {**catalogue.kpis, "QA11": dataclasses.replace(catalogue["QA11"], reported_until=dt.date(2026, 6, 1))}
    path = tmp_path / "dashboard.duckdb"
    with pytest.raises(DemoDoesNotFit) as refused:
        prepare_database(path, dataclasses.replace(catalogue, kpis=kpis), workstreams, DEMO)
    message = str(refused.value)
    assert "The first of 4 problems: monthly_return_2026-07.xlsx: KPI_NOT_REPORTED 'Quality and feedback'!" in message
    assert "set demo_data = false in the [dashboard] section of .streamlit/secrets.toml" in message
    assert submissions(path) == 0  # not the months before July either


def test_a_catalogue_with_a_new_required_kpi_loads_no_demo(tmp_path, catalogue, workstreams):
    added = dataclasses.replace(catalogue["QA11"], code="QA12", title="Complaints upheld by the Ombudsman")
    path = tmp_path / "dashboard.duckdb"
    with pytest.raises(DemoDoesNotFit, match=r"KPI_MISSING .* QA12 Complaints upheld by the Ombudsman is required"):
        prepare_database(
            path, dataclasses.replace(catalogue, kpis={**catalogue.kpis, "QA12": added}), workstreams, DEMO
        )
    assert submissions(path) == 0


def test_the_shipped_catalogue_loads_the_whole_demo(demo_db):
    assert submissions(demo_db) > 67  # every return and every action log


def test_only_what_is_about_to_be_loaded_is_read(tmp_path, catalogue, workstreams):
    """A demo database made before the action log existed gains the demo action logs, even if the catalogue has
    since changed in a way the demo returns (already loaded) no longer fit."""
    from loaders.bootstrap import load_demo_returns

    path = tmp_path / "dashboard.duckdb"
    with open_store(path) as con:
        load_demo_returns(con, catalogue, DEMO)
    kpis = {**catalogue.kpis, "QA11": dataclasses.replace(catalogue["QA11"], reported_until=dt.date(2026, 6, 1))}
    prepare_database(path, dataclasses.replace(catalogue, kpis=kpis), workstreams, DEMO)
    with open_store(path) as con:
        assert con.execute("SELECT count(*) FROM submissions WHERE kind = 'action_log'").fetchone()[0] == 46


def test_a_demo_whose_action_logs_are_missing_loads_nothing_and_says_what_to_do(tmp_path, catalogue, workstreams):
    """Loading the returns and then finding no action logs would leave half a demo."""
    demo = tmp_path / "demo"
    demo.mkdir()
    for path in DEMO.glob("monthly_return_*.xlsx"):
        (demo / path.name).write_bytes(path.read_bytes())
    database = tmp_path / "dashboard.duckdb"
    with pytest.raises(DemoDoesNotFit) as refused:
        prepare_database(database, catalogue, workstreams, demo)
    assert str(refused.value).startswith(
        "the demonstration data is switched on, but its action logs are not in the folder demo, so none of it has "
        "been loaded. To start with your own figures, set demo_data = false"
    )
    assert submissions(database) == 0


def test_a_workstream_closed_while_the_demo_gives_it_actions_loads_no_demo(tmp_path, catalogue, workstreams):
    closed = {**workstreams, "WS03": dataclasses.replace(workstreams["WS03"], period=ReportingPeriod(last=AUGUST))}
    database = tmp_path / "dashboard.duckdb"
    with pytest.raises(DemoDoesNotFit, match=r"ACTION_WORKSTREAM_NOT_IN_PLAN 'Action log'!B\d+ WS03 is in the plan"):
        prepare_database(database, catalogue, closed, DEMO)
    assert submissions(database) == 0
