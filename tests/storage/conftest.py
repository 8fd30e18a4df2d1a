"""Every storage test runs twice: on SQLite in tmp_path and on PostgreSQL.

PostgreSQL is the local server (database `test`); each test gets a fresh
schema named after this session, dropped afterwards. An unreachable server
fails those tests with a plain message: it is never a silent skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from chargepilot.storage import Database, create_engine_for
from tests.storage.factories import FakeClock

POSTGRES_URL = os.environ.get(
    "CHARGEPILOT_TEST_POSTGRES_URL",
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
)


class PostgresSchemas:
    """Hands out empty schemas on the test server and drops them at the end."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.prefix = f"cp_test_{uuid.uuid4().hex[:10]}"
        self.numbers = count(1)
        self.made: list[str] = []

    def new_url(self) -> str:
        name = f"{self.prefix}_{next(self.numbers)}"
        with self.engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        self.made.append(name)
        return f"{POSTGRES_URL}?options={quote(f'-csearch_path={name}')}"

    def drop_all(self) -> None:
        with self.engine.begin() as connection:
            for name in self.made:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    engine = create_engine_for(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL} ({error.orig}). Start "
            "it or set CHARGEPILOT_TEST_POSTGRES_URL; storage tests need it.",
            pytrace=False,
        )
    schemas = PostgresSchemas(engine)
    yield schemas
    schemas.drop_all()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'home' / 'chargepilot.db'}"
    schemas: PostgresSchemas = request.getfixturevalue("postgres_schemas")
    return schemas.new_url()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(database_url: str, clock: FakeClock) -> Iterator[Database]:
    database = Database.from_url(database_url, upgrade=True, clock=clock)
    yield database
    database.dispose()
