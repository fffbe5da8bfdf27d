"""The improvement plan's workstreams (priority areas), read from data/workstreams.toml."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from config.toml_files import read_toml
from domain.months import month_label
from domain.reporting_period import FIELDS as PERIOD_FIELDS
from domain.reporting_period import ReportingPeriod, period_problems, read_period

# A short name has to fit the overview's "KPIs by workstream" table beside five counts on a 1366-pixel screen.
SHORT_NAME_LIMIT = 20
FIELDS = {"code", "name", "short_name", "description", "owner", *PERIOD_FIELDS}  # any other is a typing mistake


class WorkstreamError(ValueError):
    pass


@dataclass(frozen=True)
class Workstream:
    code: str
    name: str
    description: str
    owner: str
    short_name: str = ""
    period: ReportingPeriod = field(default_factory=ReportingPeriod)  # its months in the plan (a refresh closes some)

    def in_plan(self, month: dt.date) -> bool:
        """Whether the workstream is in the plan in `month`: only then is it listed, counted or given actions."""
        return self.period.covers(month)

    def not_in_plan_sentence(self, month: dt.date) -> str:
        """Why a page about `month` does not list the workstream."""
        return f"{self.label} is not in the plan in {month_label(month)}: it is in the plan {self.period.words}."

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def label_with_period(self) -> str:
        """The label, with its months in the plan when they are limited: "WS02 Early help (until June 2026)"."""
        return f"{self.label} ({self.period.words})" if self.period.words else self.label

    @property
    def short(self) -> str:
        """The name for a narrow column: the plan's own short name, or the full name when it gives none."""
        return self.short_name or self.name


def load_workstreams(path: Path) -> dict[str, Workstream]:
    """Workstreams by code, in file order. Raises WorkstreamError naming every problem found."""
    entries = read_toml(path, WorkstreamError).get("workstream", [])
    problems, result = [], {}
    for number, entry in enumerate(entries, start=1):
        missing = [f for f in ("code", "name", "description", "owner") if not str(entry.get(f, "")).strip()]
        if missing:
            problems.append(f"workstream {number}: missing {', '.join(missing)}")
            continue
        if entry["code"] in result:
            problems.append(f"workstream {entry['code']}: code used twice")
            continue
        short_name = str(entry.get("short_name", "")).strip()
        if len(short_name) > SHORT_NAME_LIMIT:
            problems.append(
                f"workstream {entry['code']}: short_name {short_name!r} has {len(short_name)} characters "
                f"(at most {SHORT_NAME_LIMIT}, to fit the overview's table)"
            )
            continue
        unknown = set(entry) - FIELDS
        entry_problems = period_problems(entry) + (
            [f"unknown field(s) {', '.join(sorted(unknown))}: see the list at the top of the file"] if unknown else []
        )
        if entry_problems:
            problems.extend(f"workstream {entry['code']}: {p}" for p in entry_problems)
            continue
        result[entry["code"]] = Workstream(
            entry["code"], entry["name"], entry["description"], entry["owner"], short_name, read_period(entry)
        )
    if not result and not problems:
        problems.append("no workstreams defined")
    if problems:
        raise WorkstreamError(f"{path}: " + "; ".join(problems))
    return result


def workstreams_in_plan(
    workstreams: Mapping[str, Workstream], month: dt.date, selected: Iterable[str] = ()
) -> list[Workstream]:
    """The workstreams a page about `month` lists, in file order: those chosen in the sidebar (all when none is
    chosen) that are in the plan in that month."""
    chosen = set(selected)
    return [ws for code, ws in workstreams.items() if (not chosen or code in chosen) and ws.in_plan(month)]
