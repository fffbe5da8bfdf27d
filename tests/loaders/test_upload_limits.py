"""Limits on checking uploads: per person within a window, and how many at once; a refusal reads nothing."""

import datetime as dt
import threading

import pytest

from config import clock
from loaders.upload_limits import UploadLimits, UploadRefused

NOON = dt.datetime(2026, 12, 2, 12, 0)


def test_a_person_may_have_so_many_files_checked_in_the_window_then_waits():
    limits = UploadLimits(per_person=3, window=dt.timedelta(minutes=10))
    for minute in range(3):
        with limits.checking("p.officer", NOON + dt.timedelta(minutes=minute)):
            pass
    with pytest.raises(UploadRefused, match=r"3 files checked in the last 10 minutes.*Try again after 12:10"):
        with limits.checking("p.officer", NOON + dt.timedelta(minutes=5)):
            raise AssertionError("the file was read")
    with limits.checking("someone.else", NOON + dt.timedelta(minutes=5)):  # per person, not for everyone
        pass
    with limits.checking("p.officer", NOON + dt.timedelta(minutes=10)):  # the first has left the window
        pass


def test_only_so_many_files_are_checked_at_once_and_a_refusal_does_not_count():
    limits = UploadLimits(per_person=5, at_once=2)
    inside, release = threading.Barrier(3), threading.Event()

    def check_slowly():
        with limits.checking("a.person"):
            inside.wait()
            release.wait(10)

    workers = [threading.Thread(target=check_slowly) for _ in range(2)]
    for worker in workers:
        worker.start()
    inside.wait()  # two checks are under way
    with pytest.raises(UploadRefused, match="2 other files are being checked right now"):
        with limits.checking("b.person"):
            raise AssertionError("the file was read")
    release.set()
    for worker in workers:
        worker.join()
    with limits.checking("b.person"):  # a slot is free again
        pass
    assert len(limits._recent("b.person", clock.now())) == 1  # the refused attempt was not counted


def test_a_check_that_fails_still_frees_its_place():
    limits = UploadLimits(at_once=1)
    with pytest.raises(ValueError), limits.checking("a.person"):
        raise ValueError("damaged workbook")
    with limits.checking("a.person"):
        pass
