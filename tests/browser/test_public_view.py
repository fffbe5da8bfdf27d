"""The public view in a real browser: a small number is "c" on screen and in the downloaded CSV."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app, screenshot, sign_in

pytestmark = pytest.mark.browser
QA02 = "Case audits rated inadequate"  # 1 of 40 audits in the demo's October 2026: hidden from the public


def scorecard_csv(page) -> list[dict]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this scorecard (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_public_see_c_on_the_scorecard_and_in_its_csv(page, app_url):
    open_app(page, f"{app_url}/?month=October+2026")
    row = page.locator("tr", has_text=QA02)
    expect(row).to_contain_text("c Not shown")
    expect(row.locator("td").first).to_have_text("c")
    expect(page.get_by_text("Public view.", exact=True)).to_be_visible()
    screenshot(page, "public-scorecard")
    exported = next(r for r in scorecard_csv(page) if r["Code"] == "QA02")
    assert (exported["Value"], exported["Shown as"], exported["Status"]) == ("c", "c", "Not shown")
    assert all(not r["Commentary"] for r in scorecard_csv(page))


def test_signed_in_members_see_the_figure(page, app_url):
    sign_in(page, app_url, "demo.viewer")
    open_app(page, f"{app_url}/?month=October+2026")
    expect(page.locator("tr", has_text=QA02).locator("td").first).to_have_text("2.5%")
    exported = next(r for r in scorecard_csv(page) if r["Code"] == "QA02")
    assert exported["Value"] == "2.5"
