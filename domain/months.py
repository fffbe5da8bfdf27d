"""Reporting months, and how the dashboard writes months, days and moments for people. A month is held as the date
of its first day.

Every date a person reads (pages, exports, packs, messages) is written by the functions here, so it reads the same
everywhere: "1 March 2023", as GOV.UK writes dates, with no leading zero. They do not use strftime's "%-d", which
exists on Linux and macOS but raises an error on Windows, where a council's server may run."""

import datetime as dt
import functools


def first_of_month(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


@functools.lru_cache(maxsize=65_536)  # called very often on a small set of months
def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + (month.month - 1) + count
    return dt.date(index // 12, index % 12 + 1, 1)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from first to last inclusive."""
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_key(month: dt.date) -> str:
    """The form used in URLs and files: 2023-09."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month_key(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def month_label(month: dt.date) -> str:
    """The form shown to people: September 2023."""
    return month.strftime("%B %Y")


def span_label(months: list[dt.date]) -> str:
    """Sorted months in words: "October 2026", or "August 2026 to October 2026"."""
    first, last = months[0], months[-1]
    return month_label(first) if first == last else f"{month_label(first)} to {month_label(last)}"


def day_label(day: dt.date) -> str:
    """A day: 1 March 2023."""
    return f"{day.day} {day:%B %Y}"


def short_day_label(day: dt.date) -> str:
    """A day in a table's narrow column: 1 Mar 2023."""
    return f"{day.day} {day:%b %Y}"


def moment_label(moment: dt.datetime) -> str:
    """A moment in a list of changes (an upload, a sign-in): 1 Mar 2023 14:05."""
    return f"{short_day_label(moment)} {moment:%H:%M}"
