"""A KPI reported only from or until a month is listed, counted and shown only in those months: the scorecard, the
overview, a workstream's impact measures and the figures every page reads all follow Kpi.reported_in."""

import datetime as dt

from domain.brag import Status
from domain.catalogue import parse_catalogue
from domain.months import add_months
from domain.overview import build_overview
from domain.plan import Action, Snapshot
from domain.scorecard import build_scorecard, stories, summary_sentence
from domain.suppression import public_index
from domain.values import ValueIndex, reported_figures
from domain.workstream_progress import workstream_progress
from domain.workstreams import Workstream
from tests.domain.test_story import entry, wobble

START = dt.date(2024, 1, 1)
LAST_OF_DROPPED, FIRST_OF_ADDED = dt.date(2025, 3, 1), dt.date(2025, 4, 1)
WORKSTREAMS = {"WS01": Workstream("WS01", "Front door", "Referrals.", "Director A")}
CATALOGUE = parse_catalogue(
    {
        "topics": {"t": "Topic"},
        "tags": {"impact": "Impact"},
        "kpi": [
            entry("KEPT") | {"tags": ["impact"]},
            entry("DROPPED") | {"reported_until": "2025-03", "tags": ["impact"]},
            entry("ADDED") | {"reported_from": "2025-04", "tags": ["impact"]},
        ],
    }
)
MONTHS = [add_months(START, n) for n in range(24)]  # January 2024 to December 2025
ROWS = [
    (code, month, value, None) for code in CATALOGUE.kpis for month, value in zip(MONTHS, wobble(30.0, 24), strict=True)
]


def test_the_figures_shown_are_those_of_the_months_each_kpi_is_reported_in():
    shown = reported_figures([*ROWS, ("GONE", START, 1.0, None)], CATALOGUE)
    months = {code: [m for c, m, *_ in shown if c == code] for code in ("KEPT", "DROPPED", "ADDED", "GONE")}
    assert months["KEPT"] == MONTHS
    assert months["DROPPED"] == [m for m in MONTHS if m <= LAST_OF_DROPPED]
    assert months["ADDED"] == [m for m in MONTHS if m >= FIRST_OF_ADDED]
    assert months["GONE"] == [START]  # a code the catalogue no longer has is no page's business, and harmless


def test_the_scorecard_lists_and_counts_a_kpi_only_in_the_months_it_is_reported_in():
    index = ValueIndex(reported_figures(ROWS, CATALOGUE))
    for month, listed in [(LAST_OF_DROPPED, ["KEPT", "DROPPED"]), (FIRST_OF_ADDED, ["KEPT", "ADDED"])]:
        rows = build_scorecard(CATALOGUE, WORKSTREAMS, index, month)
        assert [row.kpi.code for row in rows] == listed
        assert summary_sentence(rows, month).startswith(f"In {month:%B %Y}, 2 of 2 KPIs have a target")


def test_the_overview_counts_and_lists_only_the_kpis_reported_that_month():
    index = ValueIndex(reported_figures(ROWS, CATALOGUE))
    month = FIRST_OF_ADDED
    told, before = stories(CATALOGUE, index, month), stories(CATALOGUE, index, add_months(month, -1))
    overview = build_overview(CATALOGUE, WORKSTREAMS, month, told, before)
    assert sum(overview.workstreams[0].counts.values()) == 2
    assert Status.NO_DATA not in overview.workstreams[0].counts  # DROPPED is not "no figure": it is not reported
    assert [s.kpi.code for s in overview.attention] == ["KEPT", "ADDED"]  # both Red at 30% against 20%


def test_a_workstreams_impact_measures_are_those_reported_that_month():
    index = ValueIndex(reported_figures(ROWS, CATALOGUE))
    action = Action("WS01-01", "WS01", "Do it", "Director A", None, None, START, Status.GREEN, 50.0, ("DROPPED",))
    snapshot = Snapshot(FIRST_OF_ADDED, FIRST_OF_ADDED, (action,))
    progress = workstream_progress(WORKSTREAMS["WS01"], snapshot, None, CATALOGUE, index, FIRST_OF_ADDED)
    assert [m.kpi.code for m in progress.impact] == ["KEPT", "ADDED"]
    before = workstream_progress(WORKSTREAMS["WS01"], snapshot, None, CATALOGUE, index, LAST_OF_DROPPED)
    assert [m.kpi.code for m in before.impact] == ["KEPT", "DROPPED"]


def test_a_figure_held_and_no_longer_shown_still_counts_when_the_public_view_hides_small_numbers():
    """TOTAL = PART_A + PART_B. PART_B is dropped after March 2025, but April's figure was loaded before that: were
    it left out of the suppression, the public could work out its small number as TOTAL - PART_A."""
    counts = {"unit": "count", "polarity": "neither", "target": None, "decimals": 0}
    catalogue = parse_catalogue(
        {
            "topics": {"t": "Topic"},
            "kpi": [
                entry("TOTAL", **counts),
                entry("PART_A", **counts),
                entry("PART_B", **counts) | {"reported_until": "2025-03"},
            ],
            "sum": [{"total": "TOTAL", "parts": ["PART_A", "PART_B"]}],
        }
    )
    april = FIRST_OF_ADDED
    rows = [
        (code, april, value, None, None, None, False) for code, value in (("TOTAL", 30), ("PART_A", 28), ("PART_B", 2))
    ]
    public = public_index(rows, catalogue, threshold=4)
    assert not public.has("PART_B", april)  # not reported in April
    assert public.is_suppressed("PART_A", april) and public.value("PART_A", april) is None
    assert public.value("TOTAL", april) == 30


def test_the_overview_says_which_kpis_the_plan_dropped_or_added_since_last_month():
    index = ValueIndex(reported_figures(ROWS, CATALOGUE))
    month = FIRST_OF_ADDED  # DROPPED's last month was March 2025, ADDED's first is April
    told, before = stories(CATALOGUE, index, month), stories(CATALOGUE, index, add_months(month, -1))
    overview = build_overview(CATALOGUE, WORKSTREAMS, month, told, before)
    measures = [(c.kind, c.text) for c in overview.changes if c.kind in ("dropped", "added")]
    assert measures == [
        ("dropped", "DROPPED DROPPED title: no longer reported; its last month was March 2025"),
        ("added", "ADDED ADDED title: reported from this month"),
    ]
    assert "Since March 2025: 1 KPI no longer reported, 1 KPI newly reported." in overview.summary
    may = build_overview(
        CATALOGUE, WORKSTREAMS, add_months(month, 1), stories(CATALOGUE, index, add_months(month, 1)), told
    )
    assert not [c for c in may.changes if c.kind in ("dropped", "added")]  # said once, in the month it happened
