"""Files offered for download (st.download_button) are fetched from Streamlit's `/media/<id>` address, which
Streamlit gives to anyone who has it. This guard lets a file through only to the browser it was made for:

- every page view notes which signed-in cookie its Streamlit session was drawn for (a hash of it, never the cookie);
- a request for a file that only signed-in sessions hold must carry the cookie of one of them, and, for a local or
  demonstration account, that session must still be signed in (not signed out, not ended by a password change or
  reset, not disabled). Anyone else gets 404, as if there were no file;
- a file that a public session holds too is public (the same bytes are offered to the public), and a file that no
  session holds any more is refused. Every refusal is logged (the file's id, never a cookie).

The dashboard's download buttons do not run their page again when clicked (on_click="ignore"): a run first lets go
of the page's files and then holds them again, and a download asked for in between would find no session holding it.
Such a button fetches its file as the page is drawn, so the guard is asked once per button on every page view: its
check reads only the caches the page views use (ui.auth.cookie_actor), never the database.

So a members' committee pack, a members' CSV or anything else made for a signed-in person cannot be fetched by
replaying its address signed out, in another browser, or in a lesser role's session.
"""

import hashlib
import logging
import re
import threading
import time

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from accounts import sessions
from database.connection import StoreBusy
from ui import busy

MEDIA = re.compile(r"/media/([^/]+)")  # after the server's base path, if it has one
RERUN_WAIT = 3.0  # seconds: a click on a download button draws its page again, which holds its files again
OIDC_COOKIE = "_streamlit_user"  # Streamlit's own signed cookie for st.login

_drawn_for: dict[str, str] = {}  # Streamlit session id: fingerprint of the signed-in cookie it was drawn for
_lock = threading.Lock()
log = logging.getLogger(__name__)
PRUNE_AT = 500


def fingerprint(cookies: dict) -> str:
    """A hash of the browser's sign-in cookies (ours, and st.login's): the same browser session gives the same."""
    found = "|".join(f"{name}={cookies.get(name, '')}" for name in (sessions.COOKIE_NAME, OIDC_COOKIE))
    return hashlib.sha256(found.encode()).hexdigest()


def note_signed_in(session_id: str, cookies: dict) -> None:
    """From every page view of a signed-in person: this Streamlit session's files are theirs. A session once signed
    in stays guarded (a tab that signs out reloads as a new session anyway)."""
    with _lock:
        _drawn_for[session_id] = fingerprint(cookies)
        if len(_drawn_for) > PRUNE_AT:  # forget sessions that hold no file any more
            held = _sessions_holding_files()
            for gone in [s for s in _drawn_for if s not in held]:
                del _drawn_for[gone]


def _files_by_session() -> dict[str, set[str]]:
    """Each Streamlit session's files now, from Streamlit's media file manager (which offers no public way to ask
    whose a file is; tests/browser/test_downloads.py fails if a Streamlit upgrade changes this)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return {}
    manager = Runtime.instance().media_file_mgr
    with manager._lock:
        return {session: set(files.values()) for session, files in manager._files_by_session_and_coord.items()}


def _sessions_holding_files() -> set[str]:
    return set(_files_by_session())


def _holders(file_id: str) -> set[str]:
    return {session for session, files in _files_by_session().items() if file_id in files}


def may_fetch(file_id: str, cookies: dict, still_signed_in) -> bool:
    """Whether a browser with these cookies may fetch the file; `still_signed_in(token)` checks a local session."""
    holders = _holders(file_id)
    deadline = time.monotonic() + RERUN_WAIT
    while not holders and time.monotonic() < deadline:  # a page drawn again holds its files again as it goes
        time.sleep(0.1)
        holders = _holders(file_id)
    if not holders:
        log.warning("download refused: no session holds file %s", file_id)
        return False
    with _lock:
        owners = {_drawn_for.get(session_id) for session_id in holders}
    if None in owners:  # a public session holds it: public bytes
        return True
    if fingerprint(cookies) not in owners:
        log.warning("download refused: file %s was made for another browser's session", file_id)
        return False
    token = cookies.get(sessions.COOKIE_NAME)
    if token and not still_signed_in(token):
        log.warning("download refused: file %s asked for with a session that has ended", file_id)
        return False
    return True  # for st.login's cookie, Streamlit's own sign-out removes it


def _base_path() -> str:
    """The server's base path (server.baseUrlPath, e.g. /dashboard), or empty."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


class GuardDownloads:
    """ASGI middleware: a request for `/media/<id>` goes through only if may_fetch() says so."""

    def __init__(self, app: ASGIApp, still_signed_in) -> None:
        self.app = app
        self.still_signed_in = still_signed_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = None
        if scope["type"] == "http" and scope["path"].startswith(base := _base_path()):
            found = MEDIA.fullmatch(scope["path"][len(base) :])
        if found is not None:
            from starlette.concurrency import run_in_threadpool

            file_id = found.group(1).split(".")[0]
            cookies = Request(scope).cookies
            try:
                allowed = await run_in_threadpool(may_fetch, file_id, cookies, self.still_signed_in)
            except StoreBusy as error:  # whether the session has ended cannot be read: refused, saying why
                log.warning("download refused: the database is busy (%s)", error)
                headers = {"Cache-Control": "no-store", "Retry-After": str(busy.RETRY_AFTER_SECONDS)}
                await PlainTextResponse(busy.MESSAGE, status_code=503, headers=headers)(scope, receive, send)
                return
            if not allowed:
                response = PlainTextResponse("Not found", status_code=404, headers={"Cache-Control": "no-store"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
