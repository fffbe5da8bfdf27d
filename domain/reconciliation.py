"""Figures computed from the Annex A lists beside figures typed in the monthly return for the same KPI and month.

Both are kept. The dashboard shows the computed one (database.schema, current_kpi_values); this says where the
typed one differs, so the performance team can find out why (a different count in a report, a typing slip).
"""

import datetime as dt
from dataclasses import dataclass

import duckdb

from config import current
from domain.catalogue import Catalogue, Kpi
from domain.months import month_label, short_day_label
from domain.preview import same_figure
from domain.units import format_change, format_value
from domain.values import reported_figures


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
        return same_figure(self.kpi, self.computed, self.typed)


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


def typed_figures(
    con: duckdb.DuckDBPyConnection, month: dt.date, council: str | None = None
) -> dict[str, float | None]:
    """The month's figures as typed in the latest accepted monthly return (or backfill) for each KPI, whatever an
    Annex A computed: what an Annex A upload's preview sets its figures beside."""
    rows = con.execute(
        """SELECT v.kpi_code, v.value FROM kpi_values AS v JOIN submissions AS s USING (submission_id)
           WHERE s.status = 'accepted' AND s.kind = 'kpi_return' AND s.council = ? AND v.month = ?
           QUALIFY row_number() OVER (PARTITION BY v.kpi_code ORDER BY v.submission_id DESC) = 1""",
        [council or current().home_council, month],
    ).fetchall()
    return dict(rows)


def comparison_sentence(row: Reconciled) -> str:
    """One KPI and month's computed and typed figures in words, for the KPI page and the History page."""
    kpi = row.kpi

    def shown(value):
        return format_value(value, kpi.unit, kpi.decimals)

    both = (
        f"In {month_label(row.month)} the figure computed from the Annex A lists (submission "
        f"{row.computed_submission}) is {shown(row.computed)}; the monthly return (submission {row.typed_submission}) "
        f"gave {shown(row.typed)}."
    )
    if row.agrees:
        return f"{both} They agree."
    if row.difference is None:
        return f"{both} Only one of them has a figure; the dashboard shows the computed one where there is one."
    return (
        f"{both} They differ by {format_change(row.difference, kpi.unit, kpi.decimals)} (typed minus computed); "
        "the dashboard shows the computed figure, which follows the written definition."
    )


@dataclass(frozen=True)
class Source:
    """One upload that figures shown for a month come from."""

    kind: str  # 'annex_a' or 'kpi_return'
    file_name: str
    submission_id: int
    uploaded_at: dt.datetime
    figures: int


def sources_sentence(sources: list[Source], month: dt.date, with_files: bool = True) -> str:
    """Where a month's figures shown come from, in words: how many were computed from child-level lists and how many
    typed in a return, and (for staff) the files and submissions."""
    if not sources:
        return f"No figures are loaded for {month_label(month)}."
    parts = []
    for kind, words in (("annex_a", "computed from the Annex A lists"), ("kpi_return", "typed in the monthly return")):
        mine = [s for s in sources if s.kind == kind]
        if not mine:
            continue
        count = sum(s.figures for s in mine)
        files = (
            " (" + "; ".join(f"{s.file_name}, submission {s.submission_id}" for s in mine) + ")" if with_files else ""
        )
        parts.append(f"{count} {'figure' if count == 1 else 'figures'} {words}{files}")
    return f"Figures for {month_label(month)}: " + " and ".join(parts) + "."


def figure_sources(
    con: duckdb.DuckDBPyConnection, month: dt.date, council: str | None = None, catalogue: Catalogue | None = None
) -> list[Source]:
    """Where the month's figures shown come from, one row per upload, the most figures first; with the catalogue,
    only the figures of KPIs reported that month count (Kpi.reported_in)."""
    codes = None if catalogue is None else [kpi.code for kpi in catalogue.reported(month)]
    rows = con.execute(
        """SELECT c.kind, s.file_name, s.submission_id, s.uploaded_at, count(*) AS figures
           FROM current_kpi_values AS c JOIN submissions AS s USING (submission_id)
           WHERE c.council = ? AND c.month = ? AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], c.kpi_code))
           GROUP BY ALL ORDER BY figures DESC, s.submission_id""",
        [council or current().home_council, month, codes, codes],
    ).fetchall()
    return [Source(*row) for row in rows]


@dataclass(frozen=True)
class Origin:
    """Where one figure shown comes from: the upload (file, submission, when) and the place in it (a return's sheet
    and cell, such as 'Workforce'!D7, or the Annex A lists and definition it was worked out from)."""

    kind: str  # 'annex_a' or 'kpi_return'
    file_name: str
    submission_id: int
    uploaded_at: dt.datetime
    place: str | None

    @property
    def text(self) -> str:
        """In one line, for the trend's download: 'return_2026-10.xlsx, 'Workforce'!D7 (submission 45, 3 Nov 2026)'
        (the page's table sets the same parts on lines of their own)."""
        place = f", {self.place}" if self.place else ""
        return f"{self.file_name}{place} (submission {self.submission_id}, {short_day_label(self.uploaded_at)})"


def latest_figures(
    con: duckdb.DuckDBPyConnection, council: str | None = None, catalogue: Catalogue | None = None
) -> dict[str, tuple[dt.date, dt.datetime]]:
    """Each KPI's latest month with a figure shown, and when the upload it comes from was loaded: the "last updated"
    of the KPI's definition (a month that says No data does not count, nor, with the catalogue, a month outside the
    KPI's reporting period)."""
    rows = con.execute(
        """SELECT c.kpi_code, c.month, s.uploaded_at
           FROM current_kpi_values AS c JOIN submissions AS s USING (submission_id)
           WHERE c.council = ? AND c.value IS NOT NULL ORDER BY c.month""",
        [council or current().home_council],
    ).fetchall()
    shown = rows if catalogue is None else reported_figures(rows, catalogue)
    return {code: (month, loaded) for code, month, loaded in shown}  # the latest month of each, as ordered


def kpi_origins(con: duckdb.DuckDBPyConnection, code: str, council: str | None = None) -> dict[dt.date, Origin]:
    """Where each month's figure of a KPI shown comes from, by month: the upload whose figure is current (a figure
    computed from Annex A before one typed in a return, then the newest upload), as current_kpi_values chooses."""
    rows = con.execute(
        """SELECT c.month, c.kind, s.file_name, c.submission_id, s.uploaded_at, c.source_cell
           FROM current_kpi_values AS c JOIN submissions AS s USING (submission_id)
           WHERE c.council = ? AND c.kpi_code = ?""",
        [council or current().home_council, code],
    ).fetchall()
    return {month: Origin(*rest) for month, *rest in rows}
