"""A KPI's story for a month: the direction of travel by SPC against a baseline, the status with its reason, and a
summary that never states two verdicts that contradict each other."""

import datetime as dt

import pytest

from domain import story
from domain.brag import Status
from domain.catalogue import parse_catalogue
from domain.months import add_months
from domain.story import tell
from domain.trends import build_trend
from domain.values import ValueIndex


def entry(code, unit="percent", polarity="down", target=20.0, tolerance=2.0, decimals=1):
    found = {
        "code": code,
        "title": f"{code} title",
        "description": "d",
        "topic": "t",
        "unit": unit,
        "decimals": decimals,
        "polarity": polarity,
        "workstreams": ["WS01"],
        "source": "s",
    }
    if target is not None:
        found |= {"target": target, "tolerance": tolerance}
    return found


CATALOGUE = parse_catalogue(
    {
        "topics": {"t": "Topic"},
        "kpi": [
            entry("AGENCY"),
            entry("VISITS", polarity="up", target=90.0, tolerance=5.0),
            entry("CIC", unit="count", polarity="neither", target=None, decimals=0),
            entry("DAYS", unit="days", target=10.0, tolerance=1.0, decimals=0),
        ],
    }
)
START = dt.date(2023, 1, 1)


def index_of(code, values, suppressed=()):
    rows = [(code, add_months(START, n), value, None) for n, value in enumerate(values)]
    return ValueIndex(rows, {(code, add_months(START, n)) for n in suppressed})


def story_of(code, values, month_number=None, suppressed=()):
    index = index_of(code, values, suppressed)
    month = add_months(START, len(values) - 1 if month_number is None else month_number)
    return tell(CATALOGUE[code], index, month)


def wobble(level, count, step=0.5):
    return [level + (n % 3 - 1) * step for n in range(count)]


# Direction of travel


def test_direction_is_judged_by_spc_not_by_the_change_since_last_month():
    """A month 1.5 points better than the last is still "no significant change" inside the limits."""
    told = story_of("AGENCY", wobble(30.0, 25))
    assert told.change_month == pytest.approx(-1.0) and told.direction == story.NO_CHANGE
    assert "Direction of travel: no significant change" in told.summary


@pytest.mark.parametrize(
    "code, tail, expected",
    [
        ("AGENCY", [25.0] * 8, story.IMPROVING),  # lower is better: a run below the baseline's mean
        ("AGENCY", [35.0] * 8, story.WORSENING),
        ("VISITS", [35.0] * 8, story.IMPROVING),  # higher is better
        ("VISITS", [25.0] * 8, story.WORSENING),
        ("CIC", [35.0] * 8, story.HIGHER),  # a context measure: neither direction is better
        ("CIC", [25.0] * 8, story.LOWER),
    ],
)
def test_a_sustained_shift_from_the_baseline_is_a_direction_by_polarity(code, tail, expected):
    assert story_of(code, wobble(30.0, 20) + tail).direction == expected


def test_too_few_months_no_figure_and_a_hidden_figure_each_say_so():
    assert story_of("AGENCY", wobble(30.0, 12)).direction == story.TOO_FEW
    assert story_of("AGENCY", [*wobble(30.0, 20), None]).direction == story.NO_DATA
    hidden = story_of("AGENCY", wobble(30.0, 20), suppressed=[19])
    assert hidden.direction == story.NOT_SHOWN and hidden.value is None and hidden.value_text == "c"
    assert "30" not in hidden.summary and "small number" in hidden.summary


# Baselines


def test_limits_come_from_the_first_20_months_and_are_extended_forward():
    values = wobble(30.0, 20) + [25.0] * 10
    trend = build_trend(CATALOGUE["AGENCY"], index_of("AGENCY", values))
    assert trend.baseline == (START, add_months(START, 19))
    assert all(p.mean == pytest.approx(30.0, abs=0.05) for p in trend.points)  # later months do not move it
    assert "worked out from January 2023 to August 2024 (20 months with a figure)" in story_of("AGENCY", values).summary


def test_with_fewer_than_20_months_every_month_is_the_baseline():
    trend = build_trend(CATALOGUE["AGENCY"], index_of("AGENCY", wobble(30.0, 15)))
    assert trend.baseline == (START, add_months(START, 14))


def test_a_re_basing_takes_a_new_baseline_from_its_month():
    values = wobble(30.0, 20) + wobble(25.0, 30)
    rebased = build_trend(CATALOGUE["AGENCY"], index_of("AGENCY", values), rebased_from=(add_months(START, 20),))
    assert rebased.baseline == (add_months(START, 20), add_months(START, 39))
    assert rebased.points[-1].mean == pytest.approx(25.0, abs=0.05)
    assert rebased.points[0].mean == pytest.approx(30.0, abs=0.05)
    assert rebased.variation == "common_cause"


# Status and its reason


