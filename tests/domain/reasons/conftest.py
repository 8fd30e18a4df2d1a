"""A small factory of hand-built Cases: the headline repeat customer by default.

The defaults tell the product page's story: order 2047 shipped with UPS 9
days before the dispute, delivered 2 days before it, by a customer with 7
orders and $923.00 spent whose billing and shipping addresses match the
charge. Tests change only what they are about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chargepilot.domain.case import (
    AddressComparison,
    Case,
    CustomerLifetime,
    FieldComparison,
    FieldResult,
    MerchantPolicies,
)
from chargepilot.domain.disputes import (
    CardChecks,
    Charge,
    Dispute,
    DisputeReason,
    DisputeStatus,
    PostalAddress,
)
from chargepilot.domain.matching import Match, MatchMethod
from chargepilot.domain.money import Money
from chargepilot.domain.orders import (
    Customer,
    LineItem,
    Order,
    OrderAddress,
    OrderStatus,
    Product,
    Shipment,
    ShippingAddress,
    StoreRecord,
)

OPENED = datetime(2026, 3, 19, 15, 30, tzinfo=UTC)
ORDER_ID = 2047
TRACKING = "1Z999AA10123456784"
IP = "203.0.113.7"


def usd(cents: int) -> Money:
    return Money(cents, "USD")


def days_before(days: int, hour: int = 10) -> datetime:
    return (OPENED - timedelta(days=days)).replace(hour=hour, minute=0)


HOME = OrderAddress(
    first_name="Jane",
    last_name="Doe",
    street_1="100 Peach Ave",
    city="St. Louis",
    state="Missouri",
    zip="63123",
    country="United States",
    country_iso2="US",
    email="jane.doe@example.com",
)
STRIPE_HOME = PostalAddress(
    line1="100 Peach Avenue", city="Saint Louis", postal_code="63123", country="US"
)


def order(
    order_id: int = ORDER_ID,
    *,
    created: datetime | None = None,
    total: int = 12900,
    **changes: Any,
) -> Order:
    base = Order(
        id=order_id,
        customer_id=41,
        status=OrderStatus.COMPLETED,
        created=created or days_before(11),
        total=usd(total),
        billing=HOME,
        payment_method="Stripe",
        payment_provider_id="ch_disputed",
        ip_address=IP,
    )
    return replace(base, **changes)


# Six earlier orders: with the disputed $129.00 they make 7 orders, $923.00.
PRIOR_TOTALS = (8900, 15000, 9900, 21000, 13400, 11200)
PRIORS = tuple(
    order(2001 + n, created=days_before(400 - 45 * n), total=cents)
    for n, cents in enumerate(PRIOR_TOTALS)
)


def shipment(**changes: Any) -> Shipment:
    base = Shipment(
        id=1,
        created=days_before(9),
        carrier="UPS",
        tracking_number=TRACKING,
        delivered_at=days_before(2, hour=14),
        order_address_id=7,
    )
    return replace(base, **changes)


def record(**changes: Any) -> StoreRecord:
    disputed = changes.pop("order", None) or order()
    base = StoreRecord(
        order=disputed,
        line_items=(
            LineItem(1, 77, "Trail Runner Shoes", "TR-1", 1, usd(9900), usd(9900)),
            LineItem(2, 78, "Merino Socks", "MS-2", 2, usd(1500), usd(3000)),
        ),
        shipping_addresses=(ShippingAddress(7, HOME, "UPS Ground"),),
        shipments=(shipment(),),
        customer=Customer(
            41, HOME.email, "Jane", "Doe", created=days_before(420), phone=""
        ),
        history=(*PRIORS, disputed),
        products=(Product(77, "Trail Runner Shoes", "TR-1", "<p>Light shoe</p>"),),
    )
    return replace(base, **changes)


def comparison(label: str, *, matches: bool = True) -> AddressComparison:
    result = FieldResult.MATCH if matches else FieldResult.MISMATCH
    return AddressComparison(
        label=label,
        store_address=HOME.one_line(),
        stripe_address=STRIPE_HOME.one_line(),
        fields=(
            FieldComparison("postal_code", "63123", "63123", FieldResult.MATCH),
            FieldComparison("street", "peach ave", "elm st", result),
        ),
        score=1.0 if matches else 0.5,
        matches=matches,
    )


def lifetime(**changes: Any) -> CustomerLifetime:
    base = CustomerLifetime(
        order_count=7,
        total_spend=usd(92300),
        first_order_at=PRIORS[0].created,
        account_created_at=days_before(420),
        prior_undisputed=PRIORS,
        same_address_orders=6,
    )
    return replace(base, **changes)


def charge(**changes: Any) -> Charge:
    base = Charge(
        id="ch_disputed",
        amount=usd(12900),
        created=days_before(11),
        billing_name="Jane Doe",
        billing_email="jane.doe@example.com",
        billing_address=STRIPE_HOME,
        shipping_address=STRIPE_HOME,
        card=CardChecks(
            brand="visa",
            last4="4242",
            address_line1_check="pass",
            address_postal_code_check="pass",
            cvc_check="pass",
            three_d_secure="authenticated",
        ),
    )
    return replace(base, **changes)


def make_case(
    reason: DisputeReason = DisputeReason.PRODUCT_NOT_RECEIVED, **changes: Any
) -> Case:
    """The headline case for `reason`, with any Case field replaced."""
    disputed_charge = changes.pop("charge", None) or charge()
    dispute = Dispute(
        id="dp_headline",
        charge=disputed_charge,
        amount=disputed_charge.amount,
        reason=reason,
        status=DisputeStatus.NEEDS_RESPONSE,
        created=OPENED,
        due_by=OPENED + timedelta(days=14),
    )
    base = Case(
        dispute=dispute,
        match=Match(ORDER_ID, 1.0, MatchMethod.PAYMENT_ID, ("payment id on order",)),
        now=OPENED + timedelta(hours=1),
        record=record(),
        addresses=(comparison("billing"), comparison("shipping")),
        lifetime=lifetime(),
        policies=MerchantPolicies(),
    )
    return replace(base, **changes)


def unmatched(reason: DisputeReason, **changes: Any) -> Case:
    """No order in the store fits the charge."""
    nothing: dict[str, Any] = {
        "match": Match(None, 0.0, MatchMethod.NONE),
        "record": None,
        "addresses": (),
        "lifetime": None,
    }
    return make_case(reason, **{**nothing, **changes})


POLICIES = MerchantPolicies(
    refund_policy="Unworn items may be returned within 30 days for a refund.",
    refund_policy_disclosure="Shown at checkout; the customer ticked 'I agree'.",
    cancellation_policy="Subscriptions renew monthly until cancelled online.",
    cancellation_policy_disclosure="Shown on the subscription sign-up page.",
    refund_refusal_explanation="The shoes came back worn, outside the policy.",
    cancellation_rebuttal="No cancellation request reached us before renewal.",
)


@pytest.fixture
def headline() -> Case:
    return make_case()


__all__ = [
    "IP",
    "OPENED",
    "ORDER_ID",
    "POLICIES",
    "PRIORS",
    "TRACKING",
    "comparison",
    "days_before",
    "lifetime",
    "make_case",
    "order",
    "record",
    "shipment",
    "unmatched",
    "usd",
]
