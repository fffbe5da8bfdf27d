"""Reads a monthly return (or a backfill workbook) into checked figures, ready to store.

The reader accepts what a careful officer would accept and refuses what they would refuse, saying why:
- tables are found by their headings, so titles above them, blank rows and columns, merged cells and moved
  tables are fine; rows are matched by KPI code, or by title ignoring case and spacing;
- numbers stored as text, thousands separators and percentages typed as 23, 23% or 0.23 are read (an ambiguous
  percentage is read the way that fits recent months, with a warning); blanks and markers such as n/a mean missing;
- team rows on the team sheet are summed, so team figures are never typed twice.
Every problem names its rule, sheet and cell. Errors reject the whole file; warnings need confirming.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from domain.catalogue import Catalogue, Kpi
from domain.months import month_label
from domain.units import UNITS
from loaders.action_log_layout import ACTIONS_SHEET
from loaders.cells import CellNumber, normalise_text, read_month, read_number
from loaders.personal_data import CONTACTS_AND_IDENTIFIERS, personal_data_in, small_counts_in
from loaders.problems import Problem, ReturnRejected
from loaders.return_layout import (
    BACKFILL_SHEET,
    COVER_SHEET,
    HEADING_SYNONYMS,
    STATEMENT_HEADINGS,
    STATEMENTS_SHEET,
    TEAM_NAME_HEADING,
)
from loaders.upload_source import Source, name_of
from loaders.xlsx_cells import Workbook, read_workbook

HEADER_SEARCH_ROWS = 30
MAX_COMMENTARY = 2_000
MAX_STATEMENT = 600

RecentMedian = Callable[[str, dt.date], float | None]


@dataclass(frozen=True)
class ReturnRow:
    kpi_code: str
    month: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    commentary: str | None
    source_cell: str
    commentary_public: bool = False  # marked Yes in the return's "Commentary public" column


@dataclass(frozen=True)
class StatementRow:
    month: dt.date
    line: int
    workstream: str
    quote: str
    is_public: bool
    source_cell: str


@dataclass
class ParsedReturn:
    file_name: str
    months: list[dt.date]
    rows: list[ReturnRow]
    warnings: list[Problem] = field(default_factory=list)
    is_backfill: bool = False
    statements: list[StatementRow] = field(default_factory=list)
    council_text: object = None  # what the Cover sheet says beside 'Council' (None: blank, or no Cover)
    council_where: tuple[str | None, str | None] = (None, None)  # sheet and cell, e.g. ('Cover', 'B3')


def _ref(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


@dataclass
class _Table:
    """A table found on a sheet: its heading row and where each known column is."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # canonical heading -> 1-based column
    extra: dict[int, object]  # other headed columns: column -> heading cell value
    month: dt.date | None = None
    month_cell: str | None = None
    month_text: object = None


@dataclass(frozen=True)
class TeamTotals:
    """What the team sheet gives the KPIs computed from teams: the sum of each team column (by its key in the
    catalogue's [team_sheet]) and the range of cells each came from. `failed`: the sheet or its table is missing, and
    that problem explains the figures that are not there; no ranges: a sheet with no team rows."""

    sheet: str | None = None
    totals: dict[str, float] = field(default_factory=dict)
    ranges: dict[str, str] = field(default_factory=dict)
    failed: bool = False

    @property
    def present(self) -> bool:
        return bool(self.ranges)


def _find_labelled(rows: list[tuple], labels: tuple[str, ...], before_row: int) -> tuple:
    """The first value right of a cell reading one of `labels`: (cell reference, raw value), or (None, None)."""
    for row_number, cells in enumerate(rows[:before_row], start=1):
        for column, cell in enumerate(cells, start=1):
            if cell.value is not None and normalise_text(cell.value) in labels:
                for right in range(column, len(cells)):
                    raw = cells[right].value
                    if raw is not None:
                        return _ref(right + 1, row_number), raw
    return None, None


def _find_month_label(rows: list[tuple], sheet: str, before_row: int) -> tuple:
    """The value beside a cell reading 'Month' above the table: (month, cell reference, raw value)."""
    where, raw = _find_labelled(rows, ("month", "reporting month", "month ending"), before_row)
    return (read_month(raw), where, raw) if where else (None, None, None)


