"""Committee packs in a real browser: a director builds one; members and the public download their versions."""

import io
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import open_app, screenshot, sign_in
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def download(page, name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=name).click()
    return Path(download.value.path()).read_bytes()


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_a_director_builds_the_pack_and_the_public_get_only_the_public_version(page, fresh_app_url):
    sign_in(page, fresh_app_url, "demo.director")
    open_app(page, f"{fresh_app_url}/packs?month=October+2026")
    page.get_by_role("button", name="Build and store the pack").click()
    expect(page.get_by_text("Stored pack 1 (members) and pack 2 (public) for October 2026.")).to_be_visible(
        timeout=60_000
    )
    screenshot(page, "packs-built")
    page.get_by_test_id("stSelectbox").filter(has_text="Pack to download").click()
    page.get_by_role("option", name="Pack 1: October 2026, members").click()
    uploads = len(list((ROOT / "data" / "demo").glob("monthly_return_*.xlsx"))) + 1  # and October's action log
    expect(page.get_by_text(f"Pack 1 was built from {uploads} uploads")).to_be_visible()  # the page ran again
    members = pdf_text(download(page, "Download the PDF"))
    assert "performance pack for October 2026" in members and "Members (every figure)" in members
    assert download(page, "Download the Excel workbook")[:2] == b"PK"
    with page.expect_download() as members_pdf:
        page.get_by_role("button", name="Download the PDF").click()
    assert httpx.get(members_pdf.value.url, timeout=30).status_code == 404  # its address replayed signed out

    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible()
    open_app(page, f"{fresh_app_url}/packs")
    expect(page.get_by_role("button", name="Build and store the pack")).to_have_count(0)
    stored = page.locator("table", has=page.locator("caption", has_text="Stored packs"))
    expect(stored.locator("tbody tr")).to_have_count(1)
    expect(stored).to_contain_text("Public (small numbers suppressed)")
    public = pdf_text(download(page, "Download the PDF"))
    assert "Public (small numbers suppressed)" in public and "c Not shown" in public
