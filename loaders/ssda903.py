"""SSDA903, the children looked after return: read the DfE's CSV tables in memory and check them, for the year's
measures (domain.annual_returns).

A council's case-management system writes the return as one CSV per table (Header, Episodes, UASC, OC3 and more);
each table is told by its column headings, whatever the file is called. Only the columns the definitions read are
read at all, so postcodes, UPNs and the other tables never reach memory; nothing read is ever stored. A problem names
the file, the row and the column (as a spreadsheet would show it) and never what a personal field holds.

    parsed = read_ssda903({"episodes.csv": data, "oc3.csv": data2})
"""

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from loaders.problems import MAX_PROBLEMS_PER_RULE, CappedProblems, Problem

MAX_FILE_BYTES = 200 * 1024 * 1024  # an England-sized episodes table is about 20 MB
ENCODINGS = ("utf-8-sig", "cp1252")  # what case-management systems write
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")  # the DfE's, and ISO


@dataclass(frozen=True)
class Table:
    name: str  # as the definitions call it
    title: str  # as the DfE's guide calls it
    identifies: str  # a heading only this table has
    columns: tuple[str, ...]  # read; all others are not
    required: tuple[str, ...]  # without one, the table cannot be used
    dates: tuple[str, ...] = ()
    codes: Mapping[str, frozenset[str]] = field(default_factory=dict)  # column -> the codes it may hold


