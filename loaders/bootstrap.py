"""Prepares the dashboard database: creates it, and loads the demonstration data when it holds no real data."""

from pathlib import Path

import duckdb

from accounts.roles import Actor, Role
from database.connection import open_store
from domain.catalogue import Catalogue
from domain.workstreams import Workstream
from loaders.action_log_ingest import ingest_action_log
from loaders.ingest import ingest_return

DEMO_UPLOADER = Actor("demo data loader", Role.PERFORMANCE, "demo loader")


def load_demo_returns(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, demo_dir: Path) -> int:
    """Load every demo workbook, oldest month first, through the normal loader. Returns how many were loaded."""
    paths = sorted(demo_dir.glob("monthly_return_*.xlsx"))
    if not paths:
        raise FileNotFoundError(f"no demo returns in {demo_dir}: run 'python -m tools.demo_data'")
    for path in paths:
        ingest_return(con, path, catalogue, uploaded_by=DEMO_UPLOADER, is_demo=True, confirm_warnings=True)
    return len(paths)


def load_demo_action_logs(
    con: duckdb.DuckDBPyConnection, catalogue: Catalogue, workstreams: dict[str, Workstream], demo_dir: Path
) -> int:
    """Load every demo action log, oldest first, through the normal loader. Returns how many were loaded."""
    paths = sorted((demo_dir / "plan").glob("action_log_*.xlsx"))
    if not paths:
        raise FileNotFoundError(f"no demo action logs in {demo_dir / 'plan'}: run 'python -m tools.demo_plan'")
    for path in paths:
        ingest_action_log(
            con, path, catalogue, workstreams, uploaded_by=DEMO_UPLOADER, is_demo=True, confirm_warnings=True
        )
    return len(paths)


def prepare_database(
    path: Path, catalogue: Catalogue, workstreams: dict[str, Workstream], demo_dir: Path | None
) -> None:
    """Create the database at `path` if needed. When demo_dir is given, load the demonstration returns into a
    database with no submissions, and the demonstration action logs into one holding only demonstration data and
    no action log (a demo database made before the action log existed). Real data is never mixed with demo data."""
    with open_store(path) as con:
        real, demo, plans = con.execute(
            """SELECT count(*) FILTER (WHERE NOT is_demo), count(*) FILTER (WHERE is_demo),
                      count(*) FILTER (WHERE kind = 'action_log') FROM submissions"""
        ).fetchone()
        if demo_dir is None or real:
            return
        if not demo:
            load_demo_returns(con, catalogue, demo_dir)
        if not plans:
            load_demo_action_logs(con, catalogue, workstreams, demo_dir)
