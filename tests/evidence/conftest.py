"""Cases built by hand for the packet tests: a shipped, delivered order."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from chargepilot.domain.case import (
    AddressComparison,
    Case,
    Check,
    CustomerLifetime,
    Evidence,
    FieldComparison,
    FieldResult,
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
    Refund,
    Shipment,
    ShippingAddress,
    StoreRecord,
    Transaction,
)

PLACED = datetime(2024, 3, 1, 15, 30, tzinfo=UTC)
ARGUMENT = (
    "The cardholder ordered a waterproof jacket on 2024-03-01 as order #2047.\n\n"
    "UPS delivered it on 2024-03-05 to the address on the card; the customer "
    "has 7 earlier orders at that address and never disputed one."
)


def usd(cents: int) -> Money:
    return Money(cents, "USD")


def address(name: str = "Jane Doe", city: str = "St. Louis") -> OrderAddress:
    first, _, last = name.partition(" ")
    return OrderAddress(
        first_name=first,
        last_name=last,
        street_1="100 Peach Ave. E #5",
        city=city,
        state="Missouri",
        zip="63123",
        country="United States",
        country_iso2="US",
        email="jane.doe@example.com",
    )


def order(number: int, placed: datetime, cents: int, name: str = "Jane Doe") -> Order:
    return Order(
        id=number,
        customer_id=41,
        status=OrderStatus.COMPLETED,
        created=placed,
        total=usd(cents),
        billing=address(name),
        status_label="Completed",
        payment_method="Credit Card",
        payment_status="captured",
        items_total=2,
        items_shipped=2,
    )


def items(count: int) -> tuple[LineItem, ...]:
    return tuple(
        LineItem(
            id=i,
            product_id=100 + i,
            name=f"Waterproof jacket size {i}" if count > 2 else "Waterproof jacket",
            sku=f"JKT-{i:04d}",
            quantity=1 + i % 2,
            unit_price=usd(4_500),
            total=usd(4_500 * (1 + i % 2)),
        )
        for i in range(1, count + 1)
    )


def history(count: int) -> tuple[Order, ...]:
    """`count` earlier paid orders, one every two days back from March 2024."""
    return tuple(
        order(1000 + i, PLACED - timedelta(days=2 * (i + 1)), 10_000 + i)
        for i in range(count)
    )


def comparisons() -> tuple[AddressComparison, ...]:
    fields = (
        FieldComparison("postal_code", "63123", "63123-4567", FieldResult.MATCH),
        FieldComparison("house_number", "100", "100", FieldResult.MATCH),
        FieldComparison(
            "street", "Peach Ave E", "Peach Avenue East", FieldResult.MATCH
        ),
        FieldComparison("unit", "5", "5", FieldResult.MATCH),
    )
    store = "100 Peach Ave. E #5, Saint Louis, MO 63123, US"
    stripe = "100 Peach Avenue East, Apt 5, St. Louis, MO, 63123-4567, US"
    billing = AddressComparison("billing", store, stripe, fields, 1.0, True)
    mismatch = (FieldComparison("postal_code", "63123", "10001", FieldResult.MISMATCH),)
    shipping = AddressComparison(
        "shipping", store, "1 Main St, 10001", mismatch, 0.2, False
    )
    return billing, shipping


def evidence(argument: str = ARGUMENT) -> Evidence:
    checklist = (
        Check("Carrier delivery scan", True, 40),
        Check("Shipping address matches the card", True, 30),
        Check("Signed proof of delivery", False, 10),
    )
    return Evidence(
        reason=DisputeReason.PRODUCT_NOT_RECEIVED,
        fields={"shipping_carrier": "UPS"},
        argument=argument,
        checklist=checklist,
        missing=("Signature on delivery",),
    )


def build_case(
    *,
    line_items: int = 2,
    earlier_orders: int = 7,
    name: str = "Jane Doe",
    city: str = "St. Louis",
    with_record: bool = True,
    refunds: int = 1,
    doubtful: bool = False,
) -> Case:
    """A product-not-received dispute on order #2047, shipped in two parcels.

    `doubtful` gives the match the matcher's own doubts: a low confidence,
    a rival order and reasons meant for the operator.
    """
    charge = Charge(
        id="ch_3PkQ2047",
        amount=usd(12_900),
        created=PLACED + timedelta(minutes=1),
        payment_intent_id="pi_3PkQ2047",
        billing_name=name,
        billing_email="Jane.Doe@example.com",
        billing_address=PostalAddress("100 Peach Avenue East", "Apt 5", city),
        card=CardChecks(
            "visa", "4242", "fp_1", "pass", "pass", "pass", "authenticated"
        ),
    )
    dispute = Dispute(
        id="dp_1PkQ2047",
        charge=charge,
        amount=usd(12_900),
        reason=DisputeReason.PRODUCT_NOT_RECEIVED,
        status=DisputeStatus.NEEDS_RESPONSE,
        created=PLACED + timedelta(days=14),
        due_by=PLACED + timedelta(days=24),
    )
    if not with_record:
        return Case(dispute=dispute, match=NO_MATCH, now=dispute.created)
    return Case(
        dispute=dispute,
        match=DOUBTFUL if doubtful else SURE,
        now=dispute.created,
        record=_record(line_items, earlier_orders, name, city, refunds),
        addresses=comparisons(),
        lifetime=_lifetime(earlier_orders),
    )


SURE = Match(
    2047,
    0.99,
    MatchMethod.PAYMENT_ID,
    ("payment intent pi_3PkQ2047 is recorded on order #2047",),
)
DOUBTFUL = Match(
    2047,
    0.6,
    MatchMethod.NAME_ADDRESS,
    (
        "billing name Jane Doe agrees with the charge (no address to compare)",
        "order #2051 fits the charge nearly as well: review needed",
        "order #2047 is archived in the store; confirm before filing",
    ),
    rivals=(2051,),
    truncated=True,
)
NO_MATCH = Match(
    None,
    0.0,
    MatchMethod.NONE,
    ("no order in the store fits the charge's email, amount and date",),
)


def _record(
    line_items: int, earlier: int, name: str, city: str, refunds: int
) -> StoreRecord:
    disputed = replace(
        order(2047, PLACED, 12_900, name),
        billing=address(name, city),
        payment_provider_id="pi_3PkQ2047",
    )
    shipments = (
        Shipment(
            id=1,
            created=datetime(2024, 3, 2, 9, 0, tzinfo=UTC),
            carrier="UPS",
            tracking_number="1Z999AA10123456784",
            tracking_link="https://www.ups.com/track?tracknum=1Z999AA10123456784",
            delivered_at=datetime(2024, 3, 5, 17, 12, tzinfo=UTC),
            order_address_id=7,
        ),
        Shipment(
            id=2,
            created=datetime(2024, 3, 3, 11, 0, tzinfo=UTC),
            carrier="USPS",
            tracking_number="9400111899223334445566",
            order_address_id=7,
        ),
    )
    return StoreRecord(
        order=disputed,
        line_items=items(line_items),
        shipping_addresses=(ShippingAddress(7, address(name, city), "UPS Ground"),),
        shipments=shipments,
        transactions=(
            Transaction(
                id=9,
                event="purchase",
                amount=usd(12_900),
                gateway="stripe",
                gateway_transaction_id="pi_3PkQ2047",
                status="ok",
                created=PLACED + timedelta(minutes=1),
            ),
        ),
        refunds=tuple(
            Refund(i, PLACED + timedelta(days=3 + i), usd(500), "Late delivery credit")
            for i in range(1, refunds + 1)
        ),
        customer=Customer(
            41,
            "jane.doe@example.com",
            *name.partition(" ")[::2],
            PLACED - timedelta(days=900),
        ),
        history=(*history(earlier), disputed),
    )


def _lifetime(earlier: int) -> CustomerLifetime:
    prior = history(earlier)
    spend = sum(o.total.amount for o in prior) + 12_900
    return CustomerLifetime(
        order_count=earlier + 1,
        total_spend=usd(spend),
        first_order_at=min((o.created for o in prior), default=PLACED),
        account_created_at=PLACED - timedelta(days=900),
        prior_undisputed=prior,
        same_address_orders=earlier,
    )


@pytest.fixture
def make_case() -> Callable[..., Case]:
    return build_case


@pytest.fixture
def make_evidence() -> Callable[..., Evidence]:
    return evidence


def pdf_text(pdf: bytes) -> str:
    """Every page's text, joined; what an issuer's tools would read."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def text_of() -> Callable[[bytes], str]:
    return pdf_text
