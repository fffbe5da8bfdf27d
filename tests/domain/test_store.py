"""Opening the database: schema creation, version checks, cache keys and waiting for another process."""

import re
import subprocess
import sys
import time

import duckdb
import pytest

from config import current
from domain import schema
from domain.schema import SchemaMismatch
from domain.store import StoreBusy, connect, file_version, open_store

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


def _version_1_database(path):
    """A database exactly as schema version 1 made it: no impact statements, no action log, no submission kinds."""
    con = duckdb.connect(str(path))
    for statement in schema.STATEMENTS[:5]:  # without the columns later versions added
        statement = re.sub(r",\s*kind\s+VARCHAR DEFAULT 'kpi_return',.*\n\s*council .*\n", "\n", statement)
        for added in (
            "\n        commentary_public BOOLEAN DEFAULT false,  -- the commentary may appear in the public view",
            ", v.commentary_public",
        ):
            statement = statement.replace(added, "")
        con.execute(schema._before_councils(statement))
    con.execute("INSERT INTO schema_info VALUES (1)")
    con.execute("""INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month,
                   row_count, value_count, missing_count) VALUES ('old.xlsx', 'abc', 'someone', now(),
                   DATE '2024-01-01', DATE '2024-01-01', 1, 1, 0)""")
    con.execute(
        "INSERT INTO kpi_values (submission_id, kpi_code, month, value) VALUES (1, 'WF03', DATE '2024-01-01', 30)"
    )
    con.close()


def test_a_version_1_database_is_upgraded_in_place_keeping_its_figures(tmp_path):
    path = tmp_path / "old.duckdb"
    _version_1_database(path)
    with open_store(path) as con:
        assert con.execute("SELECT max(version) FROM schema_info").fetchone() == (schema.SCHEMA_VERSION,)
        assert con.execute("SELECT count(*) FROM impact_statements").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM current_plan_actions").fetchone() == (0,)
        assert con.execute("SELECT kind FROM submissions").fetchall() == [("kpi_return",)]
        assert con.execute("SELECT kpi_code, value FROM current_kpi_values").fetchall() == [("WF03", 30.0)]
        assert con.execute("SELECT count(*) FROM users").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM packs").fetchone() == (0,)
        assert con.execute("SELECT commentary_public FROM current_kpi_values").fetchall() == [(False,)]
        # before version 7 a database held this dashboard's own council's figures
        assert con.execute("SELECT council FROM submissions").fetchall() == [(current().home_council,)]
        assert con.execute("SELECT council FROM current_kpi_values").fetchall() == [(current().home_council,)]
        assert con.execute("SELECT count(*) FROM sign_in_failures").fetchone() == (0,)
    with open_store(path) as con:  # opening again changes nothing
        assert con.execute("SELECT count(*) FROM schema_info").fetchone() == (8,)  # versions 1 to 8


def test_a_version_7_database_moves_sign_in_throttling_off_the_account(tmp_path):
    """Version 7 locked the account itself, which anyone could keep locked; version 8 throttles per client."""
    path = tmp_path / "v7.duckdb"
    con = duckdb.connect(str(path))
    for statement in schema.STATEMENTS[:-1]:
        con.execute(
            statement.replace(
                "is_disabled     BOOLEAN   NOT NULL DEFAULT false,",
                "is_disabled BOOLEAN NOT NULL DEFAULT false, failed_attempts INTEGER NOT NULL "
                "DEFAULT 0, locked_until TIMESTAMP,",
            )
        )
    con.execute("INSERT INTO schema_info VALUES (7)")
    con.execute(
        "INSERT INTO users (username, display_name, role, password_hash, failed_attempts, locked_until, "
        "created_at) VALUES ('j.smith', 'Jo', 'admin', 'h', 9, now() + INTERVAL 1 HOUR, now())"
    )
    con.close()
    with open_store(path) as con:
        columns = [row[0] for row in con.execute("DESCRIBE users").fetchall()]
        assert "locked_until" not in columns and "failed_attempts" not in columns
        assert con.execute("SELECT username, role FROM users").fetchall() == [("j.smith", "admin")]
        assert con.execute("SELECT count(*) FROM sign_in_failures").fetchone() == (0,)


def test_missing_text_in_a_frame_is_none_not_nan():
    """pandas 3 turns NULL beside text into NaN, which is true and not text: pages wrote `row.reason or ''`."""
    from domain.store import frame

    con = duckdb.connect()
    found = frame(con.execute("SELECT * FROM (VALUES ('a revision', 1), (NULL, 2)) AS t(reason, n)"))
    assert list(found["reason"]) == ["a revision", None] and list(found["n"]) == [1, 2]


def test_two_threads_opening_the_database_at_once_wait_a_moment_instead_of_failing(tmp_path, monkeypatch):
    """Seen in the load test: DuckDB refuses a second attach of a file another thread of the process is attaching
    ('Unique file handle conflict'); a page view failed with it just after an upload."""
    from domain import store

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
