"""Every table of the dashboard's DuckDB database, defined in one place.

Versioning: each upload is a row in `submissions`; its figures are rows in `kpi_values` keyed by
(submission_id, kpi_code, month). Figures are never updated or deleted; only a submission's status changes. The figure
shown for a KPI and month is the one from the latest accepted submission that carries it, a figure computed from
Annex A before a typed one (view `current_kpi_values`); its commentary is the latest accepted monthly return's, since
Annex A carries none. Rolling a submission back marks it 'rolled_back', so the previous version becomes current again.

The improvement plan's action log works the same way: each upload is a submission of kind 'action_log' holding a
dated snapshot of every action (`plan_actions`); the snapshot shown for a month is the latest accepted upload for that
month (view `current_plan_actions`).

SPC re-basings: a KPI's process limits take a new baseline only from a month the performance team recorded, with
its reason and evidence (`spc_rebases`); a withdrawn one is kept, marked withdrawn.

People and changes: local accounts are rows of `users` (passwords only as Argon2 hashes); every change to data or
configuration adds a row to `audit_log`, in the same transaction as the change where the change is in this database.
"""

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from config import current

KINDS = ("kpi_return", "action_log", "annex_a")

# Every table, sequence and view as a new database gets it, by name, in the order they are created.
OBJECTS: dict[str, str] = {
    "schema_info": """
    CREATE TABLE schema_info (
        version INTEGER NOT NULL
    )
    """,
    "submission_ids": "CREATE SEQUENCE submission_ids START 1",
    "submissions": """
    CREATE TABLE submissions (
        submission_id INTEGER PRIMARY KEY DEFAULT nextval('submission_ids'),
        file_name     VARCHAR   NOT NULL,
        sha256        VARCHAR   NOT NULL,
        uploaded_by   VARCHAR   NOT NULL,
        uploaded_at   TIMESTAMP NOT NULL,
        first_month   DATE      NOT NULL,
        last_month    DATE      NOT NULL,
        row_count     INTEGER   NOT NULL,  -- KPI rows read
        value_count   INTEGER   NOT NULL,  -- rows holding a figure
        missing_count INTEGER   NOT NULL,  -- rows marked missing
        is_demo       BOOLEAN   NOT NULL DEFAULT false,
        reason        VARCHAR,             -- required for a revision of a month already loaded
        status        VARCHAR   NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'rolled_back')),
        rolled_back_by VARCHAR,
        rolled_back_at TIMESTAMP,
        kind          VARCHAR DEFAULT 'kpi_return',  -- 'kpi_return' (return or backfill), 'action_log', 'annex_a',
                                                 -- 'ssda903', 'cin_census'
        council       VARCHAR  -- whose figures: DfE's old LA code (domain.councils), e.g. '884'
    )
    """,
    "kpi_values": """
    CREATE TABLE kpi_values (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        kpi_code      VARCHAR NOT NULL,
        month         DATE    NOT NULL,
        value         DOUBLE,   -- NULL means missing, never zero
        numerator     DOUBLE,
        denominator   DOUBLE,
        commentary    VARCHAR,
        source_cell   VARCHAR,  -- where the figure came from, e.g. 'Workforce'!D7
        commentary_public BOOLEAN DEFAULT false,  -- the commentary may appear in the public view
        PRIMARY KEY (submission_id, kpi_code, month)
    )
    """,
    # A figure computed from the child-level lists (kind 'annex_a') is shown before one typed in a return for the
    # same KPI and month: it follows the written definition. Both are kept; domain.reconciliation sets them side by
    # side, and rolling the Annex A upload back shows the typed figure again.
    "current_kpi_values": """
    CREATE VIEW current_kpi_values AS
    SELECT v.kpi_code, v.month, v.value, v.numerator, v.denominator,
           arg_max_null(v.commentary, v.submission_id) FILTER (WHERE s.kind <> 'annex_a') OVER typed AS commentary,
           v.source_cell, v.submission_id,
           coalesce(
               arg_max_null(v.commentary_public, v.submission_id) FILTER (WHERE s.kind <> 'annex_a') OVER typed,
               v.commentary_public
           ) AS commentary_public, s.council, s.kind
    FROM kpi_values AS v
    JOIN submissions AS s USING (submission_id)
    WHERE s.status = 'accepted'
    WINDOW typed AS (PARTITION BY s.council, v.kpi_code, v.month)  -- the newest typed row's commentary
    QUALIFY row_number() OVER (
        PARTITION BY s.council, v.kpi_code, v.month ORDER BY (s.kind = 'annex_a') DESC, v.submission_id DESC
    ) = 1
    """,
    "impact_statements": """
    CREATE TABLE impact_statements (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        month         DATE    NOT NULL,
        line          INTEGER NOT NULL,  -- position on the return, to keep their order
        workstream    VARCHAR NOT NULL,
        quote         VARCHAR NOT NULL,  -- checked for personal data before it is stored
        is_public     BOOLEAN NOT NULL,  -- may appear in the public view
        source_cell   VARCHAR NOT NULL,
        PRIMARY KEY (submission_id, line)
    )
    """,
    "plan_actions": """
    CREATE TABLE plan_actions (
        submission_id    INTEGER NOT NULL REFERENCES submissions (submission_id),
        as_at            DATE    NOT NULL,  -- the snapshot's date; its month is the submission's first_month
        action_id        VARCHAR NOT NULL,
        workstream       VARCHAR NOT NULL,
        action           VARCHAR NOT NULL,
        senior_officer   VARCHAR NOT NULL,  -- senior responsible officer (a role or a name)
        lead_officer     VARCHAR,
        start_date       DATE,
        due_date         DATE    NOT NULL,
        status           VARCHAR NOT NULL CHECK (status IN ('Blue', 'Green', 'Amber', 'Red')),
        percent_complete DOUBLE,
        impact_kpis      VARCHAR[] NOT NULL,  -- KPI codes the action is meant to move
        progress_update  VARCHAR,
        source_row       VARCHAR NOT NULL,   -- e.g. 'Action log'!7
        PRIMARY KEY (submission_id, action_id)
    )
    """,
    "current_plan_actions": """
    CREATE VIEW current_plan_actions AS
    SELECT a.*, s.first_month AS snapshot_month, s.council
    FROM plan_actions AS a
    JOIN submissions AS s USING (submission_id)
    WHERE s.status = 'accepted'
    QUALIFY dense_rank() OVER (PARTITION BY s.council, s.first_month ORDER BY a.submission_id DESC) = 1
    """,
    "users": """
    CREATE TABLE users (
        username        VARCHAR   PRIMARY KEY,  -- lower case, e.g. 'j.smith'
        display_name    VARCHAR   NOT NULL,
        role            VARCHAR   NOT NULL CHECK (role IN ('viewer', 'director', 'performance', 'admin')),
        password_hash   VARCHAR   NOT NULL,     -- Argon2id; never the password
        session_epoch   INTEGER   NOT NULL DEFAULT 1,  -- raised by a password reset or disabling: ends sessions
        is_disabled     BOOLEAN   NOT NULL DEFAULT false,
        created_at      TIMESTAMP NOT NULL
    )
    """,
    "audit_ids": "CREATE SEQUENCE audit_ids START 1",
    "audit_log": """
    CREATE TABLE audit_log (
        audit_id   INTEGER   PRIMARY KEY DEFAULT nextval('audit_ids'),
        changed_at TIMESTAMP NOT NULL,
        actor      VARCHAR   NOT NULL,  -- user name, identity-provider e-mail, or 'command line: <system user>'
        actor_role VARCHAR   NOT NULL,
        via        VARCHAR   NOT NULL,  -- local account, identity provider, command line, ...
        action     VARCHAR   NOT NULL,  -- e.g. 'upload', 'roll back', 'add user'
        subject    VARCHAR   NOT NULL,  -- what was changed, e.g. 'submission 42', 'user j.smith'
        detail     VARCHAR
    )
    """,
    "pack_ids": "CREATE SEQUENCE pack_ids START 1",
    "packs": """
    CREATE TABLE packs (
        pack_id     INTEGER   PRIMARY KEY DEFAULT nextval('pack_ids'),
        built_at    TIMESTAMP NOT NULL,
        built_by    VARCHAR   NOT NULL,
        month       DATE      NOT NULL,
        workstreams VARCHAR[] NOT NULL,  -- the workstream codes chosen; empty means all
        audience    VARCHAR   NOT NULL CHECK (audience IN ('members', 'public')),
        sources     JSON      NOT NULL,  -- [{submission_id, file_name, sha256, kind}] the figures came from
        statuses    JSON      NOT NULL,  -- {kpi_code: status}, so the next pack can say what changed
        pdf         BLOB      NOT NULL,  -- exactly as presented: downloading again gives the same bytes
        pdf_sha256  VARCHAR   NOT NULL,
        xlsx        BLOB      NOT NULL,
        xlsx_sha256 VARCHAR   NOT NULL
    )
    """,
    "ended_sessions": """
    CREATE TABLE ended_sessions (
        session_id VARCHAR   PRIMARY KEY,  -- a signed-in session ended by signing out; its cookie is refused
        ended_at   TIMESTAMP NOT NULL
    )
    """,
    "sign_in_failures": """
    CREATE TABLE sign_in_failures (
        failed_at TIMESTAMP NOT NULL,
        name_key  VARCHAR   NOT NULL,  -- SHA-256 of the user name typed, never the name (accounts.throttle)
        client    VARCHAR   NOT NULL   -- the network address it came from
    )
    """,
    "rebase_ids": "CREATE SEQUENCE rebase_ids START 1",
    "spc_rebases": """
    CREATE TABLE spc_rebases (
        rebase_id   INTEGER   PRIMARY KEY DEFAULT nextval('rebase_ids'),
        council     VARCHAR   NOT NULL,  -- DfE LA code
        kpi_code    VARCHAR   NOT NULL,
        from_month  DATE      NOT NULL,  -- the SPC limits take a new baseline from this month
        reason      VARCHAR   NOT NULL,  -- why, in the performance team's words
        evidence    VARCHAR   NOT NULL,  -- the sustained change that justified it, worked out when it was recorded
        decided_by  VARCHAR   NOT NULL,
        decided_at  TIMESTAMP NOT NULL,
        status      VARCHAR   NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        withdrawn_by VARCHAR,
        withdrawn_at TIMESTAMP
    )
    """,
    "list_counts": """
    CREATE TABLE list_counts (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        list_number   INTEGER NOT NULL,  -- Annex A list 1 to 11
        title         VARCHAR NOT NULL,
        rows_read     INTEGER NOT NULL,  -- how many rows the list had: never any of them
        PRIMARY KEY (submission_id, list_number)
    )
    """,
    "upload_problems": """
    CREATE TABLE upload_problems (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        line          INTEGER NOT NULL,
        rule          VARCHAR NOT NULL,  -- loaders.rules code of a warning confirmed at upload
        sheet         VARCHAR,
        cell          VARCHAR,
        message       VARCHAR NOT NULL,  -- names the list, row and column, never what a personal field holds
        PRIMARY KEY (submission_id, line)
    )
    """,
    # The DfE's measures worked out from an annual return (kind 'ssda903' or 'cin_census'), for the year to 31 March.
    # Kept apart from kpi_values: they are set beside the monthly and published figures, never shown as a month's.
    "annual_figures": """
    CREATE TABLE annual_figures (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        kpi_code      VARCHAR NOT NULL,
        year_end      DATE    NOT NULL,  -- 31 March
        value         DOUBLE,            -- NULL: nothing to measure (a ratio over none)
        numerator     DOUBLE,
        denominator   DOUBLE,
        PRIMARY KEY (submission_id, kpi_code)
    )
    """,
    "return_table_counts": """
    CREATE TABLE return_table_counts (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        table_name    VARCHAR NOT NULL,  -- the return's table: episodes, oc3, ..., referrals, cp_plans
        rows_read     INTEGER NOT NULL,  -- how many rows it had: never any of them
        PRIMARY KEY (submission_id, table_name)
    )
    """,
}


