"""The Workstreams page and the action log upload page, rendered by the real app against fixture data with known
answers: WS01 (Workforce) has two Red actions, one overdue, and its impact measure AGENCY rose (24% to 26%, lower is
better) to Red; with three months of figures there are too few for a direction of travel."""

import datetime as dt

import pytest

from accounts.roles import Role
from database.connection import open_store
from domain.brag import Status
from domain.catalogue import load_catalogue
from domain.plan import Action
from domain.workstreams import load_workstreams
from loaders.action_log_ingest import ingest_action_log
from loaders.action_log_writer import write_action_log
from tests.actors import officer
from tests.pages.conftest import all_text, app, html_tables


def plan(september: bool) -> list[Action]:
    recruit = Status.AMBER if september else Status.RED
    return [
        Action(
            "WS01-01",
            "WS01",
            "Recruit permanent social workers",
            "Director of Workforce",
            "Head of HR",
            dt.date(2025, 1, 1),
            dt.date(2026, 6, 30),
            recruit,
            40.0,
            ("AGENCY",),
            "Offers made.",
        ),
        Action(
            "WS01-02",
            "WS01",
            "Market supplement",
            "Director of Workforce",
            None,
            dt.date(2025, 1, 1),
            dt.date(2026, 12, 31),
            Status.RED,
            20.0,
            ("AGENCY",),
            None,
        ),
        Action(
            "WS01-03",
            "WS01",
            "Caseload cap",
            "Director of Workforce",
            None,
            None,
            dt.date(2025, 12, 31),
            Status.BLUE,
            100.0,
            (),
            None,
        ),
        Action(
            "WS02-01",
            "WS02",
            "Visiting tracker",
            "Director of Corporate Parenting",
            "Team manager",
            dt.date(2025, 1, 1),
            dt.date(2026, 3, 31),
            Status.BLUE,
            100.0,
            ("VISITS",),
            None,
        ),
    ]


@pytest.fixture
def plan_app(fixture_app):
    catalogue = load_catalogue(fixture_app / "kpis.toml")
    workstreams = load_workstreams(fixture_app / "workstreams.toml")
    with open_store(fixture_app / "fixture.duckdb") as con:
        for as_at, september in ((dt.date(2026, 9, 30), True), (dt.date(2026, 10, 31), False)):
            path = fixture_app / f"plan_{as_at:%Y-%m}.xlsx"
            write_action_log(path, catalogue, workstreams, as_at, plan(september))
            ingest_action_log(con, path, catalogue, workstreams, officer("tester"), confirm_warnings=True)
    return fixture_app


