"""Roles in a real browser: what each person sees in the navigation, and what a typed address answers."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app, screenshot, session_cookie, sign_in, submit_sign_in_form
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def nav(page):
    return page.get_by_role("navigation", name="Pages")


def test_a_viewer_has_no_upload_page_and_its_address_is_refused(page, app_url):
    sign_in(page, app_url, "demo.viewer")
    expect(nav(page).get_by_role("link", name="Scorecard")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="History")).to_have_count(0)
    open_app(page, f"{app_url}/upload")  # typed into the address bar: a new page load, still signed in
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Demo scrutiny member")).to_be_visible()
    expect(page.get_by_text("this page is only for the Performance team role")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    screenshot(page, "viewer-refused-upload")


def test_the_performance_team_has_the_upload_page_by_menu_and_by_address(page, app_url):
    sign_in(page, app_url, "demo.performance")
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_be_visible()
    open_app(page, f"{app_url}/upload")
    expect(page.get_by_role("heading", name="Upload a monthly return")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_be_visible()
    expect(page.get_by_text("recorded as made by Demo performance officer, Performance team")).to_be_visible()


def test_the_public_are_asked_to_sign_in_for_the_upload_page(page, app_url):
    open_app(page, f"{app_url}/upload")
    expect(page.get_by_text("This page is only for Performance team. Please sign in.")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="Sign in")).to_be_visible()


def test_an_administrator_manages_users_but_cannot_upload(page, app_url):
    sign_in(page, app_url, "demo.admin")
    expect(nav(page).get_by_role("link", name="Users")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_have_count(0)


def test_signing_out_ends_the_session_even_after_a_reload(page, app_url):
    sign_in(page, app_url, "demo.director")
    cookie = next(c for c in page.context.cookies() if c["name"] == "dashboard_session")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible(timeout=60_000)
    assert session_cookie(page) is None  # cleared by the server
    open_app(page, f"{app_url}/history")
    expect(page.get_by_text("Please sign in.")).to_be_visible()
    # a copy of the old cookie no longer works either: the session was ended on the server
    page.context.add_cookies([cookie])
    open_app(page, f"{app_url}/history")
    expect(page.get_by_text("Please sign in.")).to_be_visible()


def test_a_wrong_password_is_refused_with_a_message(page, app_url):
    page.goto(f"{app_url}/session/sign-in")
    page.get_by_role("textbox", name="User name").fill("demo.viewer")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("The user name or password is not right.")
    expect(page.get_by_role("textbox", name="User name")).to_have_value("demo.viewer")  # kept; the password not
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    assert session_cookie(page) is None


def test_the_sign_in_page_of_the_app_leads_to_the_form(page, app_url):
    open_app(page, f"{app_url}/sign_in")
    page.get_by_role("link", name="Sign in with a user name and password").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="One demonstration account per role")).to_be_visible()


def test_a_local_account_added_on_the_command_line_signs_in_and_changes_its_password(page, fresh_app_url, tmp_path):
    added = subprocess.run(
        [
            sys.executable,
            "-m",
            "accounts",
            "--db",
            str(tmp_path / "demo.duckdb"),
            "add",
            "j.smith",
            "--role",
            "viewer",
            "--name",
            "Jo Smith",
            "--password-stdin",
        ],
        input="first long passphrase\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    sign_in(page, fresh_app_url, "j.smith", "first long passphrase")
    expect(
        page.get_by_test_id("stSidebar").get_by_text("Signed in as Jo Smith, Scrutiny member (viewer).")
    ).to_be_visible()
    open_app(page, f"{fresh_app_url}/account")
    page.get_by_label("Current password").fill("first long passphrase")
    page.get_by_label("New password (at least 12 characters)").fill("second long passphrase")
    page.get_by_label("New password again").fill("second long passphrase")
    old_cookie = next(c for c in page.context.cookies() if c["name"] == "dashboard_session")
    page.get_by_role("button", name="Change my password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("sign in again with your new password")).to_be_visible()
    open_app(page, f"{fresh_app_url}/account")  # every session ended, this one too: the old cookie is refused
    expect(page.get_by_text("You are not signed in.")).to_be_visible()
    page.context.add_cookies([old_cookie])
    open_app(page, f"{fresh_app_url}/account")
    expect(page.get_by_text("You are not signed in.")).to_be_visible()
    sign_in(page, fresh_app_url, "j.smith", "second long passphrase")  # a new session, with the new password
    assert session_cookie(page) != old_cookie["value"]
    open_app(page, f"{fresh_app_url}/account")
    expect(page.get_by_text("You are signed in as Jo Smith")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible(timeout=60_000)
    assert session_cookie(page) is None  # cleared by the server
    sign_in(page, fresh_app_url, "j.smith", "second long passphrase")


def sign_in_from_the_sign_in_page(page, username: str) -> None:
    """On the app's Sign in page: on to the form, and sign in with the demonstration account `username`."""
    from accounts.demo import DEMO_ACCOUNTS

    page.get_by_role("link", name="Sign in with a user name and password").click()
    submit_sign_in_form(page, username, DEMO_ACCOUNTS[username][2], timeout=60_000)


def test_signing_in_from_the_menu_comes_back_to_the_page_with_its_choices(page, app_url):
    open_app(page, f"{app_url}/kpi?kpi=WF03+Agency+social+worker+rate&month=March+2023")
    nav(page).get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    sign_in_from_the_sign_in_page(page, "demo.viewer")
    expect(page.get_by_role("heading", name="Agency social worker rate")).to_be_visible()
    assert page.url.startswith(f"{app_url}/kpi?") and "month=March+2023" in page.url
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Month")).to_have_value("March 2023")


def test_a_page_refused_to_the_public_comes_back_once_signed_in(page, app_url):
    open_app(page, f"{app_url}/history")
    expect(page.get_by_text("Please sign in.")).to_be_visible()
    page.get_by_test_id("stPageLink-NavLink").filter(has_text="Sign in").click()  # the refusal's own link
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    sign_in_from_the_sign_in_page(page, "demo.director")
    expect(page.get_by_role("heading", name="Upload history")).to_be_visible()
    assert page.url == f"{app_url}/history"


def test_on_a_tablet_the_public_notice_signs_in_inside_the_app_and_comes_back(browser, app_url):
    """Upright on a tablet the sidebar, and the menu's Sign in with it, starts closed: the notice's link is the way."""
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    open_app(page, f"{app_url}/kpi?kpi=CIC01+Children+in+care")
    page.wait_for_function("() => window.dashboardSidebarChecked === true")
    notice = page.get_by_test_id("stMain").get_by_test_id("stAlert").filter(has_text="Public view.")
    page.evaluate("window.beforeTheClick = true")
    notice.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_focused(timeout=30_000)
    assert len(context.pages) == 1 and page.evaluate("window.beforeTheClick") is True  # this tab, no reload
    sign_in_from_the_sign_in_page(page, "demo.viewer")
    expect(page.get_by_role("heading", name="Children in care", exact=True)).to_be_visible()
    assert page.url.startswith(f"{app_url}/kpi?kpi=CIC01")
    context.close()
