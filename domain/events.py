"""Improvement events (inspections, judgements, plan milestones, service changes), read from data/events.toml."""

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from accounts.roles import Actor, Permission, require
from config import clock
from config.toml_files import read_toml
from domain.months import short_day_label

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
        return f"{short_day_label(self.date)}: {self.title}"


def load_events(path: Path) -> list[Event]:
    """Events in date order. Raises EventsError naming every problem."""
    if not path.exists():
        return []
    entries = read_toml(path, EventsError).get("event", [])
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


def _toml_string(text: str) -> str:
    """A TOML basic string. JSON's escapes (\\", \\\\, \\n, \\uXXXX) are valid TOML escapes too."""
    return json.dumps(str(text), ensure_ascii=False)


def render_events(events: list[Event], header: str) -> str:
    lines = [header.rstrip(), ""]
    for event in sorted(events, key=lambda e: e.date):
        lines += [
            "[[event]]",
            f"date = {event.date.isoformat()}",
            f"title = {_toml_string(event.title)}",
            f"kind = {_toml_string(event.kind)}",
            f"description = {_toml_string(event.description)}",
            f"source = {_toml_string(event.source)}",
            "",
        ]
    return "\n".join(lines)


def check_event(event: Event) -> list[str]:
    problems = [
        f"{name} is required" for name in ("title", "description", "source") if not getattr(event, name).strip()
    ]
    if event.kind not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
    if len(event.title) > 40:
        problems.append("title must be 40 characters or fewer, to fit on a chart")
    return problems


def save_events(path: Path, events: list[Event], changed_by: Actor, audit: Callable[[], None] | None = None) -> Path:
    """Write the events file atomically, first keeping a copy of the previous version beside it, then call `audit`
    to record the change; if that fails the previous version is put back, so that no change stands unrecorded.

    Returns the path of the kept copy. The file's header comment (everything before the first event) is kept.
    Only someone allowed to change data may save (NotAllowed otherwise, before anything is written). A failed
    audit raises EventsError, with the events file as it was."""
    require(changed_by, Permission.CHANGE_DATA)
    for event in events:
        problems = check_event(event)
        if problems:
            raise EventsError(f"{event.title or 'an event'}: " + "; ".join(problems))
    existed = path.exists()
    text = path.read_text(encoding="utf-8") if existed else ""
    header = text.split("[[event]]", 1)[0] if text else "# Improvement events.\n"
    history = path.parent / "events_history"
    history.mkdir(exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    kept = (
        history
        / f"events-{stamp}-before-change-by-{''.join(c for c in changed_by.name if c.isalnum()) or 'unknown'}.toml"
    )
    kept.write_text(text, encoding="utf-8")
    _replace(path, render_events(events, header))
    if audit is not None:
        try:
            audit()
        except Exception as failure:
            if existed:
                _replace(path, text)
            else:
                path.unlink()
            raise EventsError(
                f"the change could not be recorded in the audit log, so it was not saved ({failure})"
            ) from failure
    return kept


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never half of it."""
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
