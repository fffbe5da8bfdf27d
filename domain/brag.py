"""The BRAG status rule, written once and used everywhere.

For a KPI that has a target and a polarity of 'up' or 'down', in a given month:
- Red: worse than target by more than the tolerance.
- Amber: worse than target by no more than the tolerance (exactly the tolerance is still Amber).
- Green: at target or better.
- Blue: better than target (strictly) in this month and in each of the two months before it: sustained.
- Not rated: 'neither' KPIs (context measures) and KPIs without a target are never coloured.
- No data: the month has no value. A missing value is never treated as zero.

Values are judged as they are shown, that is rounded to the KPI's decimal places, so a figure shown as 20.0%
against a 20% target is at target whatever digits lie beyond.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from domain.catalogue import Kpi
from domain.months import add_months
from domain.units import format_value

SUSTAINED_MONTHS = 3


@dataclass(frozen=True)
class StatusStyle:
    label: str
    symbol: str  # a shape, so status never depends on colour alone
    meaning: str
    background: str
    text: str  # text colour chosen for at least 4.5:1 contrast on the background


class Status(Enum):
    BLUE = StatusStyle("Blue", "★", "better than target for 3 months in a row", "#1d70b8", "#ffffff")
    GREEN = StatusStyle("Green", "●", "at or better than target", "#00703c", "#ffffff")
    AMBER = StatusStyle("Amber", "▲", "worse than target, within tolerance", "#ffdd00", "#0b0c0c")
    RED = StatusStyle("Red", "■", "worse than target by more than the tolerance", "#d4351c", "#ffffff")
    NOT_RATED = StatusStyle("Not rated", "○", "context measure or no target", "#f3f2f1", "#0b0c0c")
    NO_DATA = StatusStyle("No data", "–", "no figure for this month", "#ffffff", "#0b0c0c")
    SUPPRESSED = StatusStyle(
        "Not shown", "c", "a small number, not shown in the public view to protect privacy", "#ffffff", "#0b0c0c"
    )

    @property
    def text(self) -> str:
        """Status as words and shape, e.g. '■ Red'."""
        return f"{self.value.symbol} {self.value.label}"


RATED_ORDER = (Status.RED, Status.AMBER, Status.GREEN, Status.BLUE)
TARGET_MET = (Status.BLUE, Status.GREEN)  # the statuses of a month whose target is met
TARGET_MISSED = (Status.AMBER, Status.RED)


def gap(kpi: Kpi, value: float) -> float:
    """How far the shown value is better (positive) or worse (negative) than target."""
    shown = round(value, kpi.decimals)
    difference = shown - kpi.target if kpi.polarity == "up" else kpi.target - shown
    return round(difference, 9)  # clears floating-point dust such as 0.30000000000000004


def month_status(kpi: Kpi, value: float | None) -> Status:
    """Status of one month's value, without the sustained (Blue) test."""
    if not kpi.is_rated:
        return Status.NOT_RATED
    if value is None:
        return Status.NO_DATA
    distance = gap(kpi, value)
    if distance >= 0:
        return Status.GREEN
    if -distance <= kpi.tolerance:
        return Status.AMBER
    return Status.RED


def status(kpi: Kpi, recent: Sequence[float | None], month: dt.date | None = None) -> Status:
    """Status for a month given `recent`: that month's value first, then the months before it, newest first.

    The months must be consecutive calendar months; a gap is passed as None. With `month` (the month of recent[0]),
    each month is judged against the target in force in it (Kpi.at), so a changed target re-rates no earlier month.
    """

    def judged(step: int) -> Kpi:
        return kpi if month is None else kpi.at(add_months(month, -step))

    current = recent[0] if recent else None
    result = month_status(judged(0), current)
    if result is Status.GREEN and len(recent) >= SUSTAINED_MONTHS:
        window = recent[:SUSTAINED_MONTHS]
        if all(v is not None and judged(step).is_rated and gap(judged(step), v) > 0 for step, v in enumerate(window)):
            return Status.BLUE
    return result


RULE_TEXT = [
    ("Blue", "better than target in this month and in each of the two months before it (sustained)."),
    ("Green", "at target or better."),
    ("Amber", "worse than target, but by no more than the KPI's tolerance."),
    ("Red", "worse than target by more than the tolerance."),
    ("Not rated", "context measures (such as the number of children in care) and KPIs without a target."),
    ("No data", "no figure was supplied for the month. A missing figure is never counted as zero."),
]


def bands_text(kpi: Kpi) -> str:
    """The status bands of one KPI in words, e.g. 'Green at most 20.0%; Amber up to 25.0%; Red above 25.0%'."""
    if not kpi.is_rated:
        return "Not rated (context measure)" if kpi.polarity == "neither" else "Not rated (no target)"
    target = format_value(kpi.target, kpi.unit, kpi.decimals)
    sign = 1 if kpi.polarity == "down" else -1
    edge = format_value(kpi.target + sign * kpi.tolerance, kpi.unit, kpi.decimals)
    if kpi.polarity == "down":
        return (
            f"Green at most {target}; Amber above {target} up to {edge}; Red above {edge}; "
            f"Blue below {target} for 3 months in a row"
        )
    return (
        f"Green at least {target}; Amber below {target} down to {edge}; Red below {edge}; "
        f"Blue above {target} for 3 months in a row"
    )
