"""The dashboard's own layer in front of Streamlit's web server (st.App middleware; see app.py).

Streamlit answers `/_stcore/metrics` to anyone: how many people have the app open, how much each cache holds. That
is nobody's business outside the council's operations, and the dashboard does not use it, so it is refused here
(404, as if it did not exist), under any base path. Everything else passes through unchanged.
"""

from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

REFUSED_PATHS = ("/_stcore/metrics",)


class RefuseInternalRoutes:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(REFUSED_PATHS):
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def middleware() -> list[Middleware]:
    return [Middleware(RefuseInternalRoutes)]
