"""The improvement programme month by month: what happened to the plan's actions between one action log snapshot
and the next, beside the programme's events of that month, so members can read the sequence of improvement
activities and set it against the KPIs' trends.

An action is, since the snapshot before:
- completed: Blue now and not before;
- slipped: as the overview counts it (domain.plan.slipped): a worse status, or newly past its due date;
- improved: a better status that is not complete (Red to Amber, Amber to Green);
- added: in the log now and not before (an action that starts complete counts as added);
- removed: in the log before and not now.
The first snapshot says only how many actions the log started with. A month in which nothing happened is left out.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from domain.brag import Status
from domain.events import Event
from domain.months import day_label, first_of_month, month_label
from domain.plan import Action, Snapshot, is_worse, plural, slipped
from domain.workstreams import Workstream

KINDS = ("completed", "slipped", "improved", "added", "removed")  # the order a month lists them in
NOTHING_HAPPENED = "No action was completed, slipped, improved, added or removed."


@dataclass(frozen=True)
class Milestone:
    kind: str  # one of KINDS
    action: Action  # as it stands in the month's snapshot (or, removed, as it last stood)
    what: str  # in words: 'was ● Green', '▲ Amber to ■ Red', 'now past its due date of 30 September 2026'


@dataclass(frozen=True)
class PlanMonth:
    month: dt.date
    snapshot: Snapshot | None  # None in a month with events and no action log
    started_with: int | None  # the first snapshot's number of actions; None for any other month
    milestones: list[Milestone]
    events: list[Event]

    @property
    def happened(self) -> bool:
        """False for a month whose action log changed nothing for the chosen workstreams and had no event."""
        return bool(self.started_with is not None or self.milestones or self.events)

    @property
    def summary(self) -> str:
        """The month in a few words: '2 completed, 1 slipped; 1 event'."""
        parts = []
        if self.started_with is not None:
            parts.append(f"the first action log, with {plural(self.started_with, 'action')}")
        counts = {kind: sum(m.kind == kind for m in self.milestones) for kind in KINDS}
        actions = [f"{counts[kind]} {kind}" for kind in KINDS if counts[kind]]
        if actions:
            parts.append(", ".join(actions))
        if self.events:
            parts.append(plural(len(self.events), "event"))
        return "; ".join(parts)


def plan_history(
    snapshots: list[Snapshot],
    events: list[Event],
    chosen: list[str] | None,
    workstreams: Mapping[str, Workstream] | None = None,
) -> list[PlanMonth]:
    """Each month in which something happened, newest first: the chosen workstreams' (all when empty) milestones
    since the snapshot before (`snapshots` oldest first), the month's events, or the first action log. Quiet months
    are left out. With the `workstreams`, an action that left with its closed workstream says so."""
    by_month: dict[dt.date, PlanMonth] = {}
    for previous, snapshot in zip([None, *snapshots], snapshots, strict=False):
        started = len(snapshot.in_workstreams(chosen)) if previous is None else None
        happened = milestones(snapshot, previous, chosen, workstreams) if previous is not None else []
        by_month[snapshot.month] = PlanMonth(snapshot.month, snapshot, started, happened, [])
    for event in events:
        month = first_of_month(event.date)
        held = by_month.get(month) or PlanMonth(month, None, None, [], [])
        by_month[month] = PlanMonth(month, held.snapshot, held.started_with, held.milestones, [*held.events, event])
    return [item for _, item in sorted(by_month.items(), reverse=True) if item.happened]


def milestones(
    snapshot: Snapshot,
    previous: Snapshot,
    chosen: list[str] | None,
    workstreams: Mapping[str, Workstream] | None = None,
) -> list[Milestone]:
    """What happened to the chosen workstreams' actions (all when empty) between `previous` and `snapshot`, in the
    order of KINDS."""
    now, before = snapshot.in_workstreams(chosen), {a.action_id: a for a in previous.in_workstreams(chosen)}
    found = []
    for action in now:
        was = before.get(action.action_id)
        if was is None:
            found.append(Milestone("added", action, f"due {day_label(action.due_date)}"))
        elif action.status is Status.BLUE and was.status is not Status.BLUE:
            found.append(Milestone("completed", action, f"was {was.status.text}"))
        elif is_worse(was.status, than=action.status):
            found.append(Milestone("improved", action, f"{was.status.text} to {action.status.text}"))
    found += [Milestone("slipped", action, what) for action, what in slipped(snapshot, previous, chosen)]
    ids = {a.action_id for a in now}
    found += [
        Milestone("removed", a, _why_removed(a, snapshot.month, workstreams))
        for a in before.values()
        if a.action_id not in ids
    ]
    return sorted(found, key=lambda m: KINDS.index(m.kind))


def _why_removed(action: Action, month: dt.date, workstreams: Mapping[str, Workstream] | None) -> str:
    workstream = (workstreams or {}).get(action.workstream)
    if workstream is not None and not workstream.in_plan(month) and workstream.period.last:
        return f"its workstream closed after {month_label(workstream.period.last)}"
    return "no longer in the action log"
