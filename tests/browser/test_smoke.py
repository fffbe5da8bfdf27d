"""Smoke test in a real browser: the scorecard opens on demo data, statuses read as text, filters reach the URL."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, go_to, open_app, screenshot

pytestmark = pytest.mark.browser


def test_scorecard_opens_on_demo_data_with_readable_statuses(page, app_url):
    open_app(page, f"{app_url}/scorecard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard")
    expect(page.get_by_text("Demonstration data.")).to_be_visible()
    expect(page.locator("table caption").first).to_contain_text("KPIs for October 2026")
    for badge in ("★ Blue", "● Green", "▲ Amber", "■ Red", "○ Not rated"):
        expect(page.locator("span.status", has_text=badge).first).to_be_visible()
    assert page.title() == "Scorecard · Children's services improvement dashboard"
    screenshot(page, "scorecard")


def test_filters_are_kept_in_the_url_and_a_shared_link_opens_the_same_view(page, app_url, catalogue):
    workstream = "workstream=WS07+Workforce%3A+recruitment%2C+retention+and+caseloads"
    open_app(page, f"{app_url}/scorecard?{workstream}&month=March+2023")
    expect(page.get_by_role("heading", level=3)).to_have_text(["WS07 Workforce: recruitment, retention and caseloads"])
    expect(page.locator("table caption")).to_have_text(
        ["WS07 Workforce: recruitment, retention and caseloads: KPIs for March 2023"]
    )
    agency = page.locator("tr", has_text="Agency social worker rate")
    expect(agency).to_contain_text("■ Red")

    go_to(page, "Definitions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Definitions")
    expect(page).to_have_url(re.compile(r"/definitions\?.*workstream=WS07"))
    in_workstream = sum("WS07" in kpi.workstreams for kpi in catalogue)
    expect(page.get_by_text(f"{in_workstream} of {len(catalogue)} KPIs in the chosen workstreams.")).to_be_visible()
    assert page.title() == "Definitions · Children's services improvement dashboard"
    expect(page.get_by_role("combobox", name="Month")).to_have_count(0)  # Definitions shows every month's definition

    go_to(page, "Accessibility statement")  # a page no filter changes shows none
    expect(page.get_by_role("heading", name="Filters")).to_have_count(0)
    go_to(page, "Scorecard")  # and the choices come back with the filters
    expect(page).to_have_url(re.compile(r"workstream=WS07.*month=March\+2023|month=March\+2023.*workstream=WS07"))
    expect(page.locator("table caption")).to_have_text(
        ["WS07 Workforce: recruitment, retention and caseloads: KPIs for March 2023"]
    )


def test_a_kpi_on_the_scorecard_opens_its_trend_with_chart_summary_and_table(page, app_url):
    open_app(page, f"{app_url}/scorecard?month=March+2023")
    page.get_by_role("link", name="Agency social worker rate").first.click()
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.get_by_role("heading", level=2, name="Agency social worker rate")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/kpi\?.*kpi=WF03"))
    expect(page.get_by_text("Agency social worker rate was")).to_be_visible()  # in March 2023
    chart = page.locator(".trend-chart img")
    expect(chart).to_be_visible()
    assert chart.get_attribute("alt").startswith("Chart of Agency social worker rate by month. Agency social worker")
    assert chart.evaluate("img => img.naturalWidth") > 0  # the drawing loaded
    page.get_by_text("View as a table").click()
    expect(
        page.locator("table", has=page.locator("caption", has_text="WF03 Agency social worker rate by month"))
        .locator("tbody tr")
        .first
    ).to_contain_text("March 2023")
    screenshot(page, "kpi-trend")
