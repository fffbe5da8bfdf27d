"""Opening the dashboard's database, and reading it. Writing is the loaders' job; both use domain.schema.

DuckDB lets one process at a time open a database file for writing. So that the app, the command line and a second
app process can all use the same file, every caller opens it only for as long as it needs it (`open_store`) and,
if another process has it, waits a little and tries again. Within one process, connections share one database.
"""

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from config import current
from domain.schema import ensure_schema

LOCK_WAIT_SECONDS = 30.0


class StoreBusy(RuntimeError):
    """Another process kept the database for longer than we were prepared to wait."""


def connect(path: Path | str, wait_seconds: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open the database, creating the file and its tables if new; wait while another process holds it."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.ResourceInUseException:  # two threads of this process opening it at once: a moment's wait
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
            continue
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() >= deadline:
                if "lock" in str(error).lower():
                    raise StoreBusy(
                        f"the database {path} is in use by another process; please try again in a minute"
                    ) from error
                raise
            time.sleep(0.05)
    try:
        ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def open_store(path: Path | str, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with open_store(path) as con:` opens the database for the block and always closes it."""
    con = connect(path, wait_seconds)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with transaction(con):` commits the block's writes together, or none of them if anything goes wrong."""
    con.begin()
    try:
        yield con
        con.commit()
    except BaseException:
        con.rollback()
        raise


def file_version(path: Path | str) -> tuple:
    """Changes whenever the database file changes (a commit or a rollback): a cheap key for caches."""
    version = []
    for name in (str(path), f"{path}.wal"):
        try:
            stat = os.stat(name)
            version.append((stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            version.append(None)
    return tuple(version)


def frame(relation: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """A query's result as a DataFrame whose missing text is None. (pandas 3 makes a text column holding both text
    and NULL a string column with NaN for the NULLs: a float, which is true, so `row.reason or ""` gave NaN.)"""
    found = relation.df()
    for name in found.columns:
        if pd.api.types.is_string_dtype(found[name]):
            found[name] = found[name].astype(object).where(found[name].notna(), None)
    return found


def current_values(con: duckdb.DuckDBPyConnection, council: str | None = None) -> pd.DataFrame:
    """The figure shown for every KPI and month of one council (this dashboard's own unless given): kpi_code,
    month, value, commentary, submission_id."""
    return frame(
        con.execute(
            """SELECT kpi_code, month, value, commentary, submission_id FROM current_kpi_values WHERE council = ?
           ORDER BY kpi_code, month""",
            [council or current().home_council],
        )
    )


def current_rows(
    con: duckdb.DuckDBPyConnection,
    first: dt.date | None = None,
    last: dt.date | None = None,
    council: str | None = None,
) -> list[tuple[str, dt.date, float | None, str | None]]:
    """(kpi_code, month, value, commentary) of one council's figures shown (this dashboard's own council unless
    given), optionally only for months first..last."""
    # The view's rule: council and month are among its partition keys, so DuckDB filters before ranking versions.
    return con.execute(
        """SELECT kpi_code, month, value, commentary FROM current_kpi_values
           WHERE council = ? AND month BETWEEN coalesce(?, DATE '0001-01-01') AND coalesce(?, DATE '9999-12-01')""",
        [council or current().home_council, first, last],
    ).fetchall()


def current_figures(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[tuple]:
    """(kpi_code, month, value, commentary, numerator, denominator, commentary_public) of every figure shown for
    one council (this dashboard's own unless given)."""
    return con.execute(
        """SELECT kpi_code, month, value, commentary, numerator, denominator, coalesce(commentary_public, false)
           FROM current_kpi_values WHERE council = ?""",
        [council or current().home_council],
    ).fetchall()


def councils_held(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The councils (DfE LA codes) with any accepted figures, in code order."""
    return [
        row[0]
        for row in con.execute(
            """SELECT DISTINCT council FROM submissions WHERE status = 'accepted' AND kind = 'kpi_return'
           ORDER BY council"""
        ).fetchall()
    ]


def submissions(con: duckdb.DuckDBPyConnection, council: str | None = None) -> pd.DataFrame:
    """Every submission, oldest first; only one council's if given."""
    return frame(
        con.execute(
            "SELECT * FROM submissions WHERE ? IS NULL OR council = ? ORDER BY submission_id", [council, council]
        )
    )


def is_demo_database(con: duckdb.DuckDBPyConnection) -> bool:
    """True while the database holds demonstration uploads and nothing else. One real upload, even one rolled back
    since, makes it a real council's database for good: the demonstration accounts and the demo banner go."""
    return con.execute("SELECT bool_or(is_demo) AND NOT bool_or(NOT is_demo) FROM submissions").fetchone()[0] is True


def demo_months_shown(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[dt.date, ...]]:
    """For each council, the months whose figures shown still come from demonstration uploads, oldest first (in a
    real database, what is left of the demo the first real upload was made into). One query for every council."""
    rows = con.execute(
        """SELECT v.council, list(DISTINCT v.month ORDER BY v.month)
           FROM current_kpi_values AS v JOIN submissions AS s USING (submission_id)
           WHERE s.is_demo GROUP BY v.council"""
    ).fetchall()
    return {council: tuple(months) for council, months in rows}
