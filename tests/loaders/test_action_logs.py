"""The improvement plan's action log: a corpus of bad and awkward workbooks (each asserting its exact rule codes and
an unchanged database), then loading, revising, rolling back and refusing half-written snapshots."""

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from database.connection import open_store
from domain.brag import Status
from domain.plan import Action
from domain.plan_store import snapshots
from domain.reporting_period import ReportingPeriod
from loaders.action_log_ingest import check_action_log, commit_action_log, ingest_action_log
from loaders.action_log_writer import write_action_log, write_action_log_template
from loaders.ingest import NeedsConfirmation, UploadConflict
from loaders.problems import ReturnRejected
from loaders.return_writer import write_return
from loaders.versions import rollback
from tests.actors import officer
from tests.loaders.conftest import TODAY
from tools.crafted_workbooks import replace_part

SEPTEMBER, OCTOBER = dt.date(2026, 9, 30), dt.date(2026, 10, 31)
SHEET = "Action log"
FIRST = 5  # the first action's row in a written log


def actions(**changes) -> list[Action]:
    base = [
        Action(
            "WS07-01",
            "WS07",
            "Reduce reliance on agency social workers",
            "Director of Workforce",
            "Head of HR",
            dt.date(2023, 1, 1),
            dt.date(2025, 3, 31),
            Status.BLUE,
            100.0,
            ("WF03",),
            "Done.",
        ),
        Action(
            "WS07-02",
            "WS07",
            "International recruitment",
            "Director of Workforce",
            None,
            dt.date(2024, 10, 1),
            dt.date(2026, 6, 30),
            Status.RED,
            50.0,
            ("WF04",),
            "Visa delays.",
        ),
        Action(
            "WS04-01",
            "WS04",
            "Review repeat child protection plans",
            "Head of Service, Child Protection",
            "Safeguarding manager",
            dt.date(2024, 6, 1),
            dt.date(2026, 12, 31),
            Status.AMBER,
            70.0,
            ("CP03",),
            None,
        ),
        Action(
            "WS09-01",
            "WS09",
            "Children's survey every month",
            "Head of Participation",
            None,
            None,
            dt.date(2026, 3, 31),
            Status.GREEN,
            90.0,
            ("QA07", "QA08"),
            "On schedule.",
        ),
    ]
    return [dataclasses.replace(a, **changes.get(a.action_id, {})) for a in base]


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory, catalogue, workstreams):
    """A database holding the September snapshot, built once and copied for each case."""
    folder = tmp_path_factory.mktemp("plan")
    path, log = folder / "plan.duckdb", folder / "september.xlsx"
    write_action_log(log, catalogue, workstreams, SEPTEMBER, actions())
    with open_store(path) as con:
        ingest_action_log(con, log, catalogue, workstreams, uploaded_by=officer("setup"), today=TODAY)
    return path


def state(con):
    return (
        con.execute("SELECT * FROM submissions ORDER BY submission_id").fetchall(),
        con.execute("SELECT * FROM plan_actions ORDER BY submission_id, action_id").fetchall(),
        con.execute("SELECT * FROM current_plan_actions ORDER BY snapshot_month, action_id").fetchall(),
    )


def cell(ref: str, value, number_format: str | None = None, sheet: str = SHEET) -> Callable:
    def change(workbook):
        workbook[sheet][ref] = value
        if number_format:
            workbook[sheet][ref].number_format = number_format

    return change


def cells(*changes) -> Callable:
    def change(workbook):
        for one in changes:
            one(workbook)

    return change


def clear_row(row: int) -> Callable:
    def change(workbook):
        for column in "ABCDEFGHIJK":
            workbook[SHEET][f"{column}{row}"] = None

    return change


def parsed_action(action_id: str, test: Callable) -> Callable:
    return lambda checked: test(next(a for a in checked.parsed.actions if a.action_id == action_id))


@dataclass
class Case:
    name: str
    expected: list[str]
    change: Callable | None = None
    make: Callable | None = None  # writes the whole file instead
    check: Callable | None = None
    as_at: dt.date = OCTOBER


def _delete_sheet(workbook):
    del workbook[SHEET]


def _merge_workstreams(workbook):
    workbook[SHEET]["B6"] = None
    workbook[SHEET].merge_cells("B5:B6")


