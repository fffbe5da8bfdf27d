"""Current KPI values, looked up by KPI code and month."""

import datetime as dt

import pandas as pd

from domain.months import add_months


class ValueIndex:
    """Current values looked up by KPI code and month."""

    def __init__(self, values: pd.DataFrame):
        self._values: dict[tuple[str, dt.date], float | None] = {}
        self._commentary: dict[tuple[str, dt.date], str] = {}
        for code, month, value, commentary in values[["kpi_code", "month", "value", "commentary"]].itertuples(
            index=False
        ):
            key = (code, pd.Timestamp(month).date())
            self._values[key] = None if pd.isna(value) else float(value)
            if isinstance(commentary, str) and commentary:
                self._commentary[key] = commentary
        self.months = sorted({month for _, month in self._values})

    def value(self, code: str, month: dt.date) -> float | None:
        return self._values.get((code, month))

    def has(self, code: str, month: dt.date) -> bool:
        """Whether a figure (or a recorded 'missing') exists for the KPI and month."""
        return (code, month) in self._values

    def history(self, code: str, month: dt.date, count: int) -> list[float]:
        """The figures of the `count` months before `month` that have one, oldest first."""
        values = (self.value(code, add_months(month, -step)) for step in range(count, 0, -1))
        return [v for v in values if v is not None]

    def commentary(self, code: str, month: dt.date) -> str | None:
        return self._commentary.get((code, month))

    def recent(self, code: str, month: dt.date, count: int) -> list[float | None]:
        """Values for `month` and the months before it, newest first."""
        return [self.value(code, add_months(month, -step)) for step in range(count)]
