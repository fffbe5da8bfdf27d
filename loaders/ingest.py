"""Stores a checked return as a new submission, in one transaction. Earlier versions are never touched."""

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from domain.catalogue import Catalogue
from loaders.monthly_return import ParsedReturn, read_return


@dataclass(frozen=True)
class IngestOutcome:
    submission_id: int
    month: dt.date
    value_count: int
    missing_count: int
    already_loaded: bool  # the same file (by SHA-256) was loaded before; nothing was written


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _existing_submission(con: duckdb.DuckDBPyConnection, sha256: str):
    return con.execute(
        """SELECT submission_id, first_month, value_count, missing_count FROM submissions
           WHERE sha256 = ? AND status = 'accepted' ORDER BY submission_id DESC LIMIT 1""",
        [sha256],
    ).fetchone()


def store_return(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedReturn,
    sha256: str,
    uploaded_by: str,
    is_demo: bool = False,
    reason: str | None = None,
) -> IngestOutcome:
    """Write one parsed return as a submission. All or nothing."""
    value_count = sum(row.value is not None for row in parsed.rows)
    missing_count = len(parsed.rows) - value_count
    months = [row.month for row in parsed.rows] or [parsed.month]
    con.begin()
    try:
        submission_id = con.execute(
            """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month,
                                        row_count, value_count, missing_count, is_demo, reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING submission_id""",
            [
                parsed.file_name, sha256, uploaded_by, dt.datetime.now(), min(months), max(months),
                len(parsed.rows), value_count, missing_count, is_demo, reason,
            ],
        ).fetchone()[0]
        con.executemany(
            "INSERT INTO kpi_values VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [submission_id, r.kpi_code, r.month, r.value, r.numerator, r.denominator, r.commentary, r.source_cell]
                for r in parsed.rows
            ],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return IngestOutcome(submission_id, parsed.month, value_count, missing_count, already_loaded=False)


def ingest_return(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    catalogue: Catalogue,
    uploaded_by: str,
    is_demo: bool = False,
    reason: str | None = None,
    file_name: str | None = None,
) -> IngestOutcome:
    """Check a monthly return workbook and store it. Raises ReturnRejected (and writes nothing) on any error."""
    sha256 = file_sha256(path)
    existing = _existing_submission(con, sha256)
    if existing:
        submission_id, month, value_count, missing_count = existing
        return IngestOutcome(submission_id, month, value_count, missing_count, already_loaded=True)
    parsed = read_return(path, catalogue, file_name=file_name)
    return store_return(con, parsed, sha256, uploaded_by, is_demo=is_demo, reason=reason)
