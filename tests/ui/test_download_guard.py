"""Who may fetch a file offered for download (ui/download_guard.py), with Streamlit's file holders made up."""

import pytest

from tests.event_loops import in_own_thread
from ui import download_guard
from ui.download_guard import GuardDownloads, may_fetch, note_signed_in

MEMBER = {"dashboard_session": "member-cookie"}
OTHER = {"dashboard_session": "someone-elses-cookie"}


@pytest.fixture
def holders(monkeypatch):
    """Files by Streamlit session, as the test sets them; no wait for a page being drawn again."""
    files: dict[str, set[str]] = {}
    monkeypatch.setattr(download_guard, "_files_by_session", lambda: files)
    monkeypatch.setattr(download_guard, "_drawn_for", {})
    monkeypatch.setattr(download_guard, "RERUN_WAIT", 0.0)
    return files


def always(token):
    return True


def test_a_file_made_for_a_signed_in_session_goes_only_to_its_cookie(holders, caplog):
    holders["member-session"] = {"pack"}
    note_signed_in("member-session", MEMBER)
    assert may_fetch("pack", MEMBER, always)
    assert not may_fetch("pack", {}, always)  # signed out
    assert not may_fetch("pack", OTHER, always)  # another person's session
    assert caplog.messages == ["download refused: file pack was made for another browser's session"] * 2
    assert "member-cookie" not in caplog.text


def test_a_session_that_is_no_longer_signed_in_is_refused_even_with_the_cookie(holders):
    holders["member-session"] = {"pack"}
    note_signed_in("member-session", MEMBER)
    assert not may_fetch("pack", MEMBER, lambda token: False)


def test_a_file_a_public_session_holds_is_public_and_a_file_nobody_holds_is_refused(holders):
    holders["member-session"] = {"same-bytes"}
    holders["public-session"] = {"same-bytes"}
    note_signed_in("member-session", MEMBER)
    assert may_fetch("same-bytes", {}, always)
    assert not may_fetch("gone", MEMBER, always)


def request(path: str, cookies: str = "", still_signed_in=always) -> list[int]:
    sent, reached = [], []

    async def streamlit(scope, receive, send):
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    headers = [(b"cookie", cookies.encode())] if cookies else []
    scope = {"type": "http", "path": path, "method": "GET", "headers": headers}
    in_own_thread(GuardDownloads(streamlit, still_signed_in)(scope, receive, send))
    return [m["status"] for m in sent if m["type"] == "http.response.start"]


def test_the_middleware_guards_media_files_and_nothing_else(holders):
    """Streamlit's own fonts live under /static/media/: they are not downloads and always pass."""
    holders["member-session"] = {"abc123"}
    note_signed_in("member-session", MEMBER)
    assert request("/media/abc123.pdf") == [404]
    assert request("/media/abc123.pdf", "dashboard_session=member-cookie") == [200]
    assert request("/static/media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2") == [200]
    assert request("/scorecard") == [200]


def test_a_download_is_refused_saying_so_while_another_program_keeps_the_database(holders):
    """Whether the member's session has ended cannot be read: the file is refused with 503, not a server error."""
    from database.connection import StoreBusy

    def busy(token):
        raise StoreBusy("the database x.duckdb is in use by another process; please try again in a minute")

    holders["member-session"] = {"abc123"}
    note_signed_in("member-session", MEMBER)
    assert request("/media/abc123.pdf", "dashboard_session=member-cookie", busy) == [503]
