"""The months a KPI is reported in, or a workstream is in the plan: an improvement plan refreshed part-way drops
some and adds others. Both files (data/kpis.toml, data/workstreams.toml) write the period the same way, with two
optional fields, `reported_from` and `reported_until` ("YYYY-MM", both months included), read here."""

import datetime as dt
import re
from dataclasses import dataclass

from domain.months import month_label

FIELDS = ("reported_from", "reported_until")


@dataclass(frozen=True)
class ReportingPeriod:
    first: dt.date | None = None  # the first month; None: from the start
    last: dt.date | None = None  # the last month (dropped or closed since); None: still reported

    def covers(self, month: dt.date) -> bool:
        return (self.first is None or self.first <= month) and (self.last is None or month <= self.last)

    @property
    def words(self) -> str | None:
        """The period in words ("from April 2025 until June 2026"), or None when it is not limited."""
        since = f"from {month_label(self.first)}" if self.first else ""
        until = f"until {month_label(self.last)}" if self.last else ""
        return " ".join(part for part in (since, until) if part) or None


def parse_month(text) -> dt.date | None:
    """A month written "YYYY-MM", or None if it is not one."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(text).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return dt.date(int(match[1]), int(match[2]), 1)


def period_problems(entry: dict) -> list[str]:
    """What is wrong with an entry's `reported_from` and `reported_until`, in words."""
    months = {name: parse_month(entry[name]) for name in FIELDS if name in entry}
    problems = [f'{name} must be a month written "YYYY-MM"' for name, month in months.items() if month is None]
    first, last = months.get("reported_from"), months.get("reported_until")
    if first and last and last < first:
        problems.append("reported_until must not be before reported_from")
    return problems


def read_period(entry: dict) -> ReportingPeriod:
    """An entry's period (check it with period_problems first)."""
    return ReportingPeriod(*(parse_month(entry[name]) if name in entry else None for name in FIELDS))
