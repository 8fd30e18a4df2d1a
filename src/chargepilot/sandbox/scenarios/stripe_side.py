"""The Stripe objects behind a store order: customer, charge, dispute."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from chargepilot.sandbox.bigcommerce.models import Address, Customer, Order
from chargepilot.sandbox.scenarios.builder import Sale, stripe_id
from chargepilot.sandbox.scenarios.people import Shopper
from chargepilot.sandbox.scenarios.pricing import to_minor
from chargepilot.sandbox.stripe.seeds import (
    SeedAddress,
    SeedCardChecks,
    SeedCharge,
    SeedCustomer,
    SeedDispute,
)

_US_STATES = {
    "Texas": "TX",
    "Oregon": "OR",
    "Missouri": "MO",
    "Illinois": "IL",
    "Colorado": "CO",
    "New York": "NY",
    "Washington": "WA",
    "Wisconsin": "WI",
}
NETWORK_REASON_CODES = {
    "product_not_received": "13.1",
    "fraudulent": "10.4",
    "unrecognized": "4863",
    "subscription_canceled": "13.2",
    "product_unacceptable": "13.3",
    "credit_not_processed": "13.6",
    "duplicate": "12.6.1",
    "general": "13.9",
}


def seed_address(address: Address) -> SeedAddress:
    """A store address as Stripe would hold it (US states as two letters)."""
    state = _US_STATES.get(address.state, address.state) or None
    return SeedAddress(
        line1=address.street_1,
        line2=address.street_2 or None,
        city=address.city,
        postal_code=address.zip,
        country=address.country_iso2,
        state=state,
    )


def seed_customer(
    rng: random.Random, customer: Customer, shopper: Shopper
) -> SeedCustomer:
    return SeedCustomer(
        id=stripe_id(rng, "cus_", 14),
        email=customer.email,
        name=shopper.display_name,
        created=customer.date_created,
        phone=shopper.phone,
        address=seed_address(shopper.address),
    )


def charged_amount(order: Order) -> int:
    """What Stripe captured for the order, in minor units (B20)."""
    paid = order.total_inc_tax - order.store_credit_amount
    return to_minor(paid - order.gift_certificate_amount, order.currency_code)


def seed_charge(
    rng: random.Random,
    sale: Sale,
    *,
    customer_id: str | None = None,
    checks: SeedCardChecks | None = None,
) -> SeedCharge:
    """The charge and payment intent that paid for `sale`'s order."""
    order, shopper = sale.order, sale.shopper
    shipping = order.shipping_addresses[0]
    refunded = sum(to_minor(r.total_amount, order.currency_code) for r in order.refunds)
    return SeedCharge(
        id=stripe_id(rng, "ch_3"),
        payment_intent_id=sale.payment_intent_id,
        amount=charged_amount(order),
        currency=order.currency_code.lower(),
        created=order.date_created + timedelta(seconds=rng.randrange(2, 40)),
        billing_name=shopper.display_name,
        billing_email=shopper.email,
        billing_address=seed_address(order.billing_address),
        billing_phone=shopper.phone or None,
        customer_id=customer_id,
        shipping_name=shopper.display_name,
        shipping_address=seed_address(shipping),
        amount_refunded=refunded,
        card_brand=shopper.card.brand,
        card_last4=shopper.card.last4,
        card_fingerprint=shopper.card.fingerprint,
        card_exp_month=shopper.card.exp_month,
        card_exp_year=shopper.card.exp_year,
        checks=checks or usual_checks(order),
    )


def usual_checks(order: Order) -> SeedCardChecks:
    """Card checks as issuers report them: SCA in Europe, thin AVS abroad."""
    country = order.billing_address.country_iso2
    three_ds = "authenticated" if order.currency_code in {"EUR", "GBP"} else None
    avs = "pass" if country in {"US", "GB", "CA"} else "unavailable"
    return SeedCardChecks(avs, avs, "pass", three_ds)


def seed_dispute(
    rng: random.Random,
    charge: SeedCharge,
    reason: str,
    created: datetime,
    due_by: datetime,
    *,
    status: str = "needs_response",
) -> SeedDispute:
    """A dispute over what is left of `charge` after refunds."""
    return SeedDispute(
        id=stripe_id(rng, "dp_1"),
        charge_id=charge.id,
        amount=charge.amount - charge.amount_refunded,
        currency=charge.currency,
        reason=reason,
        created=created,
        due_by=due_by,
        status=status,
        network_reason_code=NETWORK_REASON_CODES.get(reason),
        account=charge.account,
    )
