"""Security headers on every response of the app's web server (st.App middleware; see ui/web_server.py).

The Content-Security-Policy lets the page run only scripts from the app's own server: Streamlit's bundle, the
dashboard's script (ui/browser_script.py) and, by its hash, the one line Streamlit writes inline in its page
(`window.prerenderReady = false`). No inline script of ours exists. Styles may be inline, because Streamlit's
components write their styles into the page as they draw (the known gap: docs/security.md). Images may be data:
addresses, which is how the dashboard draws every chart, icon and sparkline. The page may be framed by nobody, or by
the addresses in the [dashboard] setting frame_ancestors (a council intranet, say).

HSTS is sent only over HTTPS, which behind a reverse proxy on this machine is what its X-Forwarded-Proto says
(uvicorn believes it from 127.0.0.1 only).
"""

import base64
import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import streamlit
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STREAMLIT_PAGE = Path(streamlit.__file__).parent / "static" / "index.html"
HSTS = "max-age=31536000"  # a year; no includeSubDomains, which would bind the council's other sites too
PERMISSIONS = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


@lru_cache(maxsize=1)
def inline_script_hashes() -> tuple[str, ...]:
    """The CSP hash of each inline script in Streamlit's own page, so they run and nothing else inline does."""
    page = STREAMLIT_PAGE.read_text(encoding="utf-8")
    bodies = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    return tuple(f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in bodies)


def content_security_policy(frame_ancestors: tuple[str, ...] = ()) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *inline_script_hashes()]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "media-src": "'self' data: blob:",
        "worker-src": "'self' blob:",
        "frame-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": " ".join(frame_ancestors) or "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(scheme: str, frame_ancestors: tuple[str, ...] = ()) -> dict[str, str]:
    """The headers every response carries, for a request made over `scheme` (http or https)."""
    headers = {
        "Content-Security-Policy": content_security_policy(frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS,
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    if not frame_ancestors:
        headers["X-Frame-Options"] = "DENY"  # for browsers that predate frame-ancestors
    if scheme == "https":
        headers["Strict-Transport-Security"] = HSTS
    return headers


class SecurityHeaders:
    """Adds security_headers() to every HTTP response, replacing any the response set itself."""

    def __init__(self, app: ASGIApp, frame_ancestors: Callable[[], tuple[str, ...]] = tuple) -> None:
        self.app = app
        self.frame_ancestors = frame_ancestors  # read per request: the settings can change while the app runs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = security_headers(scope.get("scheme", "http"), self.frame_ancestors())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "X-Frame-Options" not in wanted:  # it cannot name the sites allowed to frame the page
                    del headers["X-Frame-Options"]
                for name, value in wanted.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
