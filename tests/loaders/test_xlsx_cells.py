"""The lean workbook reader gives every cell the value, number format and reference openpyxl's data_only reading
gives, on the demo workbooks, on the corpus of awkward returns, and on a workbook written the way Excel writes one
(shared strings with rich text and phonetic guides, rows and cells without references, the 1904 calendar)."""

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from loaders import file_checks, xlsx_cells
from loaders.xlsx_cells import UnreadableWorkbook, Workbook
from tests.conftest import ROOT
from tests.loaders import test_action_logs, test_bad_workbooks
from tools.crafted_workbooks import (
    MAIN,
    excel_style_workbook,
    far_cell_sheet,
    grid_sheet,
    with_shared_text,
)


def openpyxl_grid(path):
    """openpyxl's cells, to the last cell with a value or merged range: beyond it openpyxl also goes on to formatted
    empty cells, which the lean reader leaves out (one such cell at XFD1048576 would be 17 billion cells)."""
    workbook = load_workbook(path, data_only=True)
    try:
        grids = {}
        for name in workbook.sheetnames:
            sheet = workbook[name]
            filled = [key for key, cell in sheet._cells.items() if cell.value is not None]  # not the whole rectangle
            filled += [(m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
            last_row, last_column = max((r for r, _ in filled), default=0), max((k for _, k in filled), default=0)
            rows = sheet.iter_rows(max_row=last_row, max_col=last_column) if last_row and last_column else []
            grids[name] = [[_seen(c) for c in row] for row in rows]
        return grids
    finally:
        workbook.close()


def _seen(cell):
    """A cell as the loaders see it: its reference, value and, when it has a value, its number format (an empty
    cell's format changes nothing; the lean reader does not keep empty cells)."""
    return cell.coordinate, cell.value, cell.number_format if cell.value is not None else None


def openpyxl_merged(path):
    """Per sheet: every cell inside a merged range, with the value of the range's top-left cell."""
    workbook = load_workbook(path, data_only=True)
    found = {}
    for sheet in workbook.worksheets:
        for merged in sheet.merged_cells.ranges:
            anchor = sheet.cell(merged.min_row, merged.min_col).value
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    found.setdefault(sheet.title, {})[sheet.cell(row, column).coordinate] = anchor
    workbook.close()
    return found


def lean_merged(path):
    with Workbook(path) as workbook:
        return {name: workbook[name].merged_values() for name in workbook.sheetnames if workbook[name].merged}


def lean_grid(path):
    with Workbook(path) as workbook:
        return {name: [[_seen(c) for c in row] for row in workbook[name].iter_rows()] for name in workbook.sheetnames}


DEMO = sorted((ROOT / "data" / "demo").rglob("*.xlsx"))


def test_every_demo_workbook_reads_as_openpyxl_reads_it():
    assert len([p for p in DEMO if p.parent.name == "plan"]) > 10 and len(DEMO) > 80  # action logs and returns
    for path in DEMO:
        assert lean_grid(path) == openpyxl_grid(path), path.name
        assert lean_merged(path) == openpyxl_merged(path), path.name


def test_every_readable_workbook_in_the_corpus_reads_as_openpyxl_reads_it(tmp_path, catalogue, workstreams):
    compared, merged, far = 0, 0, 0
    builders = [
        (f"return {case.name}", lambda folder, case=case: test_bad_workbooks.build(case, folder, catalogue))
        for case in test_bad_workbooks.CASES
    ]
    builders += [
        (
            f"action log {case.name}",
            lambda folder, case=case: test_action_logs.build(case, folder, catalogue, workstreams),
        )
        for case in test_action_logs.CASES
    ]
    for name, build in builders:
        folder = tmp_path / name.replace(" ", "_")
        folder.mkdir()
        path = build(folder)
        if file_checks.check_file(path):
            continue  # refused before any reader sees it
        try:
            Workbook(path)
        except UnreadableWorkbook as refused:
            if refused.rule == "SHEET_TOO_LARGE":  # openpyxl would build the 17-billion-cell rectangle: not compared
                far += 1
                continue
        try:
            expected = openpyxl_grid(path)
        except Exception:  # openpyxl cannot read it either; the reader must refuse it too
            with pytest.raises(UnreadableWorkbook):
                Workbook(path)
            continue
        assert lean_grid(path) == expected, name
        assert lean_merged(path) == openpyxl_merged(path), name
        compared += 1
        merged += bool(lean_merged(path))
    assert compared >= 60 and merged >= 2  # the merged-cells cases of both corpora
    assert far == 2  # a figure at XFD1048576 and a whole-column merge, refused (tested in test_bad_workbooks)


@pytest.mark.parametrize("mac_calendar", [False, True], ids=["1900 calendar", "1904 calendar"])
def test_a_workbook_written_the_way_excel_writes_one(tmp_path, mac_calendar):
    path = excel_style_workbook(tmp_path / "excel.xlsx", mac_calendar)
    assert file_checks.check_file(path) == []
    assert lean_grid(path) == openpyxl_grid(path)
    with Workbook(path) as workbook:
        assert workbook.sheetnames == ["Cover", "Child protection"]
        rows = list(workbook["Cover"].iter_rows())
        assert len(rows) == 9 and len(rows[0]) == 10  # to the end of the merged range A8:J9
        cells = {cell.coordinate: cell for row in rows for cell in row}
        assert cells["A1"].value == "Month"
        start = dt.datetime(1904, 1, 1) if mac_calendar else dt.datetime(1899, 12, 30)
        assert cells["B1"].value == start + dt.timedelta(days=46296) and cells["B1"].number_format == "mmm\\-yy"
        assert cells["A3"].value == "Herefordshire Council "  # rich-text runs joined, spaces kept
        assert (cells["C3"].value, cells["C3"].number_format) == (0.235, "0%")
        assert [cells[c].value for c in ("A4", "B4", "C4")] == [12, 1234.5, True]
        assert isinstance(cells["A4"].value, int) and cells["B4"].number_format == "#,##0.0"
        assert (cells["A6"].value, cells["B6"].value, cells["F6"].value) == ("#N/A", "Monthx", "typed")
        assert cells["E6"].value == 7 and cells["E6"].number_format == "General"  # a locale format Excel numbers 27
        assert cells["G6"].value == dt.datetime(2026, 10, 1)
        assert cells["H6"].value is None  # formatted 0% but empty
        second = {cell.coordinate: cell.value for row in workbook["Child protection"].iter_rows() for cell in row}
        assert second["B2"] == "CP03"  # the phonetic guide is not part of the text
        assert second["C2"] == "n/a_x000D_"


def test_reading_the_first_rows_pads_a_short_sheet_as_openpyxl_does(tmp_path):
    path = excel_style_workbook(tmp_path / "excel.xlsx")
    with Workbook(path) as workbook:
        rows = list(workbook["Child protection"].iter_rows(max_row=30))
    assert len(rows) == 30 and all(len(row) == 3 for row in rows)
    assert rows[29][2].coordinate == "C30" and rows[29][2].value is None


def test_a_damaged_sheet_is_refused_naming_the_sheet(tmp_path):
    path = excel_style_workbook(tmp_path / "cut.xlsx", sheet_xml=f'<worksheet {MAIN}><sheetData><row r="2"><c r=')
    with pytest.raises(UnreadableWorkbook) as refused:
        Workbook(path)
    assert refused.value.sheet == "Child protection" and "damaged" in str(refused.value)


def test_a_shared_string_that_does_not_exist_is_refused(tmp_path):
    sheet = f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>'
    with pytest.raises(UnreadableWorkbook) as refused:
        Workbook(excel_style_workbook(tmp_path / "bad.xlsx", sheet_xml=sheet))
    assert refused.value.sheet == "Child protection"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_part_declaring_entities_is_refused_unparsed_in_any_encoding(tmp_path, encoding):
    sheet = (
        f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    path = excel_style_workbook(tmp_path / "entities.xlsx", sheet_xml=sheet.encode(encoding))
    with pytest.raises(UnreadableWorkbook, match="declares XML entities") as refused:
        Workbook(path)
    assert (refused.value.rule, refused.value.sheet) == ("FILE_XML_ENTITIES", "Child protection")


def test_a_zip_without_a_workbook_part_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableWorkbook, match="no workbook part"):
        Workbook(path)


@pytest.mark.parametrize("far", ["XFD1048576", "H1048576"])
def test_one_far_cell_is_read_or_refused_in_bounded_memory(tmp_path, far):
    """A formatted empty cell far out is left out of the sheet's extent; a value there is refused by name. Either
    way under 200 MB (before: 860 MB at H1048576, MemoryError at XFD1048576). How long it takes is measured by
    `python -m benchmarks.hostile_workbooks`, not here: a wall-clock bound fails on a slow machine, not on slow code."""
    for refused in (False, True):
        path = excel_style_workbook(tmp_path / f"{far}{refused}.xlsx", sheet_xml=far_cell_sheet(far, refused))
        if refused:

            def read(path=path):
                with pytest.raises(UnreadableWorkbook) as refusal:
                    Workbook(path)
                return refusal.value.problem()

            problem = _within_memory(read)
            assert (problem.rule, problem.sheet, problem.cell) == ("SHEET_TOO_LARGE", "Child protection", far)
        else:

            def read(path=path):
                with Workbook(path) as workbook:
                    return [[c.value for c in r] for r in workbook["Child protection"].iter_rows()]

            assert _within_memory(read) == [[1]]


def _within_memory(read, megabytes=200):
    """What `read()` raises or returns, asserting it peaked under `megabytes` of Python memory."""
    import tracemalloc

    tracemalloc.start()
    try:
        return read()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < megabytes * 2**20, peak


def test_a_huge_shared_text_table_is_refused_as_it_is_read(tmp_path):
    """250,000 entries of shared text, used by no cell (before: 515 MB): refused as soon as the table passes 100,000
    entries, so memory stays small (its time is in `python -m benchmarks.hostile_workbooks`)."""
    path = with_shared_text(excel_style_workbook(tmp_path / "strings.xlsx"), 250_000)
    assert file_checks.check_file(path) == []  # nothing in the zip's sizes gives it away

    def read():
        with pytest.raises(UnreadableWorkbook) as refused:
            Workbook(path)
        return refused.value

    refusal = _within_memory(read, megabytes=50)
    assert refusal.rule == "WORKBOOK_TOO_LARGE" and "100,000 entries" in str(refusal)


def test_a_part_too_large_to_unpack_is_refused_by_the_file_checks_and_the_reader(tmp_path, monkeypatch):
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 2001))
    path = excel_style_workbook(
        tmp_path / "large.xlsx", sheet_xml=f"<worksheet {MAIN}><sheetData>{cells}</sheetData></worksheet>"
    )
    sizes = {info.filename: info.file_size for info in zipfile.ZipFile(path).infolist()}
    assert max(sizes, key=sizes.get) == "xl/worksheets/sheet2.xml"
    size = sizes["xl/worksheets/sheet2.xml"]
    monkeypatch.setattr(file_checks, "MAX_PART_BYTES", size - 1)
    (problem,) = file_checks.check_file(path)
    assert problem.rule == "WORKBOOK_TOO_LARGE" and "xl/worksheets/sheet2.xml" in problem.message
    monkeypatch.setattr(xlsx_cells, "MAX_PART_BYTES", size - 1)
    with pytest.raises(UnreadableWorkbook) as refused:
        Workbook(path)
    assert (refused.value.rule, refused.value.sheet) == ("WORKBOOK_TOO_LARGE", "Child protection")


def test_more_cells_in_all_than_a_return_could_hold_are_refused(tmp_path, monkeypatch):
    path = excel_style_workbook(tmp_path / "cells.xlsx")
    monkeypatch.setattr(xlsx_cells, "MAX_WORKBOOK_CELLS", 5)
    with pytest.raises(UnreadableWorkbook) as refused:
        Workbook(path)
    assert refused.value.rule == "WORKBOOK_TOO_LARGE" and "5 cells" in str(refused.value)


def test_a_sheet_of_a_quarter_of_a_million_cells_is_read_in_bounded_memory(tmp_path):
    """The largest sheet the reader accepts: 500 rows by 500 columns of numbers, all kept, in under 200 MB. (It takes
    about 4.6 s untraced: `python -m benchmarks.hostile_workbooks` reports it.)"""
    path = excel_style_workbook(tmp_path / "big.xlsx", sheet_xml=grid_sheet(500))

    def read():
        with Workbook(path) as workbook:
            sheet = workbook["Child protection"]
            return sheet.max_row, sheet.max_column, sum(1 for row in sheet.iter_rows() for cell in row if cell.value)

    assert _within_memory(read) == (500, 500, 250_000)
