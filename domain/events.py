"""Improvement events (inspections, judgements, plan milestones, service changes), read from data/events.toml."""

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

KINDS = ("inspection", "judgement", "direction", "plan", "monitoring_visit", "partnership", "service_change", "other")


class EventsError(ValueError):
    pass


@dataclass(frozen=True)
class Event:
    date: dt.date
    title: str
    kind: str
    description: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.date:%d %b %Y}: {self.title}"


def load_events(path: Path) -> list[Event]:
    """Events in date order. Raises EventsError naming every problem."""
    if not path.exists():
        return []
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("event", [])
    problems, events = [], []
    for number, entry in enumerate(entries, start=1):
        missing = [f for f in ("title", "description", "source") if not str(entry.get(f, "")).strip()]
        if not isinstance(entry.get("date"), dt.date) or isinstance(entry.get("date"), dt.datetime):
            missing.append("date (as 2023-03-01)")
        if entry.get("kind") not in KINDS:
            missing.append(f"kind (one of {', '.join(KINDS)})")
        if missing:
            problems.append(f"event {number}: missing or wrong {', '.join(missing)}")
            continue
        events.append(Event(entry["date"], entry["title"], entry["kind"], entry["description"], entry["source"]))
    if problems:
        raise EventsError(f"{path}: " + "; ".join(problems))
    return sorted(events, key=lambda event: event.date)
