"""Working days in England: Monday to Friday, except England's bank holidays (data/bank_holidays_england.csv).

Timescales in Working Together to Safeguard Children count working days: an assessment completed "within 45
working days" of its start, an initial child protection conference "within 15 working days" of the strategy
discussion. The DfE counts the start day as day 0, so an assessment started on a Monday and authorised on the
next Monday took 5 working days, and one authorised on the day it started took 0.

The same calendar is given to the child-level definitions as a DuckDB table (`calendar`), so the SQL and this
module cannot disagree.
"""

import csv
import datetime as dt
import functools
from pathlib import Path

from config.paths import DATA_DIR

BANK_HOLIDAYS_FILE = DATA_DIR / "bank_holidays_england.csv"
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2035, 12, 31)  # the calendar's span; the table covers 2010-2030


@functools.cache
def bank_holidays(path: Path = BANK_HOLIDAYS_FILE) -> frozenset[dt.date]:
    with open(path, newline="", encoding="utf-8") as handle:
        return frozenset(dt.date.fromisoformat(row["date"]) for row in csv.DictReader(handle))


def holiday_years(path: Path = BANK_HOLIDAYS_FILE) -> tuple[int, int]:
    """The first and last year the shipped table covers."""
    years = sorted({day.year for day in bank_holidays(path)})
    return years[0], years[-1]


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


@functools.cache
def _index() -> dict[dt.date, int]:
    """Each day of the calendar's span and the number of working days from FIRST_DAY up to and including it."""
    index, count, day = {}, 0, FIRST_DAY
    while day <= LAST_DAY:
        count += is_working_day(day)
        index[day] = count
        day += dt.timedelta(days=1)
    return index


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end is start; negative when end is before)."""
    index = _index()
    return index[end] - index[start]


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The day `count` working days after `start` (count >= 0): the last day a timescale allows."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        count -= is_working_day(day)
    return day


def calendar_rows() -> tuple[list[dt.date], list[int]]:
    """The calendar as two columns (day, working days up to it), for the `calendar` table the SQL definitions use."""
    index = _index()
    return list(index), list(index.values())