def _find_table(rows: list[tuple], sheet: str, headings: dict[str, tuple[str, ...]], needs: set[str]) -> _Table | None:
    """The first row (in the top rows) whose cells include every heading in `needs`."""
    lookup = {synonym: name for name, synonyms in headings.items() for synonym in synonyms}
    for row_number, cells in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns, extra = {}, {}
        for column, cell in enumerate(cells, start=1):
            if cell.value is None:
                continue
            name = lookup.get(normalise_text(cell.value))
            if name and name not in columns:
                columns[name] = column
            else:
                extra[column] = cell.value
        if needs <= set(columns):
            month, month_cell, month_text = _find_month_label(rows, sheet, row_number - 1)
            return _Table(sheet, row_number, columns, extra, month, month_cell, month_text)
    return None


class _Reader:
    def __init__(self, catalogue: Catalogue, recent_median: RecentMedian | None):
        self.catalogue = catalogue
        self.recent_median = recent_median or (lambda code, month: None)
        self.problems: list[Problem] = []
        self.rows: dict[tuple[str, dt.date], ReturnRow] = {}
        self.statements: list[StatementRow] = []
        self.seen: set[str] = set()  # KPIs with a row, even one refused for an error
        self.row_origin: dict[tuple[str, dt.date], str] = {}
        self.by_title = {normalise_text(k.title): k for k in catalogue}
        self.on_council: Callable[[object], None] = lambda council: None
        self.council: tuple = (None, None, None)  # sheet, cell, and what the Cover says beside 'Council'
        self.small_count_limit: int | None = None  # the public view's threshold: public commentary is checked

    # -- problems -------------------------------------------------------------------------------------------------
    def report(self, rule: str, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        """A problem found; the rule registry says whether it blocks the file or needs confirming."""
        self.problems.append(Problem(rule, message, sheet, cell))

    def not_reported(self, kpi: Kpi, month: dt.date, sheet: str, cell: str) -> None:
        self.report(
            "KPI_NOT_REPORTED",
            f"{kpi.code} {kpi.title} is not reported in {month_label(month)} ({kpi.reporting_period} in the KPI "
            "catalogue): delete what is typed for it, or ask for its reporting period in the catalogue to be changed",
            sheet,
            cell,
        )

    # -- single cells ---------------------------------------------------------------------------------------------
    def number(self, cell, sheet: str, what: str | Callable[[], str]) -> CellNumber:
        """A number from a cell; `what` names it in messages (a callable is only called if there is a problem)."""
        result = read_number(cell.value, cell.number_format)
        if result.error or (result.value is not None and result.value < 0):
            name = what() if callable(what) else what
            if result.error:
                self.report(
                    "VALUE_NOT_NUMERIC", f"{name} should be a number, but {result.error}", sheet, cell.coordinate
                )
            else:
                self.report("VALUE_NEGATIVE", f"{name} cannot be negative ({result.value:g})", sheet, cell.coordinate)
                return CellNumber(error="negative")
        return result

    def value_in_unit(self, kpi: Kpi, number: CellNumber, month: dt.date, sheet: str, cell: str) -> float | None:
        """A typed value in the KPI's unit; percentages typed as 23, 23% or 0.23 are resolved here."""
        value = number.value
        if value is None or kpi.unit != "percent" or number.typed_percent:
            return value
        if number.formatted_percent:
            return value * 100
        if 0 < value <= 1:
            recent = self.recent_median(kpi.code, month)
            as_fraction = value * 100
            chosen = as_fraction
            if recent is not None and abs(value - recent) < abs(as_fraction - recent):
                chosen = value
            reason = "closer to recent months" if recent is not None else "no recent months to compare with"
            self.report(
                "PERCENT_AMBIGUOUS",
                f"{kpi.code}: {value:g} could mean {value:g}% or {as_fraction:g}%; read as {chosen:g}% ({reason}). "
                "Type the % sign to make it certain",
                sheet,
                cell,
            )
            return chosen
        return value

    def check_range(self, kpi: Kpi, value: float | None, sheet: str, cell: str) -> float | None:
        if value is None:
            return None
        if kpi.unit == "percent" and value > 100:
            self.report("PERCENT_OUT_OF_RANGE", f"{kpi.code}: {value:g}% is more than 100%", sheet, cell)
            return None
        if kpi.unit == "count" and value != int(value):
            self.report("VALUE_NOT_WHOLE", f"{kpi.code}: a count must be a whole number, not {value:g}", sheet, cell)
            return None
        return value

    # -- ratios ---------------------------------------------------------------------------------------------------
    def ratio(self, kpi: Kpi, numerator: float | None, denominator: float | None, sheet: str, cells: tuple[str, str]):
        """The value computed from a numerator and denominator, after checking they make sense together."""
        if numerator is None and denominator is None:
            return None
        if numerator is None or denominator is None:
            missing = cells[0] if numerator is None else cells[1]
            self.report("RATIO_INCOMPLETE", f"{kpi.code}: give both the numerator and the denominator", sheet, missing)
            return None
        if denominator == 0:
            if numerator == 0:
                self.report(
                    "NOTHING_TO_MEASURE",
                    f"{kpi.code}: numerator and denominator are both 0, so there is "
                    "nothing to measure this month; it will show as No data",
                    sheet,
                    cells[1],
                )
            else:
                self.report(
                    "DENOMINATOR_ZERO",
                    f"{kpi.code}: the denominator is 0 but the numerator is {numerator:g}",
                    sheet,
                    cells[1],
                )
            return None
        if kpi.unit == "percent" and numerator > denominator:
            self.report(
                "NUMERATOR_EXCEEDS_DENOMINATOR",
                f"{kpi.code}: the numerator ({numerator:g}) is larger than the denominator ({denominator:g})",
                sheet,
                cells[0],
            )
            return None
        return numerator / denominator * UNITS[kpi.unit].scale

    # -- storing rows ---------------------------------------------------------------------------------------------
    def add(self, row: ReturnRow, sheet: str, cell: str) -> None:
        key = (row.kpi_code, row.month)
        earlier = self.rows.get(key)
        if earlier is None:
            self.rows[key] = row
            self.row_origin[key] = f"'{sheet}'!{cell}"
            return
        same = earlier.value == row.value or (
            earlier.value is not None and row.value is not None and abs(earlier.value - row.value) < 1e-9
        )
        if not same:
            self.report(
                "KPI_DUPLICATE",
                f"{row.kpi_code} appears twice with different figures (also at {self.row_origin[key]})",
                sheet,
                cell,
            )

    def identify(self, code_cell, title_cell, has_numbers: bool, sheet: str, row_number: int) -> Kpi | None:
        code = str(code_cell.value).strip().upper() if code_cell is not None and code_cell.value is not None else ""
        title = normalise_text(title_cell.value) if title_cell is not None and title_cell.value is not None else ""
        if code:
            kpi = self.catalogue.kpis.get(code)
            if kpi is None:
                if has_numbers or title in self.by_title:
                    self.report(
                        "KPI_UNKNOWN", f"'{code}' is not a KPI code in the catalogue", sheet, code_cell.coordinate
                    )
                return None
            other = self.by_title.get(title)
            if other is not None and other.code != kpi.code:
                self.report(
                    "KPI_CODE_TITLE_CONFLICT",
                    f"the code says {kpi.code} ({kpi.title}) but the title is "
                    f"{other.code}'s; check the rows have not been moved",
                    sheet,
                    code_cell.coordinate,
                )
                return None
            return kpi
        if title:
            kpi = self.by_title.get(title)
            if kpi is None and has_numbers:
                self.report(
                    "KPI_UNKNOWN", f"'{title_cell.value}' is not a KPI in the catalogue", sheet, title_cell.coordinate
                )
            return kpi
        if has_numbers:
            where = title_cell or code_cell
            self.report(
                "KPI_UNKNOWN",
                "figures on a row with no KPI code or title",
                sheet,
                where.coordinate if where is not None else _ref(1, row_number),
            )
        return None


def _cell(cells: tuple, column: int | None):
    if column is None or column > len(cells):
        return None
    return cells[column - 1]


def _typed(cell) -> bool:
    """Whether something is typed in the cell (the template's note that a figure comes from the team sheet is not)."""
    return cell is not None and cell.value is not None and not str(cell.value).startswith("from ")


def _commentary(reader: _Reader, cell, sheet: str) -> str | None:
    if cell is None or cell.value is None:
        return None
    text = str(cell.value).strip()
    if len(text) > MAX_COMMENTARY:
        reader.report(
            "COMMENTARY_TOO_LONG",
            f"commentary is {len(text)} characters; the limit is {MAX_COMMENTARY}",
            sheet,
            cell.coordinate,
        )
        return None
    found = personal_data_in(text, CONTACTS_AND_IDENTIFIERS)
    if found:
        reader.report(
            "COMMENTARY_PERSONAL_DATA",
            f"the commentary seems to contain {' and '.join(found)}; remove contact details and identifying numbers",
            sheet,
            cell.coordinate,
        )
        return None
    return text or None


def _check_public_commentary(reader: _Reader, text: str, limit: int, sheet: str, cell) -> None:
    found = small_counts_in(text, limit)
    if found:
        reader.report(
            "COMMENTARY_SMALL_NUMBER",
            f"the commentary is marked public and mentions {' and '.join(repr(f) for f in found)}; the public view "
            f"hides counts of children from 1 to {limit}: reword it (for example 'fewer than {limit + 1}'), or keep "
            "it for members",
            sheet,
            cell.coordinate,
        )


def _read_topic_table(reader: _Reader, table: _Table, rows: list[tuple], month: dt.date, teams: TeamTotals) -> None:
    sheet, columns = table.sheet, table.columns
    for row_number in range(table.header_row + 1, len(rows) + 1):
        cells = rows[row_number - 1]
        code_cell, title_cell = _cell(cells, columns.get("Code")), _cell(cells, columns.get("KPI"))
        value_cell, num_cell, den_cell = (_cell(cells, columns.get(n)) for n in ("Value", "Numerator", "Denominator"))
        inputs = [c for c in (value_cell, num_cell, den_cell) if c is not None]
        has_numbers = any(isinstance(c.value, (int, float)) and not isinstance(c.value, bool) for c in inputs)
        if all(c is None or c.value is None for c in (code_cell, title_cell, *inputs)):
            continue
        kpi = reader.identify(code_cell, title_cell, has_numbers, sheet, row_number)
        if kpi is None:
            continue
        reader.seen.add(kpi.code)
        if not kpi.reported_in(month):
            typed = [c for c in (*inputs, _cell(cells, columns.get("Commentary"))) if _typed(c)]
            if typed:
                reader.not_reported(kpi, month, sheet, typed[0].coordinate)
            continue  # a blank row for it (an older template's) is passed over
        errors_before = sum(p.is_error for p in reader.problems)
        commentary_cell = _cell(cells, columns.get("Commentary"))
        commentary = _commentary(reader, commentary_cell, sheet)
        public = commentary is not None and _yes(_cell(cells, columns.get("Commentary public")))
        if public and reader.small_count_limit:
            _check_public_commentary(reader, commentary, reader.small_count_limit, sheet, commentary_cell)
        if kpi.from_teams and teams.present:
            row = _team_kpi(reader, kpi, month, teams, commentary)
            if row is not None:
                row = dataclasses.replace(row, commentary_public=public)
                reader.add(row, sheet, (code_cell or title_cell).coordinate)
            continue
        if kpi.from_teams and value_cell is not None and str(value_cell.value or "").startswith("from "):
            typed = CellNumber(missing=True)  # the template's note "from 'Caseloads by team'" with no team rows
        elif value_cell is not None:
            typed = reader.number(value_cell, sheet, f"{kpi.code} value")
        else:
            typed = CellNumber()
        where = value_cell.coordinate if value_cell is not None else (code_cell or title_cell).coordinate
        value = reader.value_in_unit(kpi, typed, month, sheet, where)
        numerator = denominator = None
        source = f"'{sheet}'!{where}"
        if kpi.is_ratio and num_cell is not None and den_cell is not None:
            top = reader.number(num_cell, sheet, f"{kpi.code} numerator")
            bottom = reader.number(den_cell, sheet, f"{kpi.code} denominator")
            if top.error or bottom.error:
                continue  # the cell's own problem says it all
            numerator, denominator = top.value, bottom.value
            computed = reader.ratio(kpi, numerator, denominator, sheet, (num_cell.coordinate, den_cell.coordinate))
            if numerator is not None or denominator is not None:
                source = f"'{sheet}'!{num_cell.coordinate}:{den_cell.coordinate}"
                if (
                    computed is not None
                    and value is not None
                    and abs(round(computed, kpi.decimals) - round(value, kpi.decimals)) > 10**-kpi.decimals
                ):
                    reader.report(
                        "VALUE_MISMATCH",
                        f"{kpi.code}: the value {value:g} does not match numerator ÷ "
                        f"denominator ({computed:.{kpi.decimals}f})",
                        sheet,
                        where,
                    )
                value = computed
        if (
            kpi.is_ratio
            and kpi.suppress_small_numbers
            and value is not None
            and numerator is None
            and denominator is None
        ):
            reader.report(
                "RATIO_PARTS_MISSING",
                f"{kpi.code}: give the numerator and the denominator, not only the "
                f"{kpi.unit.replace('_', ' ')}: without them a small number of children could be shown to "
                "the public",
                sheet,
                where,
            )
        value = reader.check_range(kpi, value, sheet, where)
        if sum(p.is_error for p in reader.problems) > errors_before:
            continue  # a row with an error is not stored, and needs no further warnings
        if value is None and kpi.from_teams and teams.failed:
            continue  # the team sheet's own problem explains the missing figure
        if value is None and not any(
            p.rule in ("DENOMINATOR_ZERO", "NOTHING_TO_MEASURE") and p.cell == (den_cell and den_cell.coordinate)
            for p in reader.problems
        ):
            reader.report("VALUE_MISSING", f"{kpi.code} {kpi.title}: no figure; it will show as No data", sheet, where)
        reader.add(
            ReturnRow(kpi.code, month, value, numerator, denominator, commentary, source, public),
            sheet,
            (code_cell or title_cell).coordinate,
        )


def _read_team_sheet(reader: _Reader, catalogue: Catalogue, sheet_name: str, rows: list[tuple]) -> TeamTotals:
    """Sums of each team column over the team rows, with the cells they came from."""
    spec = catalogue.team_sheet
    headings = {TEAM_NAME_HEADING: ("team", "team name")}
    headings.update({c.key: (normalise_text(c.heading),) for c in spec.columns})
    table = _find_table(rows, sheet_name, headings, set(headings))
    if table is None:
        reader.report(
            "TEAM_TABLE_MISSING",
            "the team table's headings were not found: "
            + ", ".join([TEAM_NAME_HEADING] + [c.heading for c in spec.columns]),
            sheet_name,
        )
        return TeamTotals(failed=True)
    totals = {c.key: 0.0 for c in spec.columns}
    first = last = None
    for row_number in range(table.header_row + 1, len(rows) + 1):
        cells = rows[row_number - 1]
        name_cell = _cell(cells, table.columns[TEAM_NAME_HEADING])
        figure_cells = {c.key: _cell(cells, table.columns[c.key]) for c in spec.columns}
        if all(c is None or c.value is None for c in (name_cell, *figure_cells.values())):
            continue
        name = str(name_cell.value).strip() if name_cell is not None and name_cell.value is not None else ""
        if not name:
            reader.report(
                "TEAM_NAME_MISSING",
                "a row of team figures has no team name",
                sheet_name,
                _ref(table.columns[TEAM_NAME_HEADING], row_number),
            )
        figures = {}
        for column in spec.columns:
            cell = figure_cells[column.key]
            number = reader.number(cell, sheet_name, f"{name or 'team'}: {column.heading}")
            if number.missing:
                reader.report(
                    "TEAM_FIGURE_MISSING",
                    f"{name or 'team'}: '{column.heading}' is empty; every team "
                    "needs every figure, or the totals would be understated",
                    sheet_name,
                    cell.coordinate,
                )
            elif number.value is not None:
                if column.whole and number.value != int(number.value):
                    reader.report(
                        "VALUE_NOT_WHOLE",
                        f"{name}: '{column.heading}' must be a whole number",
                        sheet_name,
                        cell.coordinate,
                    )
                figures[column.key] = number.value
                totals[column.key] += number.value
        for kpi in catalogue:
            if kpi.from_teams and kpi.unit == "percent":
                top, bottom = kpi.from_teams
                if figures.get(top, 0) > figures.get(bottom, float("inf")):
                    reader.report(
                        "NUMERATOR_EXCEEDS_DENOMINATOR",
                        f"{name}: '{_heading(spec, top)}' is larger than '{_heading(spec, bottom)}'",
                        sheet_name,
                        figure_cells[top].coordinate,
                    )
        first = first or row_number
        last = row_number
    if first is None:
        return TeamTotals(sheet_name)
    ranges = {
        c.key: f"{get_column_letter(table.columns[c.key])}{first}:{get_column_letter(table.columns[c.key])}{last}"
        for c in spec.columns
    }
    return TeamTotals(sheet_name, totals, ranges)


def _heading(spec, key: str) -> str:
    return next(c.heading for c in spec.columns if c.key == key)


def _team_kpi(reader: _Reader, kpi: Kpi, month: dt.date, teams: TeamTotals, commentary: str | None) -> ReturnRow | None:
    top, bottom = kpi.from_teams
    numerator, denominator = teams.totals[top], teams.totals[bottom]
    sheet, ranges = teams.sheet, teams.ranges
    value = reader.ratio(kpi, numerator, denominator, sheet, (ranges[top], ranges[bottom]))
    source = f"'{sheet}'!{ranges[top]} ÷ {ranges[bottom]}"
    return ReturnRow(kpi.code, month, value, numerator, denominator, commentary, source)


def _yes(cell) -> bool:
    return cell is not None and normalise_text(cell.value or "") in ("yes", "y", "true")


def _read_statements(reader: _Reader, sheet, catalogue: Catalogue, month: dt.date) -> None:
    rows = list(sheet.iter_rows())
    headings = {key: (normalise_text(text),) for key, text in STATEMENT_HEADINGS.items()}
    table = _find_table(rows, sheet.title, headings, set(headings))
    if table is None:
        reader.report(
            "TABLE_MISSING", "the headings " + ", ".join(STATEMENT_HEADINGS.values()) + " were not found", sheet.title
        )
        return
    _check_table_month(reader, table, month)
    workstreams = {code for kpi in catalogue for code in kpi.workstreams}
    for row_number in range(table.header_row + 1, len(rows) + 1):
        cells = rows[row_number - 1]
        quote_cell = _cell(cells, table.columns["quote"])
        quote = str(quote_cell.value).strip() if quote_cell is not None and quote_cell.value is not None else ""
        if not quote:
            continue
        where = quote_cell.coordinate
        errors_before = sum(p.is_error for p in reader.problems)
        if len(quote) > MAX_STATEMENT:
            reader.report(
                "STATEMENT_TOO_LONG",
                f"the statement is {len(quote)} characters; keep it under {MAX_STATEMENT}",
                sheet.title,
                where,
            )
        found = personal_data_in(quote)
        if found:
            reader.report(
                "STATEMENT_PERSONAL_DATA",
                f"the statement seems to contain {' and '.join(found)}; remove anything that could identify someone",
                sheet.title,
                where,
            )
        consent = _cell(cells, table.columns["consent"])
        if not _yes(consent):
            reader.report(
                "STATEMENT_NO_CONSENT",
                "the family's consent is not recorded as Yes",
                sheet.title,
                consent.coordinate if consent is not None else where,
            )
        workstream_cell = _cell(cells, table.columns["workstream"])
        workstream = str(workstream_cell.value or "").strip().split(" ")[0].upper() if workstream_cell else ""
        if workstream not in workstreams:
            reader.report(
                "STATEMENT_WORKSTREAM_UNKNOWN",
                f"'{workstream_cell.value if workstream_cell else ''}' is not a workstream code such as WS09",
                sheet.title,
                workstream_cell.coordinate if workstream_cell is not None else where,
            )
        if sum(p.is_error for p in reader.problems) == errors_before:
            reader.statements.append(
                StatementRow(
                    month,
                    row_number,
                    workstream,
                    quote,
                    _yes(_cell(cells, table.columns["public"])),
                    f"'{sheet.title}'!{where}",
                )
            )


def _sheets_by_name(workbook) -> dict[str, object]:
    return {normalise_text(name): workbook[name] for name in workbook.sheetnames}


def _read_monthly(reader: _Reader, workbook, catalogue: Catalogue) -> list[dt.date]:
    sheets = _sheets_by_name(workbook)
    cover = sheets.get(normalise_text(COVER_SHEET))
    if cover is None:
        reader.report("SHEET_MISSING", f"there is no '{COVER_SHEET}' sheet giving the month of the return")
        return []
    cover_rows = list(cover.iter_rows())
    where, council = _find_labelled(cover_rows, ("council", "local authority"), len(cover_rows))
    reader.council = (cover.title, where, council)
    reader.on_council(council)  # before any figure is read: the history it is checked against is this council's
    month, month_cell, raw = _find_month_label(cover_rows, cover.title, len(cover_rows))
    if month is None:
        if raw is None:
            reader.report("MONTH_MISSING", "the month of the return is missing", cover.title, month_cell or "B4")
        else:
            reader.report(
                "MONTH_UNREADABLE", f"'{raw}' is not a month (try 'October 2026' or 2026-10)", cover.title, month_cell
            )
        return []
    expected = {normalise_text(title): title for title in catalogue.topics.values()}
    team_title = catalogue.team_sheet.title if catalogue.team_sheet else None
    teams = TeamTotals()
    if team_title:
        team_sheet = sheets.get(normalise_text(team_title))
        if team_sheet is None:
            reader.report("SHEET_MISSING", f"there is no '{team_title}' sheet")
            teams = TeamTotals(failed=True)
        else:
            teams = _read_team_sheet(reader, catalogue, team_sheet.title, list(team_sheet.iter_rows()))
            _check_sheet_month(reader, team_sheet, month)
    statements = sheets.get(normalise_text(STATEMENTS_SHEET))
    if statements is not None:
        _read_statements(reader, statements, catalogue, month)
    for key, sheet in sheets.items():
        known = {normalise_text(COVER_SHEET), normalise_text(STATEMENTS_SHEET)}
        if key in expected or key in known or (team_title and key == normalise_text(team_title)):
            continue
        if sheet.is_empty:  # nothing in it to leave unread
            continue
        reader.report(
            "SHEET_UNKNOWN", f"the sheet '{sheet.title}' is not part of the return and was not read", sheet.title
        )
    for key, title in expected.items():
        sheet = sheets.get(key)
        if sheet is None:
            reader.report("SHEET_MISSING", f"there is no '{title}' sheet", title)
            continue
        rows = list(sheet.iter_rows())
        table = _find_table(rows, sheet.title, HEADING_SYNONYMS, {"Value"})
        if table is None or not ({"Code", "KPI"} & set(table.columns)):
            reader.report(
                "TABLE_MISSING",
                "no table with a 'Code' or 'KPI' heading and a 'Value' heading was "
                f"found in the first {HEADER_SEARCH_ROWS} rows",
                sheet.title,
            )
            continue
        _check_table_month(reader, table, month)
        _read_topic_table(reader, table, rows, month, teams)
    return [month]


def _check_sheet_month(reader: _Reader, sheet, month: dt.date) -> None:
    rows = list(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS))
    found, cell, raw = _find_month_label(rows, sheet.title, len(rows))
    _compare_month(reader, sheet.title, found, cell, raw, month)


