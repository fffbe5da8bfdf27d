"""The one door from the web app to the loaders: pages and ui/ import from here and nowhere else in loaders/, so
the app's use of them can be read in one file and the loaders can change behind it.

Everything here works without Streamlit: checking an upload reads the workbook and the database and writes nothing;
committing writes it in one transaction with its audit record; templates come back as the bytes to download."""

import datetime as dt
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb

from domain.catalogue import Catalogue
from domain.workstreams import Workstream
from loaders.action_log_ingest import CheckedActionLog, check_action_log, commit_action_log
from loaders.action_log_writer import write_action_log_template
from loaders.annex_a_ingest import AnnexSummary, CheckedAnnexA, check_annex_a, commit_annex_a, open_annex_a
from loaders.annex_a_layout import LISTS
from loaders.annual_returns import CheckedAnnualReturn, check_annual_return, commit_annual_return
from loaders.bootstrap import CONFIGURATION_ERRORS, DemoDoesNotFit, prepare_database
from loaders.ingest import CheckedUpload, IngestOutcome, UploadConflict, check_upload, commit_upload, open_file
from loaders.problems import Problem, ReturnRejected
from loaders.return_writer import Figure, Team, write_return, write_template
from loaders.rules import ACTION_LOG_RULES, ANNEX_A_RULES, CIN_RULES, ERROR, MONTHLY_RETURN_RULES, RULES, SSDA903_RULES
from loaders.upload_limits import LIMITS, UploadRefused
from loaders.versions import RollbackRefused, rollback

# What the upload box offers: only what the loaders read. An .xls, .xlsm or .xlsb would be refused after uploading, so
# the box does not offer them; its help says how to save one as an Excel Workbook.
ACCEPTED_TYPES = ["xlsx"]
ANNEX_A_LIST_TITLES = {layout.number: layout.title for layout in LISTS}  # 1: "Contacts", ...
SAVE_AS_XLSX = "Excel Workbook (.xlsx) only: save an .xls, .xlsm or .xlsb file as an Excel Workbook first."

__all__ = [
    "ACCEPTED_TYPES",
    "ACTION_LOG_RULES",
    "ANNEX_A_LIST_TITLES",
    "ANNEX_A_RULES",
    "CIN_RULES",
    "CONFIGURATION_ERRORS",
    "ERROR",
    "LIMITS",
    "MONTHLY_RETURN_RULES",
    "RULES",
    "SAVE_AS_XLSX",
    "SSDA903_RULES",
    "AnnexSummary",
    "CheckedActionLog",
    "CheckedAnnexA",
    "CheckedAnnualReturn",
    "CheckedUpload",
    "DemoDoesNotFit",
    "IngestOutcome",
    "Problem",
    "ReturnRejected",
    "RollbackRefused",
    "UploadConflict",
    "UploadRefused",
    "action_log_template_bytes",
    "check_action_log",
    "check_action_log_upload",
    "check_annex_a_upload",
    "check_annual_return",
    "check_return_upload",
    "check_upload",
    "commit_action_log",
    "commit_annex_a",
    "commit_annual_return",
    "commit_upload",
    "prefilled_return_bytes",
    "prepare_database",
    "return_template_bytes",
    "rollback",
]


OpenDatabase = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]


def check_return_upload(
    content: bytes, file_name: str, catalogue: Catalogue, open_database: OpenDatabase, **options
) -> CheckedUpload:
    """Check an uploaded monthly return or backfill (its bytes, as uploaded). The file is checked and read with no
    database open; `open_database()` is then opened only to judge it against what is loaded (check_upload's
    `options`: progress, other_councils, today). Writes nothing."""
    return _checked(content, file_name, open_database, check_upload, catalogue, **options)


def check_action_log_upload(
    content: bytes,
    file_name: str,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    open_database: OpenDatabase,
    **options,
) -> CheckedActionLog:
    """Check an uploaded action log, as check_return_upload checks a return. Writes nothing."""
    return _checked(content, file_name, open_database, check_action_log, catalogue, workstreams, **options)


def check_annex_a_upload(
    content: bytes, file_name: str, catalogue: Catalogue, open_database: OpenDatabase, **options
) -> CheckedAnnexA:
    """Check an uploaded Annex A workbook and work out its figures; the lists are read in memory and dropped before
    this returns, so the result holds no row of any child. Writes nothing, not even a temporary file."""
    return _checked(content, file_name, open_database, check_annex_a, catalogue, open_with=open_annex_a, **options)


def prefilled_return_bytes(catalogue: Catalogue, summary: AnnexSummary, council: str = "") -> bytes:
    """The month's return with every figure the Annex A gave filled in and marked as computed (and the team sheet's
    cases, headcount and workers over 20), so officers type only what no list holds."""
    source = f"Computed from the Annex A lists in {summary.file_name}"
    figures = {
        f.kpi: Figure(
            value=f.value if f.numerator is None else None,
            numerator=f.numerator,
            denominator=f.denominator,
            computed_from=source,
        )
        for f in summary.figures
        if not catalogue[f.kpi].from_teams
    }
    teams = [Team(t.team, {"cases": t.cases, "headcount": t.headcount, "over_20": t.over_20}) for t in summary.teams]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prefilled.xlsx"
        write_return(path, catalogue, summary.month, figures, teams, council=council or "", prepared_by=None)
        return path.read_bytes()


def _checked(
    content: bytes, file_name: str, open_database: OpenDatabase, check, *arguments, open_with=open_file, **options
):
    """The upload read from its bytes in memory by `open_with` (loaders.upload_source: nothing of it is written to
    disk), then checked against what is loaded."""
    opened = open_with(content, file_name)  # the work that grows with the file, before the database is opened
    if opened.problems:  # refused by the file checks or the reader: the check needs nothing loaded to say so
        return check(None, content, *arguments, file_name=file_name, opened=opened, **options)
    with open_database() as con:
        return check(con, content, *arguments, file_name=file_name, opened=opened, **options)


def return_template_bytes(catalogue: Catalogue, today: dt.date | None = None) -> bytes:
    """The blank monthly return for this catalogue (its KPIs reported last month or this month), as the .xlsx file
    to download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template(path, catalogue, today=today)
        return path.read_bytes()


def action_log_template_bytes(catalogue: Catalogue, workstreams: dict[str, Workstream], today: dt.date) -> bytes:
    """The blank action log for these workstreams and this catalogue, as the .xlsx file to download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "action_log.xlsx"
        write_action_log_template(path, catalogue, workstreams, today)
        return path.read_bytes()
