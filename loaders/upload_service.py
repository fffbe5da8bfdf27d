"""The one door from the web app to the loaders: pages and ui/ import from here and nowhere else in loaders/, so
the app's use of them can be read in one file and the loaders can change behind it.

Everything here works without Streamlit: checking an upload reads the workbook and the database and writes nothing;
committing writes it in one transaction with its audit record; templates come back as the bytes to download."""

import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb

from domain.catalogue import Catalogue
from domain.workstreams import Workstream
from loaders.action_log_ingest import CheckedActionLog, check_action_log, commit_action_log
from loaders.action_log_writer import write_action_log_template
from loaders.bootstrap import prepare_database
from loaders.ingest import CheckedUpload, IngestOutcome, UploadConflict, check_upload, commit_upload, open_file
from loaders.problems import Problem, ReturnRejected
from loaders.return_writer import write_template
from loaders.rules import ACTION_LOG_RULES, ERROR, MONTHLY_RETURN_RULES, RULES
from loaders.upload_limits import LIMITS, UploadRefused
from loaders.versions import RollbackRefused, rollback

# What the upload box offers: only what the loaders read. An .xls, .xlsm or .xlsb would be refused after uploading, so
# the box does not offer them; its help says how to save one as an Excel Workbook.
ACCEPTED_TYPES = ["xlsx"]
SAVE_AS_XLSX = "Excel Workbook (.xlsx) only: save an .xls, .xlsm or .xlsb file as an Excel Workbook first."

__all__ = [
    "ACCEPTED_TYPES",
    "ACTION_LOG_RULES",
    "ERROR",
    "LIMITS",
    "MONTHLY_RETURN_RULES",
    "RULES",
    "SAVE_AS_XLSX",
    "CheckedActionLog",
    "CheckedUpload",
    "IngestOutcome",
    "Problem",
    "ReturnRejected",
    "RollbackRefused",
    "UploadConflict",
    "UploadRefused",
    "action_log_template_bytes",
    "check_action_log",
    "check_action_log_upload",
    "check_return_upload",
    "check_upload",
    "commit_action_log",
    "commit_upload",
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


def _checked(content: bytes, file_name: str, open_database: OpenDatabase, check, *arguments, **options):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(content)
        opened = open_file(path, file_name)  # the work that grows with the file, before the database is opened
        if opened.problems:  # refused by the file checks or the reader: the check needs nothing loaded to say so
            return check(None, path, *arguments, file_name=file_name, opened=opened, **options)
        with open_database() as con:
            return check(con, path, *arguments, file_name=file_name, opened=opened, **options)


def return_template_bytes(catalogue: Catalogue) -> bytes:
    """The blank monthly return for this catalogue, as the .xlsx file to download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template(path, catalogue)
        return path.read_bytes()


def action_log_template_bytes(catalogue: Catalogue, workstreams: dict[str, Workstream]) -> bytes:
    """The blank action log for these workstreams and this catalogue, as the .xlsx file to download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "action_log.xlsx"
        write_action_log_template(path, catalogue, workstreams)
        return path.read_bytes()
