"""One seeded sandbox for the whole session; a fresh database for each test.

The fake Stripe is served behind the same `ControlledApp` the fake store
uses, so tests can count the requests it received and inject faults on it
(the state's idempotency replays would otherwise hide a second POST).
Both fakes and the job run on one fixed clock, so packets are the same
bytes from run to run and deadlines never pass while the suite runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from chargepilot.cli.demo import DEMO_QUOTA, demo_config
from chargepilot.jobs.outcome import Outcome
from chargepilot.jobs.setup import JobConfig, open_responder
from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import Order, Store
from chargepilot.sandbox.controls import (
    ControlledApp,
    LoggedRequest,
    RateLimit,
    SandboxControls,
)
from chargepilot.sandbox.runtime import RunningSandbox
from chargepilot.sandbox.scenarios import generate
from chargepilot.sandbox.scenarios.models import ExpectedCase
from chargepilot.sandbox.server import serve_in_thread
from chargepilot.sandbox.stripe.app import create_stripe_app
from chargepilot.sandbox.stripe.seeds import StripeSeed
from chargepilot.sandbox.stripe.state import StripeState

SEED = 7
# The whole suite shares one store and one quota window; pacing is the
# BigCommerce client's own tests' business, so the window here is generous.
SUITE_QUOTA = 20 * DEMO_QUOTA
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
# The job runs a little after the scenario's "now", as it would in life.
JOB_TIME = NOW + timedelta(minutes=5)


# The stripe SDK hands httpx its form body as `data=<str>`, which httpx
# deprecates; that is the SDK's business, not a fault of the job.
SDK_FORM_BODY = (
    "ignore:Use 'content=<...>' to upload raw bytes/text content.:DeprecationWarning"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.filterwarnings(SDK_FORM_BODY))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Sandbox:
    """The running fakes, the scenario's truth and the fake Stripe's log."""

    running: RunningSandbox
    stripe_controls: SandboxControls

    @property
    def stripe(self) -> StripeState:
        return self.running.stripe

    @property
    def store_controls(self) -> SandboxControls:
        return self.running.controls

    def case(self, kind: str) -> ExpectedCase:
        """The one seeded dispute of this kind (a reason or a hard case)."""
        found = [c for c in self.running.scenario.cases if c.kind == kind]
        assert len(found) == 1, f"expected one {kind} case, found {len(found)}"
        return found[0]

    def fresh(self, kind: str) -> ExpectedCase:
        """A new dispute on the same charge as the `kind` case, for one test.

        Tests that submit, or make Stripe refuse a request, use one of these:
        the fake keeps both the dispute's state and its idempotent replies,
        so the seeded dispute itself stays untouched for every other test.
        """
        case = self.case(kind)
        seed = self.running.scenario.stripe
        dispute = next(d for d in seed.disputes if d.id == case.dispute_id)
        charge = next(c for c in seed.charges if c.id == dispute.charge_id)
        clone = replace(dispute, id=self.stripe.new_id("dp_1"))
        self.stripe.seed(StripeSeed(charges=[charge], disputes=[clone]))
        return replace(case, dispute_id=clone.id)

    def store(self, case: ExpectedCase) -> Store:
        return self.running.scenario.store(case.store_hash)

    def order(self, case: ExpectedCase, order_id: int | None = None) -> Order:
        wanted = case.order_id if order_id is None else order_id
        assert wanted is not None
        return self.store(case).orders[wanted]

    def dispute(self, case: ExpectedCase) -> dict[str, Any]:
        """The dispute as the fake Stripe holds it now."""
        return self.stripe.get(case.dispute_id, case.account)

    def stripe_posts(self, case: ExpectedCase) -> list[LoggedRequest]:
        """POSTs the fake Stripe received about this dispute (and uploads)."""
        return [
            r
            for r in self.stripe_controls.log.entries
            if r.method == "POST"
            and r.path in {f"/v1/disputes/{case.dispute_id}", "/v1/files"}
        ]

    def dispute_updates(self, case: ExpectedCase) -> int:
        return sum(
            1
            for r in self.stripe_controls.log.entries
            if r.method == "POST" and r.path == f"/v1/disputes/{case.dispute_id}"
        )

    def uploads(self) -> int:
        return sum(
            1
            for r in self.stripe_controls.log.entries
            if r.method == "POST" and r.path == "/v1/files"
        )


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    scenario = generate(SEED, now=NOW)
    store_controls = SandboxControls(rate_limit=RateLimit(quota=SUITE_QUOTA))
    stripe_controls = SandboxControls()
    state = StripeState(
        scenario.stripe_api_key, scenario.webhook_secret, clock=lambda: JOB_TIME
    )
    state.seed(scenario.stripe)
    store_app = create_bigcommerce_app(scenario.stores, store_controls)
    stripe_app = ControlledApp(create_stripe_app(state), stripe_controls)
    with ExitStack() as stack:
        store_url = stack.enter_context(serve_in_thread(store_app))
        stripe_url = stack.enter_context(serve_in_thread(stripe_app))
        running = RunningSandbox(scenario, store_url, stripe_url, state, store_controls)
        yield Sandbox(running, stripe_controls)


@pytest.fixture(autouse=True)
def _calm_sandbox(request: pytest.FixtureRequest) -> Iterator[None]:
    """No fault or clock change outlives the test that made it."""
    yield
    if "sandbox" in request.fixturenames:
        box: Sandbox = request.getfixturevalue("sandbox")
        box.store_controls.clear_faults()
        box.stripe_controls.clear_faults()
        box.stripe.clock = lambda: JOB_TIME


@pytest.fixture
def config(sandbox: Sandbox, tmp_path: Path) -> JobConfig:
    """The demo's wiring to the sandbox, with this test's own database."""
    return demo_config(sandbox.running, tmp_path)


async def respond(
    config: JobConfig, case: ExpectedCase, *, submit: bool = False
) -> Outcome:
    """Answer one seeded dispute the way the demo does."""
    async with open_responder(config, clock=lambda: JOB_TIME) as responder:
        return await responder.respond(
            case.dispute_id, account=case.account, submit=submit
        )
