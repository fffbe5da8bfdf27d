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
            {"code": "AGENCY", "title": "Agency social workers", "description": "d", "topic": "t",
             "unit": "percent", "decimals": 1, "polarity": "down", "target": 20.0, "tolerance": 5.0,
             "workstreams": ["WS01"], "source": "s"},
        ],
    }
)
START = dt.date(2025, 1, 1)


def trend_of(values):
    index = ValueIndex((("AGENCY", add_months(START, n), value, None) for n, value in enumerate(values)))
    return build_trend(CATALOGUE["AGENCY"], index)


def test_a_fall_over_the_period_with_a_bad_latest_month_says_which_is_which():
    values = [30.0] + [20.0 + (n % 2) * 0.5 for n in range(19)] + [28.0]  # better overall, worse this month
    text = summary(trend_of(values))
    assert "fell from 30.0% in January 2025 to 28.0% in September 2026." in text
    assert "The latest month shows special-cause concern: a significant change for the worse against the months " \
           "before it." in text
    assert "target was not met in September 2026" in text


def test_a_steady_series_shows_common_cause_variation():
    text = summary(trend_of([20.0 + (n % 3) * 0.5 for n in range(15)]))
    assert "only common-cause variation" in text


def test_too_few_months_for_spc_are_said_plainly():
    assert "too few months (fewer than 13)" in summary(trend_of([20.0, 21.0, 19.5]))
