"""The improvement plan: actions with BRAG progress, dated snapshots of the action log, and what they add up to.

An action's BRAG status is about delivery, not impact: Blue complete, Green on track, Amber at risk, Red off track.
Impact is judged from the KPIs the action is meant to move, with the same status and direction as the scorecard,
so the two never disagree.
"""

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from domain.brag import RATED_ORDER, Status
from domain.months import day_label
from domain.workstreams import Workstream

ACTION_STATUSES = RATED_ORDER  # worst first; for actions Blue means complete, not sustained
_RANK = {status: rank for rank, status in enumerate(reversed(ACTION_STATUSES))}  # Blue 0 ... Red 3
MEANINGS = {Status.BLUE: "complete", Status.GREEN: "on track", Status.AMBER: "at risk", Status.RED: "off track"}


@dataclass(frozen=True)
class Action:
    action_id: str
    workstream: str  # workstream code
    action: str
    senior_officer: str
    lead_officer: str | None
    start_date: dt.date | None
    due_date: dt.date
    status: Status  # one of ACTION_STATUSES
    percent_complete: float | None
    impact_kpis: tuple[str, ...]
    update: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """The action log as it stood on one date. `month` identifies it: one current snapshot per month."""

    as_at: dt.date
    month: dt.date
    actions: tuple[Action, ...]

    def in_workstreams(self, codes: list[str] | None) -> list[Action]:
        return [a for a in self.actions if not codes or a.workstream in codes]

    def within_plan(self, workstreams: Mapping[str, Workstream]) -> "Snapshot":
        """The snapshot without the actions of workstreams not in the plan in its month (a log loaded before the
        plan closed them): they are kept in the database, not shown or counted."""
        closed = {code for code, ws in workstreams.items() if not ws.in_plan(self.month)}
        kept = tuple(a for a in self.actions if a.workstream not in closed)
        return self if len(kept) == len(self.actions) else dataclasses.replace(self, actions=kept)

    def for_the_public(self) -> "Snapshot":
        """The snapshot without lead officers' names and progress updates, which are not marked for publication;
        the senior responsible officer (a senior post) stays."""
        return Snapshot(
            self.as_at, self.month, tuple(dataclasses.replace(a, lead_officer=None, update=None) for a in self.actions)
        )


def status_from_name(name: str) -> Status:
    """'Blue', 'Green', 'Amber' or 'Red' as stored in the database."""
    return {s.name.capitalize(): s for s in ACTION_STATUSES}[name]


def is_overdue(action: Action, as_at: dt.date) -> bool:
    """Past its due date on the snapshot's date and not complete."""
    return action.status is not Status.BLUE and action.due_date < as_at


def overdue(actions: list[Action], as_at: dt.date) -> list[Action]:
    return [a for a in actions if is_overdue(a, as_at)]


@dataclass(frozen=True)
class StatusChange:
    action: Action
    before: Status


def is_worse(status: Status, than: Status) -> bool:
    """Whether an action's status is worse than another (Blue, Green, Amber, Red from best to worst)."""
    return _RANK[status] > _RANK[than]


def worsened(actions: list[Action], previous: Snapshot | None) -> list[StatusChange]:
    """Actions whose status is worse than in the previous snapshot (e.g. Green to Amber, or Blue reopened).
    Actions new since then are not counted."""
    if previous is None:
        return []
    before = {a.action_id: a.status for a in previous.actions}
    return [
        StatusChange(a, before[a.action_id])
        for a in actions
        if a.action_id in before and is_worse(a.status, before[a.action_id])
    ]


def slipped(snapshot: Snapshot, previous: Snapshot | None, chosen: list[str] | None = None) -> list[tuple[Action, str]]:
    """The chosen workstreams' actions that slipped since the previous snapshot, each with what happened in words:
    a worse status ('● Green to ▲ Amber'), or past the due date now and not then ('now past its due date of ...')."""
    if previous is None:
        return []
    actions = snapshot.in_workstreams(chosen)
    changed = worsened(actions, previous)
    found = [(c.action, f"{c.before.text} to {c.action.status.text}") for c in changed]
    worse = {c.action.action_id for c in changed}
    was_overdue = {a.action_id for a in previous.actions if is_overdue(a, previous.as_at)}
    found += [
        (a, f"now past its due date of {day_label(a.due_date)}")
        for a in actions
        if is_overdue(a, snapshot.as_at) and a.action_id not in was_overdue and a.action_id not in worse
    ]
    return found


