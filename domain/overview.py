"""The overview: what a member needs on one screen for a month and the chosen workstreams, from the KPI stories
(domain.story) and the action log (domain.plan).

- the BRAG count of each workstream's KPIs;
- the KPIs that need attention: Red first, then Amber, in catalogue order;
- what changed since last month: statuses that changed colour (targets newly met or missed among them), new
  special causes, actions that slipped (a worse status, or newly past their due date) and actions completed, as the
  Timeline's month by month tells them (domain.plan_history), and KPIs the plan dropped or added;
- a sentence or two saying the same.

Each KPI is counted once in the totals and listed once, however many workstreams it belongs to.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from domain.brag import RATED_ORDER, TARGET_MET, TARGET_MISSED, Status
from domain.catalogue import Catalogue, Kpi
from domain.months import add_months, month_label
from domain.plan import Snapshot, plural
from domain.plan_history import milestones
from domain.story import SPECIAL_CAUSES, KpiStory
from domain.workstreams import Workstream, workstreams_in_plan

ATTENTION = (Status.RED, Status.AMBER)
COUNTED_CHANGES = (  # how the summary counts each kind of Happening, in this order: (kind, noun for plural(), words)
    ("met", ("target",), " newly met"),
    ("missed", ("target",), " newly missed"),
    ("colour", ("other status", "other statuses"), " changed colour"),
    ("special", ("new special cause",), ""),
    ("slipped", ("action",), " slipped"),
    ("completed", ("action",), " completed"),
    ("dropped", ("KPI",), " no longer reported"),
    ("added", ("KPI",), " newly reported"),
    ("closed", ("workstream",), " closed"),
    ("opened", ("workstream",), " added to the plan"),
)


@dataclass(frozen=True)
class WorkstreamCount:
    workstream: Workstream
    counts: Counter  # Status -> number of the workstream's KPIs


@dataclass(frozen=True)
class Happening:
    """One thing that changed since last month, in words, with what it is about."""

    kind: str  # 'met', 'missed', 'colour' (a change within met or within missed), 'special', 'slipped', 'completed',
    # 'dropped' or 'added' (a KPI), 'closed' or 'opened' (a workstream)
    subject: str  # 'CP03 Child protection plans lasting 2 years or more', or 'Action WS10-02 (WS10)'
    what: str  # 'Amber to Green (target now met)'
    kpi: Kpi | None = None  # for a KPI's change
    workstream: str | None = None  # for an action's

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.what}"


@dataclass(frozen=True)
class Overview:
    month: dt.date
    previous: dt.date
    workstreams: list[WorkstreamCount]
    attention: list[KpiStory]  # Red then Amber
    changes: list[Happening]
    summary: str


def build_overview(
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    month: dt.date,
    told: dict[str, KpiStory],
    told_before: dict[str, KpiStory],
    selected: list[str] | None = None,
    snapshot: Snapshot | None = None,
    previous_snapshot: Snapshot | None = None,
) -> Overview:
    """The overview of `month` from the stories of this month (`told`) and last month (`told_before`), for the
    `selected` workstreams (all when empty), with the action log as it stood (`snapshot`, `previous_snapshot`)."""
    chosen = [ws.code for ws in workstreams_in_plan(workstreams, month, selected or ())]
    reported = catalogue.reported(month)
    kpis = [kpi for kpi in reported if set(kpi.workstreams) & set(chosen)]
    counts = [
        WorkstreamCount(
            workstreams[code], Counter(told[kpi.code].status for kpi in reported if code in kpi.workstreams)
        )
        for code in chosen
    ]
    attention = [told[kpi.code] for status in ATTENTION for kpi in kpis if told[kpi.code].status is status]
    changes = [c for kpi in kpis for c in _kpi_changes(told[kpi.code], told_before.get(kpi.code))]
    changes += _actions(snapshot, previous_snapshot, chosen)
    previous = add_months(month, -1)
    before = [ws.code for ws in workstreams_in_plan(workstreams, previous, selected or ())]
    changes += _measures(kpis, [kpi for kpi in catalogue.reported(previous) if set(kpi.workstreams) & set(before)])
    changes += _plan_changes([workstreams[code] for code in chosen], [workstreams[code] for code in before])
    statuses = Counter(told[kpi.code].status for kpi in kpis)
    return Overview(month, previous, counts, attention, changes, _summary(month, previous, statuses, changes))


def _measures(now: list[Kpi], before: list[Kpi]) -> list[Happening]:
    """KPIs the plan dropped after last month, or added from this month (Kpi.reported_from, reported_until)."""
    dropped = [
        Happening(
            "dropped",
            f"{k.code} {k.title}",
            f"no longer reported; its last month was {month_label(k.reported_until)}",
            k,
        )
        for k in before
        if k not in now
    ]
    added = [Happening("added", f"{k.code} {k.title}", "reported from this month", k) for k in now if k not in before]
    return dropped + added


def _plan_changes(now: list[Workstream], before: list[Workstream]) -> list[Happening]:
    """Workstreams the refreshed plan closed after last month, or added from this month (their reported_until,
    reported_from)."""
    closed = [
        Happening(
            "closed", w.label, f"closed; its last month in the plan was {month_label(w.period.last)}", None, w.code
        )
        for w in before
        if w not in now
    ]
    return closed + [
        Happening("opened", w.label, "in the plan from this month", None, w.code) for w in now if w not in before
    ]


def _kpi_changes(now: KpiStory, before: KpiStory | None) -> list[Happening]:
    if before is None:
        return []
    kpi, found = now.kpi, []
    name = f"{kpi.code} {kpi.title}"
    if now.status in RATED_ORDER and before.status in RATED_ORDER and now.status is not before.status:
        if now.status in TARGET_MET and before.status in TARGET_MISSED:
            kind, words = "met", "target now met"
        elif now.status in TARGET_MISSED and before.status in TARGET_MET:
            kind, words = "missed", "target now missed"
        else:
            kind, words = "colour", "changed colour"
        found.append(Happening(kind, name, f"{before.status.text} to {now.status.text} ({words})", kpi))
    if now.direction in SPECIAL_CAUSES and now.direction != before.direction:
        found.append(Happening("special", name, f"{now.direction.lower()} (a new special cause)", kpi))
    return found


def _actions(snapshot: Snapshot | None, previous: Snapshot | None, chosen: list[str]) -> list[Happening]:
    """Actions that slipped or were completed since the previous snapshot."""
    if snapshot is None or previous is None:
        return []
    return [
        Happening(
            m.kind,
            f"Action {m.action.action_id} ({m.action.workstream})",
            m.what if m.kind == "slipped" else f"completed ({m.what})",
            workstream=m.action.workstream,
        )
        for m in milestones(snapshot, previous, chosen)
        if m.kind in ("slipped", "completed")
    ]


def _summary(month: dt.date, previous: dt.date, statuses: Counter, changes: list[Happening]) -> str:
    rated = sum(statuses[s] for s in RATED_ORDER)
    if not rated:
        first = f"In {month_label(month)} none of the KPIs shown has a target and a figure."
    else:
        worst = [f"{statuses[s]} {s.value.label}" for s in ATTENTION if statuses[s]]
        met = [f"{statuses[s]} {s.value.label}" for s in TARGET_MET if statuses[s]]
        if worst:
            verb = "need" if sum(statuses[s] for s in ATTENTION) > 1 else "needs"
            first = (
                f"In {month_label(month)}, of {plural(rated, 'KPI')} with a target and a figure, "
                f"{' and '.join(worst)} {verb} attention"
            )
            if met:
                first += " (" + " and ".join(met) + ")"
        else:
            first = f"In {month_label(month)}, all {plural(rated, 'KPI')} with a target and a figure meet it"
        first += "."
    kinds = Counter(c.kind for c in changes)
    parts = [f"{plural(kinds[kind], *noun)}{words}" for kind, noun, words in COUNTED_CHANGES if kinds[kind]]
    second = (
        f"Since {month_label(previous)}: " + ", ".join(parts) + "."
        if parts
        else f"Nothing changed colour since {month_label(previous)}, no special cause is new, and no action slipped "
        "or was completed."
    )
    return f"{first} {second}"
