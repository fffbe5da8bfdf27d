"""Writes monthly return workbooks from the KPI catalogue: the blank template, and filled-in returns (the demo).

Because both come from the catalogue, the template cannot drift from it. Input cells are unlocked and everything
else is protected against accidental edits (no password: protection here prevents slips, it is not security).
Data validation warns about a value that cannot be right, but still lets an officer type 'n/a'.
"""

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config import clock
from domain.catalogue import Catalogue, Kpi
from domain.months import add_months, first_of_month, month_label
from domain.units import UNITS
from loaders.return_layout import (
    COLUMN_INDEX,
    COVER_FIELDS,
    COVER_LABELS,
    COVER_SHEET,
    HEADER_ROW,
    MONTH_CELL,
    MONTH_LABEL_CELL,
    STATEMENT_HEADINGS,
    STATEMENTS_SHEET,
    TEAM_NAME_HEADING,
)

COLUMN_WIDTHS = {
    "Code": 9,
    "KPI": 60,
    "Unit": 22,
    "Value": 10,
    "Numerator": 12,
    "Denominator": 13,
    "Commentary": 50,
    "Commentary public": 12,
}
CALCULATED_FILL = PatternFill("solid", fgColor="DDDDDD")
INPUT_FILL = PatternFill("solid", fgColor="FFF7BF")
COMPUTED_FILL = PatternFill("solid", fgColor="D9EAD3")  # pre-filled from the Annex A lists (green, with a note)
UNLOCKED = Protection(locked=False)
BLANK_TEAM_ROWS = 15
# Fixed document times keep generated files byte-stable, so regenerating unchanged data changes nothing in git.
FIXED_TIME = dt.datetime(2020, 1, 1)


@dataclass
class Figure:
    """One KPI's entry on a return: either a value, or a numerator and denominator."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    commentary: str | None = None
    commentary_public: bool = False  # the commentary may appear in the public view
    computed_from: str | None = None  # pre-filled from child-level lists: said in a note on the cell, and coloured


@dataclass
class Statement:
    """An impact statement from a care-experienced family: never names or identifying details."""

    quote: str
    workstream: str
    consent: bool = True
    public: bool = False


@dataclass
class Team:
    """One row of the team sheet: the team's name and its figures by column key."""

    name: str
    figures: dict[str, float] = field(default_factory=dict)


def input_cell(cell, value=None):
    cell.value = value
    cell.protection = UNLOCKED
    cell.fill = INPUT_FILL


def validation(**settings) -> DataValidation:
    """A data validation Excel enforces: its prompt shown on the cell and its message shown when a typed entry breaks
    it (openpyxl turns both off unless asked). Warning style unless `errorStyle` says otherwise: the officer is warned
    but may keep the entry (n/a, say)."""
    settings.setdefault("errorStyle", "warning")
    return DataValidation(showErrorMessage=True, showInputMessage=True, **settings)


def _number_rule(kpi: Kpi, as_value: bool) -> DataValidation:
    if as_value and kpi.unit == "percent":
        rule = validation(type="decimal", operator="between", formula1="0", formula2="100")
        message = "A percentage from 0 to 100, or n/a if not available."
    elif as_value and kpi.unit == "count":
        rule = validation(type="whole", operator="greaterThanOrEqual", formula1="0")
        message = "A whole number, 0 or more, or n/a if not available."
    else:
        rule = validation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        message = "A number, 0 or more, or n/a if not available."
    rule.error, rule.errorTitle, rule.prompt = message, "Check this figure", message
    return rule


def _sheet_heading(sheet, title: str, month: dt.date | None) -> None:
    sheet["A1"] = f"{title}: {month_label(month)}" if month else title
    sheet["A1"].font = Font(bold=True, size=13)
    if month is None:  # the template: the month is typed once, on the cover, and no formula copies it here
        sheet[MONTH_LABEL_CELL] = f"The month is the one on the '{COVER_SHEET}' sheet."
        return
    sheet[MONTH_LABEL_CELL] = "Month"  # a filled return may carry the month on every sheet; the loader checks it
    sheet[MONTH_CELL] = month
    sheet[MONTH_CELL].number_format = "mmmm yyyy"


