"""A corpus of bad and awkward monthly returns, generated here. Each case checks the file (the same check the app's
upload page runs), asserts the exact rule codes reported, and asserts the database is exactly as it was."""

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from database.connection import open_store
from domain.store import current_values
from domain.units import UNITS
from domain.workstreams import load_workstreams
from loaders import file_checks
from loaders.action_log_writer import write_action_log
from loaders.ingest import check_upload, ingest_return
from loaders.return_writer import Figure, Statement, write_backfill, write_return
from loaders.rules import RULES
from tests.actors import officer
from tests.conftest import ROOT
from tests.loaders.conftest import MONTH, TEAMS, TODAY
from tools.crafted_workbooks import replace_part

WORKFORCE = "Caseloads and workforce"
CODE, TITLE, VALUE, NUMERATOR, DENOMINATOR, COMMENTARY, PUBLIC = "A", "B", "D", "E", "F", "G", "H"
HISTORY = [dt.date(2025, m, 1) for m in range(2, 9)]  # February to August 2025 are loaded before each case


def complete_figures(catalogue):
    """A healthy return: every rated KPI exactly at its target (Green), context measures at made-up levels."""
    figures = {}
    for number, kpi in enumerate(catalogue, start=1):
        if kpi.from_teams:
            continue
        value = kpi.target if kpi.is_rated else float(number * 10)
        if kpi.is_ratio:
            denominator = 100.0
            figures[kpi.code] = Figure(numerator=value * denominator / UNITS[kpi.unit].scale, denominator=denominator)
        else:
            figures[kpi.code] = Figure(value=value)
    figures["FD01"] = Figure(value=2440.0)  # contacts: big enough to need a thousands separator
    return figures


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory, catalogue):
    """A database holding seven months of returns, built once and copied for each case."""
    folder = tmp_path_factory.mktemp("history")
    path = folder / "history.duckdb"
    with open_store(path) as con:
        for month in HISTORY:
            workbook = folder / f"{month:%Y-%m}.xlsx"
            write_return(workbook, catalogue, month, complete_figures(catalogue), teams=TEAMS)
            ingest_return(con, workbook, catalogue, uploaded_by=officer("setup"), today=TODAY)
    return path


def row_of(catalogue, code):
    """The sheet and row of a KPI in a return written by the writer."""
    kpi = catalogue[code]
    return catalogue.topics[kpi.topic], 5 + [k.code for k in catalogue.in_topic(kpi.topic)].index(code)


def edit(path, change: Callable):
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)


def set_cell(catalogue, code, column, value):
    def change(workbook):
        sheet, row = row_of(catalogue, code)
        workbook[sheet][f"{column}{row}"] = value

    return change


def set_cells(*changes):
    def change(workbook):
        for one in changes:
            one(workbook)

    return change


def at(sheet, cell, value):
    def change(workbook):
        workbook[sheet][cell] = value

    return change


def append_row(sheet, values):
    def change(workbook):
        workbook[sheet].append(values)

    return change


def delete_row(catalogue, code):
    def change(workbook):
        sheet, row = row_of(catalogue, code)
        workbook[sheet].delete_rows(row)

    return change


def raw_file(content: bytes):
    def make(path, catalogue):
        path.write_bytes(content)

    return make


def zip_file(parts: dict[str, bytes]):
    def make(path, catalogue):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    return make


def with_extra_part(name: str, data: bytes):
    """A valid return with one more part added to its zip."""

    def make(path, catalogue):
        write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, data)

    return make


def replaced_part(name: str, change: Callable[[bytes], bytes], edited: Callable | None = None):
    """A valid return with one part rewritten by `change` (as a tool other than Excel might), after an openpyxl
    edit if `edited` is given: (catalogue) -> change(workbook), as a Case's `change`."""

    def make(path, catalogue):
        write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
        if edited:
            edit(path, edited(catalogue))
        replace_part(path, name, change)

    return make


def in_utf16(codec: str) -> Callable[[bytes], bytes]:
    """An XML part re-encoded by `codec` ("utf-16" writes a byte-order mark, "utf-16-le" and "-be" do not), its
    declaration saying UTF-16."""

    def replace(data: bytes) -> bytes:
        return re.sub(r'encoding="[^"]*"', 'encoding="UTF-16"', data.decode("utf-8"), count=1).encode(codec)

    return replace


