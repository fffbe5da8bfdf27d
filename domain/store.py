"""Reading the figures the dashboard shows: the current version of every figure, the uploads, the councils held and
whether the database is the demonstration's. Writing is the loaders' job; both go through database.schema."""

import datetime as dt

import duckdb
import pandas as pd

from config import current
from database.connection import frame


def current_values(con: duckdb.DuckDBPyConnection, council: str | None = None) -> pd.DataFrame:
    """The figure shown for every KPI and month of one council (this dashboard's own unless given): kpi_code,
    month, value, commentary, submission_id."""
    return frame(
        con.execute(
            """SELECT kpi_code, month, value, commentary, submission_id FROM current_kpi_values WHERE council = ?
           ORDER BY kpi_code, month""",
            [council or current().home_council],
        )
    )


def current_rows(
    con: duckdb.DuckDBPyConnection,
    first: dt.date | None = None,
    last: dt.date | None = None,
    council: str | None = None,
) -> list[tuple[str, dt.date, float | None, str | None]]:
    """(kpi_code, month, value, commentary) of one council's figures shown (this dashboard's own council unless
    given), optionally only for months first..last."""
    # The view's rule: council and month are among its partition keys, so DuckDB filters before ranking versions.
    return con.execute(
        """SELECT kpi_code, month, value, commentary FROM current_kpi_values
           WHERE council = ? AND month BETWEEN coalesce(?, DATE '0001-01-01') AND coalesce(?, DATE '9999-12-01')""",
        [council or current().home_council, first, last],
    ).fetchall()


def current_commentary(
    con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date, council: str | None = None
) -> dict[tuple[str, dt.date], tuple[str, bool]]:
    """{(kpi_code, month): (commentary, whether it is public)} of the commentary shown for months first..last."""
    rows = con.execute(
        """SELECT kpi_code, month, commentary, coalesce(commentary_public, false) FROM current_kpi_values
           WHERE council = ? AND month BETWEEN ? AND ? AND commentary IS NOT NULL""",
        [council or current().home_council, first, last],
    ).fetchall()
    return {(code, month): (text, public) for code, month, text, public in rows}


def computed_figures(
    con: duckdb.DuckDBPyConnection, months: list[dt.date], council: str | None = None
) -> dict[tuple[str, dt.date], float | None]:
    """{(kpi_code, month): value} of the figures computed from Annex A that are shown for `months`: shown instead of
    any figure typed in a return for the same KPI and month."""
    rows = con.execute(
        """SELECT kpi_code, month, value FROM current_kpi_values
           WHERE council = ? AND kind = 'annex_a' AND month BETWEEN ? AND ?""",
        [council or current().home_council, min(months), max(months)],
    ).fetchall()
    wanted = set(months)
    return {(code, month): value for code, month, value in rows if month in wanted}


def figures_with_parts(
    con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date, council: str | None = None
) -> set[tuple[str, dt.date]]:
    """(kpi_code, month) of the figures shown for months first..last that have a numerator or a denominator."""
    rows = con.execute(
        """SELECT kpi_code, month FROM current_kpi_values WHERE council = ? AND month BETWEEN ? AND ?
           AND (numerator IS NOT NULL OR denominator IS NOT NULL)""",
        [council or current().home_council, first, last],
    ).fetchall()
    return set(rows)


def current_figures(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[tuple]:
    """(kpi_code, month, value, commentary, numerator, denominator, commentary_public) of every figure shown for
    one council (this dashboard's own unless given)."""
    return con.execute(
        """SELECT kpi_code, month, value, commentary, numerator, denominator, coalesce(commentary_public, false)
           FROM current_kpi_values WHERE council = ?""",
        [council or current().home_council],
    ).fetchall()


def councils_held(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The councils (DfE LA codes) with any accepted figures, in code order."""
    return [
        row[0]
        for row in con.execute(
            """SELECT DISTINCT council FROM submissions WHERE status = 'accepted' AND kind IN ('kpi_return', 'annex_a')
           ORDER BY council"""
        ).fetchall()
    ]


def submissions(con: duckdb.DuckDBPyConnection, council: str | None = None) -> pd.DataFrame:
    """Every submission, oldest first; only one council's if given."""
    return frame(
        con.execute(
            "SELECT * FROM submissions WHERE ? IS NULL OR council = ? ORDER BY submission_id", [council, council]
        )
    )


def is_demo_database(con: duckdb.DuckDBPyConnection) -> bool:
    """True while the database holds demonstration uploads and nothing else. One real upload, even one rolled back
    since, makes it a real council's database for good: the demonstration accounts and the demo banner go."""
    return con.execute("SELECT bool_or(is_demo) AND NOT bool_or(NOT is_demo) FROM submissions").fetchone()[0] is True


def demo_months_shown(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[dt.date, ...]]:
    """For each council, the months whose figures shown still come from demonstration uploads, oldest first (in a
    real database, what is left of the demo the first real upload was made into). One query for every council."""
    rows = con.execute(
        """SELECT v.council, list(DISTINCT v.month ORDER BY v.month)
           FROM current_kpi_values AS v JOIN submissions AS s USING (submission_id)
           WHERE s.is_demo GROUP BY v.council"""
    ).fetchall()
    return {council: tuple(months) for council, months in rows}
