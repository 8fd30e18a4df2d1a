"""Each dispute reason on the sandbox: the right order, the right evidence.

Every expectation is read from the sandbox's own store and Stripe objects;
the evidence is read back from the fake Stripe, i.e. what was filed.
"""

from __future__ import annotations

from typing import Any

import pytest

from chargepilot.cli.demo import DEMO_POLICIES
from chargepilot.jobs.outcome import Status
from chargepilot.jobs.setup import JobConfig
from chargepilot.sandbox.bigcommerce.models import Order
from chargepilot.sandbox.scenarios.models import ExpectedCase
from tests.jobs.conftest import Sandbox, respond
from tests.jobs.truth import flat, money, paid_orders, utc_day

pytestmark = pytest.mark.anyio


async def answer(
    sandbox: Sandbox, config: JobConfig, reason: str
) -> tuple[ExpectedCase, dict[str, Any]]:
    """Answer the seeded dispute of `reason`; return what Stripe now holds."""
    case = sandbox.case(reason)
    outcome = await respond(config, case)
    assert outcome.status is Status.STAGED, outcome.error
    assert outcome.order_id == case.order_id
    return case, sandbox.dispute(case)["evidence"]


def assert_packet_attached(
    sandbox: Sandbox, case: ExpectedCase, evidence: dict[str, Any], field: str
) -> None:
    """The reason's file field holds our PDF, uploaded for dispute evidence."""
    file_id = evidence[field]
    assert str(file_id).startswith("file_")
    uploaded = sandbox.stripe.get(file_id, case.account)
    assert uploaded["purpose"] == "dispute_evidence"
    assert uploaded["filename"] == f"dispute-{case.dispute_id}.pdf"
    assert uploaded["type"] == "pdf"


def assert_shipment_filed(evidence: dict[str, Any], order: Order) -> None:
    shipment = order.shipments[0]
    assert evidence["shipping_carrier"].casefold() == shipment.tracking_carrier
    assert evidence["shipping_tracking_number"] == shipment.tracking_number
    assert evidence["shipping_date"] == utc_day(shipment.date_created).isoformat()


def assert_cites_order(argument: str, order: Order) -> None:
    assert f"order #{order.id}" in argument
    assert money(order.total_inc_tax, order.currency_code) in argument
    assert utc_day(order.date_created).isoformat() in argument


async def test_product_not_received_files_the_stores_shipment(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "product_not_received")
    order = sandbox.order(case)
    shipment = order.shipments[0]

    assert_shipment_filed(evidence, order)
    assert evidence["customer_purchase_ip"] == order.ip_address
    assert order.shipping_addresses[0].street_1 in evidence["shipping_address"]
    assert_packet_attached(sandbox, case, evidence, "shipping_documentation")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert shipment.tracking_number in argument
    assert f"{evidence['shipping_carrier']} confirmed delivery" in argument


async def test_unrecognized_files_the_purchase_ip_and_prior_relationship(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "unrecognized")
    order = sandbox.order(case)
    history = paid_orders(sandbox.store(case), order)

    assert evidence["customer_purchase_ip"] == order.ip_address
    assert evidence["customer_email_address"] == order.billing_address.email
    assert order.billing_address.street_1 in evidence["billing_address"]
    assert_packet_attached(sandbox, case, evidence, "receipt")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert f"from IP address {order.ip_address}" in argument
    assert f"placed {len(history)} orders with the store" in argument
    earlier = [o for o in history if o.date_created < order.date_created]
    assert all(f"#{o.id}" in argument for o in earlier)


async def test_subscription_canceled_files_the_cancellation_policy(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "subscription_canceled")
    order = sandbox.order(case)

    disclosure = evidence["cancellation_policy_disclosure"]
    assert DEMO_POLICIES.cancellation_policy_disclosure in disclosure
    assert DEMO_POLICIES.cancellation_policy in disclosure
    assert f"order #{order.id}" in flat(evidence["cancellation_rebuttal"])
    assert_shipment_filed(evidence, order)
    assert_packet_attached(sandbox, case, evidence, "uncategorized_file")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert "cancellation policy reads" in argument


