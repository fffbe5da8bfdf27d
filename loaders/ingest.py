"""The upload workflow: check a file completely, show what it would change, then store it in one transaction.

    checked = check_upload(con, path, catalogue)          # nothing is written
    if checked.errors: ...                                 # show them; the file is refused
    commit_upload(con, checked, uploaded_by=officer, confirm_warnings=True, reason=None)
                                                           # officer: an accounts.roles.Actor who may change data

Earlier versions are never touched: a new submission for a month already loaded becomes the current one (a
revision, which needs a reason), and a submission can be rolled back (loaders.versions).
"""

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from config import clock, current
from database.connection import transaction
from domain.catalogue import Catalogue
from domain.councils import councils
from domain.months import add_months
from domain.preview import Change, CommentaryChange, commentary_changes, compare
from domain.store import computed_figures, current_commentary, current_rows, figures_with_parts
from domain.values import ValueIndex
from loaders import context_rules
from loaders.file_checks import check_file
from loaders.monthly_return import ParsedReturn, read_return
from loaders.problems import Problem, ReturnRejected
from loaders.upload_source import Source, name_of, sha256_of
from loaders.xlsx_cells import Workbook, read_workbook

# One upload at a time within a process (the app serves many sessions from one process); other processes are kept
# out by DuckDB's lock on the database file.
COMMIT_LOCK = threading.Lock()


class NeedsConfirmation(ValueError):
    """The file has warnings that nobody has confirmed."""

    def __init__(self, warnings: list[Problem]):
        self.warnings = warnings
        super().__init__(f"{len(warnings)} warning(s) need confirming before the file is loaded")


class UploadConflict(RuntimeError):
    """Something changed between checking and committing (another upload came first). Nothing was written."""


@dataclass(frozen=True)
class IngestOutcome:
    submission_id: int
    months: list[dt.date]
    value_count: int
    missing_count: int
    already_loaded: bool  # the same file (by SHA-256) was loaded before; nothing was written
    is_revision: bool = False


class ProblemLists:
    """Errors and warnings from a checked upload's `all_problems` property (shared by both kinds of upload)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.all_problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.all_problems if not p.is_error]


def already_loaded_or_ready(
    checked, uploaded_by: Actor, reason: str | None, confirm_warnings: bool
) -> IngestOutcome | None:
    """Where every commit of a checked upload begins: the outcome of a file loaded already (nothing to do);
    otherwise None, the reason given now (or at the check) recorded, once the upload is known to be ready."""
    if checked.duplicate_of is not None:
        return IngestOutcome(checked.duplicate_of, [], 0, 0, already_loaded=True)
    checked.reason = reason if reason is not None else checked.reason
    check_ready(checked, uploaded_by, confirm_warnings)
    return None


def check_ready(checked, uploaded_by: Actor, confirm_warnings: bool) -> None:
    """Refuse to commit an upload by someone whose role may not change data, or with errors or unconfirmed
    warnings."""
    require(uploaded_by, Permission.CHANGE_DATA)
    if checked.errors or checked.parsed is None:
        raise ReturnRejected(checked.file_name, checked.all_problems)
    if checked.warnings and not confirm_warnings:
        raise NeedsConfirmation(checked.warnings)


@dataclass
class CheckedUpload(ProblemLists):
    """Everything known about an upload before it is committed. Nothing has been written."""

    file_name: str
    sha256: str | None
    parsed: ParsedReturn | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: int | None = None
    loaded_months: list[dt.date] = field(default_factory=list)  # months that already have figures
    changes: list[Change] = field(default_factory=list)
    reason: str | None = None  # why this revises months already loaded; may be given after checking
    council: str | None = None  # whose figures (DfE LA code), from the Cover; this dashboard's own if blank
    versions: tuple | None = None  # the uploads the preview was worked out against (submission_versions)
    commentary: list[CommentaryChange] = field(default_factory=list)  # what a revision does to the commentary

    @property
    def all_problems(self) -> list[Problem]:
        """The file's problems, plus 'month already loaded' while a revision has no reason."""
        return context_rules.already_loaded(self.loaded_months, self.reason) + self.problems

    @property
    def is_revision(self) -> bool:
        return bool(self.loaded_months)


