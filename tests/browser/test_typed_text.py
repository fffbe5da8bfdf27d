"""Typed text on the rendered page, in Chromium: a display name written as Markdown, with a bare address and an
e-mail address, shows as typed and makes no link (the Markdown source can look safe while Streamlit still links
bare addresses, as a screenshot showed)."""

import shutil

import pytest
from playwright.sync_api import expect

from accounts.roles import Actor, Role
from accounts.users import add_account
from database.connection import open_store
from tests.browser.conftest import open_app, screenshot, serve, sign_in

pytestmark = pytest.mark.browser
NAME = "Jo [Admin](https://evil.example/a) ![](https://evil.example/p.png) www.evil.example jo@evil.example"
PASSWORD = "a long enough password 1"


def test_a_hostile_display_name_makes_no_link_or_image(page, demo_db, tmp_path):
    folder = tmp_path / "server"
    folder.mkdir()
    shutil.copy(demo_db, folder / "demo.duckdb")
    with open_store(folder / "demo.duckdb") as con:
        add_account(con, Actor("setup", Role.ADMIN, "test"), "jo.admin", NAME, Role.ADMIN, PASSWORD)
    with serve(folder) as (url, _process):
        sign_in(page, url, "jo.admin", PASSWORD)
        for path in ("/account", "/audit_log"):
            open_app(page, url + path)
            expect(
                page.get_by_text("(user name jo.admin)").or_(page.get_by_role("heading", name="Audit log"))
            ).to_be_visible()
            assert page.locator('a[href*="evil"], img[src*="evil"]').count() == 0, path
        open_app(page, url + "/account")
        shown = page.get_by_test_id("stMain").get_by_text("(user name jo.admin)").inner_text()
        assert f"You are signed in as {NAME} (user name jo.admin)" in shown.replace("\u2060", "")  # read as typed
        screenshot(page, "typed-text")
