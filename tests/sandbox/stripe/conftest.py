"""A seeded fake Stripe, served on loopback, and the official client on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
import stripe

from chargepilot.sandbox.server import serve_in_thread
from chargepilot.sandbox.stripe.app import create_stripe_app
from chargepilot.sandbox.stripe.seeds import (
    SeedAddress,
    SeedCardChecks,
    SeedCharge,
    SeedCustomer,
    SeedDispute,
    StripeSeed,
)
from chargepilot.sandbox.stripe.state import StripeState

API_KEY = "sk_test_sandbox_4242"
WEBHOOK_SECRET = "whsec_sandbox_secret"
MERCHANT = "acct_1MERCHANT"
START = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    now: datetime = field(default=START)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _charge(
    charge_id: str, *, account: str | None = None, **extra: object
) -> SeedCharge:
    home = SeedAddress("12 Rue de la Paix", "Paris", "75002", "FR")
    return SeedCharge(
        id=charge_id,
        payment_intent_id="pi_" + charge_id.removeprefix("ch_"),
        amount=4200,
        currency="eur",
        created=START - timedelta(days=30),
        billing_name="Zoë Müller",
        billing_email="zoe@example.test",
        billing_address=home,
        shipping_name="Zoë Müller",
        shipping_address=home,
        checks=SeedCardChecks(three_d_secure_result="authenticated"),
        account=account,
        **extra,  # type: ignore[arg-type]
    )


def _dispute(dispute_id: str, charge_id: str, **extra: object) -> SeedDispute:
    values: dict[str, object] = {
        "amount": 4200,
        "currency": "eur",
        "reason": "product_not_received",
        "created": START - timedelta(days=2),
        "due_by": START + timedelta(days=7),
        "network_reason_code": "13.1",
    }
    values.update(extra)
    return SeedDispute(id=dispute_id, charge_id=charge_id, **values)  # type: ignore[arg-type]


def scenario() -> StripeSeed:
    return StripeSeed(
        customers=[
            SeedCustomer("cus_ZOE", "zoe@example.test", "Zoë Müller", START),
        ],
        charges=[
            _charge("ch_PNR", customer_id="cus_ZOE"),
            _charge("ch_INQ"),
            _charge("ch_MERCHANT", account=MERCHANT),
        ],
        disputes=[
            _dispute("dp_PNR", "ch_PNR"),
            _dispute(
                "dp_INQ",
                "ch_INQ",
                status="warning_needs_response",
                reason="fraudulent",
                network_reason_code="10.4",
                created=START - timedelta(days=1),
                enhanced_eligibility_types=["visa_compelling_evidence_3"],
            ),
            _dispute("dp_MERCHANT", "ch_MERCHANT", account=MERCHANT),
        ],
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(clock: FakeClock) -> StripeState:
    seeded = StripeState(API_KEY, WEBHOOK_SECRET, clock=clock)
    seeded.seed(scenario())
    return seeded


@pytest.fixture
def base_url(state: StripeState) -> Iterator[str]:
    with serve_in_thread(create_stripe_app(state)) as url:
        yield url


def make_client(url: str, key: str = API_KEY, **options: object) -> stripe.StripeClient:
    return stripe.StripeClient(
        key,
        base_addresses={"api": url, "files": url},
        max_network_retries=0,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def client(base_url: str) -> stripe.StripeClient:
    return make_client(base_url)
