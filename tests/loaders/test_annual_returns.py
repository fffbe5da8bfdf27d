"""An annual return checked on the page's behalf (loaders.annual_returns): the measures for the year the files hold,
the rates from the ONS estimate for the council, what the return cannot give, and nothing worked out from a return
with errors."""

import datetime as dt

import pytest

from accounts.roles import Actor, Role
from domain.annual_returns import stored_years
from loaders.annual_returns import check_annual_return, commit_annual_return
from loaders.ingest import UploadConflict
from loaders.problems import ReturnRejected
from loaders.versions import rollback
from tests.actors import officer
from tests.loaders.test_ssda903 import as_files
from tools.synthetic_cin import census_xml
from tools.synthetic_cin import generate as generate_cin
from tools.synthetic_ssda903 import generate, tables


def test_an_ssda903_return_gives_its_years_measures_with_the_councils_population(catalogue):
    made = generate(dt.date(2025, 3, 31), 21)
    checked = check_annual_return("ssda903", as_files(made), catalogue, council="884")
    assert checked.year_end == dt.date(2025, 3, 31) and checked.errors == []
    values = {f.kpi: f for f in checked.figures}
    assert values["CIC01"].value == made.truth["CIC01"]
    assert values["CIC02"].denominator == 34_439.0 and checked.population_year == 2024  # ONS mid-2024, Herefordshire
    assert {c.kpi for c in checked.cannot} == {"CIC06", "CIC07", "CIC08", "CIC09"}
    assert checked.row_counts["episodes"] == len(made.episodes)


def test_a_census_gives_its_years_measures(catalogue):
    made = generate_cin(dt.date(2026, 3, 31), 22, children=200)
    checked = check_annual_return("cin", {"cin.xml": census_xml(made)}, catalogue, council="884")
    assert {f.kpi: f.value for f in checked.figures}["FD02"] == made.truth["FD02"]
    assert [c.kpi for c in checked.cannot] == ["FD01"]


def test_another_councils_census_is_refused_and_names_the_council(catalogue):
    made = generate_cin(dt.date(2026, 3, 31), 22, children=50, council="201")
    checked = check_annual_return("cin", {"cin.xml": census_xml(made)}, catalogue, council="884")
    (problem,) = checked.errors
    assert (problem.rule, problem.sheet, problem.cell) == ("COUNCIL_NOT_THIS_DASHBOARD", "cin.xml", "header")
    assert "City of London" in problem.message and "Herefordshire" in problem.message
    assert checked.figures == []


def test_nothing_is_worked_out_from_a_return_with_errors(catalogue):
    made = generate(dt.date(2026, 3, 31), 23)
    rows = [list(row) for row in tables(made)["episodes.csv"]]
    rows[1][1] = "not a date"
    checked = check_annual_return("ssda903", as_files(made, **{"episodes.csv": rows}), catalogue, council="884")
    assert [p.rule for p in checked.errors] == ["SSDA903_DATE_INVALID"] and checked.figures == []


def _all_text_in_database(con) -> str:
    tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    return "\n".join(str(row) for name in tables for row in con.execute(f'SELECT * FROM "{name}"').fetchall())  # noqa: S608


def test_kept_measures_are_a_submission_with_row_counts_and_no_childs_details(con, catalogue):
    made = generate(dt.date(2025, 3, 31), 24)
    checked = check_annual_return("ssda903", as_files(made), catalogue, council="884", con=con)
    outcome = commit_annual_return(con, checked, officer())
    assert not outcome.is_revision and outcome.value_count == len(checked.figures)
    (year,) = stored_years(con, "884")
    assert (year.kind, year.year_end, year.submission_id) == ("ssda903", dt.date(2025, 3, 31), outcome.submission_id)
    assert {f.kpi: f.value for f in year.figures}["CIC01"] == made.truth["CIC01"]
    counts = dict(con.execute("SELECT table_name, rows_read FROM return_table_counts").fetchall())
    assert counts == {"episodes": len(made.episodes), "uasc": len(made.uasc), "oc3": len(made.care_leavers)}
    stored = _all_text_in_database(con)
    assert not [e.child for e in made.episodes if e.child in stored]
    assert made.episodes[0].postcode not in stored
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 0  # never a month's figure
    again = check_annual_return("ssda903", as_files(made), catalogue, council="884", con=con)
    assert again.duplicate_of == outcome.submission_id


def test_a_second_return_for_the_year_is_a_revision_with_a_reason_and_rolling_it_back_restores_the_first(
    con, catalogue
):
    first, second = generate(dt.date(2025, 3, 31), 25), generate(dt.date(2025, 3, 31), 26)
    kept = commit_annual_return(con, check_annual_return("ssda903", as_files(first), catalogue, "884", con), officer())
    checked = check_annual_return("ssda903", as_files(second), catalogue, "884", con)
    assert checked.loaded == kept.submission_id
    with pytest.raises(ReturnRejected, match="already loaded"):
        commit_annual_return(con, checked, officer())
    revised = commit_annual_return(con, checked, officer(), reason="re-run after a data fix")
    assert revised.is_revision
    assert {f.kpi: f.value for f in stored_years(con, "884")[0].figures}["CIC01"] == second.truth["CIC01"]
    rollback(con, revised.submission_id, officer())
    assert {f.kpi: f.value for f in stored_years(con, "884")[0].figures}["CIC01"] == first.truth["CIC01"]


def test_a_return_loaded_meanwhile_stops_the_commit_and_a_viewer_cannot_commit(con, catalogue):
    made = generate(dt.date(2025, 3, 31), 27)
    checked = check_annual_return("ssda903", as_files(made), catalogue, "884", con)
    other = generate(dt.date(2025, 3, 31), 28)
    commit_annual_return(con, check_annual_return("ssda903", as_files(other), catalogue, "884", con), officer())
    with pytest.raises(UploadConflict):
        commit_annual_return(con, checked, officer(), reason="x")
    with pytest.raises(PermissionError):
        commit_annual_return(con, checked, Actor("someone", Role.VIEWER))


def test_a_census_and_a_903_for_the_same_year_are_kept_side_by_side(con, catalogue):
    made = generate_cin(dt.date(2025, 3, 31), 29, children=200)
    commit_annual_return(
        con, check_annual_return("cin", {"cin.xml": census_xml(made)}, catalogue, "884", con), officer()
    )
    ssda = generate(dt.date(2025, 3, 31), 30)
    commit_annual_return(con, check_annual_return("ssda903", as_files(ssda), catalogue, "884", con), officer())
    assert sorted(y.kind for y in stored_years(con, "884")) == ["cin_census", "ssda903"]
