"""What the sign-in and sign-out pages answer when another program keeps the database for longer than the app
waits: a page saying so, 503 with Retry-After, and no cookie set or cleared."""

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from database.connection import StoreBusy
from tests.event_loops import in_own_thread
from ui import busy, session_routes


def answer(handler, method: str, path: str):
    scope = {"type": "http", "method": method, "path": path, "headers": [], "query_string": b""}
    return in_own_thread(session_routes._unless_busy(handler)(Request(scope)))


def test_a_sign_in_or_sign_out_page_says_the_database_is_busy_instead_of_a_server_error():
    async def held_elsewhere(request: Request):
        raise StoreBusy("the database /srv/dashboard.duckdb is in use by another process; please try again")

    async def fine(request: Request):
        return PlainTextResponse("the form")

    busy_page = answer(held_elsewhere, "POST", session_routes.SIGN_OUT)
    text = busy_page.body.decode()
    assert busy_page.status_code == 503 and busy_page.headers["retry-after"] == str(busy.RETRY_AFTER_SECONDS)
    assert "set-cookie" not in busy_page.headers  # a sign-out that could not end the session keeps its cookie
    assert "in use by another program just now" in text and "Nothing has been changed" in text
    assert f'href="{session_routes.SIGN_OUT}">Try again' in text and "/srv" not in text
    assert answer(fine, "GET", session_routes.SIGN_IN).body == b"the form"  # anything else passes untouched
