"""Reading and saving the improvement events file."""

import datetime as dt
import shutil

import pytest

from domain.events import Event, EventsError, load_events, save_events
from tests.actors import officer
from tests.conftest import ROOT


@pytest.fixture
def events_file(tmp_path):
    path = tmp_path / "events.toml"
    shutil.copy(ROOT / "data" / "events.toml", path)
    return path


def test_the_shipped_events_load_in_date_order():
    events = load_events(ROOT / "data" / "events.toml")
    assert len(events) >= 8 and events == sorted(events, key=lambda e: e.date)
    assert events[0].title == "Ofsted inspection" and events[0].date == dt.date(2022, 7, 19)


def test_saving_keeps_the_header_the_previous_version_and_every_character(events_file):
    events = load_events(events_file)
    added = Event(
        dt.date(2024, 10, 14),
        'Visit "3"',
        "monitoring_visit",
        "Third visit: children in care\\care leavers, naïve quotes ‘x’.",
        "Ofsted letter",
    )
    kept = save_events(events_file, [*events, added], changed_by=officer("perf.officer"))
    reloaded = load_events(events_file)
    assert added in reloaded and len(reloaded) == len(events) + 1
    assert events_file.read_text().startswith("# Improvement events, drawn on every trend chart")
    assert kept.exists() and load_events(kept) == events and "perf.officer".replace(".", "") in kept.name


def test_removing_an_event(events_file):
    events = load_events(events_file)
    save_events(events_file, events[1:], changed_by=officer("x"))
    assert load_events(events_file) == events[1:]


def test_incomplete_events_are_refused_and_the_file_is_unchanged(events_file):
    before = events_file.read_text()
    with pytest.raises(EventsError, match="description is required"):
        save_events(events_file, [Event(dt.date(2024, 1, 1), "Visit", "monitoring_visit", " ", "src")], officer("x"))
    with pytest.raises(EventsError, match="40 characters"):
        save_events(events_file, [Event(dt.date(2024, 1, 1), "x" * 41, "other", "d", "s")], officer("x"))
    assert events_file.read_text() == before


def test_a_broken_file_names_every_problem(tmp_path):
    path = tmp_path / "events.toml"
    path.write_text('[[event]]\ntitle = "No date"\nkind = "party"\ndescription = "d"\nsource = "s"\n')
    with pytest.raises(EventsError, match=r"event 1: missing or wrong date \(as 2023-03-01\), kind"):
        load_events(path)


def test_a_change_whose_audit_record_fails_is_put_back(events_file):
    before = events_file.read_text()
    recorded = []

    def audit_fails():
        raise OSError("database is locked")

    with pytest.raises(EventsError, match="could not be recorded in the audit log, so it was not saved"):
        save_events(events_file, load_events(events_file)[1:], officer("x"), audit=audit_fails)
    assert events_file.read_text() == before
    save_events(events_file, load_events(events_file)[1:], officer("x"), audit=lambda: recorded.append("removed"))
    assert recorded == ["removed"] and events_file.read_text() != before


def test_a_first_events_file_whose_audit_record_fails_is_not_left_behind(tmp_path):
    path = tmp_path / "events.toml"
    with pytest.raises(EventsError):
        save_events(
            path, [Event(dt.date(2024, 1, 1), "Visit", "monitoring_visit", "d", "s")], officer("x"), audit=lambda: 1 / 0
        )
    assert not path.exists()
