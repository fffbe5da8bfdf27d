"""The committee pack as an Excel workbook: the same figures as the PDF, with BRAG conditional formatting, a
sheet per workstream, and text made safe from formula injection."""

import io
import re

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.brag import Status
from domain.catalogue import Kpi
from domain.months import day_label, month_label
from domain.pack import AUDIENCES, PackContent
from domain.plan_history import NOTHING_HAPPENED
from domain.scorecard import EXPORT_COLUMNS, ScorecardRow, export_record
from reports.safe_cells import neutralise

BOLD = Font(bold=True)


def _cell(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is neutralised."""
    return neutralise(value) if isinstance(value, str) else value


def _write(sheet: Worksheet, row: list) -> None:
    sheet.append([_cell(v) for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the text


def _headings(sheet: Worksheet, headings: list[str]) -> None:
    _write(sheet, headings)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _brag_formatting(sheet: Worksheet, column: int, first_row: int) -> None:
    """Fill the status column by status (the word and symbol are there too, for printing and colour blindness)."""
    area = f"{get_column_letter(column)}{first_row}:{get_column_letter(column)}{max(sheet.max_row, first_row)}"
    for status in Status:
        style = status.value
        sheet.conditional_formatting.add(
            area,
            CellIsRule(
                operator="equal",
                formula=[f'"{style.label}"'],
                fill=PatternFill(start_color=style.background[1:], end_color=style.background[1:], fill_type="solid"),
                font=Font(color=style.text[1:], bold=True),
            ),
        )


def change_format(kpi: Kpi) -> str:
    """An Excel number format that shows a change as the dashboard writes it ('+0.5 pts', '−2 days', 'no change')
    while the cell holds the number."""
    digits = "0" + ("." + "0" * kpi.decimals if kpi.decimals else "")
    suffix = {"percent": " pts", "rate_per_10k": " per 10k", "days": " days"}.get(kpi.unit, "")
    unit = f'" {suffix.strip()}"' if suffix else ""
    return f'"+"{digits}{unit};"−"{digits}{unit};"no change"'


def _kpi_rows(sheet: Worksheet, content: PackContent, rows: list[ScorecardRow]) -> None:
    """The KPI rows; the public version's commentary is only what was marked public (the index holds no other)."""
    _headings(sheet, list(EXPORT_COLUMNS))
    first = sheet.max_row + 1
    workstreams = {ws.code: ws.label for ws in content.workstreams}
    for r in rows:
        record = export_record(r, workstreams.get(r.workstream, r.workstream), content.month)
        _write(sheet, [record[c] for c in EXPORT_COLUMNS])
        for heading in ("Since last month", "Since last year"):
            cell = sheet.cell(sheet.max_row, EXPORT_COLUMNS.index(heading) + 1)
            if isinstance(cell.value, float | int):
                cell.number_format = change_format(r.kpi)
    _brag_formatting(sheet, EXPORT_COLUMNS.index("Status") + 1, first)


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width


def _sheet_title(label: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", label)[:31].strip()


def render_xlsx(content: PackContent) -> bytes:
    members = content.audience == "members"
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Cover"
    for line in [
        [content.title],
        [content.council],
        [f"For: {AUDIENCES[content.audience]}"],
        [f"Built by {content.built_by} on {day_label(content.built_at)} at {content.built_at:%H:%M}"],
        [content.summary],
        ["DEMONSTRATION DATA: the figures are invented." if content.is_demo else ""],
        [],
        ["Where the figures come from"],
    ]:
        _write(cover, line)
    cover["A1"].font = Font(bold=True, size=14)
    if not content.names_its_files:
        _write(cover, [content.sources_sentence])
    else:
        _headings(cover, ["Upload", "File", "SHA-256", "Kind"])
        for source in content.sources:
            _write(cover, [source.submission_id, source.file_name, source.sha256, source.kind])
    _widths(cover, [12, 40, 70, 12])

    scorecard = workbook.create_sheet("Scorecard")
    _kpi_rows(scorecard, content, content.rows)
    _widths(scorecard, [34, 8, 50, 15, 10, 12, 16, 16, 12, 18, 8, 11, 60])
    scorecard.freeze_panes = "D2"

    for item in content.progress:
        sheet = workbook.create_sheet(_sheet_title(item.workstream.label))
        _write(sheet, [item.workstream.label])
        sheet["A1"].font = Font(bold=True, size=13)
        _write(sheet, [f"Senior responsible officer: {item.workstream.owner}"])
        _write(sheet, [f"Verdict: {item.verdict}"])
        _write(sheet, [])
        _kpi_rows(sheet, content, [r for r in content.rows if r.workstream == item.workstream.code])
        _write(sheet, [])
        if content.snapshot is not None:
            _write(sheet, [f"Actions as at {day_label(content.snapshot.as_at)}"])
            headings = ["Action", "What", "Senior responsible officer", "Due", "Status symbol", "Status", "% done"]
            _headings(sheet, headings + (["Lead officer", "Update"] if members else []))
            first = sheet.max_row + 1
            for action in item.actions:
                _write(
                    sheet,
                    [
                        action.action_id,
                        action.action,
                        action.senior_officer,
                        action.due_date,
                        action.status.value.symbol,
                        action.status.value.label,
                        action.percent_complete,
                    ]
                    + ([action.lead_officer or "", action.update or ""] if members else []),
                )
            _brag_formatting(sheet, headings.index("Status") + 1, first)
        if content.plan_since is not None:
            _write(sheet, [])
            _write(sheet, [content.plan_changes_title])
            happened = [m for m in content.plan_changes if m.action.workstream == item.workstream.code]
            if not happened:
                _write(sheet, [NOTHING_HAPPENED])
            else:
                _headings(sheet, ["Action", "What", "Happened", "Detail"])
                for milestone in happened:
                    action = milestone.action
                    _write(sheet, [action.action_id, action.action, milestone.kind.capitalize(), milestone.what])
        _widths(sheet, [34, 50, 30, 15, 10, 12, 16, 16, 12, 18, 8, 11, 60])

    changes = workbook.create_sheet("Changes since last pack")
    if content.changes is None:
        _write(changes, ["This is the first stored pack, so there is nothing to compare with."])
    else:
        _headings(
            changes, ["Code", "KPI", f"In {month_label(content.previous_month)}", f"In {month_label(content.month)}"]
        )
        for change in content.changes:
            _write(changes, [change.code, change.title, change.before, change.after])
        _brag_formatting(changes, 3, 2)
        _brag_formatting(changes, 4, 2)
    _widths(changes, [10, 60, 18, 18])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
