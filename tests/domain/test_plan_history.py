"""The improvement plan month by month (domain.plan_history)."""

import datetime as dt

from domain.brag import Status
from domain.events import Event
from domain.plan import Action, Snapshot
from domain.plan_history import plan_history

DUE, LATER = dt.date(2026, 3, 31), dt.date(2026, 12, 31)


def action(action_id, status, workstream="WS01", due=DUE, update=None):
    return Action(action_id, workstream, f"Do {action_id}", "SRO", None, None, due, status, None, (), update)


def snapshot(month: int, *actions: Action) -> Snapshot:
    first = dt.date(2026, month, 1)
    return Snapshot(dt.date(2026, month, 28), first, actions)


def event(day: dt.date, title: str) -> Event:
    return Event(day, title, "monitoring_visit", "What happened.", "Minutes")


JANUARY = snapshot(1, action("A1", Status.GREEN), action("A2", Status.RED), action("A3", Status.AMBER))
FEBRUARY = snapshot(
    2,
    action("A1", Status.BLUE, update="Done."),  # completed
    action("A2", Status.AMBER),  # improved
    action("A3", Status.RED),  # slipped
    action("B1", Status.GREEN, workstream="WS02", due=LATER),  # added
)
APRIL = snapshot(4, action("A2", Status.AMBER), FEBRUARY.actions[3])  # A2 now overdue; A1 and A3 gone


def kinds(month):
    return [(m.kind, m.action.action_id, m.what) for m in month.milestones]


def test_each_month_says_what_happened_to_the_actions_since_the_log_before_newest_first():
    history = plan_history([JANUARY, FEBRUARY, APRIL], [], None)
    assert [m.month.month for m in history] == [4, 2, 1]
    april, february, january = history
    assert january.started_with == 3 and january.milestones == []
    assert january.summary == "the first action log, with 3 actions"
    assert kinds(february) == [
        ("completed", "A1", "was ● Green"),
        ("slipped", "A3", "▲ Amber to ■ Red"),
        ("improved", "A2", "■ Red to ▲ Amber"),
        ("added", "B1", "due 31 December 2026"),
    ]
    assert february.summary == "1 completed, 1 slipped, 1 improved, 1 added"
    assert kinds(april) == [
        ("slipped", "A2", "now past its due date of 31 March 2026"),
        ("removed", "A1", "no longer in the action log"),
        ("removed", "A3", "no longer in the action log"),
    ]


def test_the_workstream_filter_keeps_only_its_actions_and_every_event():
    visit = event(dt.date(2026, 2, 10), "Monitoring visit")
    history = plan_history([JANUARY, FEBRUARY], [visit], ["WS02"])
    february, january = history
    assert kinds(february) == [("added", "B1", "due 31 December 2026")]
    assert february.events == [visit] and february.summary == "1 added; 1 event"
    assert january.started_with == 0


def test_months_with_only_events_are_listed_and_an_event_joins_its_months_action_log():
    inspection, visit = event(dt.date(2025, 7, 19), "Ofsted inspection"), event(dt.date(2026, 4, 2), "Monitoring visit")
    history = plan_history([JANUARY, FEBRUARY, APRIL], [inspection, visit], None)
    assert [(m.month, m.snapshot is None, m.summary) for m in history] == [
        (dt.date(2026, 4, 1), False, "1 slipped, 2 removed; 1 event"),
        (dt.date(2026, 2, 1), False, "1 completed, 1 slipped, 1 improved, 1 added"),
        (dt.date(2026, 1, 1), False, "the first action log, with 3 actions"),
        (dt.date(2025, 7, 1), True, "1 event"),
    ]


def test_a_month_where_nothing_happened_is_left_out():
    same = snapshot(2, *JANUARY.actions)
    quiet_for_ws02 = plan_history([JANUARY, FEBRUARY, APRIL], [], ["WS02"])
    assert [m.month for m in plan_history([JANUARY, same], [], None)] == [dt.date(2026, 1, 1)]
    assert [m.month.month for m in quiet_for_ws02] == [2, 1]  # April changed only WS01's actions
