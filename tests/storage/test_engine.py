from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from chargepilot.errors import ConfigError
from chargepilot.storage import create_engine_for


def test_sqlite_engine_creates_its_folder_and_runs_in_wal_with_foreign_keys(
    tmp_path: Path,
) -> None:
    path = tmp_path / "not" / "yet" / "there.db"
    engine = create_engine_for(f"sqlite:///{path}")
    with engine.connect() as connection:
        journal = connection.execute(text("PRAGMA journal_mode")).scalar()
        foreign_keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
        busy = connection.execute(text("PRAGMA busy_timeout")).scalar()
    engine.dispose()
    assert path.exists()
    assert (journal, foreign_keys) == ("wal", 1)
    assert busy is not None
    assert busy >= 1000


def test_sqlite_in_memory_is_refused_because_wal_needs_a_file() -> None:
    with pytest.raises(ConfigError, match="file path"):
        create_engine_for("sqlite://")


def test_postgres_urls_always_use_psycopg_3() -> None:
    engine = create_engine_for("postgresql://postgres@127.0.0.1:5432/test")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()


def test_an_unsupported_database_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="mysql"):
        create_engine_for("mysql://root@127.0.0.1/chargepilot")
