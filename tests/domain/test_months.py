"""How the dashboard writes months, days and moments: one way everywhere, and one that works on every platform."""

import datetime as dt
import re

from domain.months import day_label, moment_label, month_label, short_day_label
from tests.conftest import ROOT


def test_days_are_written_without_a_leading_zero_as_gov_uk_writes_them():
    assert day_label(dt.date(2023, 3, 1)) == "1 March 2023"
    assert day_label(dt.date(2026, 12, 25)) == "25 December 2026"
    assert short_day_label(dt.date(2023, 3, 1)) == "1 Mar 2023"
    assert moment_label(dt.datetime(2026, 12, 7, 9, 5)) == "7 Dec 2026 09:05"
    assert day_label(dt.datetime(2026, 1, 2, 23, 59)) == "2 January 2026"  # a moment's day
    assert month_label(dt.date(2023, 9, 1)) == "September 2023"


def test_no_other_module_writes_a_day_itself():
    """A day format anywhere else would read differently from the rest ("01 March" beside "1 March"), and strftime's
    "%-d" raises an error on Windows."""
    day_format = re.compile(r"%-?d[ ,]+%[bB]|%-d")
    writers = [
        str(path.relative_to(ROOT))
        for folder in ("app.py", "accounts", "database", "domain", "loaders", "pages", "reports", "ui", "tools")
        for path in ([ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"))
        if path.name != "months.py" and day_format.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == []
