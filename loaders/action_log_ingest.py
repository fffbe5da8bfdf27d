"""The action log upload: check a file completely, show how it differs from the plan shown now, then store it as a
dated snapshot in one transaction. The same guarantees as the monthly return (loaders.ingest):

    checked = check_action_log(con, path, catalogue, workstreams)      # nothing is written
    commit_action_log(con, checked, uploaded_by=officer, confirm_warnings=True)

A snapshot for a month already loaded is a revision and needs a reason; the earlier one is kept. Any snapshot can be
rolled back (loaders.versions), which makes the previous one for that month current again. An action log is this
dashboard's own council's improvement plan.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb

from accounts import audit
from accounts.roles import Actor
from config import clock, current
from domain.catalogue import Catalogue
from domain.months import day_label, month_label
from domain.plan import ActionChange, Snapshot, compare_actions
from domain.plan_store import snapshots
from domain.workstreams import Workstream
from loaders.action_log import ParsedActionLog, read_action_log
from loaders.ingest import (
    IngestOutcome,
    OpenedFile,
    ProblemLists,
    already_loaded_or_ready,
    guarded_commit,
    open_file,
    submission_versions,
)
from loaders.problems import Problem, ReturnRejected
from loaders.upload_source import Source

KIND = "action_log"


@dataclass
class CheckedActionLog(ProblemLists):
    """Everything known about an action log upload before it is committed. Nothing has been written."""

    file_name: str
    sha256: str | None
    parsed: ParsedActionLog | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: int | None = None
    is_revision: bool = False  # a snapshot for the same month is loaded already
    baseline: Snapshot | None = None  # what it is compared with: the month's snapshot, or the one before
    changes: list[ActionChange] = field(default_factory=list)
    reason: str | None = None
    versions: tuple | None = None  # the action logs the preview was worked out against (submission_versions)

    @property
    def all_problems(self) -> list[Problem]:
        problems = list(self.problems)
        if self.is_revision and not (self.reason and self.reason.strip()):
            problems.insert(0, _already_loaded(self.parsed))
        return problems


def _already_loaded(parsed: ParsedActionLog) -> Problem:
    return Problem(
        "SNAPSHOT_ALREADY_LOADED",
        f"an action log for {month_label(parsed.month)} is already loaded: give "
        "a reason to load this one as a revision",
        "Cover",
        "B4",
    )


def _state(con: duckdb.DuckDBPyConnection, sha256: str, month: dt.date) -> tuple[int | None, bool]:
    """Which accepted submission has this file already (or None), and whether the month has a snapshot."""
    rows = con.execute(
        """SELECT 'file', submission_id FROM submissions WHERE sha256 = ? AND status = 'accepted'
           UNION ALL
           SELECT 'month', NULL FROM submissions WHERE kind = ? AND status = 'accepted' AND first_month = ?
                                                   AND council = ?""",
        [sha256, KIND, month, current().home_council],
    ).fetchall()
    same_file = next((number for kind, number in rows if kind == "file"), None)
    return same_file, any(kind == "month" for kind, _ in rows)


def _removed(parsed: ParsedActionLog, changes: list[ActionChange], baseline: Snapshot) -> list[Problem]:
    return [
        Problem(
            "ACTION_REMOVED",
            f"{c.action_id} ({c.before.workstream}) was in the snapshot of "
            f"{day_label(baseline.as_at)} and is not in this one. If it is finished, keep it and mark it Blue",
            "Action log",
        )
        for c in changes
        if c.kind == "removed"
    ]


def check_action_log(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    file_name: str | None = None,
    reason: str | None = None,
    today: dt.date | None = None,
    opened: OpenedFile | None = None,
) -> CheckedActionLog:
    """Check an action log against the workstreams, the catalogue and what is loaded (`opened`: the file as
    loaders.ingest.open_file read it, before the database was opened). Writes nothing."""
    opened = opened or open_file(source, file_name)
    file_name, sha256 = opened.file_name, opened.sha256
    if opened.problems:
        return CheckedActionLog(file_name, sha256, problems=opened.problems)
    try:
        parsed = read_action_log(source, catalogue, workstreams, file_name, today, opened.workbook)
    except ReturnRejected as rejected:
        return CheckedActionLog(file_name, sha256, problems=rejected.problems)
    duplicate, loaded = _state(con, sha256, parsed.month)
    if duplicate is not None:
        return CheckedActionLog(file_name, sha256, duplicate_of=duplicate)
    history = [s for s in snapshots(con) if s.month <= parsed.month]
    baseline = history[-1] if history else None
    changes = compare_actions(list(baseline.actions) if baseline else [], parsed.actions)
    problems = parsed.warnings + (_removed(parsed, changes, baseline) if baseline else [])
    versions = _versions(con, parsed.month)
    return CheckedActionLog(file_name, sha256, parsed, problems, None, loaded, baseline, changes, reason, versions)


def _versions(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple:
    """The action logs a preview for `month` is compared with: the month's and every earlier month's."""
    return submission_versions(con, KIND, current().home_council, dt.date(1900, 1, 1), month)


def _insert(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedActionLog,
    sha256: str,
    uploaded_by: Actor,
    is_demo: bool,
    reason: str | None,
    council: str | None = None,
) -> int:
    count = len(parsed.actions)
    submission_id = con.execute(
        """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month, row_count,
                                    value_count, missing_count, is_demo, reason, kind, council)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) RETURNING submission_id""",
        [
            parsed.file_name,
            sha256,
            uploaded_by.name,
            clock.now(),
            parsed.month,
            parsed.month,
            count,
            count,
            is_demo,
            reason,
            KIND,
            council or current().home_council,
        ],
    ).fetchone()[0]
    con.executemany(
        "INSERT INTO plan_actions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                submission_id,
                parsed.as_at,
                a.action_id,
                a.workstream,
                a.action,
                a.senior_officer,
                a.lead_officer,
                a.start_date,
                a.due_date,
                a.status.name.capitalize(),
                a.percent_complete,
                list(a.impact_kpis),
                a.update,
                parsed.source_rows[a.action_id],
            ]
            for a in parsed.actions
        ],
    )
    audit.record(
        con,
        uploaded_by,
        "upload",
        f"submission {submission_id}",
        f"{parsed.file_name}: action log as at {day_label(parsed.as_at)}, {count} actions"
        + (f"; revision: {reason}" if reason else ""),
    )
    return submission_id


def commit_action_log(
    con: duckdb.DuckDBPyConnection,
    checked: CheckedActionLog,
    uploaded_by: Actor,
    reason: str | None = None,
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> IngestOutcome:
    """Store a checked action log in one transaction. Refuses errors, unconfirmed warnings, a revision without a
    reason, and a file whose month gained a snapshot (or was loaded) since it was checked."""
    if (done := already_loaded_or_ready(checked, uploaded_by, reason, confirm_warnings)) is not None:
        return done
    parsed = checked.parsed
    versions = partial(_versions, con, parsed.month)  # covers the month gaining or losing its snapshot
    with guarded_commit(con, parsed.file_name, checked.sha256, checked.versions, versions, "action log for this month"):
        submission_id = _insert(con, parsed, checked.sha256, uploaded_by, is_demo, checked.reason)
    return IngestOutcome(
        submission_id, [parsed.month], len(parsed.actions), 0, already_loaded=False, is_revision=checked.is_revision
    )


def ingest_action_log(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    uploaded_by: Actor,
    is_demo: bool = False,
    reason: str | None = None,
    confirm_warnings: bool = False,
    today: dt.date | None = None,
) -> IngestOutcome:
    """Check and store in one call (scripts and the demo loader). Raises ReturnRejected or NeedsConfirmation."""
    checked = check_action_log(con, path, catalogue, workstreams, reason=reason, today=today)
    return commit_action_log(con, checked, uploaded_by, reason, confirm_warnings, is_demo)
