"""The performance team removes an event on the Timeline: the event removed is the one chosen, even when someone
else changed the events after the page was drawn (Streamlit puts a choice the list no longer has back to the
default, which once was the first event)."""

import os
import shutil

import pytest

from accounts.roles import Role
from domain.events import Event, load_events, render_events
from tests.conftest import ROOT
from tests.pages.conftest import app


@pytest.fixture
def events_file(fixture_app, monkeypatch):
    path = fixture_app / "events.toml"
    shutil.copy(ROOT / "data" / "events.toml", path)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(path))
    return path


def choose_to_remove(label: str):
    """The Timeline's form to remove an event, filled in for `label` and ticked, not yet sent."""
    at = app(Role.PERFORMANCE)
    at.run()
    at.switch_page("pages/timeline.py").run()
    at.toggle(key="change_events").set_value(True).run()
    at.selectbox(key="remove_choice").set_value(label)
    at.checkbox(key="remove_sure").check()
    return at


def meanwhile(path, change) -> None:
    """Someone else changes the events file after the page was drawn."""
    header = path.read_text().split("[[event]]", 1)[0]
    path.write_text(render_events(change(load_events(path)), header))
    os.utime(path, (1, 1))  # a new modification time, as a save a moment later would give


def titles(path) -> list[str]:
    return [event.title for event in load_events(path)]


def test_the_event_chosen_is_removed_even_when_another_was_added_before_it_meanwhile(events_file):
    before = titles(events_file)
    at = choose_to_remove("21 Sep 2022: Judged inadequate")
    early = Event(load_events(events_file)[0].date, "Peer review", "other", "An earlier event.", "Minutes")
    meanwhile(events_file, lambda events: [early, *events])
    at.button(key="FormSubmitter:remove_event-Remove the event").click().run()
    assert not at.exception and not at.error
    assert titles(events_file) == ["Peer review", *[t for t in before if t != "Judged inadequate"]]


def test_an_event_someone_removed_meanwhile_is_not_replaced_by_another(events_file):
    before = titles(events_file)
    at = choose_to_remove("21 Sep 2022: Judged inadequate")
    meanwhile(events_file, lambda events: [e for e in events if e.title != "Judged inadequate"])
    at.button(key="FormSubmitter:remove_event-Remove the event").click().run()
    assert [e.value for e in at.error] == [
        "Choose the event to remove. If you had chosen one, someone changed the events since this page was drawn "
        "and it is no longer in the list: nothing was removed."
    ]
    assert titles(events_file) == [t for t in before if t != "Judged inadequate"]  # only the other person's change
