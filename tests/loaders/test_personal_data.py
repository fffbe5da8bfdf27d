import pytest

from loaders.personal_data import CONTACTS_AND_IDENTIFIERS, personal_data_in, small_counts_in


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
        ("NHS number 943 476 5919", ["an NHS number"]),
        ("nhs no. 943-476-5919", ["an NHS number"]),
        ("9434765919", ["an NHS number"]),
        ("UPN A801200001001", ["a unique pupil number"]),
        ("temporary UPN A80120000100A", ["a unique pupil number"]),
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
        "943 476 5918 fails the NHS number's check digit.",
        "The budget is 1,234,567,890 pounds over 10 years.",
        "Ten digits in a longer number 194347659190 are not an NHS number.",
        "Reference WS07-02, KPI CIC01 and team A1 are not identifiers.",
    ],
)
def test_ordinary_statements_pass(text):
    assert personal_data_in(text) == []


def test_commentary_and_updates_may_carry_dates_but_not_contact_details_or_identifying_numbers():
    assert personal_data_in("Agreed on 12/10/2026 at HR1 2AB.", CONTACTS_AND_IDENTIFIERS) == []
    assert personal_data_in("Call 07700 900123 re 943 476 5919", CONTACTS_AND_IDENTIFIERS) == [
        "a phone number",
        "an NHS number",
    ]


@pytest.mark.parametrize(
    "text, found",
    [
        ("3 children came into care together.", ["3 children"]),
        ("Two unaccompanied asylum-seeking children arrived.", ["Two unaccompanied asylum-seeking children"]),
        ("One family moved away.", ["One family"]),
        ("4 of the young people", ["4 of the young people"]),
        ("We saw 3 more care leavers and 1 baby", ["3 more care leavers", "1 baby"]),
    ],
)
def test_small_counts_of_children_are_spotted(text, found):
    assert small_counts_in(text, 4) == found


@pytest.mark.parametrize(
    "text",
    [
        "5 children came into care together.",  # over the threshold
        "12 children and 2026 children",
        "The rate is 3.4 per 10,000 children.",
        "Over 3 months children waited less.",
        "In 2 years children's outcomes improved.",
        "3 foster carers were approved.",  # households, not children
        "Children aged 2 to 4.",
        "one in four children",
    ],
)
def test_other_numbers_are_not_counts_of_children(text):
    assert small_counts_in(text, 4) == []


def test_the_threshold_is_the_public_views():
    assert small_counts_in("6 children", 4) == []
    assert small_counts_in("6 children", 6) == ["6 children"]
