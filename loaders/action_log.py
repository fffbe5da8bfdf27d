"""Reads the improvement plan's action log workbook into checked actions, ready to store as a dated snapshot.

Like the monthly return reader, it accepts what a careful officer would accept and refuses what they would refuse:
- the table is found by its headings (in any order, under a title, after blank rows); a workstream cell merged
  across several actions applies to each of them; blank rows are skipped;
- statuses may be typed as the colour, its meaning ('on track') or its first letter; % complete as 40, 40% or
  0.4 formatted as a percentage; dates as Excel dates or text ('31/03/2025', 'March 2025' meaning its last day);
  impact KPIs as codes separated by commas, semicolons or spaces.
Every problem names its rule, sheet and cell. Errors reject the whole file; warnings need confirming.
"""

import datetime as dt
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from config import clock
from domain.brag import Status
from domain.catalogue import Catalogue
from domain.months import day_label, month_label
from domain.plan import MEANINGS, Action, status_from_name
from domain.workstreams import Workstream
from loaders.action_log_layout import (
    ACTIONS_SHEET,
    AS_AT_LABELS,
    COLUMNS,
    COVER_SHEET,
    LISTS_SHEET,
    MAX_TEXT,
    STATUS_WORDS,
)
from loaders.cells import normalise_text, read_date, read_number
from loaders.personal_data import CONTACTS_AND_IDENTIFIERS, personal_data_in
from loaders.problems import Problem, ReturnRejected
from loaders.return_layout import BACKFILL_SHEET
from loaders.upload_source import Source, name_of
from loaders.xlsx_cells import Workbook, read_workbook

HEADER_SEARCH_ROWS = 30
MIN_HEADINGS = 3  # a row with at least this many known headings is the table's heading row
_STATUS_LOOKUP = {word: name for name, words in STATUS_WORDS.items() for word in words}
_HEADING_LOOKUP = {normalise_text(s): c.key for c in COLUMNS for s in (c.heading, *c.synonyms)}
_KPI_SEPARATORS = re.compile(r"[,;/\s]+")


@dataclass
class ParsedActionLog:
    file_name: str
    as_at: dt.date
    actions: list[Action]
    source_rows: dict[str, str]  # action ID -> where it came from, e.g. 'Action log'!7
    warnings: list[Problem] = field(default_factory=list)

    @property
    def month(self) -> dt.date:
        return self.as_at.replace(day=1)


class _Reader:
    def __init__(self, sheet: str):
        self.sheet = sheet
        self.problems: list[Problem] = []

    def report(self, rule: str, message: str, cell: str | None = None, sheet: str | None = None) -> None:
        """A problem found; the rule registry says whether it blocks the file or needs confirming."""
        self.problems.append(Problem(rule, message, sheet or self.sheet, cell))


def _find_as_at(rows: list[tuple]) -> tuple[object, str | None]:
    """The value beside a cell reading 'As at' (or 'Snapshot date'), with its cell reference."""
    for cells in rows:
        for position, cell in enumerate(cells):
            if cell.value is not None and normalise_text(cell.value) in AS_AT_LABELS:
                for right in cells[position + 1 :]:
                    if right.value is not None:
                        return right.value, right.coordinate
                return None, f"{get_column_letter(cell.column + 1)}{cell.row}"
    return None, None


def _read_as_at(reader: _Reader, sheets: dict, today: dt.date) -> dt.date | None:
    raw, where, sheet_title = None, None, None
    for key in (normalise_text(COVER_SHEET), normalise_text(ACTIONS_SHEET)):
        sheet = sheets.get(key)
        if sheet is not None:
            raw, where = _find_as_at(list(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS)))
            sheet_title = sheet.title
            if where:
                break
    if raw is None:
        reader.report(
            "SNAPSHOT_DATE_MISSING",
            "give the date this snapshot of the plan is for beside 'As at' on the cover",
            where or "B4",
            sheet_title or COVER_SHEET,
        )
        return None
    as_at = read_date(raw)
    if as_at is None:
        reader.report("SNAPSHOT_DATE_UNREADABLE", f"'{raw}' is not a date (try 31/10/2026)", where, sheet_title)
    elif as_at > today:
        reader.report("SNAPSHOT_DATE_FUTURE", f"{day_label(as_at)} has not happened yet", where, sheet_title)
        return None
    return as_at


