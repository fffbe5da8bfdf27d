"""The public view in a real browser: a small number is "c" on screen and in the downloaded CSV."""

import csv
import io
import re
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
    open_app(page, f"{app_url}/scorecard?month=October+2026")
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
    open_app(page, f"{app_url}/scorecard?month=October+2026")
    expect(page.locator("tr", has_text=QA02).locator("td").first).to_have_text("2.5%")
    exported = next(r for r in scorecard_csv(page) if r["Code"] == "QA02")
    assert exported["Value"] == "2.5"


def chart_labels(page) -> list[str]:
    """What the trend chart's points can show (on hover, focus or a tap) and announce: each point's text and name
    (month, figure, status, SPC)."""
    chart = page.locator(".trend-chart")
    chart.locator("img").wait_for(timeout=60_000)
    texts = "e => [e.getAttribute('data-tip'), e.getAttribute('aria-label')]"
    return chart.evaluate(f"c => Array.from(c.querySelectorAll('.spot')).flatMap({texts})")


def test_the_public_chart_and_table_hold_no_hidden_figure(page, app_url):
    kpi_page = f"{app_url}/kpi?kpi=QA02+Case+audits+rated+inadequate&month=October+2026"
    open_app(page, kpi_page)
    labels = chart_labels(page)
    assert [label for label in labels if re.match(r"[A-Z][a-z]+ 20\d\d: \d", label)]  # shown months have points
    assert not [label for label in labels if "October 2026" in label]  # no point, so no title, for the hidden one
    page.get_by_text("View as a table").click()
    row = page.locator("tr", has_text="October 2026").first
    expect(row.locator("td").first).to_have_text("c")
    sign_in(page, app_url, "demo.viewer")
    open_app(page, kpi_page)
    assert any(label.startswith("October 2026: 2.5%, ") for label in chart_labels(page))
