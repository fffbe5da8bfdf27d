"""Reading an Annex A workbook: find each list, match its headings, check every row, and keep the lists in memory
only, as tables for the child-level definitions (domain.child_level).

Nothing of any row leaves this module except through those definitions' figures: a problem names the list, the row
number and the column heading, never what the cell holds when the column is personal (loaders.annex_a_layout
PERSONAL), and the tables are dropped when the figures are worked out.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from config import clock
from domain.child_level import month_end
from domain.months import day_label, first_of_month
from domain.working_days import working_days_between
from loaders.annex_a_layout import (
    BY_NUMBER,
    DATE,
    ID,
    PERSONAL,
    TEXT,
    WHOLE,
    Field,
    ListLayout,
    heading_index,
    list_number,
    normalised,
)
from loaders.problems import CappedProblems, Problem
from loaders.xlsx_cells import Workbook

HEADER_SEARCH_ROWS = 10  # the headings are in one of the sheet's first rows
NOT_RECORDED = {"", "#n/a", "n/a", "na", "null", "none", "-", "unknown"}
_DATE_TEXT = (
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"), (1, 2, 3)),
)
# (list, start, end): an end before its start is refused
SPANS = (
    (2, "start_date", "end_date"),
    (4, "assessment_start", "assessment_authorised"),
    (5, "s47_start", "icpc_date"),
    (6, "cin_start", "cin_closure"),
    (7, "cp_start", "cp_end"),
    (8, "cla_start", "cla_end"),
)
# The dates that say how far the lists run: the month is the one holding the latest of them.
EVENT_DATES = {1: "contact_date", 3: "referral_date", 4: "assessment_authorised", 5: "icpc_date"}


@dataclass
class ParsedAnnexA:
    file_name: str
    month: dt.date | None  # the month the figures are for
    latest_date: dt.date | None  # the latest contact, referral, assessment or conference date in the lists
    tables: dict[int, pd.DataFrame]  # in memory only
    row_counts: dict[int, int]  # rows read per list
    missing_fields: dict[int, set[str]]  # fields a list has no column for
    problems: list[Problem] = field(default_factory=list)


def _as_date(value) -> dt.date | str | None:
    """A date, None for blank, or 'bad'."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):  # a date typed as its Excel serial number, not formatted as a date
        if 20_000 <= value <= 80_000 and float(value).is_integer():
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        return "bad"
    text = str(value).strip()
    if text.lower() in NOT_RECORDED:
        return None
    for pattern, order in _DATE_TEXT:
        found = pattern.match(text)
        if found:
            year, month, day = (int(found.group(i)) for i in order)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return "bad"
    return "bad"


def _as_whole(value) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and value >= 0 else "bad"
    text = str(value).strip()
    if text.lower() in NOT_RECORDED:
        return None
    return int(text) if text.isdigit() else "bad"


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).replace("\xa0", " ").split())
    return None if text.lower() in NOT_RECORDED else text


def _header_row(rows: list[tuple], layout: ListLayout) -> int | None:
    index = heading_index(layout)
    best, best_hits = None, 0
    for number, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in cells if cell.value is not None and normalised(cell.value) in index)
        if hits > best_hits:
            best, best_hits = number, hits
    return best if best_hits >= 1 else None


