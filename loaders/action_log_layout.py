"""The layout of the improvement plan's action log workbook, shared by the writer (template and demo) and the reader.

- A 'Cover' sheet: council, the snapshot's 'As at' date and the preparer in column B.
- An 'Action log' sheet: a heading row, then one action per row.
- A 'Lists' sheet: the workstreams and KPI codes to choose from (for reference and Excel's drop-down lists).

The reader finds the table by its headings, so titles above it, blank rows, extra columns and reordered columns
are fine.
"""

from dataclasses import dataclass

from domain.plan import ACTION_STATUSES, MEANINGS

COVER_SHEET = "Cover"
COVER_FIELDS = {"council": "B3", "as_at": "B4", "prepared_by": "B5"}
COVER_LABELS = {"council": "Council", "as_at": "As at", "prepared_by": "Prepared by"}
AS_AT_LABELS = ("as at", "as at date", "snapshot date", "date")
ACTIONS_SHEET = "Action log"
LISTS_SHEET = "Lists"
HEADER_ROW = 4


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    synonyms: tuple[str, ...]  # other headings accepted, compared without case or extra spaces
    required: bool
    width: int


COLUMNS = (
    Column("action_id", "Action ID", ("id", "ref", "action ref", "reference", "action no", "action number"), True, 11),
    Column("workstream", "Workstream", ("priority area", "workstream code"), True, 14),
    Column("action", "Action", ("action description", "description"), True, 50),
    Column("senior_officer", "Senior responsible officer", ("sro", "owner", "accountable officer"), True, 28),
    Column("lead_officer", "Lead officer", ("lead", "action lead"), False, 24),
    Column("start_date", "Start date", ("start", "started"), False, 12),
    Column("due_date", "Due date", ("due", "deadline", "target date", "completion date"), True, 12),
    Column("status", "BRAG status", ("status", "brag", "rag", "rag status"), True, 12),
    Column("percent", "% complete", ("percent complete", "% completed", "progress %", "complete %"), True, 11),
    Column("impact_kpis", "Impact KPIs", ("impact kpi", "impact measures", "kpis", "kpi codes"), True, 16),
    Column("update", "Update", ("progress update", "latest update", "commentary", "comments"), False, 50),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

# What officers type for each status: the colour, its meaning in the plan, or its first letter.
STATUS_WORDS = {
    "Blue": ("blue", "b", "complete", "completed", "done"),
    "Green": ("green", "g", "on track"),
    "Amber": ("amber", "a", "at risk"),
    "Red": ("red", "r", "off track"),
}
STATUS_MEANINGS = {status.value.label: MEANINGS[status] for status in reversed(ACTION_STATUSES)}  # Blue first
MAX_TEXT = 1_000