@pytest.mark.parametrize(
    "code, values, expected",
    [
        (
            "AGENCY",
            [34.0],
            "Red: 34.0% against a target of at most 20.0%, 14.0 points worse, more than the 2.0-point tolerance.",
        ),
        (
            "AGENCY",
            [22.0],
            "Amber: 22.0% against a target of at most 20.0%, 2.0 points worse, within the 2.0-point tolerance.",
        ),
        ("AGENCY", [20.0], "Green: 20.0% against a target of at most 20.0%, exactly at target."),
        (
            "AGENCY",
            [19.0, 18.0, 17.5],
            "Blue: 17.5% against a target of at most 20.0%, better than target in this "
            "month and in each of the 2 months before it.",
        ),
        ("VISITS", [91.0], "Green: 91.0% against a target of at least 90.0%, 1.0 point better."),
        (
            "DAYS",
            [12],
            "Red: 12 days against a target of at most 10 days, 2 days worse, more than the 1-day tolerance.",
        ),
        ("CIC", [300], "Not rated: a context measure, where neither higher nor lower is better."),
        ("AGENCY", [None], "No data: no figure for January 2023."),
    ],
)
def test_the_status_carries_its_reason(code, values, expected):
    assert story_of(code, values).status_reason == expected


def test_the_changes_are_numbers_as_shown_and_words_in_the_summary():
    told = story_of("AGENCY", [*([30.0] * 11), 31.04, 29.96])
    assert told.change_month == pytest.approx(-1.0) and told.change_month_text == "−1.0 pts"
    assert told.change_year == pytest.approx(-0.0) and told.change_year_text == "no change"
    assert "30.0% in January 2024: down 1.0 point on December 2023 and the same as in January 2023." in told.summary


# One coherent summary


def test_a_target_met_for_months_after_a_shift_does_not_get_the_baselines_hit_and_miss_verdict():
    """WF01 said "met for 40 months running" beside "will be met in some months and missed in others"."""
    told = story_of("AGENCY", wobble(21.0, 20, step=1.5) + [15.0] * 12)
    assert told.direction == story.IMPROVING and told.status is Status.BLUE
    assert "met for 12 months running" in told.summary
    assert "missed" not in told.summary and "will not be met" not in told.summary
    assert "re-base" in told.summary


def test_a_steady_process_gets_the_limits_verdict_on_the_target():
    told = story_of("AGENCY", wobble(30.0, 24))
    assert told.status is Status.RED
    assert "At the current level of variation the target will not be met unless something changes." in told.summary


CONTRADICTIONS = [
    ("has been met for", "will not be met unless"),
    ("has been met for", "met in some months and missed"),
    ("Red:", "will be met consistently"),
    ("Amber:", "will be met consistently"),
    ("Direction of travel: improving", "special-cause concern"),
    ("Direction of travel: worsening", "special-cause improvement"),
    ("Direction of travel: no significant change", "special-cause"),
]


def contradictions(text: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in CONTRADICTIONS if a in text and b in text]


@pytest.mark.parametrize("code", ["AGENCY", "VISITS", "DAYS"])
@pytest.mark.parametrize("level", [12.0, 20.0, 30.0, 88.0, 95.0])
@pytest.mark.parametrize("tail", [[], [15.0] * 10, [40.0] * 10, [90.0, 96.0, 97.0, 98.0]])
def test_no_summary_states_two_verdicts_that_contradict_each_other(code, level, tail):
    values = wobble(level, 20, step=2.0) + tail
    for month in range(len(values)):
        assert contradictions(story_of(code, values, month).summary) == []


def test_the_recent_months_in_words_leave_out_hidden_figures_and_name_the_target():
    told = story_of("AGENCY", [30.0, 31.0, *wobble(30.0, 26), 25.0], suppressed=(27,))
    assert told.recent_text() == (
        "Last 24 months: from 29.5% in June 2023 to 25.0% in May 2025, between 25.0% and 30.5%; target at most 20.0%."
    )
    assert "target" not in story_of("CIC", wobble(300.0, 5, 5)).recent_text()
    assert story_of("AGENCY", [30.0]).recent_text() == "Last 24 months: too few figures to draw."


def test_the_assurance_words_say_what_the_summary_says_and_nothing_where_the_limits_are_out_of_date():
    missed = story_of("AGENCY", wobble(30.0, 25))  # steady, far worse than the 20% target
    assert missed.assurance == story.MISSED and "will not be met unless something changes" in missed.summary
    changed = story_of("AGENCY", [*wobble(30.0, 20), *wobble(15.0, 10)])  # a sustained fall well below the target
    assert changed.status is Status.BLUE and changed.trend.assurance == "fail"  # the old limits' verdict ...
    assert changed.assurance == ""  # ... is not shown as if it were about the process now
    assert "the limits cannot yet say whether the target will be met" in changed.summary
    assert story_of("CIC", wobble(300.0, 25, 5)).assurance == ""  # a context measure has no target
