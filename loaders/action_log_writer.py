"""Writes action log workbooks from the workstream list and the KPI catalogue: the blank template, and filled-in
snapshots (the demo). Both come from the same lists the loader checks against, so the template cannot drift.

Input cells are unlocked and everything else is protected against slips (no password). Drop-down lists offer the
workstreams and statuses; the 'Lists' sheet shows the workstreams and KPI codes of the log's month to choose from.
"""

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from domain.catalogue import Catalogue, Kpi
from domain.months import day_label, first_of_month
from domain.plan import Action
from domain.workstreams import Workstream
from loaders.action_log_layout import (
    ACTIONS_SHEET,
    COLUMNS,
    COVER_FIELDS,
    COVER_LABELS,
    COVER_SHEET,
    HEADER_ROW,
    LISTS_SHEET,
    STATUS_MEANINGS,
)
from loaders.return_writer import FIXED_TIME, fix_zip_times, input_cell, template_months, validation

BLANK_ROWS = 80
DATE_FORMAT = "dd/mm/yyyy"


def _cover(workbook: Workbook, as_at: dt.date | None, council: str | None, prepared_by: str | None) -> None:
    cover = workbook.active
    cover.title = COVER_SHEET
    cover["A1"] = "Improvement plan action log"
    cover["A1"].font = Font(bold=True, size=14)
    values = {"council": council, "as_at": as_at, "prepared_by": prepared_by}
    for name, cell in COVER_FIELDS.items():
        cover[cell.replace("B", "A")] = COVER_LABELS[name]
        input_cell(cover[cell], values[name])
    cover[COVER_FIELDS["as_at"]].number_format = DATE_FORMAT
    rule = validation(type="date", operator="greaterThan", formula1="36526")
    rule.prompt = "The date this snapshot of the plan is for, e.g. 31/10/2026."
    rule.error = "Type a date, e.g. 31/10/2026."
    cover.add_data_validation(rule)
    rule.add(cover[COVER_FIELDS["as_at"]])
    cover["A7"] = (
        "One row per action on the 'Action log' sheet. BRAG status: "
        + ", ".join(f"{colour} = {meaning}" for colour, meaning in STATUS_MEANINGS.items())
        + ". Impact KPIs: the codes of the KPIs the action is meant to move, separated by commas (see 'Lists'). "
        "Keep completed actions in the log, marked Blue, so progress over time stays visible. Name roles rather "
        "than people where you can, and never include contact details."
    )
    cover["A7"].alignment = Alignment(wrap_text=True, vertical="top")
    cover.merge_cells("A7:F12")
    cover.column_dimensions["A"].width = 16
    cover.column_dimensions["B"].width = 28
    cover.protection.sheet = True


def _lists(workbook: Workbook, kpis: list[Kpi], workstreams: dict[str, Workstream]) -> str:
    """The 'Lists' sheet; returns the range of workstream codes, for the drop-down list."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    for column, heading in enumerate(("Workstream", "Name", "", "KPI code", "KPI"), start=1):
        sheet.cell(1, column, heading or None).font = Font(bold=True)
    for row, workstream in enumerate(workstreams.values(), start=2):
        sheet.cell(row, 1, workstream.code)
        sheet.cell(row, 2, workstream.name)
    for row, kpi in enumerate(kpis, start=2):
        sheet.cell(row, 4, kpi.code)
        sheet.cell(row, 5, kpi.title)
    for letter, width in zip("ABCDE", (12, 60, 4, 10, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.protection.sheet = True
    return f"'{LISTS_SHEET}'!$A$2:$A${len(workstreams) + 1}"


def _values(action: Action | None) -> dict:
    if action is None:
        return {}
    return {
        "action_id": action.action_id,
        "workstream": action.workstream,
        "action": action.action,
        "senior_officer": action.senior_officer,
        "lead_officer": action.lead_officer,
        "start_date": action.start_date,
        "due_date": action.due_date,
        "status": action.status.name.capitalize(),
        "percent": action.percent_complete,
        "impact_kpis": ", ".join(action.impact_kpis),
        "update": action.update,
    }


def _action_sheet(workbook: Workbook, as_at: dt.date | None, actions: list[Action] | None, workstream_range: str):
    sheet = workbook.create_sheet(ACTIONS_SHEET)
    sheet["A1"] = f"{ACTIONS_SHEET} as at {day_label(as_at)}" if as_at else ACTIONS_SHEET
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = "Fill in one row per action. Columns with a grey heading are optional."
    rules = {
        "workstream": validation(type="list", formula1=workstream_range),
        "status": validation(type="list", formula1='"' + ",".join(STATUS_MEANINGS) + '"'),
        "percent": validation(type="decimal", operator="between", formula1="0", formula2="100"),
        "start_date": validation(type="date", operator="greaterThan", formula1="36526"),
        "due_date": validation(type="date", operator="greaterThan", formula1="36526"),
    }
    for rule in rules.values():
        rule.error = "Check this entry: see the cover sheet for what each column takes."
        sheet.add_data_validation(rule)
    for position, column in enumerate(COLUMNS, start=1):
        heading = sheet.cell(HEADER_ROW, position, column.heading)
        heading.font = Font(bold=True, color="0B0C0C" if column.required else "505A5F")
        sheet.column_dimensions[get_column_letter(position)].width = column.width
    rows = actions if actions is not None else [None] * BLANK_ROWS
    for row, action in enumerate(rows, start=HEADER_ROW + 1):
        values = _values(action)
        for position, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row, position)
            input_cell(cell, values.get(column.key))
            if column.key in ("start_date", "due_date"):
                cell.number_format = DATE_FORMAT
            if column.key in ("action", "update"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.key in rules:
                rules[column.key].add(cell)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    sheet.protection.sheet = True


def write_action_log(
    path: Path,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    as_at: dt.date | None = None,
    actions: list[Action] | None = None,
    council: str | None = "Herefordshire Council",
    prepared_by: str | None = "Improvement programme office",
    today: dt.date | None = None,
) -> None:
    """Write an action log. With no date and no actions this is the blank template. Its list of workstreams offers
    those in the plan in the log's month, and its list of KPIs those reported then; the template's, those of
    template_months(today)."""
    months = (first_of_month(as_at),) if as_at else template_months(today)
    listed = {code: ws for code, ws in workstreams.items() if any(ws.in_plan(month) for month in months)}
    kpis = [kpi for kpi in catalogue if any(kpi.reported_in(month) for month in months)]
    workbook = Workbook()
    _cover(workbook, as_at, council, prepared_by)
    workstream_range = _lists(workbook, kpis, listed)
    _action_sheet(workbook, as_at, actions, workstream_range)
    workbook.move_sheet(ACTIONS_SHEET, offset=-1)  # Cover, Action log, Lists
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = prepared_by or "Workstream list and KPI catalogue"
    workbook.save(path)
    fix_zip_times(Path(path))


def write_action_log_template(
    path: Path, catalogue: Catalogue, workstreams: dict[str, Workstream], today: dt.date | None = None
) -> None:
    write_action_log(path, catalogue, workstreams, council=None, prepared_by=None, today=today)
