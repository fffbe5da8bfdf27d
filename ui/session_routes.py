"""The app's own sign-in and sign-out pages, answered by its web server (st.App routes) rather than drawn by
Streamlit, so the session cookie is set by the server: HttpOnly (no script on a page can read it), SameSite=Strict,
Secure whenever the browser reached the app over HTTPS, for a fixed lifetime (accounts.sessions.LIFETIME).

    GET  /session/sign-in     the form (and, on demonstration data, the demonstration accounts)
    POST /session/sign-in     checks the password (throttled: accounts.throttle), starts a new session, sends the
                              browser back into the app
    GET  /session/sign-out    asks to confirm (the app's own pages show a Sign out button posting straight here)
    POST /session/sign-out    ends the session on the server for good, and clears the cookie

Every form carries a token tied to a cookie of its own (double submit, signed with the session secret), and a form
is refused unless the browser says it comes from the app's own address (Origin, or Referer). The identity
provider's sign-in (st.login) is Streamlit's own and is unchanged.
"""

import functools
import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping
from html import escape
from urllib.parse import parse_qs, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from accounts import local_sign_in, sessions
from accounts.demo import DEMO_ACCOUNTS
from accounts.users import SignInRefused
from database.connection import StoreBusy, open_store
from ui import auth, browser_script, busy
from ui import context as app_context
from ui.page_style import APP_TITLE

SIGN_IN, SIGN_OUT = "/session/sign-in", "/session/sign-out"
CSRF_COOKIE = "dashboard_form"
MAX_FORM_BYTES = 4096  # a user name, a password and two tokens

log = logging.getLogger(__name__)


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, token: str | None) -> None:
    """The session cookie (or, for None, its removal): HttpOnly, SameSite=Strict, Secure over HTTPS."""
    response.set_cookie(
        sessions.COOKIE_NAME,
        token or "",
        max_age=int(sessions.LIFETIME.total_seconds()) if token else 0,
        path="/",
        secure=_is_https(request),
        httponly=True,
        samesite="strict",
    )


def _form_token(cookie: str) -> str:
    return hmac.new(auth.settings().session_secret, b"form|" + cookie.encode(), hashlib.sha256).hexdigest()


def sign_out_token(secret: bytes, session_id: str) -> str:
    """The token a sign-out form drawn inside the app carries: tied to the session it ends, so another site cannot
    make one (it knows no session id, and the cookie is HttpOnly and SameSite=Strict)."""
    return hmac.new(secret, b"sign-out|" + session_id.encode(), hashlib.sha256).hexdigest()


def sign_out_form(session_id: str) -> str:
    """A one-button form that signs this session out, for the app's own pages (ui/shell.py, pages/account.py)."""
    token = sign_out_token(auth.settings().session_secret, session_id)
    return (
        f'<form class="sign-out" method="post" action="{SIGN_OUT}"><input type="hidden" name="form_token" '
        f'value="{token}"><button type="submit">Sign out</button></form>'
    )


def _with_form_cookie(request: Request) -> tuple[str, str]:
    """The browser's form cookie (a new one if it has none) and the token its forms must carry."""
    cookie = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    return cookie, _form_token(cookie)


def _set_form_cookie(response: Response, request: Request, cookie: str) -> None:
    response.set_cookie(
        CSRF_COOKIE, cookie, path="/session", secure=_is_https(request), httponly=True, samesite="strict"
    )


def _same_origin(request: Request) -> bool:
    """Whether the browser says the form was sent from a page of the app itself."""
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == own
    referer = request.headers.get("referer") or ""
    return referer == own or referer.startswith(own + "/")


