"""Scorecard rows, changes, grouping, filtering and summary, from a small table of known values."""

import datetime as dt

import pandas as pd
import pytest

from domain.brag import Status
from domain.catalogue import parse_catalogue
from domain.scorecard import build_scorecard, status_counts, summary_sentence
from domain.values import ValueIndex
from domain.workstreams import Workstream

WORKSTREAMS = {
    "WS01": Workstream("WS01", "Workforce", "d", "Director"),
    "WS02": Workstream("WS02", "Children in care", "d", "Director"),
}
CATALOGUE = parse_catalogue(
    {
        "topics": {"t": "Topic"},
        "kpi": [
            {
                "code": "AGENCY",
                "title": "Agency rate",
                "description": "d",
                "topic": "t",
                "unit": "percent",
                "decimals": 1,
                "polarity": "down",
                "target": 20.0,
                "tolerance": 5.0,
                "workstreams": ["WS01"],
                "source": "s",
            },
            {
                "code": "CIC",
                "title": "Children in care",
                "description": "d",
                "topic": "t",
                "unit": "count",
                "decimals": 0,
                "polarity": "neither",
                "workstreams": ["WS02", "WS01"],
                "source": "s",
            },
            {
                "code": "VISITS",
                "title": "Visits in time",
                "description": "d",
                "topic": "t",
                "unit": "percent",
                "decimals": 1,
                "polarity": "up",
                "target": 90.0,
                "tolerance": 5.0,
                "workstreams": ["WS02"],
                "source": "s",
                "tags": ["timeliness"],
            },
        ],
        "tags": {"timeliness": "Timeliness: on time"},
    }
)
OCT, SEP, AUG, OCT_LAST_YEAR = (dt.date(2026, 10, 1), dt.date(2026, 9, 1), dt.date(2026, 8, 1), dt.date(2025, 10, 1))


def known_index() -> ValueIndex:
    """Three KPIs over August to October 2026, with last year's October for AGENCY."""
    rows = [
        ("AGENCY", OCT, 26.0, "Recruitment campaign under way"),
        ("AGENCY", SEP, 24.0, None),
        ("AGENCY", OCT_LAST_YEAR, 30.0, None),
        ("CIC", OCT, 340.0, None),
        ("CIC", SEP, 344.0, None),
        ("VISITS", OCT, 95.0, None),
        ("VISITS", SEP, 94.0, None),
        ("VISITS", AUG, 93.0, None),
    ]
    return ValueIndex.from_frame(pd.DataFrame(rows, columns=["kpi_code", "month", "value", "commentary"]))


@pytest.fixture
def index():
    return known_index()


def test_rows_follow_workstream_then_catalogue_order_and_repeat_shared_kpis(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, OCT)
    assert [(r.workstream, r.kpi.code) for r in rows] == [
        ("WS01", "AGENCY"),
        ("WS01", "CIC"),
        ("WS02", "CIC"),
        ("WS02", "VISITS"),
    ]


def test_row_contents(index):
    agency, cic, _, visits = build_scorecard(CATALOGUE, WORKSTREAMS, index, OCT)
    assert agency.value_text == "26.0%"
    assert agency.change_month_text == "+2.0 pts"
    assert agency.change_year_text == "−4.0 pts"
    assert agency.direction == "Too few months"  # 3 months: too few for SPC, whatever last month did
    assert agency.target_text == "at most 20.0%"
    assert agency.status is Status.RED
    assert agency.commentary == "Recruitment campaign under way"
    assert cic.status is Status.NOT_RATED and cic.direction == "Too few months" and cic.target_text == "Context measure"
    assert cic.change_year_text == "No data"
    assert visits.status is Status.BLUE


def test_an_earlier_month_is_judged_on_its_own_history(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, SEP, selected=["WS01"])
    agency = rows[0]
    assert agency.value_text == "24.0%" and agency.status is Status.AMBER and agency.change_month_text == "No data"


def test_month_without_figures_shows_no_data_never_zero(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, dt.date(2026, 11, 1))
    assert {r.value_text for r in rows} == {"No data"}
    assert rows[0].status is Status.NO_DATA


def test_workstream_filter(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, OCT, selected=["WS02"])
    assert {r.workstream for r in rows} == {"WS02"}
    assert [r.kpi.code for r in rows] == ["CIC", "VISITS"]


def test_status_counts_count_each_kpi_once_and_summary_reads_plainly(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, OCT)
    counts = status_counts(rows)
    assert counts[Status.NOT_RATED] == 1 and counts[Status.RED] == 1 and counts[Status.BLUE] == 1
    assert summary_sentence(rows, OCT) == (
        "In October 2026, 2 of 3 KPIs have a target: 1 Blue, 1 Red. 1 is a context measure, not rated."
    )
    assert summary_sentence([], OCT) == "No KPIs match the chosen workstreams for October 2026."


def test_tag_filter(index):
    rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, OCT, tags=["timeliness"])
    assert [(r.workstream, r.kpi.code) for r in rows] == [("WS02", "VISITS")]


def test_the_summary_counts_targets_from_the_catalogue_not_from_what_the_public_may_see():
    """A context measure hidden as a small number was counted as having a target: "35 of 49" to the public
    beside "34 of 49" to members."""
    suppressed = ValueIndex(
        [("AGENCY", OCT, 26.0, None), ("CIC", OCT, None, None), ("VISITS", OCT, None, None)], {("CIC", OCT)}
    )
    text = summary_sentence(build_scorecard(CATALOGUE, WORKSTREAMS, suppressed, OCT), OCT)
    assert text.startswith("In October 2026, 2 of 3 KPIs have a target: 1 Red.")
    assert "1 has no figure this month." in text  # not "1 have"
    assert "1 is a small number, not shown in the public view." in text
    assert "1 is a context measure, not rated." in text
