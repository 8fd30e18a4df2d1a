from __future__ import annotations

import html
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from chargepilot.errors import ConfigError
from chargepilot.sandbox.bigcommerce.models import Order
from chargepilot.sandbox.scenarios import ExpectedCase, Scenario, generate
from chargepilot.sandbox.scenarios.carriers import Carrier, is_valid_tracking_number
from chargepilot.sandbox.scenarios.pricing import to_minor
from chargepilot.sandbox.stripe.seeds import SeedCharge, SeedDispute

NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)
REASONS = {
    "product_not_received",
    "unrecognized",
    "subscription_canceled",
    "product_unacceptable",
    "credit_not_processed",
    "fraudulent",
    "duplicate",
    "general",
}
HARD_CASES = {
    "no_match",
    "two_candidates",
    "guest_checkout",
    "guest_no_email",
    "address_abbreviations",
    "address_accents",
    "split_shipment",
    "many_line_items",
    "big_customer",
    "html_entities",
    "email_case",
    "bank_debit",
    "connect_account",
    "inquiry",
    "zero_decimal_currency",
}
DELIVERY_SCAN = re.compile(r"^Delivered (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\b")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(7, now=NOW, profile="small")


def case(scenario: Scenario, kind: str) -> ExpectedCase:
    return next(c for c in scenario.cases if c.kind == kind)


def dispute_of(scenario: Scenario, expected: ExpectedCase) -> SeedDispute:
    return next(d for d in scenario.stripe.disputes if d.id == expected.dispute_id)


def charge_of(scenario: Scenario, expected: ExpectedCase) -> SeedCharge:
    charge_id = dispute_of(scenario, expected).charge_id
    return next(c for c in scenario.stripe.charges if c.id == charge_id)


def order_of(scenario: Scenario, expected: ExpectedCase) -> Order:
    assert expected.order_id is not None
    return scenario.store(expected.store_hash).orders[expected.order_id]


def all_orders(scenario: Scenario) -> list[Order]:
    return [order for store in scenario.stores for order in store.orders.values()]


def matched_cases(scenario: Scenario) -> list[ExpectedCase]:
    return [c for c in scenario.cases if c.order_id is not None]


def test_the_same_seed_gives_an_identical_scenario(scenario: Scenario) -> None:
    assert generate(7, now=NOW, profile="small") == scenario


def test_another_seed_gives_other_data(scenario: Scenario) -> None:
    other = generate(8, now=NOW, profile="small")

    assert other.stores[0].hash != scenario.stores[0].hash
    assert {d.id for d in other.stripe.disputes}.isdisjoint(
        d.id for d in scenario.stripe.disputes
    )


def test_every_reason_has_its_ordinary_case(scenario: Scenario) -> None:
    ordinary = {c.kind for c in scenario.cases if c.kind == c.reason}

    assert ordinary == REASONS


def test_every_hard_case_is_seeded_once(scenario: Scenario) -> None:
    kinds = Counter(c.kind for c in scenario.cases)

    assert set(kinds) >= HARD_CASES
    assert all(kinds[kind] == 1 for kind in HARD_CASES)


def test_each_case_names_a_dispute_that_exists(scenario: Scenario) -> None:
    dispute_ids = [d.id for d in scenario.stripe.disputes]

    assert sorted(dispute_ids) == sorted(c.dispute_id for c in scenario.cases)
    assert len(set(dispute_ids)) == len(dispute_ids)


def test_the_expected_orders_total_equals_the_charged_amount(
    scenario: Scenario,
) -> None:
    for expected in matched_cases(scenario):
        order = order_of(scenario, expected)
        charge = charge_of(scenario, expected)

        paid = order.total_inc_tax - order.store_credit_amount
        assert to_minor(paid, order.currency_code) == charge.amount, expected.kind
        assert charge.currency == order.currency_code.lower()


def test_the_disputed_amount_is_the_charge_less_its_refunds(
    scenario: Scenario,
) -> None:
    for dispute in scenario.stripe.disputes:
        charge = next(c for c in scenario.stripe.charges if c.id == dispute.charge_id)

        assert dispute.amount == charge.amount - charge.amount_refunded
        assert dispute.currency == charge.currency


