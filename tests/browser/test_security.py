"""The controls a council's IT security review checks, tried from outside: a real HTTP client (httpx) and a real
browser against the app under `streamlit run`. docs/security.md lists each control with its test here."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_app, session_cookie, sign_in

pytestmark = pytest.mark.browser

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
PATHS = ["/", "/kpi", "/session/sign-in", "/assets/dashboard.js", "/_stcore/health", "/media/no-such-file.csv"]


def cookie_attributes(set_cookie: str) -> set[str]:
    return {part.strip().lower() for part in set_cookie.split(";")[1:]}


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(app_url, path):
    response = httpx.get(app_url + path, timeout=30)
    assert response.status_code in (200, 404)
    for name, value in HEADERS.items():
        assert response.headers[name] == value, name
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "camera=()" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers  # plain HTTP here; test_behind_nginx checks HTTPS


def test_every_page_runs_under_the_policy_without_a_single_refusal(page, app_url):
    """The policy allows no inline script: the dashboard's own script comes from /assets, and nothing the pages
    do is refused (a refusal would be a broken feature)."""
    refusals = []
    page.on(
        "console", lambda message: refusals.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page, app_url, "demo.performance")
    for path in [
        "",
        "scorecard",
        "kpi?kpi=WF03+Agency+social+worker+rate",
        "workstreams",
        "packs",
        "upload",
        "history",
    ]:
        open_app(page, f"{app_url}/{path}")
    assert page.evaluate("[window.dashboardAppLinks, window.dashboardChartKeys, window.dashboardSidebarChecked]") == [
        True,
        True,
        True,
    ]
    assert refusals == []


def test_the_session_cookie_is_httponly_samesite_strict_and_unreadable_by_the_page(page, app_url):
    sign_in(page, app_url, "demo.viewer")
    cookie = next(c for c in page.context.cookies() if c["name"] == "dashboard_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert not cookie["secure"]  # plain HTTP here: test_behind_nginx sees it Secure through the TLS proxy
    assert 0 < cookie["expires"] - page.evaluate("Date.now() / 1000") <= 8 * 3600 + 60  # a fixed lifetime
    assert "dashboard_session" not in page.evaluate("document.cookie")


def sign_in_by_http(client: httpx.Client, app_url: str, username: str, password: str, **headers) -> httpx.Response:
    form = client.get(f"{app_url}/session/sign-in")
    token = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    return client.post(
        f"{app_url}/session/sign-in",
        data={"form_token": token, "username": username, "password": password, "next": "/kpi"},
        headers={"Origin": app_url, **headers},
    )


def test_signing_in_sets_the_cookie_from_the_server_and_rotates_the_session(app_url):
    with httpx.Client(timeout=60) as client:
        first = sign_in_by_http(client, app_url, "demo.viewer", "demo-viewer")
        assert first.status_code == 303 and first.headers["location"] == "/kpi"
        set_cookie = next(v for v in first.headers.get_list("set-cookie") if v.startswith("dashboard_session="))
        assert {"httponly", "samesite=strict", "path=/", "max-age=28800"} <= cookie_attributes(set_cookie)
        old = client.cookies["dashboard_session"]
        again = sign_in_by_http(client, app_url, "demo.viewer", "demo-viewer")
        assert again.status_code == 303 and client.cookies["dashboard_session"] != old
    # the session this browser had before signing in again has ended: its cookie no longer signs anyone in
    with httpx.Client(timeout=60, cookies={"dashboard_session": old}) as stale:
        assert stale.get(f"{app_url}/session/sign-out", follow_redirects=False).status_code == 303  # not signed in


def test_a_form_from_another_site_or_without_its_token_is_refused(app_url):
    with httpx.Client(timeout=60) as client:
        other_site = sign_in_by_http(client, app_url, "demo.viewer", "demo-viewer", Origin="https://evil.example")
        assert other_site.status_code == 403 and "dashboard_session" not in client.cookies
        assert "not sent from the dashboard" in other_site.text
    with httpx.Client(timeout=60) as client:  # a token copied from someone else's form, without their cookie
        token = re.search(r'name="form_token" value="([^"]+)"', httpx.get(f"{app_url}/session/sign-in").text)
        refused = client.post(
            f"{app_url}/session/sign-in",
            data={"form_token": token.group(1), "username": "demo.viewer", "password": "demo-viewer"},
            headers={"Origin": app_url},
        )
        assert refused.status_code == 403 and "dashboard_session" not in client.cookies
    with httpx.Client(timeout=60) as client:
        open_redirect = sign_in_by_http(client, app_url, "demo.viewer", "demo-viewer")
        assert open_redirect.headers["location"] == "/kpi"
        form = client.get(f"{app_url}/session/sign-in?next=//evil.example/")
        assert 'name="next" value="/"' in form.text  # only the app's own pages


def test_a_members_download_replayed_signed_out_or_by_a_lesser_role_is_refused(page, browser, app_url, tmp_path):
    sign_in(page, app_url, "demo.director")
    open_app(page, f"{app_url}/scorecard")
    with page.expect_download() as arrived:
        page.get_by_role("button", name=re.compile("Download")).first.click()
    url = arrived.value.url
    assert "/media/" in url
    members_cookie = session_cookie(page)
    with httpx.Client(timeout=30, cookies={"dashboard_session": members_cookie}) as members:
        assert members.get(url).status_code == 200  # the browser it was made for
    assert httpx.get(url, timeout=30).status_code == 404  # signed out, the exact address
    viewer = browser.new_context()
    viewer_page = viewer.new_page()
    sign_in(viewer_page, app_url, "demo.viewer")
    with httpx.Client(timeout=30, cookies={"dashboard_session": session_cookie(viewer_page)}) as lesser:
        assert lesser.get(url).status_code == 404  # another person's session, in a lesser role
    viewer.close()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    page.wait_for_selector(READY)
    with httpx.Client(timeout=30, cookies={"dashboard_session": members_cookie}) as copied:
        assert copied.get(url).status_code == 404  # the cookie copied before signing out


def test_a_public_download_still_works_for_the_public(page, app_url):
    open_app(page, f"{app_url}/scorecard")
    with page.expect_download() as arrived:
        page.get_by_role("button", name=re.compile("Download")).first.click()
    assert httpx.get(arrived.value.url, timeout=30).status_code == 200


def test_a_cookie_copied_after_sign_out_is_refused_by_the_app(page, app_url):
    sign_in(page, app_url, "demo.director")
    copied = session_cookie(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible(timeout=60_000)
    with httpx.Client(timeout=30, cookies={"dashboard_session": copied}) as client:
        assert client.get(f"{app_url}/session/sign-out", follow_redirects=False).status_code == 303  # nobody
    page.context.add_cookies([{"name": "dashboard_session", "value": copied, "url": app_url}])
    open_app(page, f"{app_url}/history")
    expect(page.get_by_text("Please sign in.")).to_be_visible()


def test_sign_in_is_throttled_per_user_name_with_a_clear_message(app_url):
    """Five wrong passwords for a name from one address, then that name waits (the same for a name with no
    account, so the message never says whether an account exists)."""
    with httpx.Client(timeout=60) as client:
        for _ in range(5):
            wrong = sign_in_by_http(client, app_url, "no.such.person", "a wrong password")
            assert wrong.status_code == 401 and "The user name or password is not right." in wrong.text
        waiting = sign_in_by_http(client, app_url, "no.such.person", "a wrong password")
        assert (
            waiting.status_code == 401
            and "Too many failed attempts for this user name. Try again after" in waiting.text
        )
        assert "dashboard_session" not in client.cookies
        assert sign_in_by_http(client, app_url, "demo.viewer", "demo-viewer").status_code == 303  # others unaffected


def test_sign_in_is_throttled_per_network_address_whatever_the_names(fresh_app_url):
    with httpx.Client(timeout=60) as client:
        for attempt in range(20):
            assert sign_in_by_http(client, fresh_app_url, f"guess.{attempt}", "wrong").status_code == 401
        refused = sign_in_by_http(client, fresh_app_url, "demo.viewer", "a wrong password")
        assert "Too many failed sign-ins from your network address. Try again after" in refused.text
