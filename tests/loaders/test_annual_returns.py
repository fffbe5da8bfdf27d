"""An annual return checked on the page's behalf (loaders.annual_returns): the measures for the year the files hold,
the rates from the ONS estimate for the council, what the return cannot give, and nothing worked out from a return
with errors."""

import datetime as dt

from loaders.annual_returns import check_annual_return
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


def test_nothing_is_worked_out_from_a_return_with_errors(catalogue):
    made = generate(dt.date(2026, 3, 31), 23)
    rows = [list(row) for row in tables(made)["episodes.csv"]]
    rows[1][1] = "not a date"
    checked = check_annual_return("ssda903", as_files(made, **{"episodes.csv": rows}), catalogue, council="884")
    assert [p.rule for p in checked.errors] == ["SSDA903_DATE_INVALID"] and checked.figures == []
