"""Prepares the dashboard database: creates it, and loads the demonstration returns when it is empty."""

from pathlib import Path

import duckdb

from domain.catalogue import Catalogue
from domain.store import open_store
from loaders.ingest import ingest_return

DEMO_UPLOADER = "demo data loader"


def load_demo_returns(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, demo_dir: Path) -> int:
    """Load every demo workbook, oldest month first, through the normal loader. Returns how many were loaded."""
    paths = sorted(demo_dir.glob("monthly_return_*.xlsx"))
    if not paths:
        raise FileNotFoundError(f"no demo returns in {demo_dir}: run 'python -m loaders.demo_data'")
    for path in paths:
        ingest_return(con, path, catalogue, uploaded_by=DEMO_UPLOADER, is_demo=True, confirm_warnings=True)
    return len(paths)


def prepare_database(path: Path, catalogue: Catalogue, demo_dir: Path | None) -> None:
    """Create the database at `path` if needed. When it holds no submission and demo_dir is given, load the demo."""
    with open_store(path) as con:
        empty = con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
        if empty and demo_dir is not None:
            load_demo_returns(con, catalogue, demo_dir)
