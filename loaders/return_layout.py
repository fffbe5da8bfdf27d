"""The layout of the monthly return workbook, shared by the writer and the reader.

- A 'Cover' sheet: council, month and preparer in column B.
- One sheet per catalogue topic, titled as the topic. Cell B2 holds the month; the table's header row has the
  columns below; one KPI per row.
- For KPIs with a numerator and denominator the officer fills those two and the dashboard computes the value;
  for the others the officer fills 'Value'.
"""

COVER_SHEET = "Cover"
COVER_FIELDS = {"council": "B3", "month": "B4", "prepared_by": "B5"}
COVER_LABELS = {"council": "Council", "month": "Month", "prepared_by": "Prepared by"}

TOPIC_MONTH_CELL = "B2"
HEADER_ROW = 4
COLUMNS = ("Code", "KPI", "Unit", "Value", "Numerator", "Denominator", "Commentary")
COLUMN_INDEX = {name: index for index, name in enumerate(COLUMNS, start=1)}  # 1-based, as Excel counts
