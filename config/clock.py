"""The dashboard's clock: the time of day in the UK (Europe/London), whatever time zone the server's clock keeps.

Every moment the dashboard records and shows is read here: an upload, a rollback, a sign-in, a refusal's "try
again after", a pack built, a re-basing decided, each line of the audit log. A council's server often keeps UTC, and
in British Summer Time its own clock is an hour behind the officers' and members': the audit log would have said
that an upload came an hour before it did. Moments are kept as the UK's wall-clock time without a zone (as DuckDB's
TIMESTAMP holds them), so the hour the clocks go back in October comes twice.

The zone is fixed rather than a setting: the dashboard serves councils in the UK, whose statutory returns and
inspections all run on UK time."""

import datetime as dt
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")  # from the operating system, or from the tzdata package where it has none (Windows)


def now(instant: dt.datetime | None = None) -> dt.datetime:
    """UK time now (or at `instant`, a moment with its zone), to the microsecond, without a zone."""
    return (instant or dt.datetime.now(dt.UTC)).astimezone(UK).replace(tzinfo=None)


def today() -> dt.date:
    """The UK's date today: what "a month in the future" or "a snapshot dated tomorrow" is judged against."""
    return now().date()
