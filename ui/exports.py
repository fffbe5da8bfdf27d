"""Downloads that are safe to open in a spreadsheet."""

import io

import pandas as pd

from domain.scorecard import EXPORT_COLUMNS, export_record
from reports.safe_cells import neutralise


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with a byte-order mark, so Excel reads accents correctly) with formula injection neutralised."""
    cleaned = frame.map(neutralise)
    cleaned.columns = [neutralise(str(c)) for c in cleaned.columns]
    buffer = io.StringIO()
    cleaned.to_csv(buffer, index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def scorecard_frame(rows, workstreams, month) -> pd.DataFrame:
    """The scorecard rows shown (already filtered) as a table for download: the pack's Excel columns, the status in
    words only."""
    columns = [c for c in EXPORT_COLUMNS if c != "Status symbol"]
    records = [export_record(r, workstreams[r.workstream].label, month) for r in rows]
    return pd.DataFrame([{c: record[c] for c in columns} for record in records], columns=columns)
