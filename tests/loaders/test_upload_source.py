"""An upload is read from its bytes in memory: the app writes nothing of it to disk, not even a temporary file (an
Annex A workbook holds children's records). Read from its bytes or from a path, a file gives the same result."""

import datetime as dt
import shutil
import tempfile
from functools import partial

import pytest

from database.connection import open_store
from loaders import upload_service
from loaders.annex_a_ingest import check_annex_a
from loaders.ingest import check_upload
from loaders.upload_source import name_of, opened, sha256_of, size_of
from tests.loaders import test_bad_workbooks
from tests.loaders.test_bad_workbooks import build
from tests.no_writes import no_file_written
from tools.synthetic_annex_a import generate, write_workbook

TODAY = dt.date(2026, 12, 2)  # as tests/loaders/test_annex_a.py
loaded_db = test_bad_workbooks.loaded_db


def test_the_guard_catches_what_the_checks_used_to_do(monkeypatch, tmp_path):
    """The guard (tests/no_writes.py) is not blind: writing an upload to a temporary folder, as the app did, fails."""
    with no_file_written(monkeypatch) as attempts:
        with pytest.raises(AssertionError):
            tempfile.TemporaryDirectory()
        with pytest.raises(AssertionError):
            (tmp_path / "upload.xlsx").write_bytes(b"PK")
    assert attempts == ["a temporary file or folder", str(tmp_path / "upload.xlsx")]


def test_an_annex_a_upload_is_checked_without_writing_anything_to_disk(monkeypatch, tmp_path, catalogue):
    path = tmp_path / "annex_a.xlsx"
    write_workbook(generate(dt.date(2025, 12, 1), 11), path)
    content = path.read_bytes()
    db = tmp_path / "db.duckdb"
    with open_store(db):
        pass  # an empty dashboard's database, made before the guard: DuckDB writes its own file, not through Python
    database = partial(open_store, db)
    with no_file_written(monkeypatch) as attempts:
        checked = upload_service.check_annex_a_upload(content, "annex_a.xlsx", catalogue, database, today=TODAY)
    assert attempts == []
    assert checked.parsed is not None and checked.parsed.figures
    with open_store(db) as con:
        from_path = check_annex_a(con, path, catalogue, today=TODAY)
    assert checked.parsed.figures == from_path.parsed.figures  # the same figures whichever way it was read
    assert checked.sha256 == from_path.sha256 == sha256_of(path)


def test_a_monthly_return_is_checked_without_writing_anything_to_disk(monkeypatch, tmp_path, loaded_db, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    path = build(test_bad_workbooks.CASES[0], tmp_path, catalogue)  # a return with an unknown KPI
    database = partial(open_store, db)
    with no_file_written(monkeypatch) as attempts:
        checked = upload_service.check_return_upload(path.read_bytes(), "return.xlsx", catalogue, database, today=TODAY)
    assert attempts == []
    with open_store(db) as con:
        from_path = check_upload(con, path, catalogue, "return.xlsx", today=TODAY)
    assert [(p.rule, p.sheet, p.cell) for p in checked.problems] == [
        (p.rule, p.sheet, p.cell) for p in from_path.problems
    ]
    assert [p.rule for p in checked.errors] == ["KPI_UNKNOWN"]


def test_bytes_and_a_path_are_the_same_file(tmp_path):
    path = tmp_path / "some.xlsx"
    path.write_bytes(b"PK\x03\x04 and the rest")
    content = path.read_bytes()
    assert size_of(content) == size_of(path) == len(content)
    assert sha256_of(content) == sha256_of(path)
    with opened(content) as from_memory, opened(path) as from_disk:
        assert from_memory.read() == from_disk.read() == content
    assert name_of(path, None) == "some.xlsx" and name_of(content, "return.xlsx") == "return.xlsx"
    with pytest.raises(ValueError, match="need the file's name"):
        name_of(content, None)
