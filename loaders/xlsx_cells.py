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
import math
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from loaders.opc import MAX_PART_BYTES, DamagedPackage, Package
from loaders.problems import Problem, ReturnRejected
from loaders.upload_source import Source, opened

TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"  # ISO 29500 Strict, which Excel offers under "Save as"
RELATIONSHIP_IDS = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
MAIN = f"{{{TRANSITIONAL}}}"
DAMAGE = (ParseError, zipfile.BadZipFile, KeyError, IndexError, ValueError, EOFError, OverflowError, TypeError)
# A sheet is read as the rectangle from A1 to its last cell with a value (or merged range): a return's sheets hold a
# few thousand cells, so a rectangle larger than this is refused before it is built (a single figure typed at
# XFD1048576 would otherwise make 17 billion cells).
MAX_CELLS = 250_000
# The workbook as a whole: cells with a value in all its sheets, and entries in its shared text. A return has a few
# thousand of each.
MAX_WORKBOOK_CELLS = 1_000_000
MAX_STRINGS = 100_000
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how Excel writes a character XML cannot hold, such as _x000D_
UNSAVED = "unsaved"  # in Sheet.formulas: a formula with no saved result


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
    (first column, first row, last column, last row), and a value hidden under a merge (not its top-left cell) is
    dropped, as Excel shows none; `unsaved_formulas` the references of cells with a formula but no saved result,
    `formulas` those with one. A rectangle of more than MAX_CELLS cells is refused (SHEET_TOO_LARGE)."""

    def __init__(
        self,
        title: str,
        cells: dict[tuple[int, int], Cell],
        merged: list[tuple[int, int, int, int]],
        unsaved_formulas: tuple[str, ...] = (),
        formulas: tuple[str, ...] = (),
    ):
        self.title, self.merged, self.unsaved_formulas, self.formulas = title, merged, unsaved_formulas, formulas
        self._cells = {key: cell for key, cell in cells.items() if cell.value is not None}
        far = _far_corner(list(self._cells) + [(m[3], m[2]) for m in merged])
        self.max_row, self.max_column = far
        if self.max_row * self.max_column > MAX_CELLS:
            raise _too_large(title, far, self.max_row, self.max_column)
        if sum((m[2] - m[0] + 1) * (m[3] - m[1] + 1) for m in merged) > MAX_CELLS:
            raise UnreadableWorkbook("the sheet's merged ranges overlap; unmerge them and save again", title)
        for first_column, first_row, last_column, last_row in merged:  # at most MAX_CELLS cells in all
            for row in range(first_row, last_row + 1):
                for column in range(first_column, last_column + 1):
                    if (row, column) != (first_row, first_column):
                        self._cells.pop((row, column), None)

    @property
    def is_empty(self) -> bool:
        """No cell with a value and no merged range: nothing in the sheet that reading it could find (Excel's own
        "Sheet1" left blank, say)."""
        return self.max_row == 0

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


def _far_corner(keys: list[tuple[int, int]]) -> tuple[int, int]:
    return max((row for row, _ in keys), default=0), max((column for _, column in keys), default=0)


def _too_large(title: str, far: tuple[int, int], rows: int, columns: int) -> "UnreadableWorkbook":
    where = Cell(*far).coordinate
    return UnreadableWorkbook(
        f"the sheet's cells reach {where}, {rows:,} rows by {columns:,} columns: a return's sheet holds at most "
        f"{MAX_CELLS:,} cells from A1. Delete the rows and columns beyond the figures (or clear that cell) and save "
        "again",
        title,
        "SHEET_TOO_LARGE",
        where,
    )


class Workbook:
    """The sheets of an .xlsx file, by tab name, in tab order, all read when it opens. Raises UnreadableWorkbook
    for a file that is not a readable workbook. `recalculate_on_open` says the program that wrote it asked Excel to
    calculate every formula when the file is opened (its saved results are placeholders); `application` is the
    program it says wrote it. A context manager, as openpyxl's is, though nothing stays open."""

    def __init__(self, source: Source):
        try:
            with opened(source) as handle, zipfile.ZipFile(handle) as archive:
                parts = _Parts(archive)
                self._sheets = parts.sheets()
                self.recalculate_on_open = parts.recalculate_on_open()
                self.application = parts.application() if self.recalculate_on_open else None
        except UnreadableWorkbook:
            raise
        except DamagedPackage as damaged:
            raise UnreadableWorkbook(f"{damaged}; save the workbook again from Excel") from damaged
        except (*DAMAGE, NotImplementedError) as error:
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