def status_counts(actions: list[Action]) -> Counter:
    return Counter(a.status for a in actions)


def previous_snapshot(snapshots: list[Snapshot], snapshot: Snapshot) -> Snapshot | None:
    """The snapshot before this one (snapshots in date order), or None for the first."""
    earlier = [s for s in snapshots if s.month < snapshot.month]
    return earlier[-1] if earlier else None


def snapshot_for(snapshots: list[Snapshot], month: dt.date) -> Snapshot | None:
    """The latest snapshot in or before `month` (snapshots in date order)."""
    candidates = [s for s in snapshots if s.month <= month]
    return candidates[-1] if candidates else None


def snapshot_to_show(snapshots: list[Snapshot], month: dt.date, newest_month: dt.date | None) -> Snapshot | None:
    """The snapshot shown beside the KPIs of `month`: the latest in or before it, except on the newest month with
    figures, where it is the latest of all. An action log is often loaded before the month's return: as at 30
    November, say, while October is the newest month with figures; it shows as soon as it is loaded."""
    if snapshots and month == newest_month:
        return snapshots[-1]
    return snapshot_for(snapshots, month)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class ActionChange:
    """How one action differs from the snapshot it is compared with: kind is new, changed, unchanged or removed."""

    action_id: str
    kind: str
    before: Action | None
    after: Action | None

    @property
    def status_changed(self) -> bool:
        return self.before is not None and self.after is not None and self.before.status is not self.after.status


def compare_actions(before: list[Action], after: list[Action]) -> list[ActionChange]:
    """Action by action, in the new log's order, then the actions it no longer has."""
    old = {a.action_id: a for a in before}
    new_ids = {a.action_id for a in after}
    changes = [
        ActionChange(
            a.action_id,
            "new" if a.action_id not in old else ("unchanged" if old[a.action_id] == a else "changed"),
            old.get(a.action_id),
            a,
        )
        for a in after
    ]
    return changes + [ActionChange(a.action_id, "removed", a, None) for a in before if a.action_id not in new_ids]


def change_summary(changes: list[ActionChange]) -> str:
    counts = Counter(c.kind for c in changes)
    parts = [f"{counts[kind]} {kind}" for kind in ("new", "changed", "unchanged", "removed") if counts[kind]]
    moved = sum(c.status_changed for c in changes)
    text = ", ".join(parts) + "." if parts else "No actions."
    return text + (f" {plural(moved, 'action changes', 'actions change')} BRAG status." if moved else "")


def counts_over_time(
    snapshots: list[Snapshot], codes: list[str] | None, last: dt.date | None = None
) -> list[tuple[Snapshot, Counter]]:
    """For each snapshot up to `last`, how many of the chosen workstreams' actions had each status."""
    return [(s, status_counts(s.in_workstreams(codes))) for s in snapshots if last is None or s.month <= last]


def progress_sentence(history: list[tuple[Snapshot, Counter]]) -> str:
    """The stacked bar chart in words: where the log started and where it stands."""
    if not history:
        return "No action log has been loaded."
    (first, start), (last, end) = history[0], history[-1]
    text = (
        f"The first snapshot ({day_label(first.as_at)}) had {plural(sum(start.values()), 'action')}, "
        f"{start[Status.BLUE]} complete and {start[Status.RED]} off track."
    )
    if last is not first:
        text += (
            f" By {day_label(last.as_at)} there were {sum(end.values())}: {end[Status.BLUE]} complete, "
            f"{end[Status.GREEN]} on track, {end[Status.AMBER]} at risk and {end[Status.RED]} off track."
        )
    return text
