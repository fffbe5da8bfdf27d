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
from domain.catalogue import Catalogue
from domain.child_level import ComputedFigure, DefinitionError, Skipped, figure_from, in_memory_database, read_toml

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
