"""Limits on checking uploads, so that one person (or a script with their session) cannot tie up the server:

- each person may have at most PER_PERSON files checked within WINDOW (a month's return and its corrections take a
  handful; a script sending file after file is stopped);
- at most AT_ONCE files are checked at the same time, whoever sent them (each check is bounded in time and memory,
  loaders/xlsx_cells.py; two at once keep the two cores of a small server for everyone else);
- the size of a file is limited before it is read (loaders/file_checks.py: 20 MB, as Streamlit's upload box).

A refusal is UploadRefused, whose message says what happened and when to try again; nothing is read or written.
"""

import datetime as dt
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from config import clock

PER_PERSON = 20
WINDOW = dt.timedelta(minutes=10)
AT_ONCE = 2


class UploadRefused(RuntimeError):
    """A file was not checked because of a limit; the message is safe to show and says when to try again."""


class UploadLimits:
    def __init__(self, per_person: int = PER_PERSON, window: dt.timedelta = WINDOW, at_once: int = AT_ONCE) -> None:
        self.per_person, self.window, self.at_once = per_person, window, at_once
        self._checked: dict[str, deque[dt.datetime]] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(at_once)

    def _recent(self, person: str, now: dt.datetime) -> deque[dt.datetime]:
        times = self._checked.setdefault(person, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    @contextmanager
    def checking(self, person: str, now: dt.datetime | None = None) -> Iterator[None]:
        """Check a file within the limits, or raise UploadRefused before anything is read."""
        now = now or clock.now()
        with self._lock:
            times = self._recent(person, now)
            if len(times) >= self.per_person:
                minutes = int(self.window.total_seconds() // 60)
                raise UploadRefused(
                    f"You have had {len(times)} files checked in the last {minutes} minutes, the most allowed. "
                    f"Try again after {times[0] + self.window:%H:%M}. Nothing was uploaded."
                )
        if not self._slots.acquire(blocking=False):
            raise UploadRefused(
                f"{self.at_once} other files are being checked right now, the most the server checks at once. "
                "Try again in a minute. Nothing was uploaded."
            )
        try:
            with self._lock:
                self._recent(person, now).append(now)
            yield
        finally:
            self._slots.release()


LIMITS = UploadLimits()  # the app's, shared by every session of the server process
