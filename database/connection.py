"""Opening the dashboard's database: waiting for another process, transactions, and frames without NaN for text.

DuckDB lets one process at a time open a database file for writing. So that the app, the command line and a second
app process can all use the same file, every caller opens it only for as long as it needs it (`open_store`) and,
if another process has it, waits a little and tries again. Within one process, connections share one database.

That sharing needs one lock of our own (`_OPENING`). DuckDB keeps other processes out with a POSIX lock on the file,
which belongs to the process and ends when the process closes *any* handle on the file. When the app's last
connection closed in one thread while another thread opened a new one, DuckDB made a second database object for the
same file, looked at the file through handles of its own and closed them, and so ended the lock the first had
taken; or the first, closing, ended the second's. The app then went on with the file open and unlocked: the
command line's loader could write to it meanwhile, and the app's pages went on showing the figures from before
(seen once in CI, when 20 browser sessions saw the old figure after a load). Opening and closing under `_OPENING`
means the file is never opened a second time while the app has it open.
"""

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from database.schema import ensure_schema

LOCK_WAIT_SECONDS = 30.0


_OPENING = threading.Lock()  # held while DuckDB opens or closes a database in this process: see above


class StoreBusy(RuntimeError):
    """Another process kept the database for longer than we were prepared to wait."""


class StoreUnreadable(RuntimeError):
    """The database file cannot be opened: damaged, written by a newer DuckDB, or not a database at all."""


def connect(path: Path | str, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database, creating the file and its tables if new; wait while another process holds it (for
    LOCK_WAIT_SECONDS unless told), then raise StoreBusy."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds)
    while True:
        try:
            with _OPENING:
                con = duckdb.connect(str(path))
            break
        except duckdb.ResourceInUseException:  # DuckDB refusing a second attach of the file, seen when threads
            # opened it at once before _OPENING; kept in case a database is still being closed: a moment's wait
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
            continue
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise StoreUnreadable(
                    f"the database {path} cannot be opened ({str(error).removeprefix('IO Error: ')}). If the file "
                    "was damaged, restore the latest backup (see 'Backups and restore' in docs/deploy.md); if "
                    "DASHBOARD_DB names the wrong file, correct it"
                ) from error
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"the database {path} is in use by another process; please try again in a minute"
                ) from error
            time.sleep(0.05)
    try:
        ensure_schema(con)
    except BaseException:
        close(con)
        raise
    return con


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection from `connect`. In a process where several threads use the database (the app), close
    with this and not `con.close()`, so that the database is never closed while another thread opens it."""
    with _OPENING:
        con.close()


@contextmanager
def open_store(path: Path | str, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with open_store(path) as con:` opens the database for the block and always closes it."""
    con = connect(path, wait_seconds)
    try:
        yield con
    finally:
        close(con)


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
