"""Activity beside impact for each workstream: its actions' progress, and the status and direction of the KPIs
those actions are meant to move, with a one-line verdict computed from both (never typed)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from domain.brag import Status
from domain.catalogue import Catalogue, Kpi
from domain.months import day_label
from domain.plan import Action, Snapshot, StatusChange, overdue, plural, status_counts, worsened
from domain.scorecard import ScorecardRow
from domain.story import IMPROVING, WORSENING, KpiStory, tell
from domain.values import ValueIndex
from domain.workstreams import Workstream

IMPACT_TAG = "impact"


@dataclass(frozen=True)
class ImpactMeasure:
    kpi: Kpi
    row: ScorecardRow  # the KPI's scorecard entry for the month: value, status, direction
    actions: tuple[Action, ...]  # the workstream's actions meant to move it

    @property
    def direction(self) -> str:
        return self.row.direction


@dataclass(frozen=True)
class WorkstreamProgress:
    workstream: Workstream
    actions: list[Action]
    counts: Counter  # Status -> number of actions
    overdue: list[Action]
    worsened: list[StatusChange]
    impact: list[ImpactMeasure]

    @property
    def improving(self) -> list[ImpactMeasure]:
        return [m for m in self.impact if m.direction == IMPROVING]

    @property
    def worsening(self) -> list[ImpactMeasure]:
        return [m for m in self.impact if m.direction == WORSENING]

    @property
    def off_target(self) -> list[ImpactMeasure]:
        return [m for m in self.impact if m.row.status is Status.RED]

    @property
    def needing_attention(self) -> list[ImpactMeasure]:
        """Impact measures Red this month or worsening (special-cause concern): what a director asks about first."""
        return [m for m in self.impact if m.direction == WORSENING or m.row.status is Status.RED]

    @property
    def verdict(self) -> str:
        """E.g. '8 of 10 actions complete, 1 off track, 2 overdue; 2 of 4 impact measures improving, 1 worsening, 1
        Red.' Improving and worsening are the direction of travel (domain.story); Red is this month's status."""
        total = len(self.actions)
        if total == 0:
            activity = "No actions in the action log"
        else:
            activity = f"{self.counts[Status.BLUE]} of {plural(total, 'action')} complete"
            if self.counts[Status.RED]:
                activity += f", {self.counts[Status.RED]} off track"
            if self.overdue:
                activity += f", {len(self.overdue)} overdue"
        if not self.impact:
            return f"{activity}; no impact measures linked."
        impact = f"{len(self.improving)} of {plural(len(self.impact), 'impact measure')} improving"
        if self.worsening:
            impact += f", {len(self.worsening)} worsening"
        if self.off_target:
            impact += f", {len(self.off_target)} Red"
        return f"{activity}; {impact}."


def impact_kpis(catalogue: Catalogue, code: str, actions: list[Action]) -> list[Kpi]:
    """The KPIs a workstream's impact is judged by: those its actions name, and its own KPIs tagged 'impact'.
    In catalogue order; codes not in the catalogue are left out (the loader refuses them anyway)."""
    named = {kpi_code for action in actions for kpi_code in action.impact_kpis}
    return [k for k in catalogue if k.code in named or (code in k.workstreams and IMPACT_TAG in k.tags)]


def workstream_progress(
    workstream: Workstream,
    snapshot: Snapshot | None,
    previous: Snapshot | None,
    catalogue: Catalogue,
    index: ValueIndex,
    month: dt.date,
    told: dict[str, KpiStory] | None = None,
) -> WorkstreamProgress:
    """The workstream's actions in `snapshot` and the scorecard entries for `month` of its impact KPIs reported then
    (their stories from `told` where given, so they are exactly the scorecard's)."""
    actions = [a for a in snapshot.actions if a.workstream == workstream.code] if snapshot else []
    measures = []
    for kpi in impact_kpis(catalogue, workstream.code, actions):
        if not kpi.reported_in(month):  # a KPI the plan has dropped, or not yet added
            continue
        story = told[kpi.code] if told is not None else tell(kpi, index, month)
        measures.append(
            ImpactMeasure(
                kpi, ScorecardRow(workstream.code, story), tuple(a for a in actions if kpi.code in a.impact_kpis)
            )
        )
    return WorkstreamProgress(
        workstream=workstream,
        actions=actions,
        counts=status_counts(actions),
        overdue=overdue(actions, snapshot.as_at) if snapshot else [],
        worsened=worsened(actions, previous),
        impact=measures,
    )


def most_red(progress: list[WorkstreamProgress]) -> WorkstreamProgress | None:
    """The workstream with the most Red (off track) actions; the first in plan order on a tie; None if none."""
    tied = most_red_tied(progress)
    return tied[0] if tied else None


def most_red_tied(progress: list[WorkstreamProgress]) -> list[WorkstreamProgress]:
    """Every workstream with the most Red (off track) actions, in plan order; empty if none has any."""
    most = max((p.counts[Status.RED] for p in progress), default=0)
    return [p for p in progress if most and p.counts[Status.RED] == most]


def plan_summary(progress: list[WorkstreamProgress], snapshot: Snapshot | None, previous: Snapshot | None) -> str:
    """One paragraph across the chosen workstreams, for members and screen readers."""
    if snapshot is None:
        return "No action log has been loaded for this month or before it."
    actions = [a for p in progress for a in p.actions]
    counts = status_counts(actions)
    text = (
        f"{counts[Status.BLUE]} of {plural(len(actions), 'action')} complete, {counts[Status.GREEN]} on track, "
        f"{counts[Status.AMBER]} at risk and {counts[Status.RED]} off track."
    )
    tied = most_red_tied(progress)
    if tied:
        names = [p.workstream.label for p in tied]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text += (
            f" Most off-track actions: {joined} ({tied[0].counts[Status.RED]} each)."
            if len(tied) > 1
            else (f" Most off-track actions: {joined} ({tied[0].counts[Status.RED]}).")
        )
    late = sum(len(p.overdue) for p in progress)
    text += f" {plural(late, 'action is', 'actions are')} overdue." if late else " No action is overdue."
    if previous is not None:
        changed = sum(len(p.worsened) for p in progress)
        text += (
            f" {plural(changed, 'action')} worsened since the snapshot of {day_label(previous.as_at)}."
            if changed
            else f" No action worsened since the snapshot of {day_label(previous.as_at)}."
        )
    return text
