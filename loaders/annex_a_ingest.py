"""The Annex A upload: read the child-level lists in memory, compute the month's KPIs by the definitions in
data/child_level_kpis.toml, show them against what is loaded, then store only the figures, in one transaction.

    checked = check_annex_a(con, path, catalogue)            # nothing is written; the lists are already dropped
    commit_annex_a(con, checked, uploaded_by=officer, confirm_warnings=True)

The same guarantees as the monthly return (loaders.ingest): every check before anything is written, one
transaction with its audit record, a month already loaded is a revision with a reason, every version kept and any
upload can be rolled back (loaders.versions).

What is stored of an Annex A workbook: the figures, its SHA-256, the number of rows of each list, and the warnings
confirmed (rule, list, cell, message: a message never holds what a personal field says). Nothing of any child.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

import duckdb

from accounts import audit
from accounts.roles import Actor
from config import clock, current
from domain.catalogue import Catalogue
from domain.child_level import ComputedFigure, Skipped, TeamCaseload, child_population, compute, load_definitions
from domain.months import add_months
from domain.preview import Change, compare
from domain.reconciliation import typed_figures
from domain.store import current_rows
from domain.values import ValueIndex
from loaders import context_rules
from loaders.annex_a import read_annex_a
from loaders.annex_a_layout import BY_NUMBER
from loaders.ingest import (
    IngestOutcome,
    OpenedFile,
    ProblemLists,
    accepted_with_hash,
    already_loaded_or_ready,
    guarded_commit,
    months_loaded,
    open_file,
    submission_versions,
)
from loaders.problems import Problem, ReturnRejected
from loaders.upload_source import Source, name_of
from loaders.xlsx_cells import UnreadableWorkbook, Workbook

KIND = "annex_a"


@dataclass(frozen=True)
class AnnexSummary:
    """What an Annex A workbook gave, without any of its rows: enough to preview, commit and pre-fill a return."""

    file_name: str
    month: dt.date
    latest_date: dt.date
    row_counts: dict[int, int]  # rows read per list
    figures: list[ComputedFigure]
    skipped: list[Skipped]  # KPIs the definitions give that these lists could not
    teams: list[TeamCaseload]
    population: tuple[float, int] | None  # children aged 0-17 and the mid-year it is from

    @property
    def months(self) -> list[dt.date]:
        return [self.month]

    @property
    def rows(self) -> list[ComputedFigure]:
        return self.figures


@dataclass
class CheckedAnnexA(ProblemLists):
    file_name: str
    sha256: str | None
    parsed: AnnexSummary | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: int | None = None
    loaded_months: list[dt.date] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    reason: str | None = None
    council: str | None = None
    versions: tuple | None = None
    typed: dict[str, float | None] = field(default_factory=dict)  # the month's figures typed in a return
    last_month: dict[str, float | None] = field(default_factory=dict)  # the month before's figures shown

    @property
    def all_problems(self) -> list[Problem]:
        return context_rules.already_loaded(self.loaded_months, self.reason) + self.problems

    @property
    def is_revision(self) -> bool:
        return bool(self.loaded_months)


def source_of(figure: ComputedFigure) -> str:
    """Where a computed figure came from, as kpi_values.source_cell records it."""
    lists = ", ".join(f"List {n}" for n in figure.lists)
    return f"Annex A {lists}: computed ({figure.kpi} definition)"


def summarise(
    opened: OpenedFile, catalogue: Catalogue, today: dt.date, council: str
) -> tuple[AnnexSummary | None, list[Problem]]:
    """Read the lists, compute the figures and drop the lists: only the summary leaves this function."""
    parsed = read_annex_a(opened.workbook, opened.file_name, today)
    problems = list(parsed.problems)
    if any(p.is_error for p in problems) or parsed.month is None:
        return None, problems
    population = child_population(council, parsed.month)
    figures, skipped, teams = compute(
        parsed.tables,
        parsed.month,
        population[0] if population else None,
        load_definitions(catalogue=catalogue),
        catalogue,
        parsed.missing_fields,
    )
    parsed.tables.clear()
    problems += [
        Problem("ANNEX_KPI_NOT_COMPUTED", f"{s.kpi} {catalogue[s.kpi].title} is not computed: {s.reason}")
        for s in skipped
        if s.kpi in catalogue.kpis
    ]
    summary = AnnexSummary(
        opened.file_name, parsed.month, parsed.latest_date, dict(parsed.row_counts), figures, skipped, teams, population
    )
    return summary, problems


def _cells(source: Source, file_name: str) -> Workbook:
    """The workbook's cells, without read_workbook's refusal of every formula with no saved result: an Annex A's
    adoption lists may hold such formulas, and only the columns read are checked for them (loaders.annex_a)."""
    try:
        return Workbook(source)
    except UnreadableWorkbook as unreadable:
        raise ReturnRejected(file_name, [unreadable.problem()]) from unreadable


def open_annex_a(source: Source, file_name: str) -> OpenedFile:
    """The file checks, then the workbook's cells. Needs no database."""
    return open_file(source, file_name, read=_cells)