class _ListReader:
    def __init__(self, layout: ListLayout, sheet, problems: CappedProblems, today: dt.date):
        self.layout, self.sheet, self.problems, self.today = layout, sheet, problems, today
        self.name = sheet.title

    def read(self) -> tuple[pd.DataFrame | None, int, set[str]]:
        rows = list(self.sheet.iter_rows())
        if not self.layout.fields:  # counted only: the rows below the headings
            return None, sum(1 for cells in rows[1:] if any(c.value is not None for c in cells)), set()
        header = _header_row(rows, self.layout)
        if header is None:
            self.problems.add(
                "ANNEX_COLUMN_MISSING",
                f"no headings of {self.layout.name} ({self.layout.title}) were found in its first "
                f"{HEADER_SEARCH_ROWS} rows",
                self.name,
            )
            return None, 0, set()
        columns = self._columns(rows[header])
        missing = {f.key for f in self.layout.fields} - set(columns.values())
        required = [f for f in self.layout.fields if f.required and f.key in missing]
        for f in required:
            self.problems.add(
                "ANNEX_COLUMN_MISSING",
                f"{self.layout.name} ({self.layout.title}) needs a column headed '{f.headings[0]}' "
                f"(or {', '.join(repr(h) for h in f.headings[1:3]) or 'a known variant'})",
                self.name,
            )
        if required:
            return None, 0, missing
        unsaved = set(self.sheet.unsaved_formulas)
        values: dict[str, list] = {f.key: [] for f in self.layout.fields}
        sheet_rows: list[int] = []  # the worksheet row of each table row, for problems found across rows
        count = 0
        for cells in rows[header + 1 :]:
            if all(c.value is None for c in cells):
                continue
            count += 1
            row = self._row(cells, columns, unsaved)
            if row is not None:
                sheet_rows.append(cells[0].row)
                for key in values:
                    values[key].append(row.get(key))
        frame = pd.DataFrame({key: pd.Series(column, dtype=_dtype(self._field(key))) for key, column in values.items()})
        frame["sheet_row"] = pd.Series(sheet_rows, dtype="int64")
        return frame, count, missing

    def _field(self, key: str) -> Field:
        return next(f for f in self.layout.fields if f.key == key)

    def _columns(self, header_cells) -> dict[int, str]:
        index, columns, seen = heading_index(self.layout), {}, {}
        for cell in header_cells:
            if cell.value is None or not str(cell.value).strip():
                continue
            found = index.get(normalised(cell.value))
            if found is None:
                self.problems.add(
                    "ANNEX_COLUMN_UNKNOWN",
                    f"the column headed '{str(cell.value).strip()}' is not a known {self.layout.name} heading; "
                    "it is not read",
                    self.name,
                    cell.coordinate,
                )
                continue
            if found.key in seen:
                self.problems.add(
                    "ANNEX_COLUMN_DUPLICATE",
                    f"two columns ({seen[found.key]} and {get_column_letter(cell.column)}) are both "
                    f"'{found.headings[0]}'; remove one",
                    self.name,
                    cell.coordinate,
                )
                continue
            seen[found.key] = get_column_letter(cell.column)
            columns[cell.column] = found.key
        return columns

    def _row(self, cells, columns: dict[int, str], unsaved: set[str]) -> dict | None:
        row, ok = {}, True
        for cell in cells:
            key = columns.get(cell.column)
            if key is None:
                continue
            f = self._field(key)
            where = f"row {cell.row}, column '{f.headings[0]}'"
            if cell.coordinate in unsaved:
                self.problems.add(
                    "FORMULA_NO_VALUE",
                    f"{where}: a formula with no saved result; open the file in Excel and save it again",
                    self.name,
                    cell.coordinate,
                )
                ok = False
                continue
            value = self._value(f, cell, where)
            if value == "bad":
                ok = False
            else:
                row[key] = value
        if not ok:
            return None
        if row.get("child_id") is None and self.layout.fields and self.layout.fields[0].kind == ID:
            self.problems.add(
                "ANNEX_ID_MISSING", f"row {cells[0].row} has no child identifier", self.name, f"A{cells[0].row}"
            )
            return None
        return row if self._row_rules(row, cells[0].row) else None

    def _value(self, f: Field, cell, where: str):
        shown = "" if f.key in PERSONAL else f" ('{_as_text(cell.value)}')"
        if f.kind == DATE:
            value = _as_date(cell.value)
            if value == "bad":
                self.problems.add("ANNEX_DATE_INVALID", f"{where}: not a date{shown}", self.name, cell.coordinate)
            elif value is not None and value > self.today:
                self.problems.add(
                    "ANNEX_DATE_FUTURE", f"{where}: a date after today{shown}", self.name, cell.coordinate
                )
                return "bad"
            return value
        if f.kind == WHOLE:
            value = _as_whole(cell.value)
            if value == "bad":
                self.problems.add(
                    "ANNEX_NUMBER_INVALID", f"{where}: not a whole number, 0 or more{shown}", self.name, cell.coordinate
                )
            return value
        return _as_text(cell.value)  # text and identifiers

    def _row_rules(self, row: dict, number: int) -> bool:
        for list_number_, start, end in SPANS:
            if list_number_ == self.layout.number and row.get(start) and row.get(end) and row[end] < row[start]:
                self.problems.add(
                    "ANNEX_END_BEFORE_START",
                    f"row {number}: '{self._field(end).headings[0]}' is before '{self._field(start).headings[0]}'",
                    self.name,
                    f"A{number}",
                )
                return False
        return True


