"""Figures computed from the Annex A lists beside figures typed in the monthly return for the same KPI and month.

Both are kept. The dashboard shows the computed one (database.schema, current_kpi_values); this says where the
typed one differs, so the performance team can find out why (a different count in a report, a typing slip).
"""

import datetime as dt
from dataclasses import dataclass

import duckdb

from config import current
from domain.catalogue import Catalogue, Kpi


@dataclass(frozen=True)
class Reconciled:
    kpi: Kpi
    month: dt.date
    computed: float | None  # from the latest accepted Annex A upload for the month
    typed: float | None  # from the latest accepted monthly return for the month
    computed_submission: int
    typed_submission: int

    @property
    def difference(self) -> float | None:
        if self.computed is None or self.typed is None:
            return None
        return self.typed - self.computed

    @property
    def agrees(self) -> bool:
        """The same as shown (at the KPI's decimals), or both missing."""
        if self.computed is None or self.typed is None:
            return self.computed is self.typed
        return round(self.computed, self.kpi.decimals) == round(self.typed, self.kpi.decimals)


_QUERY = """
WITH latest AS (
    SELECT v.kpi_code, v.month, v.value, v.submission_id, s.kind
    FROM kpi_values AS v JOIN submissions AS s USING (submission_id)
    WHERE s.status = 'accepted' AND s.council = ? AND s.kind IN ('annex_a', 'kpi_return')
      AND v.month BETWEEN coalesce(?, DATE '0001-01-01') AND coalesce(?, DATE '9999-12-01')
      AND (? IS NULL OR v.kpi_code = ?)
    QUALIFY row_number() OVER (PARTITION BY v.kpi_code, v.month, s.kind ORDER BY v.submission_id DESC) = 1
)
SELECT a.kpi_code, a.month, a.value, t.value, a.submission_id, t.submission_id
FROM latest AS a JOIN latest AS t ON a.kpi_code = t.kpi_code AND a.month = t.month
WHERE a.kind = 'annex_a' AND t.kind = 'kpi_return'
ORDER BY a.month DESC, a.kpi_code
"""


def reconcile(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    council: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    kpi_code: str | None = None,
) -> list[Reconciled]:
    """Every KPI and month with both a computed and a typed figure, newest month first."""
    rows = con.execute(_QUERY, [council or current().home_council, first, last, kpi_code, kpi_code]).fetchall()
    return [
        Reconciled(catalogue[code], month, computed, typed, computed_id, typed_id)
        for code, month, computed, typed, computed_id, typed_id in rows
        if code in catalogue.kpis
    ]


def figure_sources(con: duckdb.DuckDBPyConnection, month: dt.date, council: str | None = None) -> list[tuple]:
    """Where the month's figures shown come from: (kind, file name, submission id, uploaded at, figures), one row per
    upload, the most figures first."""
    return con.execute(
        """SELECT c.kind, s.file_name, s.submission_id, s.uploaded_at, count(*) AS figures
           FROM current_kpi_values AS c JOIN submissions AS s USING (submission_id)
           WHERE c.council = ? AND c.month = ?
           GROUP BY ALL ORDER BY figures DESC, s.submission_id""",
        [council or current().home_council, month],
    ).fetchall()
