"""The audit log: one row per change to data or configuration, with who made it.

`record` does not open or commit a transaction: call it inside the transaction of the change it records, so the
change and its record are written together or not at all."""

import duckdb
import pandas as pd

from accounts.roles import Actor
from config import clock
from database.connection import frame


def record(con: duckdb.DuckDBPyConnection, actor: Actor, action: str, subject: str, detail: str | None = None) -> None:
    con.execute(
        "INSERT INTO audit_log (changed_at, actor, actor_role, via, action, subject, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            clock.now(),
            actor.name,
            actor.role.value if actor.role else "public",
            actor.via,
            action,
            subject,
            detail,
        ],
    )


def entries(con: duckdb.DuckDBPyConnection, limit: int = 500) -> pd.DataFrame:
    """The most recent entries first; a missing detail is None."""
    return frame(
        con.execute(
            """SELECT audit_id, changed_at, actor, actor_role, via, action, subject, detail FROM audit_log
           ORDER BY audit_id DESC LIMIT ?""",
            [limit],
        )
    )
