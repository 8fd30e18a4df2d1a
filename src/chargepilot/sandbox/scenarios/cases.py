"""The seeded disputes: one per reason, then the hard cases.

Each function writes one case into its store with a `CaseKit`; the order
it disputes is the truth the tests and the demo check a match against.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from chargepilot.sandbox.bigcommerce.models import Address
from chargepilot.sandbox.scenarios.builder import Fulfilment, PaymentLink, stripe_id
from chargepilot.sandbox.scenarios.carriers import Carrier
from chargepilot.sandbox.scenarios.catalog import SUBSCRIPTION_SKU
from chargepilot.sandbox.scenarios.kit import CaseKit, Filing
from chargepilot.sandbox.scenarios.people import DE, FR, GB, JP, US
from chargepilot.sandbox.scenarios.stripe_side import seed_address
from chargepilot.sandbox.stripe.seeds import SeedAddress, SeedCardChecks, SeedCharge

THREE_DS = SeedCardChecks(three_d_secure_result="authenticated")


def _years(count: float) -> timedelta:
    return timedelta(days=int(365 * count))


def product_not_received(kit: CaseKit) -> None:
    """The headline: a loyal customer, UPS delivered two days before the claim."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US, "Jane", "Doe")
    customer = kit.customer(shopper, created - _years(2.5))
    kit.history(shopper, customer, 6, created - timedelta(days=40), currency="USD")
    items = [(kit.product("KIT-GRIND-40"), 1), (kit.product("COF-ETH-12"), 2)]
    plan = Fulfilment(
        carriers=(Carrier.UPS,),
        shipped_at=created - timedelta(days=9, hours=3),
        delivered_at=created - timedelta(days=2, hours=6),
    )
    placed = created - timedelta(days=10, hours=5)
    sale = kit.order(shopper, placed, customer, items=items, fulfilment=plan)
    kit.dispute(sale, Filing("product_not_received", times=(created, due)))


def unrecognized(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1.5))
    kit.history(shopper, customer, 3, created - timedelta(days=60), currency="USD")
    sale = kit.order(shopper, kit.days_before(created, 20, 35), customer)
    kit.dispute(sale, Filing("unrecognized", times=(created, due)))


def subscription_canceled(kit: CaseKit) -> None:
    """Monthly boxes kept shipping after the cancellation the customer claims."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - timedelta(days=300))
    box = [(kit.product(SUBSCRIPTION_SKU), 1)]
    sales = [
        kit.order(
            shopper, created - timedelta(days=30 * month + 12), customer, items=box
        )
        for month in range(8, 0, -1)
    ]
    note = "claims a cancellation three months ago; boxes kept shipping and arriving"
    kit.dispute(
        sales[-1], Filing("subscription_canceled", note=note, times=(created, due))
    )


def product_unacceptable(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1))
    kit.history(shopper, customer, 2, created - timedelta(days=50), currency="USD")
    items = [(kit.product("KIT-ESP-DUO"), 1)]
    sale = kit.order(shopper, kit.days_before(created, 25, 40), customer, items=items)
    kit.dispute(sale, Filing("product_unacceptable", times=(created, due)))


def credit_not_processed(kit: CaseKit) -> None:
    """B20: a 4-decimal total, a partial refund, the dispute for the rest."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(0.8))
    items = [(kit.product("KIT-POUR-CER"), 1)]
    placed = kit.days_before(created, 30, 45)
    sale = kit.order(shopper, placed, customer, items=items, free_shipping=True)
    kit.builder.refund(
        sale.order, Decimal("5.0000"), placed + timedelta(days=12), "Chipped lid"
    )
    note = "refunded 5.00 of 34.1204; the customer expected a full refund"
    kit.dispute(sale, Filing("credit_not_processed", note=note, times=(created, due)))


