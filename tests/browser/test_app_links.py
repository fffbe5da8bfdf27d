"""Links in the dashboard's tables open their page inside the running app, as the menu does: no reload, the filters
kept, Back and Forward working, and a Ctrl-click still opening a new tab."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, go_to, open_app, sign_in

pytestmark = pytest.mark.browser

WS07 = "WS07 Workforce: recruitment, retention and caseloads"


def same_document(page) -> bool:
    return page.evaluate("() => window.markedBeforeClicking === true")


def test_a_kpi_link_opens_inside_the_app_with_the_filters_and_back_returns(page, app_url):
    workstream = "workstream=WS07+Workforce%3A+recruitment%2C+retention+and+caseloads"
    open_app(page, f"{app_url}/scorecard?{workstream}&month=March+2023")
    page.evaluate("() => { window.markedBeforeClicking = true; }")
    page.get_by_role("link", name="Agency social worker rate").click()
    expect(page.get_by_role("heading", level=2, name="Agency social worker rate")).to_be_visible()
    page.wait_for_selector(READY)
    expect(page).to_have_url(re.compile(r"/kpi\?.*kpi=WF03"))
    assert page.title() == "KPI trend · Children's services improvement dashboard"
    expect(page.get_by_role("combobox", name="Month")).to_have_value("March 2023")
    expect(page.locator(".trend-chart img")).to_have_attribute("alt", re.compile(r"was [\d.]+% in March 2023: "))
    assert same_document(page), "the link reloaded the browser instead of changing page inside the app"
    expect(page.get_by_role("heading", level=1)).to_be_focused()  # where a reload would start a screen reader

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard")
    expect(page.locator("table caption")).to_have_text([f"{WS07}: KPIs for March 2023"])
    page.go_forward()
    expect(page.get_by_role("heading", level=2, name="Agency social worker rate")).to_be_visible()
    assert same_document(page)


def test_workstream_and_kpi_links_on_the_workstreams_page_open_inside_the_app(page, app_url):
    sign_in(page, app_url, "demo.director")
    open_app(page, app_url)
    go_to(page, "Workstreams")
    page.evaluate("() => { window.markedBeforeClicking = true; }")
    overview = page.locator("table", has=page.locator("caption", has_text="Workstreams: actions by BRAG status"))
    overview.get_by_role("link", name="Workforce: recruitment, retention and caseloads", exact=True).click()
    expect(page.get_by_role("heading", level=2, name=WS07)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/workstreams\?.*open=WS07"))
    page.wait_for_selector(READY)
    detail = page.get_by_role("heading", level=2, name=WS07)
    expect(detail).to_be_focused()  # the opened workstream's detail, not the top of the page
    expect(detail).to_be_in_viewport()
    impact = page.locator("table", has=page.locator("caption", has_text="WS07"))
    impact.get_by_role("link", name="Agency social worker rate").first.click()
    expect(page.get_by_role("heading", level=2, name="Agency social worker rate")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/kpi\?.*kpi=WF03"))
    assert same_document(page)


def test_a_ctrl_click_still_opens_the_kpi_in_a_new_tab(page, app_url):
    open_app(page, f"{app_url}/scorecard?month=March+2023")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Agency social worker rate").click(modifiers=["Control"])
    new_tab = opened.value
    new_tab.wait_for_load_state()
    assert re.search(r"/kpi\?.*kpi=WF03", new_tab.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard")  # this tab stays where it was
    new_tab.close()