def test_disputes_fall_due_7_to_21_days_after_they_open_and_after_now(
    scenario: Scenario,
) -> None:
    for dispute in scenario.stripe.disputes:
        assert dispute.created <= NOW < dispute.due_by
        assert timedelta(days=7) <= dispute.due_by - dispute.created
        assert dispute.due_by - dispute.created <= timedelta(days=22)


def test_the_disputed_order_was_placed_before_the_dispute(scenario: Scenario) -> None:
    for expected in matched_cases(scenario):
        order = order_of(scenario, expected)
        dispute = dispute_of(scenario, expected)

        assert order.date_created < dispute.created - timedelta(days=7)


def test_the_headline_customer_is_loyal_and_ups_delivered_before_the_claim(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "product_not_received")
    order = order_of(scenario, expected)
    store = scenario.store(expected.store_hash)
    history = [o for o in store.orders.values() if o.customer_id == order.customer_id]
    opened = dispute_of(scenario, expected).created
    (shipment,) = order.shipments

    assert len(history) == 7
    assert Decimal(300) < sum(o.total_inc_tax for o in history) < Decimal(1500)
    assert shipment.tracking_carrier == Carrier.UPS
    assert (opened - shipment.date_created).days == 9
    delivered = DELIVERY_SCAN.match(shipment.comments)
    assert delivered
    assert (opened - datetime.fromisoformat(delivered.group(1))).days == 2


def test_tracking_numbers_pass_their_carriers_rules(scenario: Scenario) -> None:
    shipments = [s for order in all_orders(scenario) for s in order.shipments]

    assert {s.tracking_carrier for s in shipments} == {c.value for c in Carrier}
    for shipment in shipments:
        carrier = Carrier(shipment.tracking_carrier)
        assert is_valid_tracking_number(carrier, shipment.tracking_number)
        assert shipment.shipping_provider in {carrier.value, ""}
        assert shipment.tracking_number in shipment.tracking_link


def test_delivery_scans_carry_a_utc_timestamp_after_shipping(
    scenario: Scenario,
) -> None:
    for order in all_orders(scenario):
        for shipment in order.shipments:
            scan = DELIVERY_SCAN.match(shipment.comments)
            if scan:
                delivered = datetime.fromisoformat(scan.group(1))
                assert shipment.date_created < delivered <= NOW


def test_yen_amounts_are_whole(scenario: Scenario) -> None:
    yen = [o for o in all_orders(scenario) if o.currency_code == "JPY"]

    assert yen
    for order in yen:
        assert order.total_inc_tax == order.total_inc_tax.to_integral_value()
        assert all(li.price_inc_tax % 1 == 0 for li in order.line_items)


def test_orders_come_in_all_four_currencies(scenario: Scenario) -> None:
    currencies = {o.currency_code for o in all_orders(scenario)}

    assert currencies == {"USD", "EUR", "GBP", "JPY"}


def test_guest_orders_have_customer_id_zero_and_email_on_billing_only(
    scenario: Scenario,
) -> None:
    order = order_of(scenario, case(scenario, "guest_checkout"))
    charge = charge_of(scenario, case(scenario, "guest_checkout"))

    assert order.customer_id == 0
    assert order.billing_address.email == charge.billing_email
    assert charge.customer_id is None


def test_a_guest_order_without_any_email_is_still_linked_by_payment_id(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "guest_no_email")
    order = order_of(scenario, expected)

    assert order.customer_id == 0
    assert order.billing_address.email == ""
    assert order.payment_provider_id == charge_of(scenario, expected).payment_intent_id


def test_recorded_payment_ids_are_the_stripe_payment_intent(
    scenario: Scenario,
) -> None:
    for expected in matched_cases(scenario):
        order = order_of(scenario, expected)
        intent = charge_of(scenario, expected).payment_intent_id

        assert order.payment_provider_id in {"", intent}
        purchase = order.transactions[0]
        assert purchase.gateway == "stripe"
        assert purchase.gateway_transaction_id in {"", intent}


def test_some_orders_leave_the_payment_id_empty(scenario: Scenario) -> None:
    orders = all_orders(scenario)

    assert any(o.payment_provider_id == "" for o in orders)
    assert (
        sum(o.payment_provider_id.startswith("pi_") for o in orders) > len(orders) / 2
    )


