"""A workstream a refreshed plan closes or adds part-way (reported_from, reported_until in the workstreams file): it
is listed and counted only in its months, its actions are shown only then, and a KPI must always be in a
workstream in the plan in the months it is reported."""

import datetime as dt
import re

import pytest

from domain.brag import Status
from domain.catalogue import CatalogueError, parse_catalogue
from domain.months import add_months
from domain.overview import build_overview
from domain.plan import Action, Snapshot
from domain.plan_history import milestones, plan_history
from domain.reporting_period import ReportingPeriod
from domain.scorecard import build_scorecard, stories
from domain.values import ValueIndex
from domain.workstreams import WorkstreamError, load_workstreams, workstreams_in_plan
from tests.domain.test_story import entry, wobble
from tests.domain.test_workstreams import ENTRY, _write

JUNE, JULY = dt.date(2026, 6, 1), dt.date(2026, 7, 1)


@pytest.fixture
def workstreams(tmp_path):
    """WS01 throughout; WS02 closed after June 2026; WS03 opened in July 2026."""
    return load_workstreams(
        _write(
            tmp_path,
            ENTRY.format(code="WS01", name="Front door"),
            ENTRY.format(code="WS02", name="Early help") + 'reported_until = "2026-06"\n',
            ENTRY.format(code="WS03", name="Neglect") + 'reported_from = "2026-07"\n',
        )
    )


def kpis(*entries) -> dict:
    return {"topics": {"t": "Topic"}, "kpi": list(entries)}


def test_a_workstream_is_in_the_plan_only_in_its_months(workstreams):
    assert [ws.code for ws in workstreams_in_plan(workstreams, JUNE)] == ["WS01", "WS02"]
    assert [ws.code for ws in workstreams_in_plan(workstreams, JULY)] == ["WS01", "WS03"]
    assert [ws.code for ws in workstreams_in_plan(workstreams, JULY, ["WS02", "WS03"])] == ["WS03"]
    assert workstreams_in_plan(workstreams, JULY, ["WS02"]) == []  # chosen, and closed: not "all"
    assert workstreams["WS02"].label_with_period == "WS02 Early help (until June 2026)"
    assert workstreams["WS01"].label_with_period == "WS01 Front door"
    assert workstreams["WS02"].not_in_plan_sentence(JULY) == (
        "WS02 Early help is not in the plan in July 2026: it is in the plan until June 2026."
    )


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('reported_until = "June 2026"\n', 'workstream WS01: reported_until must be a month written "YYYY-MM"'),
        (
            'reported_from = "2026-07"\nreported_until = "2026-06"\n',
            "workstream WS01: reported_until must not be before reported_from",
        ),
        ('reported_untill = "2026-06"\n', "workstream WS01: unknown field(s) reported_untill"),
    ],
)
def test_a_mistyped_period_or_field_is_refused_naming_the_workstream(tmp_path, extra, problem):
    with pytest.raises(WorkstreamError, match=re.escape(problem)):
        load_workstreams(_write(tmp_path, ENTRY.format(code="WS01", name="Front door") + extra))


def test_a_kpi_reported_after_its_only_workstream_closes_is_refused(workstreams):
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(kpis(entry("AGENCY") | {"workstreams": ["WS02"]}), workstreams)
    assert "KPI AGENCY: it is reported in July 2026, when none of its workstreams (WS02) is in the plan" in str(
        raised.value
    )


def test_a_kpi_reported_before_its_only_workstream_opens_is_refused(workstreams):
    with pytest.raises(CatalogueError, match=r"KPI NEW: it is reported before July 2026, when none of its"):
        parse_catalogue(kpis(entry("NEW") | {"workstreams": ["WS03"]}), workstreams)
    with pytest.raises(CatalogueError, match=r"KPI NEW: it is reported in May 2026, when none of its"):
        parse_catalogue(kpis(entry("NEW") | {"workstreams": ["WS03"], "reported_from": "2026-05"}), workstreams)


