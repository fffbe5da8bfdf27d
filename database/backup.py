"""Backing up and restoring the dashboard's database, while the app runs.

A backup holds the database open for the moment it takes (so the app and the command line wait, as they do for
each other: database.connection), writes everything in the write-ahead log into the file (CHECKPOINT), copies the
file, and checks the copy: it opens, it is the same schema version, and every table holds the same number of rows.
Beside it goes a manifest (the copy's SHA-256 and those row counts), which restore checks before it writes anything.

Restoring replaces the database file in one step (the new file is written beside it and renamed over it), keeping
the file it replaces beside it, and is refused while anything has the database open: stop the app first.
"""

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from config import clock
from config.paths import file_sha256
from database.connection import StoreBusy, StoreUnreadable, connect
from database.schema import SchemaMismatch

MANIFEST_SUFFIX = ".manifest.json"


class BackupError(RuntimeError):
    """A backup or restore was refused or failed; nothing was changed. The message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    database: str  # the file's name
    sha256: str
    schema_version: int
    rows: dict[str, int]
    made_at: str

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as error:
            raise BackupError(f"the backup's manifest {path.name} cannot be read ({error})") from None


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every table of the database and its number of rows."""
    tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
    quoted = {table: '"' + table.replace('"', '""') + '"' for table in tables}  # names from the file's own catalogue
    return {table: con.execute(f"SELECT count(*) FROM {quoted[table]}").fetchone()[0] for table in tables}  # noqa: S608


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT max(version) FROM schema_info").fetchone()[0]


def _contents(path: Path) -> tuple[int, dict[str, int]]:
    """The schema version and row counts of a database file, opened read-only (its own tables, not upgraded)."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise BackupError(f"{path.name} is not a database this dashboard can open ({error})") from None
    try:
        return _schema_version(con), row_counts(con)
    finally:
        con.close()


def backup(database: Path, destination: Path, now: dt.datetime | None = None) -> Manifest:
    """Copy the database to `destination` (a new file) and write its manifest beside it."""
    if not database.is_file():
        raise BackupError(f"there is no database at {database}")
    if destination.exists():
        raise BackupError(f"{destination} exists already: give a new file name (backups are never overwritten)")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        con = connect(database)
    except (StoreBusy, StoreUnreadable, SchemaMismatch) as cannot:
        raise BackupError(f"{cannot}; nothing was backed up") from None
    # Copied while it is held open here, so that nothing can change it meanwhile. The copy reads through a handle
    # of its own, closed only after DuckDB's: closing any handle on the file ends this process's lock on it (POSIX),
    # and another process could then open it for writing while this one still had it open.
    source = open(database, "rb")  # closed in the finally below, after the connection
    try:
        con.execute("CHECKPOINT")
        version, rows = _schema_version(con), row_counts(con)
        with open(partial, "wb") as target:
            shutil.copyfileobj(source, target)
    finally:
        con.close()
        source.close()
    copied = _contents(partial)
    if copied != (version, rows):
        partial.unlink()
        raise BackupError("the copy does not hold what the database holds; nothing was backed up: try again")
    os.replace(partial, destination)
    manifest = Manifest(
        destination.name, file_sha256(destination), version, rows, (now or clock.now()).isoformat(" ", "seconds")
    )
    manifest.write(manifest_path(destination))
    return manifest


def manifest_path(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + MANIFEST_SUFFIX)


def restore(backup_file: Path, database: Path, replace: bool = False, now: dt.datetime | None = None) -> Path | None:
    """Put the backup in the database's place, after checking it against its manifest. Returns where the replaced
    database was kept (None if there was none)."""
    manifest = Manifest.read(manifest_path(backup_file))
    if not backup_file.is_file():
        raise BackupError(f"there is no backup at {backup_file}")
    if file_sha256(backup_file) != manifest.sha256:
        raise BackupError(f"{backup_file.name} is not the file its manifest describes (it has changed or is damaged)")
    if _contents(backup_file) != (manifest.schema_version, manifest.rows):
        raise BackupError(f"{backup_file.name} does not hold what its manifest says")
    if database.exists() and not replace:
        raise BackupError(f"{database} exists: add --replace to put the backup in its place (it is kept beside)")
    database.parent.mkdir(parents=True, exist_ok=True)
    kept = None
    if database.exists():
        try:  # nothing may have it open: the app would go on with the old data, and then write into the new file
            con = duckdb.connect(str(database))
        except duckdb.IOException as error:
            raise BackupError(f"{database} is in use ({error}): stop the app, then restore") from None
        con.execute("CHECKPOINT")
        con.close()
        stamp = (now or clock.now()).strftime("%Y%m%d-%H%M%S")
        kept = database.with_name(f"{database.name}.before-restore-{stamp}")
        shutil.copyfile(database, kept)
    incoming = database.with_name(database.name + ".restoring")
    shutil.copyfile(backup_file, incoming)
    os.replace(incoming, database)
    wal = database.with_name(database.name + ".wal")
    if wal.exists():  # the old file's log, already written into it by the checkpoint above
        wal.unlink()
    return kept
