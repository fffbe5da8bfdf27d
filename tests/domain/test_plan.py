"""The improvement plan's computations on small fixtures with known answers: overdue actions, status changes between
snapshots, comparing snapshots for the upload preview, and the activity-vs-impact verdict."""

import datetime as dt

import pytest

from domain.brag import Status
from domain.months import add_months
from domain.plan import (
    Action,
    Snapshot,
    change_summary,
    compare_actions,
    counts_over_time,
    is_overdue,
    previous_snapshot,
    progress_sentence,
    snapshot_for,
    snapshot_to_show,
    worsened,
)
from domain.values import ValueIndex
from domain.workstream_progress import impact_kpis, most_red, plan_summary, workstream_progress

AS_AT = dt.date(2026, 10, 31)


def action(
    action_id="WS07-01", status=Status.GREEN, due=dt.date(2026, 12, 31), workstream="WS07", kpis=("WF03",), percent=50.0
) -> Action:
    return Action(
        action_id,
        workstream,
        "An action",
        "Director of Workforce",
        "Lead",
        dt.date(2025, 1, 1),
        due,
        status,
        percent,
        kpis,
    )


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (Status.GREEN, dt.date(2026, 10, 30), True),  # due the day before the snapshot
        (Status.RED, dt.date(2026, 10, 30), True),
        (Status.AMBER, AS_AT, False),  # due on the snapshot's own date is not yet overdue
        (Status.GREEN, dt.date(2026, 11, 1), False),
        (Status.BLUE, dt.date(2025, 1, 1), False),  # complete actions are never overdue
    ],
)
def test_overdue_means_past_due_on_the_snapshot_date_and_not_complete(status, due, expected):
    assert is_overdue(action(status=status, due=due), AS_AT) is expected


def test_worsened_finds_only_actions_whose_status_got_worse():
    before = Snapshot(
        dt.date(2026, 9, 30),
        dt.date(2026, 9, 1),
        (
            action("A", Status.GREEN),
            action("B", Status.AMBER),
            action("C", Status.RED),
            action("D", Status.BLUE),
            action("E", Status.AMBER),
        ),
    )
    now = [
        action("A", Status.AMBER),
        action("B", Status.RED),
        action("C", Status.AMBER),
        action("D", Status.GREEN),
        action("E", Status.AMBER),
        action("F", Status.RED),
    ]  # F is new: not a change
    changes = worsened(now, before)
    assert [(c.action.action_id, c.before, c.action.status) for c in changes] == [
        ("A", Status.GREEN, Status.AMBER),
        ("B", Status.AMBER, Status.RED),
        ("D", Status.BLUE, Status.GREEN),
    ]
    assert worsened(now, None) == []


def test_snapshots_are_chosen_by_month():
    first = Snapshot(dt.date(2026, 8, 31), dt.date(2026, 8, 1), ())
    second = Snapshot(dt.date(2026, 10, 15), dt.date(2026, 10, 1), ())
    assert snapshot_for([first, second], dt.date(2026, 9, 1)) is first
    assert snapshot_for([first, second], dt.date(2026, 10, 1)) is second
    assert snapshot_for([first, second], dt.date(2026, 7, 1)) is None
    assert previous_snapshot([first, second], second) is first and previous_snapshot([first, second], first) is None


def test_on_the_newest_month_the_latest_snapshot_shows_even_if_it_is_for_a_later_month():
    first = Snapshot(dt.date(2026, 9, 30), dt.date(2026, 9, 1), ())
    second = Snapshot(dt.date(2026, 11, 30), dt.date(2026, 11, 1), ())  # loaded before November's return
    october = dt.date(2026, 10, 1)
    assert snapshot_to_show([first, second], october, newest_month=october) is second
    assert snapshot_to_show([first, second], dt.date(2026, 9, 1), newest_month=october) is first
    assert snapshot_to_show([], october, newest_month=october) is None


def test_comparing_snapshots_names_new_changed_unchanged_and_removed_actions():
    before = [action("A", Status.GREEN), action("B", Status.GREEN), action("C", Status.AMBER)]
    after = [action("A", Status.GREEN), action("B", Status.RED), action("D", Status.GREEN)]
    changes = compare_actions(before, after)
    assert [(c.action_id, c.kind, c.status_changed) for c in changes] == [
        ("A", "unchanged", False),
        ("B", "changed", True),
        ("D", "new", False),
        ("C", "removed", False),
    ]
    assert change_summary(changes) == "1 new, 1 changed, 1 unchanged, 1 removed. 1 action changes BRAG status."


class FakeCatalogue:
    """Just enough of the catalogue: iteration over KPIs in order."""

    def __init__(self, kpis):
        self.kpis = {k.code: k for k in kpis}

    def __iter__(self):
        return iter(self.kpis.values())


@pytest.fixture
def small_catalogue(catalogue):
    return FakeCatalogue([catalogue["WF03"], catalogue["WF04"], catalogue["WF05"], catalogue["CP03"]])