@pytest.mark.parametrize(
    "kpi",
    [
        entry("AGENCY") | {"workstreams": ["WS02", "WS03"]},  # handed from the closed workstream to the new one
        entry("AGENCY") | {"workstreams": ["WS02", "WS01"]},
        entry("AGENCY") | {"workstreams": ["WS02"], "reported_until": "2026-06"},  # dropped with its workstream
        entry("AGENCY") | {"workstreams": ["WS03"], "reported_from": "2026-07"},  # added with its workstream
    ],
)
def test_a_kpi_always_in_a_workstream_in_the_plan_is_accepted(workstreams, kpi):
    assert "AGENCY" in parse_catalogue(kpis(kpi), workstreams).kpis


def test_codes_alone_check_only_that_the_workstreams_exist(workstreams):
    """The loaders and tools that have no plan periods to hand pass the codes: nothing about months is checked."""
    assert parse_catalogue(kpis(entry("AGENCY") | {"workstreams": ["WS02"]}), set(workstreams)).kpis


def test_the_scorecard_and_overview_list_and_count_a_workstream_only_in_its_months(workstreams):
    catalogue = parse_catalogue(
        kpis(
            entry("AGENCY") | {"workstreams": ["WS01", "WS02"]},
            entry("CIC", unit="count", polarity="neither", target=None, decimals=0) | {"workstreams": ["WS02", "WS03"]},
        ),
        workstreams,
    )
    months = [add_months(JUNE, n) for n in range(-12, 2)]
    index = ValueIndex(
        [(c, m, v, None) for c in ("AGENCY", "CIC") for m, v in zip(months, wobble(30.0, 14), strict=True)]
    )
    for month, expected in ((JUNE, ["WS01", "WS02"]), (JULY, ["WS01", "WS03"])):
        rows = build_scorecard(catalogue, workstreams, index, month)
        assert sorted({row.workstream for row in rows}) == expected
        told, before = stories(catalogue, index, month), stories(catalogue, index, add_months(month, -1))
        overview = build_overview(catalogue, workstreams, month, told, before)
        assert [count.workstream.code for count in overview.workstreams] == expected
    assert build_scorecard(catalogue, workstreams, index, JULY, ["WS02"]) == []
    overview = build_overview(catalogue, workstreams, JULY, stories(catalogue, index, JULY), {})
    assert [(c.kind, c.text) for c in overview.changes if c.kind in ("closed", "opened")] == [
        ("closed", "WS02 Early help: closed; its last month in the plan was June 2026"),
        ("opened", "WS03 Neglect: in the plan from this month"),
    ]
    assert "1 workstream closed, 1 workstream added to the plan." in overview.summary


def action(code: str, workstream: str) -> Action:
    return Action(code, workstream, "Do it", "Director", None, None, dt.date(2026, 12, 31), Status.GREEN, None, ())


def test_a_closed_workstreams_actions_are_not_shown_in_a_later_snapshot(workstreams):
    """A log loaded before the plan closed the workstream keeps its actions in the database, not on the pages."""
    actions = (action("WS01-01", "WS01"), action("WS02-01", "WS02"))
    june, july = Snapshot(dt.date(2026, 6, 30), JUNE, actions), Snapshot(dt.date(2026, 7, 31), JULY, actions)
    assert june.within_plan(workstreams) is june
    assert [a.action_id for a in july.within_plan(workstreams).actions] == ["WS01-01"]


def test_a_period_reads_the_same_for_a_kpi_and_a_workstream():
    assert ReportingPeriod(dt.date(2025, 4, 1), JUNE).words == "from April 2025 until June 2026"
    assert ReportingPeriod().words is None
    kpi = parse_catalogue(kpis(entry("AGENCY") | {"reported_from": "2025-04", "reported_until": "2026-06"})).kpis
    assert kpi["AGENCY"].reporting_period == "Reported from April 2025 until June 2026"


def test_an_action_that_left_with_its_closed_workstream_says_so_on_the_timeline(workstreams):
    actions = (action("WS01-01", "WS01"), action("WS02-01", "WS02"))
    june = Snapshot(dt.date(2026, 6, 30), JUNE, actions)
    july = Snapshot(dt.date(2026, 7, 31), JULY, actions).within_plan(workstreams)
    [month] = [m for m in plan_history([june, july], [], None, workstreams) if m.month == JULY]
    assert [(m.kind, m.action.action_id, m.what) for m in month.milestones] == [
        ("removed", "WS02-01", "its workstream closed after June 2026")
    ]
    assert [m.what for m in milestones(july, june, None)] == ["no longer in the action log"]  # not told the plan
