"""The upload preview compares with what members last saw: a new month with the month before it, a revision with
the figures it replaces."""

import datetime as dt

from domain.brag import Status
from domain.preview import compare, summary
from domain.values import ValueIndex
from tests.domain.test_story import CATALOGUE

SEP, OCT = dt.date(2026, 9, 1), dt.date(2026, 10, 1)
LOADED = ValueIndex(
    [
        ("AGENCY", SEP, 21.0, None),  # Amber against at most 20.0% (tolerance 2.0)
        ("VISITS", SEP, 95.0, None),  # Green against at least 90.0%
        ("DAYS", SEP, 9, None),  # Green against at most 10 days
    ]
)


def test_a_new_month_is_compared_with_the_month_before_not_with_no_data():
    """It said "33 statuses change colour" for a new month: every one "No data" to its new colour."""
    changes = compare({("AGENCY", OCT): 23.0, ("VISITS", OCT): 96.0, ("DAYS", OCT): 9}, LOADED, CATALOGUE)
    moved = [(c.kpi.code, c.compared_with, c.old_status, c.new_status) for c in changes if c.status_changed]
    assert moved == [("AGENCY", SEP, Status.AMBER, Status.RED)]
    assert summary(changes) == "New month: 3 figures; compared with September 2026: 1 status changes colour."


def test_a_revision_is_compared_with_the_figures_it_replaces():
    changes = compare({("AGENCY", SEP): 19.0, ("VISITS", SEP): 95.0, ("DAYS", SEP): 9}, LOADED, CATALOGUE)
    moved = [(c.kpi.code, c.compared_with, c.old_status, c.new_status) for c in changes if c.status_changed]
    assert moved == [("AGENCY", SEP, Status.AMBER, Status.GREEN)]
    assert summary(changes) == "0 new, 1 changed and 2 unchanged figures; 1 status changes colour."
