"""Reads the cells of an .xlsx workbook: each cell's value (for a formula, the result Excel saved), number format and
reference, and each sheet's merged ranges. Nothing else: no fonts, fills, borders, data validations, protection,
print settings or drawings.

Why not openpyxl's `load_workbook`: it builds every style, data validation and sheet setting of every sheet, about
two thirds of its time on a monthly return, and the loaders read none of them. Values come out as openpyxl's
`data_only` reading gives them (numbers as int or float, date-formatted numbers as datetimes, shared and inline text,
booleans, error codes as text such as '#N/A'), using openpyxl's own date and number-format helpers;
tests/loaders/test_xlsx_cells.py checks that cell by cell against openpyxl on every demo workbook, on both corpora of
awkward workbooks and on one written the way Excel writes.

Run `loaders.file_checks.check_file` first: it refuses zip bombs, macros and the rest. Whatever it is given, this
module parses every part through defusedxml with document type declarations forbidden, so no entity can expand.
"""

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from loaders.problems import Problem, ReturnRejected

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DAMAGE = (ParseError, zipfile.BadZipFile, KeyError, IndexError, ValueError, EOFError, OverflowError, TypeError)
# A sheet is read as the rectangle from A1 to its last cell with a value (or merged range): a return's sheets hold a
# few thousand cells, so a rectangle larger than this is refused before it is built (a single figure typed at
# XFD1048576 would otherwise make 17 billion cells).
MAX_CELLS = 250_000


class UnreadableWorkbook(ValueError):
    """The file is not a workbook this module can read. Says why, with the loaders' rule code (FILE_CORRUPT, or
    FILE_XML_ENTITIES for a part declaring a document type), and names the sheet when the trouble is in one."""

    def __init__(self, message: str, sheet: str | None = None, rule: str = "FILE_CORRUPT", cell: str | None = None):
        super().__init__(message)
        self.sheet, self.rule, self.cell = sheet, rule, cell

    def problem(self) -> Problem:
        return Problem(self.rule, str(self), self.sheet, self.cell)


class Cell:
    """One cell, as the loaders read it."""

    __slots__ = ("column", "number_format", "row", "value")

    def __init__(self, row: int, column: int, value=None, number_format: str = "General"):
        self.row, self.column, self.value, self.number_format = row, column, value, number_format

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def __repr__(self) -> str:
        return f"<Cell {self.coordinate} {self.value!r}>"


class Sheet:
    """A worksheet's cells. `iter_rows` gives full rows from A1 to the last cell with a value or merged range (a
    formatted empty cell further out does not count: openpyxl's would go to it); `merged` holds each merged range as
    (first column, first row, last column, last row); `unsaved_formulas` the references of cells with a formula but
    no saved result. A rectangle of more than MAX_CELLS cells is refused (SHEET_TOO_LARGE)."""

    def __init__(
        self,
        title: str,
        cells: dict[tuple[int, int], Cell],
        merged: list[tuple[int, int, int, int]],
        unsaved_formulas: tuple[str, ...] = (),
    ):
        self.title, self._cells, self.merged, self.unsaved_formulas = title, cells, merged, unsaved_formulas
        filled = [key for key, cell in cells.items() if cell.value is not None]
        self.max_row = max([row for row, _ in filled] + [m[3] for m in merged], default=0)
        self.max_column = max([column for _, column in filled] + [m[2] for m in merged], default=0)
        if self.max_row * self.max_column > MAX_CELLS:
            far = max(filled + [(m[3], m[2]) for m in merged], key=lambda key: key[0] * key[1])
            raise UnreadableWorkbook(
                f"the sheet's cells reach {Cell(*far).coordinate}, {self.max_row:,} rows by {self.max_column:,} "
                f"columns: a return's sheet holds at most {MAX_CELLS:,} cells from A1. Delete the rows and columns "
                "beyond the figures (or clear that cell) and save again",
                title,
                "SHEET_TOO_LARGE",
                Cell(*far).coordinate,
            )

    def iter_rows(self, max_row: int | None = None) -> Iterator[tuple[Cell, ...]]:
        if not self._cells and max_row is None:
            return
        cells, width = self._cells, max(self.max_column, 1)
        for row in range(1, (max_row or self.max_row) + 1):
            yield tuple(cells.get((row, column)) or Cell(row, column) for column in range(1, width + 1))

    def merged_values(self) -> dict[str, object]:
        """For every cell inside a merged range, by reference: the value of the range's top-left cell."""
        values = {}
        for first_column, first_row, last_column, last_row in self.merged:
            anchor = self._cells.get((first_row, first_column))
            for row in range(first_row, last_row + 1):
                for column in range(first_column, last_column + 1):
                    values[Cell(row, column).coordinate] = anchor.value if anchor else None
        return values


