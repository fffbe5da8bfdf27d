"""The DfE importer, run on an extract of the real published files (tests/fixtures/published: every row the importer
uses for Herefordshire, its region, England and its statistical neighbours, and every council's latest year)."""

import csv
import datetime as dt
import statistics
import subprocess
import sys

import pytest

from domain.benchmarks import PublishedYear, load_benchmarks, neighbour_band
from tests.conftest import ROOT
from tools import published


@pytest.fixture(scope="module")
def imported(published_data):
    return {(b.kpi_code, b.year.reference_date.year): b.year for b in published.import_all(published_data)}


def test_herefordshire_and_england_looked_after_rates_at_31_march_2023(imported):
    row = imported[("CIC02", 2023)]
    assert row.reference_date == dt.date(2023, 3, 31)
    assert (row.council, row.england) == (122, 70)


def test_agency_rate_at_30_september_2023(imported):
    row = imported[("WF03", 2023)]
    assert row.reference_date == dt.date(2023, 9, 30) and row.council == 55.2


def test_neighbour_median_is_the_median_of_the_ten_neighbours_published_values(imported, published_data):
    with open(published_data / "sn_model_2025_wide.csv", encoding="utf-8-sig") as handle:
        hereford = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "884")
    codes = {hereford[f"SN_{n}"].strip() for n in range(1, 11)}
    with open(published_data / "csww_indicators_2017_to_2025.csv", encoding="utf-8-sig") as handle:
        values = [
            float(r["agency_rate_fte"])
            for r in csv.DictReader(handle)
            if r["time_period"] == "2023" and r["geographic_level"] == "Local authority" and r["old_la_code"] in codes
        ]
    assert len(values) == 10
    row = imported[("WF03", 2023)]
    assert row.neighbour_median == pytest.approx(statistics.median(values))
    assert row.neighbours_counted == 10
    assert row.neighbour_lower_quartile <= row.neighbour_median <= row.neighbour_upper_quartile


def test_region_is_the_councils_own_region(imported, published_data):
    with open(published_data / "csww_indicators_2017_to_2025.csv", encoding="utf-8-sig") as handle:
        west_midlands = next(
            r
            for r in csv.DictReader(handle)
            if r["time_period"] == "2023" and r["geographic_level"] == "Regional" and r["region_code"] == "E12000005"
        )
    assert imported[("WF03", 2023)].region == float(west_midlands["agency_rate_fte"])


def test_suppressed_cells_are_missing_never_zero(imported):
    assert published.number("c") is None and published.number("low") is None and published.number("0") == 0.0
    assert imported[("CP04", 2024)].council is None  # published as "c" for Herefordshire


def test_the_shipped_table_is_exactly_what_the_importer_writes(published_data, tmp_path):
    out = tmp_path / "benchmarks.csv"
    published.write_csv(published.import_all(published_data), out)
    assert out.read_text() == (ROOT / "data" / "published_benchmarks.csv").read_text(), (
        "run 'python -m tools.published' and commit data/published_benchmarks.csv"
    )


def test_the_shipped_list_of_councils_is_exactly_what_the_importer_writes(published_data, tmp_path):
    councils = published.import_councils(published_data)
    assert len(councils) == len({c["old_la_code"] for c in councils}) > 150  # one row per council, latest year
    assert {
        "old_la_code": "884",
        "new_la_code": "E06000019",
        "la_name": "Herefordshire, County of",
        "region_name": "West Midlands",
    } in councils
    out = tmp_path / "councils.csv"
    published.write_councils(councils, out)
    assert out.read_text() == (ROOT / "data" / "councils.csv").read_text(), (
        "run 'python -m tools.published' and commit data/councils.csv"
    )


def test_the_app_reads_the_shipped_table(catalogue):
    benchmarks = load_benchmarks(ROOT / "data" / "published_benchmarks.csv")
    assert set(benchmarks) <= set(catalogue.kpis) and len(benchmarks) >= 10
    assert benchmarks["CIC02"][0].reference_date < benchmarks["CIC02"][-1].reference_date


@pytest.mark.parametrize(
    "code, council, expected",
    [
        ("WF03", 5.0, "best quarter"),
        ("WF03", 55.2, "worst quarter"),
        ("WF03", 10.0, "second-best quarter"),
        ("CIC06", 80.0, "best quarter"),
        ("CIC06", 50.0, "worst quarter"),
        ("CIC02", 122.0, "highest quarter"),
    ],
)
def test_neighbour_band_follows_the_kpis_polarity(catalogue, code, council, expected):
    year = PublishedYear(dt.date(2023, 3, 31), council, None, None, 10.35, 6.55, 13.3, 10)
    if code == "CIC06":
        year = PublishedYear(dt.date(2023, 3, 31), council, None, None, 68.0, 62.0, 72.0, 10)
    if code == "CIC02":
        year = PublishedYear(dt.date(2023, 3, 31), council, None, None, 65.0, 51.0, 74.0, 9)
    assert neighbour_band(catalogue[code], year).startswith(expected)


def test_the_importer_needs_a_folder_of_dfe_files_and_says_which_are_missing(tmp_path):
    """It used to read a folder beside the repository by default, which a public clone does not have."""
    command = [sys.executable, "-m", "tools.published", "--out", str(tmp_path / "out.csv")]
    missing_option = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert missing_option.returncode == 2 and "--source" in missing_option.stderr
    (tmp_path / "dfe").mkdir()
    (tmp_path / "dfe" / "sn_model_2025_wide.csv").write_text("old_la_code\n")
    empty = subprocess.run([*command, "--source", str(tmp_path / "dfe")], cwd=ROOT, capture_output=True, text=True)
    assert empty.returncode == 2 and "does not hold DfE's files" in empty.stderr
    assert "cla_number_and_rate_per_10k_children.csv" in empty.stderr and "sn_model_2025_wide" not in empty.stderr
    assert not (tmp_path / "out.csv").exists()
