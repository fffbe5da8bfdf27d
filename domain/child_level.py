"""KPIs calculated from child-level lists (Ofsted's Annex A), by the definitions in data/child_level_kpis.toml.

Each definition is one SQL query over the lists as in-memory tables; this module runs them in a DuckDB database held
in memory only, closed when the figures are worked out, so no row of any list is ever written anywhere.

    definitions = load_definitions()
    figures, skipped = compute(tables, month, population, definitions)
"""

import csv
import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from config.paths import DATA_DIR
from config.toml_files import read_toml
from domain.catalogue import Catalogue
from domain.months import add_months
from domain.units import UNITS
from domain.working_days import calendar_rows

DEFINITIONS_FILE = DATA_DIR / "child_level_kpis.toml"
POPULATION_FILE = DATA_DIR / "child_population.csv"

MACROS = (
    "CREATE MACRO working_days(a, b) AS "
    "(SELECT n FROM calendar WHERE day = b) - (SELECT n FROM calendar WHERE day = a)",
    "CREATE MACRO age_at(birth, d) AS "
    "year(d) - year(birth) - CASE WHEN strftime(d, '%m%d') < strftime(birth, '%m%d') THEN 1 ELSE 0 END",
    "CREATE MACRO open_at(s, e, d) AS s <= d AND (e IS NULL OR e > d)",
    "CREATE MACRO is_yes(t) AS lower(trim(t)) LIKE 'y%' OR lower(trim(t)) LIKE 'a)%'",
    "CREATE MACRO code_of(t, pattern) AS "
    "nullif(regexp_extract(upper(t), '(^|[^A-Z0-9])(' || pattern || ')($|[^A-Z0-9])', 2), '')",
)


class DefinitionError(ValueError):
    """data/child_level_kpis.toml is incomplete or names a KPI that is not in the catalogue."""


@dataclass(frozen=True)
class Definition:
    kpi: str
    lists: tuple[int, ...]
    needs: tuple[str, ...]  # 'list_8.uasc': fields a list may lack
    follows: str  # the DfE or Ofsted definition, in words
    sql: str


@dataclass(frozen=True)
class Definitions:
    by_kpi: dict[str, Definition]
    team_sheet_sql: str | None

    def __iter__(self):
        return iter(self.by_kpi.values())

    def __len__(self):
        return len(self.by_kpi)

    def get(self, code: str) -> Definition | None:
        return self.by_kpi.get(code)


@dataclass(frozen=True)
class ComputedFigure:
    kpi: str
    value: float | None
    numerator: float | None
    denominator: float | None
    lists: tuple[int, ...]


@dataclass(frozen=True)
class Skipped:
    kpi: str
    reason: str  # e.g. "List 9 is not in the workbook"


@dataclass(frozen=True)
class TeamCaseload:
    team: str
    cases: int
    headcount: int
    over_20: int


def unknown_kpis_problem(codes: list[str]) -> list[str]:
    """The one problem of definitions naming KPIs the catalogue does not have (a council's own catalogue)."""
    if not codes:
        return []
    many = len(codes) > 1
    return [
        f"{len(codes)} definition{'s name KPIs that are' if many else ' names a KPI that is'} not in the KPI catalogue "
        f"({', '.join(codes)}): remove {'them' if many else 'it'}, or add the KPI{'s' if many else ''} to the catalogue"
    ]


def parse_definitions(data: dict, catalogue: Catalogue | None = None) -> Definitions:
    problems, found, unknown = [], {}, []
    for number, entry in enumerate(data.get("definition", []), start=1):
        missing = [key for key in ("kpi", "lists", "follows", "sql") if not entry.get(key)]
        if missing:
            problems.append(f"definition {number}: missing {', '.join(missing)}")
            continue
        code = entry["kpi"]
        if catalogue is not None and code not in catalogue.kpis:
            unknown.append(code)
        if code in found:
            problems.append(f"definition {number}: {code} is defined twice")
        found[code] = Definition(
            code,
            tuple(int(n) for n in entry["lists"]),
            tuple(entry.get("needs", ())),
            " ".join(entry["follows"].split()),
            entry["sql"].strip(),
        )
    problems += unknown_kpis_problem(unknown)
    if problems:
        raise DefinitionError("data/child_level_kpis.toml: " + "; ".join(problems))
    return Definitions(found, (data.get("team_sheet") or {}).get("sql"))


@functools.cache
def read_definitions_file(path: Path) -> dict:
    """A definitions file, read once per process (it is part of the code: a change needs a restart)."""
    return read_toml(path, DefinitionError)


def load_definitions(path: Path = DEFINITIONS_FILE, catalogue: Catalogue | None = None) -> Definitions:
    return parse_definitions(read_definitions_file(path), catalogue)


