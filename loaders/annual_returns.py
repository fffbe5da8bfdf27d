"""An annual statutory return (the SSDA903 CSV tables, or the CIN census XML): checked, its year's measures worked out
in memory, and on request kept as a submission, with the same guarantees as a monthly upload (one transaction,
versions, a reason for a revision, rollback). Only the measures, the files' SHA-256 and each table's row count are
stored; the files' rows are dropped before the check returns.

    checked = check_annual_return("ssda903", {"episodes.csv": data, ...}, catalogue, council="884", con=con)
    outcome = commit_annual_return(con, checked, officer)
"""

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from config import clock
from domain.annual_returns import CannotGive, compute_year, load_annual_definitions
from domain.catalogue import Catalogue
from domain.child_level import ComputedFigure, Skipped, child_population
from domain.councils import councils
from domain.months import day_label
from loaders import context_rules
from loaders.cin_census import read_cin_census
from loaders.ingest import IngestOutcome, accepted_with_hash, guarded_commit, submission_versions
from loaders.problems import Problem, ReturnRejected
from loaders.ssda903 import read_ssda903

KINDS = {"ssda903": "ssda903", "cin": "cin_census"}  # the return -> its submissions' kind


@dataclass
class CheckedAnnualReturn:
    collection: str  # 'ssda903' or 'cin'
    file_names: tuple[str, ...]
    sha256: str  # of the files together, in name order
    council: str
    year_end: dt.date | None
    row_counts: dict[str, int]  # rows read per table: never any row
    problems: list[Problem]
    figures: list[ComputedFigure]  # empty when there are errors
    skipped: list[Skipped]
    cannot: list[CannotGive]
    population_year: int | None  # the ONS mid-year estimate the rates use
    duplicate_of: int | None = None  # these very files are loaded already
    loaded: int | None = None  # an accepted submission of this return for the year: loading again is a revision
    versions: tuple | None = None  # the uploads the check saw (submission_versions)
    reason: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def file_name(self) -> str:
        return ", ".join(self.file_names)

    @property
    def kind(self) -> str:
        return KINDS[self.collection]


def files_hash(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def check_annual_return(
    collection: str,
    files: Mapping[str, bytes],
    catalogue: Catalogue,
    council: str,
    con: duckdb.DuckDBPyConnection | None = None,
) -> CheckedAnnualReturn:
    """Read and check the files, then work out the measures for the year they hold (if nothing blocks them). With
    a database, also say whether they are loaded already or would revise the year's figures. Writes nothing."""
    if collection == "ssda903":
        parsed = read_ssda903(files)
    else:
        (name, data), *extra = files.items()
        if extra:
            raise ValueError("the CIN census is one file")
        parsed = read_cin_census(data, name)
    year_end, counts, problems = parsed.year_end, parsed.row_counts, parsed.problems
    if collection == "cin":
        # the census names its council in the header (<LEA>): another council's file would give wrong figures
        problems = (
            problems + context_rules.council_of(parsed.council, (parsed.file_name, "header"), councils(), council)[1]
        )
    definitions = load_annual_definitions(catalogue=catalogue)
    cannot = [c for c in definitions.cannot if c.collection == collection]
    figures, skipped, population_year = [], [], None
    if year_end is not None and not any(p.is_error for p in problems):
        found = child_population(council, dt.date(year_end.year, 3, 1))
        population, population_year = found if found else (None, None)
        figures, skipped = compute_year(collection, parsed.tables, year_end, population, definitions, catalogue)
    del parsed  # the rows go here: nothing below holds any
    checked = CheckedAnnualReturn(
        collection, tuple(files), files_hash(files), council, year_end, counts, problems, figures, skipped, cannot,
        population_year,
    )  # fmt: skip
    if con is not None:
        duplicate = accepted_with_hash(con, checked.sha256)
        checked.duplicate_of = duplicate[0] if duplicate else None
        if year_end is not None:
            checked.loaded = _loaded(con, checked)
            checked.versions = _versions(con, checked)
    return checked


def _march(checked: CheckedAnnualReturn) -> dt.date:
    return dt.date(checked.year_end.year, 3, 1)


def _versions(con, checked: CheckedAnnualReturn) -> tuple:
    return submission_versions(con, checked.kind, checked.council, _march(checked), _march(checked))


def _loaded(con, checked: CheckedAnnualReturn) -> int | None:
    row = con.execute(
        """SELECT max(submission_id) FROM submissions
           WHERE kind = ? AND council = ? AND first_month = ? AND status = 'accepted'""",
        [checked.kind, checked.council, _march(checked)],
    ).fetchone()
    return row[0]


def commit_annual_return(
    con: duckdb.DuckDBPyConnection,
    checked: CheckedAnnualReturn,
    uploaded_by: Actor,
    reason: str | None = None,
    is_demo: bool = False,
) -> IngestOutcome:
    """Keep a checked return's measures, all or nothing. A second return for the same year needs a reason; the
    earlier one is kept and comes back if this one is rolled back."""
    require(uploaded_by, Permission.CHANGE_DATA)
    if checked.duplicate_of is not None:
        return IngestOutcome(checked.duplicate_of, [], 0, 0, already_loaded=True)
    if checked.errors or not checked.figures:
        raise ReturnRejected(checked.file_name, checked.errors)
    checked.reason = reason if reason is not None else checked.reason
    versions = partial(_versions, con, checked)
    with guarded_commit(con, checked.file_name, checked.sha256, checked.versions, versions, "return for this year"):
        loaded = _loaded(con, checked)
        if loaded and not (checked.reason and checked.reason.strip()):
            raise ReturnRejected(checked.file_name, context_rules.already_loaded([_march(checked)], checked.reason))
        submission_id = _insert(con, checked, uploaded_by, is_demo)
    values = sum(f.value is not None for f in checked.figures)
    return IngestOutcome(
        submission_id, [_march(checked)], values, len(checked.figures) - values, False, is_revision=bool(loaded)
    )


def _insert(con, checked: CheckedAnnualReturn, uploaded_by: Actor, is_demo: bool) -> int:
    values = sum(f.value is not None for f in checked.figures)
    march = _march(checked)
    submission_id = con.execute(
        """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month,
                                    row_count, value_count, missing_count, is_demo, reason, kind, council)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING submission_id""",
        [
            checked.file_name[:500],
            checked.sha256,
            uploaded_by.name,
            clock.now(),
            march,
            march,
            len(checked.figures),
            values,
            len(checked.figures) - values,
            is_demo,
            checked.reason,
            checked.kind,
            checked.council,
        ],
    ).fetchone()[0]
    con.executemany(
        "INSERT INTO annual_figures VALUES (?, ?, ?, ?, ?, ?)",
        [[submission_id, f.kpi, checked.year_end, f.value, f.numerator, f.denominator] for f in checked.figures],
    )
    con.executemany(
        "INSERT INTO return_table_counts VALUES (?, ?, ?)",
        [[submission_id, name, count] for name, count in sorted(checked.row_counts.items())],
    )
    audit.record(
        con,
        uploaded_by,
        "upload",
        f"submission {submission_id}",
        f"{checked.file_name}: {checked.kind} for the year to {day_label(checked.year_end)}, "
        f"{len(checked.figures)} measures" + (f"; revision: {checked.reason}" if checked.reason else ""),
    )
    return submission_id
