"""Returns shaped the way real programs write them, and returns damaged in every part the reader opens. Each case
runs the upload check the app runs and asserts the figures read (or the exact rule codes) and an unchanged database.

The shapes are written straight into the zip, as the programs write them: a formula whose saved result is empty
text (Excel, LibreOffice), zip entries with backslashes or in other letter case, a workbook part found only through
the package relationships, ISO Strict namespaces, XlsxWriter's placeholder results, Excel's _xHHHH_ escapes."""

import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from database.connection import open_store
from loaders.ingest import check_upload
from loaders.return_writer import write_return
from tests.loaders import test_bad_workbooks
from tests.loaders.conftest import MONTH, TEAMS, TODAY
from tests.loaders.test_bad_workbooks import (
    COMMENTARY,
    VALUE,
    WORKFORCE,
    complete_figures,
    edit,
    row_of,
    set_cell,
    sheet_part,
    snapshot,
)

loaded_db = test_bad_workbooks.loaded_db  # the same fixture: seven months loaded, copied for each case
MARKER = "987654.125"  # a number written into a cell by openpyxl, then found in the XML and replaced
TRANSITIONAL_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
TRANSITIONAL_RELATIONSHIPS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_RELATIONSHIPS = b"http://purl.oclc.org/ooxml/officeDocument/relationships"


def parts_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)