def _dtype(f: Field) -> str:
    return {DATE: "object", WHOLE: "Int64", TEXT: "string", ID: "string"}[f.kind]


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _who_cannot_be_there(
    tables: dict[int, pd.DataFrame], as_at: dt.date, problems: CappedProblems, sheets: dict[int, str]
) -> None:
    """A child in a list they cannot be in: looked after, or on a child protection plan, on or after their 18th
    birthday; a care leaver under 16. And the same period of care or plan twice."""
    day = month_end(first_of_month(as_at))
    checks = ((8, "cla_start", "cla_end", "looked after"), (7, "cp_start", "cp_end", "on a child protection plan"))
    for number, start, end, words in checks:
        frame = tables.get(number)
        if frame is None or "date_of_birth" not in frame:
            continue
        for row, birth, began, ended in zip(
            frame["sheet_row"], frame["date_of_birth"], frame[start], frame[end], strict=True
        ):
            if pd.isna(birth) or pd.isna(began) or (not pd.isna(ended) and ended <= day):
                continue
            if _age(birth, day) >= 18:
                problems.add(
                    "ANNEX_NOT_IN_LIST",
                    f"row {row}: a child {words} at the month's end on or after their 18th birthday",
                    sheets[number],
                    f"A{row}",
                )
        for row in frame["sheet_row"][frame.duplicated(subset=["child_id", start], keep="first")]:
            problems.add(
                "ANNEX_ROW_DUPLICATE",
                f"row {row}: the same child and start date as an earlier row",
                sheets[number],
                f"A{row}",
            )
    leavers = tables.get(9)
    if leavers is not None:
        for row, birth in zip(leavers["sheet_row"], leavers["date_of_birth"], strict=True):
            if not pd.isna(birth) and _age(birth, day) < 16:
                problems.add("ANNEX_NOT_IN_LIST", f"row {row}: a care leaver under 16", sheets[9], f"A{row}")


def read_annex_a(workbook: Workbook, file_name: str, today: dt.date | None = None) -> ParsedAnnexA:
    """Every list of the workbook, checked. Writes nothing; the tables are only in memory."""
    today = today or clock.today()
    problems = CappedProblems()
    tables, counts, missing, sheets = {}, {}, {}, {}
    for name in workbook.sheetnames:
        number = list_number(name)
        if number is None:
            if not workbook[name].is_empty:  # an empty sheet holds nothing to leave unread
                problems.add("ANNEX_LIST_UNKNOWN", "a sheet that is not one of Annex A's lists; it is not read", name)
            continue
        if number in sheets:
            problems.add(
                "ANNEX_LIST_DUPLICATE", f"two sheets ('{sheets[number]}' and '{name}') hold List {number}", name
            )
            continue
        sheets[number] = name
        reader = _ListReader(BY_NUMBER[number], workbook[name], problems, today)
        frame, count, absent = reader.read()
        counts[number] = count
        if frame is not None and BY_NUMBER[number].fields:
            tables[number], missing[number] = frame, absent
    if not sheets:
        problems.add(
            "ANNEX_NO_LISTS",
            "no sheet is one of Annex A's lists (sheets named 'List 1' ... 'List 11', or 'Contacts', 'Referrals' ...)",
        )
    tables = {n: t.reset_index(drop=True) for n, t in tables.items()}
    latest = _latest(tables)
    if sheets and latest is None and not problems.found:
        problems.add(
            "ANNEX_NO_DATES",
            "no contact, referral, assessment or conference date was found, so the month cannot be told",
        )
    month = first_of_month(latest) if latest else None
    if latest:
        _who_cannot_be_there(tables, latest, problems, sheets)
        if partial := part_month(latest):
            problems.add("ANNEX_MONTH_PART", partial)
    return ParsedAnnexA(file_name, month, latest, tables, counts, missing, problems.finished())


PART_MONTH_WORKING_DAYS = 2  # a month-end extract has contacts up to its last working day or close to it


def part_month(latest: dt.date) -> str | None:
    """Why the month may be partial, if the lists stop well before it ends (taken mid-month, its counts would be
    short, and a later, whole extract would be a revision); None for a month-end extract."""
    end = month_end(first_of_month(latest))
    try:
        after = working_days_between(latest, end)
    except KeyError:  # beyond the shipped bank-holiday table: the check is skipped, not guessed
        return None
    if after <= PART_MONTH_WORKING_DAYS:
        return None
    return (
        f"the latest contact, referral, assessment or conference in the lists is on {day_label(latest)}, {after} "
        f"working days before the month ends: if the lists were taken before {day_label(end)}, {latest:%B}'s figures "
        "count only part of the month"
    )


def _latest(tables: dict[int, pd.DataFrame]) -> dt.date | None:
    found = [
        day
        for number, key in EVENT_DATES.items()
        if number in tables and key in tables[number]
        for day in tables[number][key]
        if not pd.isna(day)
    ]
    return max(found) if found else None
