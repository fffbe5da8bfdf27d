"""The committee pack's content, worked out once and then written as PDF and Excel (reports/).

A pack is for one month and a choice of workstreams, for members (every figure, with commentary) or for the public
(small numbers suppressed, no commentary). It holds the scorecard, a page for each Red or Amber KPI (trend, SPC
verdict, latest published benchmark, commentary), workstream progress and what happened to the plan's actions since
the action log before, what changed since the previous pack, and the submissions its figures came from."""

import datetime as dt
from dataclasses import dataclass

from config import clock
from domain.benchmarks import PublishedYear, neighbour_band
from domain.brag import Status
from domain.catalogue import Catalogue
from domain.months import day_label, month_label
from domain.plan import Snapshot, previous_snapshot, snapshot_to_show
from domain.plan_history import Milestone, milestones
from domain.scorecard import ScorecardRow, build_scorecard, stories, summary_sentence
from domain.trends import Trend
from domain.units import format_value
from domain.values import ValueIndex
from domain.voice import voice_lines
from domain.workstream_progress import WorkstreamProgress, workstream_progress
from domain.workstreams import Workstream, workstreams_in_plan

AUDIENCES = {"members": "Members (every figure)", "public": "Public (small numbers suppressed)"}
SPOTLIGHT = (Status.RED, Status.AMBER)
TREND_MONTHS = 24  # how far back each spotlight chart goes


@dataclass(frozen=True)
class Source:
    submission_id: int
    file_name: str
    sha256: str
    kind: str


@dataclass(frozen=True)
class Spotlight:
    """A Red or Amber KPI's page."""

    row: ScorecardRow
    trend: Trend  # the last TREND_MONTHS months
    summary: str
    benchmark: str | None


@dataclass(frozen=True)
class StatusChange:
    code: str
    title: str
    before: str  # status label in the previous pack
    after: str


@dataclass(frozen=True)
class PackContent:
    council: str
    month: dt.date
    audience: str  # 'members' or 'public'
    workstreams: list[Workstream]  # the workstreams chosen (all when none was chosen)
    rows: list[ScorecardRow]
    summary: str
    spotlight: list[Spotlight]
    progress: list[WorkstreamProgress]
    snapshot: Snapshot | None
    changes: list[StatusChange] | None  # None: there is no earlier pack to compare with
    previous_month: dt.date | None
    sources: list[Source]
    built_by: str
    built_at: dt.datetime
    is_demo: bool
    threshold: int = 4  # the public version: counts of children from 1 to this are shown as "c"
    voice: tuple[str, ...] = ()  # what children and families said: the Voice page's sentences for the month
    plan_since: dt.date | None = None  # the date of the action log before the pack's, if there is one
    plan_changes: tuple[Milestone, ...] = ()  # what happened to the actions since then (domain.plan_history)

    @property
    def names_its_files(self) -> bool:
        """Only members' packs list the uploads' file names and fingerprints; the public's give their number."""
        return self.audience == "members"

    @property
    def sources_sentence(self) -> str:
        returns = sum(s.kind != "action_log" for s in self.sources)
        logs = len(self.sources) - returns
        return (
            f"Every figure in this pack comes from {returns} monthly return{'s' if returns != 1 else ''}"
            + (f" and {logs} action log{'s' if logs != 1 else ''}" if logs else "")
            + " uploaded by the council's performance team, as they stood when the pack was built."
        )

    @property
    def plan_changes_title(self) -> str:
        """The heading of the pack's list of plan_changes, the same in the PDF and the Excel."""
        return f"What happened to the actions since the action log of {day_label(self.plan_since)}"

    @property
    def title(self) -> str:
        return f"Children's services improvement: performance pack, {month_label(self.month)}"

    def statuses(self) -> dict[str, str]:
        """KPI code -> status label, stored with the pack so the next one can say what changed."""
        return {row.kpi.code: row.status.value.label for row in self.rows}


def _benchmark(row: ScorecardRow, years: list[PublishedYear], council_label: str) -> str | None:
    if not years:
        return None
    latest = years[-1]
    kpi = row.kpi

    def fmt(value):
        return format_value(value, kpi.unit, kpi.decimals)

    parts = [
        f"{council_label} {fmt(latest.council)}" if latest.council is not None else None,
        f"England {fmt(latest.england)}" if latest.england is not None else None,
        f"statistical neighbours' median {fmt(latest.neighbour_median)}"
        if latest.neighbour_median is not None
        else None,
    ]
    text = f"Published figures at {day_label(latest.reference_date)}: " + ", ".join(p for p in parts if p)
    band = neighbour_band(kpi, latest)
    return text + (f"; {band}." if band else ".")


def status_changes(rows: list[ScorecardRow], before: dict[str, str]) -> list[StatusChange]:
    seen, changes = set(), []
    for row in rows:
        code = row.kpi.code
        if code in seen or code not in before:
            continue
        seen.add(code)
        if before[code] != row.status.value.label:
            changes.append(StatusChange(code, row.kpi.title, before[code], row.status.value.label))
    return changes


def build_pack(
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    index: ValueIndex,
    month: dt.date,
    selected: list[str],
    snapshots: list[Snapshot],
    benchmarks: dict[str, list[PublishedYear]],
    previous: tuple[dt.date, dict[str, str]] | None,
    sources: list[Source],
    *,
    audience: str,
    council: str,
    council_label: str,
    built_by: str,
    is_demo: bool,
    built_at: dt.datetime | None = None,
    threshold: int = 4,
    rebases: dict[str, tuple] | None = None,
) -> PackContent:
    """The pack's content from figures already suppressed for the audience (`index`) and snapshots already
    stripped for the public (domain.plan.Snapshot.for_the_public)."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
    told = stories(catalogue, index, month, rebases)
    rows = build_scorecard(catalogue, workstreams, index, month, selected or None, told=told)
    chosen = workstreams_in_plan(workstreams, month, selected or ())
    spotlight, seen = [], set()
    for status in SPOTLIGHT:
        for row in rows:
            if row.status is status and row.kpi.code not in seen:
                seen.add(row.kpi.code)
                trend = row.story.recent(TREND_MONTHS)
                spotlight.append(
                    Spotlight(
                        row, trend, row.story.summary, _benchmark(row, benchmarks.get(row.kpi.code, []), council_label)
                    )
                )
    snapshot = snapshot_to_show(snapshots, month, index.newest)  # as the overview
    before = previous_snapshot(snapshots, snapshot) if snapshot else None
    progress = [workstream_progress(ws, snapshot, before, catalogue, index, month, told) for ws in chosen]
    codes = [ws.code for ws in chosen]
    return PackContent(
        council=council,
        month=month,
        audience=audience,
        workstreams=chosen,
        rows=rows,
        summary=summary_sentence(rows, month),
        spotlight=spotlight,
        progress=progress,
        snapshot=snapshot,
        changes=status_changes(rows, previous[1]) if previous else None,
        previous_month=previous[0] if previous else None,
        sources=sources,
        built_by=built_by,
        built_at=built_at or clock.now().replace(microsecond=0),
        is_demo=is_demo,
        threshold=threshold,
        voice=tuple(voice_lines(catalogue, index, month)),
        plan_since=before.as_at if before else None,
        plan_changes=tuple(milestones(snapshot, before, codes, workstreams)) if before else (),
    )
