"""Published annual benchmarks (DfE statistics) for the KPIs that have a published equivalent.

The table data/published_benchmarks.csv is produced by `python -m tools.published` from DfE's files; it holds the
council's value, England's, its region's, and its ten statistical neighbours' median and quartiles for each year.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from config import SettingsError
from config.toml_files import read_toml
from domain.catalogue import Kpi

SOURCE_NOTE = (
    "Published annual figures at their own reference date (31 March or 30 September), from the Department for "
    "Education's statistics. Contains public sector information licensed under the Open Government Licence v3.0."
)


@dataclass(frozen=True)
class PublishedYear:
    reference_date: dt.date
    council: float | None
    england: float | None
    region: float | None
    neighbour_median: float | None
    neighbour_lower_quartile: float | None
    neighbour_upper_quartile: float | None
    neighbours_counted: int


def area_labels(measures_file: Path) -> tuple[str, str]:
    """How tables name the council and its region (from data/published_measures.toml)."""
    if not measures_file.exists():
        return "Council", "Region"
    config = read_toml(measures_file, SettingsError)
    return config.get("council_label", "Council"), config.get("region_label", "Region")


def _number(text: str) -> float | None:
    return float(text) if text else None


def load_benchmarks(path: Path) -> dict[str, list[PublishedYear]]:
    """KPI code -> its published years, oldest first. An absent file means no benchmarks. Raises SettingsError
    naming the line of a row that cannot be read (the file is made by tools.published, but can be edited)."""
    if not path.exists():
        return {}
    result: dict[str, list[PublishedYear]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            try:
                year = PublishedYear(
                    dt.date.fromisoformat(row["reference_date"]),
                    _number(row["council"]),
                    _number(row["england"]),
                    _number(row["region"]),
                    _number(row["neighbour_median"]),
                    _number(row["neighbour_lower_quartile"]),
                    _number(row["neighbour_upper_quartile"]),
                    int(row["neighbours_counted"] or 0),
                )
            except (KeyError, TypeError, ValueError) as error:
                problem = f"no column {error}" if isinstance(error, KeyError) else str(error)
                raise SettingsError(f"{path}: line {reader.line_num} cannot be read ({problem})") from None
            result.setdefault(row["kpi_code"], []).append(year)
    for years in result.values():
        years.sort(key=lambda year: year.reference_date)
    return result


def neighbour_band(kpi: Kpi, year: PublishedYear) -> str | None:
    """Where the council stands among its statistical neighbours, judged with the KPI's polarity."""
    value, low, mid, high = (
        year.council,
        year.neighbour_lower_quartile,
        year.neighbour_median,
        year.neighbour_upper_quartile,
    )
    if value is None or None in (low, mid, high):
        return None
    if kpi.polarity == "neither":
        quarter = (
            "lowest"
            if value <= low
            else "second lowest"
            if value <= mid
            else "second highest"
            if value <= high
            else "highest"
        )
        return f"{quarter} quarter of its statistical neighbours"
    if kpi.polarity == "down":  # lower is better
        position = 1 if value <= low else 2 if value <= mid else 3 if value <= high else 4
    else:
        position = 1 if value >= high else 2 if value >= mid else 3 if value >= low else 4
    quarter = ["best quarter", "second-best quarter", "second-worst quarter", "worst quarter"][position - 1]
    return f"{quarter} of its statistical neighbours"
