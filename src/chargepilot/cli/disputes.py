"""`chargepilot disputes ...`: the main job against configured endpoints."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chargepilot.cli.render import outcome_table
from chargepilot.config import Settings, load_settings
from chargepilot.errors import ConfigError
from chargepilot.jobs.outcome import Outcome

if TYPE_CHECKING:
    from chargepilot.jobs.setup import JobConfig

app = typer.Typer(help="Answer disputes on the configured Stripe and store.")


@app.command()
def respond(
    dispute_id: Annotated[str, typer.Argument(help="Stripe dispute id, dp_...")],
    submit: Annotated[
        bool, typer.Option("--submit", help="Submit now instead of staging.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Match, gather, build and file evidence for one dispute."""
    if not dispute_id.startswith(("dp_", "du_")):
        raise typer.BadParameter(
            "a dispute id starts with dp_", param_hint="DISPUTE_ID"
        )
    settings = load_settings()
    config = config_from(settings)
    outcome = asyncio.run(_respond(config, dispute_id, settings.stripe_account, submit))
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), ensure_ascii=False))
    else:
        outcome_table([outcome], title=f"Dispute {dispute_id}")
        if outcome.packet_path:
            typer.echo(f"Packet written to {Path(outcome.packet_path).resolve()}")
    if outcome.error:
        raise typer.Exit(1)


async def _respond(
    config: JobConfig, dispute_id: str, account: str | None, submit: bool
) -> Outcome:
    from chargepilot.jobs.setup import open_responder

    async with open_responder(config) as responder:
        return await responder.respond(dispute_id, account=account, submit=submit)


def config_from(settings: Settings) -> JobConfig:
    """The job's configuration from CHARGEPILOT_* settings; names what is missing."""
    from chargepilot.jobs.setup import JobConfig, StoreConfig

    missing = [
        name
        for name, value in (
            ("CHARGEPILOT_STRIPE_API_KEY", settings.stripe_api_key),
            ("CHARGEPILOT_BIGCOMMERCE_STORE_HASH", settings.bigcommerce_store_hash),
            ("CHARGEPILOT_BIGCOMMERCE_ACCESS_TOKEN", settings.bigcommerce_access_token),
        )
        if not value
    ]
    if missing:
        raise ConfigError("missing settings: " + ", ".join(missing))
    assert settings.stripe_api_key
    assert settings.bigcommerce_access_token
    store = StoreConfig(
        store_hash=settings.bigcommerce_store_hash or "",
        access_token=settings.bigcommerce_access_token.get_secret_value(),
        api_base=settings.bigcommerce_api_base,
        stripe_account=settings.stripe_account,
        auto_submit=settings.auto_submit,
        policies=settings.policies(),
    )
    return JobConfig(
        stripe_api_key=settings.stripe_api_key.get_secret_value(),
        stores=(store,),
        database_url=settings.resolved_database_url,
        packets_dir=settings.home / "packets",
        stripe_api_base=settings.stripe_api_base,
        stripe_files_base=settings.stripe_files_base,
    )
