"""Run both fake vendors on loopback ports, seeded with one scenario."""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from chargepilot.errors import ConfigError
from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import Store
from chargepilot.sandbox.controls import SandboxControls
from chargepilot.sandbox.scenarios.models import Scenario
from chargepilot.sandbox.server import LOOPBACK, serve_in_thread
from chargepilot.sandbox.stripe.app import create_stripe_app
from chargepilot.sandbox.stripe.state import StripeState

MAX_PORT = 65_535


@dataclass
class RunningSandbox:
    """Both fakes while they serve: their addresses, state and knobs."""

    scenario: Scenario
    bigcommerce_url: str  # the API root: + "/stores/{hash}/v3/..."
    stripe_url: str  # the API root: + "/v1/..."
    stripe: StripeState
    controls: SandboxControls

    @property
    def store(self) -> Store:
        """The store that answers platform (non-Connect) disputes."""
        return self.scenario.stores[0]

    def credentials(self) -> dict[str, dict[str, Any]]:
        """Addresses and test credentials, shaped for a config file or JSON."""
        account = self.store.accounts[0]
        return {
            "bigcommerce": {
                "base_url": self.bigcommerce_url,
                "store_hash": self.store.hash,
                "client_id": account.client_id,
                "access_token": account.access_token,
                "stores": [
                    _store_credentials(s, self.scenario) for s in self.scenario.stores
                ],
            },
            "stripe": {
                "base_url": self.stripe_url,
                "api_key": self.stripe.api_key,
                "webhook_secret": self.stripe.webhook_secret,
                "connect_accounts": dict(self.scenario.connect_accounts),
            },
        }


@contextmanager
def run_sandbox(
    scenario: Scenario,
    *,
    bigcommerce_port: int = 0,
    stripe_port: int = 0,
    controls: SandboxControls | None = None,
    stripe_rate_limit_per_second: float | None = None,
) -> Iterator[RunningSandbox]:
    """Serve the fake BigCommerce and Stripe on 127.0.0.1 until the block ends.

    Port 0 picks a free port. A port outside 0-65535 or already taken is a
    `ConfigError` raised before anything starts.
    """
    for port in (bigcommerce_port, stripe_port):
        check_port(port)
    if bigcommerce_port and bigcommerce_port == stripe_port:
        raise ConfigError(f"both servers cannot listen on port {stripe_port}")
    controls = controls or SandboxControls()
    state = StripeState(scenario.stripe_api_key, scenario.webhook_secret)
    state.seed(scenario.stripe)
    bigcommerce = create_bigcommerce_app(scenario.stores, controls)
    stripe = create_stripe_app(
        state, rate_limit_per_second=stripe_rate_limit_per_second
    )
    with ExitStack() as stack:
        bc_url = stack.enter_context(
            _serve(bigcommerce, bigcommerce_port, "BigCommerce")
        )
        stripe_url = stack.enter_context(_serve(stripe, stripe_port, "Stripe"))
        yield RunningSandbox(scenario, bc_url, stripe_url, state, controls)


def check_port(port: int) -> None:
    """Raise a `ConfigError` unless `port` is 0 or free on 127.0.0.1."""
    if not 0 <= port <= MAX_PORT:
        raise ConfigError(f"port {port} is out of range (0-{MAX_PORT}; 0 picks one)")
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server will: a port whose last connections linger in
        # TIME_WAIT is free to listen on again.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else "is unavailable"
            raise ConfigError(f"port {port} on {LOOPBACK} {reason}") from None


@contextmanager
def _serve(app: Any, port: int, name: str) -> Iterator[str]:
    started = False
    try:
        with serve_in_thread(app, port) as url:
            started = True
            yield url
    except RuntimeError:
        if started:
            raise
        raise ConfigError(f"the fake {name} could not listen on port {port}") from None


def _store_credentials(store: Store, scenario: Scenario) -> dict[str, Any]:
    accounts = {hash_: acct for acct, hash_ in scenario.connect_accounts.items()}
    return {
        "store_hash": store.hash,
        "name": store.name,
        "client_id": store.accounts[0].client_id,
        "access_token": store.accounts[0].access_token,
        "stripe_account": accounts.get(store.hash),
    }
