"""Signing in with the organisation's account comes back to the page it was asked from, and only to a page of the
app: the middleware around Streamlit's /auth/login and /oauth2callback, tried with a stand-in for those routes."""

import httpx
from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

from tests.event_loops import in_own_thread
from ui.sign_in_return import COOKIE, ReturnAfterSignIn, page_to_come_back_to

HOST = "testserver"


async def to_provider(request):
    return RedirectResponse("https://provider.example/authorize", status_code=302)


async def to_first_page(request):
    return RedirectResponse("/", status_code=302)


async def elsewhere(request):
    return RedirectResponse("/account", status_code=302)


APP = Starlette(
    routes=[
        Route("/auth/login", to_provider),
        Route("/oauth2callback", to_first_page),
        Route("/other/oauth2callback", elsewhere),
    ]
)
APP.add_middleware(ReturnAfterSignIn)


class Browser:
    """Requests to the app through the middleware, keeping cookies between them as a browser does."""

    def __init__(self):
        self.cookies = httpx.Cookies()

    def get(self, path: str, **headers) -> httpx.Response:
        async def fetch():
            transport = httpx.ASGITransport(app=APP)
            async with httpx.AsyncClient(transport=transport, base_url=f"http://{HOST}", cookies=self.cookies) as c:
                response = await c.get(path, headers=headers)
                self.cookies = c.cookies
                return response

        return in_own_thread(fetch())


def test_the_page_comes_from_the_sign_in_page_of_this_site_only():
    sign_in = f"http://{HOST}/sign_in?next=%2Fkpi%3Fkpi%3DWF03%26month%3DMarch%2B2023"
    assert page_to_come_back_to(sign_in, HOST) == "/kpi?kpi=WF03&month=March+2023"
    assert page_to_come_back_to(sign_in.replace(HOST, "evil.example"), HOST) == "/"  # another site's page
    assert page_to_come_back_to(f"http://{HOST}/sign_in?next=//evil.example/", HOST) == "/"
    assert page_to_come_back_to(f"http://{HOST}/sign_in", HOST) == page_to_come_back_to(None, HOST) == "/"


def test_the_page_is_kept_through_the_provider_and_used_once():
    browser = Browser()
    login = browser.get("/auth/login", referer=f"http://{HOST}/sign_in?next=%2Fhistory")
    assert login.headers["location"] == "https://provider.example/authorize"  # Streamlit's own answer, unchanged
    kept = login.headers["set-cookie"]
    assert kept.startswith(f"{COOKIE}=%2Fhistory;") and "HttpOnly" in kept and "SameSite=Lax" in kept
    back = browser.get("/oauth2callback")
    assert back.headers["location"] == "/history"
    assert f"{COOKIE}=" in back.headers["set-cookie"] and "Max-Age=0" in back.headers["set-cookie"]
    assert browser.get("/oauth2callback").headers["location"] == "/"  # the next sign-in starts afresh


def test_nothing_is_kept_without_a_page_and_a_forged_cookie_goes_nowhere_else():
    browser = Browser()
    assert "set-cookie" not in browser.get("/auth/login", referer=f"http://{HOST}/sign_in").headers
    browser.cookies.set(COOKIE, "https%3A%2F%2Fevil.example%2F")
    assert browser.get("/oauth2callback").headers["location"] == "/"
    browser.cookies.set(COOKIE, "%2Fhistory")
    assert browser.get("/other/oauth2callback").headers["location"] == "/account"  # not a return to the first page
