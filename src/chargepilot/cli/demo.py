"""`chargepilot demo`: the whole job on the built-in sandbox, start to end."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chargepilot.cli.render import outcome_table
from chargepilot.domain.case import MerchantPolicies
from chargepilot.jobs.outcome import Outcome

if TYPE_CHECKING:
    from chargepilot.jobs.setup import JobConfig
    from chargepilot.sandbox.runtime import RunningSandbox

DEFAULT_OUT = Path("chargepilot-demo")
# The sandbox store runs on BigCommerce's Pro plan quota (450 requests per
# 30 s) so the demo does not sit out a Standard plan's window; `make bench`
# measures pacing under the Standard quota of 150.
DEMO_QUOTA = 450

# What a merchant writes once in Settings -> Policies; the demo store's own.
DEMO_POLICIES = MerchantPolicies(
    refund_policy=(
        "Unused items can be returned within 30 days of delivery for a full "
        "refund to the original card. Opened consumables cannot be returned."
    ),
    refund_policy_disclosure=(
        "Shown on every product page, linked in the checkout footer, and the "
        "shopper ticks 'I accept the returns policy' before paying."
    ),
    cancellation_policy=(
        "Subscriptions can be cancelled at any time from the account page; a "
        "cancellation stops the next box, not one already shipped."
    ),
    cancellation_policy_disclosure=(
        "Stated on the subscription sign-up page and in every renewal email."
    ),
    refund_refusal_explanation=(
        "No return was requested through the store's returns page, and the "
        "goods were delivered as described, so no refund was due."
    ),
)


def demo(
    seed: Annotated[
        int, typer.Option(help="Scenario seed: same seed, same store.")
    ] = 7,
    out: Annotated[
        Path, typer.Option(help="Folder for the packets and the demo database.")
    ] = DEFAULT_OUT,
    submit: Annotated[
        bool, typer.Option("--submit", help="Submit instead of staging.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of a table.")
    ] = False,
) -> None:
    """Answer every dispute of a seeded sandbox store, and show what was filed."""
    from chargepilot.sandbox.controls import RateLimit, SandboxControls
    from chargepilot.sandbox.runtime import run_sandbox
    from chargepilot.sandbox.scenarios import generate

    _fresh(out)
    scenario = generate(seed)
    controls = SandboxControls(rate_limit=RateLimit(quota=DEMO_QUOTA))
    with run_sandbox(scenario, controls=controls) as sandbox:
        outcomes = asyncio.run(_answer_all(sandbox, out, submit))
    if as_json:
        typer.echo(json.dumps(_report(outcomes, out, seed), ensure_ascii=False))
    else:
        outcome_table(outcomes, title=f"Sandbox store, seed {seed}")
        typer.echo(f"Packets written to {(out / 'packets').resolve()}")


def _fresh(out: Path) -> None:
    """The demo starts from an empty database each run, like its sandbox."""
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(
            f"{out} exists and is not a folder", param_hint="--out"
        )
    shutil.rmtree(out / "packets", ignore_errors=True)
    (out / "demo.db").unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


async def _answer_all(
    sandbox: RunningSandbox, out: Path, submit: bool
) -> list[Outcome]:
    from chargepilot.jobs.setup import open_responder

    config = demo_config(sandbox, out)
    outcomes = []
    async with open_responder(config) as responder:
        for case in sandbox.scenario.cases:
            outcome = await responder.respond(
                case.dispute_id, account=case.account, submit=submit
            )
            outcomes.append(outcome)
    return outcomes


def demo_config(sandbox: RunningSandbox, out: Path) -> JobConfig:
    """How the job reaches the sandbox's stores and its fake Stripe."""
    from chargepilot.jobs.setup import JobConfig, StoreConfig

    creds = sandbox.credentials()
    stores = tuple(
        StoreConfig(
            store_hash=s["store_hash"],
            access_token=s["access_token"],
            api_base=creds["bigcommerce"]["base_url"],
            name=s["name"],
            stripe_account=s["stripe_account"],
            policies=DEMO_POLICIES,
        )
        for s in creds["bigcommerce"]["stores"]
    )
    return JobConfig(
        stripe_api_key=creds["stripe"]["api_key"],
        stores=stores,
        database_url=f"sqlite:///{out / 'demo.db'}",
        packets_dir=out / "packets",
        stripe_api_base=creds["stripe"]["base_url"],
    )


def _report(outcomes: list[Outcome], out: Path, seed: int) -> dict[str, object]:
    return {
        "seed": seed,
        "packets_dir": str((out / "packets").resolve()),
        "disputes": [o.as_json() for o in outcomes],
    }