TABLES = (
    Table(
        "episodes",
        "Episodes",
        "DECOM",
        ("CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC"),
        ("CHILD", "DECOM", "RNE", "PLACE", "DEC"),
        ("DECOM", "DEC"),
        {"RNE": frozenset({"S", "P", "L", "T", "U", "B"})},
    ),
    Table("uasc", "UASC", "DUC", ("CHILD", "DUC"), ("CHILD", "DUC"), ("DUC",)),
    Table(
        "oc3",
        "OC3 (care leavers)",
        "IN_TOUCH",
        ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
        ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
        ("DOB",),
        {"ACTIV": frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0", ""})},
    ),
)
BY_HEADING = {table.identifies: table for table in TABLES}
OTHER_TABLES = {  # the return's other tables, told by a heading of theirs: known, and not needed for these measures
    "REVIEW": "Reviews",
    "MIS_START": "Missing",
    "DATE_INT": "AD1 (adoption)",
    "DATE_PLACED": "Placed for adoption",
    "PREV_PERM": "Previous permanence",
    "CONVICTED": "OC2",
    "SW_ID": "Social worker episodes",
    "ETHNIC": "Header",
}


@dataclass
class Parsed903:
    tables: dict[str, pd.DataFrame]  # in memory only: name -> lower-case columns, dates as datetime64
    row_counts: dict[str, int]
    files: dict[str, str]  # table name -> the file it came from
    year_end: dt.date | None  # 31 March of the collection year
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def read_ssda903(files: Mapping[str, bytes], year_end: dt.date | None = None) -> Parsed903:
    """Read and check the return's CSV files (name -> bytes). The collection year is `year_end`, or else the one
    whose 31 March is on or after the latest episode date."""
    problems = CappedProblems()
    tables, counts, sources, identified = {}, {}, {}, set()
    for name, data in files.items():
        text = _text(name, data, problems)
        table = None if text is None else _identify(name, text, problems)
        if table is None:
            continue
        identified.add(table.name)
        if table.name in tables:
            problems.add(
                "SSDA903_TABLE_DUPLICATE", f"a second {table.title} table; the first was {sources[table.name]}", name
            )
            continue
        frame = _read_table(name, text, table, problems)
        if frame is not None:
            tables[table.name], counts[table.name], sources[table.name] = frame, len(frame), name
    if "episodes" not in identified:
        problems.add("SSDA903_NO_EPISODES", "none of the files is the Episodes table (headed CHILD, DECOM, RNE, ...)")
    if year_end is None and "episodes" in tables:
        year_end = _collection_year(tables["episodes"])
    return Parsed903(tables, counts, sources, year_end, problems.finished())


def _text(name: str, data: bytes, problems: CappedProblems) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        problems.add("SSDA903_FILE_TOO_LARGE", f"over {MAX_FILE_BYTES // 2**20} MB", name)
        return None
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    problems.add("SSDA903_NOT_CSV", "not text in UTF-8 or Windows-1252: save it as CSV", name)
    return None


def _identify(name: str, text: str, problems: CappedProblems) -> Table | None:
    first = next(csv.reader(io.StringIO(text[:65536])), [])
    headings = {h.strip().upper() for h in first}
    found = [BY_HEADING[h] for h in BY_HEADING if h in headings]
    if len(found) == 1:
        return found[0]
    other = next((title for heading, title in OTHER_TABLES.items() if heading in headings), None)
    if other:
        problems.add("SSDA903_TABLE_NOT_USED", f"the {other} table: none of these measures needs it; not read", name)
    else:
        problems.add("SSDA903_TABLE_UNKNOWN", "not a table of the SSDA903 return (its headings are unknown)", name)
    return None


def _read_table(name: str, text: str, table: Table, problems: CappedProblems) -> pd.DataFrame | None:
    headings = [h.strip().upper() for h in next(csv.reader(io.StringIO(text[:65536])))]
    missing = [c for c in table.required if c not in headings]
    if missing:
        problems.add("SSDA903_COLUMN_MISSING", f"the {table.title} table has no {', '.join(missing)} column", name)
        return None
    wanted = {c: headings.index(c) for c in table.columns if c in headings}
    frame = pd.read_csv(
        io.StringIO(text),
        usecols=list(wanted.values()),
        dtype=str,
        keep_default_na=False,
        skipinitialspace=True,
    )
    frame.columns = [headings[i] for i in sorted(wanted.values())]
    frame = frame.apply(lambda column: column.str.strip())
    position = {c: get_column_letter(i + 1) for c, i in wanted.items()}
    rows = frame.index + 2  # the file's row numbers (row 1 holds the headings)

    def report(rule: str, bad: pd.Series, column: str, words: str) -> None:
        for index in bad[bad].index[:MAX_PROBLEMS_PER_RULE]:
            problems.add(rule, f"row {rows[index]}, {column}: {words}", name, f"{position[column]}{rows[index]}")
        if bad.sum() > MAX_PROBLEMS_PER_RULE:
            problems.add(rule, "", name, times=int(bad.sum()) - MAX_PROBLEMS_PER_RULE)

    report("SSDA903_ID_MISSING", frame["CHILD"] == "", "CHILD", "no child identifier")
    for column in table.dates:
        if column not in frame:
            continue
        parsed = _dates(frame[column])
        report("SSDA903_DATE_INVALID", (frame[column] != "") & parsed.isna(), column, "not a date (dd/mm/yyyy)")
        frame[column] = parsed
    for column, allowed in table.codes.items():
        if column in frame:
            report("SSDA903_CODE_INVALID", ~frame[column].isin(allowed), column, "not one of the DfE's codes")
    if table.name == "episodes":
        report(
            "SSDA903_END_BEFORE_START", frame["DEC"].notna() & (frame["DEC"] < frame["DECOM"]), "DEC", "before DECOM"
        )
    for column in table.columns:  # an optional column the file lacks: blank, so the queries still run
        if column not in frame:
            frame[column] = None
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def _dates(column: pd.Series) -> pd.Series:
    """Dates as datetime64 (NaT for blank or unreadable): DuckDB compares them with the period's dates."""
    parsed = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    for form in DATE_FORMATS:
        todo = parsed.isna() & (column != "")
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(column[todo], format=form, errors="coerce")
    return parsed


def _collection_year(episodes: pd.DataFrame) -> dt.date | None:
    dates = pd.concat([episodes["decom"], episodes["dec"]]).dropna()
    if dates.empty:
        return None
    latest = dates.max().date()
    year = latest.year if (latest.month, latest.day) <= (3, 31) else latest.year + 1
    return dt.date(year, 3, 31)