MAX_LISTED = 50  # formula problems listed one by one; beyond, one more problem gives the count


def read_workbook(source: Source, file_name: str) -> Workbook:
    """The workbook, for a loader: one it cannot read is rejected as `file_name`, with the reason as its problem,
    and so is one whose formulas have no saved result, or only the placeholder results of a program that asked Excel
    to calculate them on opening (the loaders use the result Excel saved and never recalculate), each named by sheet
    and cell."""
    try:
        workbook = Workbook(source)
    except UnreadableWorkbook as unreadable:
        raise ReturnRejected(file_name, [unreadable.problem()]) from unreadable
    problems = [
        Problem(
            "FORMULA_NO_VALUE",
            "this cell has a formula but no saved result; open the file in Excel (or LibreOffice), let it "
            "calculate, and save it again, or type the figure instead of the formula",
            name,
            reference,
        )
        for name in workbook.sheetnames
        for reference in workbook[name].unsaved_formulas
    ]
    if workbook.recalculate_on_open:
        program = workbook.application or "a program other than Excel"
        problems += [
            Problem(
                "FORMULA_NOT_CALCULATED",
                f"this cell has a formula, and the file was written by {program} without calculating it (the "
                "result saved is a placeholder for Excel to replace when the file is opened). Open the file in "
                "Excel or LibreOffice and save it again, or write the figure instead of the formula",
                name,
                reference,
            )
            for name in workbook.sheetnames
            for reference in workbook[name].formulas
        ]
    if problems:
        shown = problems[:MAX_LISTED]
        if len(problems) > MAX_LISTED:
            last = problems[-1]
            shown.append(Problem(last.rule, f"and {len(problems) - MAX_LISTED:,} more cells like these", last.sheet))
        raise ReturnRejected(file_name, shown)
    return workbook


class _Tags:
    """The element and attribute names of one flavour of SpreadsheetML (transitional, or ISO Strict)."""

    def __init__(self, namespace: str):
        main = f"{{{namespace}}}"
        self.namespace = namespace
        self.sheet_data, self.row, self.c, self.v, self.f, self.inline = (
            f"{main}{name}" for name in ("sheetData", "row", "c", "v", "f", "is")
        )
        self.merge, self.t, self.r, self.rph, self.si = (
            f"{main}{name}" for name in ("mergeCell", "t", "r", "rPh", "si")
        )
        self.main = main


