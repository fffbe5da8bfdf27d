"""The KPI trend and Timeline pages, rendered by the real app."""

import datetime as dt
import re
import shutil

from accounts.roles import Role
from database.connection import open_store
from domain import rebasing
from domain.store import current_figures
from domain.values import ValueIndex
from tests.actors import officer
from tests.pages.conftest import all_text, html_headings, html_tables, open_page


def test_kpi_page_shows_summary_chart_table_and_definition(fixture_app):
    at = open_page("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate"})
    assert at.header[0].value == "Agency social worker rate"
    text = all_text(at)
    summary = (
        "Agency social worker rate was 26.0% in October 2026: up 2.0 points on September 2026. Direction of travel: "
        "too few months. Statistical process control needs at least 13 months with a figure. The status is Red: "
        "26.0% against a target of at most 20.0%, 6.0 points worse, more than the 5.0-point tolerance."
    )
    assert summary in text
    chart = next(e.proto.body for e in at.html if "trend-chart" in e.proto.body)
    assert f'alt="Chart of Agency social worker rate by month. {summary}' in chart
    table = next(t for t in html_tables(at) if "by month" in t["caption"])
    assert [row[:3] for row in table["rows"][1:]] == [
        ["October 2026", "26.0%", "■ Red"],
        ["September 2026", "24.0%", "▲ Amber"],
        ["August 2026", "24.0%", "▲ Amber"],
    ]
    assert at.get("download_button")[0].proto.label == "Download this table (CSV)"


def test_each_figure_says_where_it_comes_from_to_members_and_not_to_the_public(fixture_app):
    """Every figure traces back to its upload: the file, the cell and the submission, newest first as the table."""
    member = open_page("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate"})
    header, *rows = next(t for t in html_tables(member) if "by month" in t["caption"])["rows"]
    assert header[-1] == "Where the figure comes from"
    for row, month, submission in zip(rows, ("2026-10", "2026-09", "2026-08"), (3, 2, 1), strict=True):
        place = r"'Caseloads and workforce'![A-Z]+[0-9]+:[A-Z]+[0-9]+"  # its numerator's and denominator's cells
        assert re.fullmatch(rf"return_{month}\.xlsx {place} Submission {submission}, .+", row[-1]), row[-1]
    public = open_page("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate"}, role=None)
    header = next(t for t in html_tables(public) if "by month" in t["caption"])["rows"][0]
    assert "Where the figure comes from" not in header
    assert not [e for e in public.html if ".xlsx" in e.proto.body] and ".xlsx" not in all_text(public)


def test_kpi_list_follows_the_workstream_filter(fixture_app):
    at = open_page("pages/kpi.py", {"workstream": "WS02 Children in care"})
    assert at.selectbox(key="kpi").options == ["CIC Children in care", "VISITS Visits in time"]


def test_timeline_lists_the_events_in_order(fixture_app):
    at = open_page("pages/timeline.py")
    rows = html_tables(at)[0]["rows"][1:]
    assert rows[0][0] == "19 July 2022" and rows[0][1].startswith("Ofsted inspection")
    assert [r[0][-4:] for r in rows] == sorted(r[0][-4:] for r in rows)


