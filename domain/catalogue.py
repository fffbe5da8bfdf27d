"""The KPI catalogue: one record per KPI, read from data/kpis.toml and checked before use."""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from config.toml_files import read_toml
from domain.months import add_months, month_label
from domain.reporting_period import ReportingPeriod, parse_month, period_problems, read_period
from domain.units import UNITS
from domain.workstreams import Workstream

POLARITIES = ("up", "down", "neither")
REQUIRED_TEXT = ("code", "title", "description", "topic", "unit", "polarity", "source")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")
FIELDS = {  # every field a [[kpi]] entry may have (data/kpis.toml lists them): any other is a typing mistake
    *REQUIRED_TEXT,
    *("decimals", "target", "tolerance", "targets", "workstreams", "numerator", "denominator", "dfe_measure"),
    *("required", "from_teams", "tags", "suppress_small_numbers", "suppress_complement"),
    *("reported_from", "reported_until"),
}


class CatalogueError(ValueError):
    """The catalogue file has problems; the message lists every one."""


@dataclass(frozen=True)
class TargetPeriod:
    """A target and tolerance in force from a month on (until the next period starts). With `path_to` and
    `path_by`, the target is a trajectory: it moves in equal monthly steps from `target` in `start` to `path_to` in
    `path_by`, and stays there."""

    start: dt.date
    target: float
    tolerance: float
    path_to: float | None = None
    path_by: dt.date | None = None

    def target_in(self, month: dt.date) -> float:
        if self.path_to is None or self.path_by is None:
            return self.target
        steps = _months_between(self.start, self.path_by)
        done = min(max(_months_between(self.start, month), 0), steps)
        return self.target + (self.path_to - self.target) * done / steps


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


@dataclass(frozen=True)
class Kpi:
    code: str
    title: str
    description: str
    topic: str
    unit: str
    decimals: int
    polarity: str
    workstreams: tuple[str, ...]
    source: str
    target: float | None = None
    tolerance: float | None = None
    numerator: str | None = None
    denominator: str | None = None
    dfe_measure: str | None = None
    required: bool = True
    from_teams: tuple[str, str] | None = None  # (numerator column, denominator column) of the team sheet
    tags: tuple[str, ...] = ()
    suppress_small_numbers: bool = True  # in the public view, counts of 1 to the threshold are shown as "c"
    suppress_complement: bool = False  # denominator - numerator counts people too (a survey's other answers)
    targets: tuple[TargetPeriod, ...] = ()  # later targets, each from its month; `target` is in force before them
    reported_from: dt.date | None = None  # the first month the KPI is reported; None: from the start
    reported_until: dt.date | None = None  # the last month it is reported (a KPI the plan has dropped); None: still

    @property
    def period(self) -> ReportingPeriod:
        """The months the KPI is reported in (a workstream's months in the plan are the same kind of period)."""
        return ReportingPeriod(self.reported_from, self.reported_until)

    def reported_in(self, month: dt.date) -> bool:
        """Whether the KPI is reported in `month`: only then is it listed, rated, asked for on a return or shown."""
        return self.period.covers(month)

    @property
    def reporting_period(self) -> str | None:
        """The months the KPI is reported in, in words, when they are limited: "Reported until March 2026"."""
        words = self.period.words
        return f"Reported {words}" if words else None

    def month_shown(self, month: dt.date) -> dt.date | None:
        """The month whose figures a page about this KPI shows when `month` is chosen: that month, or the KPI's last
        reported month when the plan has dropped it since; None before it is reported."""
        if self.reported_in(month):
            return month
        return self.reported_until if self.reported_until and month > self.reported_until else None

    def not_reported_sentence(self, month: dt.date) -> str:
        """Why a page about the KPI, with `month` chosen, shows an earlier month's figures or none."""
        shown = self.month_shown(month)
        if shown:
            return (
                f"{self.code} is no longer reported: its last month was {month_label(shown)}, before "
                f"{month_label(month)}. Its figures are shown to {month_label(shown)}."
            )
        first = month_label(self.reported_from)
        return f"{self.code} is first reported in {first}, after {month_label(month)}: it has no figures yet."

    def at(self, month: dt.date) -> "Kpi":
        """The KPI as it was judged in `month`: with the target and tolerance in force then (an edited future
        target re-rates nothing in the past)."""
        period = next((p for p in reversed(self.targets) if p.start <= month), None)
        if period is None:
            return self if not self.targets else replace(self, targets=())
        return replace(self, target=round(period.target_in(month), 6), tolerance=period.tolerance, targets=())

    def target_periods(self) -> tuple[TargetPeriod, ...]:
        """Every target the KPI has had, oldest first; the first is in force from the start (dt.date.min)."""
        if self.target is None:
            return ()
        return (TargetPeriod(dt.date.min, self.target, self.tolerance), *self.targets)

    @property
    def is_rated(self) -> bool:
        """Whether the KPI gets a BRAG status at all."""
        return self.polarity != "neither" and self.target is not None

    @property
    def is_ratio(self) -> bool:
        """Whether the value is computed from a numerator and a denominator."""
        return self.numerator is not None and self.denominator is not None


