"""The command line, and what happens to the database when processes are killed or race each other."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from database.connection import open_store
from domain.store import current_values
from loaders.__main__ import main
from loaders.return_writer import Figure, write_return
from tests.conftest import ROOT
from tests.loaders.conftest import MONTH, TEAMS
from tests.loaders.test_backfill import history
from tests.loaders.test_bad_workbooks import complete_figures


@pytest.fixture
def files(tmp_path, catalogue):
    good = tmp_path / "september.xlsx"
    write_return(good, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS)
    revised = tmp_path / "september_revised.xlsx"
    write_return(revised, catalogue, MONTH, {**complete_figures(catalogue), "WF06": Figure(value=61.0)}, teams=TEAMS)
    bad = tmp_path / "bad.xlsx"
    write_return(bad, catalogue, MONTH, {**complete_figures(catalogue), "WF06": Figure(value=-1)}, teams=TEAMS)
    return {"good": good, "revised": revised, "bad": bad, "db": tmp_path / "cli.duckdb"}


def run(*args):
    return main([str(a) for a in args])


def count_submissions(db):
    with open_store(db) as con:
        return con.execute("SELECT count(*) FROM submissions").fetchone()[0]


def test_validate_prints_each_problem_and_exits_1(files, capsys):
    assert run("validate", files["bad"], "--db", files["db"]) == 1
    out = capsys.readouterr().out
    assert "VALUE_NEGATIVE 'Caseloads and workforce'!D10 WF06 value cannot be negative (-1)" in out
    assert run("validate", files["good"], "--db", files["db"]) == 0
    assert not files["db"].exists()  # validating never creates or writes a database


def test_ingest_dry_run_revision_and_duplicate(files, capsys):
    assert run("ingest", files["good"], "--db", files["db"], "--dry-run") == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert count_submissions(files["db"]) == 0
    assert run("ingest", files["good"], "--db", files["db"], "--user", "perf.officer") == 0
    assert "Loaded as submission 1 (a new submission)" in capsys.readouterr().out
    assert run("ingest", files["good"], "--db", files["db"]) == 0
    assert "was already loaded as submission 1; nothing to do" in capsys.readouterr().out
    assert run("ingest", files["revised"], "--db", files["db"]) == 1
    assert "MONTH_ALREADY_LOADED" in capsys.readouterr().out
    assert run("ingest", files["revised"], "--db", files["db"], "--reason", "HR correction") == 0
    assert "(a revision)" in capsys.readouterr().out
    assert count_submissions(files["db"]) == 2


def test_ingest_refuses_unconfirmed_warnings(tmp_path, catalogue, files, capsys):
    path = tmp_path / "gap.xlsx"
    write_return(path, catalogue, MONTH, {**complete_figures(catalogue), "WF06": Figure()}, teams=TEAMS)
    assert run("ingest", path, "--db", files["db"]) == 1
    assert "run again with --confirm-warnings" in capsys.readouterr().out
    assert run("ingest", path, "--db", files["db"], "--confirm-warnings") == 0


def test_a_database_that_cannot_be_opened_is_refused_in_words(files, capsys):
    files["db"].write_bytes(b"not a database" * 100)
    assert run("history", "--db", files["db"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("The configuration has a problem: the database ") and "restore the latest backup" in error


def test_history_and_rollback(files, capsys):
    run("ingest", files["good"], "--db", files["db"], "--user", "perf.officer")
    run("ingest", files["revised"], "--db", files["db"], "--reason", "HR correction")
    capsys.readouterr()
    assert run("history", "--db", files["db"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "perf.officer" in lines[0] and "reason: HR correction" in lines[1]
    assert run("rollback", "2", "--db", files["db"], "--user", "perf.lead") == 0
    with open_store(files["db"]) as con:
        assert current_values(con).set_index("kpi_code").loc["WF06", "value"] == complete_figures_value("WF06")
    assert run("rollback", "2", "--db", files["db"]) == 1
    assert "already been rolled back" in capsys.readouterr().err


def test_another_councils_return_needs_other_councils_and_the_history_names_each_council(
    files, tmp_path, catalogue, capsys
):
    theirs = tmp_path / "shropshire.xlsx"
    write_return(theirs, catalogue, MONTH, complete_figures(catalogue), teams=TEAMS, council="Shropshire Council")
    run("ingest", files["good"], "--db", files["db"])
    capsys.readouterr()
    assert run("ingest", theirs, "--db", files["db"]) == 1
    assert "COUNCIL_NOT_THIS_DASHBOARD 'Cover'!B3 this return is Shropshire's" in capsys.readouterr().out
    assert run("ingest", theirs, "--db", files["db"], "--other-councils") == 0
    capsys.readouterr()
    assert run("history", "--db", files["db"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Herefordshire" in lines[0] and "september.xlsx" in lines[0]
    assert "Shropshire" in lines[1] and "shropshire.xlsx" in lines[1]


def complete_figures_value(code):
    from domain.catalogue import load_catalogue

    return complete_figures(load_catalogue(ROOT / "data" / "kpis.toml"))[code].value


def test_template_command_writes_the_catalogue_template(tmp_path, catalogue):
    out = tmp_path / "template.xlsx"
    assert run("template", out) == 0
    from openpyxl import load_workbook

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Cover", "Caseloads by team", *catalogue.topics.values(), "Impact statements"]
    sheet = workbook["Caseloads and workforce"]
    assert sheet.protection.sheet and not sheet["D10"].protection.locked and sheet["B10"].protection.locked
    assert sheet["A10"].value == "WF06" and sheet.data_validations.dataValidation


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as stopped:
        run("ingest")
    assert stopped.value.code == 2


# -------------------------------------------------------------------------------- real processes

SLOW_INGEST = """
import sys, time
sys.path.insert(0, sys.argv[1])
from loaders import ingest
original = ingest._insert
def insert_then_wait(*args, **kwargs):
    result = original(*args, **kwargs)
    print(flush=True)
    print("inserted, not yet committed", flush=True)
    time.sleep(120)
    return result
