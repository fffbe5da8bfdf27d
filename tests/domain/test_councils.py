"""Recognising the council a return is for, whichever way its cover names it."""

import pytest

from config import current
from domain.councils import load_councils, name_key


@pytest.fixture(scope="module")
def councils():
    return load_councils(current().councils_file)


def test_every_council_with_childrens_services_is_listed_once(councils):
    assert len(councils) == 155  # DfE's 2025 statistics: 153 councils plus the City of London and Isles of Scilly
    keys = [name_key(council.name) for council in councils]
    assert len(set(keys)) == len(keys)  # no two councils reduce to the same name


@pytest.mark.parametrize(
    "written",
    [
        "Herefordshire Council",
        "Herefordshire, County of",
        "HEREFORDSHIRE",
        "884",
        "884.0",
        "E06000019",
        " herefordshire county council ",
    ],
)
def test_a_council_is_found_by_name_or_code_however_it_is_written(councils, written):
    assert councils.find(written).code == "884"


@pytest.mark.parametrize(
    "written, code",
    [
        ("Bristol City Council", "801"),
        ("Hull City Council", None),
        ("Kingston upon Hull City Council", "810"),
        ("Durham County Council", "840"),
        ("Shropshire Council", "893"),
        ("Herefordshire Fire Service", None),
    ],
)
def test_names_that_differ_from_dfes_are_matched_only_when_they_mean_one_council(councils, written, code):
    found = councils.find(written)
    assert (found.code if found else None) == code


def test_the_dashboards_own_council_is_herefordshire(councils):
    assert current().home_council == "884"
    assert councils.label(current().home_council) == "Herefordshire"
