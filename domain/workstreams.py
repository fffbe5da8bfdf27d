"""The improvement plan's workstreams (priority areas), read from data/workstreams.toml."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

# A short name has to fit the overview's "KPIs by workstream" table beside five counts on a 1366-pixel screen.
SHORT_NAME_LIMIT = 20


class WorkstreamError(ValueError):
    pass


@dataclass(frozen=True)
class Workstream:
    code: str
    name: str
    description: str
    owner: str
    short_name: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def short(self) -> str:
        """The name for a narrow column: the plan's own short name, or the full name when it gives none."""
        return self.short_name or self.name


def load_workstreams(path: Path) -> dict[str, Workstream]:
    """Workstreams by code, in file order. Raises WorkstreamError naming every problem found."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("workstream", [])
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
        result[entry["code"]] = Workstream(
            entry["code"], entry["name"], entry["description"], entry["owner"], short_name
        )
    if not result and not problems:
        problems.append("no workstreams defined")
    if problems:
        raise WorkstreamError(f"{path}: " + "; ".join(problems))
    return result
