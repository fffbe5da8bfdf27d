"""Rolling back a submission: it stops being current and the previous version of each figure shows again.
Nothing is deleted, so a rollback can itself be seen in the history."""

import datetime as dt

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from config import clock
from database.connection import transaction


class RollbackRefused(ValueError):
    pass


def rollback(con: duckdb.DuckDBPyConnection, submission_id: int, user: Actor) -> None:
    """Roll back one accepted submission, recording who did it, in one transaction."""
    require(user, Permission.CHANGE_DATA)
    with transaction(con):
        row = con.execute(
            "SELECT status, file_name FROM submissions WHERE submission_id = ?", [submission_id]
        ).fetchone()
        if row is None:
            raise RollbackRefused(f"there is no submission {submission_id}")
        if row[0] != "accepted":
            raise RollbackRefused(f"submission {submission_id} has already been rolled back")
        _roll_back(con, submission_id, user, clock.now(), row[1])


def _roll_back(con: duckdb.DuckDBPyConnection, submission_id: int, user: Actor, when: dt.datetime, detail: str) -> None:
    """Mark one accepted submission rolled back and record it, inside the caller's transaction."""
    con.execute(
        """UPDATE submissions SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = ?
           WHERE submission_id = ? AND status = 'accepted'""",
        [user.name, when, submission_id],
    )
    audit.record(con, user, "roll back", f"submission {submission_id}", detail)


def rollback_demo(con: duckdb.DuckDBPyConnection, user: Actor) -> int:
    """Roll back every demonstration upload still accepted, in one transaction (one audit record each), once the
    database holds a real upload: what is left of the demo the first real return was loaded into. Returns how many."""
    require(user, Permission.CHANGE_DATA)
    with transaction(con):
        if not con.execute("SELECT count(*) FROM submissions WHERE NOT is_demo").fetchone()[0]:
            raise RollbackRefused(
                "the database holds only demonstration data: load a real return first, or start "
                "an empty database with demo_data = false"
            )
        found = con.execute("""SELECT submission_id, file_name FROM submissions
                               WHERE is_demo AND status = 'accepted' ORDER BY submission_id""").fetchall()
        now = clock.now()
        for submission_id, file_name in found:
            _roll_back(con, submission_id, user, now, f"demonstration data: {file_name}")
    return len(found)
