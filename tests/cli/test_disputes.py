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


VALID = {
    "CHARGEPILOT_STRIPE_API_KEY": "sk_test_x",
    "CHARGEPILOT_BIGCOMMERCE_STORE_HASH": "abc123",
    "CHARGEPILOT_BIGCOMMERCE_ACCESS_TOKEN": "token",
    "CHARGEPILOT_STRIPE_API_BASE": "http://127.0.0.1:9",
    "CHARGEPILOT_BIGCOMMERCE_API_BASE": "http://127.0.0.1:9",
}


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("CHARGEPILOT_DATABASE_URL", "not a url", "cannot open the database"),
        (
            "CHARGEPILOT_DATABASE_URL",
            "postgresql+psycopg://nobody:hunter2@127.0.0.1:1/x",
            "cannot open the database postgresql+psycopg://nobody:***@127.0.0.1:1/x",
        ),
        (
            "CHARGEPILOT_BIGCOMMERCE_API_BASE",
            "::::",
            "CHARGEPILOT_BIGCOMMERCE_API_BASE",
        ),
        ("CHARGEPILOT_STRIPE_API_BASE", "ftp://x", "CHARGEPILOT_STRIPE_API_BASE"),
        ("CHARGEPILOT_STRIPE_API_KEY", " ", "CHARGEPILOT_STRIPE_API_KEY"),
        ("CHARGEPILOT_AUTO_SUBMIT", "perhaps", "CHARGEPILOT_AUTO_SUBMIT"),
        ("CHARGEPILOT_LOG_FORMAT", "xml", "CHARGEPILOT_LOG_FORMAT"),
        ("CHARGEPILOT_POLICIES_FILE", "/nonexistent/p.json", "policies file"),
    ],
)
def test_a_bad_setting_is_named_in_one_line_and_nothing_is_called(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: str,
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    for key, setting in {**VALID, name: value}.items():
        monkeypatch.setenv(key, setting)

    ran = cli("disputes", "respond", "dp_x")

    assert ran.code not in {0, 70}
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1
    assert said in lines[0]
    assert "hunter2" not in ran.err
    assert "internal error" not in ran.err


def test_a_policies_file_with_an_unknown_policy_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policies = tmp_path / "policies.json"
    policies.write_text(json.dumps({"refund_polcy": "30 days"}))
    monkeypatch.chdir(tmp_path)
    for key, setting in VALID.items():
        monkeypatch.setenv(key, setting)
    monkeypatch.setenv("CHARGEPILOT_POLICIES_FILE", str(policies))

    ran = cli("disputes", "respond", "dp_x")

    assert ran.code == 2
    assert "unknown policy refund_polcy" in ran.err


def test_the_policies_file_fills_the_refund_policy_fields(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    case = next(c for c in sandbox.scenario.cases if c.kind == "product_unacceptable")
    policies = {
        "refund_policy": "Returns within 30 days of delivery, unused.",
        "refund_policy_disclosure": "Linked at checkout; ticked before paying.",
        "refund_refusal_explanation": "No return was requested.",
    }
    path = tmp_path / "policies.json"
    path.write_text(json.dumps(policies))
    env = {**sandbox_env(sandbox, tmp_path), "CHARGEPILOT_POLICIES_FILE": str(path)}

    done = run_cli("-q", "disputes", "respond", case.dispute_id, "--json", env=env)

    assert done.returncode == 0, done.stderr
    filed = sandbox.stripe.get(case.dispute_id)["evidence"]
    # Stripe's refund_policy is a file field: the words go with the disclosure.
    disclosure = filed["refund_policy_disclosure"]
    assert policies["refund_policy_disclosure"] in disclosure
    assert policies["refund_policy"] in disclosure
    assert filed["refund_refusal_explanation"].startswith(
        policies["refund_refusal_explanation"]
    )