class Workbook:
    """The sheets of an .xlsx file, by tab name, in tab order, all read when it opens. Raises UnreadableWorkbook
    for a file that is not a readable workbook. A context manager, as openpyxl's is, though nothing stays open."""

    def __init__(self, path: Path):
        try:
            with zipfile.ZipFile(path) as archive:
                self._sheets = _Parts(archive).sheets()
        except UnreadableWorkbook:
            raise
        except DAMAGE as error:
            raise UnreadableWorkbook(f"the workbook is damaged ({error}); save it again from Excel") from error

    @property
    def sheetnames(self) -> list[str]:
        return list(self._sheets)

    def __getitem__(self, name: str) -> Sheet:
        return self._sheets[name]

    def close(self) -> None:
        """Nothing to release: the file was read and closed when the workbook opened."""

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *_) -> None:
        self.close()


def read_workbook(path: Path, file_name: str) -> Workbook:
    """The workbook, for a loader: one it cannot read is rejected as `file_name`, with the reason as its problem,
    and so is one with formulas that have no saved result (the loaders use the result Excel saved and never
    recalculate), each named by sheet and cell."""
    try:
        workbook = Workbook(path)
    except UnreadableWorkbook as unreadable:
        raise ReturnRejected(file_name, [unreadable.problem()]) from unreadable
    unsaved = [
        Problem(
            "FORMULA_NO_VALUE",
            "this cell has a formula but no saved result; open the file in Excel, let it "
            "calculate, and save it again (or type the figure)",
            name,
            reference,
        )
        for name in workbook.sheetnames
        for reference in workbook[name].unsaved_formulas
    ]
    if unsaved:
        raise ReturnRejected(file_name, unsaved)
    return workbook


class _Parts:
    """The parts (files) inside the workbook's zip."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive, self.names = archive, set(archive.namelist())
        self.workbook = self.xml("xl/workbook.xml")
        self.targets = self.relationships("xl/_rels/workbook.xml.rels")

    def xml(self, name: str, sheet: str | None = None) -> Element:
        try:
            return fromstring(self.archive.read(name), forbid_dtd=True)
        except DefusedXmlException as refused:
            raise UnreadableWorkbook(
                f"part {name} declares XML entities; not opened", sheet, "FILE_XML_ENTITIES"
            ) from refused
        except ParseError as error:
            where = "the sheet" if sheet else f"part {name}"
            raise UnreadableWorkbook(
                f"{where} is damaged ({error}); save the workbook again from Excel", sheet
            ) from error

    def tabs(self) -> list[tuple[str, str | None]]:
        """Each tab's name, in order, with its worksheet's part name (None for a chart sheet or a missing part)."""
        found = []
        for entry in self.workbook.iterfind(f"{MAIN}sheets/{MAIN}sheet"):
            kind, part = self.targets.get(entry.get(RELATIONSHIP_ID), ("", None))
            found.append((entry.get("name"), part if part in self.names and kind.endswith("/worksheet") else None))
        return found

    def sheets(self) -> dict[str, Sheet]:
        properties = self.workbook.find(f"{MAIN}workbookPr")
        mac = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        reading = _Values(
            self.formats(_of_type(self.targets, "/styles", "xl/styles.xml")),
            self.strings(_of_type(self.targets, "/sharedStrings", "xl/sharedStrings.xml")),
            CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900,
        )
        sheets = {}
        for name, part in self.tabs():
            if part is None:  # a chart sheet: no cells
                sheets[name] = Sheet(name, {}, [])
                continue
            root = self.xml(part, name)
            try:
                sheets[name] = reading.sheet(name, root)
            except UnreadableWorkbook:
                raise
            except DAMAGE as error:
                raise UnreadableWorkbook(
                    f"the sheet is damaged ({error}); save the workbook again from Excel", name
                ) from error
        return sheets

    def relationships(self, name: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name inside the zip)."""
        found = {}
        for relation in self.xml(name).iterfind(f"{PACKAGE}Relationship"):
            target = relation.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            found[relation.get("Id")] = (relation.get("Type", ""), part)
        return found

    def formats(self, name: str) -> list[tuple[str, bool, bool]]:
        """Per cell style, by its index: its number format, and whether it shows a date or a duration."""
        codes, styles = {}, []
        if name in self.names:
            stylesheet = self.xml(name)
            codes = {
                int(f.get("numFmtId")): f.get("formatCode") for f in stylesheet.iterfind(f"{MAIN}numFmts/{MAIN}numFmt")
            }
            styles = [int(xf.get("numFmtId") or 0) for xf in stylesheet.iterfind(f"{MAIN}cellXfs/{MAIN}xf")]
        formats = []
        for identifier in styles or [0]:
            code = codes.get(identifier) or BUILTIN_FORMATS.get(identifier)
            formats.append((code or "General", is_date_format(code), is_timedelta_format(code)))
        return formats

    def strings(self, name: str) -> list[str]:
        if name not in self.names:
            return []
        return [_text(item).replace("x005F_", "") for item in self.xml(name).iterfind(f"{MAIN}si")]


