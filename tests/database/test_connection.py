"""Opening the database: schema creation, version checks, cache keys and waiting for another process."""

import ast
import os
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from database.connection import StoreBusy, StoreUnreadable, connect, file_version, open_store
from database.schema import SchemaMismatch
from tests.conftest import ROOT

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(path, seconds):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_new_database_gets_every_table_and_an_existing_one_is_left_alone(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"schema_info", "submissions", "kpi_values", "current_kpi_values"} <= tables
    before = file_version(path)
    with open_store(path) as con:
        con.execute("SELECT count(*) FROM current_kpi_values").fetchone()
    assert file_version(path) == before  # reading changes nothing, so caches keyed on it stay warm


def test_the_version_changes_when_data_is_written(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path):
        pass
    before = file_version(path)
    with open_store(path) as con:
        con.execute(
            "INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month, "
            "row_count, value_count, missing_count) VALUES ('f', 'h', 'u', now(), '2025-01-01', "
            "'2025-01-01', 0, 0, 0)"
        )
    assert file_version(path) != before


def test_a_file_that_is_not_a_database_is_refused_saying_what_to_do(tmp_path):
    path = tmp_path / "dashboard.duckdb"
    path.write_bytes(b"PK\x03\x04 a zip, say, copied over the database" * 100)
    with pytest.raises(StoreUnreadable) as raised:
        connect(path, wait_seconds=0)
    assert "it is not a valid DuckDB database file" in str(raised.value)
    assert "restore the latest backup" in str(raised.value) and "DASHBOARD_DB" in str(raised.value)


def test_a_database_from_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path) as con:
        con.execute("UPDATE schema_info SET version = 99")
    with pytest.raises(SchemaMismatch, match="schema version 99, newer than"):
        connect(path)


def test_waits_while_another_process_holds_the_database(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path):
        pass
    holder = hold_lock(path, 1.0)
    started = time.monotonic()
    with open_store(path, wait_seconds=20) as con:
        assert con.execute("SELECT count(*) FROM submissions").fetchone() == (0,)
    assert time.monotonic() - started >= 0.3
    holder.wait(timeout=10)


def test_gives_a_clear_error_when_the_database_stays_busy(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path):
        pass
    holder = hold_lock(path, 5.0)
    try:
        with pytest.raises(StoreBusy, match="in use by another process"):
            connect(path, wait_seconds=0.5)
    finally:
        holder.kill()
        holder.wait()


def test_missing_text_in_a_frame_is_none_not_nan():
    """pandas 3 turns NULL beside text into NaN, which is true and not text: pages wrote `row.reason or ''`."""
    from database.connection import frame

    con = duckdb.connect()
    found = frame(con.execute("SELECT * FROM (VALUES ('a revision', 1), (NULL, 2)) AS t(reason, n)"))
    assert list(found["reason"]) == ["a revision", None] and list(found["n"]) == [1, 2]


def test_two_threads_opening_the_database_at_once_wait_a_moment_instead_of_failing(tmp_path, monkeypatch):
    """Seen in the load test: DuckDB refuses a second attach of a file another thread of the process is attaching
    ('Unique file handle conflict'); a page view failed with it just after an upload."""
    from database import connection as store

    real_connect, calls = duckdb.connect, []

    def racing_connect(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise duckdb.ResourceInUseException('Unique file handle conflict: Cannot attach "x"')
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(store.duckdb, "connect", racing_connect)
    con = connect(tmp_path / "x.duckdb")
    assert len(calls) == 2 and con.execute("SELECT 1").fetchone() == (1,)
    con.close()


def holds_the_file_lock(path) -> bool:
    """Whether this process holds DuckDB's lock on the file, as the kernel reports it (Linux's /proc/locks)."""
    inode, pid = os.stat(path).st_ino, os.getpid()
    with open("/proc/locks", encoding="ascii") as locks:
        return any(f":{inode} " in line and f" {pid} " in line.split(":", 1)[1] for line in locks)


def test_the_database_stays_locked_against_other_processes_while_threads_open_and_close_it(tmp_path):
    """The app's page views open and close the database in many threads at once. Before `connection._OPENING`,
    DuckDB sometimes opened the file a second time as the last connection closed, and the closing of one handle
    ended the process's lock on the file while the other was still open: this test found the database open and
    unlocked a few times in each 5 seconds. Another process (the loader) could then write to it, and the app went on
    showing the figures from before the upload."""
    path = tmp_path / "x.duckdb"
    with open_store(path):
        pass
    assert os.path.exists("/proc/locks"), "this test reads the kernel's table of file locks (Linux)"
    found = {"locked": 0, "unlocked": 0}
    stop = time.monotonic() + 5

    def read_repeatedly():
        while time.monotonic() < stop:
            with open_store(path) as con:
                con.execute("SELECT count(*) FROM submissions").fetchone()
                found["locked" if holds_the_file_lock(path) else "unlocked"] += 1

    threads = [threading.Thread(target=read_repeatedly) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found["unlocked"] == 0 and found["locked"] > 100, found


APP_CODE = ["accounts", "config", "domain", "loaders", "reports", "ui", "pages", "app.py"]  # in the app's process


def direct_opens(paths) -> list[str]:
    """Where code calls duckdb.connect on anything but a database held in memory (":memory:")."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "duckdb"
                and not (node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == ":memory:")
            ):
                found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{node.lineno}")
    return found


def test_the_app_opens_database_files_only_through_the_connection_module(tmp_path):
    """Opened any other way, the file could be open in the app without DuckDB's lock (see database/connection.py):
    every module the app runs opens it with open_store, and any DuckDB of its own is held in memory."""
    paths = [
        path for name in APP_CODE for path in ([ROOT / name] if name.endswith(".py") else (ROOT / name).rglob("*.py"))
    ]
    assert len(paths) > 100
    assert direct_opens(paths) == []
    planted = tmp_path / "planted.py"  # and the check finds one
    planted.write_text('import duckdb\nduckdb.connect(":memory:")\ncon = duckdb.connect("dashboard.duckdb")\n')
    assert direct_opens([planted]) == ["planted.py:3"]
