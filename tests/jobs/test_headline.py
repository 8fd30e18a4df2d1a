"""The product page's promise, for the repeat customer whose parcel 'never came'.

The argument filed with Stripe and the PDF packet both say which order,
shipped how many days before the dispute, by which carrier, delivered how
many days before, the customer's order count and total spend, and whether
billing and shipping match the charge. Every number is worked out here
from the sandbox store and the fake Stripe, not copied from a run.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from chargepilot.jobs.outcome import Status
from chargepilot.jobs.setup import JobConfig
from tests.jobs.conftest import Sandbox, respond
from tests.jobs.truth import (
    days_before,
    delivered_at,
    flat,
    money,
    packet_text,
    paid_orders,
    stripe_charge,
    utc_day,
)

pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class Headline:
    order: str
    shipped: str
    delivered: str
    lifetime: str
    addresses: str

    def phrases(self) -> tuple[str, ...]:
        return (self.order, self.shipped, self.delivered, self.lifetime, self.addresses)


def expected_headline(sandbox: Sandbox) -> Headline:
    case = sandbox.case("product_not_received")
    store, order = sandbox.store(case), sandbox.order(case)
    dispute = sandbox.dispute(case)
    (shipment,) = order.shipments
    carrier = shipment.tracking_carrier.upper()
    history = paid_orders(store, order)
    spend = sum(o.total_inc_tax for o in history if o.currency_code == "USD")
    first = min(utc_day(o.date_created) for o in history).isoformat()
    charge = stripe_charge(sandbox.stripe, dispute, case.account)
    billing = charge["billing_details"]["address"]
    assert order.billing_address.street_1 == billing["line1"]
    assert order.billing_address.zip == billing["postal_code"]
    assert (
        order.shipping_addresses[0].street_1 == charge["shipping"]["address"]["line1"]
    )
    return Headline(
        order=f"order #{order.id}",
        shipped=(
            f"with {carrier}, tracking number {shipment.tracking_number}, "
            f"{days_before(dispute, shipment.date_created)} days before the dispute"
        ),
        delivered=(
            f"{carrier} confirmed delivery on "
            f"{delivered_at(shipment).date().isoformat()}, "
            f"{days_before(dispute, delivered_at(shipment))} days before the dispute"
        ),
        lifetime=(
            f"placed {len(history)} orders with the store since {first}, "
            f"spending {money(spend, 'USD')} in total"
        ),
        addresses="billing and shipping addresses match the Stripe charge",
    )


async def test_headline_case_is_a_repeat_customer_with_a_delivered_parcel(
    sandbox: Sandbox,
) -> None:
    case = sandbox.case("product_not_received")
    order = sandbox.order(case)
    (shipment,) = order.shipments
    dispute = sandbox.dispute(case)

    assert len(paid_orders(sandbox.store(case), order)) > 1
    assert days_before(dispute, shipment.date_created) > 0
    assert days_before(dispute, delivered_at(shipment)) > 0


async def test_argument_states_the_headline_facts(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("product_not_received")
    outcome = await respond(config, case)
    expected = expected_headline(sandbox)

    assert outcome.status is Status.STAGED
    argument = flat(sandbox.dispute(case)["evidence"]["uncategorized_text"])
    for phrase in expected.phrases():
        assert phrase in argument


async def test_packet_states_the_headline_facts(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("product_not_received")
    outcome = await respond(config, case)
    expected = expected_headline(sandbox)

    assert outcome.packet_path is not None
    text = packet_text(outcome.packet_path)
    for phrase in expected.phrases():
        assert phrase in text