def _cover(workbook: Workbook, month, council: str, prepared_by: str) -> None:
    cover = workbook.active
    cover.title = COVER_SHEET
    cover["A1"] = "Children's services monthly performance return"
    cover["A1"].font = Font(bold=True, size=14)
    values = {"council": council, "month": month, "prepared_by": prepared_by}
    for field_name, cell in COVER_FIELDS.items():
        cover[cell.replace("B", "A")] = COVER_LABELS[field_name]
        input_cell(cover[cell], values[field_name])
    cover[COVER_FIELDS["month"]].number_format = "mmmm yyyy"
    month_rule = validation(type="date", operator="greaterThan", formula1="36526")  # after 1 January 2000
    month_rule.prompt = "The month this return is for, e.g. 01/10/2026. The other sheets take it from here."
    month_rule.error = "Type the first day of the month, e.g. 01/10/2026."
    cover.add_data_validation(month_rule)
    month_rule.add(cover[COVER_FIELDS["month"]])
    cover["A7"] = (
        "Fill in the yellow cells on each sheet. For percentages and rates, give the numerator and denominator and "
        "the dashboard calculates the value. Leave a cell empty, or type n/a, if a figure is not available."
    )
    cover["A7"].alignment = Alignment(wrap_text=True)
    cover.merge_cells("A7:F9")
    cover.column_dimensions["A"].width = 16
    cover.column_dimensions["B"].width = 28
    cover.protection.sheet = True


