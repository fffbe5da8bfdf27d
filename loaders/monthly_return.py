"""Reads a monthly return workbook (layout in loaders.return_layout) into checked figures, ready to store."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.catalogue import Catalogue, Kpi
from domain.months import first_of_month
from domain.units import UNITS
from loaders.problems import Problem, ReturnRejected
from loaders.return_layout import COLUMN_INDEX, COVER_FIELDS, COVER_SHEET, HEADER_ROW


@dataclass(frozen=True)
class ReturnRow:
    kpi_code: str
    month: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    commentary: str | None
    source_cell: str


@dataclass(frozen=True)
class ParsedReturn:
    file_name: str
    month: dt.date
    rows: list[ReturnRow]


def _cell(column_name: str, row: int) -> str:
    return f"{get_column_letter(COLUMN_INDEX[column_name])}{row}"


def _as_month(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return first_of_month(value.date())
    if isinstance(value, dt.date):
        return first_of_month(value)
    return None


class _RowReader:
    """Turns one KPI row into a ReturnRow, collecting problems instead of stopping at the first."""

    def __init__(self, sheet: str, row_number: int, cells: tuple, problems: list[Problem]):
        self.sheet, self.row_number, self.cells, self.problems = sheet, row_number, cells, problems

    def raw(self, column_name: str):
        index = COLUMN_INDEX[column_name] - 1
        value = self.cells[index] if index < len(self.cells) else None
        return None if isinstance(value, str) and not value.strip() else value

    def number(self, column_name: str) -> float | None:
        value = self.raw(column_name)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        self.problems.append(
            Problem(
                "VALUE_NOT_NUMERIC",
                f"{column_name} should be a number but is '{value}'",
                self.sheet,
                _cell(column_name, self.row_number),
            )
        )
        return None

    def read(self, kpi: Kpi, month: dt.date) -> ReturnRow:
        commentary = self.raw("Commentary")
        commentary = str(commentary).strip() if commentary is not None else None
        if kpi.is_ratio:
            numerator, denominator = self.number("Numerator"), self.number("Denominator")
            value = None
            if numerator is not None and denominator is not None:
                if denominator == 0:
                    self.problems.append(
                        Problem(
                            "DENOMINATOR_ZERO",
                            f"{kpi.code}: the denominator is 0, so no value can be calculated",
                            self.sheet,
                            _cell("Denominator", self.row_number),
                        )
                    )
                else:
                    value = numerator / denominator * UNITS[kpi.unit].scale
            source = f"'{self.sheet}'!{_cell('Numerator', self.row_number)}:{_cell('Denominator', self.row_number)}"
            return ReturnRow(kpi.code, month, value, numerator, denominator, commentary, source)
        value = self.number("Value")
        source = f"'{self.sheet}'!{_cell('Value', self.row_number)}"
        return ReturnRow(kpi.code, month, value, None, None, commentary, source)


def read_return(path: Path, catalogue: Catalogue, file_name: str | None = None) -> ParsedReturn:
    """Read and check a monthly return. Raises ReturnRejected listing every problem; writes nothing."""
    file_name = file_name or Path(path).name
    problems: list[Problem] = []
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if COVER_SHEET not in workbook.sheetnames:
            raise ReturnRejected(file_name, [Problem("SHEET_MISSING", f"there is no '{COVER_SHEET}' sheet")])
        cover_cell = COVER_FIELDS["month"]
        month = _as_month(workbook[COVER_SHEET][cover_cell].value)
        if month is None:
            raise ReturnRejected(
                file_name, [Problem("MONTH_MISSING", "the month of the return is missing", COVER_SHEET, cover_cell)]
            )
        rows: list[ReturnRow] = []
        for topic, title in catalogue.topics.items():
            if title not in workbook.sheetnames:
                problems.append(Problem("SHEET_MISSING", f"there is no '{title}' sheet", title))
                continue
            sheet = workbook[title]
            for row_number, cells in enumerate(
                sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True), start=HEADER_ROW + 1
            ):
                reader = _RowReader(title, row_number, cells, problems)
                code = reader.raw("Code")
                if code is None:
                    continue
                code = str(code).strip()
                if code not in catalogue.kpis:
                    problems.append(
                        Problem("KPI_UNKNOWN", f"'{code}' is not in the KPI catalogue", title, _cell("Code", row_number))
                    )
                    continue
                rows.append(reader.read(catalogue[code], month))
    finally:
        workbook.close()
    if problems:
        raise ReturnRejected(file_name, problems)
    return ParsedReturn(file_name=file_name, month=month, rows=rows)