def test_kpi_page_shows_published_comparisons_with_their_source(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/kpi.py", {"kpi": "CIC02 Children in care per 10,000 children"}, demo=True)
    table = next(t for t in html_tables(at) if "published annual figures" in t["caption"])
    header, *rows = table["rows"]
    assert header[:4] == ["Reference date", "Herefordshire", "England", "West Midlands"]
    row_2023 = next(r for r in rows if r[0] == "31 March 2023")
    assert row_2023[1:3] == ["122 per 10k", "70 per 10k"]
    assert row_2023[5] == "highest quarter of its statistical neighbours"
    assert "Open Government Licence" in all_text(at)


def test_voice_page_shows_surveys_with_sample_sizes_complaints_and_statements(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/voice.py", demo=True)
    text = all_text(at)
    assert "In October 2026" in text and "children and young people who answered said yes" in text
    assert "parents and carers who answered said yes" in text
    complaints = next(t for t in html_tables(at) if t["caption"].startswith("Complaints and compliments"))
    assert complaints["rows"][0] == ["Month", "Stage 1", "Stage 2", "Stage 3", "Ombudsman", "Compliments"]
    quotes = "".join(element.proto.body for element in at.html)
    assert "The assessment was quick and the social worker explained every step to us." in quotes
    assert "(not for the public view)" in quotes


def test_the_voice_pages_complaints_sentence_is_the_packs(demo_db, monkeypatch, catalogue):
    from domain.voice import voice_lines

    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/voice.py", demo=True)
    with open_store(demo_db) as con:
        index = ValueIndex(current_figures(con))
    told = voice_lines(catalogue, index, dt.date(2026, 10, 1))[-1]
    assert told.startswith("In the 12 months to October 2026: ") and " stage 1 complaints, " in told
    assert told in all_text(at)


def test_voice_page_for_a_catalogue_without_surveys_or_complaints_says_so(fixture_app):
    at = open_page("pages/voice.py")
    text = all_text(at)
    assert "The KPI catalogue has no survey of children or of parents and carers." in text
    assert "The KPI catalogue has no count of complaints or compliments." in text


def test_voice_page_statements_follow_the_workstream_filter(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/voice.py", {"workstream": "WS06 Care leavers"}, demo=True)
    quotes = "".join(element.proto.body for element in at.html)
    assert "personal adviser helped me" in quotes and "The assessment was quick" not in quotes


def test_voice_page_before_the_first_survey_says_so_and_draws_no_chart(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/voice.py", {"month": "April 2021"}, demo=True)  # before the surveys began
    assert "No survey results yet." in all_text(at)
    assert not [e for e in at.html if 'class="svg-chart' in e.proto.body]
    quotes = "".join(element.proto.body for element in at.html)
    assert "Complaints and compliments" in all_text(at) + quotes


def test_a_recorded_re_basing_shows_in_the_kpis_story_and_history_and_members_get_no_form(
    demo_db, tmp_path, monkeypatch, catalogue
):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    with open_store(db) as con:
        index = ValueIndex(current_figures(con))
        rebasing.record_rebase(
            con, officer("j.smith"), catalogue["WF01"], index, dt.date(2023, 4, 1), "Caseload cap with the new teams"
        )
    viewer = open_page(
        "pages/kpi.py", {"kpi": "WF01 Average caseload per case-holding social worker"}, Role.VIEWER, True
    )
    text = all_text(viewer)
    assert "The limits were re-based from April 2023 by the performance team, after" in text
    assert "Dark dashed vertical lines: limits re-based from April 2023: Caseload cap" in text  # the chart's key
    history = next(t for t in html_tables(viewer) if t["caption"] == "WF01 re-basings of the limits, newest first")
    assert history["rows"][1][:2] == ["April 2023", "Caseload cap with the new teams"]
    assert history["rows"][1][4] == "In force"
    assert all("Re-base" not in e.proto.label for e in viewer.get("expander"))
    public = open_page("pages/kpi.py", {"kpi": "WF01 Average caseload per case-holding social worker"}, None, True)
    assert "Caseload cap" not in all_text(public) and not [
        t for t in html_tables(public) if "re-basings" in t["caption"]
    ]


def test_a_repeated_page_view_opens_no_database(fixture_app, monkeypatch):
    """Once a page has been seen, seeing it again reads everything from the caches: opening the database (and
    checking its tables) on every view cost the trend page 40 ms on its re-basings list alone."""
    import database.connection

    opened = []
    real_connect = database.connection.connect
    monkeypatch.setattr(database.connection, "connect", lambda *a, **k: opened.append(a) or real_connect(*a, **k))
    pages = ["pages/overview.py", "pages/scorecard.py", "pages/kpi.py", "pages/workstreams.py"]
    for path in pages:
        open_page(path, {"kpi": "AGENCY Agency social worker rate"}, role=Role.PERFORMANCE)
    opened.clear()
    for path in pages:
        open_page(path, {"kpi": "AGENCY Agency social worker rate"}, role=Role.PERFORMANCE)
        assert opened == [], f"{path} opened the database on a repeated view"


def test_only_the_performance_team_is_told_where_the_events_are_kept(fixture_app):
    team = all_text(open_page("pages/timeline.py", role=Role.PERFORMANCE))
    assert "The performance team keeps the list, below or in `data/events.toml`." in team
    for role in (None, Role.VIEWER, Role.DIRECTOR):
        text = all_text(open_page("pages/timeline.py", role=role))
        assert "The performance team keeps the list." in text and "events.toml" not in text


def _plan_history(at) -> str:
    return "".join(e.proto.body for e in at.html if 'class="plan-history"' in e.proto.body)


def test_timeline_shows_the_plan_month_by_month_newest_first_with_links_to_workstreams(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/timeline.py", demo=True)
    assert "The improvement plan month by month" in [h.value for h in at.header]
    months = html_headings(at)
    assert months[:3] == ["October 2026", "September 2026", "August 2026"]
    assert months[-1] == "July 2022"  # the inspection, before the first action log
    body = _plan_history(at)
    assert "Action WS10-02</a> Joint commissioning of therapies with health (● Green to ▲ Amber)<" in body
    assert 'href="workstreams?open=WS10+Special+educational' in body
    assert "Procurement paused while health budgets are set." in body  # the officer's update, for members
    assert "<summary>Show the " in body  # the earlier months one click away


def test_the_plan_month_by_month_follows_the_workstream_filter(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page(
        "pages/timeline.py", {"workstream": "WS07 Workforce: recruitment, retention and caseloads"}, demo=True
    )
    body = _plan_history(at)
    assert "Action WS07-" in body and "Action WS10-" not in body and "Action WS05-" not in body
    assert "Ofsted inspection" in body  # events are the whole programme's
    assert html_headings(at)[0] == "July 2026"  # WS07's latest change; later months changed other workstreams


def test_the_public_see_the_plan_month_by_month_without_officers_updates(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    body = _plan_history(open_page("pages/timeline.py", role=None, demo=True))
    assert "Action WS10-02" in body and "Procurement paused" not in body
