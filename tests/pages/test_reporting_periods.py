"""A KPI the improvement plan has dropped (reported_until in the catalogue): the pages list it only in its months,
its trend runs to its last month and says why, and the Definitions page gives its reporting period."""

import pytest

from tests.pages.conftest import all_text, html_tables, open_page, shown

VISITS = "VISITS Visits in time"


@pytest.fixture
def visits_dropped_after_september(fixture_app):
    path = fixture_app / "kpis.toml"
    text = path.read_text()
    path.write_text(text.replace('code = "VISITS"\n', 'code = "VISITS"\nreported_until = "2026-09"\n'))
    return fixture_app


def scorecard_codes(at) -> list[str]:
    return [row[0].split()[0] for table in html_tables(at) for row in table["rows"][1:] if table["rows"]]


def test_the_scorecard_lists_a_dropped_kpi_only_up_to_its_last_month(visits_dropped_after_september):
    october = open_page("pages/scorecard.py", {"month": "October 2026"})
    september = open_page("pages/scorecard.py", {"month": "September 2026"})
    assert "VISITS" not in scorecard_codes(october) and "AGENCY" in scorecard_codes(october)
    assert "VISITS" in scorecard_codes(september)
    assert "In October 2026, 1 of 2 KPIs have a target" in all_text(october)


def test_a_dropped_kpis_trend_runs_to_its_last_month_and_says_why(visits_dropped_after_september):
    at = open_page("pages/kpi.py", {"kpi": VISITS, "month": "October 2026"})
    assert [shown(i.value) for i in at.info] == [
        "VISITS is no longer reported: its last month was September 2026, before October 2026. Its figures are "
        "shown to September 2026."
    ]
    months = [row[0] for row in html_tables(at)[0]["rows"][1:]]
    assert months == ["September 2026", "August 2026"]  # October's figure is held, and not shown
    assert "Visits in time was 94.0% in September 2026" in all_text(at)


def test_a_kpi_before_its_first_month_has_no_trend(fixture_app):
    path = fixture_app / "kpis.toml"
    path.write_text(path.read_text().replace('code = "VISITS"\n', 'code = "VISITS"\nreported_from = "2026-11"\n'))
    at = open_page("pages/kpi.py", {"kpi": VISITS, "month": "October 2026"})
    assert [shown(i.value) for i in at.info] == [
        "VISITS is first reported in November 2026, after October 2026: it has no figures yet."
    ]
    assert html_tables(at) == [] and not any("<svg" in h.proto.body for h in at.html)


def test_the_definitions_give_a_dropped_kpis_reporting_period(visits_dropped_after_september):
    at = open_page("pages/definitions.py")
    visits = next(row for table in html_tables(at) for row in table["rows"] if row[0].startswith("VISITS"))
    assert "Reported until September 2026" in visits[0]
    agency = next(row for table in html_tables(at) for row in table["rows"] if row[0].startswith("AGENCY"))
    assert "Reported" not in agency[0]
