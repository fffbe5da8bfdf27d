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

import duckdb
import pandas as pd

from config.paths import DATA_DIR
from domain.catalogue import Catalogue, Kpi
from domain.child_level import (
    ComputedFigure,
    DefinitionError,
    Skipped,
    figure_from,
    in_memory_database,
    read_definitions_file,
    unknown_kpis_problem,
)
from domain.preview import same_figure
from domain.units import UNITS, format_change, format_value
from domain.values import ValueIndex

DEFINITIONS_FILE = DATA_DIR / "annual_return_kpis.toml"
RETURNS = {"ssda903": "SSDA903 (children looked after)", "cin": "Children in need census"}
KIND_TITLES = {"ssda903": RETURNS["ssda903"], "cin_census": RETURNS["cin"]}  # a stored submission's kind -> its return


@dataclass(frozen=True)
class AnnualDefinition:
    kpi: str
    collection: str  # 'ssda903' or 'cin'
    tables: tuple[str, ...]
    follows: str
    sql: str
    over_the_year: bool = False  # a count or rate over the year, not a figure at 31 March


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
    problems, found, seen, unknown = [], [], set(), []
    for number, entry in enumerate(data.get("definition", []), start=1):
        missing = [key for key in ("kpi", "return", "tables", "follows", "sql") if not entry.get(key)]
        if missing:
            problems.append(f"definition {number}: missing {', '.join(missing)}")
            continue
        code, collection = entry["kpi"], entry["return"]
        if catalogue is not None and code not in catalogue.kpis:
            unknown.append(code)
        if collection not in RETURNS:
            problems.append(f"definition {number}: return {collection!r} is not one of {', '.join(RETURNS)}")
        if entry.get("compare", "march") not in ("march", "year"):
            problems.append(f"definition {number}: compare must be 'march' or 'year'")
        if (code, collection) in seen:
            problems.append(f"definition {number}: {code} is defined twice for {collection}")
        seen.add((code, collection))
        found.append(
            AnnualDefinition(
                code,
                collection,
                tuple(entry["tables"]),
                " ".join(entry["follows"].split()),
                entry["sql"].strip(),
                entry.get("compare", "march") == "year",
            )
        )
    cannot = tuple(
        CannotGive(entry["kpi"], entry["return"], " ".join(entry["reason"].split())) for entry in data.get("cannot", [])
    )
    problems += unknown_kpis_problem(sorted(set(unknown)))
    if problems:
        raise DefinitionError("data/annual_return_kpis.toml: " + "; ".join(problems))
    return AnnualDefinitions(tuple(found), cannot)


def load_annual_definitions(path: Path = DEFINITIONS_FILE, catalogue: Catalogue | None = None) -> AnnualDefinitions:
    return parse_annual_definitions(read_definitions_file(path), catalogue)


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
    monthly: float | None  # the dashboard's figure for March, or for the 12 months to March (over_the_year)
    over_the_year: bool = False

    def sentence(self) -> str:
        """How the return's figure compares, in words: the table's text for a screen reader and the CSV."""
        words = "; ".join(
            self._against(value, name, missing)
            for value, name, missing in (
                (self.published, "the published figure", "no published figure for the year here"),
                (self.monthly, *self._dashboard_words()),
            )
        )
        return words[0].upper() + words[1:] + "."

    def _dashboard_words(self) -> tuple[str, str]:
        if self.over_the_year:
            return "the dashboard's 12 months to March", "the dashboard lacks a month of the 12 to March"
        return "the dashboard's March figure", "no figure on the dashboard for March"

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
    definitions: AnnualDefinitions,
) -> list[YearCompared]:
    """Each figure worked out from a return beside the published figure for the same year (published: KPI code ->
    domain.benchmarks.PublishedYear list) and the dashboard's: its March figure for a figure at 31 March, its 12
    months April to March for a count or rate over the year."""
    over_the_year = {d.kpi for d in definitions.definitions if d.over_the_year}
    rows = []
    for figure in figures:
        kpi = catalogue[figure.kpi]
        years = [y for y in published.get(figure.kpi, []) if y.reference_date == year_end]
        whole_year = figure.kpi in over_the_year
        rows.append(
            YearCompared(
                kpi,
                year_end,
                figure.value,
                years[0].council if years else None,
                _twelve_months(kpi, monthly, year_end) if whole_year else monthly.value(kpi.code, _march(year_end)),
                whole_year,
            )
        )
    return rows


def _march(year_end: dt.date) -> dt.date:
    return dt.date(year_end.year, 3, 1)


def _twelve_months(kpi: Kpi, monthly: ValueIndex, year_end: dt.date) -> float | None:
    """The dashboard's figure for April to March: the months' counts added up, or for a ratio the months'
    numerators over their denominators added up. None unless every month has its figure (and its parts)."""
    months = [dt.date(year_end.year - 1, 4, 1).replace(month=m) for m in range(4, 13)]
    months += [dt.date(year_end.year, m, 1) for m in range(1, 4)]
    if not kpi.is_ratio:
        values = [monthly.value(kpi.code, month) for month in months]
        return None if None in values else sum(values)
    parts = [monthly.parts(kpi.code, month) for month in months]
    if any(n is None or d is None for n, d in parts):
        return None
    denominator = sum(d for _, d in parts)
    return sum(n for n, _ in parts) / denominator * UNITS[kpi.unit].scale if denominator else None


@dataclass(frozen=True)
class StoredYear:
    """The measures kept from one accepted annual return, for one year."""

    kind: str  # 'ssda903' or 'cin_census'
    year_end: dt.date
    submission_id: int
    figures: tuple[ComputedFigure, ...]


def stored_years(con: duckdb.DuckDBPyConnection, council: str) -> list[StoredYear]:
    """Each year's measures from the latest accepted return of each kind, newest year first."""
    rows = con.execute(
        """SELECT s.kind, f.year_end, s.submission_id, f.kpi_code, f.value, f.numerator, f.denominator
           FROM annual_figures AS f JOIN submissions AS s USING (submission_id)
           WHERE s.status = 'accepted' AND s.council = ?
           QUALIFY s.submission_id = max(s.submission_id) OVER (PARTITION BY s.kind, f.year_end)
           ORDER BY f.year_end DESC, s.kind, f.kpi_code""",
        [council],
    ).fetchall()
    years: dict[tuple, list[ComputedFigure]] = {}
    for kind, year_end, submission_id, code, value, numerator, denominator in rows:
        years.setdefault((kind, year_end, submission_id), []).append(
            ComputedFigure(code, value, numerator, denominator, ())
        )
    return [StoredYear(kind, year, sid, tuple(figures)) for (kind, year, sid), figures in years.items()]