def _existing_submissions_are_home_councils(con: duckdb.DuckDBPyConnection) -> None:
    """Before version 7 a database held one council's figures: this dashboard's own."""
    con.execute("UPDATE submissions SET council = ?", [current().home_council])


def _replace(statement: str) -> str:
    return statement.replace("CREATE VIEW", "CREATE OR REPLACE VIEW")


def _before_councils(statement: str) -> str:
    """A view as it was before version 7, when submissions had no council."""
    return statement.replace(", s.council", "").replace("PARTITION BY s.council, ", "PARTITION BY ")


@dataclass(frozen=True)
class Migration:
    """One change to an existing database: the version it brings the database to, a name saying what it adds, and
    its steps (SQL, or a function given the connection). Each runs once, in a transaction; never edit one that has
    been released, add a new one."""

    version: int
    name: str
    steps: tuple[str | Callable[[duckdb.DuckDBPyConnection], None], ...]


# In the order they run. Version 1 is the first release: schema_info, submissions, kpi_values, current_kpi_values.
MIGRATIONS = (
    Migration(2, "impact statements from care-experienced families", (OBJECTS["impact_statements"],)),
    Migration(
        3,
        "the improvement plan's action log",
        (
            # DuckDB cannot add a NOT NULL column to a table other tables refer to
            "ALTER TABLE submissions ADD COLUMN kind VARCHAR DEFAULT 'kpi_return'",
            OBJECTS["plan_actions"],
            _before_councils(OBJECTS["current_plan_actions"]),
        ),
    ),
    Migration(
        4,
        "accounts, the audit log and ended sessions",
        (OBJECTS["users"], OBJECTS["audit_ids"], OBJECTS["audit_log"], OBJECTS["ended_sessions"]),
    ),
    Migration(5, "stored committee packs", (OBJECTS["pack_ids"], OBJECTS["packs"])),
    Migration(
        6,
        "commentary marked public",
        (
            "ALTER TABLE kpi_values ADD COLUMN commentary_public BOOLEAN DEFAULT false",
            _before_councils(_replace(OBJECTS["current_kpi_values"])),
        ),
    ),
    Migration(
        7,
        "whose figures each submission holds, so one database can hold many councils' returns",
        (
            "ALTER TABLE submissions ADD COLUMN council VARCHAR",
            _existing_submissions_are_home_councils,
            _replace(OBJECTS["current_kpi_values"]),
            _replace(OBJECTS["current_plan_actions"]),
        ),
    ),
    Migration(
        8,
        "sign-in throttling per user name and client, instead of a lock on the account anyone could keep closed",
        (
            OBJECTS["sign_in_failures"],
            "ALTER TABLE users DROP COLUMN IF EXISTS failed_attempts",
            "ALTER TABLE users DROP COLUMN IF EXISTS locked_until",
        ),
    ),
    Migration(
        9,
        "recorded re-basings of a KPI's SPC limits, with the reason and the evidence",
        (OBJECTS["rebase_ids"], OBJECTS["spc_rebases"]),
    ),
    Migration(
        10,
        "figures computed from Annex A's child-level lists: their row counts, their confirmed warnings, and the view "
        "showing a computed figure before a typed one",
        (OBJECTS["list_counts"], OBJECTS["upload_problems"], _replace(OBJECTS["current_kpi_values"])),
    ),
    Migration(
        11,
        "the DfE's measures worked out from the annual SSDA903 return and CIN census, and their tables' row counts",
        (OBJECTS["annual_figures"], OBJECTS["return_table_counts"]),
    ),
    Migration(
        12,
        "a figure computed from Annex A shown with the commentary of the newest monthly return for its KPI and month "
        "(Annex A carries none, and hid it)",
        (_replace(OBJECTS["current_kpi_values"]),),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
if [m.version for m in MIGRATIONS] != list(range(2, SCHEMA_VERSION + 1)):
    raise RuntimeError("database.schema: migrations must be numbered 2, 3, 4, ... with none missing or repeated")


class SchemaMismatch(RuntimeError):
    """The database was made by a different version of the dashboard."""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables in a new database; check the version of an existing one. Writes nothing if it exists."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'").fetchone()[
        0
    ]
    if not exists:
        con.begin()
        for statement in OBJECTS.values():
            con.execute(statement)
        con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])
        con.commit()
        return
    version = con.execute("SELECT max(version) FROM schema_info").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the database has schema version {version}, newer than this dashboard's "
            f"{SCHEMA_VERSION}: upgrade the dashboard"
        )
    migrate(con, version, SCHEMA_VERSION)


def migrate(con: duckdb.DuckDBPyConnection, version: int, to_version: int) -> None:
    """Run the migrations after `version` up to `to_version`, each in its own transaction, recording each."""
    for migration in MIGRATIONS:
        if version < migration.version <= to_version:
            con.begin()
            for step in migration.steps:
                step(con) if callable(step) else con.execute(step)
            con.execute("INSERT INTO schema_info VALUES (?)", [migration.version])
            con.commit()