def _find_heading_row(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for number, cells in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns = {}
        for position, cell in enumerate(cells, start=1):
            key = _HEADING_LOOKUP.get(normalise_text(cell.value)) if cell.value is not None else None
            if key and key not in columns:
                columns[key] = position
        if len(columns) >= MIN_HEADINGS and "action_id" in columns:
            return number, columns
    return None


def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _check_text(reader: _Reader, text: str, what: str, cell: str) -> None:
    if len(text) > MAX_TEXT:
        reader.report(
            "ACTION_TEXT_TOO_LONG", f"the {what} is {len(text):,} characters; keep it under {MAX_TEXT:,}", cell
        )
    found = personal_data_in(text, CONTACTS_AND_IDENTIFIERS)
    if found:
        reader.report(
            "ACTION_PERSONAL_DATA",
            f"the {what} seems to contain {' and '.join(found)}; remove contact details and identifying numbers",
            cell,
        )


class _Row:
    """One row of the action log: its cells by column key, with merged cells filled in."""

    def __init__(self, cells: tuple, columns: dict[str, int], merged: dict[str, object], row_number: int):
        self.number = row_number
        self.refs, self.values, self.formats = {}, {}, {}
        for key, position in columns.items():
            cell = cells[position - 1] if position <= len(cells) else None
            ref = f"{get_column_letter(position)}{row_number}"
            self.refs[key] = ref
            self.values[key] = merged.get(ref, cell.value if cell is not None else None)
            self.formats[key] = getattr(cell, "number_format", None) or "General"


def _read_row(
    reader: _Reader, row: _Row, catalogue: Catalogue, workstreams: dict[str, Workstream], month: dt.date | None
) -> Action | None:
    errors_before = sum(p.is_error for p in reader.problems)
    ref, value = row.refs, row.values
    action_id = _text(value.get("action_id"))
    if not action_id:
        reader.report("ACTION_ID_MISSING", "this row has an action but no action ID", ref["action_id"])
    by_name = {normalise_text(w.name): code for code, w in workstreams.items()}
    typed = _text(value.get("workstream"))
    workstream = typed.split(" ")[0].upper() if typed else ""
    workstream = workstream if workstream in workstreams else by_name.get(normalise_text(typed), "")
    if not workstream:
        reader.report(
            "ACTION_WORKSTREAM_UNKNOWN",
            f"'{typed}' is not a workstream code such as {next(iter(workstreams))} (see the Lists sheet)",
            ref["workstream"],
        )
    elif month and not workstreams[workstream].in_plan(month):
        reader.report(
            "ACTION_WORKSTREAM_NOT_IN_PLAN",
            f"{workstream} is in the plan {workstreams[workstream].period.words}, and this log is for "
            f"{month_label(month)}: take its actions out of the log, or, if the plan still has it, change its "
            "months in the plan (data/workstreams.toml)",
            ref["workstream"],
        )
    text = _text(value.get("action"))
    if not text:
        reader.report("ACTION_TEXT_MISSING", "describe the action", ref["action"])
    _check_text(reader, text, "action", ref["action"])
    owner = _text(value.get("senior_officer"))
    if not owner:
        reader.report(
            "ACTION_OWNER_MISSING", "name the senior responsible officer (a role is fine)", ref["senior_officer"]
        )
    lead = _text(value.get("lead_officer")) or None
    update = _text(value.get("update")) or None
    if update:
        _check_text(reader, update, "update", ref["update"])
    start = _date(reader, value.get("start_date"), ref.get("start_date"), "start date", required=False)
    due = _date(reader, value.get("due_date"), ref["due_date"], "due date", required=True)
    if start and due and due < start:
        reader.report(
            "ACTION_DATES_REVERSED",
            f"the due date {due:%d/%m/%Y} is before the start date {start:%d/%m/%Y}",
            ref["due_date"],
        )
    status_text = normalise_text(value.get("status") or "")
    status_name = _STATUS_LOOKUP.get(status_text)
    if status_name is None:
        reader.report(
            "ACTION_STATUS_UNKNOWN", f"'{_text(value.get('status'))}' is not Blue, Green, Amber or Red", ref["status"]
        )
    percent = _percent(reader, row, action_id)
    codes = [c.upper() for c in _KPI_SEPARATORS.split(_text(value.get("impact_kpis"))) if c]
    unknown = [c for c in codes if c not in catalogue.kpis]
    if unknown:
        reader.report(
            "ACTION_KPI_UNKNOWN",
            f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the "
            "KPI catalogue (see the Lists sheet)",
            ref["impact_kpis"],
        )
    if sum(p.is_error for p in reader.problems) > errors_before:
        return None
    status = status_from_name(status_name)
    if not codes:
        reader.report(
            "ACTION_NO_IMPACT_KPI",
            f"{action_id} names no impact KPI, so its impact cannot be shown",
            ref["impact_kpis"],
        )
    outside = [catalogue.kpis[c] for c in dict.fromkeys(codes) if month and not catalogue.kpis[c].reported_in(month)]
    if outside:
        reader.report(
            "ACTION_KPI_NOT_REPORTED",
            "; ".join(f"{k.code} is reported {k.period.words}" for k in outside)
            + f", and this log is for {month_label(month)}, so {action_id}'s impact on "
            + ("it" if len(outside) == 1 else "them")
            + " is not shown: name a KPI the plan reports now",
            ref["impact_kpis"],
        )
    if percent is not None and (status is Status.BLUE) != (percent >= 100):
        reader.report(
            "ACTION_COMPLETE_MISMATCH",
            f"{action_id} is {status.value.label} ({MEANINGS[status]}) but {percent:g}% complete",
            ref["status"],
        )
    return Action(
        action_id, workstream, text, owner, lead, start, due, status, percent, tuple(dict.fromkeys(codes)), update
    )


def _date(reader: _Reader, raw, ref: str | None, what: str, required: bool) -> dt.date | None:
    if raw is None or _text(raw) == "":
        if required:
            reader.report("ACTION_DATE_UNREADABLE", f"the {what} is missing", ref)
        return None
    day = read_date(raw)
    if day is None:
        reader.report("ACTION_DATE_UNREADABLE", f"'{_text(raw)}' is not a date (try 31/03/2027)", ref)
    return day


def _percent(reader: _Reader, row: _Row, action_id: str) -> float | None:
    """% complete as a number from 0 to 100, from 40, '40%', or 0.4 shown as a percentage."""
    if "percent" not in row.refs:
        return None
    where = row.refs["percent"]
    number = read_number(row.values["percent"], row.formats["percent"])
    if number.error:
        reader.report("ACTION_PERCENT_INVALID", number.error, where)
        return None
    if number.missing:
        return None
    value = number.value
    if number.formatted_percent:
        value *= 100
    elif 0 < value < 1 and not number.typed_percent:
        value *= 100
        reader.report("PERCENT_AMBIGUOUS", f"{action_id}: {number.value:g} read as {value:g}% complete", where)
    value = round(value, 6)  # 0.55 x 100 is 55.000000000000007 in floating point
    if not 0 <= value <= 100:
        reader.report("ACTION_PERCENT_INVALID", f"{value:g}% is outside 0 to 100", where)
        return None
    return value


def looks_like_action_log(path: Path) -> bool:
    """Whether the file names an 'Action log' sheet, read from the workbook's sheet list without opening the
    workbook (the full checks come later; a damaged file is simply 'no')."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/workbook.xml") as part:
            listing = part.read(1_000_000).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    names = re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', listing)
    return normalise_text(ACTIONS_SHEET) in {normalise_text(html.unescape(n)) for n in names}


def _sheets(workbook) -> dict[str, object]:
    return {normalise_text(name): workbook[name] for name in workbook.sheetnames}


def read_action_log(
    source: Source,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    file_name: str | None = None,
    today: dt.date | None = None,
    workbook: Workbook | None = None,
) -> ParsedActionLog:
    """Read and check an action log (`workbook`, if it has been read from `source` already). Raises ReturnRejected
    listing every problem when there is any error."""
    file_name = name_of(source, file_name)
    workbook = workbook or read_workbook(source, file_name)
    try:
        sheets = _sheets(workbook)
        reader = _Reader(ACTIONS_SHEET)
        sheet = sheets.get(normalise_text(ACTIONS_SHEET))
        if sheet is None:
            if normalise_text(BACKFILL_SHEET) in sheets or set(map(normalise_text, catalogue.topics.values())) & set(
                sheets
            ):
                reader.problems.append(
                    Problem(
                        "WRONG_KIND_OF_FILE",
                        "this looks like a monthly return: upload it on the 'Upload monthly return' page",
                    )
                )
            else:
                reader.report("SHEET_MISSING", f"there is no '{ACTIONS_SHEET}' sheet")
            raise ReturnRejected(file_name, reader.problems)
        as_at = _read_as_at(reader, sheets, today or clock.today())
        actions, sources = _read_actions(reader, sheet, catalogue, workstreams, as_at.replace(day=1) if as_at else None)
        known = {normalise_text(n) for n in (COVER_SHEET, ACTIONS_SHEET, LISTS_SHEET)}
        for key, other in sheets.items():
            if key not in known and not other.is_empty:  # an empty sheet holds nothing to leave unread
                reader.problems.append(
                    Problem(
                        "SHEET_UNKNOWN",
                        f"the sheet '{other.title}' is not part of the action log and was not read",
                        other.title,
                    )
                )
    finally:
        workbook.close()
    if any(p.is_error for p in reader.problems) or as_at is None:
        raise ReturnRejected(file_name, reader.problems)
    return ParsedActionLog(file_name, as_at, actions, sources, [p for p in reader.problems if not p.is_error])


def _read_actions(
    reader: _Reader, sheet, catalogue: Catalogue, workstreams: dict[str, Workstream], month: dt.date | None
):
    rows = list(sheet.iter_rows())
    found = _find_heading_row(rows)
    if found is None:
        reader.report(
            "TABLE_MISSING",
            "no heading row with 'Action ID' and the other action log headings was found "
            f"in the first {HEADER_SEARCH_ROWS} rows",
        )
        return [], {}
    header_row, columns = found
    missing = [c.heading for c in COLUMNS if c.required and c.key not in columns]
    for heading in missing:
        reader.report(
            "COLUMN_MISSING", f"no column headed '{heading}' in the heading row", f"{header_row}:{header_row}"
        )
    if missing:
        return [], {}
    merged = sheet.merged_values()
    actions, sources, first_row = [], {}, {}
    for number in range(header_row + 1, len(rows) + 1):
        cells = rows[number - 1]
        row = _Row(cells, columns, merged, number)
        if all(_text(row.values.get(k)) == "" for k in columns if k != "workstream"):
            continue  # a blank row, or only a merged workstream cell running past the last action
        action = _read_row(reader, row, catalogue, workstreams, month)
        action_id = _text(row.values.get("action_id"))
        if action_id and action_id in first_row:
            reader.report(
                "ACTION_DUPLICATE", f"{action_id} is also on row {first_row[action_id]}", row.refs["action_id"]
            )
            continue
        if action_id:
            first_row[action_id] = number
        if action is not None:
            actions.append(action)
            sources[action.action_id] = f"'{sheet.title}'!{number}"
    if not actions and not any(p.is_error for p in reader.problems):
        reader.report("NO_ACTIONS", "no actions were found under the headings")
    return actions, sources
