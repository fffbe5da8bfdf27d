"""A KPI's monthly trend: the series with its gaps, BRAG status per month and SPC analysis (the story told from it is
domain.story).

SPC needs a series without gaps, so it is run on the months that have a figure, in order; months without one stay
gaps on the chart and in the table. Limits take a new baseline from each recorded re-basing (domain.rebasing).
"""

import datetime as dt
from dataclasses import dataclass, replace

from domain import brag, spc
from domain.brag import Status
from domain.catalogue import Kpi
from domain.months import first_of_month, month_range
from domain.suppression import SUPPRESSED
from domain.units import format_value
from domain.values import ValueIndex

BASELINE_MONTHS = 20  # Making Data Count: limits from a baseline of about 20 points, then extended forward

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
    target: float | None = None  # the target in force in this month (targets change over a plan)

    def value_text(self, kpi: Kpi) -> str:
        """The figure as written, "c" where it is hidden from the public."""
        return SUPPRESSED if self.status is Status.SUPPRESSED else format_value(self.value, kpi.unit, kpi.decimals)


@dataclass(frozen=True)
class Trend:
    kpi: Kpi
    points: list[TrendPoint]
    variation: str | None
    assurance: str | None
    recalculated_from: dt.date | None  # the latest re-basing the limits use, if any
    baseline: tuple[dt.date, dt.date] | None = None  # first and last month the latest limits were worked out from
    rebased: tuple[dt.date, ...] = ()  # every month from which the limits took a new baseline, oldest first

    @property
    def with_figures(self) -> list[TrendPoint]:
        return [p for p in self.points if p.value is not None]

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls within the trend's months."""
        return bool(self.points) and self.points[0].month <= first_of_month(day) <= self.points[-1].month

    def targets(self) -> list[float | None]:
        """The target in force in each month (the catalogue's target where a point does not say)."""
        if not self.kpi.is_rated:
            return [None] * len(self.points)
        return [p.target if p.target is not None else self.kpi.target for p in self.points]

    def since(self, first: dt.date) -> "Trend":
        """The same trend, limits and verdicts, showing only the months from `first` (a chart of the last 24 months
        keeps the limits worked out from the baseline)."""
        return replace(self, points=[p for p in self.points if p.month >= first])


def build_trend(
    kpi: Kpi,
    index: ValueIndex,
    last: dt.date | None = None,
    rebased_from: tuple[dt.date, ...] = (),
    baseline: int = BASELINE_MONTHS,
) -> Trend:
    """The trend of one KPI from its first month with data to `last` (default: the latest month loaded).

    The process limits come from a baseline, Making Data Count's way: the first `baseline` months with a figure (all
    of them while there are fewer), extended forward; from each month in `rebased_from` (a recorded re-basing,
    domain.rebasing), from the first `baseline` months with a figure from then on."""
    months_with_data = [m for m in index.months if index.value(kpi.code, m) is not None]
    if not months_with_data:
        return Trend(kpi, [], None, None, None)
    last = last or months_with_data[-1]
    months = month_range(months_with_data[0], last)
    values = [index.value(kpi.code, m) for m in months]
    present = [i for i, v in enumerate(values) if v is not None]
    recalc, rebased = [], []
    for month in sorted(first_of_month(m) for m in rebased_from):
        before = sum(1 for i in present if months[i] < month)
        if 0 < before < len(present) and before not in recalc:
            recalc.append(before)
            rebased.append(month)
    result = (
        spc.analyse(
            [values[i] for i in present],
            kpi.polarity,
            kpi.at(last).target,
            recalc_after=recalc or None,
            baseline=min(baseline, len(present)),
        )
        if present
        else None
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
                else brag.status(kpi, index.recent(kpi.code, month, brag.SUSTAINED_MONTHS), month),
                spc=result.points[n] if n is not None else None,
                mean=result.mean[n] if n is not None else None,
                upper=result.upper[n] if n is not None else None,
                lower=result.lower[n] if n is not None else None,
                commentary=index.commentary(kpi.code, month),
                target=kpi.at(month).target if kpi.is_rated else None,
            )
        )
    source = result.source if result else None
    return Trend(
        kpi,
        points,
        result.variation if result else None,
        result.assurance if result else None,
        rebased[-1] if rebased else None,
        (months[present[source.start]], months[present[source.stop - 1]]) if source else None,
        tuple(rebased),
    )
