"""Checking an annual return in a real browser: the SSDA903 tables (several CSV files at once) and the CIN census,
each giving the year's measures beside the published and March figures; the census's kept, and shown on History."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go_to, screenshots_at_each_size, sign_in
from tools.synthetic_cin import census_xml
from tools.synthetic_cin import generate as generate_cin
from tools.synthetic_ssda903 import generate, write_tables

pytestmark = pytest.mark.browser
YEAR_END = dt.date(2025, 3, 31)  # a published year, and a demo month: both figures to set beside


def test_the_ssda903_tables_and_the_census_give_the_years_measures_beside_the_published_and_march_figures(
    page, fresh_app_url, tmp_path
):
    app_url = fresh_app_url  # the measures are kept at the end: a server of its own
    made = generate(YEAR_END, 31)
    files = write_tables(made, tmp_path / "903")
    sign_in(page, app_url, "demo.performance")
    go_to(page, "Check an annual return")
    expect(page.get_by_text("No child's details are kept.")).to_be_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(list(files.values()))
    page.get_by_role("button", name=f"Check these {len(files)} tables").click()  # the tables are checked together
    expect(page.get_by_text("SSDA903 (children looked after) for the year to 31 March 2025")).to_be_visible(
        timeout=60_000
    )
    measures = page.locator("table", has=page.locator("caption", has_text="Measures for the year to 31 March 2025"))
    cic01 = measures.locator("tr", has_text="CIC01")
    expect(cic01.locator("td").first).to_have_text(f"{made.truth['CIC01']:,}")
    expect(cic01.locator("td").nth(1)).not_to_have_text("No data")  # the DfE's figure for 2025
    expect(cic01.locator("td").nth(2)).not_to_have_text("No data")  # the demo's March 2025 figure
    expect(cic01.locator("td").nth(3)).to_contain_text("ublished figure is")  # in words, too
    expect(page.get_by_text("CIC06: needs the start of each child's period of care", exact=False)).to_be_visible()
    screenshots_at_each_size(page, "annual_return", measures)

    page.get_by_text("Children in need census (XML)").click()
    expect(page.get_by_text("The census XML file")).to_be_visible()  # the census's own upload box, drawn
    census = tmp_path / "cin.xml"
    cin = generate_cin(YEAR_END, 32, children=300)
    census.write_bytes(census_xml(cin))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(census)
    expect(page.get_by_text("Children in need census for the year to 31 March 2025")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)  # freed once checked: a new, empty box
    expect(page.get_by_text("Checked cin.xml. The file itself is no longer held")).to_be_visible()
    fd02 = page.locator("table", has=page.locator("caption", has_text="from cin.xml")).locator("tr", has_text="FD02")
    expect(fd02.locator("td").first).to_have_text(f"{cin.truth['FD02']:,}")

    page.get_by_role("button", name="Keep these measures").click()
    expect(page.get_by_text("The files themselves were not kept.")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)  # a new, empty box: the files are not read again
    expect(page.get_by_text("These files are kept already")).to_have_count(0)
    go_to(page, "History")
    kept = page.locator("table", has=page.locator("caption", has_text="Children in need census, year to 31 March 2025"))
    expect(kept.locator("tr", has_text="FD02").locator("td").first).to_have_text(f"{cin.truth['FD02']:,}")
    kept.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "history_annual_returns.png"))
