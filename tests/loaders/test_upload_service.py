"""The app's one door to the loaders: an upload is checked and read with no database open, and the database is
opened only afterwards, briefly, to judge it against what is loaded."""

import shutil
from contextlib import contextmanager

from database.connection import open_store
from domain.workstreams import load_workstreams
from loaders import ingest, upload_service
from loaders.action_log_writer import write_action_log_template
from tests.conftest import ROOT
from tests.loaders import test_bad_workbooks
from tests.loaders.conftest import TODAY
from tests.loaders.test_bad_workbooks import build, snapshot

loaded_db = test_bad_workbooks.loaded_db


def _recorded(monkeypatch, db):
    """A database opener and the reader, each noting in `events` when it runs."""
    events = []
    reader = ingest.read_workbook

    def read_workbook(*arguments):
        events.append("read")
        return reader(*arguments)

    monkeypatch.setattr(ingest, "read_workbook", read_workbook)

    @contextmanager
    def database():
        events.append("open")
        with open_store(db) as con:
            yield con
        events.append("closed")

    return events, database


def test_a_return_is_read_before_the_database_is_opened(tmp_path, monkeypatch, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    path = build(test_bad_workbooks.CASES[0], tmp_path, catalogue)  # any return: this one has an unknown KPI
    events, database = _recorded(monkeypatch, db)
    with open_store(db) as con:
        before = snapshot(con)
    checked = upload_service.check_return_upload(path.read_bytes(), "return.xlsx", catalogue, database, today=TODAY)
    assert events == ["read", "open", "closed"]
    assert [p.rule for p in checked.errors] == ["KPI_UNKNOWN"] and checked.file_name == "return.xlsx"
    with open_store(db) as con:
        assert snapshot(con) == before


def test_an_unreadable_file_never_opens_the_database(tmp_path, monkeypatch, catalogue):
    events, database = _recorded(monkeypatch, tmp_path / "db.duckdb")
    checked = upload_service.check_return_upload(b"not a workbook", "return.xlsx", catalogue, database)
    assert [p.rule for p in checked.errors] == ["FILE_NOT_EXCEL"]
    assert events == [] and not (tmp_path / "db.duckdb").exists()  # refused unread, with no database opened


def test_an_action_log_is_read_before_the_database_is_opened(tmp_path, monkeypatch, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    workstreams = load_workstreams(ROOT / "data" / "workstreams.toml")
    path = tmp_path / "plan.xlsx"
    write_action_log_template(path, catalogue, workstreams)  # blank: no as-at date and no actions
    events, database = _recorded(monkeypatch, db)
    checked = upload_service.check_action_log_upload(path.read_bytes(), "plan.xlsx", catalogue, workstreams, database)
    assert events == ["read", "open", "closed"]
    assert [p.rule for p in checked.errors] == ["SNAPSHOT_DATE_MISSING"]
