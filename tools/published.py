"""Imports DfE's published statistics for the KPIs that have a published equivalent.

    python -m tools.published --source FOLDER [--out data/published_benchmarks.csv]

FOLDER holds DfE's files as published (their names are in data/published_measures.toml).

It also writes data/councils.csv: every council with children's services (DfE's old and new LA codes, name,
region), which the loaders use to recognise the council a return is for.

For each measure in data/published_measures.toml and each year: the council's value, England's, the council's
region's, and the median and quartiles of its ten statistical neighbours (DfE's 2025 model). Suppressed cells
("c", "x", "z", "u", "k", "low", "..") are missing, never zero; a neighbour with a suppressed value is left out of
the median and quartiles, and the table records how many neighbours were counted.
"""

import argparse
import csv
import datetime as dt
import statistics
import tomllib
from dataclasses import dataclass
from pathlib import Path

from config import DATA_DIR
from domain.benchmarks import PublishedYear

SUPPRESSED = {"c", "x", "z", "u", "k", "low", "..", ":", ""}
REFERENCE_DATES = {"31 March": (3, 31), "30 September": (9, 30)}
MEASURES_FILE = DATA_DIR / "published_measures.toml"
OUTPUT_FILE = DATA_DIR / "published_benchmarks.csv"
COUNCILS_FILE = DATA_DIR / "councils.csv"
COUNCILS_SOURCE = "cla_number_and_rate_per_10k_children.csv"  # lists every council with children's services
COUNCIL_COLUMNS = ["old_la_code", "new_la_code", "la_name", "region_name"]
COLUMNS = [
    "kpi_code",
    "reference_date",
    "council",
    "england",
    "region",
    "neighbour_median",
    "neighbour_lower_quartile",
    "neighbour_upper_quartile",
    "neighbours_counted",
    "source_file",
    "source_column",
]


def number(text: str | None) -> float | None:
    """A published figure, or None for a suppressed or empty cell."""
    if text is None:
        return None
    text = str(text).strip()
    if text.lower() in SUPPRESSED:
        return None
    return float(text.replace(",", ""))


@dataclass(frozen=True)
class Benchmark:
    """One KPI's published figures for one year, and where they came from."""

    kpi_code: str
    year: PublishedYear
    source_file: str
    source_column: str


def neighbours(source: Path, neighbours_file: str, council_code: str) -> list[str]:
    """The council's ten statistical neighbours' old LA codes, closest first."""
    with open(source / neighbours_file, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["old_la_code"].strip() == council_code:
                return [row[f"SN_{n}"].strip() for n in range(1, 11)]
    raise ValueError(f"council {council_code} is not in {neighbours_file}")


def _rows(path: Path, filters: dict[str, str]):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if all(row.get(column, "").strip() == wanted for column, wanted in filters.items()):
                yield row


def import_measure(source: Path, measure: dict, council_code: str, sn_codes: list[str]) -> list[Benchmark]:
    by_year: dict[str, dict] = {}
    region_of_council = None
    rows = list(_rows(source / measure["file"], measure.get("filters", {})))
    for row in rows:
        if row["geographic_level"] == "Local authority" and row["old_la_code"].strip() == council_code:
            region_of_council = row["region_code"]
    for row in rows:
        year = by_year.setdefault(row["time_period"].strip(), {"neighbours": {}})
        value = number(row.get(measure["value"]))
        level = row["geographic_level"]
        if level == "National":
            year["england"] = value
        elif level == "Regional" and row["region_code"] == region_of_council:
            year["region"] = value
        elif level == "Local authority":
            code = row["old_la_code"].strip()
            if code == council_code:
                year["council"] = value
            elif code in sn_codes:
                year["neighbours"][code] = value
    month, day = REFERENCE_DATES[measure["reference"]]
    result = []
    for year, found in sorted(by_year.items()):
        values = [v for v in found["neighbours"].values() if v is not None]
        quartiles = statistics.quantiles(values, n=4, method="inclusive") if len(values) >= 2 else [None, None, None]
        result.append(
            Benchmark(
                measure["kpi"],
                PublishedYear(
                    reference_date=dt.date(int(year[:4]), month, day),
                    council=found.get("council"),
                    england=found.get("england"),
                    region=found.get("region"),
                    neighbour_median=statistics.median(values) if values else None,
                    neighbour_lower_quartile=quartiles[0],
                    neighbour_upper_quartile=quartiles[2],
                    neighbours_counted=len(values),
                ),
                measure["file"],
                measure["value"],
            )
        )
    return result


def import_all(source: Path, measures_file: Path = MEASURES_FILE) -> list[Benchmark]:
    with open(measures_file, "rb") as handle:
        config = tomllib.load(handle)
    sn_codes = neighbours(source, config["neighbours_file"], config["council_code"])
    benchmarks = []
    for measure in config["measure"]:
        benchmarks.extend(import_measure(source, measure, config["council_code"], sn_codes))
    return benchmarks


def write_csv(benchmarks: list[Benchmark], out: Path) -> None:
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.4f}".rstrip("0").rstrip(".")
        return str(value)

    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for b in benchmarks:
            fields = {
                **vars(b.year),
                "kpi_code": b.kpi_code,
                "source_file": b.source_file,
                "source_column": b.source_column,
            }
            writer.writerow([cell(fields[column]) for column in COLUMNS])


def import_councils(source: Path) -> list[dict[str, str]]:
    """Every local authority in DfE's latest year of children looked after statistics, by old LA code."""
    with open(source / COUNCILS_SOURCE, newline="", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geographic_level"] == "Local authority"]
    latest = max(r["time_period"] for r in rows)
    found = {
        r["old_la_code"].strip(): {c: r[c].strip() for c in COUNCIL_COLUMNS} for r in rows if r["time_period"] == latest
    }
    return [found[code] for code in sorted(found)]


def write_councils(councils: list[dict[str, str]], out: Path) -> None:
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COUNCIL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(councils)


def missing_files(source: Path, measures_file: Path = MEASURES_FILE) -> list[str]:
    """The files of data/published_measures.toml that are not in the source folder (all of them if there is none)."""
    config = tomllib.loads(measures_file.read_text())
    wanted = {config["neighbours_file"], COUNCILS_SOURCE} | {measure["file"] for measure in config["measure"]}
    return sorted(name for name in wanted if not (source / name).is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description="Import DfE published statistics for the KPIs.")
    parser.add_argument(
        "--source", type=Path, required=True, help="the folder of DfE's files, as published (see the module's help)"
    )
    parser.add_argument("--out", type=Path, default=OUTPUT_FILE)
    args = parser.parse_args()
    missing = missing_files(args.source)
    if missing:
        parser.error(
            f"{args.source} does not hold DfE's files the importer reads: {', '.join(missing)}. Download them from "
            "explore-education-statistics.service.gov.uk (the releases named in data/published_measures.toml)"
        )
    benchmarks = import_all(args.source)
    write_csv(benchmarks, args.out)
    print(f"Wrote {len(benchmarks)} rows for {len({b.kpi_code for b in benchmarks})} KPIs to {args.out}")
    councils = import_councils(args.source)
    write_councils(councils, COUNCILS_FILE)
    print(f"Wrote {len(councils)} councils to {COUNCILS_FILE}")


if __name__ == "__main__":
    main()