def test_a_partial_refund_moves_the_payment_status(scenario: Scenario) -> None:
    expected = case(scenario, "credit_not_processed")
    order = order_of(scenario, expected)
    charge = charge_of(scenario, expected)

    assert order.payment_status == "partially refunded"
    assert order.status_id == 14
    assert order.total_inc_tax == Decimal("34.1204")
    assert (charge.amount, charge.amount_refunded) == (3412, 500)
    assert dispute_of(scenario, expected).amount == 2912


def test_duplicate_charges_are_two_distinct_orders_of_the_same_amount(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "duplicate")
    (twin_id,) = expected.related_order_ids
    store = scenario.store(expected.store_hash)
    order, twin = order_of(scenario, expected), store.orders[twin_id]
    intents = {c.payment_intent_id: c for c in scenario.stripe.charges}

    assert twin_id != expected.order_id
    assert twin.total_inc_tax == order.total_inc_tax
    twin_charge = intents[twin.payment_provider_id]
    assert twin_charge.amount == charge_of(scenario, expected).amount
    assert twin_charge.id != charge_of(scenario, expected).id


def test_two_candidates_share_email_and_amount_without_payment_ids(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "two_candidates")
    (other_id,) = expected.related_order_ids
    order = order_of(scenario, expected)
    other = scenario.store(expected.store_hash).orders[other_id]

    assert order.billing_email == other.billing_email
    assert order.total_inc_tax == other.total_inc_tax
    for candidate in (order, other):
        assert candidate.payment_provider_id == ""
        assert all(t.gateway_transaction_id == "" for t in candidate.transactions)


def test_the_unmatched_charges_email_and_amount_are_not_in_the_store(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "no_match")
    charge = charge_of(scenario, expected)
    store = scenario.store(expected.store_hash)

    assert expected.order_id is None
    assert charge.billing_email not in {o.billing_email for o in store.orders.values()}
    assert charge.payment_intent_id not in {
        o.payment_provider_id for o in store.orders.values()
    }


def test_the_abbreviated_address_differs_in_writing_only(scenario: Scenario) -> None:
    expected = case(scenario, "address_abbreviations")
    shipping = order_of(scenario, expected).shipping_addresses[0]
    card = charge_of(scenario, expected).shipping_address

    assert (shipping.street_1, shipping.city, shipping.zip) == (
        "100 Peach Ave. E #5",
        "Saint Louis",
        "63123",
    )
    assert card is not None
    assert (card.line1, card.line2, card.city, card.postal_code) == (
        "100 Peach Avenue East",
        "Apt 5",
        "St. Louis",
        "63123-4567",
    )


def test_the_accented_address_loses_its_accents_on_the_card(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "address_accents")
    billing = order_of(scenario, expected).billing_address
    card = charge_of(scenario, expected).billing_address

    assert card is not None
    assert (billing.street_1, billing.city) == ("12 Rue Émile Zola", "Orléans")
    assert (card.line1, card.city) == ("12 rue Emile Zola", "Orleans")


def test_the_card_email_differs_only_by_case_and_whitespace(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "email_case")
    order = order_of(scenario, expected)
    charge = charge_of(scenario, expected)

    assert charge.billing_email is not None
    assert charge.billing_email != order.billing_email
    assert charge.billing_email.strip().casefold() == order.billing_email
    assert order.payment_provider_id == ""


def test_names_with_html_entities_are_plain_text_on_stripe(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "html_entities")
    order = order_of(scenario, expected)
    customer = scenario.store(expected.store_hash).customers[order.customer_id]

    assert customer.last_name == "O&#39;Brien"
    assert customer.company == "Smith &amp; Sons"
    name = f"{customer.first_name} {customer.last_name}"
    assert charge_of(scenario, expected).billing_name == html.unescape(name)


def test_names_include_accents_and_other_scripts(scenario: Scenario) -> None:
    names = " ".join(
        c.first_name + c.last_name
        for s in scenario.stores
        for c in s.customers.values()
    )

    assert not names.isascii()
    assert any(ord(ch) > 0x2FF for ch in names)


def test_a_split_shipment_uses_two_carriers(scenario: Scenario) -> None:
    order = order_of(scenario, case(scenario, "split_shipment"))
    shipped = [item.order_product_id for s in order.shipments for item in s.items]

    assert {s.tracking_carrier for s in order.shipments} == {"ups", "fedex"}
    assert sorted(shipped) == sorted(li.id for li in order.line_items)