def fraudulent(kit: CaseKit) -> None:
    """Compelling Evidence 3.0: earlier undisputed orders, same IP and address."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(2))
    kit.history(shopper, customer, 4, created - timedelta(days=150), currency="USD")
    sale = kit.order(shopper, kit.days_before(created, 20, 30), customer)

    def visa_ce3(charge: SeedCharge) -> None:
        charge.card_brand = "visa"

    filing = Filing(
        "fraudulent", checks=THREE_DS, edit_charge=visa_ce3, times=(created, due)
    )
    kit.dispute(sale, filing)
    kit.stripe.disputes[-1].enhanced_eligibility_types = ["visa_compelling_evidence_3"]


def duplicate(kit: CaseKit) -> None:
    """Two distinct orders of the same amount, each with its own charge."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1))
    items = [(kit.product("COF-SUM-32"), 1)]
    first_at = kit.days_before(created, 20, 30)
    first = kit.order(shopper, first_at, customer, items=items)
    second = kit.order(shopper, first_at + timedelta(hours=26), customer, items=items)
    kit.charge(first, stripe_customer=True)
    note = "two separate orders, both shipped; not a double charge"
    filing = Filing(
        "duplicate", note=note, related=(first.order,), times=(created, due)
    )
    kit.dispute(second, filing)


def general(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(DE)
    customer = kit.customer(shopper, created - _years(1.2))
    kit.history(shopper, customer, 2, created - timedelta(days=60), currency="EUR")
    sale = kit.order(
        shopper, kit.days_before(created, 20, 30), customer, currency="EUR"
    )
    kit.dispute(sale, Filing("general", times=(created, due)))


def no_match(kit: CaseKit) -> None:
    """A charge the store never saw: the shopper has no order here."""
    created, due = kit.dispute_times()
    stranger = kit.shopper(US)
    address = seed_address(stranger.address)
    charge = SeedCharge(
        id=stripe_id(kit.rng, "ch_3"),
        payment_intent_id=stripe_id(kit.rng, "pi_3"),
        amount=kit.rng.randrange(2_000, 20_000),
        currency="usd",
        created=kit.days_before(created, 15, 25),
        billing_name=stranger.display_name,
        billing_email=stranger.email,
        billing_address=address,
        shipping_name=stranger.display_name,
        shipping_address=address,
        card_last4=stranger.card.last4,
        account=kit.account,
    )
    kit.stripe.charges.append(charge)
    note = "no order in the store carries this email, amount or payment id"
    filing = Filing("product_not_received", "no_match", note, times=(created, due))
    kit.file(None, charge, filing)


def two_candidates(kit: CaseKit) -> None:
    """Same email, same amount, no payment id: only the date tells them apart."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1))
    items = [(kit.product("GFT-3ORIGINS"), 1)]
    first_at = kit.days_before(created, 25, 30)
    none = PaymentLink.NONE
    first = kit.order(shopper, first_at, customer, items=items, link=none)
    true = kit.order(
        shopper, first_at + timedelta(days=3), customer, items=items, link=none
    )
    note = "ambiguous: the charge time is closest to the true order"
    filing = Filing(
        "product_not_received",
        "two_candidates",
        note,
        (first.order,),
        times=(created, due),
    )
    kit.dispute(true, filing)


def guest_checkout(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    placed = kit.days_before(created, 15, 25)
    sale = kit.order(shopper, placed, link=PaymentLink.TRANSACTION)
    note = "customer_id 0; email only on the billing address"
    kit.dispute(
        sale,
        Filing("product_not_received", "guest_checkout", note, times=(created, due)),
    )


def guest_without_email(kit: CaseKit) -> None:
    """B16: a guest order with no billing email; the payment id still links it."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    sale = kit.order(shopper, kit.days_before(created, 15, 25))
    sale.order.billing_address.email = ""
    note = "billing email empty on the order; matched by payment id only"
    kit.dispute(
        sale,
        Filing("product_unacceptable", "guest_no_email", note, times=(created, due)),
    )


def address_abbreviations(kit: CaseKit) -> None:
    """B18: the same St. Louis flat written two ways."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    _rewrite(shopper.address, "100 Peach Ave. E #5", "", "Saint Louis", "63123")
    shopper.address.state = "Missouri"
    customer = kit.customer(shopper, created - _years(1))
    placed = kit.days_before(created, 15, 25)
    sale = kit.order(shopper, placed, customer, link=PaymentLink.TRANSACTION)

    def card_form(charge: SeedCharge) -> None:
        written = SeedAddress(
            "100 Peach Avenue East",
            "St. Louis",
            "63123-4567",
            "US",
            line2="Apt 5",
            state="MO",
        )
        charge.billing_address = written
        charge.shipping_address = written

    note = "same address: abbreviations, unit designator, ZIP+4, Saint/St."
    filing = Filing(
        "fraudulent",
        "address_abbreviations",
        note,
        edit_charge=card_form,
        times=(created, due),
    )
    kit.dispute(sale, filing)


def address_accents(kit: CaseKit) -> None:
    """B18: the same Orléans street with and without accents."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(FR, "Zoë", "Lefèvre")
    _rewrite(shopper.address, "12 Rue Émile Zola", "", "Orléans", "45000")
    customer = kit.customer(shopper, created - _years(1))
    sale = kit.order(shopper, kit.days_before(created, 15, 25), customer)

    def card_form(charge: SeedCharge) -> None:
        written = SeedAddress("12 rue Emile Zola", "Orleans", "45000", "FR")
        charge.billing_address = written
        charge.shipping_address = written
        charge.billing_name = "Zoe Lefevre"

    note = "same address and name, accents dropped on the card form"
    filing = Filing(
        "unrecognized",
        "address_accents",
        note,
        edit_charge=card_form,
        times=(created, due),
    )
    kit.dispute(sale, filing)


def split_shipment(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1))
    items = [
        (kit.product("KIT-KETTLE-1L"), 1),
        (kit.product("COF-COL-12"), 2),
        (kit.product("ACC-SCALE"), 1),
    ]
    plan = Fulfilment(carriers=(Carrier.UPS, Carrier.FEDEX))
    sale = kit.order(
        shopper,
        kit.days_before(created, 20, 30),
        customer,
        items=items,
        fulfilment=plan,
    )
    note = "two shipments, UPS and FedEx, both delivered"
    kit.dispute(
        sale,
        Filing("product_not_received", "split_shipment", note, times=(created, due)),
    )


