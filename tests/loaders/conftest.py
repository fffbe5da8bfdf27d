import datetime as dt

import pytest

from database.connection import connect
from domain.units import UNITS
from loaders.return_writer import Figure, Team

MONTH = dt.date(2025, 9, 1)
TODAY = dt.date(2026, 11, 23)
TEAMS = [
    Team("Assessment", {"fte": 10.5, "cases": 160.0, "headcount": 11.0, "over_20": 1.0}),
    Team("Child protection", {"fte": 8.0, "cases": 150.0, "headcount": 9.0, "over_20": 1.0}),
]


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def known_figures(catalogue):
    """A figure for every KPI not computed from teams: ratios get a numerator and denominator, the rest a value;
    one is left missing."""
    figures = {}
    for number, kpi in enumerate(catalogue, start=1):
        if kpi.from_teams:
            continue
        if kpi.is_ratio:
            figures[kpi.code] = Figure(
                numerator=float(number), denominator=float(number * 4), commentary=f"note {number}"
            )
        else:
            figures[kpi.code] = Figure(value=float(number * 10))
    first_direct = next(kpi.code for kpi in catalogue if not kpi.is_ratio)
    figures[first_direct] = Figure()
    return figures


def expected_value(kpi, figures):
    if kpi.from_teams:
        top, bottom = kpi.from_teams
        return sum(t.figures[top] for t in TEAMS) / sum(t.figures[bottom] for t in TEAMS) * UNITS[kpi.unit].scale
    figure = figures[kpi.code]
    if figure.numerator is not None:
        return figure.numerator / figure.denominator * UNITS[kpi.unit].scale
    return figure.value
