"""Reading the dashboard's database. Writing is the loaders' job; both use domain.schema."""

from pathlib import Path

import duckdb
import pandas as pd

from domain.schema import create_schema


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, creating the file and its tables if they do not exist yet."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    create_schema(con)
    return con


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever a submission is added or rolled back: a key for caches."""
    return con.execute(
        "SELECT count(*), coalesce(max(submission_id), 0), count(rolled_back_at) FROM submissions"
    ).fetchone()


def current_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The figure shown for every KPI and month: kpi_code, month, value, commentary, submission_id."""
    return con.execute(
        "SELECT kpi_code, month, value, commentary, submission_id FROM current_kpi_values ORDER BY kpi_code, month"
    ).df()


def submissions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM submissions ORDER BY submission_id").df()


def is_showing_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any figure currently shown comes from a demonstration submission."""
    return con.execute(
        """SELECT EXISTS (SELECT 1 FROM current_kpi_values JOIN submissions USING (submission_id)
                          WHERE is_demo)"""
    ).fetchone()[0]
