"""What a page or the sign-in page says when another program keeps the database for longer than the app waits
(database.connection.StoreBusy): in words, with what to do, instead of a server error."""

from database.connection import LOCK_WAIT_SECONDS

TITLE = "Please try again in a minute"
MESSAGE = (
    "The dashboard's database is in use by another program just now, so this page could not read it (it waited "
    f"{LOCK_WAIT_SECONDS:.0f} seconds). Nothing has been changed. Please try again in a minute. If this goes on, "
    "the performance team should close whatever has the database open: a backup, a load from the command line, or "
    "a database tool. The server's log says when it happened."
)
RETRY_AFTER_SECONDS = 60

# When the database fails part-way through (a full disk, a failing drive): every change is one transaction, so
# whatever was being saved was not saved at all.
FAILED = (
    "The dashboard's database could not complete this just now, so nothing was saved: every change is saved whole "
    "or not at all, and the dashboard shows what it showed before. Please try again in a few minutes. If it happens "
    "again, tell the dashboard's administrator: the server's log says what went wrong (a full disk, for example)."
)
