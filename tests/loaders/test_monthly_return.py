"""Round trip: figures written to a workbook come back out of the database unchanged."""

import duckdb
import pytest

from domain.store import current_values, submissions
from loaders.ingest import file_sha256, ingest_return, store_return
from loaders.monthly_return import ParsedReturn, read_return
from loaders.problems import ReturnRejected
from loaders.return_writer import Figure, write_return
from tests.loaders.conftest import MONTH, expected_value


def written(tmp_path, catalogue, figures, name="return.xlsx", month=MONTH):
    path = tmp_path / name
    write_return(path, catalogue, month, figures)
    return path


def test_round_trip_workbook_in_same_numbers_out(tmp_path, con, catalogue, known_figures):
    outcome = ingest_return(con, written(tmp_path, catalogue, known_figures), catalogue, uploaded_by="tester")
    assert not outcome.already_loaded and outcome.month == MONTH
    stored = current_values(con).set_index("kpi_code")
    assert len(stored) == len(catalogue)
    for kpi in catalogue:
        expected = expected_value(kpi, known_figures[kpi.code])
        value = stored.loc[kpi.code, "value"]
        if expected is None:
            assert value != value  # NaN: stored as missing
        else:
            assert value == pytest.approx(expected)
        assert str(stored.loc[kpi.code, "month"].date()) == "2025-09-01"


def test_missing_figures_are_stored_as_missing_never_zero(tmp_path, con, catalogue, known_figures):
    ingest_return(con, written(tmp_path, catalogue, known_figures), catalogue, uploaded_by="tester")
    row = con.execute("SELECT count(*) FILTER (value IS NULL), count(*) FILTER (value = 0) FROM kpi_values").fetchone()
    assert row == (1, 0)
    audit = submissions(con).iloc[0]
    assert (audit.row_count, audit.value_count, audit.missing_count) == (len(catalogue), len(catalogue) - 1, 1)


def test_submission_records_file_hash_uploader_and_where_each_figure_came_from(tmp_path, con, catalogue, known_figures):
    path = written(tmp_path, catalogue, known_figures)
    ingest_return(con, path, catalogue, uploaded_by="a.officer")
    audit = submissions(con).iloc[0]
    assert audit.file_name == "return.xlsx" and audit.sha256 == file_sha256(path) and len(audit.sha256) == 64
    assert audit.uploaded_by == "a.officer" and audit.status == "accepted" and not audit.is_demo
    cells = dict(con.execute("SELECT kpi_code, source_cell FROM kpi_values").fetchall())
    assert cells["WF03"] == "'Caseloads and workforce'!E7:F7"
    assert cells["WF06"] == "'Caseloads and workforce'!D10"


def test_same_file_twice_is_a_no_op(tmp_path, con, catalogue, known_figures):
    path = written(tmp_path, catalogue, known_figures)
    first = ingest_return(con, path, catalogue, uploaded_by="tester")
    second = ingest_return(con, path, catalogue, uploaded_by="tester")
    assert second.already_loaded and second.submission_id == first.submission_id
    assert len(submissions(con)) == 1
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == len(catalogue)


def test_a_later_submission_for_the_month_becomes_current_and_the_earlier_one_is_kept(
    tmp_path, con, catalogue, known_figures
):
    ingest_return(con, written(tmp_path, catalogue, known_figures, "v1.xlsx"), catalogue, uploaded_by="tester")
    revised = {**known_figures, "WF06": Figure(value=99.0)}
    ingest_return(con, written(tmp_path, catalogue, revised, "v2.xlsx"), catalogue, uploaded_by="tester", reason="fix")
    versions = con.execute("SELECT value FROM kpi_values WHERE kpi_code = 'WF06' ORDER BY submission_id").fetchall()
    assert [v for (v,) in versions] == [known_figures["WF06"].value, 99.0]
    assert current_values(con).set_index("kpi_code").loc["WF06", "value"] == 99.0


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, con, catalogue, known_figures):
    parsed = read_return(written(tmp_path, catalogue, known_figures), catalogue)
    duplicated = ParsedReturn(parsed.file_name, parsed.month, parsed.rows + parsed.rows[-1:])
    with pytest.raises(duckdb.ConstraintException):
        store_return(con, duplicated, "0" * 64, uploaded_by="tester")
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 0


def _edit(path, sheet, cell, value):
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


@pytest.mark.parametrize(
    "sheet, cell, value, rule, location",
    [
        ("Caseloads and workforce", "A5", "ZZ99", "KPI_UNKNOWN", "'Caseloads and workforce'!A5"),
        ("Caseloads and workforce", "D10", "lots", "VALUE_NOT_NUMERIC", "'Caseloads and workforce'!D10"),
        ("Caseloads and workforce", "F7", 0, "DENOMINATOR_ZERO", "'Caseloads and workforce'!F7"),
        ("Cover", "B4", None, "MONTH_MISSING", "'Cover'!B4"),
    ],
)
def test_bad_cells_are_refused_naming_rule_sheet_and_cell_and_nothing_is_written(
    tmp_path, con, catalogue, known_figures, sheet, cell, value, rule, location
):
    path = written(tmp_path, catalogue, known_figures)
    _edit(path, sheet, cell, value)
    with pytest.raises(ReturnRejected) as caught:
        ingest_return(con, path, catalogue, uploaded_by="tester")
    assert [(p.rule, p.location) for p in caught.value.problems] == [(rule, location)]
    assert "return.xlsx was not loaded" in str(caught.value)
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_a_missing_sheet_is_refused(tmp_path, con, catalogue, known_figures):
    from openpyxl import load_workbook

    path = written(tmp_path, catalogue, known_figures)
    workbook = load_workbook(path)
    del workbook["Child protection"]
    workbook.save(path)
    with pytest.raises(ReturnRejected) as caught:
        ingest_return(con, path, catalogue, uploaded_by="tester")
    assert [p.rule for p in caught.value.problems] == ["SHEET_MISSING"]
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 0
