"""Downloads that are safe to open in a spreadsheet."""

import io

import pandas as pd

from reports.safe_cells import neutralise


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with a byte-order mark, so Excel reads accents correctly) with formula injection neutralised."""
    cleaned = frame.map(neutralise)
    cleaned.columns = [neutralise(str(c)) for c in cleaned.columns]
    buffer = io.StringIO()
    cleaned.to_csv(buffer, index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def scorecard_frame(rows, workstreams, month) -> pd.DataFrame:
    """The scorecard rows shown (already filtered) as a table for download."""
    from domain.brag import Status
    from domain.months import month_label

    return pd.DataFrame(
        [
            {
                "Workstream": workstreams[r.workstream].label,
                "Code": r.kpi.code,
                "KPI": r.kpi.title,
                "Month": month_label(month),
                "Value": r.value_text if r.status is Status.SUPPRESSED else r.value,
                "Shown as": r.value_text,
                # numbers as numbers; "No data" or "c" where there is none to give
                "Since last month": r.story.change_month if r.story.change_month is not None else r.change_month_text,
                "Since last year": r.story.change_year if r.story.change_year is not None else r.change_year_text,
                "Direction": r.direction,
                "Target": r.target_text,
                "Status": r.status.value.label,
                "Commentary": r.commentary or "",
            }
            for r in rows
        ],
        columns=[
            "Workstream",
            "Code",
            "KPI",
            "Month",
            "Value",
            "Shown as",
            "Since last month",
            "Since last year",
            "Direction",
            "Target",
            "Status",
            "Commentary",
        ],
    )
