"""The dashboard's middleware in front of Streamlit's server, on messages and requests made up by the test."""

import asyncio
import threading

from streamlit.proto.BackMsg_pb2 import BackMsg

from ui.web_server import RefuseInternalRoutes


def run_alone(coroutine) -> None:
    """Run the coroutine on an event loop of its own thread: the browser tests' Playwright keeps a loop running in
    the main thread once they have run, and asyncio.run refuses to start beside it."""
    outcome = {}

    def target():
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]


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

    run_alone(RefuseInternalRoutes(streamlit)({"type": "websocket", "path": "/_stcore/stream"}, receive, None))
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
        run_alone(RefuseInternalRoutes(streamlit)({"type": "http", "path": path, "method": "GET", "headers": []},
                                                  receive, send))
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [404, 404]
