"""The children in need census: every measure worked out from its XML equals the generator's known value, working-day
edges included; bad files are refused with rule codes naming the child and episode by position; no personal field is
kept; a file declaring entities is never parsed."""

import datetime as dt
import gzip
import io
import tracemalloc
import zipfile

import pandas as pd
import pytest

from domain.annual_returns import compute_year, load_annual_definitions
from loaders.cin_census import read_cin_census
from loaders.rules import CIN_RULES
from tests.conftest import FIXTURES, ROOT
from tools.synthetic_cin import census_xml, generate

POPULATION = 34_439.0
CASES = [(dt.date(2024, 3, 31), 1), (dt.date(2025, 3, 31), 2), (dt.date(2026, 3, 31), 3)]


def work_out(parsed, catalogue, population=POPULATION):
    definitions = load_annual_definitions(catalogue=catalogue)
    return compute_year("cin", parsed.tables, parsed.year_end, population, definitions, catalogue)


@pytest.fixture(params=CASES, ids=lambda case: f"{case[0]:%Y}")
def census(request):
    year_end, seed = request.param
    made = generate(year_end, seed)
    return made, read_cin_census(census_xml(made), "cin.xml")


def test_every_measure_equals_the_generators_known_value(census, catalogue):
    made, parsed = census
    assert parsed.errors == [] and parsed.year_end == made.year_end and parsed.council == "884"
    figures, skipped = work_out(parsed, catalogue)
    assert skipped == [] and {f.kpi for f in figures} == set(made.truth)
    for figure in figures:
        truth = made.truth[figure.kpi]
        if isinstance(truth, tuple):
            expected = (float(truth[0]), POPULATION if truth[1] is None else float(truth[1]))
            assert (figure.numerator, figure.denominator) == expected, figure.kpi
        else:
            assert figure.value == float(truth), figure.kpi
    on_plans = made.truth["CP01"]
    assert 100 <= on_plans <= 250  # Herefordshire-sized: about 150 children on plans


def test_the_working_day_and_date_edges_are_in_the_file(census):
    made, parsed = census
    tag = f"E{CASES[[c[0] for c in CASES].index(made.year_end)][1]:02d}"
    assessments = parsed.tables["assessments"]
    edge = assessments[assessments.child == f"{tag}1"]
    assert len(edge) == 2  # authorised in exactly 45 working days over Christmas, and in 46
    plans = parsed.tables["cp_plans"]
    ended = plans[plans.child == f"{tag}2"]
    assert list(ended.cp_end) == [pd.Timestamp(made.year_end)]  # ended on 31 March: not on a plan then
    second = plans[(plans.child == f"{tag}3")].sort_values("cp_start")
    assert second.previous_plans.isna().iloc[-1]  # a second plan known only from the earlier one in the file


def test_no_personal_field_is_kept(census):
    """Only the dates, counts and flags the measures read: no UPN, date of birth, gender, ethnicity or disability."""
    _, parsed = census
    assert {name: list(frame.columns) for name, frame in parsed.tables.items()} == {
        "referrals": ["child", "referral", "referral_date", "closure_date", "nfa"],
        "assessments": ["child", "referral", "assessment_start", "assessment_authorised"],
        "section47": ["child", "referral", "s47_start", "icpc_date", "icpc_not_required"],
        "cp_plans": ["child", "referral", "cp_start", "cp_end", "previous_plans"],
    }
    kept = " ".join(frame.astype(str).to_csv() for frame in parsed.tables.values())
    assert "A000000000000" not in kept and "WBRI" not in kept and "NONE" not in kept


def test_the_shared_sample_reads_without_error(catalogue):
    parsed = read_cin_census((FIXTURES / "statutory" / "cin-2022.xml").read_bytes(), "cin-2022.xml")
    assert parsed.errors == [] and parsed.year_end == dt.date(2022, 3, 31) and parsed.council == "201"
    assert parsed.children == 1 and parsed.row_counts == {
        "referrals": 1,
        "assessments": 1,
        "section47": 1,
        "cp_plans": 1,
    }
    figures, _ = work_out(parsed, catalogue)
    shown = {f.kpi: f for f in figures}
    assert shown["CP01"].value == 0 and shown["CP02"].value == 0  # no plan open in 2022: a rate of 0, not No data


def bad(made, old: bytes, new: bytes) -> bytes:
    data = census_xml(made)
    assert old in data
    return data.replace(old, new, 1)


def test_problems_name_the_child_and_episode_by_position_never_by_identifier():
    made = generate(dt.date(2026, 3, 31), 4, children=60)
    first = next(iter(made.children))
    e = made.children[first][0]
    data = bad(made, f"<CINreferralDate>{e.referral}".encode(), b"<CINreferralDate>31/02/2025")
    parsed = read_cin_census(data, "cin.xml")
    assert [(p.rule, p.cell) for p in parsed.errors] == [("CIN_DATE_INVALID", "child 1, CIN episode 1")]
    assert first not in str(parsed.errors[0])


@pytest.mark.parametrize(
    "change, rule",
    [
        ((b"<LAchildID>", b"<LAchildID> "), None),  # a space is not a missing identifier
        ((b"<Collection>CIN</Collection>", b"<Collection>SWF</Collection>"), "CIN_NOT_CENSUS"),
    ],
)
def test_header_problems(change, rule):
    made = generate(dt.date(2026, 3, 31), 5, children=30)
    parsed = read_cin_census(bad(made, *change), "cin.xml")
    assert [p.rule for p in parsed.errors] == ([rule] if rule else [])


