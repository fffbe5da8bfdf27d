"""The dashboard's middleware in front of Streamlit's server, on messages and requests made up by the test."""

from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.event_loops import in_own_thread
from ui.web_server import RefuseInternalRoutes


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