ingest._insert = insert_then_wait
from loaders.__main__ import main
sys.exit(main(["ingest", sys.argv[2], "--db", sys.argv[3], "--reason", "test", "--confirm-warnings"]))
"""


def cli(*args):
    return [sys.executable, "-m", "loaders", *map(str, args)]


def consistent(db):
    """Every accepted submission has all its rows, and the database opens and answers."""
    with open_store(db) as con:
        bad = con.execute(
            """SELECT s.submission_id FROM submissions s LEFT JOIN kpi_values v USING (submission_id)
               GROUP BY s.submission_id, s.row_count HAVING count(v.kpi_code) != s.row_count"""
        ).fetchall()
        return not bad, current_values(con)


def test_sigkill_in_the_middle_of_an_ingest_leaves_the_previous_figures(files):
    assert run("ingest", files["good"], "--db", files["db"]) == 0
    _, before = consistent(files["db"])
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_INGEST, str(ROOT), str(files["revised"]), str(files["db"])],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    lines = [process.stdout.readline().strip() for _ in range(3)]
    assert "inserted, not yet committed" in lines
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    ok, after = consistent(files["db"])
    assert ok and after.equals(before)
    assert count_submissions(files["db"]) == 1
    assert run("ingest", files["revised"], "--db", files["db"], "--reason", "after the crash") == 0


def test_sigkill_at_random_moments_never_leaves_a_half_written_submission(tmp_path, catalogue):
    db = tmp_path / "random.duckdb"
    rng = random.Random(7)
    for attempt in range(4):
        path = tmp_path / f"history{attempt}.xlsx"
        write_backfill_file(path, catalogue, scale=1 + attempt / 100)
        process = subprocess.Popen(
            cli("ingest", path, "--db", db, "--reason", "restated", "--confirm-warnings"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.25, 0.85))  # a whole ingest takes about 0.85 s, start-up included
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        ok, values = consistent(db)
        assert ok
        assert len(values) in (0, len(catalogue) * 120)  # nothing, or a whole ten years


def write_backfill_file(path, catalogue, scale):
    from loaders.return_writer import write_backfill

    write_backfill(path, catalogue, history(catalogue, scale))


def test_two_uploads_of_the_same_month_at_once_end_clearly(files):
    first = subprocess.Popen(
        cli("ingest", files["good"], "--db", files["db"]),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    second = subprocess.Popen(
        cli("ingest", files["revised"], "--db", files["db"]),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    outcomes = sorted([(first.wait(timeout=90), first.stdout.read()), (second.wait(timeout=90), second.stdout.read())])
    assert [code for code, _ in outcomes] == [0, 1]
    assert "Loaded as submission 1" in outcomes[0][1]
    assert "MONTH_ALREADY_LOADED" in outcomes[1][1] and "Nothing was written." in outcomes[1][1]
    assert count_submissions(files["db"]) == 1
    assert consistent(files["db"])[0]


def test_two_uploads_of_different_months_at_once_both_load(tmp_path, catalogue, files):
    august = tmp_path / "august.xlsx"
    write_return(august, catalogue, MONTH.replace(month=8), complete_figures(catalogue), teams=TEAMS)
    processes = [
        subprocess.Popen(cli("ingest", path, "--db", files["db"]), cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for path in (files["good"], august)
    ]
    assert [p.wait(timeout=90) for p in processes] == [0, 0]
    assert count_submissions(files["db"]) == 2


def test_the_action_log_goes_through_the_same_commands(tmp_path, catalogue, workstreams, capsys):
    from domain.plan_store import snapshots
    from loaders.action_log_writer import write_action_log
    from tests.loaders.test_action_logs import OCTOBER, actions

    db, template, log = tmp_path / "cli.duckdb", tmp_path / "blank.xlsx", tmp_path / "october.xlsx"
    assert run("action-log-template", template) == 0 and template.exists()
    assert run("ingest", template, "--db", db) == 1
    assert "SNAPSHOT_DATE_MISSING 'Cover'!B4" in capsys.readouterr().out
    write_action_log(log, catalogue, workstreams, OCTOBER, actions())
    assert run("validate", log, "--db", db) == 0
    assert "action log as at 31 October 2026, 4 actions. 4 new." in capsys.readouterr().out
    assert run("ingest", log, "--db", db, "--user", "programme office") == 0
    assert "Loaded as submission 1 (a new submission): 4 actions." in capsys.readouterr().out
    assert run("history", "--db", db) == 0
    assert "4 actions" in capsys.readouterr().out
    assert run("rollback", "1", "--db", db, "--user", "programme office") == 0
    with open_store(db) as con:
        assert snapshots(con) == []


def test_check_config_reads_every_file_a_council_edits(capsys):
    assert run("check-config") == 0
    assert capsys.readouterr().out.startswith("The configuration is sound: ")


def test_check_config_names_a_slip_in_typing_the_events_file(tmp_path, monkeypatch, capsys):
    events = tmp_path / "events.toml"
    events.write_text('[[event]]\ntitle = "Monitoring visit 4\n')  # the closing quote left off
    monkeypatch.setenv("DASHBOARD_EVENTS", str(events))
    assert run("check-config") == 1
    error = capsys.readouterr().err
    assert error.startswith(f"The configuration has a problem: {events}: this is not valid TOML")
    assert "(at line 2, column " in error
