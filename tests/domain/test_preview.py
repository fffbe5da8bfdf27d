"""The upload preview compares with what members last saw: a new month with the month before it, a revision with
the figures it replaces."""

import datetime as dt

from domain.brag import Status
from domain.preview import commentary_changes, commentary_summary, compare, summary
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


def test_a_revision_lists_the_commentary_it_adds_changes_takes_away_or_shows_to_another_audience():
    held = {
        ("AGENCY", SEP): ("Agency use up", False),
        ("VISITS", SEP): ("Visits on track", False),
        ("DAYS", SEP): ("Same words", False),
    }
    incoming = {
        ("AGENCY", SEP): ("Agency use up: two teams", False),
        ("VISITS", SEP): None,
        ("DAYS", SEP): ("Same words", True),
        ("AGENCY", OCT): ("A new month's note", True),  # not a revision: the new month's figures say it all
    }
    changes = commentary_changes(incoming, held, [SEP], CATALOGUE)
    assert [(c.kpi.code, c.kind, c.before, c.after) for c in changes] == [
        ("AGENCY", "Changed", "Agency use up (members only)", "Agency use up: two teams (members only)"),
        ("VISITS", "Removed", "Visits on track (members only)", "No commentary"),
        ("DAYS", "Now public", "Same words (members only)", "Same words (public)"),
    ]
    assert commentary_summary(changes) == "Commentary changes for 3 KPIs."
    assert commentary_changes({("AGENCY", SEP): ("Agency use up", False)}, held, [SEP], CATALOGUE) == []
    assert commentary_summary([]) == ""


def test_commentary_typed_where_there_was_none_is_added():
    changes = commentary_changes({("AGENCY", SEP): ("First words", True)}, {}, [SEP], CATALOGUE)
    assert [(c.kind, c.before, c.after) for c in changes] == [("Added", "No commentary", "First words (public)")]
