"""The one door from the web app to the loaders: pages and ui/ import from here and nowhere else in loaders/, so
the app's use of them can be read in one file and the loaders can change behind it.

Everything here works without Streamlit: checking an upload reads the workbook and the database and writes nothing;
committing writes it in one transaction with its audit record; templates come back as the bytes to download."""

import tempfile
from pathlib import Path

from domain.catalogue import Catalogue
from domain.workstreams import Workstream
from loaders.action_log_ingest import CheckedActionLog, check_action_log, commit_action_log
from loaders.action_log_writer import write_action_log_template
from loaders.bootstrap import prepare_database
from loaders.ingest import CheckedUpload, IngestOutcome, UploadConflict, check_upload, commit_upload
from loaders.problems import Problem, ReturnRejected
from loaders.return_writer import write_template
from loaders.rules import ACTION_LOG_RULES, ERROR, MONTHLY_RETURN_RULES, RULES
from loaders.versions import RollbackRefused, rollback

# What the upload box offers: only what the loaders read. An .xls, .xlsm or .xlsb would be refused after uploading, so
# the box does not offer them; its help says how to save one as an Excel Workbook.
ACCEPTED_TYPES = ["xlsx"]
SAVE_AS_XLSX = "Excel Workbook (.xlsx) only: save an .xls, .xlsm or .xlsb file as an Excel Workbook first."

__all__ = [
    "ACCEPTED_TYPES",
    "ACTION_LOG_RULES",
    "ERROR",
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
    "action_log_template_bytes",
    "check_action_log",
    "check_upload",
    "commit_action_log",
    "commit_upload",
    "prepare_database",
    "return_template_bytes",
    "rollback",
]


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