@functools.cache
def _populations(path: Path) -> dict[str, list[tuple[int, float]]]:
    by_council: dict[str, list[tuple[int, float]]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["children_aged_0_to_17"].isdigit():  # 'x': not published for that year
                continue
            by_council.setdefault(row["old_la_code"], []).append(
                (int(row["mid_year"]), float(row["children_aged_0_to_17"]))
            )
    return {code: sorted(years) for code, years in by_council.items()}


def child_population(council: str, month: dt.date, path: Path = POPULATION_FILE) -> tuple[float, int] | None:
    """Children aged 0 to 17 in the council (ONS mid-year estimate) and its year: the latest estimate whose mid-year
    (30 June) is before the month ends, or the earliest there is."""
    years = _populations(path).get(str(council))
    if not years:
        return None
    before = [(year, count) for year, count in years if dt.date(year, 6, 30) <= month_end(month)]
    year, count = before[-1] if before else years[0]
    return count, year


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def in_memory_database(tables: Mapping[str, pd.DataFrame], period: Mapping[str, object]) -> duckdb.DuckDBPyConnection:
    """A DuckDB held in memory only, with `tables` (name -> frame), a one-row `period` table (its columns and values
    from `period`), the working-day `calendar` and the helper macros. The caller closes it; nothing reaches disk."""
    con = duckdb.connect(":memory:")
    days, counts = calendar_rows()
    con.execute("CREATE TABLE calendar AS SELECT unnest(?::DATE[]) AS day, unnest(?::INTEGER[]) AS n", [days, counts])
    types = {name: "DATE" if isinstance(value, dt.date) else "DOUBLE" for name, value in period.items()}
    columns = ", ".join(f"?::{kind} AS {name}" for name, kind in types.items())  # the code's own names, never a file's
    con.execute(f"CREATE TABLE period AS SELECT {columns}", list(period.values()))
    for statement in MACROS:
        con.execute(statement)
    for name, frame in tables.items():
        con.register(f"_frame_{name}", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame_{name}")  # noqa: S608 (a name of the code's own)
        con.unregister(f"_frame_{name}")
    return con


def _connection(tables: Mapping[int, pd.DataFrame], month: dt.date, population: float | None):
    period = {"month_start": month, "month_end": month_end(month), "population": population}
    return in_memory_database({f"list_{number}": frame for number, frame in tables.items()}, period)


def figure_from(
    con: duckdb.DuckDBPyConnection, kpi_code: str, sql: str, catalogue: Catalogue, lists=()
) -> ComputedFigure:
    """Run one definition's query: `value` for a count, or `numerator` and `denominator`, worked out into the KPI's unit
    the same way as a typed return's."""
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    row = dict(zip(names, cursor.fetchone(), strict=True))
    kpi = catalogue[kpi_code]
    if "value" in row:
        value = None if row["value"] is None else float(row["value"])
        return ComputedFigure(kpi.code, value, None, None, lists)
    numerator = float(row["numerator"] or 0)
    denominator = float(row["denominator"] or 0)
    value = numerator / denominator * UNITS[kpi.unit].scale if denominator else None
    return ComputedFigure(kpi.code, value, numerator, denominator, lists)


def _skip_reason(
    definition: Definition, tables: Mapping[int, pd.DataFrame], missing: Mapping[int, set[str]]
) -> str | None:
    absent = [n for n in definition.lists if n not in tables]
    if absent:
        return ", ".join(f"List {n}" for n in absent) + (" is" if len(absent) == 1 else " are") + " not in the workbook"
    for need in definition.needs:
        table, field = need.split(".")
        if field in missing.get(int(table.removeprefix("list_")), set()):
            return f"List {table.removeprefix('list_')} has no column for {field.replace('_', ' ')}"
    return None


def compute(
    tables: Mapping[int, pd.DataFrame],
    month: dt.date,
    population: float | None,
    definitions: Definitions,
    catalogue: Catalogue,
    missing_fields: Mapping[int, set[str]] | None = None,
) -> tuple[list[ComputedFigure], list[Skipped], list[TeamCaseload]]:
    """Every figure the definitions give for `month` from these lists (list number -> one column per field), what
    could not be computed and why, and the team sheet's caseloads. Nothing is written anywhere."""
    missing_fields = missing_fields or {}
    figures, skipped = [], []
    con = _connection(tables, month, population)
    try:
        for definition in definitions:
            if not catalogue[definition.kpi].reported_in(month):
                continue  # the plan has dropped the KPI, or not yet added it: nothing to compute, nothing to say
            reason = _skip_reason(definition, tables, missing_fields)
            if reason is None and population is None and catalogue[definition.kpi].unit == "rate_per_10k":
                reason = "no ONS population estimate for the council"
            if reason:
                skipped.append(Skipped(definition.kpi, reason))
                continue
            figures.append(figure_from(con, definition.kpi, definition.sql, catalogue, definition.lists))
        teams = _teams(con, definitions, tables, missing_fields)
    finally:
        con.close()
    return figures, skipped, teams


def _teams(con, definitions: Definitions, tables, missing_fields) -> list[TeamCaseload]:
    if not definitions.team_sheet_sql or any(n not in tables for n in (6, 7, 8)):
        return []
    if any({"team", "worker"} & missing_fields.get(n, set()) for n in (6, 7, 8)):
        return []
    return [
        TeamCaseload(str(t), int(c), int(h), int(o))
        for t, c, h, o in con.execute(definitions.team_sheet_sql).fetchall()
    ]