@dataclass(frozen=True)
class OpenedFile:
    """An uploaded file read with no database open: the file checks' problems, or its SHA-256 and its cells (or
    the reader's problems). Reading is the part of a check whose work grows with the file; the database is opened
    only afterwards, to judge what was read against what is loaded."""

    file_name: str
    sha256: str | None
    workbook: Workbook | None
    problems: list[Problem]


def open_file(
    source: Source, file_name: str | None = None, read: Callable[[Source, str], Workbook] | None = None
) -> OpenedFile:
    """Check and read an uploaded workbook (a path, or the upload's bytes: loaders.upload_source) with `read`
    (read_workbook unless given; it raises ReturnRejected). Needs no database."""
    file_name = name_of(source, file_name)
    read = read or read_workbook
    refused = check_file(source, file_name)
    if refused:
        return OpenedFile(file_name, None, None, refused)
    sha256 = sha256_of(source)
    try:
        return OpenedFile(file_name, sha256, read(source, file_name), [])
    except ReturnRejected as rejected:
        return OpenedFile(file_name, sha256, None, rejected.problems)


def accepted_with_hash(con: duckdb.DuckDBPyConnection, sha256: str):
    return con.execute(
        "SELECT submission_id FROM submissions WHERE sha256 = ? AND status = 'accepted' ORDER BY submission_id DESC",
        [sha256],
    ).fetchone()


@contextmanager
def guarded_commit(
    con: duckdb.DuckDBPyConnection, file_name: str, sha256: str, seen: tuple | None, now: Callable[[], tuple], what: str
) -> Iterator[duckdb.DuckDBPyConnection]:
    """An upload's one transaction, under this process's commit lock. Refused, with nothing written, if the same
    file was loaded meanwhile, or if the uploads for its months (`now()`, read inside the transaction) are no longer
    those the check saw (`seen`; None when the check had no database): another `what` was committed or rolled back
    in between, and the preview the officer confirmed no longer says what the commit would change."""
    with COMMIT_LOCK, transaction(con):
        if accepted_with_hash(con, sha256):
            raise UploadConflict(f"{file_name} has just been loaded by someone else; nothing was written")
        if seen is not None and seen != now():
            raise UploadConflict(
                f"another {what} was committed or rolled back while this one was being checked; nothing was "
                "written. Please upload it again to see what it would change now"
            )
        yield con


def submission_versions(
    con: duckdb.DuckDBPyConnection, kind: str, council: str, first: dt.date, last: dt.date
) -> tuple:
    """(submission_id, status) of every upload of `kind` for the council whose months overlap first..last. Any
    upload or rollback there changes it, so a preview checked before a revision made meanwhile cannot be committed
    over that revision unseen."""
    return tuple(
        con.execute(
            """SELECT submission_id, status FROM submissions WHERE kind = ? AND council = ? AND first_month <= ?
           AND last_month >= ? ORDER BY submission_id""",
            [kind, council, last, first],
        ).fetchall()
    )


def months_loaded_by_kind(
    con: duckdb.DuckDBPyConnection, months: list[dt.date], council: str
) -> dict[str, list[dt.date]]:
    """Which of the months already have figures for the council, by the kind of upload that gave them ('kpi_return':
    typed in a monthly return or backfill; 'annex_a': computed from Annex A's lists). One query for both."""
    rows = con.execute(
        """SELECT DISTINCT v.month, s.kind FROM kpi_values AS v JOIN submissions AS s USING (submission_id)
           WHERE s.status = 'accepted' AND s.council = ? AND v.month BETWEEN ? AND ?""",
        [council, min(months), max(months)],
    ).fetchall()
    wanted, found = set(months), {}
    for month, kind in sorted(rows):
        if month in wanted:
            found.setdefault(kind, []).append(month)
    return found


def months_loaded(
    con: duckdb.DuckDBPyConnection, months: list[dt.date], council: str, kind: str = "kpi_return"
) -> list[dt.date]:
    """Which of the months already have figures for the council from an upload of `kind` (typed in a monthly
    return by default; Annex A's computed figures are another source)."""
    return months_loaded_by_kind(con, months, council).get(kind, [])


