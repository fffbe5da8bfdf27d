"""Rolling back a submission: it stops being current and the previous version of each figure shows again.
Nothing is deleted, so a rollback can itself be seen in the history."""

import datetime as dt

import duckdb


class RollbackRefused(ValueError):
    pass


def rollback(con: duckdb.DuckDBPyConnection, submission_id: int, user: str) -> None:
    if not user or not user.strip():
        raise RollbackRefused("the name of the person rolling back is required for the audit record")
    row = con.execute("SELECT status FROM submissions WHERE submission_id = ?", [submission_id]).fetchone()
    if row is None:
        raise RollbackRefused(f"there is no submission {submission_id}")
    if row[0] != "accepted":
        raise RollbackRefused(f"submission {submission_id} has already been rolled back")
    con.execute(
        """UPDATE submissions SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = ?
           WHERE submission_id = ? AND status = 'accepted'""",
        [user.strip(), dt.datetime.now(), submission_id],
    )
