"""Alembic environment: runs on the connection chargepilot.storage hands in."""

from __future__ import annotations

from alembic import context

from chargepilot.storage.errors import MigrationError
from chargepilot.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise MigrationError("run migrations with chargepilot.storage.upgrade(...)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    compare_type=True,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