class _LazyHistory:
    """The figures the checks need: the 12 months before the upload's months (for plausibility and for reading
    ambiguous percentages) and the months themselves (for the preview). Read once, only when first needed."""

    def __init__(self, con: duckdb.DuckDBPyConnection, other_councils: bool):
        self.con, self.index, self.window = con, None, None
        self.council, self.other_councils = current().home_council, other_councils

    def use_council(self, text: object) -> None:
        """The Cover names the council: the figures are checked against its history (a council the upload will
        refuse leaves this dashboard's own; the refusal comes after reading)."""
        code, _ = context_rules.council_of(text, (None, None), councils(), self.council, self.other_councils)
        self.council = code or self.council

    def around(self, months: list[dt.date]) -> ValueIndex:
        first = add_months(min(months), -context_rules.HISTORY_MONTHS) if months else None
        last = max(months) if months else None
        if self.index is None:
            self.index, self.window = ValueIndex(current_rows(self.con, first, last, self.council)), (first, last)
        elif self.window != (None, None) and not (
            self.window[0] <= (first or self.window[0]) and (last or self.window[1]) <= self.window[1]
        ):
            self.index, self.window = ValueIndex(current_rows(self.con, council=self.council)), (None, None)  # all
        return self.index

    def history(self, code: str, month: dt.date, count: int) -> list[float]:
        return self.around([month]).history(code, month, count)


def check_upload(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    catalogue: Catalogue,
    file_name: str | None = None,
    reason: str | None = None,
    today: dt.date | None = None,
    progress: Callable[[float, str], None] | None = None,
    other_councils: bool = False,
    opened: OpenedFile | None = None,
) -> CheckedUpload:
    """Check a file completely against the catalogue and what is loaded (`opened`: the file as open_file read it,
    before the database was opened). Writes nothing. A return for another council than this dashboard's own is
    refused unless `other_councils` (a dashboard for several councils)."""
    opened = opened or open_file(source, file_name)
    file_name, sha256 = opened.file_name, opened.sha256
    if opened.problems:
        return CheckedUpload(file_name, sha256, problems=opened.problems)
    duplicate = accepted_with_hash(con, sha256)
    if duplicate:
        return CheckedUpload(file_name, sha256, duplicate_of=duplicate[0])
    index = _LazyHistory(con, other_councils)
    try:
        parsed = read_return(
            source,
            catalogue,
            file_name,
            context_rules.recent_median(index),
            progress,
            on_council=index.use_council,
            workbook=opened.workbook,
            small_count_limit=current().suppression_threshold,
        )
    except ReturnRejected as rejected:
        return CheckedUpload(file_name, sha256, problems=rejected.problems)
    council, refused = context_rules.council_of(
        parsed.council_text, parsed.council_where, councils(), current().home_council, other_councils
    )
    if refused:
        return CheckedUpload(file_name, sha256, problems=refused)
    index = index.around(parsed.months)
    held = council or current().home_council
    by_kind = months_loaded_by_kind(con, parsed.months, held)
    loaded = by_kind.get("kpi_return", [])
    computed = computed_figures(con, by_kind["annex_a"], held) if "annex_a" in by_kind else {}
    problems = context_rules.future_months(parsed, today or clock.today())
    problems += parsed.warnings + context_rules.implausible(parsed, index, catalogue)
    problems += context_rules.red_without_commentary(parsed, index, catalogue, computed)
    incoming = {(row.kpi_code, row.month): row.value for row in parsed.rows}
    versions = submission_versions(con, "kpi_return", held, min(parsed.months), max(parsed.months))
    notes = {(r.kpi_code, r.month): (r.commentary, r.commentary_public) if r.commentary else None for r in parsed.rows}
    shown = current_commentary(con, min(loaded), max(loaded), held) if loaded else {}
    commentary = commentary_changes(notes, shown, loaded, catalogue)
    if parsed.is_backfill and loaded:
        parts = figures_with_parts(con, min(loaded), max(loaded), held)
        problems += context_rules.backfill_replaces_detail(parsed, loaded, parts, commentary)
    return CheckedUpload(
        file_name,
        sha256,
        parsed,
        problems,
        None,
        loaded,
        compare(incoming, index, catalogue),
        reason,
        council,
        versions,
        commentary,
    )


