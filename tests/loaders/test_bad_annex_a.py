"""A corpus of bad Annex A workbooks: each is refused with its rule code, naming the list and the cell, and the
database is left exactly as it was."""

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from loaders.annex_a_ingest import check_annex_a, commit_annex_a
from loaders.problems import ReturnRejected
from tests.actors import officer
from tools.synthetic_annex_a import generate, write_workbook

TODAY = dt.date(2026, 12, 2)


def _edit(path, sheet: str, change):
    book = load_workbook(path)
    change(book[sheet] if sheet else book)
    book.save(path)


def _header_column(ws, heading: str) -> int:
    return next(c.column for c in ws[1] if c.value == heading)


def _set(heading: str, value, row: int = 2):
    def change(ws):
        ws.cell(row, _header_column(ws, heading)).value = value  # (cell(..., None) would leave it)

    return change


def _delete_column(heading: str):
    def change(ws):
        ws.delete_cols(_header_column(ws, heading))

    return change


def _rename(old: str, new: str):
    def change(ws):
        ws.cell(1, _header_column(ws, old), new)

    return change


def _duplicate_row(row: int = 2):
    def change(ws):
        ws.append([c.value for c in ws[row]])

    return change


def _only_other_sheets(book):
    for name in list(book.sheetnames):
        book[name].title = f"Sheet {name[-1]}"


def _second_list_3(book):
    copy = book.copy_worksheet(book["List 3"])
    copy.title = "L3 referrals"


def _no_dates(book):
    for name in ("List 1", "List 3", "List 4", "List 5"):
        ws = book[name]
        for column in range(1, ws.max_column + 1):
            if "date" in str(ws.cell(1, column).value).lower() or "authoris" in str(ws.cell(1, column).value).lower():
                for row in range(2, ws.max_row + 1):
                    ws.cell(row, column).value = None


# (name, sheet, change, rule, cell or None)
CORPUS = [
    ("a date that is not a date", "List 1", _set("Date of Contact", "31/02/2026"), "ANNEX_DATE_INVALID", "B2"),
    ("a date as words", "List 3", _set("Date of Referral", "last Tuesday"), "ANNEX_DATE_INVALID", "B2"),
    (
        "a date after today",
        "List 4",
        _set("Continuous Assessment Date of Authorisation", dt.datetime(2027, 1, 5)),
        "ANNEX_DATE_FUTURE",
        None,
    ),
    (
        "an assessment authorised before it started",
        "List 4",
        _set("Continuous Assessment Date of Authorisation", dt.datetime(2001, 1, 1)),
        "ANNEX_END_BEFORE_START",
        "A2",
    ),
    (
        "a plan ending before it started",
        "List 7",
        _set("Child Protection Plan End Date", dt.datetime(2001, 1, 1)),
        "ANNEX_END_BEFORE_START",
        "A2",
    ),
    (
        "a conference before its enquiry",
        "List 5",
        _set("Date of Initial Child Protection Conference", dt.datetime(2001, 1, 1)),
        "ANNEX_END_BEFORE_START",
        "A2",
    ),
    (
        "care ceasing before it started",
        "List 8",
        _set("Date Ceased to be Looked After", dt.datetime(2001, 1, 1)),
        "ANNEX_END_BEFORE_START",
        "A2",
    ),
    (
        "a count of placements in words",
        "List 8",
        _set("Number of Placements in the Last 12 months", "three"),
        "ANNEX_NUMBER_INVALID",
        None,
    ),
    (
        "a negative number of previous plans",
        "List 7",
        _set("Number of Previous Child Protection Plans", -1),
        "ANNEX_NUMBER_INVALID",
        None,
    ),
    ("a row with no child identifier", "List 3", _set("Child Unique ID", None), "ANNEX_ID_MISSING", "A2"),
    ("the referral date column missing", "List 3", _delete_column("Date of Referral"), "ANNEX_COLUMN_MISSING", None),
    (
        "the plan start column renamed to something unknown",
        "List 7",
        _rename("Child Protection Plan Start Date", "Plan began"),
        "ANNEX_COLUMN_MISSING",
        None,
    ),
    (
        "two columns for the same field",
        "List 1",
        _rename("Child Unique ID", "Contact Date"),
        "ANNEX_COLUMN_DUPLICATE",
        None,
    ),
    ("the same period of care twice", "List 8", _duplicate_row(), "ANNEX_ROW_DUPLICATE", None),
    ("the same plan twice", "List 7", _duplicate_row(), "ANNEX_ROW_DUPLICATE", None),
    ("no sheet is a list", None, _only_other_sheets, "ANNEX_NO_LISTS", None),
    ("two sheets hold List 3", None, _second_list_3, "ANNEX_LIST_DUPLICATE", None),
    ("no event dates at all", None, _no_dates, "ANNEX_NO_DATES", None),
]


def _database_state(con) -> list:
    state = []
    for (table,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall():
        state.append((table, con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()))  # noqa: S608
    return state


@pytest.fixture(scope="module")
def good_workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("annex") / "good.xlsx"
    write_workbook(generate(dt.date(2026, 10, 1), 71), path)
    return path


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 15 and len({case[3] for case in CORPUS}) >= 11


@pytest.mark.parametrize(("name", "sheet", "change", "rule", "cell"), CORPUS, ids=[case[0] for case in CORPUS])
def test_a_bad_annex_a_is_refused_with_its_rule_and_changes_nothing(
    name, sheet, change, rule, cell, good_workbook, tmp_path, con, catalogue
):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(good_workbook.read_bytes())
    _edit(path, sheet, change)
    before = _database_state(con)
    checked = check_annex_a(con, path, catalogue, file_name="bad.xlsx", today=TODAY)
    found = [p for p in checked.errors if p.rule == rule]
    assert found, f"{name}: expected {rule}, got {[str(p) for p in checked.all_problems][:5]}"
    if sheet:
        assert found[0].sheet == sheet
    if cell:
        assert found[0].cell == cell
    with pytest.raises(ReturnRejected):
        commit_annex_a(con, checked, officer(), confirm_warnings=True)
    assert _database_state(con) == before


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, con, catalogue):
    path = tmp_path / "lists.xlsx"
    path.write_bytes(b"Child Unique ID,Date of Contact\n1,2026-10-01\n")
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    assert {p.rule for p in checked.errors} == {"FILE_NOT_EXCEL"}


def test_a_message_never_shows_what_a_personal_field_holds(tmp_path, con, catalogue, good_workbook):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(good_workbook.read_bytes())
    _edit(path, "List 8", _set("Date of Birth", "13th of May"))
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    problem = next(p for p in checked.errors if p.rule == "ANNEX_DATE_INVALID")
    assert "13th of May" not in problem.message and "Date of Birth" in problem.message


def test_an_empty_workbook_has_no_lists(tmp_path, con, catalogue):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    assert "ANNEX_NO_LISTS" in {p.rule for p in checked.errors}
