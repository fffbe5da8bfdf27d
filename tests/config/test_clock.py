"""The dashboard's clock reads UK time, whatever zone the server keeps; nothing else reads the server's clock."""

import datetime as dt
import re
import subprocess
import sys

from config import clock
from tests.conftest import ROOT

UTC = dt.UTC


def test_in_summer_uk_time_is_an_hour_ahead_of_utc_and_in_winter_the_same():
    assert clock.now(dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)) == dt.datetime(2026, 7, 1, 10, 0)
    assert clock.now(dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)) == dt.datetime(2026, 12, 7, 9, 0)
    # the day changes at the UK's midnight: a month's first day begins at 23:00 UTC in summer
    assert clock.now(dt.datetime(2026, 7, 31, 23, 30, tzinfo=UTC)).date() == dt.date(2026, 8, 1)
    # when the clocks go back (25 October 2026), 01:30 comes twice
    assert clock.now(dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == clock.now(
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    )


def test_a_server_keeping_another_zone_still_records_uk_time():
    """A process whose own clock is in UTC (or Tokyo) reads the same wall-clock time as the UK."""
    script = "import datetime as dt; from config import clock; print(clock.now().isoformat(), dt.datetime.now().hour)"
    for zone in ("UTC", "Asia/Tokyo"):
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env={"TZ": zone, "PATH": ""}, capture_output=True, text=True
        )
        recorded, local_hour = run.stdout.split()
        expected = dt.datetime.now(UTC).astimezone(clock.UK).replace(tzinfo=None)
        assert abs(dt.datetime.fromisoformat(recorded) - expected) < dt.timedelta(seconds=30)
        if zone == "Asia/Tokyo":
            assert int(local_hour) != expected.hour  # the process's own clock was elsewhere


def test_no_other_module_reads_the_servers_clock():
    reads = re.compile(r"datetime\.now\(\)|date\.today\(\)|datetime\.today\(\)|time\.localtime\(")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("accounts", "config", "database", "domain", "loaders", "pages", "reports", "ui", "tools")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "clock.py" and reads.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [] and (ROOT / "app.py").read_text().count("now()") == 0