def check_annex_a(
    con: duckdb.DuckDBPyConnection | None,
    source: Source,
    catalogue: Catalogue,
    file_name: str | None = None,
    reason: str | None = None,
    today: dt.date | None = None,
    opened: OpenedFile | None = None,
    **_,
) -> CheckedAnnexA:
    """Check an Annex A workbook completely and work out its figures. Writes nothing; keeps no row of any list."""
    file_name = name_of(source, file_name)
    opened = opened or open_annex_a(source, file_name)
    if opened.problems:
        return CheckedAnnexA(opened.file_name, opened.sha256, problems=opened.problems)
    duplicate = accepted_with_hash(con, opened.sha256)
    if duplicate:
        return CheckedAnnexA(opened.file_name, opened.sha256, duplicate_of=duplicate[0])
    council = current().home_council
    summary, problems = summarise(opened, catalogue, today or clock.today(), council)
    if summary is None:
        return CheckedAnnexA(opened.file_name, opened.sha256, problems=problems)
    month = summary.month
    index = ValueIndex(current_rows(con, add_months(month, -13), month, council))
    incoming = {(f.kpi, month): f.value for f in summary.figures}
    return CheckedAnnexA(
        opened.file_name,
        opened.sha256,
        summary,
        problems,
        None,
        months_loaded(con, [month], council, KIND),
        compare(incoming, index, catalogue),
        reason,
        council,
        submission_versions(con, KIND, council, month, month),
        typed_figures(con, month, council),
        {f.kpi: index.value(f.kpi, add_months(month, -1)) for f in summary.figures},
    )


def commit_annex_a(
    con: duckdb.DuckDBPyConnection,
    checked: CheckedAnnexA,
    uploaded_by: Actor,
    reason: str | None = None,
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> IngestOutcome:
    """Store a checked Annex A's figures, all or nothing."""
    if (done := already_loaded_or_ready(checked, uploaded_by, reason, confirm_warnings)) is not None:
        return done
    summary, council = checked.parsed, checked.council or current().home_council
    versions = partial(submission_versions, con, KIND, council, summary.month, summary.month)
    with guarded_commit(con, checked.file_name, checked.sha256, checked.versions, versions, "Annex A for this month"):
        loaded = months_loaded(con, [summary.month], council, KIND)
        if loaded and not (checked.reason and checked.reason.strip()):
            raise ReturnRejected(checked.file_name, context_rules.already_loaded(loaded, checked.reason))
        submission_id = _insert(con, checked, uploaded_by, is_demo, council)
    values = sum(f.value is not None for f in summary.figures)
    return IngestOutcome(
        submission_id,
        [summary.month],
        values,
        len(summary.figures) - values,
        already_loaded=False,
        is_revision=bool(loaded),
    )


def _insert(con, checked: CheckedAnnexA, uploaded_by: Actor, is_demo: bool, council: str) -> int:
    summary = checked.parsed
    values = sum(f.value is not None for f in summary.figures)
    submission_id = con.execute(
        """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month,
                                    row_count, value_count, missing_count, is_demo, reason, kind, council)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING submission_id""",
        [
            checked.file_name,
            checked.sha256,
            uploaded_by.name,
            clock.now(),
            summary.month,
            summary.month,
            len(summary.figures),
            values,
            len(summary.figures) - values,
            is_demo,
            checked.reason,
            KIND,
            council,
        ],
    ).fetchone()[0]
    for figure in summary.figures:
        con.execute(
            """INSERT INTO kpi_values (submission_id, kpi_code, month, value, numerator, denominator, source_cell)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                submission_id,
                figure.kpi,
                summary.month,
                figure.value,
                figure.numerator,
                figure.denominator,
                source_of(figure),
            ],
        )
    for number, count in sorted(summary.row_counts.items()):
        con.execute(
            "INSERT INTO list_counts VALUES (?, ?, ?, ?)", [submission_id, number, BY_NUMBER[number].title, count]
        )
    for line, problem in enumerate(checked.warnings, start=1):
        con.execute(
            "INSERT INTO upload_problems VALUES (?, ?, ?, ?, ?, ?)",
            [submission_id, line, problem.rule, problem.sheet, problem.cell, problem.message],
        )
    audit.record(
        con,
        uploaded_by,
        "upload",
        f"submission {submission_id}",
        f"{checked.file_name}: Annex A, {len(summary.figures)} figures computed"
        + (f"; revision: {checked.reason}" if checked.reason else ""),
    )
    return submission_id
