"""A KPI reported only from or until a month (reported_from, reported_until in the catalogue): a return need not
carry it outside those months, a figure typed for it then is refused, and the template asks only for the KPIs
reported in the months a return is usually filled in for."""

import dataclasses
import datetime as dt

import pytest
from openpyxl import load_workbook

from loaders.ingest import check_upload, commit_upload
from loaders.return_layout import HEADER_ROW
from loaders.return_writer import Figure, write_backfill, write_return, write_template
from tests.actors import officer
from tests.loaders.conftest import MONTH, TEAMS, TODAY
from tests.loaders.test_bad_workbooks import VALUE, complete_figures, row_of

DROPPED, ADDED = "WF06", "FD01"  # dropped after August 2025; added from October 2025 (MONTH is September 2025)


@pytest.fixture
def periods(catalogue):
    """The shipped catalogue with one KPI dropped before MONTH and one added after it."""
    kpis = dict(catalogue.kpis)
    kpis[DROPPED] = dataclasses.replace(kpis[DROPPED], reported_until=dt.date(2025, 8, 1))
    kpis[ADDED] = dataclasses.replace(kpis[ADDED], reported_from=dt.date(2025, 10, 1))
    return dataclasses.replace(catalogue, kpis=kpis)


def codes_in(path) -> set[str]:
    workbook = load_workbook(path, read_only=True)
    return {row[0] for sheet in workbook for row in sheet.iter_rows(min_row=5, values_only=True) if row and row[0]}


def test_a_return_without_the_kpis_not_reported_that_month_loads_without_them(con, tmp_path, periods):
    path = tmp_path / "september.xlsx"
    write_return(path, periods, MONTH, complete_figures(periods), teams=TEAMS)
    assert DROPPED not in codes_in(path) and ADDED not in codes_in(path)
    checked = check_upload(con, path, periods, today=TODAY)
    assert checked.all_problems == []  # in particular no KPI_MISSING for either
    commit_upload(con, checked, officer())
    held = {code for (code,) in con.execute("SELECT DISTINCT kpi_code FROM kpi_values").fetchall()}
    assert DROPPED not in held and ADDED not in held and "WF01" in held


def test_a_figure_typed_for_a_kpi_not_reported_that_month_is_refused_naming_its_cell(con, tmp_path, catalogue, periods):
    path = tmp_path / "september.xlsx"
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)  # an older template, filled in
    checked = check_upload(con, path, periods, today=TODAY)
    refused = [p for p in checked.all_problems if p.rule == "KPI_NOT_REPORTED"]
    assert [p.rule for p in checked.all_problems] == ["KPI_NOT_REPORTED"] * 2
    dropped = next(p for p in refused if DROPPED in p.message)
    sheet, row = row_of(catalogue, DROPPED)
    assert (dropped.sheet, dropped.cell) == (sheet, f"{VALUE}{row}")
    assert "is not reported in September 2025 (Reported until August 2025 in the KPI catalogue)" in dropped.message
    assert any("(Reported from October 2025 in the KPI catalogue)" in p.message for p in refused)
    with pytest.raises(ValueError):
        commit_upload(con, checked, officer())
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone() == (0,)


def test_a_blank_row_for_a_kpi_not_reported_that_month_is_passed_over(con, tmp_path, catalogue, periods):
    path = tmp_path / "september.xlsx"
    figures = {**complete_figures(catalogue), DROPPED: Figure(), ADDED: Figure()}
    write_return(path, catalogue, MONTH, figures, teams=TEAMS)
    checked = check_upload(con, path, periods, today=TODAY)
    assert checked.all_problems == []  # not even VALUE_MISSING: nothing is expected of it
    assert {r.kpi_code for r in checked.parsed.rows}.isdisjoint({DROPPED, ADDED})


def test_commentary_alone_for_a_kpi_not_reported_that_month_is_refused(con, tmp_path, catalogue, periods):
    path = tmp_path / "september.xlsx"
    figures = {**complete_figures(catalogue), DROPPED: Figure(commentary="Measure dropped at the plan's refresh")}
    write_return(path, catalogue, MONTH, figures, teams=TEAMS)
    checked = check_upload(con, path, periods, today=TODAY)
    assert sorted(p.rule for p in checked.all_problems) == ["KPI_NOT_REPORTED"] * 2  # and ADDED's figure


