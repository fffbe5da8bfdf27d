"""One story per KPI: for every KPI and every demo month, the scorecard, its CSV download, the overview, the
committee pack (its Excel workbook and its PDF) and the KPI trend page give the same figure, changes, direction,
target and status, for members and for the public."""

import io
import re
from html import unescape
from itertools import pairwise

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from database.connection import open_store
from domain.brag import Status
from domain.months import add_months, day_label
from domain.overview import build_overview
from domain.pack import build_pack
from domain.plan import snapshot_to_show
from domain.plan_history import plan_history
from domain.plan_store import snapshots
from domain.scorecard import build_scorecard, stories
from domain.store import current_figures
from domain.suppression import public_index
from domain.values import ValueIndex
from reports.pack_excel import render_xlsx
from reports.pack_pdf import render_pdf
from tests.pages.conftest import all_text, open_page
from ui.exports import scorecard_frame
from ui.overview_view import overview_html


@pytest.fixture(scope="module")
def demo(demo_db, catalogue):
    with open_store(demo_db) as con:
        figures, plan = current_figures(con), snapshots(con)
    return {
        "members": (ValueIndex(figures), plan),
        "public": (public_index(figures, catalogue, 4), [s.for_the_public() for s in plan]),
    }


def pack(catalogue, workstreams, index, plan, month, audience):
    return build_pack(
        catalogue,
        workstreams,
        index,
        month,
        [],
        plan,
        {},
        None,
        [],
        audience=audience,
        council="Herefordshire Council",
        council_label="Herefordshire",
        built_by="test",
        is_demo=True,
    )


def change_shown(change, text):
    """A change as the CSV and Excel hold it: the number, or the words where there is no number."""
    return text if change is None else change


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_order(text: str, parts: list[str]) -> bool:
    """Whether every part appears in `text`, in order, ignoring spaces and line breaks (table cells wrap)."""
    position = 0
    for part in parts:
        found = text.find(squeezed(part), position)
        if found < 0:
            return False
        position = found + len(squeezed(part))
    return True


@pytest.mark.parametrize("audience", ["members", "public"])
def test_every_kpi_in_every_month_reads_the_same_on_the_scorecard_csv_and_both_pack_files(
    demo, catalogue, workstreams, audience
):
    index, plan = demo[audience]
    checked, told = 0, {}
    for month in index.months:
        told_before, told = told, stories(catalogue, index, month)
        rows = build_scorecard(catalogue, workstreams, index, month, told=told)

        # the overview lists exactly the scorecard's Red and Amber KPIs, in the story's words
        overview = build_overview(catalogue, workstreams, month, told, told_before)
        assert {s.kpi.code for s in overview.attention} == {
            r.kpi.code for r in rows if r.status in (Status.RED, Status.AMBER)
        }, month
        shown = unescape(overview_html(overview, {}))
        for story in overview.attention:
            for words in (story.status.text, story.status_reason, story.direction, story.assurance):
                assert words in shown, (month, story.kpi.code, words)
        content = pack(catalogue, workstreams, index, plan, month, audience)
        assert [row.story for row in content.rows] == [row.story for row in rows]  # the pack tells the same story

        csv = scorecard_frame(rows, workstreams, month)
        sheet = load_workbook(io.BytesIO(render_xlsx(content)), read_only=True)["Scorecard"]
        excel = list(sheet.iter_rows(values_only=True))
        headings = list(excel[0])
        assert list(csv.columns) == [h for h in headings if h != "Status symbol"]
        for row, line, cells in zip(rows, csv.to_dict("records"), excel[1:], strict=True):
            story = row.story
            expected = {
                "Code": story.kpi.code,
                "Shown as": story.value_text,
                "Since last month": change_shown(story.change_month, story.change_month_text),
                "Since last year": change_shown(story.change_year, story.change_year_text),
                "Direction": story.direction,
                "Target": story.target_text,
                "Status": story.status.value.label,
            }
            assert {key: line[key] for key in expected} == expected, (month, story.kpi.code)
            assert {key: cells[headings.index(key)] for key in expected} == expected, (month, story.kpi.code)
            checked += 1

        # The PDF is built by the same code every month from the same rows checked above, and rendering and reading
        # it back is most of this test's time (66 of 123 s profiled, reading it twice a year): so it is read for
        # each March and for the newest month, the one members are shown first.
        if month.month == 3 or month == index.months[-1]:
            text = squeezed(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(content))).pages))
            for code in workstreams:
                table = [row for row in rows if row.workstream == code]
                for row in table:
                    story = row.story
                    parts = [
                        story.kpi.code,
                        story.value_text,
                        story.change_month_text,
                        story.change_year_text,
                        story.direction,
                        story.target_text,
                        story.status.text,
                    ]
                    assert in_order(text, parts), (month, story.kpi.code, parts)
    assert checked == len(index.months) * len(rows)


