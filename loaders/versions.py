"""Rolling back a submission: it stops being current and the previous version of each figure shows again.
Nothing is deleted, so a rollback can itself be seen in the history."""

import datetime as dt

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from domain.store import transaction


class RollbackRefused(ValueError):
    pass


def rollback(con: duckdb.DuckDBPyConnection, submission_id: int, user: Actor) -> None:
    """Roll back one accepted submission, recording who did it, in one transaction."""
    require(user, Permission.CHANGE_DATA)
    with transaction(con):
        row = con.execute("SELECT status, file_name FROM submissions WHERE submission_id = ?",
                          [submission_id]).fetchone()
        if row is None:
            raise RollbackRefused(f"there is no submission {submission_id}")
        if row[0] != "accepted":
            raise RollbackRefused(f"submission {submission_id} has already been rolled back")
        con.execute(
            """UPDATE submissions SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = ?
               WHERE submission_id = ? AND status = 'accepted'""",
            [user.name, dt.datetime.now(), submission_id],
        )
        audit.record(con, user, "roll back", f"submission {submission_id}", row[1])
