"""`chargepilot disputes respond`: the job for one dispute, from settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from chargepilot.sandbox.runtime import RunningSandbox, run_sandbox
from chargepilot.sandbox.scenarios import generate
from tests.cli.conftest import Cli, run_cli

SETTINGS = (
    "CHARGEPILOT_STRIPE_API_KEY",
    "CHARGEPILOT_BIGCOMMERCE_STORE_HASH",
    "CHARGEPILOT_BIGCOMMERCE_ACCESS_TOKEN",
)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with run_sandbox(generate(11, profile="small")) as running:
        yield running


def sandbox_env(sandbox: RunningSandbox, home: Path) -> dict[str, str]:
    creds = sandbox.credentials()
    store, stripe = creds["bigcommerce"], creds["stripe"]
    return {
        "CHARGEPILOT_STRIPE_API_KEY": stripe["api_key"],
        "CHARGEPILOT_STRIPE_API_BASE": stripe["base_url"],
        "CHARGEPILOT_BIGCOMMERCE_API_BASE": store["base_url"],
        "CHARGEPILOT_BIGCOMMERCE_STORE_HASH": store["store_hash"],
        "CHARGEPILOT_BIGCOMMERCE_ACCESS_TOKEN": store["access_token"],
        "CHARGEPILOT_HOME": str(home),
    }


def test_respond_without_settings_names_each_missing_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    ran = cli("disputes", "respond", "dp_x")

    assert ran.code != 0
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1
    assert all(name in lines[0] for name in SETTINGS)
    assert "Traceback" not in ran.err + ran.out


def test_respond_refuses_something_that_is_not_a_dispute_id(cli: Cli) -> None:
    ran = cli("disputes", "respond", "not-an-id")

    assert ran.code == 2
    assert "a dispute id starts with dp_" in ran.err
    assert "internal error" not in ran.err
    assert "Traceback" not in ran.err + ran.out


def test_respond_stages_the_evidence_on_the_configured_stripe(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    case = next(c for c in sandbox.scenario.cases if c.kind == "product_not_received")
    env = sandbox_env(sandbox, tmp_path)

    done = run_cli("-q", "disputes", "respond", case.dispute_id, "--json", env=env)

    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["status"] == "staged"
    assert outcome["order_id"] == case.order_id
    filed = sandbox.stripe.get(case.dispute_id)["evidence"]
    assert (
        filed["shipping_documentation"] == outcome["evidence"]["shipping_documentation"]
    )
    assert Path(outcome["packet_path"]).parent == tmp_path / "packets"
    assert (tmp_path / "chargepilot.db").is_file()