def _cut_short(path, catalogue, workstreams):
    """The action log with its sheet's XML cut in half, as a failed save or copy leaves it."""
    write_action_log(path, catalogue, workstreams, OCTOBER, actions())
    replace_part(path, "xl/worksheets/sheet2.xml", lambda data: data[: len(data) // 2])  # the Action log, 2nd tab


CASES = [
    Case("a_good_log", []),
    Case("workstream_typed_as_its_name", [], cell("B5", "  workforce: recruitment, retention and CASELOADS ")),
    Case(
        "workstream_merged_across_two_actions",
        [],
        _merge_workstreams,
        check=parsed_action("WS07-02", lambda a: a.workstream == "WS07"),
    ),
    Case("unknown_workstream", ["ACTION_WORKSTREAM_UNKNOWN"], cell("B5", "WS99")),
    Case("missing_action_id", ["ACTION_ID_MISSING"], cell("A6", None)),
    Case("duplicate_action_id", ["ACTION_DUPLICATE"], cell("A6", "WS07-01")),
    Case("missing_action_text", ["ACTION_TEXT_MISSING"], cell("C5", None)),
    Case("missing_senior_officer", ["ACTION_OWNER_MISSING"], cell("D6", "  ")),
    Case("due_date_not_a_date", ["ACTION_DATE_UNREADABLE"], cell("G5", "soon")),
    Case("due_date_missing", ["ACTION_DATE_UNREADABLE"], cell("G7", None)),
    Case("start_date_not_a_date", ["ACTION_DATE_UNREADABLE"], cell("F6", "last year")),
    Case(
        "due_before_start",
        ["ACTION_DATES_REVERSED"],
        cells(cell("F7", dt.datetime(2026, 1, 1)), cell("G7", "31/12/2025")),
    ),
    Case(
        "dates_typed_as_text",
        [],
        cells(cell("F7", "1st June 2024"), cell("G7", "Dec-26")),
        check=parsed_action(
            "WS04-01", lambda a: a.due_date == dt.date(2026, 12, 31) and a.start_date == dt.date(2024, 6, 1)
        ),
    ),
    Case("status_unknown", ["ACTION_STATUS_UNKNOWN"], cell("H6", "Purple")),
    Case("status_missing", ["ACTION_STATUS_UNKNOWN"], cell("H6", None)),
    Case(
        "status_as_meaning_or_letter",
        [],
        cells(cell("H7", "At Risk"), cell("H6", "r")),
        check=lambda checked: [a.status for a in checked.parsed.actions][1:3] == [Status.RED, Status.AMBER],
    ),
    Case("percent_over_100", ["ACTION_PERCENT_INVALID"], cell("I6", 150)),
    Case("percent_not_a_number", ["ACTION_PERCENT_INVALID"], cell("I6", "half")),
    Case(
        "percent_typed_with_sign",
        [],
        cell("I6", "55%"),
        check=parsed_action("WS07-02", lambda a: a.percent_complete == 55),
    ),
    Case(
        "percent_formatted_as_percent",
        [],
        cell("I6", 0.55, "0%"),
        check=parsed_action("WS07-02", lambda a: a.percent_complete == 55),
    ),
    Case(
        "percent_as_a_bare_fraction",
        ["PERCENT_AMBIGUOUS"],
        cell("I6", 0.55),
        check=parsed_action("WS07-02", lambda a: a.percent_complete == 55),
    ),
    Case("impact_kpi_unknown", ["ACTION_KPI_UNKNOWN"], cell("J6", "WF04, XX99")),
    Case(
        "impact_kpis_with_mixed_separators",
        [],
        cell("J8", "qa07;  QA08 / cp03"),
        check=parsed_action("WS09-01", lambda a: a.impact_kpis == ("QA07", "QA08", "CP03")),
    ),
    Case("no_impact_kpi", ["ACTION_NO_IMPACT_KPI"], cell("J6", None)),
    Case("phone_number_in_update", ["ACTION_PERSONAL_DATA"], cell("K6", "Ring 01432 260000 for details")),
    Case("email_in_action", ["ACTION_PERSONAL_DATA"], cell("C6", "Recruit via jo.bloggs@example.gov.uk")),
    Case("pupil_number_in_update", ["ACTION_PERSONAL_DATA"], cell("K6", "School move agreed for A801200001001")),
    Case("nhs_number_in_update", ["ACTION_PERSONAL_DATA"], cell("K6", "Health assessment booked, NHS 9434765919")),
    Case("dates_in_an_update_are_fine", [], cell("K6", "Agreed on 12/10/2026; next review 1 March 2027.")),
    Case("dates_are_fine_in_updates", [], cell("K6", "Approved by the board on 14/03/2026.")),
    Case("update_too_long", ["ACTION_TEXT_TOO_LONG"], cell("K6", "word " * 250)),
    Case(
        "blue_but_not_complete",
        ["ACTION_COMPLETE_MISMATCH"],
        cell("I5", 80),
        check=lambda c: next(p.message for p in c.warnings if "is Blue" in p.message).endswith(
            "is Blue (complete) but 80% complete"
        ),
    ),
    Case(  # the status as typed ("blue") was repeated: "is Blue (blue)"
        "blue_typed_in_lower_case_but_not_complete",
        ["ACTION_COMPLETE_MISMATCH"],
        cells(cell("H5", "blue"), cell("I5", 80)),
        check=lambda c: any(p.message.endswith("is Blue (complete) but 80% complete") for p in c.warnings),
    ),
    Case("complete_but_not_blue", ["ACTION_COMPLETE_MISMATCH"], cell("I6", 100)),
    Case("action_removed_since_last_snapshot", ["ACTION_REMOVED"], clear_row(8)),
    Case("blank_rows_and_a_title_above", [], lambda wb: wb[SHEET].insert_rows(1, 3)),
    Case(
        "headings_renamed_to_common_synonyms",
        [],
        cells(cell("D4", "SRO"), cell("H4", "RAG"), cell("G4", "Deadline"), cell("I4", "Percent complete")),
    ),
    Case("snapshot_date_missing", ["SNAPSHOT_DATE_MISSING"], cell("B4", None, sheet="Cover")),
    Case("snapshot_date_unreadable", ["SNAPSHOT_DATE_UNREADABLE"], cell("B4", "end of autumn", sheet="Cover")),
    Case("snapshot_date_in_the_future", ["SNAPSHOT_DATE_FUTURE"], cell("B4", dt.datetime(2027, 1, 31), sheet="Cover")),
    Case(
        "snapshot_date_typed_as_text",
        [],
        cell("B4", "31/10/2026", sheet="Cover"),
        check=lambda checked: checked.parsed.as_at == OCTOBER,
    ),
    Case("snapshot_for_a_month_already_loaded", ["SNAPSHOT_ALREADY_LOADED"], as_at=dt.date(2026, 9, 15)),
    Case("action_log_sheet_missing", ["SHEET_MISSING"], _delete_sheet),
    Case("a_required_column_missing", ["COLUMN_MISSING"], cell("H4", None)),
    Case("no_heading_row", ["TABLE_MISSING"], cells(*(cell(f"{c}4", None) for c in "ABCDEFGHIJK"))),
    Case("no_actions", ["NO_ACTIONS"], cells(*(clear_row(r) for r in range(5, 9)))),
    Case("an_extra_sheet", ["SHEET_UNKNOWN"], lambda wb: wb.create_sheet("My notes").append(["Checked: JS"])),
    Case("an_extra_sheet_left_empty", [], lambda wb: wb.create_sheet("Sheet1")),  # nothing in it to lose
    Case("formula_without_a_saved_result", ["FORMULA_NO_VALUE"], cell("I6", "=40+10")),
    Case(
        "a_monthly_return_uploaded_here",
        ["WRONG_KIND_OF_FILE"],
        make=lambda path, catalogue, workstreams: write_return(path, catalogue, dt.date(2026, 10, 1)),
    ),
    Case(
        "a_sheet_cut_short",
        ["FILE_CORRUPT"],
        make=_cut_short,
        check=lambda checked: [p.sheet for p in checked.all_problems] == [SHEET],
    ),
    Case(
        "a_text_file_named_xlsx",
        ["FILE_NOT_EXCEL"],
        make=lambda path, catalogue, workstreams: path.write_text("Action ID,Workstream\n"),
    ),
]


def build(case: Case, folder, catalogue, workstreams):
    """Write the case's workbook into the folder; returns its path."""
    path = folder / f"{case.name}.xlsx"
    if case.make:
        case.make(path, catalogue, workstreams)
    else:
        write_action_log(path, catalogue, workstreams, case.as_at, actions())
        if case.change:
            workbook = load_workbook(path)
            case.change(workbook)
            workbook.save(path)
    return path


def test_the_corpus_is_large_enough():
    assert len([c for c in CASES if c.expected]) >= 15
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_or_awkward_action_log(case, tmp_path, plan_db, catalogue, workstreams):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    path = build(case, tmp_path, catalogue, workstreams)
    with open_store(db) as con:
        before = state(con)
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
        assert sorted({p.rule for p in checked.all_problems}) == case.expected, [str(p) for p in checked.all_problems]
        if case.check:
            assert case.check(checked)
        assert state(con) == before


def test_problems_name_the_sheet_and_cell(tmp_path, plan_db, catalogue, workstreams):
    path = tmp_path / "october.xlsx"
    write_action_log(path, catalogue, workstreams, OCTOBER, actions())
    workbook = load_workbook(path)
    workbook[SHEET]["H6"] = "Purple"
    workbook.save(path)
    with open_store(plan_db) as con:
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
    assert [str(p) for p in checked.errors] == [
        "ACTION_STATUS_UNKNOWN 'Action log'!H6 'Purple' is not Blue, Green, Amber or Red"
    ]


def check_october_and_september(tmp_path, plan_db, written_with, checked_with):
    """The standard actions written as October's and September's logs with one catalogue and workstream list
    (`written_with`), and checked against another (`checked_with`): a refreshed plan."""
    checks = []
    for as_at in (OCTOBER, SEPTEMBER):
        path = tmp_path / f"{as_at:%B}.xlsx"
        write_action_log(path, *written_with, as_at, actions())
        with open_store(plan_db) as con:
            checks.append(check_action_log(con, path, *checked_with, today=TODAY))
    return checks


def test_an_action_for_a_workstream_the_plan_has_closed_is_refused_naming_its_cell(
    tmp_path, plan_db, catalogue, workstreams
):
    """WS09 closed after September 2026 (reported_until): October's log may not give it actions; September's may."""
    closed = dict(workstreams)
    closed["WS09"] = dataclasses.replace(workstreams["WS09"], period=ReportingPeriod(last=dt.date(2026, 9, 1)))
    refused, accepted = check_october_and_september(tmp_path, plan_db, (catalogue, workstreams), (catalogue, closed))
    row = FIRST + [a.action_id for a in actions()].index("WS09-01")
    assert [(p.rule, p.sheet, p.cell, p.message) for p in refused.errors] == [
        (
            "ACTION_WORKSTREAM_NOT_IN_PLAN",
            SHEET,
            f"B{row}",
            "WS09 is in the plan until September 2026, and this log is for October 2026: take its actions out of the "
            "log, or, if the plan still has it, change its months in the plan (data/workstreams.toml)",
        )
    ]
    assert accepted.errors == []


def test_an_impact_kpi_the_plan_no_longer_reports_is_a_warning_naming_its_cell(
    tmp_path, plan_db, catalogue, workstreams
):
    """CP03 is reported until September 2026: an October action that names it is loadable, once confirmed, but the
    officer is told its impact will not be shown; a September action naming it is not warned about."""
    dropped = dataclasses.replace(
        catalogue, kpis={**catalogue.kpis, "CP03": dataclasses.replace(catalogue["CP03"], reported_until=SEPTEMBER)}
    )
    warned, quiet = check_october_and_september(tmp_path, plan_db, (catalogue, workstreams), (dropped, workstreams))
    row = FIRST + [a.action_id for a in actions()].index("WS04-01")
    assert warned.errors == []
    assert [(p.rule, p.sheet, p.cell, p.message) for p in warned.warnings] == [
        (
            "ACTION_KPI_NOT_REPORTED",
            SHEET,
            f"J{row}",
            "CP03 is reported until September 2026, and this log is for October 2026, so WS04-01's impact on it is "
            "not shown: name a KPI the plan reports now",
        )
    ]
    assert [p.rule for p in quiet.all_problems] == []


def test_the_lists_sheet_offers_the_kpis_reported_in_the_logs_month(tmp_path, catalogue, workstreams):
    dropped = dataclasses.replace(
        catalogue, kpis={**catalogue.kpis, "CP03": dataclasses.replace(catalogue["CP03"], reported_until=SEPTEMBER)}
    )
    listed = {}
    for as_at in (SEPTEMBER, OCTOBER):
        path = tmp_path / f"{as_at:%m}.xlsx"
        write_action_log(path, dropped, workstreams, as_at, actions())
        sheet = load_workbook(path)["Lists"]
        listed[as_at] = [row[0] for row in sheet.iter_rows(min_row=2, min_col=4, max_col=4, values_only=True) if row[0]]
    assert listed[SEPTEMBER] == [kpi.code for kpi in catalogue]
    assert listed[OCTOBER] == [kpi.code for kpi in catalogue if kpi.code != "CP03"]


def test_a_good_log_is_stored_as_a_dated_snapshot_and_previewed_against_the_last(
    tmp_path, plan_db, catalogue, workstreams
):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    path = tmp_path / "october.xlsx"
    october = actions(**{"WS04-01": {"status": Status.RED}})
    write_action_log(path, catalogue, workstreams, OCTOBER, october)
    with open_store(db) as con:
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
        assert [(c.action_id, c.kind) for c in checked.changes if c.kind != "unchanged"] == [("WS04-01", "changed")]
        outcome = commit_action_log(con, checked, uploaded_by=officer("Programme office"))
        stored = snapshots(con)
        record = con.execute(
            "SELECT kind, first_month, row_count, uploaded_by FROM submissions WHERE submission_id = ?",
            [outcome.submission_id],
        ).fetchone()
    assert [s.as_at for s in stored] == [SEPTEMBER, OCTOBER]
    assert list(stored[-1].actions) == october
    assert record == ("action_log", dt.date(2026, 10, 1), 4, "Programme office")


def test_loading_the_same_file_twice_changes_nothing(tmp_path, plan_db, catalogue, workstreams):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    path = tmp_path / "october.xlsx"
    write_action_log(path, catalogue, workstreams, OCTOBER, actions())
    with open_store(db) as con:
        first = ingest_action_log(con, path, catalogue, workstreams, officer("officer"), today=TODAY)
        before = state(con)
        again = ingest_action_log(con, path, catalogue, workstreams, officer("officer"), today=TODAY)
        assert again.already_loaded and again.submission_id == first.submission_id and state(con) == before


def test_a_revision_needs_a_reason_and_rolling_it_back_restores_the_earlier_snapshot(
    tmp_path, plan_db, catalogue, workstreams
):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    path = tmp_path / "september_again.xlsx"
    revised = actions(**{"WS07-02": {"status": Status.AMBER, "update": "Six arrived."}})
    write_action_log(path, catalogue, workstreams, SEPTEMBER, revised)
    with open_store(db) as con:
        original = snapshots(con)
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
        assert checked.is_revision and [p.rule for p in checked.errors] == ["SNAPSHOT_ALREADY_LOADED"]
        with pytest.raises(ReturnRejected):
            commit_action_log(con, checked, officer("officer"))
        outcome = commit_action_log(con, checked, officer("officer"), reason="status of WS07-02 corrected")
        assert outcome.is_revision and list(snapshots(con)[0].actions) == revised
        assert len(snapshots(con)) == 1  # still one snapshot for September: the revision replaced it
        rollback(con, outcome.submission_id, officer("officer"))
        assert snapshots(con) == original
        assert con.execute("SELECT count(*) FROM plan_actions").fetchone() == (8,)  # nothing deleted


def test_warnings_must_be_confirmed(tmp_path, plan_db, catalogue, workstreams):
    path = tmp_path / "october.xlsx"
    write_action_log(path, catalogue, workstreams, OCTOBER, actions(**{"WS07-02": {"impact_kpis": ()}}))
    with open_store(plan_db) as con:
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
        before = state(con)
        with pytest.raises(NeedsConfirmation):
            commit_action_log(con, checked, officer("officer"))
        assert state(con) == before


def test_a_snapshot_loaded_for_the_month_meanwhile_is_a_conflict(tmp_path, plan_db, catalogue, workstreams):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    mine, theirs = tmp_path / "mine.xlsx", tmp_path / "theirs.xlsx"
    write_action_log(mine, catalogue, workstreams, OCTOBER, actions())
    write_action_log(theirs, catalogue, workstreams, OCTOBER, actions(**{"WS07-02": {"percent_complete": 55.0}}))
    with open_store(db) as con:
        checked_mine = check_action_log(con, mine, catalogue, workstreams, today=TODAY)
        ingest_action_log(con, theirs, catalogue, workstreams, officer("someone else"), today=TODAY)
        before = state(con)
        with pytest.raises(UploadConflict):
            commit_action_log(con, checked_mine, officer("officer"))
        assert state(con) == before


def test_a_revision_checked_before_another_revision_cannot_commit_over_it(tmp_path, plan_db, catalogue, workstreams):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    first, mine, theirs = (tmp_path / f"{name}.xlsx" for name in ("first", "mine", "theirs"))
    write_action_log(first, catalogue, workstreams, OCTOBER, actions())
    write_action_log(mine, catalogue, workstreams, OCTOBER, actions(**{"WS07-02": {"percent_complete": 60.0}}))
    write_action_log(theirs, catalogue, workstreams, OCTOBER, actions(**{"WS07-02": {"percent_complete": 55.0}}))
    with open_store(db) as con:
        ingest_action_log(con, first, catalogue, workstreams, officer(), today=TODAY)
        stale = check_action_log(con, mine, catalogue, workstreams, reason="mine", today=TODAY)
        ingest_action_log(con, theirs, catalogue, workstreams, officer("someone else"), reason="theirs", today=TODAY)
        before = state(con)
        with pytest.raises(UploadConflict):
            commit_action_log(con, stale, officer("officer"))
        assert state(con) == before


def test_a_failure_part_way_through_the_commit_writes_nothing(tmp_path, plan_db, catalogue, workstreams):
    db = tmp_path / "db.duckdb"
    shutil.copy(plan_db, db)
    path = tmp_path / "october.xlsx"
    write_action_log(path, catalogue, workstreams, OCTOBER, actions())
    with open_store(db) as con:
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
        # The last action breaks the table's status rule, after the submission and earlier actions are inserted.
        checked.parsed.actions[-1] = dataclasses.replace(checked.parsed.actions[-1], status=Status.NOT_RATED)
        before = state(con)
        with pytest.raises(Exception, match=r"(?i)constraint"):
            commit_action_log(con, checked, officer("officer"))
        assert state(con) == before


def test_the_template_comes_from_the_workstream_list_and_the_catalogue(tmp_path, catalogue, workstreams):
    path = tmp_path / "template.xlsx"
    write_action_log_template(path, catalogue, workstreams)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Cover", SHEET, "Lists"]
    sheet = workbook[SHEET]
    assert [c.value for c in sheet[4]] == [
        "Action ID",
        "Workstream",
        "Action",
        "Senior responsible officer",
        "Lead officer",
        "Start date",
        "Due date",
        "BRAG status",
        "% complete",
        "Impact KPIs",
        "Update",
    ]
    assert sheet.protection.sheet and not sheet["A5"].protection.locked and sheet["A4"].protection.locked
    lists = workbook["Lists"]
    assert [lists.cell(r, 1).value for r in range(2, len(workstreams) + 2)] == list(workstreams)
    assert [lists.cell(r, 4).value for r in range(2, len(catalogue) + 2)] == [k.code for k in catalogue]
    validations = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations["H"] == '"Blue,Green,Amber,Red"' and validations["B"].startswith("'Lists'!$A$2")


def test_the_lists_offer_the_workstreams_in_the_plan_in_the_months_a_log_is_for(tmp_path, catalogue, workstreams):
    """WS09 closed after September 2026: a template made in November offers it no more (its months are October and
    November); September's log still does, and WS10, added from November, is offered only from then."""
    changed = dict(workstreams)
    changed["WS09"] = dataclasses.replace(workstreams["WS09"], period=ReportingPeriod(last=dt.date(2026, 9, 1)))
    changed["WS10"] = dataclasses.replace(workstreams["WS10"], period=ReportingPeriod(first=dt.date(2026, 11, 1)))

    def listed(path) -> list[str]:
        lists = load_workbook(path)["Lists"]
        return [lists.cell(r, 1).value for r in range(2, lists.max_row + 1) if lists.cell(r, 1).value]

    template, september = tmp_path / "template.xlsx", tmp_path / "september.xlsx"
    write_action_log_template(template, catalogue, changed, today=TODAY)
    write_action_log(september, catalogue, changed, SEPTEMBER, actions())
    assert listed(template) == [code for code in workstreams if code != "WS09"]
    assert listed(september) == [code for code in workstreams if code != "WS10"]


def test_a_filled_in_template_loads(tmp_path, catalogue, workstreams):
    path = tmp_path / "filled.xlsx"
    write_action_log_template(path, catalogue, workstreams)
    workbook = load_workbook(path)
    workbook["Cover"]["B4"] = dt.datetime(2026, 10, 31)
    for column, value in zip(
        "ABCDGHIJ",
        ["WS01-01", "WS01", "Relaunch the MASH", "Service Director", dt.datetime(2027, 3, 31), "Green", 20, "FD04"],
        strict=True,
    ):
        workbook[SHEET][f"{column}5"] = value
    workbook.save(path)
    with open_store(tmp_path / "db.duckdb") as con:
        outcome = ingest_action_log(con, path, catalogue, workstreams, officer("officer"), today=TODAY)
        assert outcome.value_count == 1 and snapshots(con)[0].actions[0].impact_kpis == ("FD04",)
