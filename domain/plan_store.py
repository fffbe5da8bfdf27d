"""Reading the improvement plan's action log from the database: the current snapshot for each month."""

import datetime as dt

import duckdb

from config import current
from domain.plan import Action, Snapshot, status_from_name

_SNAPSHOTS = (
    "SELECT snapshot_month, as_at, action_id, workstream, action, senior_officer, lead_officer, start_date, due_date, "
    "status, percent_complete, impact_kpis, progress_update FROM current_plan_actions WHERE council = ? "
    "ORDER BY snapshot_month, submission_id, try_cast(regexp_extract(source_row, '!(\\d+)$', 1) AS INTEGER)"
)


def snapshots(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[Snapshot]:
    """Every month's current snapshot of one council's action log (this dashboard's own unless given), oldest
    first, actions in the order they were uploaded."""
    rows = con.execute(
        _SNAPSHOTS,
        [council or current().home_council],
    ).fetchall()
    by_month: dict[dt.date, tuple[dt.date, list[Action]]] = {}
    for month, as_at, *fields in rows:
        action = Action(*fields[:7], status_from_name(fields[7]), fields[8], tuple(fields[9]), fields[10])
        by_month.setdefault(month, (as_at, []))[1].append(action)
    return [Snapshot(as_at, month, tuple(actions)) for month, (as_at, actions) in by_month.items()]
