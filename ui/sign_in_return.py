"""Signing in with the organisation's account comes back to the page the person was on, as the app's own sign-in
form does (ui/session_routes.py).

That sign-in is Streamlit's own (st.login): the browser goes to `/auth/login`, on to the identity provider, and back
to `/oauth2callback`, which always sends it to the app's first page. So this middleware:

- at `/auth/login`, reads the page to come back to from the sign-in page's address (its `next`, as the menu's Sign in
  link and a refused page's link set it), which the browser names as the referring page of this very site, and keeps
  it in a short-lived cookie (HttpOnly; SameSite=Lax, so that it comes back with the provider's redirect);
- at `/oauth2callback`, if that cookie is there and the answer is a redirect to the app's first page, sends the
  browser to that page instead, and removes the cookie.

Only a path of the app is ever used (session_routes.safe_next), so no one can use the sign-in to send a browser
to another site.
"""

from urllib.parse import parse_qs, quote, unquote, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.session_routes import next_from, safe_next

COOKIE = "dashboard_return"
LIFETIME_SECONDS = 600  # long enough to sign in at the provider, not long enough to surprise someone later
LOGIN, CALLBACK = "/auth/login", "/oauth2callback"


def page_to_come_back_to(referer: str | None, host: str | None) -> str:
    """The `next` of the sign-in page the browser came from, if that page is on this site; else "/"."""
    if not referer or not host:
        return "/"
    parts = urlsplit(referer)
    if parts.netloc != host:
        return "/"
    return next_from(parse_qs(parts.query))


def _cookie(value: str, max_age: int, secure: bool) -> str:
    return f"{COOKIE}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")


class ReturnAfterSignIn:
    """ASGI middleware for Streamlit's sign-in routes (see the module's text)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.endswith((LOGIN, CALLBACK)):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        secure = request.url.scheme == "https"
        if path.endswith(LOGIN):
            wanted = page_to_come_back_to(request.headers.get("referer"), request.headers.get("host"))

            async def keep_the_page(message: Message) -> None:
                if message["type"] == "http.response.start" and wanted != "/":
                    MutableHeaders(scope=message).append(
                        "set-cookie", _cookie(quote(wanted, safe=""), LIFETIME_SECONDS, secure)
                    )
                await send(message)

            await self.app(scope, receive, keep_the_page)
            return
        kept = request.cookies.get(COOKIE)

        async def go_back(message: Message) -> None:
            if message["type"] == "http.response.start" and kept is not None:
                headers = MutableHeaders(scope=message)
                location = headers.get("location")
                to_first_page = location is not None and urlsplit(location).path in ("", "/")
                if message["status"] in (302, 303, 307) and to_first_page:
                    headers["location"] = safe_next(unquote(kept))
                headers.append("set-cookie", _cookie("", 0, secure))
            await send(message)

        await self.app(scope, receive, go_back)
