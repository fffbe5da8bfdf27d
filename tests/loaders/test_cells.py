import datetime as dt

import pytest

from loaders.cells import normalise_text, read_month, read_number


@pytest.mark.parametrize(
    "raw, number_format, value",
    [
        (23, "General", 23.0),
        (23.5, "0.0", 23.5),
        ("23", "General", 23.0),
        (" 1,234 ", "General", 1234.0),
        ("1,234.5", "General", 1234.5),
        ("12\u00a0", "General", 12.0),
        ("−4", "General", -4.0),
        (".5", "General", 0.5),
    ],
)
def test_numbers_typed_in_many_ways(raw, number_format, value):
    assert read_number(raw, number_format).value == value


def test_percent_signs_and_percent_formats_are_noted():
    typed = read_number("23%")
    assert typed.value == 23.0 and typed.typed_percent
    formatted = read_number(0.23, "0%")
    assert formatted.value == 0.23 and formatted.formatted_percent


@pytest.mark.parametrize("raw", [None, "", "   ", "n/a", "N/A", "-", "–", "tbc", "TBC", "not available", ".."])
def test_blanks_and_markers_mean_missing_never_zero(raw):
    result = read_number(raw)
    assert result.missing and result.value is None and result.error is None


@pytest.mark.parametrize("raw", ["lots", "12 children", "1,23", "1.2.3", True, dt.date(2023, 9, 1), "12,3456"])
def test_things_that_are_not_numbers_say_so(raw):
    result = read_number(raw)
    assert result.error and result.value is None and not result.missing


@pytest.mark.parametrize(
    "raw, month",
    [
        (dt.datetime(2023, 9, 30), dt.date(2023, 9, 1)),
        (dt.date(2023, 9, 1), dt.date(2023, 9, 1)),
        ("Sep-23", dt.date(2023, 9, 1)),
        ("Sept 2023", dt.date(2023, 9, 1)),
        ("September 2023", dt.date(2023, 9, 1)),
        (" september  2023 ", dt.date(2023, 9, 1)),
        ("2023-09", dt.date(2023, 9, 1)),
        ("2023-09-30", dt.date(2023, 9, 1)),
        ("30/09/2023", dt.date(2023, 9, 1)),
        ("09/2023", dt.date(2023, 9, 1)),
        ("Sep 23", dt.date(2023, 9, 1)),
    ],
)
def test_months_in_the_forms_people_use(raw, month):
    assert read_month(raw) == month


@pytest.mark.parametrize("raw", [None, "", "soon", "2023-13", "Smarch 2023", 45170, "13/2023"])
def test_unreadable_months(raw):
    assert read_month(raw) is None


def test_titles_compare_without_case_spaces_or_fancy_punctuation():
    assert normalise_text("  Children’s  social WORK – rate ") == "children's social work - rate"
