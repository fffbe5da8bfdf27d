"""Current KPI values, looked up by KPI code and month."""

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from domain.catalogue import Catalogue
from domain.months import add_months


def reported_figures(rows: Iterable[tuple], catalogue: Catalogue) -> list[tuple]:
    """The figures, as (kpi_code, month, ...) rows, of the months their KPI is reported in (Kpi.reported_in): a
    figure held for a month outside a KPI's reporting period is not shown. Every index of figures the dashboard
    shows is built from these."""
    kpis = catalogue.kpis
    return [row for row in rows if row[0] not in kpis or kpis[row[0]].reported_in(row[1])]


class ValueIndex:
    """Current values looked up by KPI code and month, built from (kpi_code, month, value, commentary) rows, or
    (kpi_code, month, value, commentary, numerator, denominator) rows.

    `suppressed` holds the (code, month) keys hidden from the public (domain.suppression): their value is None and
    pages show "c" rather than "no figure"."""

    def __init__(self, rows: Iterable[tuple], suppressed: set[tuple[str, dt.date]] | frozenset = frozenset()):
        self._values: dict[tuple[str, dt.date], float | None] = {}
        self._commentary: dict[tuple[str, dt.date], str] = {}
        self._by_code: dict[str, dict[dt.date, float | None]] = {}
        self._parts: dict[tuple[str, dt.date], tuple[float | None, float | None]] = {}
        self.suppressed = frozenset(suppressed)
        for code, month, value, commentary, *parts in rows:
            key = (code, month)
            if len(parts) >= 2 and (parts[0] is not None or parts[1] is not None):
                self._parts[key] = (parts[0], parts[1])
            self._values[key] = value
            self._by_code.setdefault(code, {})[month] = value
            if commentary:
                self._commentary[key] = commentary
        self.months = sorted({month for _, month in self._values})

    @property
    def newest(self) -> dt.date | None:
        """The newest month with any figure, or None when there are none."""
        return self.months[-1] if self.months else None

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "ValueIndex":
        """From a table with kpi_code, month, value and commentary columns (missing values as NaN)."""
        return cls(
            (
                code,
                pd.Timestamp(month).date(),
                None if pd.isna(value) else float(value),
                commentary if isinstance(commentary, str) else None,
            )
            for code, month, value, commentary in frame[["kpi_code", "month", "value", "commentary"]].itertuples(
                index=False
            )
        )

    def value(self, code: str, month: dt.date) -> float | None:
        return self._values.get((code, month))

    def has(self, code: str, month: dt.date) -> bool:
        """Whether a figure (or a recorded 'missing') exists for the KPI and month."""
        return (code, month) in self._values

    def history(self, code: str, month: dt.date, count: int) -> list[float]:
        """The figures of the `count` months before `month` that have one, oldest first."""
        by_month = self._by_code.get(code)
        if not by_month:
            return []
        values = (by_month.get(add_months(month, -step)) for step in range(count, 0, -1))
        return [v for v in values if v is not None]

    def is_suppressed(self, code: str, month: dt.date) -> bool:
        return (code, month) in self.suppressed

    def parts(self, code: str, month: dt.date) -> tuple[float | None, float | None]:
        """(numerator, denominator), or (None, None) where they were not given or not shown."""
        return self._parts.get((code, month), (None, None))

    def commentary(self, code: str, month: dt.date) -> str | None:
        return self._commentary.get((code, month))

    def recent(self, code: str, month: dt.date, count: int) -> list[float | None]:
        """Values for `month` and the months before it, newest first."""
        return [self.value(code, add_months(month, -step)) for step in range(count)]
