from __future__ import annotations

from sqlalchemy import inspect, text

from chargepilot.storage import (
    Database,
    create_engine_for,
    current_revision,
    head_revision,
    schema_diff,
    upgrade,
)

TABLES = {
    "tenants",
    "stores",
    "disputes",
    "matches",
    "evidence_revisions",
    "uploads",
    "submissions",
    "webhook_events",
    "ledger_entries",
    "job_runs",
}


def test_an_empty_database_upgrades_to_head_with_every_table(database_url: str) -> None:
    engine = create_engine_for(database_url)
    assert current_revision(engine) is None

    upgrade(engine)

    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_models_match_migrations_so_autogenerate_finds_nothing(
    database_url: str,
) -> None:
    engine = create_engine_for(database_url)
    upgrade(engine)
    assert schema_diff(engine) == []
    engine.dispose()


def test_every_table_but_events_and_runs_requires_a_tenant(database_url: str) -> None:
    engine = create_engine_for(database_url)
    upgrade(engine)
    inspector = inspect(engine)
    optional = set()
    for table in TABLES - {"tenants"}:
        tenant = {c["name"]: c for c in inspector.get_columns(table)}["tenant_id"]
        if tenant["nullable"]:
            optional.add(table)
    engine.dispose()
    assert optional == {"webhook_events", "job_runs"}


def test_upgrading_twice_is_harmless_and_from_url_can_upgrade(
    database_url: str,
) -> None:
    upgrade(database_url)
    database = Database.from_url(database_url, upgrade=True)
    assert current_revision(database.engine) == head_revision()
    database.dispose()


def test_the_models_check_notices_a_schema_that_drifted(database_url: str) -> None:
    engine = create_engine_for(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_job_runs_dispute_id"))
    diff = schema_diff(engine)
    engine.dispose()
    assert [change[0] for change in diff] == ["add_index"]
