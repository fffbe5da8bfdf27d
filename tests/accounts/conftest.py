"""What the account tests share: an administrator, a password, and a database holding one viewer, j.smith."""

import duckdb
import pytest

from accounts.roles import Role
from accounts.users import add_account
from database.schema import ensure_schema
from tests.actors import person

ADMIN = person(Role.ADMIN, "the.admin")
PASSWORD = "correct horse battery"


@pytest.fixture
def con():
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    add_account(connection, ADMIN, "J.Smith", "Jo Smith", Role.VIEWER, PASSWORD)
    yield connection
    connection.close()
