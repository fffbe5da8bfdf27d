"""The shipped KPI catalogue is complete and consistent; broken catalogues are refused with clear messages."""

import re
import tomllib
from pathlib import Path

import pytest

from domain.catalogue import CatalogueError, load_catalogue, parse_catalogue
from domain.units import UNITS

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "code": "A1",
    "title": "A measure",
    "description": "What it means.",
    "topic": "t",
    "unit": "percent",
    "decimals": 1,
    "polarity": "down",
    "target": 20.0,
    "tolerance": 5.0,
    "workstreams": ["WS01"],
    "source": "MIS",
}


def parse(*entries, workstreams=frozenset({"WS01"})):
    return parse_catalogue({"topics": {"t": "Topic"}, "kpi": list(entries)}, set(workstreams))


def test_shipped_catalogue_has_at_least_30_complete_kpis(catalogue):
    assert len(catalogue) >= 30
    for kpi in catalogue:
        assert kpi.title and kpi.description and kpi.source
        assert kpi.unit in UNITS
        assert kpi.workstreams
        if kpi.polarity == "neither":
            assert kpi.target is None
        if kpi.target is not None:
            assert kpi.tolerance is not None and kpi.tolerance >= 0


def test_shipped_catalogue_codes_are_unique():
    with open(ROOT / "data" / "kpis.toml", "rb") as handle:
        codes = [entry["code"] for entry in tomllib.load(handle)["kpi"]]
    assert len(codes) == len(set(codes))


def test_every_workstream_in_the_catalogue_exists_and_every_workstream_has_a_kpi(catalogue, workstreams):
    used = {code for kpi in catalogue for code in kpi.workstreams}
    assert used <= set(workstreams)
    assert set(workstreams) <= used


def test_shipped_catalogue_covers_the_required_areas(catalogue):
    titles = " ".join(kpi.title.lower() for kpi in catalogue)
    for phrase in [
        "caseload",
        "agency",
        "vacancy",
        "turnover",
        "newly qualified",
        "children in care",
        "asylum",
        "placement",
        "health assessments",
        "dental",
        "not in education",
        "child protection plans",
        "repeat",
        "2 years",
        "visits",
        "conferences",
        "re-referrals",
        "45 working days",
        "foster",
        "in-house",
        "audits",
        "family group conferences",
        "complaints",
        "compliments",
        "children who say",
        "parents",
    ]:
        assert phrase in titles, phrase


def test_each_topic_has_kpis(catalogue):
    for topic in catalogue.topics:
        assert catalogue.in_topic(topic), topic


def test_a_complete_entry_loads():
    kpi = parse(GOOD)["A1"]
    assert kpi.target == 20.0 and kpi.is_rated and not kpi.is_ratio and kpi.tags == ()


def test_tags_are_defined_once_and_used_by_kpis(catalogue):
    assert set(catalogue.tags) >= {"impact", "timeliness", "voice"}
    assert all(set(kpi.tags) <= set(catalogue.tags) for kpi in catalogue)
    assert "QA07" in {kpi.code for kpi in catalogue if "voice" in kpi.tags}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "KPI A1: missing title"),
        ({"unit": "furlongs"}, "unit 'furlongs' is not one of"),
        ({"polarity": "sideways"}, "polarity 'sideways' is not one of"),
        ({"topic": "nowhere"}, "topic 'nowhere' is not listed"),
        ({"decimals": 7}, "decimals must be a whole number"),
        ({"target": "twenty"}, "target must be a number"),
        ({"tolerance": -1.0}, "tolerance must not be negative"),
        ({"workstreams": ["WS99"]}, "unknown workstream(s) WS99"),
        ({"workstreams": []}, "workstreams must list at least one"),
        ({"polarity": "neither"}, "cannot have a target"),
        ({"numerator": "only a numerator"}, "numerator and denominator go together"),
        ({"code": "a-1"}, "code must be capital letters"),
        ({"tags": ["nonsense"]}, "unknown tag(s) nonsense: define them under [tags]"),
        ({"reported_untill": "2026-03"}, "unknown field(s) reported_untill: see the list at the top of the file"),
        ({"reported_until": "March 2026"}, 'reported_until must be a month written "YYYY-MM"'),
        ({"reported_from": "2026-13"}, 'reported_from must be a month written "YYYY-MM"'),
        ({"reported_from": "2026-04", "reported_until": "2026-03"}, "reported_until must not be before reported_from"),
    ],
)
def test_incomplete_entries_are_refused_with_the_reason(change, message):
    with pytest.raises(CatalogueError, match=re.escape(message)):
        parse({**GOOD, **change})


def test_target_without_tolerance_is_refused():
    entry = {k: v for k, v in GOOD.items() if k != "tolerance"}
    with pytest.raises(CatalogueError, match="a target needs a tolerance"):
        parse(entry)


def test_duplicate_codes_and_titles_are_refused():
    with pytest.raises(CatalogueError, match="code used twice"):
        parse(GOOD, GOOD)
    with pytest.raises(CatalogueError, match="title 'a measure' used twice"):
        parse(GOOD, {**GOOD, "code": "A2", "title": "A Measure"})


def test_the_error_names_the_file(tmp_path):
    path = tmp_path / "kpis.toml"
    path.write_text('[topics]\nt = "T"\n[[kpi]]\ncode = "A1"\n')
    with pytest.raises(CatalogueError, match=f"{path}: KPI A1: missing title"):
        load_catalogue(path)


def test_the_shipped_catalogue_uses_only_the_fields_its_header_lists():
    """FIELDS (what an entry may hold) and the list of fields at the top of data/kpis.toml agree."""
    from domain.catalogue import FIELDS

    header = (ROOT / "data" / "kpis.toml").read_text().split("\n[topics]")[0]
    listed = set(re.findall(r"^#   ([a-z_]+) ", header, re.MULTILINE))
    assert listed == FIELDS


def test_a_kpi_is_reported_only_in_the_months_of_its_reporting_period():
    import datetime as dt

    always, dropped, added = parse(
        GOOD,
        {**GOOD, "code": "B1", "title": "Dropped", "reported_until": "2026-03"},
        {**GOOD, "code": "C1", "title": "Added", "reported_from": "2026-04"},
    )
    march, april = dt.date(2026, 3, 1), dt.date(2026, 4, 1)
    assert [k.reported_in(march) for k in (always, dropped, added)] == [True, True, False]
    assert [k.reported_in(april) for k in (always, dropped, added)] == [True, False, True]
    assert always.reporting_period is None
    assert dropped.reporting_period == "Reported until March 2026"
    assert added.reporting_period == "Reported from April 2026"
    both = parse({**GOOD, "reported_from": "2025-04", "reported_until": "2026-03"})["A1"]
    assert both.reporting_period == "Reported from April 2025 until March 2026"
    catalogue = parse(GOOD, {**GOOD, "code": "B1", "title": "Dropped", "reported_until": "2026-03"})
    assert [k.code for k in catalogue.reported(april)] == ["A1"]