def with_prefixed_tags(data: bytes) -> bytes:
    """A sheet part written with a prefix on every element of the main namespace (<x:c>, not <c>), as XML allows and
    some tools other than Excel write."""
    text = re.sub(r"<(/?)(\w+)(?=[\s/>])", r"<\1x:\2", data.decode("utf-8"))
    return text.replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
    ).encode("utf-8")


BILLION_LAUGHS = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
OLE = file_checks.OLE_SIGNATURE


@dataclass
class Case:
    name: str
    expected: list[str]  # the distinct rule codes reported, sorted
    change: Callable | None = None  # edits a good return in place: (catalogue) -> change(workbook)
    make: Callable | None = None  # writes the whole file: (path, catalogue)
    file_name: str = "return.xlsx"
    month: dt.date = MONTH
    check: Callable | None = None  # further assertions on the checked upload: (checked, catalogue)


def value_of(code):
    def check(checked, catalogue):
        return {r.kpi_code: r.value for r in checked.parsed.rows}[code]

    return check


CASES = [
    # --- rows and KPIs
    Case("unknown_kpi_code", ["KPI_UNKNOWN"], lambda c: append_row(WORKFORCE, ["ZZ99", "Made-up measure", None, 4])),
    Case("required_kpi_missing", ["KPI_MISSING"], lambda c: delete_row(c, "WF06")),
    Case(
        "duplicate_row_different_values",
        ["KPI_DUPLICATE"],
        lambda c: append_row(
            WORKFORCE, ["WF06", "Newly qualified social workers recruited (rolling 12 months)", None, 999]
        ),
    ),
    Case("figures_without_code_or_title", ["KPI_UNKNOWN"], lambda c: append_row(WORKFORCE, [None, None, None, 12])),
    Case(
        "code_and_title_disagree",
        ["KPI_CODE_TITLE_CONFLICT", "KPI_MISSING"],
        lambda c: set_cell(c, "WF04", TITLE, c["WF03"].title),
    ),
    Case("commentary_too_long", ["COMMENTARY_TOO_LONG"], lambda c: set_cell(c, "WF06", COMMENTARY, "x" * 2001)),
    Case(
        "commentary_with_an_nhs_number",
        ["COMMENTARY_PERSONAL_DATA"],
        lambda c: set_cell(c, "WF06", COMMENTARY, "Up by a sibling group of 3 (eldest 943 476 5919)."),
        check=lambda checked, c: (
            [(p.sheet, p.cell) for p in checked.errors]
            == [(row_of(c, "WF06")[0], f"{COMMENTARY}{row_of(c, 'WF06')[1]}")]
        ),
    ),
    Case(
        "public_commentary_counting_three_children",
        ["COMMENTARY_SMALL_NUMBER"],
        lambda c: set_cells(
            set_cell(c, "WF06", COMMENTARY, "Up because 3 children in one sibling group came into care."),
            set_cell(c, "WF06", PUBLIC, "Yes"),
        ),
        check=lambda checked, c: (
            [(p.message, p.cell) for p in checked.warnings]
            == [
                (
                    "the commentary is marked public and mentions '3 children'; the public view hides counts of "
                    "children from 1 to 4: reword it (for example 'fewer than 5'), or keep it for members",
                    f"{COMMENTARY}{row_of(c, 'WF06')[1]}",
                )
            ]
        ),
    ),
    Case(
        "members_only_commentary_may_count_three_children",
        [],
        lambda c: set_cell(c, "WF06", COMMENTARY, "Up because 3 children in one sibling group came into care."),
    ),
    Case(
        "commentary_with_a_phone_number",
        ["COMMENTARY_PERSONAL_DATA"],
        lambda c: set_cell(c, "WF04", COMMENTARY, "Ask the recruitment team on 01432 260000."),
    ),
    # --- values
    Case("value_not_a_number", ["VALUE_NOT_NUMERIC"], lambda c: set_cell(c, "WF06", VALUE, "lots")),
    Case("value_is_a_date", ["VALUE_NOT_NUMERIC"], lambda c: set_cell(c, "WF06", VALUE, dt.datetime(2025, 9, 1))),
    Case("negative_count", ["VALUE_NEGATIVE"], lambda c: set_cell(c, "WF06", VALUE, -3)),
    Case("negative_numerator", ["VALUE_NEGATIVE"], lambda c: set_cell(c, "WF03", NUMERATOR, -1)),
    Case("count_not_whole", ["VALUE_NOT_WHOLE"], lambda c: set_cell(c, "WF06", VALUE, 12.5)),
    Case(
        "percentage_over_100",
        ["PERCENT_OUT_OF_RANGE"],
        lambda c: set_cells(
            set_cell(c, "WF03", NUMERATOR, None),
            set_cell(c, "WF03", DENOMINATOR, None),
            set_cell(c, "WF03", VALUE, 150),
        ),
    ),
    Case(
        "numerator_greater_than_denominator",
        ["NUMERATOR_EXCEEDS_DENOMINATOR"],
        lambda c: set_cell(c, "WF03", NUMERATOR, 200),
    ),
    Case("denominator_zero", ["DENOMINATOR_ZERO"], lambda c: set_cell(c, "WF03", DENOMINATOR, 0)),
    Case("only_a_numerator", ["RATIO_INCOMPLETE"], lambda c: set_cell(c, "WF03", DENOMINATOR, None)),
    Case("typed_value_disagrees_with_ratio", ["VALUE_MISMATCH"], lambda c: set_cell(c, "WF03", VALUE, 50)),
    # a percentage of children needs its parts, or the public view could not hide 1 of 40 (QA02: 2.5%)
    Case(
        "child_percentage_typed_without_its_parts",
        ["RATIO_PARTS_MISSING"],
        lambda c: set_cells(
            set_cell(c, "QA02", NUMERATOR, None),
            set_cell(c, "QA02", DENOMINATOR, None),
            set_cell(c, "QA02", VALUE, 2.5),
        ),
    ),
    Case(
        "child_rate_typed_without_its_parts",
        ["RATIO_PARTS_MISSING"],
        lambda c: set_cells(
            set_cell(c, "CP02", NUMERATOR, None),
            set_cell(c, "CP02", DENOMINATOR, None),
            set_cell(c, "CP02", VALUE, 45.1),
        ),
    ),
    # --- months
    Case("month_in_the_future", ["MONTH_FUTURE"], month=dt.date(2027, 1, 1)),
    Case(
        "month_differs_between_sheets", ["MONTH_MISMATCH"], lambda c: at("Child protection", "B2", dt.date(2025, 8, 1))
    ),
    Case("month_missing", ["MONTH_MISSING"], lambda c: at("Cover", "B4", None)),
    Case("council_unknown", ["COUNCIL_UNKNOWN"], lambda c: at("Cover", "B3", "Herefordshire Fire Service")),
    Case("another_councils_return", ["COUNCIL_NOT_THIS_DASHBOARD"], lambda c: at("Cover", "B3", "Shropshire Council")),
    Case("council_named_by_its_la_code", [], lambda c: at("Cover", "B3", 884)),
    Case("council_left_blank", [], lambda c: at("Cover", "B3", None)),
    Case("month_unreadable", ["MONTH_UNREADABLE"], lambda c: at("Cover", "B4", "soon")),
    Case(
        "month_already_loaded",
        ["MONTH_ALREADY_LOADED"],
        month=dt.date(2025, 8, 1),
        change=lambda c: set_cell(c, "WF06", VALUE, 23),
    ),
    # --- sheets and tables
    Case("topic_sheet_missing", ["SHEET_MISSING"], lambda c: lambda wb: wb.remove(wb["Child protection"])),
    Case("cover_sheet_missing", ["SHEET_MISSING"], lambda c: lambda wb: wb.remove(wb["Cover"])),
    Case("team_sheet_missing", ["SHEET_MISSING"], lambda c: lambda wb: wb.remove(wb["Caseloads by team"])),
    Case(
        "table_headings_removed",
        ["TABLE_MISSING"],
        lambda c: set_cells(at("Child protection", "A4", None), at("Child protection", "B4", None)),
    ),
    # --- team sheet
    Case("team_table_headings_removed", ["TEAM_TABLE_MISSING"], lambda c: at("Caseloads by team", "A4", None)),
    Case("team_name_missing", ["TEAM_NAME_MISSING"], lambda c: at("Caseloads by team", "A5", None)),
    Case("team_figure_missing", ["TEAM_FIGURE_MISSING"], lambda c: at("Caseloads by team", "C6", None)),
    Case("team_figure_not_a_number", ["VALUE_NOT_NUMERIC"], lambda c: at("Caseloads by team", "B5", "ten")),
    Case("team_cases_not_whole", ["VALUE_NOT_WHOLE"], lambda c: at("Caseloads by team", "C5", 160.5)),
    Case(
        "team_more_over_20_than_staff", ["NUMERATOR_EXCEEDS_DENOMINATOR"], lambda c: at("Caseloads by team", "E5", 50)
    ),
    # --- warnings that need confirming
    Case(
        "figure_implausibly_far_from_last_12_months",
        ["VALUE_IMPLAUSIBLE"],
        lambda c: set_cell(c, "FD01", VALUE, 100_000),
    ),
    Case(
        "ambiguous_percentage",
        ["PERCENT_AMBIGUOUS"],
        lambda c: set_cells(
            set_cell(c, "WF03", NUMERATOR, None),
            set_cell(c, "WF03", DENOMINATOR, None),
            set_cell(c, "WF03", VALUE, 0.21),
        ),
        check=lambda checked, c: value_of("WF03")(checked, c) == 21.0,
    ),
    Case(
        "kpi_turns_red_without_commentary",
        ["RED_WITHOUT_COMMENTARY", "VALUE_IMPLAUSIBLE"],
        lambda c: set_cell(c, "WF03", NUMERATOR, 30),
    ),
    Case(
        "kpi_turns_red_with_commentary",
        ["VALUE_IMPLAUSIBLE"],
        lambda c: set_cells(
            set_cell(c, "WF03", NUMERATOR, 30),
            set_cell(c, "WF03", COMMENTARY, "Two teams lost permanent staff; agency cover bridges"),
        ),
    ),
    Case(
        "both_numerator_and_denominator_zero",
        ["NOTHING_TO_MEASURE"],  # a warning, as the registry says: the month shows as No data once confirmed
        lambda c: set_cells(set_cell(c, "WF03", NUMERATOR, 0), set_cell(c, "WF03", DENOMINATOR, 0)),
        check=lambda checked, c: not checked.errors and value_of("WF03")(checked, c) is None,
    ),
    Case(
        "marker_for_missing_figure",
        ["VALUE_MISSING"],
        lambda c: set_cell(c, "WF06", VALUE, "n/a"),
        check=lambda checked, c: value_of("WF06")(checked, c) is None,
    ),
    Case("extra_sheet", ["SHEET_UNKNOWN"], lambda c: lambda wb: wb.create_sheet("My notes").append(["Checked: JS"])),
    Case("extra_sheet_left_empty", [], lambda c: lambda wb: wb.create_sheet("Sheet1")),  # nothing in it to lose
    Case("backfill_with_a_month_twice", ["MONTH_DUPLICATE"], make=lambda path, c: _backfill(path, c, twice=True)),
    Case("backfill_without_month_columns", ["NO_FIGURES"], make=lambda path, c: _backfill(path, c, months=False)),
    Case(
        "an_action_log_uploaded_as_a_return",
        ["WRONG_KIND_OF_FILE"],
        make=lambda path, c: write_action_log(path, c, load_workstreams(ROOT / "data" / "workstreams.toml")),
    ),
    # --- impact statements
    Case(
        "statement_with_a_phone_number",
        ["STATEMENT_PERSONAL_DATA"],
        make=lambda path, c: _with_statement(path, c, Statement("Ring me on 07700 900123 any time.", "WS09")),
    ),
    Case(
        "statement_with_a_date_of_birth_and_postcode",
        ["STATEMENT_PERSONAL_DATA"],
        make=lambda path, c: _with_statement(path, c, Statement("Born 12/03/2015, lives near HR1 2AB.", "WS05")),
    ),
    Case(
        "statement_with_a_unique_pupil_number",
        ["STATEMENT_PERSONAL_DATA"],
        make=lambda path, c: _with_statement(path, c, Statement("My school (A801200001001) helped a lot.", "WS09")),
    ),
    Case(
        "statement_without_consent",
        ["STATEMENT_NO_CONSENT"],
        make=lambda path, c: _with_statement(path, c, Statement("Things got better.", "WS09", consent=False)),
    ),
    Case(
        "statement_for_an_unknown_workstream",
        ["STATEMENT_WORKSTREAM_UNKNOWN"],
        make=lambda path, c: _with_statement(path, c, Statement("Things got better.", "WS99")),
    ),
    Case(
        "statement_too_long",
        ["STATEMENT_TOO_LONG"],
        make=lambda path, c: _with_statement(path, c, Statement("Much better. " * 60, "WS09")),
    ),
    Case(
        "statement_accepted",
        [],
        make=lambda path, c: _with_statement(
            path, c, Statement("We finally felt listened to.", "WS09 Voice", True, True)
        ),
        check=lambda checked, c: (
            [(s.workstream, s.quote, s.is_public) for s in checked.parsed.statements]
            == [("WS09", "We finally felt listened to.", True)]
        ),
    ),
    # --- hostile or unreadable files
    Case("old_xls_file", ["FILE_OLD_FORMAT"], make=raw_file(OLE + b"\x00" * 600), file_name="return.xls"),
    Case(
        "encrypted_workbook",
        ["FILE_ENCRYPTED"],
        make=raw_file(OLE + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64),
    ),
    Case(
        "macro_workbook", ["FILE_MACROS"], make=with_extra_part("xl/vbaProject.bin", b"macro"), file_name="return.xlsm"
    ),
    Case(
        "binary_workbook",
        ["FILE_BINARY_FORMAT"],
        make=zip_file({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"}),
        file_name="return.xlsb",
    ),
    Case("text_renamed_to_xlsx", ["FILE_NOT_EXCEL"], make=raw_file(b"Code,KPI,Value\nWF06,NQSW,12\n")),
    Case("zip_that_is_not_a_workbook", ["FILE_NOT_EXCEL"], make=zip_file({"readme.txt": b"hello"})),
    Case(
        "truncated_workbook",
        ["FILE_CORRUPT"],
        make=lambda path, c: (
            write_return(path, c, MONTH, complete_figures(c), teams=TEAMS),
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        ),
    ),
    Case("empty_file", ["FILE_EMPTY"], make=raw_file(b"")),
    Case("zip_bomb_ratio", ["FILE_ZIP_BOMB"], make=with_extra_part("xl/media/padding.bin", b"\x00" * 30_000_000)),
    Case(
        "zip_bomb_entries",
        ["FILE_ZIP_BOMB"],
        make=zip_file({f"part{n}.xml": b"<a/>" for n in range(file_checks.MAX_ENTRIES + 1)}),
    ),
    Case(
        "xml_entity_expansion",
        ["FILE_XML_ENTITIES"],
        make=replaced_part("xl/workbook.xml", lambda data: BILLION_LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"", data)),
    ),
    Case(
        "sheet_xml_cut_short",
        ["FILE_CORRUPT"],
        make=replaced_part("xl/worksheets/sheet3.xml", lambda data: data[: len(data) // 2]),
        check=lambda checked, c: [p.sheet for p in checked.all_problems] == [WORKFORCE],
    ),
    Case(
        "workbook_part_cut_short",
        ["FILE_CORRUPT"],
        make=replaced_part("xl/workbook.xml", lambda data: data[: len(data) // 2]),
    ),
    Case(
        "xml_entities_in_a_utf16_sheet",
        ["FILE_XML_ENTITIES"],
        make=replaced_part(
            "xl/worksheets/sheet3.xml",
            lambda data: (
                (BILLION_LAUGHS.replace(b'"1.0"', b'"1.0" encoding="UTF-16"') + re.sub(rb"^<\?xml[^>]*\?>", b"", data))
                .decode()
                .encode("utf-16")
            ),
        ),
        check=lambda checked, c: [p.sheet for p in checked.all_problems] == [WORKFORCE],
    ),
    Case("formula_without_saved_result", ["FORMULA_NO_VALUE"], lambda c: set_cell(c, "WF06", VALUE, "=10+2")),
    *[
        Case(
            f"formula_without_saved_result_in_a_{codec.replace('-', '')}_sheet",
            ["FORMULA_NO_VALUE"],
            make=replaced_part(
                "xl/worksheets/sheet3.xml", in_utf16(codec), edited=lambda c: set_cell(c, "WF06", VALUE, "=10+2")
            ),
            check=lambda checked, c: (
                [(p.sheet, p.cell) for p in checked.all_problems] == [(WORKFORCE, f"{VALUE}{row_of(c, 'WF06')[1]}")]
            ),
        )
        for codec in ("utf-16", "utf-16-le", "utf-16-be")
    ],
    Case(
        "formula_without_saved_result_in_a_sheet_with_prefixed_tags",
        ["FORMULA_NO_VALUE"],
        make=replaced_part(
            "xl/worksheets/sheet3.xml", with_prefixed_tags, edited=lambda c: set_cell(c, "WF06", VALUE, "=10+2")
        ),
        check=lambda checked, c: (
            [(p.sheet, p.cell) for p in checked.all_problems] == [(WORKFORCE, f"{VALUE}{row_of(c, 'WF06')[1]}")]
        ),
    ),
    # --- awkward but acceptable: loads with the right figures and no problem at all
    Case(
        "titles_blank_rows_and_columns_above_the_table",
        [],
        lambda c: lambda wb: (wb[WORKFORCE].insert_rows(1, 3), wb[WORKFORCE].insert_cols(1)),
        check=lambda checked, c: value_of("WF06")(checked, c) == complete_figures(c)["WF06"].value,
    ),
    Case(
        "numbers_as_text_with_thousands_separators",
        [],
        lambda c: set_cell(c, "FD01", VALUE, " 2,440 "),
        check=lambda checked, c: value_of("FD01")(checked, c) == 2440.0,
    ),
    Case(
        "title_instead_of_code_with_odd_case_and_spaces",
        [],
        lambda c: set_cells(
            set_cell(c, "WF06", CODE, None),
            set_cell(c, "WF06", TITLE, "  newly QUALIFIED social workers recruited  (rolling 12 months) "),
        ),
    ),
    Case(
        "month_typed_as_text",
        [],
        lambda c: set_cells(
            *(at(s, cell, "Sep-25") for s, cell in [("Cover", "B4")] + [(t, "B2") for t in c.topics.values()])
        ),
    ),
    Case(
        "percentage_typed_with_sign",
        [],
        lambda c: set_cells(
            set_cell(c, "WF03", NUMERATOR, None),
            set_cell(c, "WF03", DENOMINATOR, None),
            set_cell(c, "WF03", VALUE, "21%"),
        ),
        check=lambda checked, c: value_of("WF03")(checked, c) == 21.0,
    ),
    Case(
        "percentage_cell_formatted_as_percent",
        [],
        lambda c: lambda wb: _percent_cell(wb, c),
        check=lambda checked, c: value_of("WF03")(checked, c) == 21.0,
    ),
    Case("merged_cells_in_the_table", [], lambda c: lambda wb: wb[WORKFORCE].merge_cells("G5:H6")),
    # --- sheets that reach far: the reader's work is bounded by the last cell with a value
    Case(
        "formatted_empty_cell_at_the_last_cell",
        [],
        lambda c: lambda wb: _format_only(wb[WORKFORCE]["XFD1048576"]),
        check=lambda checked, c: value_of("WF06")(checked, c) == complete_figures(c)["WF06"].value,
    ),
    Case("a_figure_at_the_last_cell", ["SHEET_TOO_LARGE"], lambda c: at(WORKFORCE, "XFD1048576", 5)),
    Case(
        "a_whole_column_merged",
        ["SHEET_TOO_LARGE"],
        make=lambda path, c: _with_merge(path, c, b'<mergeCell ref="H:H"/>'),
    ),
    Case("a_merge_without_a_reference", ["FILE_CORRUPT"], make=lambda path, c: _with_merge(path, c, b"<mergeCell/>")),
    Case(
        "duplicate_row_same_values",
        [],
        lambda c: append_row(
            WORKFORCE,
            [
                "WF06",
                "Newly qualified social workers recruited (rolling 12 months)",
                None,
                complete_figures(c)["WF06"].value,
            ],
        ),
    ),
]


def _with_statement(path, catalogue, statement):
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS, statements=[statement])


def _backfill(path, catalogue, twice=False, months=True):
    values = {(kpi.code, dt.date(2025, m, 1)): 50.0 for kpi in catalogue for m in (5, 6)} if months else {}
    write_backfill(path, catalogue, values)
    workbook = load_workbook(path)
    if twice:
        workbook["Backfill"]["D4"] = dt.date(2025, 5, 1)
    workbook.save(path)


def _format_only(cell):
    cell.number_format = "0.0"  # a style and no value: saved as an empty cell that still has a place


def _with_merge(path, catalogue, merge: bytes):
    """A return whose workforce sheet has the merge written straight into its XML (openpyxl would refuse it)."""
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
    sheet = sheet_part(path, WORKFORCE)

    def add(data: bytes) -> bytes:
        if b"<mergeCells" in data:
            return data.replace(b"</mergeCells>", merge + b"</mergeCells>")
        return data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merge + b"</mergeCells>")

    replace_part(path, sheet, add)


def sheet_part(path, title: str) -> str:
    """The zip part holding the sheet of that tab name (the writer numbers them in order)."""
    names = load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def _percent_cell(workbook, catalogue):
    sheet, row = row_of(catalogue, "WF03")
    workbook[sheet][f"{NUMERATOR}{row}"] = None
    workbook[sheet][f"{DENOMINATOR}{row}"] = None
    workbook[sheet][f"{VALUE}{row}"] = 0.21
    workbook[sheet][f"{VALUE}{row}"].number_format = "0%"


def build(case: Case, folder, catalogue):
    """Write the case's workbook into the folder; returns its path."""
    path = folder / case.file_name
    if case.make:
        case.make(path, catalogue)
    else:
        write_return(path, catalogue, case.month, complete_figures(catalogue), teams=TEAMS)
        if case.change:
            edit(path, case.change(catalogue))
    return path


def snapshot(con):
    return (
        con.execute("SELECT * FROM submissions ORDER BY submission_id").fetchall(),
        con.execute("SELECT count(*) FROM kpi_values").fetchone(),
        current_values(con).to_dict("records"),
    )


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_or_awkward_workbook(case, tmp_path, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    path = build(case, tmp_path, catalogue)
    with open_store(db) as con:
        before = snapshot(con)
        checked = check_upload(con, path, catalogue, file_name=case.file_name, today=TODAY)
        assert sorted({p.rule for p in checked.all_problems}) == case.expected, [str(p) for p in checked.all_problems]
        for problem in checked.all_problems:
            assert problem.message and problem.rule.isupper()
        if case.check:
            assert case.check(checked, catalogue)
        assert snapshot(con) == before


def test_problems_name_the_file_sheet_and_cell(tmp_path, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    path = tmp_path / "september.xlsx"
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
    edit(path, set_cell(catalogue, "WF06", VALUE, "lots"))
    with open_store(db) as con:
        checked = check_upload(con, path, catalogue, today=TODAY)
    sheet, row = row_of(catalogue, "WF06")
    assert str(checked.errors[0]) == (
        f"VALUE_NOT_NUMERIC '{sheet}'!D{row} WF06 value should be a number, but 'lots' is not a number"
    )
    assert checked.file_name == "september.xlsx"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, catalogue, monkeypatch):
    path = tmp_path / "big.xlsx"
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
    monkeypatch.setattr(file_checks, "MAX_FILE_BYTES", 1000)
    assert [p.rule for p in file_checks.check_file(path)] == ["FILE_TOO_LARGE"]


def test_the_upload_box_and_the_loader_state_the_same_size_limit():
    import tomllib

    from tests.conftest import ROOT

    box_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert box_mb == file_checks.MAX_FILE_BYTES / 1_000_000  # the box says "Limit 20MB per file"
    assert f"({box_mb} MB)" in RULES["FILE_TOO_LARGE"][1]
