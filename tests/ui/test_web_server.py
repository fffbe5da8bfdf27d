"""The dashboard's middleware in front of Streamlit's server, on messages and requests made up by the test."""

import runpy

import pytest
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from streamlit import config as streamlit_config
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.conftest import ROOT
from tests.event_loops import in_own_thread
from tests.no_writes import no_file_written
from ui.web_server import RefuseInternalRoutes, keep_uploads_in_memory


def back_message(**fields) -> dict:
    message = BackMsg()
    for name, value in fields.items():
        setattr(message, name, value)
    return {"type": "websocket.receive", "bytes": message.SerializeToString()}


def test_a_browsers_clear_cache_message_never_reaches_streamlit():
    """Any browser could empty every cache for every user with one websocket message."""
    incoming = [back_message(clear_cache=True), back_message(app_heartbeat=True), {"type": "websocket.disconnect"}]
    seen = []

    async def streamlit(scope, receive, send):
        while (message := await receive())["type"] != "websocket.disconnect":
            back = BackMsg()
            back.ParseFromString(message["bytes"])
            seen.append(back.WhichOneof("type"))

    async def receive():
        return incoming.pop(0)

    in_own_thread(RefuseInternalRoutes(streamlit)({"type": "websocket", "path": "/_stcore/stream"}, receive, None))
    assert seen == ["app_heartbeat"]


def test_metrics_are_refused_under_any_base_path():
    sent = []

    async def streamlit(scope, receive, send):
        raise AssertionError("the request reached Streamlit")

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    for path in ("/_stcore/metrics", "/dashboard/_stcore/metrics/"):
        in_own_thread(
            RefuseInternalRoutes(streamlit)(
                {"type": "http", "path": path, "method": "GET", "headers": []}, receive, send
            )
        )
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [404, 404]


def _parsed_upload(size: int) -> bytes:
    """A file of `size` bytes sent as Streamlit's upload box sends it (one multipart part), parsed by Starlette as
    Streamlit's upload route parses it; the file's bytes as read back."""
    boundary = "dashboardtestboundary"
    content = bytes(range(256)) * (size // 256)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="annex_a.xlsx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    chunks = [body[start : start + 65536] for start in range(0, len(body), 65536)]
    scope = {
        "type": "http",
        "method": "PUT",
        "path": "/_stcore/upload_file/session/file",
        "headers": [(b"content-type", f"multipart/form-data; boundary={boundary}".encode())],
    }

    async def receive():
        return {"type": "http.request", "body": chunks.pop(0) if chunks else b"", "more_body": bool(chunks)}

    async def parse():
        form = await Request(scope, receive).form()
        try:
            return await form["file"].read()
        finally:
            await form.close()

    read = in_own_thread(parse())
    assert read == content
    return read


def test_an_upload_up_to_the_limit_is_never_written_to_disk(monkeypatch):
    """Starlette writes a file over 1 MB to a temporary file while it parses an upload; an Annex A workbook holds
    children's records, so the server keeps every upload it accepts in memory (a 5 MB one here, and one at the
    20 MB limit)."""
    with monkeypatch.context() as patch:
        patch.setattr(MultiPartParser, "spool_max_size", MultiPartParser.spool_max_size)  # put back afterwards
        with no_file_written(monkeypatch) as attempts, pytest.raises(AssertionError):
            _parsed_upload(5 * 1024 * 1024)  # Starlette as it comes: to disk (so the guard sees it)
        assert attempts == ["a temporary file or folder"]
        keep_uploads_in_memory()
        with no_file_written(monkeypatch) as attempts:
            _parsed_upload(5 * 1024 * 1024)
            _parsed_upload(streamlit_config.get_option("server.maxUploadSize") * 1024 * 1024)
        assert attempts == []


def test_the_server_keeps_uploads_in_memory_from_its_start(monkeypatch):
    """app.py, as `streamlit run` imports it when the server starts, raises the threshold before any upload."""
    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)  # Starlette's own, put back afterwards
    runpy.run_path(str(ROOT / "app.py"), run_name="app")
    assert MultiPartParser.spool_max_size > streamlit_config.get_option("server.maxUploadSize") * 1024 * 1024
