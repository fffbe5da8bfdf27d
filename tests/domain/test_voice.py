"""The complaints and compliments over a year, in the one sentence the Voice page and the pack both give, for
whichever counts the council's catalogue carries and the months each is reported in."""

import dataclasses
import datetime as dt

from domain.months import add_months
from domain.values import ValueIndex
from domain.voice import COMPLAINTS, complaints_sentence, voice_lines

OCTOBER = dt.date(2026, 10, 1)
MONTHS = [add_months(OCTOBER, -step) for step in range(23, -1, -1)]  # two years to October 2026
PER_MONTH = {"QA04": 20.0, "QA09": 1.0, "QA10": 0.0, "QA11": 1.0, "QA06": 100.0}
INDEX = ValueIndex([(code, month, value, None) for code, value in PER_MONTH.items() for month in MONTHS])


def without(catalogue, *codes):
    return dataclasses.replace(catalogue, kpis={c: k for c, k in catalogue.kpis.items() if c not in codes})


def test_a_year_of_every_count_in_one_sentence(catalogue):
    assert complaints_sentence(catalogue, INDEX, OCTOBER) == (
        "In the 12 months to October 2026: 240 stage 1 complaints, 12 at stage 2, 0 at stage 3, 12 to the "
        "Ombudsman and 1,200 compliments."
    )
    assert voice_lines(catalogue, INDEX, OCTOBER)[-1] == complaints_sentence(catalogue, INDEX, OCTOBER)


def test_only_the_counts_the_catalogue_carries(catalogue):
    assert complaints_sentence(without(catalogue, "QA09", "QA10", "QA11"), INDEX, OCTOBER) == (
        "In the 12 months to October 2026: 240 stage 1 complaints and 1,200 compliments."
    )
    assert complaints_sentence(without(catalogue, *COMPLAINTS), INDEX, OCTOBER) is None
    assert voice_lines(without(catalogue, *COMPLAINTS, "QA07", "QA08"), INDEX, OCTOBER) == []


def test_a_count_reported_for_part_of_the_year_says_which_part(catalogue):
    dropped = dataclasses.replace(catalogue["QA11"], reported_until=dt.date(2026, 6, 1))
    added = dataclasses.replace(catalogue["QA10"], reported_from=dt.date(2026, 4, 1))
    gone = dataclasses.replace(catalogue["QA09"], reported_until=dt.date(2025, 6, 1))
    changed = dataclasses.replace(catalogue, kpis={**catalogue.kpis, "QA11": dropped, "QA10": added, "QA09": gone})
    assert complaints_sentence(changed, INDEX, OCTOBER) == (
        "In the 12 months to October 2026: 240 stage 1 complaints, 0 at stage 3 (reported from April 2026), "
        "8 to the Ombudsman (reported to June 2026) and 1,200 compliments."
    )
