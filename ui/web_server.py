"""The dashboard's own layer in front of Streamlit's web server (st.App middleware; see app.py).

- Streamlit answers `/_stcore/metrics` to anyone: how many people have the app open, how much each cache holds.
  That is nobody's business outside the council's operations, and the dashboard does not use it, so it is refused
  (404, as if it did not exist), under any base path.
- Any browser can send Streamlit's "clear cache" message over its websocket (the developer menu's command, hidden
  here), which empties every cache for every user at once, so each next page view recomputes everything. The
  message is dropped.

- Streamlit's upload route parses the upload with Starlette, which writes any file over 1 MB to a temporary file on
  the server's disk while it reads it. An Annex A workbook holds children's records, so uploads are kept in memory
  instead, up to the upload limit Streamlit already enforces (keep_uploads_in_memory).

Files for download made for a signed-in person go only to that person's browser (ui/download_guard.py).
It also adds the security headers to every response (ui/security_headers.py), serves the dashboard's own script
and style sheet (ui/browser_script.py), answers the sign-in and sign-out pages (ui/session_routes.py), and brings a
person signing in with the organisation's account back to the page they were on (ui/sign_in_return.py).
"""

from google.protobuf.message import DecodeError
from starlette.formparsers import MultiPartParser
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import config as streamlit_config
from streamlit.proto.BackMsg_pb2 import BackMsg

from ui import auth, browser_script, session_routes
from ui.download_guard import GuardDownloads
from ui.navigation import PAGES
from ui.security_headers import SecurityHeaders
from ui.sign_in_return import ReturnAfterSignIn

REFUSED_PATHS = ("/_stcore/metrics",)


DROPPED_MESSAGES = {"clear_cache"}


def is_dropped(message: Message) -> bool:
    """Whether a websocket message from a browser is one of Streamlit's commands no browser may give here."""
    if message["type"] != "websocket.receive" or not message.get("bytes"):
        return False
    back = BackMsg()
    try:
        back.ParseFromString(message["bytes"])
    except DecodeError:
        return False  # Streamlit's own handling refuses it
    return back.WhichOneof("type") in DROPPED_MESSAGES


class RefuseInternalRoutes:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(REFUSED_PATHS):
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        if scope["type"] == "websocket":

            async def receive_allowed() -> Message:
                while True:
                    message = await receive()
                    if not is_dropped(message):
                        return message

            await self.app(scope, receive_allowed, send)
            return
        await self.app(scope, receive, send)


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in browser_script.SERVED:
        return PlainTextResponse("Not found", status_code=404)
    return Response(
        browser_script.content(name),
        media_type=browser_script.SERVED[name],
        headers={"Cache-Control": "public, max-age=31536000, immutable"},  # its address changes with its content
    )


def _frame_ancestors() -> tuple[str, ...]:
    try:
        return auth.settings().frame_ancestors
    except Exception:  # a configuration problem: the app's pages say what it is; framing stays refused meanwhile
        return ()


def keep_uploads_in_memory() -> None:
    """Once, as the server starts (app.py): Starlette's parser keeps an uploaded file in memory up to its
    `spool_max_size` (1 MB) and writes the rest to a temporary file on disk. Streamlit refuses an upload's request
    once its body passes `server.maxUploadSize` (20 MB here) and a 1 MB margin for the form's framing, so with the
    threshold above that, no upload ever touches the disk, and memory stays bounded by the same limit."""
    limit = (streamlit_config.get_option("server.maxUploadSize") + 1) * 1024 * 1024
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, limit)


def middleware() -> list[Middleware]:
    return [
        Middleware(SecurityHeaders, frame_ancestors=_frame_ancestors),
        Middleware(RefuseInternalRoutes),
        Middleware(GuardDownloads, still_signed_in=session_routes.is_signed_in),
        Middleware(ReturnAfterSignIn),
    ]


async def to_the_landing_page(request: Request) -> Response:
    """The landing page is at "/": at its own name ("/overview", typed or kept from a link) Streamlit would show
    "Page not found" over it. The filters in the address are kept."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=307)


def routes() -> list[Route]:
    landing = [Route(f"/{spec.url_path}", to_the_landing_page) for spec in PAGES if spec.default]
    return [Route(browser_script.ROUTE + "/{name}", asset), *session_routes.routes(), *landing]
