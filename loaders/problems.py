"""Problems found in an uploaded file: each names the rule, the file, the sheet and the cell. Whether a problem
blocks the file or needs confirming is its rule's, from the registry (loaders.rules), never the caller's."""

from dataclasses import dataclass, field

from loaders.rules import ERROR, RULES


@dataclass(frozen=True)
class Problem:
    rule: str  # a stable code, e.g. KPI_UNKNOWN
    message: str  # what a performance officer needs to know to fix it
    sheet: str | None = None
    cell: str | None = None
    is_error: bool = field(init=False)  # errors block the file; warnings need confirming: as the registry says

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"unknown rule code {self.rule}: add it to loaders/rules.py")
        object.__setattr__(self, "is_error", RULES[self.rule][0] == ERROR)

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"'{self.sheet}'!{self.cell}"
        return f"'{self.sheet}'" if self.sheet else "(workbook)"

    def __str__(self) -> str:
        return f"{self.rule} {self.location} {self.message}"


MAX_PROBLEMS_PER_RULE = 25  # listed one by one per sheet (or file) and rule; beyond, one more problem gives the count


class CappedProblems:
    """Problems found row by row: at most MAX_PROBLEMS_PER_RULE per sheet (or file) and rule, then one more giving the
    count of the rest, so a file wrong on every row gives a readable list in bounded memory."""

    def __init__(self):
        self.found: list[Problem] = []
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, rule: str, message: str, sheet: str | None = None, cell: str | None = None, times: int = 1) -> None:
        """Record a problem (`times` more like it, for a rule checked on a whole column at once)."""
        key = (rule, sheet or "")
        before = self._counts.get(key, 0)
        self._counts[key] = before + times
        if before < MAX_PROBLEMS_PER_RULE:
            self.found.append(Problem(rule, message, sheet, cell))

    def finished(self) -> list[Problem]:
        extra = [
            Problem(rule, f"and {count - MAX_PROBLEMS_PER_RULE:,} more rows like these", sheet or None)
            for (rule, sheet), count in self._counts.items()
            if count > MAX_PROBLEMS_PER_RULE
        ]
        return self.found + extra


class ReturnRejected(ValueError):
    """A file with at least one error. Nothing has been written."""

    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{file_name} was not loaded:\n{lines}")
