"""Reporting months. A month is held as the date of its first day."""

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
