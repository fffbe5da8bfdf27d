"""Prepares the dashboard database: creates it, and loads the demonstration data when it holds no real data."""

from pathlib import Path

import duckdb

from accounts.claims import RoleRulesError
from accounts.roles import Actor, Role
from config import SettingsError
from database.connection import StoreUnreadable, open_store
from database.schema import SchemaMismatch
from domain.catalogue import Catalogue, CatalogueError
from domain.child_level import DefinitionError
from domain.events import EventsError
from domain.workstreams import Workstream, WorkstreamError
from loaders.action_log import read_action_log
from loaders.action_log_ingest import ingest_action_log
from loaders.ingest import ingest_return
from loaders.monthly_return import read_return
from loaders.problems import ReturnRejected

DEMO_UPLOADER = Actor("demo data loader", Role.PERFORMANCE, "demo loader")


class DemoDoesNotFit(ValueError):
    """The demonstration cannot be loaded whole: its files do not fit the KPI catalogue or the workstreams as they
    are now (a council has made them its own), or they are missing. Nothing has been loaded."""


# What a person setting the dashboard up must fix, not a fault of the code: the app's pages and the command lines
# say these in words (ui.shell, loaders.__main__).
CONFIGURATION_ERRORS = (
    SettingsError,
    CatalogueError,
    WorkstreamError,
    EventsError,
    RoleRulesError,
    DefinitionError,  # the Annex A or annual return definitions
    DemoDoesNotFit,
    StoreUnreadable,  # a database file that is damaged, or not one
    SchemaMismatch,  # a database last used by a newer release of the dashboard
)


def check_demo_fits(
    catalogue: Catalogue, workstreams: dict[str, Workstream], demo_dir: Path, returns: bool = True, plans: bool = True
) -> None:
    """Read the demonstration files about to be loaded (its `returns`, its action logs: `plans`) against the catalogue
    and workstreams, writing nothing, so that a demo that cannot be loaded whole is not loaded in part. Raises
    DemoDoesNotFit saying what does not fit and what to do."""
    problems = []
    found_returns = sorted(demo_dir.glob("monthly_return_*.xlsx")) if returns else []
    found_plans = sorted((demo_dir / "plan").glob("action_log_*.xlsx")) if plans else []
    missing = [
        what
        for what, wanted, found in (("monthly returns", returns, found_returns), ("action logs", plans, found_plans))
        if wanted and not found
    ]
    if missing:
        raise DemoDoesNotFit(
            f"the demonstration data is switched on, but its {' and '.join(missing)} are not in the folder "
            f"{demo_dir.name}, so none of it has been loaded. To start with your own figures, set demo_data = false "
            "in the [dashboard] section of .streamlit/secrets.toml; to try the demonstration, put the folder back "
            "(python -m tools.demo_data and python -m tools.demo_plan make it again)"
        )
    paths = found_returns + found_plans
    for path in paths:
        try:
            if path.name.startswith("monthly_return_"):
                read_return(path, catalogue)
            else:
                read_action_log(path, catalogue, workstreams)
        except ReturnRejected as rejected:
            problems += [f"{path.name}: {p}" for p in rejected.problems if p.is_error]
    if problems:
        raise DemoDoesNotFit(
            "the demonstration data does not fit the KPI catalogue or the workstreams as they are now (it was made "
            "for the ones the dashboard comes with), so none of it has been loaded. To start with your own KPIs, set "
            "demo_data = false in the [dashboard] section of .streamlit/secrets.toml and upload your own returns; to "
            "try the demonstration, use the files the dashboard comes with. "
            + (f"The first of {len(problems)} problems: " if len(problems) > 1 else "The problem: ")
            + problems[0]
        )


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
        if not demo or not plans:
            check_demo_fits(catalogue, workstreams, demo_dir, returns=not demo, plans=not plans)
        if not demo:
            load_demo_returns(con, catalogue, demo_dir)
        if not plans:
            load_demo_action_logs(con, catalogue, workstreams, demo_dir)
