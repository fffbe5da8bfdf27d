"""The layout of the monthly return workbook, shared by the writer (template and demo) and the reader.

- A 'Cover' sheet: council, month and preparer in column B.
- A team sheet (titled in the catalogue's [team_sheet]): one row per team, summed by the loader.
- One sheet per catalogue topic, titled as the topic, with the month in B2, a header row, then one KPI per row.
  For KPIs with a numerator and denominator the officer fills those two and the dashboard computes the value;
  for the others the officer fills 'Value'.
- Or, for loading history, a 'Backfill' sheet: KPI codes down, months across.

The reader finds tables by their headings, so titles above them, blank rows and columns, and moved tables are fine.
"""

COVER_SHEET = "Cover"
COVER_FIELDS = {"council": "B3", "month": "B4", "prepared_by": "B5"}
COVER_LABELS = {"council": "Council", "month": "Month", "prepared_by": "Prepared by"}
BACKFILL_SHEET = "Backfill"

MONTH_LABEL_CELL, MONTH_CELL = "A2", "B2"
HEADER_ROW = 4
COLUMNS = ("Code", "KPI", "Unit", "Value", "Numerator", "Denominator", "Commentary", "Commentary public")
COLUMN_INDEX = {name: index for index, name in enumerate(COLUMNS, start=1)}  # 1-based, as Excel counts
TEAM_NAME_HEADING = "Team"

# The optional sheet of impact statements from care-experienced families.
STATEMENTS_SHEET = "Impact statements"
STATEMENT_HEADINGS = {"quote": "Quote", "workstream": "Workstream", "consent": "Consent recorded", "public": "Public"}

# Headings the reader accepts for each column (compared without case or extra spaces).
HEADING_SYNONYMS = {
    "Code": ("code", "kpi code", "ref", "reference"),
    "KPI": ("kpi", "kpi title", "title", "measure", "indicator", "kpi name"),
    "Unit": ("unit", "units"),
    "Value": ("value", "figure", "actual", "this month", "result"),
    "Numerator": ("numerator",),
    "Denominator": ("denominator",),
    "Commentary": ("commentary", "comment", "comments", "notes", "narrative"),
    # Yes: the commentary may appear in the public view and public packs. Anything else, or no column, means no.
    "Commentary public": ("commentary public", "public commentary", "publish commentary", "commentary public?"),
}
