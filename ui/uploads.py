"""Streamlit glue for the upload and history pages: template bytes, checking an uploaded file, committing it."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import paths
from domain.catalogue import Catalogue
from domain.store import open_store, submissions
from loaders.ingest import CheckedUpload, IngestOutcome, check_upload, commit_upload
from loaders.return_writer import write_template
from loaders.versions import rollback


@st.cache_resource(show_spinner=False, max_entries=2)
def template_bytes(catalogue_path: str, mtime: float, _catalogue: Catalogue) -> bytes:
    """The blank return for the current catalogue (rebuilt when the catalogue file changes)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template(path, _catalogue)
        return path.read_bytes()


def check(uploaded, catalogue: Catalogue, progress=None) -> CheckedUpload:
    """Check an uploaded file against the catalogue and the database. Writes nothing to the database."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(uploaded.getvalue())
        with open_store(paths.database_path()) as con:
            return check_upload(con, path, catalogue, file_name=uploaded.name, progress=progress)


def commit(checked: CheckedUpload, uploaded_by: str, reason: str | None) -> IngestOutcome:
    with open_store(paths.database_path()) as con:
        return commit_upload(con, checked, uploaded_by, reason or None, confirm_warnings=True)


def history() -> pd.DataFrame:
    """Every submission; missing fields (no reason, not rolled back) are None, never NaN."""
    with open_store(paths.database_path()) as con:
        frame = submissions(con)
    return frame.astype(object).where(frame.notna(), None)


def roll_back(submission_id: int, user: str) -> None:
    with open_store(paths.database_path()) as con:
        rollback(con, submission_id, user)