def test_a_backfill_figure_outside_a_kpis_reporting_period_is_refused_naming_its_cell(con, tmp_path, periods):
    path = tmp_path / "history.xlsx"
    months = [dt.date(2025, 7, 1), dt.date(2025, 8, 1), dt.date(2025, 9, 1)]
    write_backfill(path, periods, {(DROPPED, m): 12.0 for m in months})
    checked = check_upload(con, path, periods, today=TODAY)
    assert [(p.rule, p.sheet) for p in checked.all_problems] == [("KPI_NOT_REPORTED", "Backfill")]
    assert "September 2025" in checked.all_problems[0].message
    sheet = load_workbook(path)["Backfill"]
    assert sheet[checked.all_problems[0].cell].value == 12.0
    assert sheet.cell(HEADER_ROW, sheet[checked.all_problems[0].cell].column).value.month == 9  # September's column


@pytest.mark.parametrize(
    "today, dropped_asked, added_asked",
    [
        (dt.date(2025, 9, 15), True, False),  # August's return (DROPPED's last) or September's: ADDED not yet
        (dt.date(2025, 10, 2), False, True),  # September's return or October's (ADDED's first)
        (dt.date(2025, 11, 30), False, True),
    ],
)
def test_the_template_asks_for_the_kpis_reported_last_month_or_this_month(
    tmp_path, periods, today, dropped_asked, added_asked
):
    path = tmp_path / "template.xlsx"
    write_template(path, periods, today=today)
    codes = codes_in(path)
    assert (DROPPED in codes, ADDED in codes) == (dropped_asked, added_asked)
    assert "WF01" in codes


def test_an_annex_a_gives_no_figure_for_a_kpi_not_reported_that_month(con, tmp_path, catalogue):
    from domain.child_level import load_definitions
    from loaders.annex_a_ingest import check_annex_a
    from tools.synthetic_annex_a import generate, write_workbook

    month = dt.date(2025, 12, 1)
    path = tmp_path / "annex_a.xlsx"
    write_workbook(generate(month, 11), path)
    computed = {d.kpi for d in load_definitions(catalogue=catalogue)}
    dropped = sorted(computed)[0]
    kpis = {**catalogue.kpis, dropped: dataclasses.replace(catalogue[dropped], reported_until=dt.date(2025, 11, 1))}
    checked = check_annex_a(con, path, dataclasses.replace(catalogue, kpis=kpis), today=dt.date(2026, 12, 2))
    assert checked.errors == []
    assert {f.kpi for f in checked.parsed.figures} == computed - {dropped}
    assert dropped not in {s.kpi for s in checked.parsed.skipped}  # nothing to say about it either


def test_the_latest_figure_and_the_count_of_a_months_figures_leave_out_months_a_kpi_is_not_reported(
    con, tmp_path, catalogue
):
    from domain.reconciliation import figure_sources, latest_figures

    october = dt.date(2025, 10, 1)
    for month in (MONTH, october):
        path = tmp_path / f"{month:%Y-%m}.xlsx"
        write_return(path, catalogue, month, complete_figures(catalogue), teams=TEAMS)
        commit_upload(con, check_upload(con, path, catalogue, today=TODAY), officer())
    # the plan then drops WF01 after September: October's figure, loaded before, is held and no longer shown
    kpis = {**catalogue.kpis, "WF01": dataclasses.replace(catalogue["WF01"], reported_until=MONTH)}
    dropped = dataclasses.replace(catalogue, kpis=kpis)
    assert latest_figures(con)["WF01"][0] == october
    assert latest_figures(con, catalogue=dropped)["WF01"][0] == MONTH
    assert latest_figures(con, catalogue=dropped)["WF02"][0] == october
    counted = [s.figures for s in figure_sources(con, october)]
    assert [s.figures for s in figure_sources(con, october, catalogue=dropped)] == [counted[0] - 1]