@dataclass(frozen=True)
class TeamColumn:
    key: str
    heading: str
    whole: bool  # whole numbers only (a count of cases or people, not FTE)


@dataclass(frozen=True)
class TeamSheet:
    title: str
    columns: tuple[TeamColumn, ...]


@dataclass(frozen=True)
class SumGroup:
    """Figures that add up: total = sum of parts. Each is 'CODE' (a count's value) or 'CODE.numerator' /
    'CODE.denominator'. Used for secondary suppression in the public view."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    kpis: dict[str, Kpi]  # by code, in file order
    topics: dict[str, str]  # topic key -> sheet title, in file order
    team_sheet: TeamSheet | None = None
    tags: dict[str, str] = field(default_factory=dict)  # tag -> what it means, in file order
    sums: tuple[SumGroup, ...] = ()

    def __iter__(self):
        return iter(self.kpis.values())

    def __len__(self):
        return len(self.kpis)

    def __getitem__(self, code: str) -> Kpi:
        return self.kpis[code]

    def in_topic(self, topic: str) -> list[Kpi]:
        return [kpi for kpi in self if kpi.topic == topic]

    def reported(self, month: dt.date) -> list[Kpi]:
        """The KPIs reported in `month` (Kpi.reported_in), in catalogue order."""
        return [kpi for kpi in self if kpi.reported_in(month)]


def _number(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _team_sheet(data: dict, problems: list[str]) -> TeamSheet | None:
    section = data.get("team_sheet")
    if not section:
        return None
    columns = []
    for column in section.get("columns", []):
        if not column.get("key") or not column.get("heading"):
            problems.append("team_sheet: every column needs a key and a heading")
            continue
        columns.append(TeamColumn(column["key"], column["heading"], bool(column.get("whole", False))))
    if not section.get("title") or not columns:
        problems.append("team_sheet needs a title and at least one column")
        return None
    return TeamSheet(section["title"], tuple(columns))


def _check_entry(
    entry: dict, topics: dict, workstream_codes: Collection[str] | None, team_keys: set[str], tags: dict[str, str]
) -> list[str]:
    problems = [f"missing {f}" for f in REQUIRED_TEXT if not str(entry.get(f, "")).strip()]
    code = str(entry.get("code", ""))
    if code and not CODE_PATTERN.match(code):
        problems.append("code must be capital letters, digits and underscores")
    if entry.get("unit") and entry["unit"] not in UNITS:
        problems.append(f"unit '{entry['unit']}' is not one of {', '.join(UNITS)}")
    if entry.get("polarity") and entry["polarity"] not in POLARITIES:
        problems.append(f"polarity '{entry['polarity']}' is not one of {', '.join(POLARITIES)}")
    if entry.get("topic") and entry["topic"] not in topics:
        problems.append(f"topic '{entry['topic']}' is not listed under [topics]")
    decimals = entry.get("decimals")
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 3:
        problems.append("decimals must be a whole number from 0 to 3")
    for name in ("target", "tolerance"):
        if name in entry and _number(entry[name]) is None:
            problems.append(f"{name} must be a number")
    if "target" in entry and "tolerance" not in entry:
        problems.append("a target needs a tolerance")
    if "tolerance" in entry and _number(entry["tolerance"]) is not None and entry["tolerance"] < 0:
        problems.append("tolerance must not be negative")
    if entry.get("polarity") == "neither" and "target" in entry:
        problems.append("a 'neither' KPI is context only and cannot have a target")
    if "targets" in entry:
        problems.extend(_target_problems(entry))
    if ("numerator" in entry) != ("denominator" in entry):
        problems.append("numerator and denominator go together")
    for flag in ("suppress_small_numbers", "suppress_complement"):
        if flag in entry and not isinstance(entry[flag], bool):
            problems.append(f"{flag} must be true or false")
    if entry.get("suppress_complement") and "numerator" not in entry:
        problems.append("suppress_complement needs a numerator and denominator")
    if "tags" in entry:
        unknown = [t for t in entry["tags"] if t not in tags] if isinstance(entry["tags"], list) else ["(not a list)"]
        if unknown:
            problems.append(f"unknown tag(s) {', '.join(map(str, unknown))}: define them under [tags]")
    if "from_teams" in entry:
        pair = entry["from_teams"]
        if not isinstance(pair, list) or len(pair) != 2 or not set(pair) <= team_keys:
            problems.append("from_teams must name two columns of [team_sheet]")
        elif "numerator" not in entry:
            problems.append("from_teams needs a numerator and denominator description")
    problems.extend(period_problems(entry))
    unknown = set(entry) - FIELDS
    if unknown:
        problems.append(f"unknown field(s) {', '.join(sorted(unknown))}: see the list at the top of the file")
    workstreams = entry.get("workstreams")
    if not isinstance(workstreams, list) or not workstreams:
        problems.append("workstreams must list at least one workstream code")
    elif workstream_codes is not None:
        unknown = [w for w in workstreams if w not in workstream_codes]
        if unknown:
            problems.append(f"unknown workstream(s) {', '.join(map(str, unknown))}")
    return problems


def _target_problems(entry: dict) -> list[str]:
    periods = entry["targets"]
    if entry.get("polarity") == "neither":
        return ["a 'neither' KPI is context only and cannot have targets"]
    if "target" not in entry:
        return ["targets need a first target and tolerance (in force before the first of them)"]
    if not isinstance(periods, list) or not all(isinstance(p, dict) for p in periods):
        return ['targets must be a list like [{ from = "2025-04", target = 18.0, tolerance = 2.0 }]']
    problems, starts = [], []
    for number, period in enumerate(periods, start=1):
        where = f"targets entry {number}"
        start = parse_month(period.get("from", ""))
        if start is None:
            problems.append(f'{where}: from must be a month written "YYYY-MM"')
        starts.append(start)
        for name in ("target", "tolerance"):
            if _number(period.get(name)) is None:
                problems.append(f"{where}: {name} must be a number")
        if _number(period.get("tolerance")) is not None and period["tolerance"] < 0:
            problems.append(f"{where}: tolerance must not be negative")
        if ("path_to" in period) != ("path_by" in period):
            problems.append(f"{where}: a trajectory needs both path_to and path_by")
        elif "path_to" in period:
            end = parse_month(period["path_by"])
            if _number(period["path_to"]) is None or end is None or start is None or end <= start:
                problems.append(f'{where}: path_to must be a number and path_by a month "YYYY-MM" after from')
        unknown = set(period) - {"from", "target", "tolerance", "path_to", "path_by"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    known = [s for s in starts if s is not None]
    if known != sorted(set(known)):
        problems.append("targets must be in date order, one per month")
    return problems


def _periods(entry: dict) -> tuple[TargetPeriod, ...]:
    return tuple(
        TargetPeriod(
            parse_month(p["from"]),
            _number(p["target"]),
            _number(p["tolerance"]),
            _number(p.get("path_to")),
            parse_month(p["path_by"]) if "path_by" in p else None,
        )
        for p in entry.get("targets", ())
    )


def parse_catalogue(data: dict, workstreams: Collection[str] | Mapping[str, Workstream] | None = None) -> Catalogue:
    """The catalogue, checked against the plan's workstreams (their codes, or the workstreams themselves to check
    also that every KPI is in a workstream in the plan in each month it is reported)."""
    topics = dict(data.get("topics", {}))
    problems: list[str] = []
    if not topics:
        problems.append("[topics] is missing")
    team_sheet = _team_sheet(data, problems)
    tags = {str(k): str(v) for k, v in data.get("tags", {}).items()}
    team_keys = {c.key for c in team_sheet.columns} if team_sheet else set()
    kpis: dict[str, Kpi] = {}
    for number, entry in enumerate(data.get("kpi", []), start=1):
        name = entry.get("code") or f"entry {number}"
        entry_problems = _check_entry(entry, topics, workstreams, team_keys, tags)
        if entry.get("code") in kpis:
            entry_problems.append("code used twice")
        if entry_problems:
            problems.extend(f"KPI {name}: {p}" for p in entry_problems)
            continue
        period = read_period(entry)
        kpis[entry["code"]] = Kpi(
            code=entry["code"],
            title=entry["title"].strip(),
            description=entry["description"].strip(),
            topic=entry["topic"],
            unit=entry["unit"],
            decimals=entry["decimals"],
            polarity=entry["polarity"],
            workstreams=tuple(entry["workstreams"]),
            source=entry["source"],
            target=_number(entry.get("target")),
            tolerance=_number(entry.get("tolerance")),
            numerator=entry.get("numerator"),
            denominator=entry.get("denominator"),
            dfe_measure=entry.get("dfe_measure"),
            required=bool(entry.get("required", True)),
            from_teams=tuple(entry["from_teams"]) if "from_teams" in entry else None,
            tags=tuple(entry.get("tags", ())),
            suppress_small_numbers=entry.get("suppress_small_numbers", True),
            suppress_complement=entry.get("suppress_complement", False),
            targets=_periods(entry),
            reported_from=period.first,
            reported_until=period.last,
        )
    titles = [kpi.title.casefold() for kpi in kpis.values()]
    problems.extend(f"title '{t}' used twice" for t in sorted({t for t in titles if titles.count(t) > 1}))
    if not kpis and not problems:
        problems.append("no KPIs defined")
    if isinstance(workstreams, Mapping):
        problems.extend(p for kpi in kpis.values() if (p := _outside_plan_problem(kpi, workstreams)))
    sums = _sums(data.get("sum", []), kpis, problems)
    if problems:
        raise CatalogueError("; ".join(problems))
    return Catalogue(kpis=kpis, topics=topics, team_sheet=team_sheet, tags=tags, sums=sums)


def _outside_plan_problem(kpi: Kpi, workstreams: Mapping[str, Workstream]) -> str | None:
    """A KPI reported in a month when none of its workstreams is in the plan would be on no page filtered by
    workstream, nor counted in any workstream's statuses. Such a month starts a KPI's period, or follows the end
    of a workstream's, or comes before the start of one: only those months need checking."""
    own = [workstreams[code] for code in kpi.workstreams]
    starts = [w.period.first for w in own if w.period.first]
    candidates = [kpi.reported_from or dt.date.min]
    candidates += [add_months(w.period.last, 1) for w in own if w.period.last]
    candidates += [add_months(first, -1) for first in starts if first > dt.date.min]
    gap = next((m for m in sorted(candidates) if kpi.reported_in(m) and not any(w.in_plan(m) for w in own)), None)
    if gap is None:
        return None
    when = f"before {month_label(min(starts))}" if gap == dt.date.min else f"in {month_label(gap)}"
    return (
        f"KPI {kpi.code}: it is reported {when}, when none of its workstreams ({', '.join(kpi.workstreams)}) is in "
        "the plan (their reported_from and reported_until in the workstreams file): add it to a workstream in the "
        "plan then, or limit its own reported_from or reported_until"
    )


