"""Backups made while the database is in use, restored into a fresh folder with every row intact; damaged or
mismatched backups refused before anything is written."""

import datetime as dt
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from accounts import audit
from accounts.roles import Role
from accounts.users import add_account
from database.__main__ import main
from database.backup import BackupError, backup, manifest_path, restore
from database.connection import open_store
from tests.actors import person
from tests.conftest import ROOT

ADMIN = person(Role.ADMIN, "the.admin")


@pytest.fixture
def live(tmp_path, demo_db):
    """The demo database with a local account, a stored pack and an ended session besides its uploads."""
    path = tmp_path / "live" / "dashboard.duckdb"
    path.parent.mkdir()
    shutil.copy(demo_db, path)
    with open_store(path) as con:
        add_account(con, ADMIN, "jo.smith", "Jo Smith", Role.VIEWER, "correct horse battery")
        con.execute(
            """INSERT INTO packs (built_at, built_by, month, workstreams, audience, sources, statuses, pdf, pdf_sha256,
                                  xlsx, xlsx_sha256)
               VALUES (now(), 'p.officer', DATE '2026-10-01', [], 'members', '[]', '{}', 'PDF'::BLOB, 'x',
                       'PK'::BLOB, 'y')"""
        )
        con.execute("INSERT INTO ended_sessions VALUES ('abc', now())")
    return path


def everything(path) -> dict[str, list]:
    """Every row of every table, in a fixed order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}  # noqa: S608
    finally:
        con.close()


def test_a_backup_restored_into_a_fresh_folder_holds_every_row(live, tmp_path):
    before = everything(live)
    assert all(before[t] for t in ("submissions", "kpi_values", "plan_actions", "packs", "audit_log", "users"))
    made = backup(live, tmp_path / "backups" / "b.duckdb")
    assert made.rows == {table: len(rows) for table, rows in before.items()}
    fresh = tmp_path / "elsewhere" / "dashboard.duckdb"
    assert restore(tmp_path / "backups" / "b.duckdb", fresh) is None
    assert everything(fresh) == before
    with open_store(fresh) as con:  # and it carries on where it left off: numbering included
        last = con.execute("SELECT max(audit_id) FROM audit_log").fetchone()[0]
        audit.record(con, ADMIN, "test", "after restore")
        assert con.execute("SELECT max(audit_id) FROM audit_log").fetchone()[0] > last


def test_a_backup_waits_for_another_process_using_the_database_then_is_made(live, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "con.execute(\"INSERT INTO ended_sessions VALUES ('while-held', now())\"); print('held', flush=True); "
            "time.sleep(1.5); con.close()",
            str(live),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    made = backup(live, tmp_path / "b.duckdb")
    holder.wait(timeout=30)
    assert time.monotonic() - started > 0.5  # it waited for the other process, which then let go
    assert ("while-held",) in duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True).execute(
        "SELECT session_id FROM ended_sessions"
    ).fetchall()
    assert made.rows["ended_sessions"] == 2


def test_a_damaged_or_altered_backup_is_refused_and_the_database_is_untouched(live, tmp_path):
    backup(live, tmp_path / "b.duckdb")
    target = tmp_path / "target" / "dashboard.duckdb"
    target.parent.mkdir()
    shutil.copy(live, target)
    before = target.read_bytes()
    damaged = bytearray((tmp_path / "b.duckdb").read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    (tmp_path / "b.duckdb").write_bytes(bytes(damaged))
    with pytest.raises(BackupError, match="not the file its manifest describes"):
        restore(tmp_path / "b.duckdb", target, replace=True)
    manifest_path(tmp_path / "b.duckdb").unlink()
    with pytest.raises(BackupError, match="manifest"):
        restore(tmp_path / "b.duckdb", target, replace=True)
    assert target.read_bytes() == before and sorted(p.name for p in target.parent.iterdir()) == ["dashboard.duckdb"]


def test_restore_never_overwrites_silently_and_keeps_what_it_replaced(live, tmp_path):
    backup(live, tmp_path / "b.duckdb")
    with open_store(live) as con:
        con.execute("INSERT INTO ended_sessions VALUES ('after the backup', now())")
    with pytest.raises(BackupError, match="--replace"):
        restore(tmp_path / "b.duckdb", live)
    kept = restore(tmp_path / "b.duckdb", live, replace=True, now=dt.datetime(2026, 12, 2, 9, 30))
    assert kept.name == "dashboard.duckdb.before-restore-20261202-093000"
    assert "after the backup" in [row[0] for row in everything(kept)["ended_sessions"]]
    assert "after the backup" not in [row[0] for row in everything(live)["ended_sessions"]]


def test_a_backup_never_overwrites_an_earlier_one(live, tmp_path):
    backup(live, tmp_path / "b.duckdb")
    with pytest.raises(BackupError, match="exists already"):
        backup(live, tmp_path / "b.duckdb")


def test_the_command_line_backs_up_and_restores(live, tmp_path, capsys):
    assert main(["backup", "--db", str(live), "--to", str(tmp_path / "b.duckdb")]) == 0
    assert "submissions" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "b.duckdb"), "--db", str(tmp_path / "new" / "d.duckdb")]) == 0
    assert everything(tmp_path / "new" / "d.duckdb") == everything(live)
    assert main(["restore", str(tmp_path / "b.duckdb"), "--db", str(live)]) == 1
    assert "Refused:" in capsys.readouterr().err


def test_restore_is_refused_while_another_process_has_the_database_open(live, tmp_path):
    backup(live, tmp_path / "b.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print(1, flush=True); time.sleep(20)",
            str(live),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "1"
        with pytest.raises(BackupError, match="stop the app"):
            restore(tmp_path / "b.duckdb", live, replace=True)
    finally:
        holder.kill()
        holder.wait()
    assert sorted(p.name for p in live.parent.iterdir()) == ["dashboard.duckdb"]


def test_the_database_stays_locked_against_other_processes_until_the_backup_has_let_go_of_it(
    live, tmp_path, monkeypatch
):
    """The copy used to read the file through a handle it closed before the backup closed its connection: closing
    any handle on a file ends the process's lock on it, so another process could open the database for writing in
    between, while the backup still had it open."""
    from database import backup as backups
    from tests.database.test_connection import holds_the_file_lock

    locked_at_close = []

    class Watched:
        """The backup's connection, which notes whether the file is still locked when it is closed."""

        def __init__(self, con):
            self._con = con

        def __getattr__(self, name):
            return getattr(self._con, name)

        def close(self):
            locked_at_close.append(holds_the_file_lock(live))
            self._con.close()

    real_connect = backups.connect
    monkeypatch.setattr(backups, "connect", lambda path: Watched(real_connect(path)))
    backup(live, tmp_path / "backups" / "b.duckdb")
    assert locked_at_close == [True]


def test_a_database_that_cannot_be_opened_is_not_backed_up_and_the_command_line_says_why(tmp_path, capsys):
    damaged = tmp_path / "dashboard.duckdb"
    damaged.write_bytes(b"not a database" * 100)
    assert main(["backup", "--db", str(damaged), "--to", str(tmp_path / "b.duckdb")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Refused: the database ") and error.rstrip().endswith("nothing was backed up")
    assert not (tmp_path / "b.duckdb").exists()
