"""The value axis of a KPI's trend chart, shared by the page's chart and the committee pack's, so that both show a
KPI on the same scale: round ticks, and whether the axis starts at zero."""

import math

from domain.units import format_number


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values covering low..high, about `count` steps apart (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def value_ticks(values: list[float], from_zero: bool = True, upper: float | None = None) -> list[float]:
    """Round ticks covering `values`, and zero too if `from_zero`; up to `upper` instead, if given."""
    floor = [0.0] if from_zero else []
    return nice_ticks(
        min([*floor, *values], default=0.0), max([*floor, *values], default=1.0) if upper is None else upper
    )


def starts_above_zero(values: list[float]) -> bool:
    """Whether the value axis starts near the figures rather than at zero: when every figure, limit and target is
    at least half the highest, an axis from zero would squash a KPI that moves between, say, 15 and 20 into a flat
    line and hide its process limits. Each chart says so when it does."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    return 0 < low < high and low >= high / 2


def tick_decimals(ticks: list[float]) -> int:
    """Decimals that show every tick exactly: none for whole steps, otherwise as many as the step needs (up to 3)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return 0 if float(step).is_integer() else min(3, max(1, -math.floor(math.log10(step % 1))))


def axis_suffix(unit: str) -> str:
    """What the value axis writes after each tick: "%" for percentages, nothing otherwise."""
    return "%" if unit == "percent" else ""


def axis_note(ticks: list[float], unit: str) -> str:
    """The sentence a trend chart carries when its value axis does not start at zero: the same words on the page and
    in the committee pack, with the first tick written as the axis writes it."""
    return (
        f"The value axis starts at {format_number(ticks[0], tick_decimals(ticks))}{axis_suffix(unit)}, "
        "not at zero, so that changes show."
    )


def target_steps(targets: list[float]) -> list[tuple[int, float]]:
    """The corners of a target line drawn as it stood each month, as (point number, target): a step where the
    target changed, so both charts draw the same line."""
    corners: list[tuple[int, float]] = []
    for number, target in enumerate(targets):
        if corners and target != corners[-1][1]:
            corners.append((number, corners[-1][1]))
        corners.append((number, target))
    return corners


def limit_line(trend, limit: str) -> list[tuple[int, float] | None]:
    """A trend's (domain.trends.Trend) mean or process limit ('mean', 'upper', 'lower') as (point number, value)
    for each month, None where a month has none, with a break before each month the limits were re-based from, so
    that each baseline's limits are drawn apart, on both charts alike."""
    drawn: list[tuple[int, float] | None] = []
    for number, point in enumerate(trend.points):
        if point.month in trend.rebased:
            drawn.append(None)
        value = getattr(point, limit)
        drawn.append((number, value) if value is not None else None)
    return drawn
