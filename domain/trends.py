"""A KPI's monthly trend: the series with its gaps, BRAG status per month, SPC analysis and a plain-English summary.

SPC needs a series without gaps, so it is run on the months that have a figure, in order; months without one stay
gaps on the chart and in the table. Limits can be recalculated from a chosen event onwards.
"""

import datetime as dt
from dataclasses import dataclass

from domain import brag, spc
from domain.brag import Status
from domain.catalogue import Kpi
from domain.months import first_of_month, month_label, month_range
from domain.suppression import SUPPRESSED
from domain.units import format_value
from domain.values import ValueIndex

SPC_WORDS = {
    "common": "Common cause",
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neither": "Special cause",
}


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date
    value: float | None
    status: Status
    spc: str | None  # 'common', 'improvement', 'concern', 'neither'; None for a month without a figure
    mean: float | None
    upper: float | None
    lower: float | None
    commentary: str | None

    def value_text(self, kpi: Kpi) -> str:
        """The figure as written, "c" where it is hidden from the public."""
        return SUPPRESSED if self.status is Status.SUPPRESSED else format_value(self.value, kpi.unit, kpi.decimals)


@dataclass(frozen=True)
class Trend:
    kpi: Kpi
    points: list[TrendPoint]
    variation: str | None
    assurance: str | None
    recalculated_from: dt.date | None

    @property
    def with_figures(self) -> list[TrendPoint]:
        return [p for p in self.points if p.value is not None]

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls within the trend's months."""
        return bool(self.points) and self.points[0].month <= first_of_month(day) <= self.points[-1].month


def build_trend(
    kpi: Kpi, index: ValueIndex, last: dt.date | None = None, recalculate_from: dt.date | None = None
) -> Trend:
    """The trend of one KPI from its first month with data to `last` (default: the latest month loaded)."""
    months_with_data = [m for m in index.months if index.value(kpi.code, m) is not None]
    if not months_with_data:
        return Trend(kpi, [], None, None, None)
    last = last or months_with_data[-1]
    months = month_range(months_with_data[0], last)
    values = [index.value(kpi.code, m) for m in months]
    present = [i for i, v in enumerate(values) if v is not None]
    recalc = None
    if recalculate_from is not None:
        before = sum(1 for i in present if months[i] < first_of_month(recalculate_from))
        recalc = [before] if 0 < before < len(present) else None
    result = (
        spc.analyse([values[i] for i in present], kpi.polarity, kpi.target, recalc_after=recalc) if present else None
    )
    by_position = {position: n for n, position in enumerate(present)}
    points = []
    for position, month in enumerate(months):
        n = by_position.get(position)
        points.append(
            TrendPoint(
                month=month,
                value=values[position],
                status=Status.SUPPRESSED
                if index.is_suppressed(kpi.code, month)
                else brag.status(kpi, index.recent(kpi.code, month, brag.SUSTAINED_MONTHS)),
                spc=result.points[n] if n is not None else None,
                mean=result.mean[n] if n is not None else None,
                upper=result.upper[n] if n is not None else None,
                lower=result.lower[n] if n is not None else None,
                commentary=index.commentary(kpi.code, month),
            )
        )
    return Trend(
        kpi,
        points,
        result.variation if result else None,
        result.assurance if result else None,
        first_of_month(recalculate_from) if recalc else None,
    )


def _target_streak(trend: Trend) -> int:
    """How many of the latest months running met the target (Green or Blue)."""
    streak = 0
    for point in reversed(trend.points):
        if point.status not in (Status.GREEN, Status.BLUE):
            break
        streak += 1
    return streak


def _assurance_sentence(trend: Trend, met_now: bool) -> list[str]:
    """What the process limits say about meeting the target. When the latest month has moved beyond the limits to
    the other side of the target (met although the limits said it would not be, or the reverse), the limits
    describe the process as it was, not as it is, so the sentence says so instead of contradicting the month."""
    outdated = trend.variation not in (None, "common_cause") and (
        (trend.assurance == "fail" and met_now) or (trend.assurance == "pass" and not met_now)
    )
    if outdated:
        since = (
            f"{month_label(trend.recalculated_from)} onwards"
            if trend.recalculated_from
            else "every month with a figure"
        )
        said = "would not be met" if trend.assurance == "fail" else "would be met consistently"
        return [
            f"The process limits, worked out from {since}, say the target {said}, but the figures have since "
            "changed significantly. To see whether the target will be met from now on, recalculate the limits "
            "from the month the change began (on the KPI trend page)."
        ]
    assurance = {
        "pass": "At the current level of variation the target will be met consistently.",
        "fail": "At the current level of variation the target will not be met unless something changes.",
        "hit_or_miss": "At the current level of variation the target will be met in some months and missed in others.",
    }.get(trend.assurance)
    return [assurance] if assurance else []


def summary(trend: Trend) -> str:
    """A plain-English summary of the trend, written from the numbers."""
    kpi, shown = trend.kpi, trend.with_figures
    if not shown:
        return f"There are no figures for {kpi.title} yet."
    first, last = shown[0], shown[-1]

    def fmt(value):
        return format_value(value, kpi.unit, kpi.decimals)

    if round(first.value, kpi.decimals) == round(last.value, kpi.decimals):
        movement = f"was {fmt(last.value)} in both {month_label(first.month)} and {month_label(last.month)}"
    else:
        verb = "rose" if last.value > first.value else "fell"
        movement = (
            f"{verb} from {fmt(first.value)} in {month_label(first.month)} to {fmt(last.value)} in "
            f"{month_label(last.month)}"
        )
    sentences = [f"{kpi.title} {movement}."]
    if len(shown) > 2:
        if kpi.polarity == "neither":
            peak = max(shown, key=lambda p: p.value)
            if peak.value not in (first.value, last.value):
                sentences.append(f"It was highest in {month_label(peak.month)}, at {fmt(peak.value)}.")
        else:
            worst = (max if kpi.polarity == "down" else min)(shown, key=lambda p: p.value)
            if worst.value not in (first.value, last.value):
                sentences.append(f"Its worst month was {month_label(worst.month)}, at {fmt(worst.value)}.")
    variation = trend.variation
    if variation is None:
        sentences.append(f"There are too few months (fewer than {spc.MIN_POINTS}) for statistical process control.")
    elif variation == "common_cause":
        sentences.append("The latest month shows only common-cause variation: no significant change.")
    elif variation.startswith("improvement"):
        sentences.append(
            "The latest month shows special-cause improvement: a significant change for the better "
            "against the months before it."
        )
    elif variation.startswith("concern"):
        sentences.append(
            "The latest month shows special-cause concern: a significant change for the worse against "
            "the months before it."
        )
    else:
        sentences.append(
            "The latest month shows a significant change (special cause) against the months before "
            "it; neither direction is better for this measure."
        )
    if kpi.is_rated and trend.points[-1].value is not None:
        target = fmt(kpi.target)
        streak = _target_streak(trend)
        if streak:
            sentences.append(
                f"The {target} target has been met for {streak} month{'s' if streak != 1 else ''} running."
            )
        else:
            sentences.append(f"The {target} target was not met in {month_label(trend.points[-1].month)}.")
        sentences.extend(_assurance_sentence(trend, met_now=streak > 0))
    gaps = len(trend.points) - len(shown)
    if gaps:
        sentences.append(
            f"{gaps} month{'s have' if gaps != 1 else ' has'} no figure and {'are' if gaps != 1 else 'is'} "
            "left as a gap."
        )
    return " ".join(sentences)