def test_the_verdict_counts_actions_and_impact_measures(catalogue, workstreams, small_catalogue):
    # Against a baseline of 20 months, then 8 months shifted: WF03 agency rate (down is better) 30 -> 25 improves;
    # WF04 vacancy rate (down) 20 -> 30 worsens; WF05 stays within its limits.
    months = [add_months(dt.date(2026, 10, 1), -n) for n in range(27, -1, -1)]
    wobble = [(n % 3 - 1) * 0.5 for n in range(28)]
    index = ValueIndex(
        [("WF03", m, (30.0 if n < 20 else 25.0) + w, None) for n, (m, w) in enumerate(zip(months, wobble, strict=True))]
        + [
            ("WF04", m, (20.0 if n < 20 else 30.0) + w, None)
            for n, (m, w) in enumerate(zip(months, wobble, strict=True))
        ]
        + [("WF05", m, 12.0 + w, None) for m, w in zip(months, wobble, strict=True)]
    )
    actions = (
        action("A", Status.BLUE, kpis=("WF03",), percent=100),
        action("B", Status.BLUE, kpis=("WF03",)),
        action("C", Status.RED, due=dt.date(2026, 6, 30), kpis=("WF04",)),
        action("D", Status.GREEN, kpis=("WF05", "WF04")),
        action("X", Status.RED, workstream="WS04"),
    )
    snapshot = Snapshot(AS_AT, dt.date(2026, 10, 1), actions)
    previous = Snapshot(dt.date(2026, 9, 30), dt.date(2026, 9, 1), (action("C", Status.AMBER),))
    progress = workstream_progress(
        workstreams["WS07"], snapshot, previous, small_catalogue, index, dt.date(2026, 10, 1)
    )
    assert [a.action_id for a in progress.actions] == ["A", "B", "C", "D"]
    assert [a.action_id for a in progress.overdue] == ["C"]
    assert [c.action.action_id for c in progress.worsened] == ["C"]
    assert [(m.kpi.code, m.direction) for m in progress.impact] == [
        ("WF03", "Improving"),
        ("WF04", "Worsening"),
        ("WF05", "No significant change"),
    ]
    assert [a.action_id for a in progress.impact[1].actions] == ["C", "D"]
    assert progress.verdict == (
        "2 of 4 actions complete, 1 off track, 1 overdue; 1 of 3 impact measures improving, 1 worsening, 1 Red."
    )


def test_the_verdict_of_a_workstream_with_no_actions_or_no_impact_measures(workstreams, small_catalogue):
    empty = workstream_progress(workstreams["WS03"], None, None, small_catalogue, ValueIndex([]), dt.date(2026, 10, 1))
    assert empty.verdict == "No actions in the action log; no impact measures linked."
    snapshot = Snapshot(AS_AT, dt.date(2026, 10, 1), (action("A", Status.GREEN, workstream="WS03", kpis=()),))
    one = workstream_progress(
        workstreams["WS03"], snapshot, None, small_catalogue, ValueIndex([]), dt.date(2026, 10, 1)
    )
    assert one.verdict == "0 of 1 action complete; no impact measures linked."


def test_impact_kpis_are_those_the_actions_name_plus_the_workstreams_own_impact_tagged_kpis(catalogue):
    named = impact_kpis(catalogue, "WS04", [action(kpis=("WF03",), workstream="WS04")])
    tagged = [k.code for k in catalogue if "WS04" in k.workstreams and "impact" in k.tags]
    assert tagged and [k.code for k in named] == [k.code for k in catalogue if k.code in {"WF03", *tagged}]


def test_the_plan_summary_names_the_workstream_with_most_red_actions(workstreams, small_catalogue):
    snapshot = Snapshot(
        AS_AT,
        dt.date(2026, 10, 1),
        (
            action("A", Status.RED, workstream="WS04"),
            action("B", Status.RED, workstream="WS07"),
            action("C", Status.RED, workstream="WS07", due=dt.date(2026, 1, 1)),
            action("D", Status.BLUE),
        ),
    )
    progress = [
        workstream_progress(workstreams[c], snapshot, None, small_catalogue, ValueIndex([]), dt.date(2026, 10, 1))
        for c in ("WS04", "WS07")
    ]
    assert most_red(progress).workstream.code == "WS07"
    assert plan_summary(progress, snapshot, None) == (
        "1 of 4 actions complete, 0 on track, 0 at risk and 3 off track. Most off-track actions: "
        f"{workstreams['WS07'].label} (2). 1 action is overdue."
    )
    snapshot = Snapshot(AS_AT, dt.date(2026, 10, 1), (*snapshot.actions, action("E", Status.RED, workstream="WS04")))
    tied = [
        workstream_progress(workstreams[c], snapshot, None, small_catalogue, ValueIndex([]), dt.date(2026, 10, 1))
        for c in ("WS04", "WS07")
    ]
    assert plan_summary(tied, snapshot, None).count("Most off-track actions: ") == 1
    assert (
        f"Most off-track actions: {workstreams['WS04'].label} and {workstreams['WS07'].label} (2 each)."
        in plan_summary(tied, snapshot, None)
    )  # a tie names both, not only the first
    calm = [
        workstream_progress(
            workstreams["WS04"],
            Snapshot(AS_AT, dt.date(2026, 10, 1), ()),
            None,
            small_catalogue,
            ValueIndex([]),
            dt.date(2026, 10, 1),
        )
    ]
    assert most_red(calm) is None


def test_counts_over_time_and_their_sentence():
    first = Snapshot(dt.date(2026, 8, 31), dt.date(2026, 8, 1), (action("A", Status.GREEN), action("B", Status.RED)))
    second = Snapshot(
        AS_AT,
        dt.date(2026, 10, 1),
        (action("A", Status.BLUE), action("B", Status.RED), action("C", Status.AMBER, workstream="WS01")),
    )
    history = counts_over_time([first, second], ["WS07"])
    assert [dict(counts) for _, counts in history] == [
        {Status.GREEN: 1, Status.RED: 1},
        {Status.BLUE: 1, Status.RED: 1},
    ]
    assert counts_over_time([first, second], None, last=dt.date(2026, 9, 1))[0][0] is first
    assert len(counts_over_time([first, second], None, last=dt.date(2026, 9, 1))) == 1
    assert progress_sentence(history) == (
        "The first snapshot (31 August 2026) had 2 actions, 0 complete and 1 off track. By 31 October 2026 there "
        "were 2: 1 complete, 0 on track, 0 at risk and 1 off track."
    )