class _Parts:
    """The parts (files) inside the workbook's zip, found through the package's relationships."""

    def __init__(self, archive: zipfile.ZipFile):
        self.package = Package(archive)
        self.main = self.package.main_part()
        if self.main is None:
            raise UnreadableWorkbook("the file holds no workbook part; save it again from Excel as a workbook")
        self.workbook = self.xml(self.main)
        namespace = self.workbook.tag[1:].partition("}")[0]
        if namespace not in (TRANSITIONAL, STRICT):
            raise UnreadableWorkbook(f"the workbook part is not a spreadsheet ({namespace or 'no namespace'})")
        self.tags = _Tags(namespace)
        self.targets = self.package.relationships(self.main)

    def _check_size(self, name: str, sheet: str | None) -> None:
        size = self.package.info(name).file_size
        if size > MAX_PART_BYTES:
            raise UnreadableWorkbook(
                f"part {name} would unpack to {size / 1e6:.0f} MB, more than a return holds (the limit is "
                f"{MAX_PART_BYTES / 1e6:.0f} MB)",
                sheet,
                "WORKBOOK_TOO_LARGE",
            )

    @contextmanager
    def _parsing(self, name: str, sheet: str | None):
        """Parse part `name` within the block: too large, declaring entities or damaged, it is refused by name."""
        self._check_size(name, sheet)
        try:
            yield
        except DefusedXmlException as refused:
            raise UnreadableWorkbook(
                f"part {name} declares XML entities; not opened", sheet, "FILE_XML_ENTITIES"
            ) from refused
        except ParseError as error:
            where = "the sheet" if sheet else f"part {name}"
            raise UnreadableWorkbook(
                f"{where} is damaged ({error}); save the workbook again from Excel", sheet
            ) from error

    def xml(self, name: str, sheet: str | None = None) -> Element:
        with self._parsing(name, sheet):
            return fromstring(self.package.read(name), forbid_dtd=True)

    def events(self, name: str, sheet: str | None = None) -> Iterator[tuple[str, Element]]:
        """The part's XML as a stream of start and end events, without building its whole tree."""
        with self._parsing(name, sheet), self.package.open(name) as stream:
            yield from iterparse(stream, events=("start", "end"), forbid_dtd=True)

    def tabs(self) -> list[tuple[str, str | None]]:
        """Each tab's name, in order, with its worksheet's part name (None for a chart sheet, which has no cells).
        A tab whose worksheet part is missing is refused."""
        found = []
        for entry in self.workbook.iterfind(f"{self.tags.main}sheets/{self.tags.main}sheet"):
            name = entry.get("name")
            relation = next((entry.get(a) for a in RELATIONSHIP_IDS if entry.get(a)), None)
            if not name or relation not in self.targets:
                raise UnreadableWorkbook(
                    f"the workbook lists a sheet {name or '(no name)'} with no part behind it; save it again from "
                    "Excel",
                    name,
                )
            kind, part = self.targets[relation]
            if not kind.endswith("/worksheet"):
                found.append((name, None))
            elif not self.package.has(part):
                raise UnreadableWorkbook(
                    f"the sheet's part {part} is missing from the file; save the workbook again from Excel", name
                )
            else:
                found.append((name, part))
        return found

    def sheets(self) -> dict[str, Sheet]:
        properties = self.workbook.find(f"{self.tags.main}workbookPr")
        mac = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        reading = _Values(
            self.tags,
            self._part("styles", self.formats),
            self._part("sharedStrings", self.strings),
            CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900,
        )
        sheets = {}
        for name, part in self.tabs():
            if part is None:  # a chart sheet: no cells
                sheets[name] = Sheet(name, {}, [])
                continue
            try:
                sheets[name] = reading.sheet(name, self.events(part, name))
            except UnreadableWorkbook:
                raise
            except DAMAGE as error:
                raise UnreadableWorkbook(
                    f"the sheet is damaged ({error}); save the workbook again from Excel", name
                ) from error
        return sheets

    def _part(self, kind: str, read):
        """What `read` makes of the workbook's part of this kind (styles, shared strings), or of nothing when the
        workbook has none; damage in it is refused naming the part."""
        name = next((part for relation, part in self.targets.values() if relation.endswith(f"/{kind}")), None)
        name = name or f"xl/{kind}.xml"  # where Excel puts it, for a workbook whose relationships leave it out
        if not self.package.has(name):
            return read(None)
        try:
            return read(name)
        except UnreadableWorkbook:
            raise
        except DAMAGE as error:
            raise UnreadableWorkbook(f"part {name} is damaged ({error}); save the workbook again from Excel") from error

    def formats(self, name: str | None) -> list[tuple[str, bool, bool]]:
        """Per cell style, by its index: its number format, and whether it shows a date or a duration."""
        codes, styles, main = {}, [], self.tags.main
        if name is not None:
            stylesheet = self.xml(name)
            codes = {
                int(f.get("numFmtId")): f.get("formatCode") for f in stylesheet.iterfind(f"{main}numFmts/{main}numFmt")
            }
            styles = [int(xf.get("numFmtId") or 0) for xf in stylesheet.iterfind(f"{main}cellXfs/{main}xf")]
        formats = []
        for identifier in styles or [0]:
            code = codes.get(identifier) or BUILTIN_FORMATS.get(identifier)
            formats.append((code or "General", is_date_format(code), is_timedelta_format(code)))
        return formats

    def strings(self, name: str | None) -> list[str]:
        """The shared text, read as a stream; a table of more than MAX_STRINGS entries is refused as it is read."""
        if name is None:
            return []
        found, root = [], None
        for event, element in self.events(name):
            if root is None:
                root = element
            if event == "end" and element.tag == self.tags.si:
                found.append(_text(element, self.tags))
                if len(found) > MAX_STRINGS:
                    raise UnreadableWorkbook(
                        f"the workbook's shared text has more than {MAX_STRINGS:,} entries (part {name}); a return "
                        "holds a few hundred. Delete the sheets or cells that are not part of the return and save "
                        "again",
                        rule="WORKBOOK_TOO_LARGE",
                    )
                root.clear()
        return found

    def recalculate_on_open(self) -> bool:
        calculation = self.workbook.find(f"{self.tags.main}calcPr")
        return calculation is not None and calculation.get("fullCalcOnLoad", "").lower() in ("1", "true")

    def application(self) -> str | None:
        """The program the file says wrote it. Scripts that write workbooks without Excel (XlsxWriter, which pandas
        uses, and openpyxl) say "Microsoft Excel" and leave Excel 2007's calculation id: named for what they are."""
        properties = next(
            (part for kind, part in self.package.relationships("").values() if kind.endswith("/extended-properties")),
            None,
        )
        try:
            root = self.xml(properties) if properties and self.package.has(properties) else None
        except UnreadableWorkbook:
            root = None
        named = next((e.text for e in root.iter() if e.tag.endswith("}Application")), None) if root else None
        calculation = self.workbook.find(f"{self.tags.main}calcPr")
        if named in (None, "Microsoft Excel") and calculation is not None and calculation.get("calcId") == "124519":
            return "a script or program that writes workbooks without Excel (such as pandas, XlsxWriter or openpyxl)"
        return named.strip() if named else None


