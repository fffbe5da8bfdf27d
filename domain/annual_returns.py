"""The DfE's published measures worked out from a council's annual statutory returns (SSDA903 and the children in
need census), by the definitions in data/annual_return_kpis.toml, for a year ending 31 March.

The tables are read in memory (loaders/ssda903.py, loaders/cin_census.py) and put in a DuckDB held in memory only,
closed when the figures are worked out, as for Annex A (domain.child_level): no child's row is written anywhere.

    definitions = load_annual_definitions()
    figures, skipped = compute_year("ssda903", tables, year_end, population, definitions, catalogue)
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from config.paths import DATA_DIR
from domain.catalogue import Catalogue, Kpi
from domain.child_level import ComputedFigure, DefinitionError, Skipped, figure_from, in_memory_database, read_toml
from domain.preview import same_figure
from domain.units import format_change, format_value
from domain.values import ValueIndex

DEFINITIONS_FILE = DATA_DIR / "annual_return_kpis.toml"
RETURNS = {"ssda903": "SSDA903 (children looked after)", "cin": "Children in need census"}


@dataclass(frozen=True)
class AnnualDefinition:
    kpi: str
    collection: str  # 'ssda903' or 'cin'
    tables: tuple[str, ...]
    follows: str
    sql: str


@dataclass(frozen=True)
class CannotGive:
    kpi: str
    collection: str
    reason: str


@dataclass(frozen=True)
class AnnualDefinitions:
    definitions: tuple[AnnualDefinition, ...]
    cannot: tuple[CannotGive, ...]

    def for_return(self, collection: str) -> list[AnnualDefinition]:
        return [d for d in self.definitions if d.collection == collection]


def parse_annual_definitions(data: dict, catalogue: Catalogue | None = None) -> AnnualDefinitions:
    problems, found, seen = [], [], set()
    codes = None if catalogue is None else {kpi.code for kpi in catalogue}
    for number, entry in enumerate(data.get("definition", []), start=1):
        missing = [key for key in ("kpi", "return", "tables", "follows", "sql") if not entry.get(key)]
        if missing:
            problems.append(f"definition {number}: missing {', '.join(missing)}")
            continue
        code, collection = entry["kpi"], entry["return"]
        if codes is not None and code not in codes:
            problems.append(f"definition {number}: {code} is not in the KPI catalogue")
        if collection not in RETURNS:
            problems.append(f"definition {number}: return {collection!r} is not one of {', '.join(RETURNS)}")
        if (code, collection) in seen:
            problems.append(f"definition {number}: {code} is defined twice for {collection}")
        seen.add((code, collection))
        found.append(
            AnnualDefinition(
                code, collection, tuple(entry["tables"]), " ".join(entry["follows"].split()), entry["sql"].strip()
            )
        )
    cannot = tuple(
        CannotGive(entry["kpi"], entry["return"], " ".join(entry["reason"].split())) for entry in data.get("cannot", [])
    )
    if problems:
        raise DefinitionError("data/annual_return_kpis.toml: " + "; ".join(problems))
    return AnnualDefinitions(tuple(found), cannot)


def load_annual_definitions(path: Path = DEFINITIONS_FILE, catalogue: Catalogue | None = None) -> AnnualDefinitions:
    return parse_annual_definitions(read_toml(path), catalogue)


def year_start(year_end: dt.date) -> dt.date:
    """1 April of the year ending on `year_end` (31 March)."""
    return dt.date(year_end.year - 1, 4, 1)


def compute_year(
    collection: str,
    tables: Mapping[str, pd.DataFrame],
    year_end: dt.date,
    population: float | None,
    definitions: AnnualDefinitions,
    catalogue: Catalogue,
) -> tuple[list[ComputedFigure], list[Skipped]]:
    """Every figure the return's definitions give for the year ending `year_end` from these tables (name -> one
    column per field, lower case), and what could not be worked out and why. Nothing is written anywhere."""
    figures, skipped = [], []
    period = {"year_start": year_start(year_end), "year_end": year_end, "population": population}
    con = in_memory_database(tables, period)
    try:
        for definition in definitions.for_return(collection):
            absent = [name for name in definition.tables if name not in tables]
            if absent:
                skipped.append(Skipped(definition.kpi, f"the return has no {' or '.join(absent)} table"))
            elif population is None and catalogue[definition.kpi].unit == "rate_per_10k":
                skipped.append(Skipped(definition.kpi, "no ONS population estimate for the council"))
            else:
                figures.append(figure_from(con, definition.kpi, definition.sql, catalogue))
    finally:
        con.close()
    return figures, skipped


@dataclass(frozen=True)
class YearCompared:
    """One measure for a year: as worked out from the return, as the DfE published it, and as the monthly figures
    showed it for March (the month the year ends)."""

    kpi: Kpi
    year_end: dt.date
    from_return: float | None
    published: float | None  # the council's published figure for the year, if the dashboard holds it
    monthly: float | None  # the figure shown for March of that year

    def sentence(self) -> str:
        """How the return's figure compares, in words: the table's text for a screen reader and the CSV."""
        words = "; ".join(
            self._against(value, name, missing)
            for value, name, missing in (
                (self.published, "the published figure", "no published figure for the year here"),
                (self.monthly, "the dashboard's March figure", "no figure on the dashboard for March"),
            )
        )
        return words[0].upper() + words[1:] + "."

    def _against(self, value: float | None, name: str, missing: str) -> str:
        if value is None or self.from_return is None:
            return missing if value is None else f"{name} is {format_value(value, self.kpi.unit, self.kpi.decimals)}"
        if same_figure(self.kpi, value, self.from_return):
            return f"the same as {name}"
        gap = format_change(abs(value - self.from_return), self.kpi.unit, self.kpi.decimals).lstrip("+")
        return f"{name} is {gap} {'higher' if value > self.from_return else 'lower'}"


def compare_year(
    figures: list[ComputedFigure],
    year_end: dt.date,
    catalogue: Catalogue,
    published: Mapping[str, list],
    monthly: ValueIndex,
) -> list[YearCompared]:
    """Each figure worked out from a return beside the published figure for the same year (published: KPI code ->
    domain.benchmarks.PublishedYear list) and the monthly figure shown for March of that year."""
    march = dt.date(year_end.year, 3, 1)
    rows = []
    for figure in figures:
        years = [y for y in published.get(figure.kpi, []) if y.reference_date == year_end]
        rows.append(
            YearCompared(
                catalogue[figure.kpi],
                year_end,
                figure.value,
                years[0].council if years else None,
                monthly.value(figure.kpi, march),
            )
        )
    return rows
