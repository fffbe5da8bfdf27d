"""A workstream the refreshed plan has closed (reported_until in the workstreams file): the pages about a month list
it only in its months and say so when it is chosen; a KPI left in no workstream in the plan stops the app with
words saying what to fix."""

import re

import pytest

from tests.pages.conftest import all_text, html_headings, html_tables, open_page, shown

WS02 = "WS02 Children in care"


def changes(at) -> list[str]:
    """The overview's "Changed since" items, as HTML."""
    body = next(h.proto.body for h in at.html if 'id="changes-h"' in h.proto.body)
    return re.findall(r"<li>(.*?)</li>", body.split('id="changes-h"')[1], re.S)


@pytest.fixture
def ws02_closed_after_september(fixture_app):
    """WS02 closes after September 2026; VISITS, until then WS02's alone, is handed to WS01 as well."""
    workstreams = fixture_app / "workstreams.toml"
    workstreams.write_text(workstreams.read_text() + 'reported_until = "2026-09"\n')
    kpis = fixture_app / "kpis.toml"
    text = kpis.read_text()
    kpis.write_text(text.replace('workstreams = ["WS02"]\n', 'workstreams = ["WS02", "WS01"]\n'))
    return fixture_app


def test_the_scorecard_lists_a_closed_workstream_only_up_to_its_last_month(ws02_closed_after_september):
    october = open_page("pages/scorecard.py", {"month": "October 2026"})
    september = open_page("pages/scorecard.py", {"month": "September 2026"})
    assert html_headings(october) == ["WS01 Workforce"]
    assert html_headings(september) == ["WS01 Workforce", WS02]
    assert "In October 2026, 2 of 3 KPIs have a target" in all_text(october)  # every KPI still counted once


def test_choosing_a_closed_workstream_says_why_nothing_is_listed(ws02_closed_after_september):
    at = open_page("pages/scorecard.py", {"month": "October 2026", "workstream": WS02})
    assert [shown(i.value) for i in at.info] == [
        f"{WS02} is not in the plan in October 2026: it is in the plan until September 2026. Choose another month "
        "or workstream."
    ]
    assert html_headings(at) == []
    assert "0 of 1 workstreams" in all_text(at)


def test_the_overview_counts_a_closed_workstream_only_up_to_its_last_month(ws02_closed_after_september):
    def counted(month: str) -> list[str]:
        at = open_page("pages/overview.py", {"month": month})
        table = next(t for t in html_tables(at) if t["caption"].startswith("KPIs by workstream"))
        return [row[0] for row in table["rows"][1:]]

    assert counted("October 2026") == ["Workforce"]
    assert counted("September 2026") == ["Workforce", "Children in care"]


def test_the_overview_says_in_the_month_after_its_last_that_a_workstream_closed(ws02_closed_after_september):
    closed = f"{WS02}: closed; its last month in the plan was September 2026"
    october = open_page("pages/overview.py", {"month": "October 2026"})
    assert closed in [re.sub(r"<[^>]+>", "", item) for item in changes(october)]
    assert "1 workstream closed." in all_text(october)
    assert not any("closed" in item for item in changes(open_page("pages/overview.py", {"month": "September 2026"})))


def test_a_kpi_left_in_no_workstream_in_the_plan_stops_the_app_saying_what_to_fix(fixture_app):
    workstreams = fixture_app / "workstreams.toml"
    workstreams.write_text(workstreams.read_text() + 'reported_until = "2026-09"\n')  # VISITS is WS02's alone
    at = open_page("pages/scorecard.py")
    assert [t.value for t in at.title] == ["Configuration problem"] and len(at.error) == 1
    assert "KPI VISITS: it is reported in October 2026, when none of its workstreams (WS02) is in the plan" in shown(
        at.error[0].value
    )


def test_the_definitions_list_every_workstream_with_its_owner_and_months_in_the_plan(ws02_closed_after_september):
    at = open_page("pages/definitions.py")
    table = next(t for t in html_tables(at) if t["caption"] == "Improvement plan workstreams")
    assert table["rows"][1:] == [
        ["WS01 Workforce A stable workforce.", "Director of Workforce", "Throughout", "3"],
        ["WS02 Children in care Stable homes.", "Director of Corporate Parenting", "Until September 2026", "2"],
    ]