async def _checked_form(request: Request, session_id: str | None = None) -> dict[str, str]:
    """The form's fields, once it is known to come from the app's own page in this browser: its token matches the
    browser's form cookie or, for a sign-out form drawn in the app, the session `session_id` it ends."""
    if not _same_origin(request):
        raise Refused(403, "This form was not sent from the dashboard's own page. Open the sign-in page again.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise Refused(413, "The form sent was too large.")
    fields = {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}
    cookie, sent = request.cookies.get(CSRF_COOKIE, ""), fields.get("form_token", "")
    by_cookie = bool(cookie) and hmac.compare_digest(sent, _form_token(cookie))
    by_session = session_id is not None and hmac.compare_digest(
        sent, sign_out_token(auth.settings().session_secret, session_id)
    )
    if not (by_cookie or by_session):
        raise Refused(403, "The form had expired. Please try again.")
    return fields


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a page of the app only, never another site. An address that is not a path on
    this server ("//other.site", "https://...", "/\\other.site") or holds a space or control character (browsers drop
    tabs and line breaks from addresses, so "/\t/other.site" would become "//other.site") is replaced by "/"."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(character) <= 0x20 or ord(character) == 0x7F for character in value):
        return "/"
    return value


def next_from(query: Mapping[str, list[str]]) -> str:
    """The page a sign-in page's query (each parameter with all its values) asks to come back to: its last `next`,
    if that is a page of the app; else "/"."""
    return safe_next((query.get("next") or [None])[-1])


def sign_in_address(next_page: str | None) -> str:
    """The app's sign-in form, sending the browser back to `next_page` (a page of the app) once signed in."""
    next_page = safe_next(next_page)
    return SIGN_IN if next_page == "/" else f"{SIGN_IN}?{urlencode({'next': next_page})}"


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · {escape(APP_TITLE)}</title>
<link rel="stylesheet" href="{browser_script.address("sign_in.css")}">
</head>
<body>
<header><a href="/">{escape(APP_TITLE)}</a></header>
<main id="main">
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>"""
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _problem(message: str | None) -> str:
    if not message:
        return ""
    return f'<div class="problem" role="alert"><h2>There is a problem</h2><p>{escape(message)}</p></div>'


def _demo_on() -> bool:
    return auth.demo_accounts_on(app_context.database_is_demo())


def _sign_in_form(
    request: Request, message: str | None = None, username: str = "", status: int = 200, next_page: str | None = None
) -> Response:
    if not auth.settings().local_accounts:
        return _page("Sign in", "<p>Sign-in with a user name and password is turned off here.</p>", 404)
    cookie, token = _with_form_cookie(request)
    next_page = safe_next(next_page or request.query_params.get("next"))
    demo = ""
    if _demo_on():
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>{escape(password)}</td><td>{escape(role.label)}</td></tr>"
            for name, (_, role, password) in DEMO_ACCOUNTS.items()
        )
        demo = (
            "<h2>Demonstration accounts</h2><p>This dashboard holds demonstration data, so these accounts work:</p>"
            "<table><caption>One demonstration account per role</caption><thead><tr><th scope=col>User name</th>"
            f"<th scope=col>Password</th><th scope=col>Role</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    body = f"""{_problem(message)}
<p>Members and officers sign in to see every figure and the pages their role allows.</p>
<form method="post" action="{SIGN_IN}">
<input type="hidden" name="form_token" value="{token}">
<input type="hidden" name="next" value="{escape(next_page)}">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required value="{escape(username)}"{
        " autofocus" if not message else ""
    }>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{
        " autofocus" if message else ""
    }>
<button type="submit">Sign in</button>
</form>
{demo}
<p><a href="/">Back to the dashboard without signing in</a></p>"""
    response = _page("Sign in", body, status)
    _set_form_cookie(response, request, cookie)
    return response


def _client(request: Request) -> str:
    """The browser's network address, for throttling. uvicorn already took it from X-Forwarded-For for a reverse
    proxy on this machine; one on another machine is believed only if listed in trusted_proxies."""
    direct = request.client.host if request.client else "unknown"
    return auth.client_behind_proxies(direct, request.headers.get("x-forwarded-for"))


def _sign_in(username: str, password: str, client: str, old_token: str | None) -> tuple[str, str]:
    settings = auth.settings()
    demo_on = _demo_on()
    with open_store(settings.database) as con:
        actor, token = local_sign_in.sign_in_with_password(
            con, settings.session_secret, username, password, client, demo_on
        )
        if old_token:  # the session this browser had before ends: a new sign-in never carries an old session on
            local_sign_in.sign_out(con, settings.session_secret, old_token, demo_on)
    return actor.name, token


async def sign_in_page(request: Request) -> Response:
    if request.method == "GET":
        return await run_in_threadpool(_sign_in_form, request)
    try:
        fields = await _checked_form(request)
    except Refused as refused:
        return await run_in_threadpool(_sign_in_form, request, str(refused), "", refused.status)
    username, password = fields.get("username", "")[:200], fields.get("password", "")[:1000]
    if not auth.settings().local_accounts:
        return await run_in_threadpool(_sign_in_form, request)
    try:
        name, token = await run_in_threadpool(
            _sign_in, username, password, _client(request), request.cookies.get(sessions.COOKIE_NAME)
        )
    except SignInRefused as refused:
        return await run_in_threadpool(_sign_in_form, request, str(refused), username, 401, fields.get("next"))
    log.info("signed in: %s", name)
    response = RedirectResponse(safe_next(fields.get("next")), status_code=303)
    set_session_cookie(response, request, token)
    return response


def is_signed_in(token: str | None) -> bool:
    """Whether the session cookie signs someone in now (not forged, expired, signed out or ended), as a page view
    would decide it, from its caches: the download guard asks this for every file a page fetches."""
    return auth.cookie_actor(token, app_context.database_is_demo()) is not None


def _sign_out(token: str | None) -> None:
    settings = auth.settings()
    with open_store(settings.database) as con:
        local_sign_in.sign_out(con, settings.session_secret, token, _demo_on())


def _session_id(token: str | None) -> str | None:
    claim = sessions.read(auth.settings().session_secret, token)
    return claim.session_id if claim else None


async def sign_out_page(request: Request) -> Response:
    token = request.cookies.get(sessions.COOKIE_NAME)
    if request.method == "GET":
        if not token or not await run_in_threadpool(is_signed_in, token):
            return RedirectResponse("/", status_code=303)
        cookie, form_token = _with_form_cookie(request)
        body = f"""<p>Sign out of the dashboard in this browser?</p>
<form method="post" action="{SIGN_OUT}">
<input type="hidden" name="form_token" value="{form_token}">
<button type="submit">Sign out</button>
</form>
<p><a href="/">Back to the dashboard, still signed in</a></p>"""
        response = _page("Sign out", body)
        _set_form_cookie(response, request, cookie)
        return response
    try:
        await _checked_form(request, await run_in_threadpool(_session_id, token))
    except Refused as refused:
        return _page("Sign out", _problem(str(refused)) + f'<p><a href="{SIGN_OUT}">Try again</a></p>', refused.status)
    await run_in_threadpool(_sign_out, token)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, request, None)
    return response


def _unless_busy(handler):
    """The page, or, if another program keeps the database for longer than the app waits, a page saying so (503,
    with Retry-After) instead of a server error. Nothing was changed: a sign-in started no session, and a sign-out
    kept the cookie, as the session could not be ended on the server."""

    @functools.wraps(handler)
    async def answered(request: Request) -> Response:
        try:
            return await handler(request)
        except StoreBusy as error:
            log.warning("%s %s gave up waiting for the database: %s", request.method, request.url.path, error)
            retry = f'<p><a href="{escape(request.url.path)}">Try again</a></p>'
            response = _page(busy.TITLE, _problem(busy.MESSAGE) + retry, 503)
            response.headers["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
            return response

    return answered


def routes() -> list[Route]:
    return [
        Route(SIGN_IN, _unless_busy(sign_in_page), methods=["GET", "POST"]),
        Route(SIGN_OUT, _unless_busy(sign_out_page), methods=["GET", "POST"]),
    ]