def _check_table_month(reader: _Reader, table: _Table, month: dt.date) -> None:
    _compare_month(reader, table.sheet, table.month, table.month_cell, table.month_text, month)


def _compare_month(reader: _Reader, sheet: str, found, cell, raw, month: dt.date) -> None:
    if raw is None:
        return
    if found is None:
        reader.report("MONTH_UNREADABLE", f"'{raw}' is not a month", sheet, cell)
    elif found != month:
        reader.report(
            "MONTH_MISMATCH",
            f"this sheet is for {month_label(found)} but the cover says {month_label(month)}",
            sheet,
            cell,
        )


def _read_backfill(reader: _Reader, sheet, catalogue: Catalogue, progress) -> list[dt.date]:
    rows = list(sheet.iter_rows())
    headings = {k: v for k, v in HEADING_SYNONYMS.items() if k in ("Code", "KPI", "Unit")}
    table = None
    for needs in ({"Code"}, {"KPI"}):
        table = _find_table(rows, sheet.title, headings, needs)
        if table:
            break
    if table is None:
        reader.report("TABLE_MISSING", "no 'Code' or 'KPI' heading was found", sheet.title)
        return []
    month_columns = {}
    for column, heading in table.extra.items():
        month = read_month(heading)
        if month is None:
            reader.report(
                "MONTH_UNREADABLE",
                f"the column heading '{heading}' is not a month",
                sheet.title,
                _ref(column, table.header_row),
            )
        elif month in month_columns.values():
            reader.report(
                "MONTH_DUPLICATE", f"{month_label(month)} has two columns", sheet.title, _ref(column, table.header_row)
            )
        else:
            month_columns[column] = month
    data_rows = range(table.header_row + 1, len(rows) + 1)
    for position, row_number in enumerate(data_rows):
        if progress:
            progress(position / max(len(data_rows), 1), f"Reading row {row_number}")
        cells = rows[row_number - 1]
        code_cell, title_cell = _cell(cells, table.columns.get("Code")), _cell(cells, table.columns.get("KPI"))
        month_cells = [(m, _cell(cells, c)) for c, m in month_columns.items()]
        has_numbers = any(c is not None and c.value is not None for _, c in month_cells)
        if not has_numbers and all(c is None or c.value is None for c in (code_cell, title_cell)):
            continue
        kpi = reader.identify(code_cell, title_cell, has_numbers, sheet.title, row_number)
        if kpi is None:
            continue
        for month, cell in month_cells:
            if cell is None or cell.value is None:
                continue
            if not kpi.reported_in(month):
                reader.not_reported(kpi, month, sheet.title, cell.coordinate)
                continue
            number = reader.number(cell, sheet.title, lambda kpi=kpi, month=month: f"{kpi.code} {month_label(month)}")
            where = cell.coordinate
            value = reader.value_in_unit(kpi, number, month, sheet.title, where)
            value = reader.check_range(kpi, value, sheet.title, where)
            if value is not None or number.missing:
                reader.add(
                    ReturnRow(kpi.code, month, value, None, None, None, f"'{sheet.title}'!{where}"), sheet.title, where
                )
    return sorted(month_columns.values())