def many_line_items(kit: CaseKit) -> None:
    """B02/B17: 300 line items, more than one page and more than 50 PDF pages."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    shopper.address.company = "Smith &amp; Sons Café Supply"
    customer = kit.customer(shopper, created - _years(3))
    products = list(kit.builder.store.products.values())
    items = [(products[i % len(products)], 1 + i % 3) for i in range(300)]
    sale = kit.order(shopper, kit.days_before(created, 20, 30), customer, items=items)
    note = "300 line items"
    kit.dispute(sale, Filing("general", "many_line_items", note, times=(created, due)))


def html_entities(kit: CaseKit) -> None:
    """BigCommerce returns O&#39;Brien; Stripe has O'Brien."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(GB, "Siobhán", "O&#39;Brien")
    shopper.company = shopper.address.company = "Smith &amp; Sons"
    customer = kit.customer(shopper, created - _years(2))
    kit.history(shopper, customer, 2, created - timedelta(days=60), currency="GBP")
    sale = kit.order(shopper, kit.days_before(created, 15, 25), customer)
    note = "names carry HTML entities in the store, plain text on Stripe"
    kit.dispute(
        sale,
        Filing("product_not_received", "html_entities", note, times=(created, due)),
    )


def email_case(kit: CaseKit) -> None:
    """B16: the card form's email differs only by case and a trailing space."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US, "Jane", "Doe")
    customer = kit.customer(shopper, created - _years(1))
    sale = kit.order(
        shopper, kit.days_before(created, 15, 25), customer, link=PaymentLink.NONE
    )

    def typed(charge: SeedCharge) -> None:
        local, domain = sale.shopper.email.split("@")
        name, tld = domain.rsplit(".", 1)
        charge.billing_email = f"{local.title()}@{name.title()}.{tld.upper()} "
        charge.receipt_email = None

    note = "no payment id in the store; email differs by case and whitespace"
    filing = Filing(
        "unrecognized",
        "email_case",
        note,
        stripe_customer=False,
        edit_charge=typed,
        times=(created, due),
    )
    kit.dispute(sale, filing)


def big_customer(kit: CaseKit, orders: int) -> None:
    """A wholesale buyer with thousands of orders over the years."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    shopper.company = shopper.address.company = "Northwind Traders"
    customer = kit.customer(shopper, created - _years(5))
    kit.history(shopper, customer, orders - 1, created - timedelta(days=20), "USD")
    sale = kit.order(shopper, kit.days_before(created, 10, 15), customer)
    note = f"{orders} orders on file"
    kit.dispute(
        sale, Filing("unrecognized", "big_customer", note, times=(created, due))
    )


