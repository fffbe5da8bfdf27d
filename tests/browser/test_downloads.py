"""Every download in a real browser: what arrives is the file the page promises, matching what is on screen."""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app, sign_in

pytestmark = pytest.mark.browser


def download(page: Page, button: str, tmp_path: Path) -> Path:
    """Click a download button; the file as saved under the name the app gives it."""
    with page.expect_download() as arrived:
        page.get_by_role("button", name=button).click()
    saved = tmp_path / arrived.value.suggested_filename
    arrived.value.save_as(saved)
    return saved


def column_a(path: Path) -> set[str]:
    workbook = load_workbook(path, read_only=True)
    return {
        str(row[0]).strip()
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(max_col=1, values_only=True)
        if row and row[0] is not None
    }


def test_the_kpi_trend_csv_holds_the_figures_in_the_pages_table(page, app_url, tmp_path):
    sign_in(page, app_url, "demo.viewer")
    open_app(page, f"{app_url}/kpi?kpi=WF03+Agency+social+worker+rate&month=October+2026")
    saved = download(page, "Download this table (CSV)", tmp_path)
    assert saved.name == "WF03_by_month.csv"
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:3] == ["Month", "Agency social worker rate", "Status"]
    page.get_by_text("View as a table").click()
    table = page.locator("table", has=page.locator("caption", has_text="WF03 Agency social worker rate by month"))
    shown = table.locator("tbody tr")
    expect(shown.first).to_be_visible()
    assert shown.count() == len(rows)  # one row per month, on screen and in the file
    october = next(r for r in rows if r["Month"] == "October 2026")
    cells = shown.filter(has_text="October 2026").locator("td")  # the month is the row's heading, not a cell
    assert cells.nth(0).inner_text().rstrip("%") == f"{float(october['Agency social worker rate']):.1f}"  # "15.9%"
    assert cells.nth(1).inner_text() == october["Status"]
    source = october["Where the figure comes from"]  # the figure traced to its upload and cell
    place = r"'[^']+'![A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?"  # 'Caseloads and workforce'!E7:F7: numerator and denominator
    parts = re.fullmatch(
        rf"(monthly_return_2026-10\.xlsx), ({place}) \(submission ([0-9]+), ([0-9]+ \w+ [0-9]{{4}})\)", source
    )
    assert parts, source
    file_name, cell, submission, day = parts.groups()
    assert cells.last.inner_text().splitlines() == [file_name, cell, f"Submission {submission}, {day}"]  # on screen


def template(page: Page, app_url: str, upload_page: str, button: str, tmp_path: Path) -> Path:
    """The performance team downloads a blank template from an upload page."""
    sign_in(page, app_url, "demo.performance")
    open_app(page, f"{app_url}/{upload_page}")
    return download(page, button, tmp_path)


def test_the_monthly_return_template_lists_every_kpi_in_the_catalogue(page, app_url, catalogue, tmp_path):
    path = template(page, app_url, "upload", "Download the blank template", tmp_path)
    assert path.name == "monthly_return_template.xlsx"
    workbook = load_workbook(path)
    assert "Cover" in workbook.sheetnames
    assert set(catalogue.topics.values()) <= set(workbook.sheetnames)
    assert {kpi.code for kpi in catalogue} <= column_a(path)


def test_the_action_log_template_offers_every_workstream(page, app_url, workstreams, tmp_path):
    path = template(page, app_url, "upload_action_log", "Download the blank action log template", tmp_path)
    assert path.name == "action_log_template.xlsx"
    workbook = load_workbook(path)
    assert {"Cover", "Action log", "Lists"} <= set(workbook.sheetnames)
    lists = {str(cell) for row in workbook["Lists"].iter_rows(values_only=True) for cell in row if cell}
    assert all(any(code in entry for entry in lists) for code in workstreams)
