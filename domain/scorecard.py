"""The scorecard: for a chosen month, each KPI's latest value, changes, direction of travel and BRAG status."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from domain import brag
from domain.brag import Status
from domain.catalogue import Catalogue, Kpi
from domain.months import add_months, month_label
from domain.suppression import SUPPRESSED
from domain.units import format_change, format_value
from domain.values import ValueIndex
from domain.workstreams import Workstream


@dataclass(frozen=True)
class ScorecardRow:
    workstream: str  # workstream code
    kpi: Kpi
    value: float | None
    value_text: str
    change_month_text: str
    change_year_text: str
    direction: str
    target_text: str
    status: Status
    commentary: str | None


def _change(kpi: Kpi, current: float | None, earlier: float | None) -> str:
    if current is None or earlier is None:
        return "No data"
    return format_change(round(current, kpi.decimals) - round(earlier, kpi.decimals), kpi.unit, kpi.decimals)


def target_text(kpi: Kpi) -> str:
    if kpi.polarity == "neither":
        return "Context measure"
    if kpi.target is None:
        return "No target"
    word = "at least" if kpi.polarity == "up" else "at most"
    return f"{word} {format_value(kpi.target, kpi.unit, kpi.decimals)}"


def kpi_row(kpi: Kpi, index: ValueIndex, month: dt.date, workstream: str) -> ScorecardRow:
    current = index.value(kpi.code, month)
    last_month = index.value(kpi.code, add_months(month, -1))

    def hidden(m):
        return index.is_suppressed(kpi.code, m)

    def change(earlier):
        if hidden(month) or hidden(earlier):
            return SUPPRESSED
        return _change(kpi, current, index.value(kpi.code, earlier))

    return ScorecardRow(
        workstream=workstream,
        kpi=kpi,
        value=current,
        value_text=SUPPRESSED if hidden(month) else format_value(current, kpi.unit, kpi.decimals),
        change_month_text=change(add_months(month, -1)),
        change_year_text=change(add_months(month, -12)),
        direction="Not shown" if hidden(month) else brag.direction(kpi, current, last_month),
        target_text=target_text(kpi),
        status=Status.SUPPRESSED
        if hidden(month)
        else brag.status(kpi, index.recent(kpi.code, month, brag.SUSTAINED_MONTHS)),
        commentary=index.commentary(kpi.code, month),
    )


def build_scorecard(
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    index: ValueIndex,
    month: dt.date,
    selected: list[str] | None = None,
    tags: list[str] | None = None,
) -> list[ScorecardRow]:
    """One row per KPI per workstream it belongs to, in workstream then catalogue order.

    `selected` limits the result to those workstream codes, `tags` to KPIs with any of those tags; None or empty
    means all.
    """
    chosen = [code for code in workstreams if not selected or code in selected]
    return [
        kpi_row(kpi, index, month, code)
        for code in chosen
        for kpi in catalogue
        if code in kpi.workstreams and (not tags or set(tags) & set(kpi.tags))
    ]


def status_counts(rows: list[ScorecardRow]) -> Counter:
    """How many distinct KPIs have each status (a KPI in two workstreams counts once)."""
    return Counter({row.kpi.code: row.status for row in rows}.values())


def summary_sentence(rows: list[ScorecardRow], month: dt.date) -> str:
    """A plain-English summary of the statuses, for members and screen readers."""
    counts = status_counts(rows)
    total = sum(counts.values())
    rated = total - counts[Status.NOT_RATED]
    if total == 0:
        return f"No KPIs match the chosen workstreams for {month_label(month)}."
    parts = [f"{counts[s]} {s.value.label}" for s in reversed(brag.RATED_ORDER) if counts[s]]
    sentence = f"In {month_label(month)}, {rated} of {total} KPIs have a target"
    sentence += f": {', '.join(parts)}." if parts else "."
    if counts[Status.NO_DATA]:
        sentence += f" {counts[Status.NO_DATA]} have no figure this month."
    if counts[Status.SUPPRESSED]:
        sentence += (
            f" {counts[Status.SUPPRESSED]} {'is' if counts[Status.SUPPRESSED] == 1 else 'are'} a small "
            "number, not shown in the public view."
        )
    context = counts[Status.NOT_RATED]
    if context:
        sentence += f" {context} {'is a context measure' if context == 1 else 'are context measures'}, not rated."
    return sentence
