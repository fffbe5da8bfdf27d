"""The scorecard: for a chosen month, each KPI's story (domain.story) under each workstream it belongs to, and the
sentence that sums up their statuses."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from domain import brag
from domain.brag import Status
from domain.catalogue import Catalogue, Kpi
from domain.months import month_label
from domain.story import KpiStory, tell
from domain.values import ValueIndex
from domain.workstreams import Workstream, workstreams_in_plan


@dataclass(frozen=True)
class ScorecardRow:
    """A KPI's line on the scorecard, under one of its workstreams: its story for the month (domain.story)."""

    workstream: str  # workstream code
    story: KpiStory

    @property
    def kpi(self) -> Kpi:
        return self.story.kpi

    @property
    def value(self) -> float | None:
        return self.story.value

    @property
    def value_text(self) -> str:
        return self.story.value_text

    @property
    def change_month_text(self) -> str:
        return self.story.change_month_text

    @property
    def change_year_text(self) -> str:
        return self.story.change_year_text

    @property
    def direction(self) -> str:
        return self.story.direction

    @property
    def target_text(self) -> str:
        return self.story.target_text

    @property
    def status(self) -> Status:
        return self.story.status

    @property
    def commentary(self) -> str | None:
        return self.story.commentary


EXPORT_COLUMNS = (
    "Workstream",
    "Code",
    "KPI",
    "Month",
    "Value",
    "Shown as",
    "Since last month",
    "Since last year",
    "Direction",
    "Target",
    "Status symbol",
    "Status",
    "Commentary",
)


def export_record(row: ScorecardRow, workstream_label: str, month: dt.date) -> dict:
    """A scorecard row as the CSV download and the pack's Excel hold it (EXPORT_COLUMNS): figures and changes as
    numbers, and the words ("No data", "c") where there is no number to give."""
    story = row.story
    return {
        "Workstream": workstream_label,
        "Code": row.kpi.code,
        "KPI": row.kpi.title,
        "Month": month_label(month),
        "Value": row.value_text if row.status is Status.SUPPRESSED else row.value,
        "Shown as": row.value_text,
        "Since last month": story.change_month if story.change_month is not None else story.change_month_text,
        "Since last year": story.change_year if story.change_year is not None else story.change_year_text,
        "Direction": row.direction,
        "Target": row.target_text,
        "Status symbol": row.status.value.symbol,
        "Status": row.status.value.label,
        "Commentary": row.commentary or "",
    }


def stories(
    catalogue: Catalogue, index: ValueIndex, month: dt.date, rebases: dict[str, tuple] | None = None
) -> dict[str, KpiStory]:
    """Every KPI's story for the month, by code, with each KPI's recorded re-basings (domain.rebasing.rebases)."""
    rebases = rebases or {}
    return {kpi.code: tell(kpi, index, month, rebases.get(kpi.code, ())) for kpi in catalogue}


def kpi_row(kpi: Kpi, index: ValueIndex, month: dt.date, workstream: str) -> ScorecardRow:
    return ScorecardRow(workstream, tell(kpi, index, month))


def build_scorecard(
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    index: ValueIndex,
    month: dt.date,
    selected: list[str] | None = None,
    tags: list[str] | None = None,
    told: dict[str, KpiStory] | None = None,
) -> list[ScorecardRow]:
    """One row per KPI reported in `month` per workstream it belongs to, in workstream then catalogue order.

    `selected` limits the result to those workstream codes, `tags` to KPIs with any of those tags; None or empty
    means all. `told` holds the month's stories if the caller has them already (stories()).
    """
    chosen = [ws.code for ws in workstreams_in_plan(workstreams, month, selected or ())]
    wanted = [kpi for kpi in catalogue.reported(month) if not tags or set(tags) & set(kpi.tags)]
    told = told if told is not None else {kpi.code: tell(kpi, index, month) for kpi in wanted}
    return [ScorecardRow(code, told[kpi.code]) for code in chosen for kpi in wanted if code in kpi.workstreams]


def status_counts(rows: list[ScorecardRow]) -> Counter:
    """How many distinct KPIs have each status (a KPI in two workstreams counts once)."""
    return Counter({row.kpi.code: row.status for row in rows}.values())


def summary_sentence(rows: list[ScorecardRow], month: dt.date) -> str:
    """A plain-English summary of the statuses, for members and screen readers."""
    counts = status_counts(rows)
    kpis = {row.kpi.code: row.kpi for row in rows}
    total = len(kpis)
    rated = sum(kpi.is_rated for kpi in kpis.values())  # a hidden context measure still has no target
    if total == 0:
        return f"No KPIs match the chosen workstreams for {month_label(month)}."
    parts = [f"{counts[s]} {s.value.label}" for s in reversed(brag.RATED_ORDER) if counts[s]]
    sentence = f"In {month_label(month)}, {rated} of {total} KPIs have a target"
    sentence += f": {', '.join(parts)}." if parts else "."
    if counts[Status.NO_DATA]:
        sentence += (
            f" {counts[Status.NO_DATA]} {'has' if counts[Status.NO_DATA] == 1 else 'have'} no figure this month."
        )
    if counts[Status.SUPPRESSED]:
        sentence += (
            f" {counts[Status.SUPPRESSED]} {'is' if counts[Status.SUPPRESSED] == 1 else 'are'} a small "
            "number, not shown in the public view."
        )
    context = sum(1 for kpi in kpis.values() if kpi.polarity == "neither")
    if context:
        sentence += f" {context} {'is a context measure' if context == 1 else 'are context measures'}, not rated."
    untargeted = sum(1 for kpi in kpis.values() if kpi.polarity != "neither" and not kpi.is_rated)
    if untargeted:
        sentence += f" {untargeted} {'has' if untargeted == 1 else 'have'} no target yet, not rated."
    return sentence