def _of_type(targets: dict[str, tuple[str, str]], kind: str, default: str) -> str:
    return next((part for relation_type, part in targets.values() if relation_type.endswith(kind)), default)


class _Values:
    """Turns a sheet's XML into cells, given the workbook's number formats, shared strings and calendar."""

    def __init__(self, formats: list[tuple[str, bool, bool]], strings: list[str], epoch: dt.datetime):
        self.formats, self.strings, self.epoch = formats, strings, epoch

    def sheet(self, title: str, root: Element) -> Sheet:
        cells, row_number, unsaved = {}, 0, []
        for element in root.iterfind(f"{MAIN}sheetData/{MAIN}row"):
            row_number = int(element.get("r") or row_number + 1)
            column = 0
            for c in element.iterfind(f"{MAIN}c"):
                reference = c.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row_number, column + 1)
                style = int(c.get("s") or 0)
                number_format, is_date, is_duration = self.formats[style if style < len(self.formats) else 0]
                cells[(row, column)] = cell = Cell(row, column, self.value(c, is_date, is_duration), number_format)
                if c.find(f"{MAIN}f") is not None and not c.findtext(f"{MAIN}v"):
                    unsaved.append(cell.coordinate)
        merged = [_merged_range(m.get("ref"), title) for m in root.iterfind(f"{MAIN}mergeCells/{MAIN}mergeCell")]
        return Sheet(title, cells, merged, tuple(unsaved))

    def value(self, c: Element, is_date: bool, is_duration: bool):
        kind = c.get("t", "n")
        if kind == "inlineStr":
            inline = c.find(f"{MAIN}is")
            return _text(inline) if inline is not None else None
        text = c.findtext(f"{MAIN}v") or None
        if text is None:
            return None
        if kind == "n":
            number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            if not is_date:
                return number
            try:
                return from_excel(number, self.epoch, timedelta=is_duration)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl reads it: a serial outside the dates Excel can show
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text result) and "e" (an error such as #N/A)


def _merged_range(reference: str | None, sheet: str) -> tuple[int, int, int, int]:
    """A merged range's (first column, first row, last column, last row); a whole-row or whole-column merge, or one
    without a reference, is refused by name."""
    if not reference:
        raise UnreadableWorkbook("a merged range has no reference; save the workbook again from Excel", sheet)
    bounds = range_boundaries(reference)
    if None in bounds:
        raise UnreadableWorkbook(
            f"the merged range {reference} covers whole rows or columns; unmerge it and save again",
            sheet,
            "SHEET_TOO_LARGE",
            reference,
        )
    return bounds


def _text(element: Element) -> str:
    """A string item's text: its plain text and its rich-text runs, without phonetic guides."""
    parts = [element.findtext(f"{MAIN}t") or ""] if element.find(f"{MAIN}t") is not None else []
    parts += [run.findtext(f"{MAIN}t") or "" for run in element.iterfind(f"{MAIN}r")]
    return "".join(parts)