def _figure_problem(reference: str, kpis: dict[str, Kpi]) -> str | None:
    code, _, part = str(reference).partition(".")
    kpi = kpis.get(code)
    if kpi is None:
        return f"'{reference}' is not a KPI code"
    if part and (part not in ("numerator", "denominator") or not kpi.is_ratio):
        return f"'{reference}': only a KPI with a numerator and denominator has .numerator or .denominator"
    if not part and kpi.unit != "count":
        return f"'{reference}' is not a count: name its .numerator or .denominator"
    return None


def _sums(entries: list, kpis: dict[str, Kpi], problems: list[str]) -> tuple[SumGroup, ...]:
    groups = []
    for number, entry in enumerate(entries, start=1):
        parts = entry.get("parts")
        if not entry.get("total") or not isinstance(parts, list) or len(parts) < 2:
            problems.append(f"sum {number}: needs a total and a list of at least two parts")
            continue
        found = [p for p in (_figure_problem(r, kpis) for r in [entry["total"], *parts]) if p]
        problems.extend(f"sum {number}: {p}" for p in found)
        if not found:
            groups.append(SumGroup(entry["total"], tuple(parts)))
    return tuple(groups)


def load_catalogue(path: Path, workstreams: Collection[str] | Mapping[str, Workstream] | None = None) -> Catalogue:
    """Read and check the catalogue file (see parse_catalogue). Raises CatalogueError naming the file and every
    problem."""
    data = read_toml(path, CatalogueError)
    try:
        return parse_catalogue(data, workstreams)
    except CatalogueError as error:
        raise CatalogueError(f"{path}: {error}") from None
