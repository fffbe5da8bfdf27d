"""The overview: each KPI counted once, Red before Amber, what changed since last month (colour, targets newly met
or missed, new special causes, slipped actions) and a summary saying the same."""

import datetime as dt

from domain.brag import Status
from domain.catalogue import parse_catalogue
from domain.months import add_months
from domain.overview import build_overview
from domain.plan import Action, Snapshot
from domain.scorecard import stories
from domain.values import ValueIndex
from domain.workstreams import Workstream
from tests.domain.test_story import entry, wobble

START = dt.date(2024, 1, 1)
WORKSTREAMS = {
    "WS01": Workstream("WS01", "Front door", "Referrals.", "Director A"),
    "WS02": Workstream("WS02", "Workforce", "Staff.", "Director B"),
}


def kpi(code, workstreams=("WS01",), **kwargs):
    return entry(code, **kwargs) | {"workstreams": list(workstreams)}


CATALOGUE = parse_catalogue(
    {
        "topics": {"t": "Topic"},
        "kpi": [
            kpi("RED", workstreams=("WS01", "WS02")),  # target at most 20%, tolerance 2
            kpi("AMBER"),
            kpi("GREEN", workstreams=("WS02",)),
            kpi("CONTEXT", unit="count", polarity="neither", target=None, decimals=0),
        ],
    }
)


def overview_of(series: dict[str, list[float]], **kwargs):
    rows = [(code, add_months(START, n), v, None) for code, values in series.items() for n, v in enumerate(values)]
    index = ValueIndex(rows)
    month = add_months(START, len(next(iter(series.values()))) - 1)
    before = add_months(month, -1)
    return build_overview(
        CATALOGUE, WORKSTREAMS, month, stories(CATALOGUE, index, month), stories(CATALOGUE, index, before), **kwargs
    )


STEADY = {
    "RED": wobble(30.0, 24),
    "AMBER": wobble(21.0, 24, 0.2),
    "GREEN": wobble(15.0, 24),
    "CONTEXT": wobble(300.0, 24, 5),
}


def test_red_comes_before_amber_and_a_kpi_of_two_workstreams_is_counted_in_each_but_listed_once():
    overview = overview_of(STEADY)
    assert [s.kpi.code for s in overview.attention] == ["RED", "AMBER"]
    counts = {w.workstream.code: w.counts for w in overview.workstreams}
    assert counts["WS01"][Status.RED] == 1 and counts["WS02"][Status.RED] == 1
    assert counts["WS01"][Status.NOT_RATED] == 1 and counts["WS02"][Status.BLUE] == 1
    assert overview.summary.startswith(
        "In " + "December 2025, of 3 KPIs with a target and a figure, 1 Red and 1 Amber need attention (1 Blue)."
    )


def test_a_chosen_workstream_limits_every_part():
    overview = overview_of(STEADY, selected=["WS02"])
    assert [w.workstream.code for w in overview.workstreams] == ["WS02"]
    assert [s.kpi.code for s in overview.attention] == ["RED"]
    assert "of 2 KPIs with a target and a figure, 1 Red needs attention (1 Blue)." in overview.summary


def test_a_target_newly_met_or_missed_and_a_change_of_colour_are_told_apart():
    series = dict(STEADY)
    series["AMBER"] = [*wobble(21.0, 23, 0.2), 19.5]  # Amber to Green: newly met
    series["GREEN"] = [*wobble(15.0, 23), 21.0]  # Blue to Amber: newly missed
    series["RED"] = [*wobble(30.0, 23), 21.5]  # Red to Amber: still missed, another colour
    overview = overview_of(series)
    found = {(c.kind, c.kpi.code if c.kpi else None): c.what for c in overview.changes}
    assert found[("met", "AMBER")] == "▲ Amber to ● Green (target now met)"
    assert found[("missed", "GREEN")] == "★ Blue to ▲ Amber (target now missed)"
    assert found[("colour", "RED")] == "■ Red to ▲ Amber (changed colour)"
    assert "Since November 2025: 1 target newly met, 1 target newly missed, 1 other status changed colour" in (
        overview.summary
    )


def test_a_new_special_cause_is_told_once_in_its_first_month():
    series = dict(STEADY)
    series["CONTEXT"] = [*wobble(300.0, 23, 5), 400.0]  # far above the limits: higher than usual
    overview = overview_of(series)
    assert [(c.kind, c.what) for c in overview.changes if c.kpi.code == "CONTEXT"] == [
        ("special", "higher than usual (a new special cause)")
    ]
    series["CONTEXT"] = [*wobble(300.0, 22, 5), 400.0, 410.0]  # the second month above: no longer new
    assert not [c for c in overview_of(series).changes if c.kpi.code == "CONTEXT"]


def action(action_id, status, due=dt.date(2026, 12, 31), workstream="WS01"):
    return Action(action_id, workstream, "Do it", "SRO", None, None, due, status, None, ())


def test_actions_that_got_worse_or_fell_overdue_have_slipped_and_complete_ones_are_completed():
    due = dt.date(2025, 12, 15)
    before = Snapshot(
        dt.date(2025, 11, 28),
        dt.date(2025, 11, 1),
        tuple(action(n, Status.GREEN, *extra) for n, *extra in (("A1",), ("A2", due), ("A3", due), ("B1",))),
    )
    now = Snapshot(
        dt.date(2025, 12, 29),
        dt.date(2025, 12, 1),
        (
            action("A1", Status.AMBER),
            action("A2", Status.GREEN, due=due),
            action("A3", Status.BLUE, due=due),  # complete: not overdue
            action("B1", Status.RED, workstream="WS02"),  # another workstream's
        ),
    )
    overview = overview_of(STEADY, selected=["WS01"], snapshot=now, previous_snapshot=before)
    assert [c.text for c in overview.changes if c.kind == "slipped"] == [
        "Action A1 (WS01): ● Green to ▲ Amber",
        "Action A2 (WS01): now past its due date of 15 December 2025",
    ]
    assert [c.text for c in overview.changes if c.kind == "completed"] == ["Action A3 (WS01): completed (was ● Green)"]
    assert "Since November 2025: 2 actions slipped, 1 action completed." in overview.summary


def test_a_quiet_month_says_so():
    overview = overview_of(STEADY)
    assert overview.changes == []
    assert overview.summary.endswith(
        "Nothing changed colour since November 2025, no special cause is new, and no action slipped or was completed."
    )