def _team_sheet(workbook: Workbook, catalogue: Catalogue, month, teams: list[Team] | None) -> None:
    spec = catalogue.team_sheet
    sheet = workbook.create_sheet(spec.title)
    _sheet_heading(sheet, spec.title, month)
    headings = [TEAM_NAME_HEADING] + [c.heading for c in spec.columns]
    for column, heading in enumerate(headings, start=1):
        sheet.cell(HEADER_ROW, column, heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = 36 if column == 1 else 22
    rows = teams if teams is not None else [Team("") for _ in range(BLANK_TEAM_ROWS)]
    rule = validation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    rule.error = "A number, 0 or more."
    sheet.add_data_validation(rule)
    for row, team in enumerate(rows, start=HEADER_ROW + 1):
        input_cell(sheet.cell(row, 1), team.name or None)
        for column, spec_column in enumerate(spec.columns, start=2):
            cell = sheet.cell(row, column)
            input_cell(cell, team.figures.get(spec_column.key))
            rule.add(cell)
    sheet.protection.sheet = True


def _statements_sheet(workbook: Workbook, month, statements: list[Statement] | None) -> None:
    sheet = workbook.create_sheet(STATEMENTS_SHEET)
    _sheet_heading(sheet, STATEMENTS_SHEET, month)
    sheet["D1"] = (
        "Short quotes from care-experienced families about the difference the service made. Never include "
        "names, dates of birth, addresses, phone numbers or anything else that could identify someone. "
        "Only with the family's consent."
    )
    sheet["D1"].alignment = Alignment(wrap_text=True)
    for column, heading in enumerate(STATEMENT_HEADINGS.values(), start=1):
        sheet.cell(HEADER_ROW, column, heading).font = Font(bold=True)
    for letter, width in zip("ABCD", (80, 18, 18, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    yes_no = validation(type="list", formula1='"Yes,No"', allow_blank=True, errorStyle="stop", error="Yes or No.")
    sheet.add_data_validation(yes_no)
    rows = statements if statements is not None else [None] * BLANK_TEAM_ROWS
    for row, statement in enumerate(rows, start=HEADER_ROW + 1):
        values = (
            (
                statement.quote,
                statement.workstream,
                "Yes" if statement.consent else "No",
                "Yes" if statement.public else "No",
            )
            if statement
            else (None,) * 4
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            input_cell(cell, value)
            if column >= 3:
                yes_no.add(cell)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True)
    sheet.protection.sheet = True


def _topic_sheet(
    workbook: Workbook, catalogue: Catalogue, topic: str, title: str, month, figures, months: tuple[dt.date, ...]
) -> None:
    sheet = workbook.create_sheet(title)
    _sheet_heading(sheet, title, month)
    for name, column in COLUMN_INDEX.items():
        sheet.cell(HEADER_ROW, column, name).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTHS[name]
    team_title = catalogue.team_sheet.title if catalogue.team_sheet else ""
    yes_no = validation(
        type="list",
        formula1='"Yes,No"',
        allow_blank=True,
        errorStyle="stop",
        errorTitle="Yes or No",
        error="Yes: the commentary may appear in the public view.",
    )
    sheet.add_data_validation(yes_no)
    kpis = [kpi for kpi in catalogue.in_topic(topic) if any(kpi.reported_in(m) for m in months)]
    for row, kpi in enumerate(kpis, start=HEADER_ROW + 1):
        figure = figures.get(kpi.code, Figure())
        sheet.cell(row, COLUMN_INDEX["Code"], kpi.code)
        sheet.cell(row, COLUMN_INDEX["KPI"], kpi.title)
        sheet.cell(row, COLUMN_INDEX["Unit"], UNITS[kpi.unit].label)
        value, numerator, denominator = (
            sheet.cell(row, COLUMN_INDEX[n]) for n in ("Value", "Numerator", "Denominator")
        )
        if kpi.from_teams:
            for cell in (value, numerator, denominator):
                cell.fill = CALCULATED_FILL
            value.value = f"from '{team_title}'"
        elif kpi.is_ratio:
            value.fill = CALCULATED_FILL
            for cell, number in ((numerator, figure.numerator), (denominator, figure.denominator)):
                input_cell(cell, number)
                rule = _number_rule(kpi, as_value=False)
                sheet.add_data_validation(rule)
                rule.add(cell)
        else:
            input_cell(value, figure.value)
            rule = _number_rule(kpi, as_value=True)
            sheet.add_data_validation(rule)
            rule.add(value)
            numerator.fill = denominator.fill = CALCULATED_FILL
        if figure.computed_from:
            for cell in (value, numerator, denominator):
                if cell.value is not None and not isinstance(cell.value, str):
                    cell.fill = COMPUTED_FILL
                    cell.comment = Comment(
                        f"{figure.computed_from}. Change it only if the lists were wrong.", "Dashboard"
                    )
        input_cell(sheet.cell(row, COLUMN_INDEX["Commentary"]), figure.commentary)
        input_cell(sheet.cell(row, COLUMN_INDEX["Commentary public"]), "Yes" if figure.commentary_public else "No")
        yes_no.add(sheet.cell(row, COLUMN_INDEX["Commentary public"]))
    sheet.protection.sheet = True


def write_return(
    path: Path,
    catalogue: Catalogue,
    month: dt.date | None,
    figures: dict[str, Figure] | None = None,
    teams: list[Team] | None = None,
    statements: list[Statement] | None = None,
    council: str = "Herefordshire Council",
    prepared_by: str | None = "Performance team",
    today: dt.date | None = None,
) -> None:
    """Write a return, with a row for each KPI reported in its month. With no month and no figures this is the blank
    template, with a row for each KPI reported in template_months(today)."""
    workbook = Workbook()
    _cover(workbook, month, council, prepared_by)
    if catalogue.team_sheet:
        _team_sheet(workbook, catalogue, month, teams)
    months = (month,) if month else template_months(today)
    for topic, title in catalogue.topics.items():
        _topic_sheet(workbook, catalogue, topic, title, month, figures or {}, months)
    _statements_sheet(workbook, month, statements)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = prepared_by or "KPI catalogue"
    workbook.save(path)
    fix_zip_times(Path(path))


def template_months(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The months a blank template is for: last month and this month (by `today`), the months a return or an
    action log is normally filled in for."""
    this_month = first_of_month(today or clock.today())
    return add_months(this_month, -1), this_month


def write_template(path: Path, catalogue: Catalogue, council: str = "", today: dt.date | None = None) -> None:
    """The blank monthly return: the month typed once on the cover, yellow cells to fill in."""
    write_return(path, catalogue, month=None, council=council or None, prepared_by=None, today=today)


def fix_zip_times(path: Path) -> None:
    """Give every part of the .xlsx (a zip file) and its 'modified' property a fixed time, so identical content
    gives identical bytes (openpyxl stamps the save time)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts = [
        (
            name,
            re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            if name == "docProps/core.xml"
            else data,
        )
        for name, data in parts
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


def write_backfill(
    path: Path, catalogue: Catalogue, values: dict[tuple[str, dt.date], float | None], title: str = ""
) -> None:
    """A 'Backfill' workbook for loading history in one go: KPIs down, months across."""
    from loaders.return_layout import BACKFILL_SHEET

    months = sorted({month for _, month in values})
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = BACKFILL_SHEET
    sheet["A1"] = title or "KPI history"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.cell(HEADER_ROW, 1, "Code").font = Font(bold=True)
    sheet.cell(HEADER_ROW, 2, "KPI").font = Font(bold=True)
    for column, month in enumerate(months, start=3):
        cell = sheet.cell(HEADER_ROW, column, month)
        cell.number_format, cell.font = "mmm yyyy", Font(bold=True)
    for row, kpi in enumerate(catalogue, start=HEADER_ROW + 1):
        sheet.cell(row, 1, kpi.code)
        sheet.cell(row, 2, kpi.title)
        for column, month in enumerate(months, start=3):
            sheet.cell(row, column, values.get((kpi.code, month)))
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.save(path)
    fix_zip_times(Path(path))
