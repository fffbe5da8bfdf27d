import datetime as dt

import pytest

from domain.store import connect
from domain.units import UNITS
from loaders.return_writer import Figure


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def known_figures(catalogue):
    """A figure for every KPI: ratios get a numerator and denominator, the rest a value; one is left missing."""
    figures = {}
    for number, kpi in enumerate(catalogue, start=1):
        if kpi.is_ratio:
            figures[kpi.code] = Figure(numerator=float(number), denominator=float(number * 4), commentary=f"note {number}")
        else:
            figures[kpi.code] = Figure(value=float(number * 10))
    first_direct = next(kpi.code for kpi in catalogue if not kpi.is_ratio)
    figures[first_direct] = Figure()
    return figures


def expected_value(kpi, figure):
    if figure.numerator is not None:
        return figure.numerator / figure.denominator * UNITS[kpi.unit].scale
    return figure.value


MONTH = dt.date(2025, 9, 1)
