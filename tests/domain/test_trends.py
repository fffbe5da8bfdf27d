"""A KPI's trend summary says which period each sentence is about: the whole series, then the latest month's SPC."""

import datetime as dt

from domain.catalogue import parse_catalogue
from domain.months import add_months
from domain.trends import build_trend, summary
from domain.values import ValueIndex

CATALOGUE = parse_catalogue(
    {
        "topics": {"t": "Topic"},
        "kpi": [
            {
                "code": "AGENCY",
                "title": "Agency social workers",
                "description": "d",
                "topic": "t",
                "unit": "percent",
                "decimals": 1,
                "polarity": "down",
                "target": 20.0,
                "tolerance": 5.0,
                "workstreams": ["WS01"],
                "source": "s",
            },
        ],
    }
)
START = dt.date(2025, 1, 1)


def trend_of(values, recalculate_from=None):
    index = ValueIndex((("AGENCY", add_months(START, n), value, None) for n, value in enumerate(values)))
    return build_trend(CATALOGUE["AGENCY"], index, recalculate_from=recalculate_from)


def test_a_fall_over_the_period_with_a_bad_latest_month_says_which_is_which():
    values = [30.0] + [20.0 + (n % 2) * 0.5 for n in range(19)] + [28.0]  # better overall, worse this month
    text = summary(trend_of(values))
    assert "fell from 30.0% in January 2025 to 28.0% in September 2026." in text
    assert (
        "The latest month shows special-cause concern: a significant change for the worse against the months "
        "before it." in text
    )
    assert "target was not met in September 2026" in text


def test_a_steady_series_shows_common_cause_variation():
    text = summary(trend_of([20.0 + (n % 3) * 0.5 for n in range(15)]))
    assert "only common-cause variation" in text


def test_too_few_months_for_spc_are_said_plainly():
    assert "too few months (fewer than 13)" in summary(trend_of([20.0, 21.0, 19.5]))


def test_the_limits_verdict_on_the_target_is_given_for_a_steady_process():
    text = summary(trend_of([30.0 + (n % 2) * 0.5 for n in range(15)]))  # steady, well above a 20% "at most"
    assert "At the current level of variation the target will not be met unless something changes." in text


def test_a_month_met_beyond_limits_that_said_fail_does_not_get_the_old_verdict():
    values = [30.0 + (n % 2) * 0.5 for n in range(20)] + [15.0, 14.5, 15.0]  # a step down below the 20% target
    text = summary(trend_of(values))
    assert "The 20.0% target has been met for 3 months running." in text
    assert "will not be met unless something changes" not in text
    assert (
        "The process limits, worked out from every month with a figure, say the target would not be met, but "
        "the figures have since changed significantly. To see whether the target will be met from now on, "
        "recalculate the limits from the month the change began (on the KPI trend page)." in text
    )


def test_a_month_missed_beyond_limits_that_said_pass_does_not_get_the_old_verdict():
    values = [10.0 + (n % 2) * 0.5 for n in range(20)] + [26.0]  # a jump above the 20% target
    text = summary(trend_of(values))
    assert "target was not met in September 2026" in text
    assert "will be met consistently." not in text
    assert "say the target would be met consistently, but the figures have since changed significantly" in text


def test_the_limits_named_are_those_recalculated():
    values = [30.0 + (n % 2) * 0.5 for n in range(20)] + [15.0, 14.5, 15.0]
    text = summary(trend_of(values, recalculate_from=add_months(START, 5)))
    assert "The process limits, worked out from June 2025 onwards, say the target would not be met" in text
