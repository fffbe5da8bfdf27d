"""Streamlit glue for the upload pages (ui.uploads): a loaded file's bytes are freed from the server's memory."""

from types import SimpleNamespace

from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from ui import uploads


def test_forgetting_loaded_files_frees_them_from_streamlits_memory_and_leaves_the_rest(monkeypatch):
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    records = [UploadedFileRec(f"id-{n}", f"annex_a_{n}.xlsx", "application/octet-stream", b"x" * 1000) for n in (1, 2)]
    for record in records:
        manager.add_file("this-session", record)
    manager.add_file("another-session", records[0])
    monkeypatch.setattr(
        uploads, "get_script_run_ctx", lambda: SimpleNamespace(uploaded_file_mgr=manager, session_id="this-session")
    )
    uploads.forget(UploadedFile(records[0], FileURLs()))
    assert manager.get_files("this-session", ["id-1", "id-2"]) == [records[1]]
    assert manager.get_files("another-session", ["id-1"]) == [records[0]]  # only this session's copy
    uploads.forget(UploadedFile(records[1], FileURLs()))
    assert manager.get_files("this-session", ["id-1", "id-2"]) == []


def test_forgetting_outside_a_running_page_does_nothing(monkeypatch):
    monkeypatch.setattr(uploads, "get_script_run_ctx", lambda: None)
    uploads.forget(SimpleNamespace(file_id="id-1"))  # no error: nothing is held here