def test_one_order_has_300_line_items(scenario: Scenario) -> None:
    order = order_of(scenario, case(scenario, "many_line_items"))

    assert len(order.line_items) == 300


def test_the_big_customer_has_the_requested_number_of_orders() -> None:
    small = generate(1, now=NOW, profile="small", big_customer_orders=120)
    expected = case(small, "big_customer")
    store = small.store(expected.store_hash)
    customer_id = store.orders[expected.order_id or 0].customer_id

    mine = [o for o in store.orders.values() if o.customer_id == customer_id]
    assert len(mine) == 120


def test_the_demo_profile_holds_a_customer_with_5000_orders() -> None:
    demo = generate(7, now=NOW)
    expected = case(demo, "big_customer")
    store = demo.store(expected.store_hash)
    customer_id = store.orders[expected.order_id or 0].customer_id

    assert sum(o.customer_id == customer_id for o in store.orders.values()) == 5000


def test_the_connect_dispute_is_mapped_to_the_second_store(
    scenario: Scenario,
) -> None:
    expected = case(scenario, "connect_account")
    dispute = dispute_of(scenario, expected)

    assert dispute.account is not None
    assert dispute.account == charge_of(scenario, expected).account
    assert scenario.connect_accounts[dispute.account] == expected.store_hash
    assert expected.store_hash == scenario.stores[1].hash
    assert all(
        c.account is None
        for c in scenario.cases
        if c.store_hash == scenario.stores[0].hash
    )


def test_a_bank_debit_dispute_is_seeded_as_such(scenario: Scenario) -> None:
    expected = case(scenario, "bank_debit")

    assert expected.reason == "debit_not_authorized"
    assert charge_of(scenario, expected).payment_method_type == "sepa_debit"


def test_the_inquiry_is_a_warning_that_needs_a_response(scenario: Scenario) -> None:
    dispute = dispute_of(scenario, case(scenario, "inquiry"))

    assert dispute.status == "warning_needs_response"
    others = [d for d in scenario.stripe.disputes if d.id != dispute.id]
    assert {d.status for d in others} == {"needs_response"}


def test_registered_buyers_have_a_stripe_customer_with_their_email(
    scenario: Scenario,
) -> None:
    customers = {c.id: c for c in scenario.stripe.customers}
    expected = case(scenario, "product_not_received")
    charge = charge_of(scenario, expected)

    assert charge.customer_id in customers
    assert (
        customers[charge.customer_id].email
        == order_of(scenario, expected).billing_email
    )


def test_order_ids_follow_the_order_dates(scenario: Scenario) -> None:
    for store in scenario.stores:
        by_id = [store.orders[i].date_created for i in sorted(store.orders)]

        assert by_id == sorted(by_id)


def test_customers_and_orders_live_in_the_past(scenario: Scenario) -> None:
    for store in scenario.stores:
        for order in store.orders.values():
            assert order.date_created <= order.date_modified <= NOW
        assert all(c.date_created < NOW for c in store.customers.values())


def test_each_store_has_working_api_credentials(scenario: Scenario) -> None:
    for store in scenario.stores:
        (account,) = store.accounts

        assert store.account_for(account.access_token) is account
        assert re.fullmatch(r"[a-z0-9]{10}", store.hash)


def test_an_unknown_profile_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown profile"):
        generate(profile="huge")


def test_a_naive_now_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="timezone"):
        generate(now=datetime(2026, 1, 1))  # noqa: DTZ001


def test_more_stores_each_get_their_own_connect_account() -> None:
    many = generate(3, now=NOW, profile="small", stores=3)

    assert len(many.stores) == 3
    assert sorted(many.connect_accounts.values()) == sorted(
        s.hash for s in many.stores[1:]
    )


def test_european_charges_carry_3d_secure_and_card_checks(scenario: Scenario) -> None:
    cards = [c for c in scenario.stripe.charges if c.payment_method_type == "card"]

    european = [c for c in cards if c.currency in {"eur", "gbp"}]
    assert {c.checks.three_d_secure_result for c in european} == {"authenticated"}
    assert {c.checks.cvc_check for c in cards} == {"pass"}
    assert any(c.checks.three_d_secure_result is None for c in cards)
    yen = [c for c in cards if c.currency == "jpy"]
    assert {c.checks.address_line1_check for c in yen} == {"unavailable"}