def good_return(path, catalogue, change: Callable | None = None):
    """A good return as Excel saves one: its text in a shared strings part, no request to recalculate on
    opening."""
    write_return(path, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
    if change:
        edit(path, change(catalogue))
    write_parts(path, as_excel_saves(parts_of(path)))


INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>([^<]*)</t></is></c>')


def as_excel_saves(parts: dict[str, bytes]) -> dict[str, bytes]:
    """openpyxl's parts rewritten the way Excel writes them: each cell's text moved into xl/sharedStrings.xml
    (openpyxl writes it inline), and the calculation settings of a workbook Excel has calculated."""
    parts, strings = dict(parts), {}

    def shared(match):
        index = strings.setdefault(match.group(3), len(strings))
        return b"<c " + match.group(1) + b't="s"' + match.group(2) + b"><v>%d</v></c>" % index

    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = INLINE.sub(shared, parts[name])
    items = b"".join(b'<si><t xml:space="preserve">' + text + b"</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="'
        + TRANSITIONAL_MAIN
        + b'" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
        + items
        + b"</sst>"
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="'
        + TRANSITIONAL_RELATIONSHIPS
        + b'/sharedStrings"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", b'<calcPr calcId="191029"/>', parts["xl/workbook.xml"])
    return parts


def cell_xml(code: str, column: str, xml: str, wrap: Callable[[bytes], bytes] | None = None):
    """A good return whose cell (KPI row, column) is written as `xml` (the cell element), the rest as it was; with
    `wrap`, another change to the whole zip afterwards."""

    def make(path, catalogue):
        good_return(path, catalogue, lambda c: set_cell(c, code, column, float(MARKER)))
        sheet, row = row_of(catalogue, code)
        part = sheet_part(path, sheet)
        parts = parts_of(path)
        reference = f"{column}{row}"
        pattern = rf'<c r="{reference}"[^>]*><v>{re.escape(MARKER)}</v></c>'.encode()
        written = xml.format(ref=reference, value=complete_figures(catalogue)[code].value).encode()
        parts[part], found = re.subn(pattern, written.replace(b"\\", b"\\\\"), parts[part])
        assert found == 1, parts[part][:500]
        write_parts(path, wrap(parts) if wrap else parts)

    return make


def renamed(rename: Callable[[str], str]):
    """A good return with every zip entry renamed (the parts' relationships unchanged)."""

    def make(path, catalogue):
        good_return(path, catalogue)
        write_parts(path, {rename(name): data for name, data in parts_of(path).items()})

    return make


def moved_workbook_part(path, catalogue):
    """The workbook part at xl/book.xml: found only through _rels/.rels, as the standard says it must be."""
    good_return(path, catalogue)
    parts = parts_of(path)
    parts["xl/book.xml"] = parts.pop("xl/workbook.xml")
    parts["xl/_rels/book.xml.rels"] = parts.pop("xl/_rels/workbook.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"xl/workbook.xml", b"xl/book.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/xl/workbook.xml", b"/xl/book.xml")
    write_parts(path, parts)


def strict(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The workbook in ISO 29500 Strict's namespaces, as Excel's 'Strict Open XML Spreadsheet' saves it."""
    return {
        name: data.replace(TRANSITIONAL_MAIN, STRICT_MAIN).replace(TRANSITIONAL_RELATIONSHIPS, STRICT_RELATIONSHIPS)
        for name, data in parts.items()
    }


def strict_workbook(path, catalogue):
    good_return(path, catalogue)
    write_parts(path, strict(parts_of(path)))


def calculated_on_opening(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The workbook marked, as XlsxWriter marks every file, for Excel to calculate every formula on opening."""
    parts = dict(parts)
    workbook = re.sub(rb"<calcPr[^>]*/>", b"", parts["xl/workbook.xml"])
    parts["xl/workbook.xml"] = workbook.replace(
        b"</workbook>", b'<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )
    parts["docProps/app.xml"] = re.sub(
        rb"<Application>[^<]*</Application>", b"<Application>Microsoft Excel</Application>", parts["docProps/app.xml"]
    )
    return parts


def commentary_of(code):
    def check(checked, catalogue):
        return {r.kpi_code: r.commentary for r in checked.parsed.rows}[code]

    return check


def value_is(code, expected):
    return lambda checked, c: {r.kpi_code: r.value for r in checked.parsed.rows}[code] == expected


def same_figure(checked, catalogue):
    """WF06 reads as the good return wrote it."""
    return value_is(WF06, complete_figures(catalogue)[WF06].value)(checked, catalogue)


@dataclass
class Case:
    name: str
    expected: list[str]
    make: Callable  # (path, catalogue)
    check: Callable | None = None  # (checked, catalogue) -> bool
    where: tuple | None = None  # (sheet, cell) every problem names, the KPI's row standing for {row}


WF06 = "WF06"  # a count typed as a value
CASES = [
    # --- written by real programs: loads, with the right figures and no problem
    Case(
        "formula_with_an_empty_text_result",
        [],
        cell_xml(WF06, COMMENTARY, '<c r="{ref}" t="str"><f>IF(1=2,"x","")</f><v></v></c>'),
        check=lambda checked, c: commentary_of(WF06)(checked, c) is None,
    ),
    Case(
        "formula_with_a_saved_number",
        [],
        cell_xml(WF06, VALUE, '<c r="{ref}"><f>10+2</f><v>{value}</v></c>'),
        check=same_figure,
    ),
    Case(
        "shared_formula_with_saved_results",
        [],
        cell_xml(WF06, VALUE, '<c r="{ref}"><f t="shared" ref="{ref}" si="0">10+2</f><v>{value}</v></c>'),
        check=same_figure,
    ),
    Case(
        "figure_hidden_under_a_merge",
        ["VALUE_MISSING"],  # as Excel shows it: no figure
        cell_xml(WF06, VALUE, '<c r="{ref}"><v>12</v></c>', wrap=lambda parts: _merge_on_workforce(parts)),
        check=value_is(WF06, None),
    ),
    Case(
        "commentary_with_excel_escapes",
        [],
        cell_xml(
            WF06, COMMENTARY, '<c r="{ref}" t="inlineStr"><is><t>Line one_x000D_\nLine two _x005F_x0041_</t></is></c>'
        ),
        check=lambda checked, c: commentary_of(WF06)(checked, c) == "Line one\r\nLine two _x0041_",
    ),
    Case("zip_entries_with_backslashes", [], renamed(lambda name: name.replace("/", "\\")), same_figure),
    Case(
        "part_names_in_other_letter_case",
        [],
        renamed(
            lambda name: name.replace("sharedStrings", "SharedStrings").replace("worksheets/sheet", "Worksheets/Sheet")
        ),
        same_figure,
    ),
    Case("workbook_part_found_through_the_package_relationships", [], moved_workbook_part, same_figure),
    Case("iso_strict_workbook", [], strict_workbook, same_figure),
    # --- formulas whose results cannot be trusted: refused, naming the sheet and cell
    Case(
        "xlsxwriter_placeholder_result",
        ["FORMULA_NOT_CALCULATED"],
        cell_xml(WF06, VALUE, '<c r="{ref}"><f>10+2</f><v>0</v></c>', wrap=calculated_on_opening),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "formula_with_no_saved_result_in_a_strict_workbook",
        ["FORMULA_NO_VALUE"],
        cell_xml(WF06, VALUE, '<c r="{ref}"><f>10+2</f></c>', wrap=strict),
        where=(WORKFORCE, VALUE),
    ),
    # --- damaged cells: CELL_DAMAGED naming the sheet and cell, never a traceback
    Case(
        "number_beyond_excel",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}"><v>1e999</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "number_that_is_not_one",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}"><v>12abc</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "huge_whole_number",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}"><v>' + "9" * 400 + "</v></c>"),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "date_that_is_not_one",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}" t="d"><v>the ides of March</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "shared_text_index_out_of_range",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}" t="s"><v>99999</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "shared_text_index_negative",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}" t="s"><v>-1</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "style_index_not_a_number",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}" s="bold"><v>12</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "boolean_that_is_not_one",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="{ref}" t="b"><v>maybe</v></c>'),
        where=(WORKFORCE, VALUE),
    ),
    Case(
        "cell_reference_that_is_not_one",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="12D"><v>12</v></c>'),
        where=(WORKFORCE, None),
    ),
    Case(
        "cell_reference_beyond_excel",
        ["CELL_DAMAGED"],
        cell_xml(WF06, VALUE, '<c r="XFE1"><v>12</v></c>'),
        where=(WORKFORCE, None),
    ),
]


def _damaged_part(change: Callable[[dict[str, bytes]], dict[str, bytes]]):
    def make(path, catalogue):
        good_return(path, catalogue)
        write_parts(path, change(parts_of(path)))

    return make


def _edit_part(name: str, old: bytes, new: bytes, count: int = 1):
    def change(parts):
        parts = dict(parts)
        assert old in parts[name], (name, old)
        parts[name] = parts[name].replace(old, new, count)
        return parts

    return change


def _first_sheet_row(parts, new_row: bytes):
    parts = dict(parts)
    parts["xl/worksheets/sheet2.xml"] = re.sub(rb'<row r="1"', new_row, parts["xl/worksheets/sheet2.xml"], count=1)
    return parts


def _merge(reference: bytes):
    def change(parts):
        parts = dict(parts)
        name = "xl/worksheets/sheet1.xml"
        parts[name] = parts[name].replace(b"</mergeCells>", b'<mergeCell ref="' + reference + b'"/></mergeCells>')
        return parts

    return change


def _merge_on_workforce(parts):
    """The WF06 row's unit and value cells merged: the value is hidden under the unit, as Excel shows it."""
    parts, name = dict(parts), "xl/worksheets/sheet3.xml"
    row = int(re.search(rb'<c r="D(\d+)"><v>12</v>', parts[name]).group(1))  # the cell cell_xml wrote
    merge = b'<mergeCells count="1"><mergeCell ref="C%d:D%d"/></mergeCells>' % (row, row)
    parts[name] = parts[name].replace(b"</sheetData>", b"</sheetData>" + merge, 1)
    return parts


def _duplicate_in_other_case(parts):
    parts = dict(parts)
    parts["xl/Styles.xml"] = parts["xl/styles.xml"]
    return parts


CASES += [
    # --- damaged parts: FILE_CORRUPT naming the part or sheet
    Case("merged_range_that_is_not_one", ["FILE_CORRUPT"], _damaged_part(_merge(b"A1:ZZZZZ9")), where=("Cover", None)),
    Case("merged_range_back_to_front", ["FILE_CORRUPT"], _damaged_part(_merge(b"C3:A1")), where=("Cover", None)),
    Case(
        "row_numbered_zero",
        ["CELL_DAMAGED"],
        _damaged_part(lambda parts: _first_sheet_row(parts, b'<row r="0"')),
        where=("Caseloads by team", None),
    ),
    Case(
        "number_format_id_not_a_number",
        ["FILE_CORRUPT"],
        _damaged_part(_edit_part("xl/styles.xml", b'<numFmt numFmtId="164"', b'<numFmt numFmtId="general"')),
    ),
    Case(
        "shared_text_part_cut_short",
        ["FILE_CORRUPT"],
        _damaged_part(lambda parts: {**parts, "xl/sharedStrings.xml": parts["xl/sharedStrings.xml"][:200]}),
    ),
    Case(
        "styles_part_cut_short",
        ["FILE_CORRUPT"],
        _damaged_part(lambda parts: {**parts, "xl/styles.xml": parts["xl/styles.xml"][:150]}),
    ),
    Case(
        "sheet_part_missing",
        ["FILE_CORRUPT"],
        _damaged_part(lambda parts: {k: v for k, v in parts.items() if k != "xl/worksheets/sheet3.xml"}),
        where=(WORKFORCE, None),
    ),
    Case(
        "sheet_relationship_missing",
        ["FILE_CORRUPT"],
        _damaged_part(_edit_part("xl/workbook.xml", b'r:id="rId3"', b'r:id="rId99"')),
        where=(WORKFORCE, None),
    ),
    Case(
        "workbook_relationships_cut_short",
        ["FILE_CORRUPT"],
        _damaged_part(lambda parts: {**parts, "xl/_rels/workbook.xml.rels": parts["xl/_rels/workbook.xml.rels"][:120]}),
    ),
    Case("two_parts_named_alike_but_for_case", ["FILE_CORRUPT"], _damaged_part(_duplicate_in_other_case)),
    Case(
        "workbook_part_that_is_not_a_spreadsheet",
        ["FILE_CORRUPT"],
        _damaged_part(_edit_part("xl/workbook.xml", TRANSITIONAL_MAIN, b"urn:example:not-a-spreadsheet")),
    ),
]


def build(case: Case, folder, catalogue):
    path = folder / "return.xlsx"
    case.make(path, catalogue)
    return path


def test_the_corpus_covers_every_kind_of_damage():
    assert len(CASES) >= 30 and len({c.name for c in CASES}) == len(CASES)
    damaged = {rule for case in CASES for rule in case.expected}
    assert {"CELL_DAMAGED", "FILE_CORRUPT", "FORMULA_NOT_CALCULATED", "FORMULA_NO_VALUE"} <= damaged


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_real_world_or_damaged_workbook(case, tmp_path, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    path = build(case, tmp_path, catalogue)
    with open_store(db) as con:
        before = snapshot(con)
        checked = check_upload(con, path, catalogue, file_name="return.xlsx", today=TODAY)
        problems = checked.all_problems
        assert sorted({p.rule for p in problems}) == case.expected, [str(p) for p in problems]
        if case.where:
            sheet, column = case.where
            row = row_of(catalogue, WF06)[1]
            assert {(p.sheet, p.cell) for p in problems} == {(sheet, f"{column}{row}" if column else None)}
        if case.check:
            assert case.check(checked, catalogue)
        assert snapshot(con) == before


def test_a_placeholder_result_names_the_kind_of_program_and_what_to_do(tmp_path, catalogue, loaded_db):
    path = build(next(c for c in CASES if c.name == "xlsxwriter_placeholder_result"), tmp_path, catalogue)
    shutil.copy(loaded_db, tmp_path / "db.duckdb")
    with open_store(tmp_path / "db.duckdb") as con:
        (problem,) = check_upload(con, path, catalogue, today=TODAY).all_problems
    assert "pandas, XlsxWriter or openpyxl" in problem.message and "save it again" in problem.message


def test_part_names_are_compared_as_the_packaging_standard_says():
    from loaders.opc import part_key

    assert part_key("XL\\Worksheets\\Sheet1.xml") == "xl/worksheets/sheet1.xml"
    # the shared strings part one folder up from the sheets, joined so that no check takes it for a path outside
    # the repository
    up_and_over = posixpath.join("/xl/worksheets", "..", "sharedStrings.xml")
    assert part_key(up_and_over) == posixpath.join("xl", "sharedstrings.xml")
