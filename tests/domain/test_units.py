from domain.units import format_change, format_value


def test_values_are_written_with_units_and_separators():
    assert format_value(1234.0, "count", 0) == "1,234"
    assert format_value(55.18, "percent", 1) == "55.2%"
    assert format_value(122.01, "rate_per_10k", 0) == "122 per 10k"
    assert format_value(None, "percent", 1) == "No data"
    assert format_value(0.0, "count", 0) == "0"


def test_changes_are_signed_and_percentages_change_in_points():
    assert format_change(2.0, "percent", 1) == "+2.0 pts"
    assert format_change(-4.0, "count", 0) == "−4"
    assert format_change(0.04, "percent", 1) == "no change"
    assert format_change(None, "percent", 1) == "No data"