class _Values:
    """Turns a sheet's XML into cells, given the workbook's number formats, shared strings and calendar."""

    def __init__(self, tags: _Tags, formats: list[tuple[str, bool, bool]], strings: list[str], epoch: dt.datetime):
        self.tags, self.formats, self.strings, self.epoch = tags, formats, strings, epoch
        self.cells_in_workbook = 0

    def sheet(self, title: str, events: Iterator[tuple[str, Element]]) -> Sheet:
        tags = self.tags
        cells, merged, unsaved, formulas = {}, [], [], []
        row_number, column, last_row, last_column, data = 0, 0, 0, 0, None
        for event, element in events:
            tag = element.tag
            if event == "start":
                if tag == tags.row:
                    row_number, column = _row_number(element.get("r"), row_number, title), 0
                elif tag == tags.sheet_data:
                    data = element
                continue
            if tag == tags.c:
                row, column = _position(element.get("r"), row_number, column, title)
                cell, formula = self.cell(element, row, column, title)
                if formula == UNSAVED:
                    unsaved.append(cell.coordinate)
                elif formula:
                    formulas.append(cell.coordinate)
                if cell.value is not None:
                    cells[(row, column)] = cell
                    last_row, last_column = max(last_row, row), max(last_column, column)
                    if last_row * last_column > MAX_CELLS:
                        raise _too_large(title, (row, column), last_row, last_column)
                    self.cells_in_workbook += 1
                    if self.cells_in_workbook > MAX_WORKBOOK_CELLS:
                        raise UnreadableWorkbook(
                            f"the workbook's sheets hold more than {MAX_WORKBOOK_CELLS:,} cells with a value; a "
                            "return holds a few thousand. Delete the sheets that are not part of the return",
                            title,
                            "WORKBOOK_TOO_LARGE",
                        )
            elif tag == tags.row and data is not None:
                data.clear()  # the row's cells are read: let them go
            elif tag == tags.merge:
                merged.append(_merged_range(element.get("ref"), title))
        return Sheet(title, cells, merged, tuple(unsaved), tuple(formulas))

    def cell(self, c: Element, row: int, column: int, title: str) -> tuple[Cell, str | bool]:
        """The cell, and whether it holds a formula (UNSAVED for one without a saved result)."""
        cell = Cell(row, column)
        try:
            style = int(c.get("s") or 0)
            cell.number_format, is_date, is_duration = self.formats[style if 0 <= style < len(self.formats) else 0]
            cell.value = self.value(c, is_date, is_duration)
        except DAMAGE as error:
            raise UnreadableWorkbook(
                f"the cell's saved content cannot be read ({error}); retype it and save again",
                title,
                "CELL_DAMAGED",
                cell.coordinate,
            ) from error
        if c.find(self.tags.f) is None:
            return cell, False
        saved = c.find(self.tags.v)
        if saved is None or (not saved.text and c.get("t") != "str"):
            return cell, UNSAVED  # an empty text result (t="str" and <v/>) is a result: the formula gave ""
        return cell, True

    def value(self, c: Element, is_date: bool, is_duration: bool):
        kind = c.get("t", "n")
        if kind == "inlineStr":
            inline = c.find(self.tags.inline)
            return _text(inline, self.tags) if inline is not None else None
        text = c.findtext(self.tags.v) or None
        if text is None:
            return None
        if kind == "n":
            number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            if not math.isfinite(number):
                raise ValueError(f"the number {text[:24]} is beyond the numbers Excel can hold")
            if not is_date:
                return number
            try:
                return from_excel(number, self.epoch, timedelta=is_duration)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl reads it: a serial outside the dates Excel can show
        if kind == "s":
            index = int(text)
            if not 0 <= index < len(self.strings):
                raise IndexError(f"shared text number {index} is not in the workbook's {len(self.strings)} entries")
            return self.strings[index]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        if kind == "str":
            return _decoded(text) or None  # a formula's text result ("" shows as an empty cell)
        return text  # "e" (an error such as #N/A)