def read_return(
    source: Source,
    catalogue: Catalogue,
    file_name: str | None = None,
    recent_median: RecentMedian | None = None,
    progress: Callable[[float, str], None] | None = None,
    on_council: Callable[[object], None] | None = None,
    workbook: Workbook | None = None,
    small_count_limit: int | None = None,
) -> ParsedReturn:
    """Read and check a workbook (`workbook`, if it has been read from `source` already). Raises ReturnRejected
    listing every problem when there is any error. `on_council` hears what the Cover says beside 'Council' before
    any figure is read. With `small_count_limit` (the public view's suppression threshold), commentary marked public
    that counts that few children is a warning."""
    file_name = name_of(source, file_name)
    reader = _Reader(catalogue, recent_median)
    reader.small_count_limit = small_count_limit
    reader.on_council = on_council or reader.on_council
    workbook = workbook or read_workbook(source, file_name)
    try:
        sheets = _sheets_by_name(workbook)
        backfill = sheets.get(normalise_text(BACKFILL_SHEET))
        if (
            normalise_text(ACTIONS_SHEET) in sheets
            and backfill is None
            and not (set(map(normalise_text, catalogue.topics.values())) & set(sheets))
        ):
            raise ReturnRejected(
                file_name,
                [
                    Problem(
                        "WRONG_KIND_OF_FILE",
                        "this looks like the improvement plan's action log: upload it on the 'Upload action log' page",
                    )
                ],
            )
        if backfill is not None:
            months = _read_backfill(reader, backfill, catalogue, progress)
        else:
            months = _read_monthly(reader, workbook, catalogue)
            if months:
                found = reader.seen
                absent_sheets = {p.sheet for p in reader.problems if p.rule in ("SHEET_MISSING", "TABLE_MISSING")}
                for kpi in catalogue:
                    if (
                        kpi.required
                        and any(kpi.reported_in(month) for month in months)
                        and kpi.code not in found
                        and catalogue.topics[kpi.topic] not in absent_sheets
                    ):
                        reader.report(
                            "KPI_MISSING",
                            f"{kpi.code} {kpi.title} is required but has no row",
                            catalogue.topics[kpi.topic],
                        )
    finally:
        workbook.close()
    if not months and not any(p.is_error for p in reader.problems):
        reader.report("NO_FIGURES", "no figures were found in the workbook")
    errors = [p for p in reader.problems if p.is_error]
    if errors:
        raise ReturnRejected(file_name, reader.problems)
    return ParsedReturn(
        file_name=file_name,
        months=months,
        rows=list(reader.rows.values()),
        warnings=[p for p in reader.problems if not p.is_error],
        is_backfill=backfill is not None,
        statements=reader.statements,
        council_text=reader.council[2],
        council_where=reader.council[:2],
    )