def test_an_end_before_its_start_and_a_bad_count_are_errors():
    made = generate(dt.date(2026, 3, 31), 6, children=400)
    child, episodes = next(
        (c, es) for c, es in made.children.items() if any(e.plans and e.plans[0][1] for e in es)
    )  # a child with an ended plan
    number = list(made.children).index(child) + 1
    episode = next(n for n, e in enumerate(episodes, start=1) if e.plans and e.plans[0][1])
    plan = episodes[episode - 1].plans[0]
    data = census_xml(made)
    data = data.replace(
        f"<CPPstartDate>{plan[0]}</CPPstartDate>".encode(), b"<CPPstartDate>2030-01-01</CPPstartDate>", 1
    )
    data = data.replace(
        b"<NumberOfPreviousCPP>0</NumberOfPreviousCPP>", b"<NumberOfPreviousCPP>two</NumberOfPreviousCPP>", 1
    )
    parsed = read_cin_census(data, "cin.xml")
    rules = {(p.rule, p.cell) for p in parsed.errors}
    assert ("CIN_END_BEFORE_START", f"child {number}, CIN episode {episode}, child protection plan 1") in rules
    assert "CIN_NUMBER_INVALID" in {r for r, _ in rules}


def test_a_child_with_no_identifier_is_an_error():
    made = generate(dt.date(2026, 3, 31), 7, children=30)
    first = next(iter(made.children))
    parsed = read_cin_census(bad(made, f"<LAchildID>{first}</LAchildID>".encode(), b"<LAchildID></LAchildID>"), "c.xml")
    assert [(p.rule, p.cell) for p in parsed.errors] == [("CIN_ID_MISSING", "child 1")]


@pytest.mark.parametrize(
    "data, rule",
    [
        (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">]><Message>&a;</Message>', "CIN_XML_ENTITIES"),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE m><Message/>'.encode("utf-16"), "CIN_XML_ENTITIES"),
        (b"<Message><Children><Child>", "CIN_XML_INVALID"),
        (b"<Census><Children/></Census>", "CIN_NOT_CENSUS"),
        (b"<Message><Header/><Children/></Message>", "CIN_NO_CHILDREN"),
    ],
    ids=["entities", "entities in UTF-16", "not well formed", "another XML", "no children"],
)
def test_files_that_cannot_be_read_are_refused_naming_the_rule(data, rule):
    parsed = read_cin_census(data, "cin.xml")
    assert [p.rule for p in parsed.errors] == [rule]


def test_a_file_over_the_size_limit_is_refused_unread(monkeypatch):
    import loaders.cin_census

    made = generate(dt.date(2026, 3, 31), 8, children=30)
    data = census_xml(made)
    monkeypatch.setattr(loaders.cin_census, "MAX_FILE_BYTES", len(data) - 1)
    assert [p.rule for p in read_cin_census(data, "cin.xml").errors] == ["CIN_FILE_TOO_LARGE"]


def zipped(data: bytes, *names: str) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names or ("cin_2026.xml",):
            archive.writestr(name, data)
    return packed.getvalue()


@pytest.mark.parametrize("pack", [gzip.compress, zipped], ids=["gz", "zip"])
def test_a_zipped_census_reads_as_the_xml_does(pack, catalogue):
    made = generate(dt.date(2026, 3, 31), 9, children=120)
    data = census_xml(made)
    plain, packed = read_cin_census(data, "cin.xml"), read_cin_census(pack(data), "cin.zip")
    assert packed.errors == [] and packed.row_counts == plain.row_counts and packed.council == plain.council
    figures = [{f.kpi: f.value for f in work_out(parsed, catalogue)[0]} for parsed in (packed, plain)]
    assert figures[0] == figures[1] and figures[0]["FD02"] == made.truth["FD02"]
    assert len(pack(data)) < len(data) / 5  # what zipping is for: a census over the upload box's 20 MB fits


def test_a_zipped_file_that_unzips_past_the_limit_is_refused_as_it_unzips(monkeypatch):
    import loaders.cin_census

    monkeypatch.setattr(loaders.cin_census, "MAX_FILE_BYTES", 5 * 2**20)
    bomb = b"<Message>" + b" " * (200 * 2**20)  # 200 MB of spaces: 200 kB zipped
    for packed in (gzip.compress(bomb), zipped(bomb)):
        assert len(packed) < 2**20
        tracemalloc.start()
        assert [p.rule for p in read_cin_census(packed, "cin.gz").errors] == ["CIN_FILE_TOO_LARGE"]
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 30 * 2**20  # stopped near the limit, never the 200 MB


@pytest.mark.parametrize(
    "packed",
    [
        gzip.compress(b"<Message/>")[:-12],
        zipped(b"<Message/>", "cin.xml", "other.xml"),
        zipped(b"<Message/>", "cin.csv"),
        b"PK\x03\x04 not a zip at all",
    ],
    ids=["gzip cut short", "two files", "not XML inside", "not a zip"],
)
def test_a_zipped_file_that_cannot_be_unzipped_to_one_census_is_refused(packed):
    assert [p.rule for p in read_cin_census(packed, "cin.zip").errors] == ["CIN_ARCHIVE_INVALID"]


def test_the_census_rules_are_its_own_and_documented():
    readme = (ROOT / "README.md").read_text()
    assert CIN_RULES and all(rule.startswith("CIN_") for rule in CIN_RULES)
    assert [rule for rule in CIN_RULES if f"`{rule}`" not in readme] == []
