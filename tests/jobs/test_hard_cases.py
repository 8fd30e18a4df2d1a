"""The seeded hard cases: no order, ties, guests, odd spellings, big orders."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chargepilot.jobs.outcome import Outcome, Status
from chargepilot.jobs.setup import JobConfig
from chargepilot.sandbox.scenarios.models import ExpectedCase
from tests.jobs.conftest import Sandbox, respond
from tests.jobs.truth import flat, money, packet_pages, packet_text, paid_orders

pytestmark = pytest.mark.anyio

PAGE_BUDGET = 45  # well under Stripe's 50 pages for all files of a dispute
BYTE_BUDGET = 4_500_000  # under Stripe's ~4.5 MB for all files of a dispute


async def answer_quietly(
    sandbox: Sandbox, config: JobConfig, kind: str
) -> tuple[ExpectedCase, Outcome, int]:
    """Answer a case; also count the POSTs it sent to the fake Stripe."""
    case = sandbox.case(kind)
    before = len(sandbox.stripe_posts(case))
    outcome = await respond(config, case)
    return case, outcome, len(sandbox.stripe_posts(case)) - before


async def test_dispute_without_a_store_order_needs_review_and_files_nothing(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, outcome, posts = await answer_quietly(sandbox, config, "no_match")

    assert case.order_id is None
    assert outcome.status is Status.NEEDS_REVIEW
    assert outcome.order_id is None
    assert posts == 0
    assert not sandbox.dispute(case)["evidence_details"]["has_evidence"]


async def test_two_candidate_orders_need_review_and_name_the_rival(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, outcome, posts = await answer_quietly(sandbox, config, "two_candidates")
    (rival,) = case.related_order_ids

    assert outcome.status is Status.NEEDS_REVIEW
    assert any(f"#{rival}" in reason for reason in outcome.match_reasons)
    assert posts == 0
    assert not sandbox.dispute(case)["evidence_details"]["has_evidence"]


async def test_guest_checkout_is_matched_by_its_billing_email(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, outcome, _ = await answer_quietly(sandbox, config, "guest_checkout")
    order = sandbox.order(case)

    assert order.customer_id == 0
    assert outcome.status is Status.STAGED
    assert outcome.order_id == case.order_id
    evidence = sandbox.dispute(case)["evidence"]
    assert evidence["customer_email_address"] == order.billing_address.email


async def test_email_differing_by_case_and_space_still_matches_the_order(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("email_case")
    order = sandbox.order(case)
    charge = sandbox.stripe.get(sandbox.dispute(case)["charge"], case.account)
    typed = charge["billing_details"]["email"]
    assert typed != order.billing_address.email
    assert typed.strip().casefold() == order.billing_address.email.casefold()

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    assert outcome.order_id == order.id
    assert not order.payment_provider_id
    assert any(order.billing_address.email in r for r in outcome.match_reasons)


@pytest.mark.parametrize(
    ("kind", "store_line", "card_line"),
    [
        ("address_abbreviations", "100 Peach Ave. E #5", "100 Peach Avenue East"),
        ("address_accents", "12 Rue Émile Zola", "12 rue Emile Zola"),
    ],
)
async def test_same_address_written_differently_compares_as_matching(
    sandbox: Sandbox, config: JobConfig, kind: str, store_line: str, card_line: str
) -> None:
    case = sandbox.case(kind)
    assert sandbox.order(case).billing_address.street_1 == store_line

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    argument = flat(sandbox.dispute(case)["evidence"]["uncategorized_text"])
    assert "billing and shipping addresses match the Stripe charge" in argument
    assert outcome.packet_path is not None
    shown = packet_text(outcome.packet_path)
    assert store_line in shown
    assert card_line in shown


async def test_split_shipment_cites_both_parcels(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("split_shipment")
    shipments = sandbox.order(case).shipments
    assert len(shipments) == 2

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    evidence = sandbox.dispute(case)["evidence"]
    argument = flat(evidence["uncategorized_text"])
    for shipment in shipments:
        assert shipment.tracking_number in evidence["shipping_tracking_number"]
        assert shipment.tracking_carrier in evidence["shipping_carrier"].casefold()
        assert shipment.tracking_number in argument
    assert "The order left in 2 shipments" in argument


async def test_300_line_items_stay_within_stripes_limits(
    sandbox: Sandbox, config: JobConfig
) -> None:
    outcome = await respond(config, sandbox.case("many_line_items"))

    assert_within_budget(outcome)


def assert_within_budget(outcome: Outcome) -> None:
    assert outcome.status is Status.STAGED
    assert outcome.packet_path is not None
    assert packet_pages(outcome.packet_path) == outcome.pages
    assert outcome.pages <= PAGE_BUDGET
    assert outcome.bytes <= BYTE_BUDGET


async def test_300_line_items_are_summarised_in_the_packet_never_cut_silently(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("many_line_items")
    order = sandbox.order(case)
    assert len(order.line_items) == 300

    outcome = await respond(config, case)

    assert outcome.packet_path is not None
    text = packet_text(outcome.packet_path)
    found = re.search(r"(\d+) more line items \(([\d,]+) units, worth (\S+)\)", text)
    assert found is not None, "the packet must say how many items it left out"
    left_out = order.line_items[300 - int(found[1]) :]
    units = sum(item.quantity for item in left_out)
    # Each line's total is a vendor amount, turned into cents once.
    worth = sum(cents(item.total_inc_tax) for item in left_out)
    assert found[2].replace(",", "") == str(units)
    assert found[3] == money(worth, order.currency_code)
    assert f"{order.items_total} of {order.items_total}" in text


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def test_5000_order_history_is_read_in_full_within_budget_and_target(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("big_customer")
    order = sandbox.order(case)
    history = paid_orders(sandbox.store(case), order)
    assert len(history) == 5000

    outcome = await respond(config, case)

    assert_within_budget(outcome)
    assert outcome.round_trips <= 6
    argument = flat(sandbox.dispute(case)["evidence"]["uncategorized_text"])
    assert f"placed {len(history)} orders with the store" in argument


async def test_bank_debit_dispute_is_not_answered_and_nothing_is_filed(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case, outcome, posts = await answer_quietly(sandbox, config, "bank_debit")

    assert outcome.status is Status.NOT_ANSWERED
    assert outcome.error is None  # a decision, not a failure
    assert outcome.note == "reason not answered automatically"
    assert posts == 0
    dispute = sandbox.dispute(case)
    assert not dispute["evidence_details"]["has_evidence"]
    assert dispute["status"] == "needs_response"


async def test_connect_dispute_is_filed_on_its_connected_account(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("connect_account")
    assert case.account is not None
    assert case.store_hash != sandbox.running.store.hash

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    assert outcome.order_id == case.order_id
    evidence = sandbox.dispute(case)["evidence"]
    file_id = evidence["shipping_documentation"]
    assert sandbox.stripe.find(file_id, case.account) is not None
    assert sandbox.stripe.find(file_id, None) is None
    assert sandbox.stripe.find(case.dispute_id, None) is None


async def test_inquiry_is_staged_without_turning_it_into_a_chargeback(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("inquiry")
    assert sandbox.dispute(case)["status"] == "warning_needs_response"

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    dispute = sandbox.dispute(case)
    assert dispute["status"] == "warning_needs_response"
    assert dispute["evidence_details"]["has_evidence"]
    assert dispute["evidence"]["receipt"]


async def test_names_with_html_entities_are_filed_as_plain_text(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("html_entities")

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    evidence = sandbox.dispute(case)["evidence"]
    assert "O'Brien" in evidence["customer_name"]
    assert "&#39;" not in evidence["uncategorized_text"]
    assert "&amp;" not in evidence["uncategorized_text"]