def bank_debit(kit: CaseKit) -> None:
    """A SEPA debit dispute: no evidence can win it, never auto-answer."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(DE)
    customer = kit.customer(shopper, created - _years(1))
    sale = kit.order(
        shopper, kit.days_before(created, 20, 30), customer, currency="EUR"
    )
    sale.order.payment_method = "SEPA Direct Debit"
    sale.order.transactions[0].method = "offsite"
    sale.order.transactions[0].payment_method_id = "stripev3.sepa_debit"

    def debit(charge: SeedCharge) -> None:
        charge.payment_method_type = "sepa_debit"
        charge.checks = SeedCardChecks(None, None, None)

    note = "bank debit: must not be auto-answered"
    filing = Filing(
        "debit_not_authorized",
        "bank_debit",
        note,
        edit_charge=debit,
        times=(created, due),
    )
    kit.dispute(sale, filing)


def zero_decimal_currency(kit: CaseKit) -> None:
    created, due = kit.dispute_times()
    shopper = kit.shopper(JP)
    customer = kit.customer(shopper, created - _years(1))
    kit.history(shopper, customer, 2, created - timedelta(days=60), currency="JPY")
    sale = kit.order(
        shopper, kit.days_before(created, 15, 25), customer, currency="JPY"
    )
    note = "JPY: whole yen on both sides"
    kit.dispute(
        sale,
        Filing(
            "product_not_received", "zero_decimal_currency", note, times=(created, due)
        ),
    )


def inquiry(kit: CaseKit) -> None:
    """An early warning (retrieval request) rather than a chargeback."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(US)
    customer = kit.customer(shopper, created - _years(1))
    sale = kit.order(shopper, kit.days_before(created, 15, 25), customer)
    filing = Filing(
        "fraudulent",
        "inquiry",
        "warning_needs_response",
        status="warning_needs_response",
        times=(created, due),
    )
    kit.dispute(sale, filing)


def connect_account(kit: CaseKit) -> None:
    """B14: a dispute on a connected account, answered from its own store."""
    created, due = kit.dispute_times()
    shopper = kit.shopper(GB)
    customer = kit.customer(shopper, created - _years(1))
    kit.history(shopper, customer, 1, created - timedelta(days=60))
    sale = kit.order(shopper, kit.days_before(created, 15, 25), customer)
    note = f"dispute on {kit.account}, the second store"
    kit.dispute(
        sale,
        Filing("product_not_received", "connect_account", note, times=(created, due)),
    )


def _rewrite(address: Address, line1: str, line2: str, city: str, postal: str) -> None:
    address.street_1, address.street_2 = line1, line2
    address.city, address.zip = city, postal


MAIN_STORE_CASES: tuple[Callable[[CaseKit], None], ...] = (
    product_not_received,
    unrecognized,
    subscription_canceled,
    product_unacceptable,
    credit_not_processed,
    fraudulent,
    duplicate,
    general,
    no_match,
    two_candidates,
    guest_checkout,
    guest_without_email,
    address_abbreviations,
    address_accents,
    split_shipment,
    many_line_items,
    html_entities,
    email_case,
    bank_debit,
    zero_decimal_currency,
    inquiry,
)
