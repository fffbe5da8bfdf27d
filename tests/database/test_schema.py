"""The schema's migrations: a database made by any earlier release opens in this one with its figures kept, and ends
up exactly as a new database would be."""

import duckdb
import pytest

from config import current
from database import schema
from database.connection import open_store

# The first release's tables exactly as it created them (schema version 1), written out here because the schema
# module holds only today's definitions.
VERSION_1 = [
    "CREATE TABLE schema_info (version INTEGER NOT NULL)",
    "CREATE SEQUENCE submission_ids START 1",
    """CREATE TABLE submissions (
        submission_id INTEGER PRIMARY KEY DEFAULT nextval('submission_ids'),
        file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, uploaded_by VARCHAR NOT NULL,
        uploaded_at TIMESTAMP NOT NULL, first_month DATE NOT NULL, last_month DATE NOT NULL,
        row_count INTEGER NOT NULL, value_count INTEGER NOT NULL, missing_count INTEGER NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false, reason VARCHAR,
        status VARCHAR NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'rolled_back')),
        rolled_back_by VARCHAR, rolled_back_at TIMESTAMP)""",
    """CREATE TABLE kpi_values (
        submission_id INTEGER NOT NULL REFERENCES submissions (submission_id),
        kpi_code VARCHAR NOT NULL, month DATE NOT NULL, value DOUBLE, numerator DOUBLE, denominator DOUBLE,
        commentary VARCHAR, source_cell VARCHAR, PRIMARY KEY (submission_id, kpi_code, month))""",
    """CREATE VIEW current_kpi_values AS
        SELECT v.kpi_code, v.month, v.value, v.numerator, v.denominator, v.commentary, v.source_cell, v.submission_id
        FROM kpi_values AS v JOIN submissions AS s USING (submission_id) WHERE s.status = 'accepted'
        QUALIFY row_number() OVER (PARTITION BY v.kpi_code, v.month ORDER BY v.submission_id DESC) = 1""",
    "INSERT INTO schema_info VALUES (1)",
]
EARLIER = range(1, schema.SCHEMA_VERSION)


def database_at(path, version: int) -> None:
    """A database as the release with schema `version` left it, holding one upload and one figure."""
    con = duckdb.connect(str(path))
    for statement in VERSION_1:
        con.execute(statement)
    schema.migrate(con, 1, version)
    if 4 <= version <= 7:  # those releases locked an account after failed sign-ins, on the account's own row
        con.execute("ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0")
        con.execute("ALTER TABLE users ADD COLUMN locked_until TIMESTAMP")
        con.execute(
            "INSERT INTO users (username, display_name, role, password_hash, failed_attempts, locked_until, "
            "created_at) VALUES ('j.smith', 'Jo', 'admin', 'h', 9, now() + INTERVAL 1 HOUR, now())"
        )
    con.execute(
        """INSERT INTO submissions (file_name, sha256, uploaded_by, uploaded_at, first_month, last_month, row_count,
           value_count, missing_count) VALUES ('old.xlsx', 'abc', 'someone', now(), DATE '2024-01-01',
           DATE '2024-01-01', 1, 1, 0)"""
    )
    if version >= 7:  # uploads name their council from version 7
        con.execute("UPDATE submissions SET council = ?", [current().home_council])
    con.execute("INSERT INTO kpi_values (submission_id, kpi_code, month, value) VALUES (1, 'WF03', '2024-01-01', 30)")
    con.close()


def shape(con) -> set[tuple]:
    """Every column of every table and view, with its type and whether it may be empty."""
    return set(
        con.execute("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns").fetchall()
    )


def test_the_migrations_are_named_and_numbered_in_order():
    versions = [migration.version for migration in schema.MIGRATIONS]
    assert versions == list(range(2, schema.SCHEMA_VERSION + 1))
    assert all(migration.name and migration.steps for migration in schema.MIGRATIONS)
    assert len({migration.name for migration in schema.MIGRATIONS}) == len(schema.MIGRATIONS)


@pytest.mark.parametrize("version", EARLIER)
def test_a_database_from_every_earlier_version_is_upgraded_keeping_its_figures(tmp_path, version):
    path = tmp_path / f"v{version}.duckdb"
    database_at(path, version)
    with open_store(tmp_path / "new.duckdb") as con:
        new = shape(con)
    with open_store(path) as con:
        assert shape(con) == new
        assert con.execute("SELECT version FROM schema_info ORDER BY version").fetchall() == [
            (v,) for v in range(1, schema.SCHEMA_VERSION + 1)
        ]
        assert con.execute("SELECT kpi_code, value, commentary_public FROM current_kpi_values").fetchall() == [
            ("WF03", 30.0, False)
        ]
        # before version 7 a database held this dashboard's own council's figures
        assert con.execute("SELECT kind, council FROM submissions").fetchall() == [
            ("kpi_return", current().home_council)
        ]
        assert con.execute("SELECT username, role FROM users").fetchall() == (
            [("j.smith", "admin")] if 4 <= version <= 7 else []
        )
    with open_store(path) as con:  # opening again changes nothing
        assert con.execute("SELECT count(*) FROM schema_info").fetchone() == (schema.SCHEMA_VERSION,)
