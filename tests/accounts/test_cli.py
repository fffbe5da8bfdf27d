"""`python -m accounts`: add users, reset passwords, change roles, list and read the audit log, in real processes."""

import getpass
import subprocess
import sys

from tests.conftest import ROOT


def run(db, *args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "accounts", "--db", str(db), *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_add_list_reset_role_and_audit(tmp_path):
    db = tmp_path / "d.duckdb"
    added = run(
        db,
        "add",
        "p.officer",
        "--role",
        "performance",
        "--name",
        "Pat Officer",
        "--password-stdin",
        stdin="a long enough passphrase\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Added p.officer (Pat Officer) as Performance team." in added.stdout
    assert run(db, "reset-password", "p.officer", "--password-stdin", stdin="another long passphrase\n").returncode == 0
    assert run(db, "set-role", "p.officer", "director").returncode == 0
    listed = run(db, "list").stdout
    assert "p.officer" in listed and "Director" in listed and "active" in listed
    log = run(db, "audit").stdout.splitlines()
    assert [line.split()[4] for line in log] == ["change", "reset", "add"]  # newest first
    actor, role = log[0].split()[2:4]
    assert (actor, role) == (getpass.getuser(), "admin")  # the command line acts as an administrator


def test_refusals_exit_1_with_the_reason_and_usage_errors_exit_2(tmp_path):
    db = tmp_path / "d.duckdb"
    weak = run(db, "add", "p.officer", "--role", "viewer", "--name", "P", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "at least 12 characters" in weak.stderr
    assert run(db, "set-role", "nobody", "viewer").returncode == 1
    assert run(db, "add", "p.officer", "--role", "emperor", "--name", "P").returncode == 2


def test_a_database_that_cannot_be_opened_is_refused_in_words(tmp_path):
    db = tmp_path / "d.duckdb"
    db.write_bytes(b"not a database" * 100)
    listed = run(db, "list")
    assert listed.returncode == 1 and listed.stderr.startswith("Refused: the database ")
    assert "restore the latest backup" in listed.stderr and "Traceback" not in listed.stderr
