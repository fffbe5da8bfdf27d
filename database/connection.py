"""Opening the dashboard's database: waiting for another process, transactions, and frames without NaN for text.

DuckDB lets one process at a time open a database file for writing. So that the app, the command line and a second
app process can all use the same file, every caller opens it only for as long as it needs it (`open_store`) and,
if another process has it, waits a little and tries again. Within one process, connections share one database.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from database.schema import ensure_schema

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
