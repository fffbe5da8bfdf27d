"""Units of measure: how a KPI's value is computed from a numerator and denominator, and how it is written."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    label: str  # shown in tables and on the Definitions page
    scale: float  # value = numerator / denominator * scale
    suffix: str  # written after the number


UNITS = {
    "count": Unit("count", "number", 1, ""),
    "percent": Unit("percent", "percentage", 100, "%"),
    "rate_per_10k": Unit("rate_per_10k", "rate per 10,000 children", 10_000, " per 10k"),
    "average": Unit("average", "average", 1, ""),
    "days": Unit("days", "days", 1, " days"),
}


def format_number(value: float | None, decimals: int) -> str:
    """A number with thousands separators and a fixed number of decimals; 'No data' when missing."""
    if value is None:
        return "No data"
    return f"{value:,.{decimals}f}"


def format_value(value: float | None, unit: str, decimals: int) -> str:
    if value is None:
        return "No data"
    return format_number(value, decimals) + UNITS[unit].suffix


def format_change(change: float | None, unit: str, decimals: int) -> str:
    """A signed difference. Percentages change by percentage points, not per cent."""
    if change is None:
        return "No data"
    if round(change, decimals) == 0:
        return "no change"
    sign = "+" if change > 0 else "−"  # a true minus sign reads better than a hyphen
    magnitude = format_number(abs(change), decimals)
    suffix = " pts" if unit == "percent" else UNITS[unit].suffix
    return f"{sign}{magnitude}{suffix}"