LAST_ROW, LAST_COLUMN = 1_048_576, 16_384  # Excel's


def _row_number(text: str | None, previous: int, sheet: str) -> int:
    try:
        number = int(text) if text else previous + 1
    except ValueError:
        number = 0
    if not 1 <= number <= LAST_ROW:
        raise UnreadableWorkbook(f"a row is numbered {text!r}, which no row of Excel's is", sheet, "CELL_DAMAGED")
    return number


def _position(reference: str | None, row: int, previous_column: int, sheet: str) -> tuple[int, int]:
    if not reference:
        return row, previous_column + 1
    try:
        found = coordinate_to_tuple(reference)
    except Exception:  # openpyxl raises its own CellCoordinatesException as well as ValueError
        found = (0, 0)
    if not (1 <= found[0] <= LAST_ROW and 1 <= found[1] <= LAST_COLUMN):
        raise UnreadableWorkbook(
            f"a cell on row {row} is named {reference!r}, which is not a cell reference", sheet, "CELL_DAMAGED"
        )
    return found


def _merged_range(reference: str | None, sheet: str) -> tuple[int, int, int, int]:
    """A merged range's (first column, first row, last column, last row); a whole-row or whole-column merge, or one
    without a reference, is refused by name."""
    if not reference:
        raise UnreadableWorkbook("a merged range has no reference; save the workbook again from Excel", sheet)
    try:
        bounds = range_boundaries(reference)
    except Exception as error:  # ValueError, or openpyxl's CellCoordinatesException
        raise UnreadableWorkbook(
            f"a merged range is written {reference!r}, which is not a range of cells; save the workbook again from "
            "Excel",
            sheet,
        ) from error
    if None in bounds:
        raise UnreadableWorkbook(
            f"the merged range {reference} covers whole rows or columns; unmerge it and save again",
            sheet,
            "SHEET_TOO_LARGE",
            reference,
        )
    first_column, first_row, last_column, last_row = bounds
    if not (1 <= first_row <= last_row <= LAST_ROW and 1 <= first_column <= last_column <= LAST_COLUMN):
        raise UnreadableWorkbook(f"the merged range {reference} is outside any sheet Excel can hold", sheet)
    return bounds


def _decoded(text: str) -> str:
    """Text with Excel's escapes for characters XML cannot hold (_x000D_ for a carriage return; _x005F_ for the
    underscore that would otherwise start one) turned back into the characters."""
    if "_x" not in text:
        return text
    decoded = ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    return decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")  # pairs joined, strays out


def _text(element: Element, tags: _Tags) -> str:
    """A string item's text: its plain text and its rich-text runs, without phonetic guides."""
    parts = [element.findtext(tags.t) or ""] if element.find(tags.t) is not None else []
    parts += [run.findtext(tags.t) or "" for run in element.iterfind(tags.r)]
    return _decoded("".join(parts))
