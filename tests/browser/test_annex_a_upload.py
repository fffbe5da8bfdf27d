"""The Annex A journey in a real browser: upload the month's lists, preview the figures worked out from them beside
last month and the typed return, download the pre-filled return, commit, and see the scorecard name the source."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go_to, screenshots_at_each_size, sign_in
from tools.synthetic_annex_a import generate, write_workbook

pytestmark = pytest.mark.browser
OCTOBER = dt.date(2026, 10, 1)  # the demo's last month: its return is loaded, so typed figures sit beside


def test_upload_preview_download_the_prefilled_return_commit_and_the_scorecard_names_the_source(
    page, fresh_app_url, tmp_path, catalogue
):
    made = generate(OCTOBER, 5)
    annex = tmp_path / "annex_a_2026-10.xlsx"
    write_workbook(made, annex)
    sign_in(page, fresh_app_url, "demo.performance")
    go_to(page, "Upload Annex A")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(annex)
    expect(page.get_by_text("Annex A for October 2026")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)  # freed once checked: a new, empty box
    expect(page.get_by_text("Checked annex_a_2026-10.xlsx. The file itself is no longer held")).to_be_visible()
    figures = page.locator(
        "table", has=page.locator("caption", has_text="Figures worked out from annex_a_2026-10.xlsx")
    )
    cp01 = figures.locator("tr", has_text="CP01")
    expect(cp01.locator("td").first).to_have_text(str(made.truth["CP01"]))
    expect(cp01).to_contain_text(re.compile("agrees|differs"))  # beside the figure typed in October's return
    lists = page.locator("table", has=page.locator("caption", has_text="Rows read in each list"))
    expect(lists.locator("tr", has_text="List 1")).to_contain_text(f"{len(made.rows[1]):,}")
    assert "child_id" not in page.content() and made.rows[1][0]["child_id"] not in page.content()  # no child shown

    with page.expect_download() as arrived:
        page.get_by_role("button", name="Download the October 2026 return, pre-filled from these lists").click()
    prefilled = tmp_path / arrived.value.suggested_filename
    arrived.value.save_as(prefilled)
    assert prefilled.name == "monthly_return_2026-10_prefilled.xlsx"
    rows = {
        row[0].value: row for sheet in load_workbook(prefilled).worksheets for row in sheet.iter_rows() if row[0].value
    }
    assert any(c.value == made.truth["CP01"] and c.comment and "Annex A" in c.comment.text for c in rows["CP01"])

    screenshots_at_each_size(page, "annex_a_preview", figures)

    confirm = page.get_by_text("I have checked these warnings and the figures are right")
    if confirm.count():
        confirm.click()
    page.get_by_role("button", name="Load these figures").click()
    expect(page.get_by_text("The lists themselves were not kept.")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Open the scorecard for October 2026").click()
    expect(page.get_by_role("heading", name="Scorecard", level=1)).to_be_visible()
    source = page.get_by_text("Figures for October 2026:")
    expect(source).to_contain_text("figures computed from the Annex A lists (annex_a_2026-10.xlsx, submission")
    expect(source).to_contain_text("figures typed in the monthly return (monthly_return_2026-10.xlsx, submission")
    row = page.locator("tr", has_text="Children on child protection plans").first
    expect(row.locator("td").first).to_have_text(str(made.truth["CP01"]))
    page.screenshot(path=str(ARTIFACTS / "annex_a_scorecard.png"))
