"""Statements whose SQL differs between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

from chargepilot.storage.errors import StorageError


def insert_if_absent(
    session: Session,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    conflict: Sequence[str],
) -> bool:
    """INSERT ... ON CONFLICT (conflict) DO NOTHING; True if a row was added.

    The unique constraint, not a prior SELECT, decides: two processes racing
    on the same key both succeed and exactly one of them sees True.
    """
    table = cast(Table, model.__table__)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = postgresql.insert(table).values(**values)
        statement: Any = pg.on_conflict_do_nothing(index_elements=list(conflict))
    elif dialect == "sqlite":
        lite = sqlite.insert(table).values(**values)
        statement = lite.on_conflict_do_nothing(index_elements=list(conflict))
    else:
        raise StorageError(f"unsupported database dialect {dialect!r}")
    # RETURNING, not rowcount: psycopg reports no rowcount for this statement.
    key = table.c[conflict[0]]
    inserted = session.execute(statement.returning(key)).first()
    return inserted is not None


def affected(session: Session, statement: Any) -> int:
    """Run an UPDATE or DELETE and say how many rows it changed.

    Rows already loaded in the session are expired, so the next read sees
    what the statement wrote.
    """
    options = {"synchronize_session": False}
    result = session.execute(statement, execution_options=options)
    session.expire_all()
    return cast(CursorResult[Any], result).rowcount