def open_workstreams(**query):
    at = app()
    at.run()
    at.switch_page("pages/workstreams.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_the_overview_counts_actions_and_gives_each_workstream_a_verdict(plan_app):
    at = open_workstreams()
    assert at.title[0].value == "Improvement plan workstreams"
    overview = next(t for t in html_tables(at) if t["caption"].startswith("Workstreams: actions by BRAG status"))
    header, ws01, ws02 = overview["rows"]
    assert header[1:7] == [
        "■ Red (off track)",
        "▲ Amber (at risk)",
        "● Green (on track)",
        "★ Blue (complete)",
        "Overdue",
        "Worse than last snapshot",
    ]
    assert ws01[1:7] == ["2", "0", "0", "1", "1", "1"]
    assert ws01[7] == "1 of 3 actions complete, 2 off track, 1 overdue; 0 of 1 impact measure improving, 1 Red."
    assert ws02[7] == "1 of 1 action complete; 0 of 1 impact measure improving."  # too few months to judge
    text = all_text(at)
    assert "Most off-track actions: WS01 Workforce (2)" in text
    assert "1 action worsened since the snapshot of 30 September 2026" in text


def test_opening_a_workstream_shows_the_measures_needing_attention_and_who_owns_them(plan_app):
    at = open_workstreams(open="WS01 Workforce")
    text = all_text(at)
    assert "Senior responsible officer:** Director of Workforce" in text
    assert (
        "**AGENCY Agency social worker rate**: 26.0%, ■ Red, direction of travel: too few months. Actions meant to "
        "move it: WS01-01 (lead: Head of HR); WS01-02 (lead: Director of Workforce)."
    ) in text
    impact = next(t for t in html_tables(at) if t["caption"] == "WS01 impact measures, October 2026")
    assert impact["rows"][1][:4] == ["AGENCY Agency social worker rate", "26.0%", "Too few months", "■ Red"]
    actions = next(t for t in html_tables(at) if t["caption"].startswith("WS01 actions as at 31 October 2026"))
    assert [row[0] for row in actions["rows"][1:]] == ["WS01-01", "WS01-02", "WS01-03"]  # Red, soonest due first
    assert actions["rows"][1][6] == "Overdue (due 30 Jun 2026); Worse since 30 Sep 2026: was Amber"
    (timeline,) = [link.proto for link in at.get("page_link")]
    assert timeline.label == "What happened to WS01's actions month by month, on the Timeline"
    assert timeline.page == "timeline" and timeline.query_string == "workstream=WS01+Workforce"


def test_the_month_filter_chooses_the_snapshot(plan_app):
    at = open_workstreams()
    at.selectbox(key="month").set_value("September 2026").run()
    overview = next(t for t in html_tables(at) if t["caption"].startswith("Workstreams: actions by BRAG status"))
    assert overview["rows"][1][1:3] == ["1", "1"]  # one Red, one Amber in September
    assert "Action log as at **30 September 2026**" in all_text(at)


def test_the_status_chart_has_a_table_and_a_summary(plan_app):
    at = open_workstreams()
    table = next(t for t in html_tables(at) if t["caption"] == "Actions by BRAG status in each snapshot, newest first")
    assert table["rows"][1] == ["31 October 2026", "2", "0", "0", "2", "4"]
    assert (
        "The first snapshot (30 September 2026) had 4 actions, 2 complete and 1 off track. By 31 October 2026 "
        "there were 4: 2 complete, 0 on track, 0 at risk and 2 off track."
    ) in all_text(at)


def test_without_an_action_log_the_page_says_how_to_load_one(fixture_app):
    at = open_workstreams()
    assert "No action log has been loaded" in at.warning[0].value


def test_the_action_log_upload_page_offers_its_template(fixture_app):
    at = app(Role.PERFORMANCE)
    at.run()
    at.switch_page("pages/upload_action_log.py").run()
    assert not at.exception
    assert at.title[0].value == "Upload the improvement plan's action log"
    assert at.get("download_button")[0].proto.label == "Download the blank action log template"
    rules = next(t for t in html_tables(at) if t["caption"] == "Every check made on an action log")
    codes = [row[0] for row in rules["rows"][1:]]
    assert "ACTION_STATUS_UNKNOWN" in codes and "KPI_MISSING" not in codes


def test_an_action_log_shows_as_soon_as_it_is_loaded_beside_the_newest_figures(plan_app):
    """A log as at 30 November, loaded before November's return: shown at once, with October's KPIs, saying so."""
    catalogue = load_catalogue(plan_app / "kpis.toml")
    workstreams = load_workstreams(plan_app / "workstreams.toml")
    path = plan_app / "plan_2026-11.xlsx"
    write_action_log(path, catalogue, workstreams, dt.date(2026, 11, 30), plan(september=False))
    with open_store(plan_app / "fixture.duckdb") as con:
        ingest_action_log(con, path, catalogue, workstreams, officer("tester"), confirm_warnings=True)
    at = open_workstreams()
    assert (
        "Action log as at **30 November 2026**; KPIs for **October 2026**, the latest month with figures "
        "(November 2026's return is not loaded yet)."
    ) in all_text(at)
    at.selectbox(key="month").set_value("September 2026").run()  # an earlier month keeps its own snapshot
    assert "Action log as at **30 September 2026**; KPIs for **September 2026**." in all_text(at)
