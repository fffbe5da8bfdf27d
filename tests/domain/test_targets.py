"""Targets that change over a plan: each month is judged against the target in force in it, a trajectory moves the
target month by month, and adding a future target re-rates nothing in the past."""

import datetime as dt

import pytest

from domain import brag
from domain.brag import Status
from domain.catalogue import CatalogueError, parse_catalogue
from domain.months import add_months
from domain.story import tell
from domain.trends import build_trend
from domain.values import ValueIndex

MARCH, APRIL = dt.date(2025, 3, 1), dt.date(2025, 4, 1)


def catalogue(polarity="down", target=25.0, targets=None, tolerance=2.0):
    entry = {
        "code": "K",
        "title": "A KPI",
        "description": "d",
        "topic": "t",
        "unit": "percent",
        "decimals": 1,
        "polarity": polarity,
        "workstreams": ["WS01"],
        "source": "s",
        "target": target,
        "tolerance": tolerance,
    }
    if targets is not None:
        entry["targets"] = targets
    return parse_catalogue({"topics": {"t": "T"}, "kpi": [entry]})


def test_a_month_is_judged_against_the_target_in_force_then_lower_is_better():
    kpi = catalogue(targets=[{"from": "2025-04", "target": 20.0, "tolerance": 2.0}])["K"]
    assert brag.status(kpi, [22.0], MARCH) is Status.GREEN  # at most 25 in March
    assert brag.status(kpi, [22.0], APRIL) is Status.AMBER  # at most 20 from April: 2.0 worse, the tolerance
    assert brag.status(kpi, [22.1], APRIL) is Status.RED
    assert kpi.at(MARCH).target == 25.0 and kpi.at(APRIL).target == 20.0


def test_a_month_is_judged_against_the_target_in_force_then_higher_is_better():
    kpi = catalogue("up", 80.0, [{"from": "2025-04", "target": 90.0, "tolerance": 3.0}])["K"]
    assert brag.status(kpi, [85.0], MARCH) is Status.GREEN
    assert brag.status(kpi, [87.0], APRIL) is Status.AMBER
    assert brag.status(kpi, [86.9], APRIL) is Status.RED


def test_blue_needs_each_month_better_than_its_own_target():
    kpi = catalogue(targets=[{"from": "2025-04", "target": 20.0, "tolerance": 2.0}])["K"]
    # 19.0 in April and May is better than 20; 23.0 in March was better than March's 25
    assert brag.status(kpi, [19.0, 19.0, 23.0], dt.date(2025, 5, 1)) is Status.BLUE
    assert brag.status(kpi, [19.0, 19.0, 25.0], dt.date(2025, 5, 1)) is Status.GREEN  # March exactly at 25


def test_a_trajectory_moves_the_target_month_by_month_then_holds():
    kpi = catalogue(
        targets=[{"from": "2025-04", "target": 24.0, "tolerance": 2.0, "path_to": 18.0, "path_by": "2025-10"}]
    )["K"]
    assert [kpi.at(add_months(APRIL, n)).target for n in range(0, 9)] == [24, 23, 22, 21, 20, 19, 18, 18, 18]
    assert kpi.at(MARCH).target == 25.0


def test_adding_a_future_target_re_rates_nothing_in_the_past():
    values = [(("K", add_months(dt.date(2023, 1, 1), n), 21.0 + (n % 3), None)) for n in range(30)]
    index = ValueIndex(values)
    before = catalogue()["K"]
    after = catalogue(targets=[{"from": "2026-01", "target": 15.0, "tolerance": 1.0}])["K"]
    for month in index.months:
        assert tell(after, index, month).status == tell(before, index, month).status
        assert tell(after, index, month).status_reason == tell(before, index, month).status_reason
    trend = build_trend(after, ValueIndex([*values, ("K", dt.date(2026, 1, 1), 21.0, None)]))
    assert [p.target for p in trend.points][-2:] == [25.0, 15.0]  # drawn as it stood each month
    assert tell(
        after, ValueIndex([*values, ("K", dt.date(2026, 1, 1), 21.0, None)]), dt.date(2026, 1, 1)
    ).target_text == ("at most 15.0%")


@pytest.mark.parametrize(
    "targets, message",
    [
        ([{"from": "April 2025", "target": 20.0, "tolerance": 2.0}], 'from must be a month written "YYYY-MM"'),
        ([{"from": "2025-04", "target": 20.0}], "tolerance must be a number"),
        (
            [{"from": "2025-04", "target": 20.0, "tolerance": 2.0}, {"from": "2025-01", "target": 21, "tolerance": 2}],
            "targets must be in date order",
        ),
        ([{"from": "2025-04", "target": 20.0, "tolerance": 2.0, "path_to": 15.0}], "needs both path_to and path_by"),
        (
            [{"from": "2025-04", "target": 20.0, "tolerance": 2.0, "path_to": 15.0, "path_by": "2025-01"}],
            "path_by a month",
        ),
        ([{"from": "2025-04", "target": 20.0, "tolerance": 2.0, "until": "2026-01"}], "unknown field(s) until"),
    ],
)
def test_mistakes_in_a_target_history_are_named(targets, message):
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        catalogue(targets=targets)


def test_the_target_history_in_words_for_definitions_and_the_kpi_page():
    from domain.story import target_history_text

    kpi = catalogue(
        targets=[
            {"from": "2025-04", "target": 20.0, "tolerance": 2.0},
            {"from": "2026-04", "target": 20.0, "tolerance": 1.0, "path_to": 15.0, "path_by": "2027-03"},
        ]
    )["K"]
    assert target_history_text(kpi) == (
        "at most 25.0% (tolerance 2.0 points) to March 2025; from April 2025: at most 20.0% (tolerance 2.0 points); "
        "from April 2026: at most 20.0% (tolerance 1.0 point), moving month by month to 15.0% by March 2027"
    )
    assert target_history_text(catalogue()["K"]) == ""