def _insert(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedReturn,
    sha256: str,
    uploaded_by: Actor,
    is_demo: bool,
    reason: str | None,
    council: str,
) -> int:
    value_count = sum(row.value is not None for row in parsed.rows)
    submission_id = con.execute(
        """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month,
                                    row_count, value_count, missing_count, is_demo, reason, council)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING submission_id""",
        [
            parsed.file_name,
            sha256,
            uploaded_by.name,
            clock.now(),
            min(parsed.months),
            max(parsed.months),
            len(parsed.rows),
            value_count,
            len(parsed.rows) - value_count,
            is_demo,
            reason,
            council,
        ],
    ).fetchone()[0]
    if parsed.rows:
        columns = list(
            zip(
                *(
                    (
                        r.kpi_code,
                        r.month,
                        r.value,
                        r.numerator,
                        r.denominator,
                        r.commentary,
                        r.source_cell,
                        r.commentary_public,
                    )
                    for r in parsed.rows
                ),
                strict=True,
            )
        )
        con.execute(  # one statement for every figure: each column goes in as a list, unnested side by side
            """INSERT INTO kpi_values (submission_id, kpi_code, month, value, numerator, denominator, commentary,
                                       source_cell, commentary_public)
               SELECT ?, unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::DOUBLE[]), unnest(?::DOUBLE[]),
                      unnest(?::DOUBLE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BOOLEAN[])""",
            [submission_id, *map(list, columns)],
        )
    for statement in parsed.statements:
        con.execute(
            "INSERT INTO impact_statements VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                submission_id,
                statement.month,
                statement.line,
                statement.workstream,
                statement.quote,
                statement.is_public,
                statement.source_cell,
            ],
        )
    audit.record(
        con,
        uploaded_by,
        "upload",
        f"submission {submission_id}",
        f"{parsed.file_name}: {len(parsed.rows)} figures" + (f"; revision: {reason}" if reason else ""),
    )
    return submission_id


def store_return(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedReturn,
    sha256: str,
    uploaded_by: Actor,
    is_demo: bool = False,
    reason: str | None = None,
    council: str | None = None,
    expected_versions: tuple | None = None,
) -> IngestOutcome:
    """Write one checked return as a submission for `council` (this dashboard's own unless given), all or
    nothing. Re-checks, inside the transaction, that nothing changed since the file was checked (another upload of
    the same file, or of the same month)."""
    require(uploaded_by, Permission.CHANGE_DATA)
    council = council or current().home_council
    # Every upload that gives a figure for these months overlaps them, so the versions also catch any change in
    # which months are loaded
    versions = partial(submission_versions, con, "kpi_return", council, min(parsed.months), max(parsed.months))
    with guarded_commit(con, parsed.file_name, sha256, expected_versions, versions, "upload for these months"):
        loaded = months_loaded(con, parsed.months, council)
        if loaded and not (reason and reason.strip()):
            raise ReturnRejected(parsed.file_name, context_rules.already_loaded(loaded, reason))
        submission_id = _insert(con, parsed, sha256, uploaded_by, is_demo, reason, council)
    value_count = sum(row.value is not None for row in parsed.rows)
    return IngestOutcome(
        submission_id,
        parsed.months,
        value_count,
        len(parsed.rows) - value_count,
        already_loaded=False,
        is_revision=bool(loaded),
    )


def commit_upload(
    con: duckdb.DuckDBPyConnection,
    checked: CheckedUpload,
    uploaded_by: Actor,
    reason: str | None = None,
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> IngestOutcome:
    """Store a checked upload. Refuses one with errors, unconfirmed warnings, or a revision without a reason."""
    if (done := already_loaded_or_ready(checked, uploaded_by, reason, confirm_warnings)) is not None:
        return done
    return store_return(
        con,
        checked.parsed,
        checked.sha256,
        uploaded_by,
        is_demo,
        checked.reason,
        council=checked.council,
        expected_versions=checked.versions,
    )


def ingest_return(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    catalogue: Catalogue,
    uploaded_by: Actor,
    is_demo: bool = False,
    reason: str | None = None,
    file_name: str | None = None,
    confirm_warnings: bool = False,
    today: dt.date | None = None,
) -> IngestOutcome:
    """Check and store in one call (scripts and the demo loader). Raises ReturnRejected or NeedsConfirmation."""
    checked = check_upload(con, source, catalogue, file_name, reason, today)
    return commit_upload(con, checked, uploaded_by, reason, confirm_warnings, is_demo)