@pytest.mark.parametrize("months_back", [0, 6, 18, 30, 42, 54])
def test_the_kpi_trend_page_tells_each_kpis_story_in_the_same_words(demo_db, demo, catalogue, monkeypatch, months_back):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    index, _ = demo["members"]
    month = index.months[-1 - months_back]
    told = stories(catalogue, index, month)
    label = pd.Timestamp(month).strftime("%B %Y")
    at = open_page("pages/kpi.py", {"month": label}, role=Role.VIEWER, demo=True)
    for kpi in catalogue:
        at.selectbox(key="kpi").set_value(f"{kpi.code} {kpi.title}").run()
        assert not at.exception
        story = told[kpi.code]
        assert story.summary in all_text(at), kpi.code
        facts = next((e.proto.body for e in at.html if "story-facts" in e.proto.body), None)
        if not story.trend.points:  # no figures yet: the summary says so and the page stops there
            assert facts is None and "There are no figures" in story.summary
            continue
        assert story.status.value.label in facts and f"Direction of travel:</strong> {story.direction}" in facts


def test_what_happened_to_the_actions_reads_the_same_on_the_overview_the_timeline_and_the_pack(
    demo, catalogue, workstreams
):
    """For every month of the demo action log: the overview's slipped and completed actions, the Timeline's month
    and the pack's list since the log before name the same actions in the same words."""
    index, plan = demo["members"]
    history = {m.month: m for m in plan_history(plan, [], None)}
    for before, snapshot in pairwise(plan):
        month = snapshot.month
        timeline = history[month].milestones if month in history else []
        told, told_before = stories(catalogue, index, month), stories(catalogue, index, add_months(month, -1))
        overview = build_overview(catalogue, workstreams, month, told, told_before, [], snapshot, before)
        on_overview = [(c.kind, c.subject, c.what) for c in overview.changes if c.kind in ("slipped", "completed")]
        assert on_overview == [
            (
                m.kind,
                f"Action {m.action.action_id} ({m.action.workstream})",
                m.what if m.kind == "slipped" else f"completed ({m.what})",
            )
            for m in timeline
            if m.kind in ("slipped", "completed")
        ], month
        if month in index.months:
            in_pack = pack(catalogue, workstreams, index, plan, month, "members")
            assert list(in_pack.plan_changes) == timeline and in_pack.plan_since == before.as_at, month


def test_an_action_log_newer_than_the_newest_figures_shows_in_the_pack_as_on_the_overview(
    demo_db, catalogue, workstreams
):
    """An action log is often loaded before the month's return. With figures up to September and the log as at
    October, the overview and the Workstreams page show the October log beside September's KPIs (the newest with
    figures); the pack for September shows the same log and says its date, not the September one."""
    with open_store(demo_db) as con:
        figures, plan = current_figures(con), snapshots(con)
    newest_log = plan[-1]
    index = ValueIndex(row for row in figures if row[1] < newest_log.month)
    month = index.months[-1]
    assert month < newest_log.month
    on_overview = snapshot_to_show(plan, month, index.months[-1])
    assert on_overview is newest_log
    content = pack(catalogue, workstreams, index, plan, month, "members")
    assert content.snapshot is on_overview
    assert content.plan_since == plan[-2].as_at
    assert f"Action log as at {day_label(newest_log.as_at)}" in " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(content))).pages
    )
    earlier = pack(catalogue, workstreams, index, plan, add_months(month, -1), "members")
    assert earlier.snapshot is snapshot_to_show(plan, add_months(month, -1), month)
    assert earlier.snapshot.month <= add_months(month, -1)  # an earlier month keeps its own log
