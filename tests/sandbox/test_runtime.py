from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from chargepilot.errors import ConfigError
from chargepilot.sandbox.runtime import RunningSandbox, run_sandbox
from chargepilot.sandbox.scenarios import Scenario, generate

NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(7, now=NOW, profile="small")


@pytest.fixture(scope="module")
def sandbox(scenario: Scenario) -> Iterator[RunningSandbox]:
    with run_sandbox(scenario) as running:
        yield running


def test_credentials_name_both_loopback_servers_and_their_secrets(
    sandbox: RunningSandbox, scenario: Scenario
) -> None:
    credentials = sandbox.credentials()
    bigcommerce, stripe = credentials["bigcommerce"], credentials["stripe"]

    assert bigcommerce["base_url"].startswith("http://127.0.0.1:")
    assert stripe["base_url"].startswith("http://127.0.0.1:")
    assert bigcommerce["store_hash"] == scenario.stores[0].hash
    assert bigcommerce["access_token"] == scenario.stores[0].accounts[0].access_token
    assert bigcommerce["client_id"] == scenario.stores[0].accounts[0].client_id
    assert stripe["api_key"] == scenario.stripe_api_key
    assert stripe["webhook_secret"] == scenario.webhook_secret


def test_the_bigcommerce_base_url_is_the_api_root(sandbox: RunningSandbox) -> None:
    bc = sandbox.credentials()["bigcommerce"]
    headers = {"X-Auth-Token": bc["access_token"], "Accept": "application/json"}
    expected = next(c for c in sandbox.scenario.cases if c.kind == "guest_checkout")
    url = f"{bc['base_url']}/stores/{bc['store_hash']}/v2/orders/{expected.order_id}"

    response = httpx.get(url, headers=headers, timeout=10)

    assert response.status_code == 200
    assert response.json()["customer_id"] == 0


def test_the_fake_stripe_serves_the_seeded_disputes(sandbox: RunningSandbox) -> None:
    stripe = sandbox.credentials()["stripe"]
    headers = {"Authorization": f"Bearer {stripe['api_key']}"}

    response = httpx.get(
        f"{stripe['base_url']}/v1/disputes",
        params={"limit": 100},
        headers=headers,
        timeout=10,
    )

    platform = [c.dispute_id for c in sandbox.scenario.cases if c.account is None]
    assert response.status_code == 200
    assert sorted(d["id"] for d in response.json()["data"]) == sorted(platform)


def test_the_connect_dispute_lives_on_its_account(sandbox: RunningSandbox) -> None:
    stripe = sandbox.credentials()["stripe"]
    expected = next(c for c in sandbox.scenario.cases if c.kind == "connect_account")
    assert expected.account is not None
    headers = {
        "Authorization": f"Bearer {stripe['api_key']}",
        "Stripe-Account": expected.account,
    }

    url = f"{stripe['base_url']}/v1/disputes/{expected.dispute_id}"
    response = httpx.get(url, headers=headers, timeout=10)

    assert response.status_code == 200
    assert stripe["connect_accounts"][expected.account] == expected.store_hash


def test_a_taken_port_is_refused_before_anything_starts(scenario: Scenario) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]

        with (
            pytest.raises(ConfigError, match=f"port {port} .* in use"),
            run_sandbox(scenario, stripe_port=port),
        ):
            pass


def test_a_negative_port_is_refused(scenario: Scenario) -> None:
    with (
        pytest.raises(ConfigError, match="out of range"),
        run_sandbox(scenario, bigcommerce_port=-1),
    ):
        pass
