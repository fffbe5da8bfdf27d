"""A director's journey on the Workstreams page, in a real browser on the demo data."""

import pytest
from playwright.sync_api import expect

from database.connection import open_store
from domain.brag import Status
from domain.plan import previous_snapshot, snapshot_for
from domain.plan_store import snapshots
from domain.store import current_rows
from domain.values import ValueIndex
from domain.workstream_progress import most_red, workstream_progress
from tests.browser.conftest import READY, go_to, open_app, screenshot, sign_in

pytestmark = pytest.mark.browser


def expected_answer(demo_db, catalogue, workstreams):
    """The answer worked out by the domain layer from the same demo data the app loads."""
    with open_store(demo_db) as con:
        history, index = snapshots(con), ValueIndex(current_rows(con))
    month = index.months[-1]
    snapshot = snapshot_for(history, month)
    previous = previous_snapshot(history, snapshot)
    progress = [workstream_progress(ws, snapshot, previous, catalogue, index, month) for ws in workstreams.values()]
    return most_red(progress)


def test_two_clicks_find_the_most_off_track_workstream_the_measures_needing_attention_and_their_owners(
    page, app_url, demo_db, catalogue, workstreams
):
    worst = expected_answer(demo_db, catalogue, workstreams)
    assert worst is not None and worst.needing_attention, "the demo should have a workstream with Red actions"

    sign_in(page, app_url, "demo.director")
    open_app(page, app_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")  # the landing page
    go_to(page, "Workstreams")  # click 1
    red = worst.counts[Status.RED]
    expect(page.get_by_text(f"Most off-track actions: {worst.workstream.label} ({red})")).to_be_visible()
    overview = page.locator("table", has=page.locator("caption", has_text="Workstreams: actions by BRAG status"))
    overview.get_by_role("link", name=worst.workstream.name, exact=True).click()  # click 2
    page.wait_for_selector(READY)
    expect(page.get_by_role("heading", name=worst.workstream.label, level=2)).to_be_visible()
    expect(page.get_by_text(f"Senior responsible officer: {worst.workstream.owner}")).to_be_visible()
    worse = page.locator("li", has_text="Actions meant to move it")
    expect(worse).to_have_count(len([m for m in worst.needing_attention if m.actions]))
    for measure in worst.needing_attention:
        item = page.locator("li", has_text=f"{measure.kpi.code} {measure.kpi.title}")
        expect(item).to_be_visible()
        for action in measure.actions:
            expect(item).to_contain_text(f"{action.action_id} (lead: {action.lead_officer or action.senior_officer})")
    actions = page.locator("table", has=page.locator("caption", has_text=f"{worst.workstream.code} actions as at"))
    expect(actions.locator("tbody tr")).to_have_count(len(worst.actions))
    expect(actions.locator("tbody tr").first).to_contain_text("Red: off track")
    screenshot(page, "workstreams_drill_down")
