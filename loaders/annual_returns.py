"""An annual statutory return (the SSDA903 CSV tables, or the CIN census XML) checked and its year's measures worked
out, in memory: what the Check annual returns page shows. Nothing is written anywhere; the files' rows are dropped
before this returns.

    checked = check_annual_return("ssda903", {"episodes.csv": data, ...}, catalogue, council="884")
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from domain.annual_returns import CannotGive, compute_year, load_annual_definitions
from domain.catalogue import Catalogue
from domain.child_level import ComputedFigure, Skipped, child_population
from loaders.cin_census import read_cin_census
from loaders.problems import Problem
from loaders.ssda903 import read_ssda903


@dataclass(frozen=True)
class CheckedAnnualReturn:
    collection: str  # 'ssda903' or 'cin'
    file_names: tuple[str, ...]
    year_end: dt.date | None
    row_counts: dict[str, int]  # rows read per table: never any row
    problems: list[Problem]
    figures: list[ComputedFigure]  # empty when there are errors
    skipped: list[Skipped]
    cannot: list[CannotGive]
    population_year: int | None  # the ONS mid-year estimate the rates use

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check_annual_return(
    collection: str, files: Mapping[str, bytes], catalogue: Catalogue, council: str
) -> CheckedAnnualReturn:
    """Read and check the files, then work out the measures for the year they hold (if nothing blocks them)."""
    if collection == "ssda903":
        parsed = read_ssda903(files)
        year_end, counts, problems, tables = parsed.year_end, parsed.row_counts, parsed.problems, parsed.tables
    else:
        (name, data), *extra = files.items()
        if extra:
            raise ValueError("the CIN census is one file")
        parsed = read_cin_census(data, name)
        year_end, counts, problems, tables = parsed.year_end, parsed.row_counts, parsed.problems, parsed.tables
    definitions = load_annual_definitions(catalogue=catalogue)
    cannot = [c for c in definitions.cannot if c.collection == collection]
    figures, skipped, population_year = [], [], None
    if year_end is not None and not any(p.is_error for p in problems):
        found = child_population(council, dt.date(year_end.year, 3, 1))
        population, population_year = found if found else (None, None)
        figures, skipped = compute_year(collection, tables, year_end, population, definitions, catalogue)
    return CheckedAnnualReturn(
        collection, tuple(files), year_end, counts, problems, figures, skipped, cannot, population_year
    )
