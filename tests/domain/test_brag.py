"""The BRAG rule at every boundary, for both polarities."""

import pytest

from domain.brag import Status, bands_text, month_status, status
from domain.catalogue import Kpi


def make_kpi(polarity="down", target=20.0, tolerance=5.0, decimals=1, unit="percent"):
    return Kpi(
        code="T1",
        title="Test",
        description="d",
        topic="t",
        unit=unit,
        decimals=decimals,
        polarity=polarity,
        workstreams=("WS01",),
        source="s",
        target=target,
        tolerance=tolerance,
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        (10.0, Status.GREEN),  # well better than target
        (20.0, Status.GREEN),  # exactly at target
        (20.04, Status.GREEN),  # shown as 20.0, so at target
        (20.05, Status.AMBER),  # shown as 20.1 (the float 20.05 lies just above 20.05)
        (20.1, Status.AMBER),
        (25.0, Status.AMBER),  # worse by exactly the tolerance
        (25.04, Status.AMBER),  # shown as 25.0
        (25.1, Status.RED),  # worse by more than the tolerance
        (99.0, Status.RED),
    ],
)
def test_lower_is_better_boundaries(value, expected):
    assert month_status(make_kpi("down"), value) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (95.0, Status.GREEN),
        (90.0, Status.GREEN),  # exactly at target
        (89.96, Status.GREEN),  # shown as 90.0
        (89.9, Status.AMBER),
        (80.0, Status.AMBER),  # worse by exactly the tolerance
        (79.9, Status.RED),
        (0.0, Status.RED),  # zero is a real value, not missing
    ],
)
def test_higher_is_better_boundaries(value, expected):
    assert month_status(make_kpi("up", target=90.0, tolerance=10.0), value) is expected


def test_floating_point_dust_does_not_change_the_band():
    kpi = make_kpi("down", target=0.1, tolerance=0.2, decimals=2)
    assert month_status(kpi, 0.1 + 0.2) is Status.AMBER  # 0.30000000000000004 is exactly the tolerance edge


def test_zero_tolerance_means_any_shortfall_is_red():
    kpi = make_kpi("up", target=90.0, tolerance=0.0)
    assert month_status(kpi, 90.0) is Status.GREEN
    assert month_status(kpi, 89.9) is Status.RED


def test_missing_value_is_no_data_not_zero():
    assert month_status(make_kpi("down"), None) is Status.NO_DATA
    assert status(make_kpi("down"), [None, 10.0, 10.0]) is Status.NO_DATA


def test_context_measures_and_kpis_without_target_are_not_rated():
    assert month_status(make_kpi("neither", target=None, tolerance=None), 5.0) is Status.NOT_RATED
    assert month_status(make_kpi("up", target=None, tolerance=None), 5.0) is Status.NOT_RATED
    assert status(make_kpi("neither", target=None, tolerance=None), [None]) is Status.NOT_RATED


@pytest.mark.parametrize(
    "recent, expected",
    [
        ([15.0, 15.0, 15.0], Status.BLUE),  # better than target three months running
        ([15.0, 15.0, 20.0], Status.GREEN),  # at target (not better) two months ago
        ([20.0, 15.0, 15.0], Status.GREEN),  # at target this month
        ([15.0, 15.0, None], Status.GREEN),  # a gap breaks the run
        ([15.0, 15.0], Status.GREEN),  # fewer than three months of history
        ([15.0, 15.0, 30.0], Status.GREEN),  # red two months ago
        ([15.0, 15.0, 15.0, 99.0], Status.BLUE),  # only the last three months count
        ([21.0, 15.0, 15.0], Status.AMBER),  # history cannot lift a worse month
    ],
)
def test_blue_needs_three_months_strictly_better_than_target(recent, expected):
    assert status(make_kpi("down"), recent) is expected


def test_blue_for_higher_is_better():
    kpi = make_kpi("up", target=90.0, tolerance=10.0)
    assert status(kpi, [91.0, 92.0, 90.1]) is Status.BLUE
    assert status(kpi, [91.0, 92.0, 90.0]) is Status.GREEN


def test_status_text_carries_a_shape_and_a_word():
    for item in Status:
        symbol, word = item.text.split(" ", 1)
        assert symbol == item.value.symbol and word == item.value.label
    assert len({s.value.symbol for s in Status}) == len(Status)  # every status has its own shape


def test_bands_text_states_the_edges():
    assert bands_text(make_kpi("down")) == (
        "Green at most 20.0%; Amber above 20.0% up to 25.0%; Red above 25.0%; Blue below 20.0% for 3 months in a row"
    )
    assert bands_text(make_kpi("up", target=90.0, tolerance=10.0)).startswith("Green at least 90.0%; Amber below")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("item", list(Status), ids=lambda s: s.name)
def test_status_badge_text_meets_wcag_aa_contrast(item):
    lighter, darker = sorted((_luminance(item.value.background), _luminance(item.value.text)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5
