"""Alembic, run from code: the migrations ship inside the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from chargepilot.storage.engine import create_engine_for
from chargepilot.storage.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"

# Any fixed number: the PostgreSQL advisory lock that keeps two workers
# starting at once from migrating at the same time.
_MIGRATION_LOCK = 7_301_954


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Bring the schema of `target` (an engine or a URL) to `revision`."""
    engine = _engine(target)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                connection.execute(lock, {"key": _MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), revision)
    finally:
        if isinstance(target, str):
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def schema_diff(engine: Engine) -> list[Any]:
    """What autogenerate would add to make the database match the models.

    Empty when the migrations and the models agree (`alembic check`).
    """
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        diff: list[Any] = compare_metadata(context, Base.metadata)
    return diff


def _engine(target: Engine | str) -> Engine:
    return create_engine_for(target) if isinstance(target, str) else target