async def test_product_unacceptable_files_the_description_and_refund_policy(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "product_unacceptable")
    order = sandbox.order(case)

    described = evidence["product_description"]
    assert all(item.name in described for item in order.line_items)
    policy = evidence["refund_policy_disclosure"]
    assert DEMO_POLICIES.refund_policy_disclosure in policy
    refusal = evidence["refund_refusal_explanation"]
    assert refusal.startswith(DEMO_POLICIES.refund_refusal_explanation)
    assert_shipment_filed(evidence, order)
    assert_packet_attached(sandbox, case, evidence, "receipt")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert "refund policy reads" in argument


async def test_credit_not_processed_files_the_stores_refund_history(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "credit_not_processed")
    order = sandbox.order(case)
    (refund,) = order.refunds

    policy = evidence["refund_policy_disclosure"]
    assert DEMO_POLICIES.refund_policy_disclosure in policy
    assert evidence["refund_refusal_explanation"].startswith(
        DEMO_POLICIES.refund_refusal_explanation
    )
    assert_packet_attached(sandbox, case, evidence, "uncategorized_file")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    refunded = money(refund.total_amount, order.currency_code)
    when = utc_day(refund.created).isoformat()
    assert f"{refunded} on {when}" in argument
    assert refund.reason in argument
    total = money(order.total_inc_tax, order.currency_code)
    assert f"the store refunded {refunded} of the {total} order" in argument


async def test_fraudulent_files_card_checks_and_earlier_undisputed_orders(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "fraudulent")
    order = sandbox.order(case)
    earlier = [
        o
        for o in paid_orders(sandbox.store(case), order)
        if o.date_created < order.date_created
    ]

    assert evidence["customer_purchase_ip"] == order.ip_address
    assert_shipment_filed(evidence, order)
    assert_packet_attached(sandbox, case, evidence, "receipt")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert "3-D Secure authenticated" in argument
    assert earlier
    assert all(f"#{o.id}" in argument for o in earlier)
    assert f"{len(earlier)} earlier orders, paid and never disputed" in argument


async def test_duplicate_names_the_other_charge_and_its_own_order(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "duplicate")
    order = sandbox.order(case)
    (other_id,) = case.related_order_ids
    other = sandbox.order(case, other_id)
    intent = sandbox.stripe.get(other.payment_provider_id, case.account)

    assert evidence["duplicate_charge_id"] == intent["latest_charge"]
    assert evidence["duplicate_charge_id"] != sandbox.dispute(case)["charge"]
    assert_packet_attached(sandbox, case, evidence, "duplicate_charge_documentation")
    explanation = flat(evidence["duplicate_charge_explanation"])
    assert f"a separate order, #{other.id}" in explanation
    assert_cites_order(flat(evidence["uncategorized_text"]), order)


async def test_general_files_the_whole_record_in_the_orders_currency(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, evidence = await answer(sandbox, config, "general")
    order = sandbox.order(case)

    assert order.currency_code == "EUR"
    assert evidence["customer_purchase_ip"] == order.ip_address
    assert_shipment_filed(evidence, order)
    described = evidence["product_description"]
    assert all(item.name in described for item in order.line_items)
    assert_packet_attached(sandbox, case, evidence, "uncategorized_file")
    argument = flat(evidence["uncategorized_text"])
    assert_cites_order(argument, order)
    assert f"placed {len(paid_orders(sandbox.store(case), order))} orders" in argument


async def test_evidence_the_job_reports_is_what_stripe_holds(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("product_not_received")
    outcome = await respond(config, case)

    evidence = sandbox.dispute(case)["evidence"]
    filed = {name: value for name, value in evidence.items() if value}
    assert filed == outcome.evidence
