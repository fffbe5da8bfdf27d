"""The improvement plan's workstreams (priority areas), read from data/workstreams.toml."""

import tomllib
from dataclasses import dataclass
from pathlib import Path


class WorkstreamError(ValueError):
    pass


@dataclass(frozen=True)
class Workstream:
    code: str
    name: str
    description: str
    owner: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


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
        result[entry["code"]] = Workstream(entry["code"], entry["name"], entry["description"], entry["owner"])
    if not result and not problems:
        problems.append("no workstreams defined")
    if problems:
        raise WorkstreamError(f"{path}: " + "; ".join(problems))
    return result
