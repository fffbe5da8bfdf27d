import pytest

from loaders.personal_data import personal_data_in


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Email me at jo.bloggs@example.org any time", ["an e-mail address"]),
        ("Call 07700 900123 if you need me", ["a phone number"]),
        ("ring 01432-260000", ["a phone number"]),
        ("+44 7700 900123", ["a phone number"]),
        ("We live near HR1 2AB", ["a postcode"]),
        ("my son, born 12/03/2015, was", ["a date"]),
        ("since 3rd March 2021 things got better", ["a date"]),
        ("from March 3, 2021", ["a date"]),
    ],
)
def test_personal_data_is_spotted(text, kinds):
    assert personal_data_in(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "My social worker listened to me and things at home are calmer now.",
        "We had 3 meetings in 2023 and the plan finally made sense.",
        "It took 10 weeks, but the family group conference helped.",
        "Score: 8 out of 10.",
    ],
)
def test_ordinary_statements_pass(text):
    assert personal_data_in(text) == []
