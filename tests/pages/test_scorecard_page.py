"""The scorecard page, rendered by the real app against known data."""

import os

from tests.pages.conftest import all_text, app, html_headings, html_tables, open_page, shown, write_catalogue


def statuses(at) -> dict[tuple[str, str], str]:
    """(table caption's workstream code, KPI code) -> the row's texts, from every scorecard table, without the
    sparkline's column (a slice of one image; its words are tested in tests/ui/test_sparkline.py)."""
    found = {}
    for table in html_tables(at):
        if not table["caption"].startswith("WS"):
            continue
        header, *rows = table["rows"]
        assert header == [
            "KPI", "Latest", "Since last month", "Since last year", "Last 24 months", "Direction", "Target", "Status"
        ]  # fmt: skip
        for row in rows:
            found[(table["caption"][:4], row[0].split()[0])] = row[:4] + row[5:]
    return found


def test_scorecard_renders_latest_month_with_statuses_as_text_and_shape(fixture_app):
    at = open_page("pages/scorecard.py")
    assert not at.exception
    assert at.title[0].value == "Scorecard"
    rows = statuses(at)
    assert set(rows) == {("WS01", "AGENCY"), ("WS01", "CIC"), ("WS02", "CIC"), ("WS02", "VISITS")}
    agency = rows[("WS01", "AGENCY")]
    assert agency[1:] == ["26.0%", "+2.0 pts", "No data", "Too few months", "at most 20.0%", "■ Red"]
    assert "Commentary: Recruitment campaign under way" in agency[0]
    assert rows[("WS02", "VISITS")][-1] == "★ Blue"
    assert rows[("WS02", "CIC")][-1] == "○ Not rated"
    text = all_text(at)
    assert "In October 2026, 2 of 3 KPIs have a target: 1 Blue, 1 Red." in text
    assert "Demonstration data" not in text  # the fixture was uploaded, not demo


def test_month_filter_shows_an_earlier_month(fixture_app):
    at = open_page("pages/scorecard.py")
    at.selectbox(key="month").select("September 2026").run()
    rows = statuses(at)
    assert rows[("WS01", "AGENCY")][1] == "24.0%" and rows[("WS01", "AGENCY")][-1] == "▲ Amber"
    assert rows[("WS02", "VISITS")][-1] == "● Green"  # only two months of history before September
    assert "September 2026" in all_text(at)


def test_month_is_read_from_the_url(fixture_app):
    at = open_page("pages/scorecard.py", {"month": "August 2026"})
    assert statuses(at)[("WS01", "AGENCY")][1] == "24.0%"
    assert "August 2026" in all_text(at)


def test_workstream_filter_limits_the_scorecard(fixture_app):
    at = open_page("pages/scorecard.py")
    at.multiselect(key="workstream").select("WS02 Children in care").run()
    assert set(statuses(at)) == {("WS02", "CIC"), ("WS02", "VISITS")}
    assert html_headings(at) == ["WS02 Children in care"]
    assert "1 of 2 workstreams" in all_text(at)


def test_changing_a_target_in_the_catalogue_changes_the_status_with_no_code_change(fixture_app):
    at = open_page("pages/scorecard.py")
    assert statuses(at)[("WS01", "AGENCY")][-1] == "■ Red"
    path = write_catalogue(fixture_app, agency_target=30.0)
    stamp = path.stat().st_mtime + 5  # an edit made later than the first load, as a person's edit would be
    os.utime(path, (stamp, stamp))
    at = open_page("pages/scorecard.py")
    agency = statuses(at)[("WS01", "AGENCY")]
    assert agency[-2:] == ["at most 30.0%", "★ Blue"]  # 26%, 24%, 24%: better than 30% three months running


def test_a_broken_catalogue_stops_the_app_with_a_message_naming_the_problem(fixture_app):
    path = fixture_app / "kpis.toml"
    path.write_text(path.read_text().replace('polarity = "up"', 'polarity = "sideways"'))
    at = app().run()
    assert not at.exception
    assert "KPI VISITS: polarity 'sideways' is not one of up, down, neither" in shown(at.error[0].value)
    assert not html_tables(at)


def test_demo_data_is_announced_on_the_scorecard(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/scorecard.py", demo=True)
    assert not at.exception
    assert "Demonstration data" in at.info[0].value
    assert "In October 2026" in all_text(at)
    assert len(statuses(at)) >= 46


def test_tag_filter_from_the_url(demo_db, monkeypatch, catalogue):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/scorecard.py", {"tag": "Voice of children and families"}, demo=True)
    codes = {code for _, code in statuses(at)}
    assert codes == {kpi.code for kpi in catalogue if "voice" in kpi.tags} and "QA07" in codes
    assert "all workstreams, KPIs tagged Voice of children and families." in all_text(at)
