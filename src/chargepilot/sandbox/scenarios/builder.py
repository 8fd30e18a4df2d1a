"""Fill one fake store with customers and orders, the way a shop grows.

`StoreBuilder.place_order` is the one place an order is made: priced line
items, a Stripe transaction, shipments with delivery scans, refunds. Order
ids are handed out at the end in date order, as a real store numbers them.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from chargepilot.sandbox.bigcommerce.models import (
    Customer,
    CustomerAddress,
    LineItem,
    Order,
    OrderStatus,
    Product,
    Refund,
    RefundPayment,
    Shipment,
    ShipmentItem,
    ShippingAddress,
    Store,
    Transaction,
)
from chargepilot.sandbox.scenarios.carriers import (
    CARRIERS,
    Carrier,
    make_tracking_number,
)
from chargepilot.sandbox.scenarios.people import Locale, Shopper, make_shopper
from chargepilot.sandbox.scenarios.pricing import (
    shelf_price,
    shipping_price,
    split_tax,
)

FIRST_ORDER_ID = 100
_ID_ALPHABET = string.ascii_letters + string.digits
_DELIVERY_NOTES = (
    "left at front door",
    "handed to resident",
    "in parcel locker",
    "left with neighbour",
    "signed for at reception",
)


class PaymentLink(StrEnum):
    """Where the store records the Stripe payment intent of an order."""

    ORDER = "order"  # payment_provider_id and the transaction
    TRANSACTION = "transaction"  # only the transaction's gateway id
    NONE = "none"  # nowhere: matching must use email, amount and date


@dataclass
class Sale:
    """An order together with who paid and how, for the Stripe side."""

    order: Order
    shopper: Shopper
    payment_intent_id: str


@dataclass
class Fulfilment:
    """When and how an order left the warehouse; None lets the builder pick."""

    carriers: tuple[Carrier, ...] = ()
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None


def stripe_id(rng: random.Random, prefix: str, length: int = 24) -> str:
    return prefix + "".join(rng.choice(_ID_ALPHABET) for _ in range(length))


def at_daytime(rng: random.Random, day: datetime) -> datetime:
    """`day` moved to a plausible waking hour, to the second."""
    start = day.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(seconds=rng.randrange(8 * 3600, 22 * 3600))


class StoreBuilder:
    """Adds customers and orders to one `Store`, handing out ids."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = now
        self._next = {
            "customer": 1,
            "address": 1,
            "order": 1,
            "line": 1,
            "shipment": 1,
            "transaction": 1,
            "refund": 1,
            "shopper": 1,
        }

    def take(self, counter: str) -> int:
        value = self._next[counter]
        self._next[counter] = value + 1
        return value

    def shopper(
        self,
        rng: random.Random,
        *,
        locale: Locale | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> Shopper:
        """A new shopper whose email is unique in this store."""
        return make_shopper(
            rng,
            self.take("shopper"),
            locale=locale,
            first_name=first_name,
            last_name=last_name,
        )

    def register(self, shopper: Shopper, created: datetime) -> Customer:
        """Turn a shopper into a registered customer with their address on file."""
        customer = Customer(
            id=self.take("customer"),
            email=shopper.email,
            first_name=shopper.first_name,
            last_name=shopper.last_name,
            company=shopper.company,
            phone=shopper.phone,
            date_created=created,
            date_modified=created,
            registration_ip_address=shopper.ip_address,
        )
        fields = vars(shopper.address)
        customer.addresses.append(
            CustomerAddress(**fields, id=self.take("address"), customer_id=customer.id)
        )
        self.store.customers[customer.id] = customer
        return customer

    def place_order(
        self,
        rng: random.Random,
        shopper: Shopper,
        placed: datetime,
        *,
        customer: Customer | None = None,
        items: list[tuple[Product, int]] | None = None,
        currency: str | None = None,
        free_shipping: bool = False,
        fulfilment: Fulfilment | None = None,
        link: PaymentLink = PaymentLink.ORDER,
    ) -> Sale:
        """Record one paid order; `customer=None` makes it a guest checkout."""
        currency = currency or shopper.locale.currency
        pi_id = stripe_id(rng, "pi_3")
        order = self._new_order(shopper, placed, customer, currency)
        self._add_lines(order, items or self._basket(rng), shopper)
        self._add_shipping_address(order, shopper, free_shipping)
        _total_up(order)
        self._record_payment(order, shopper, pi_id, link)
        self._fulfil(rng, order, fulfilment or Fulfilment())
        self.store.orders[order.id] = order
        return Sale(order, shopper, pi_id)

    def refund(
        self, order: Order, amount: Decimal, when: datetime, reason: str
    ) -> Refund:
        """Refund `amount` through Stripe and move the order's payment status."""
        refund_id = self.take("refund")
        refund = Refund(
            id=refund_id,
            order_id=order.id,
            created=when,
            reason=reason,
            total_amount=amount,
            payments=[
                RefundPayment(id=refund_id, provider_id="stripev3", amount=amount)
            ],
        )
        order.refunds.append(refund)
        refunded = sum((r.total_amount for r in order.refunds), Decimal(0))
        full = refunded >= order.total_inc_tax
        order.payment_status = "refunded" if full else "partially refunded"
        order.status_id = (
            OrderStatus.REFUNDED if full else OrderStatus.PARTIALLY_REFUNDED
        )
        order.date_modified = max(order.date_modified, when)
        self._add_refund_transaction(order, amount, when)
        return refund

    def cancel(self, order: Order) -> None:
        order.status_id = OrderStatus.CANCELLED
        order.payment_status = "void"
        order.shipments.clear()
        order.date_shipped = None
        for line in order.line_items:
            line.quantity_shipped = 0

    def finish(self) -> None:
        """Number the orders by date, as the store would have."""
        ordered = sorted(
            self.store.orders.values(), key=lambda o: (o.date_created, o.id)
        )
        self.store.orders = {}
        for new_id, order in enumerate(ordered, start=FIRST_ORDER_ID):
            order.id = new_id
            for refund in order.refunds:
                refund.order_id = new_id
            self.store.orders[new_id] = order

    def _new_order(
        self,
        shopper: Shopper,
        placed: datetime,
        customer: Customer | None,
        currency: str,
    ) -> Order:
        zero = Decimal(0)
        return Order(
            id=self.take("order"),
            customer_id=customer.id if customer else 0,
            date_created=placed,
            date_modified=placed,
            status_id=OrderStatus.AWAITING_FULFILLMENT,
            billing_address=replace(shopper.address),
            currency_code=currency,
            subtotal_ex_tax=zero,
            subtotal_inc_tax=zero,
            shipping_cost_ex_tax=zero,
            shipping_cost_inc_tax=zero,
            total_ex_tax=zero,
            total_inc_tax=zero,
            ip_address=shopper.ip_address,
            geoip_country=shopper.locale.country,
            geoip_country_iso2=shopper.locale.iso2,
        )

    def _basket(self, rng: random.Random) -> list[tuple[Product, int]]:
        products = list(self.store.products.values())
        chosen = rng.sample(products, k=rng.choice((1, 1, 1, 2, 2, 3)))
        return [(p, rng.choice((1, 1, 1, 2))) for p in chosen]

    def _add_lines(
        self, order: Order, items: list[tuple[Product, int]], shopper: Shopper
    ) -> None:
        rate = shopper.locale.tax_rate
        for variant, (product, quantity) in enumerate(items):
            shelf = shelf_price(product.price, order.currency_code)
            ex_tax, inc_tax = split_tax(shelf, order.currency_code, rate)
            order.line_items.append(
                LineItem(
                    id=self.take("line"),
                    product_id=product.id,
                    variant_id=product.id * 1000 + variant,
                    name=product.name,
                    sku=product.sku,
                    quantity=quantity,
                    base_price=shelf,
                    price_ex_tax=ex_tax,
                    price_inc_tax=inc_tax,
                )
            )

    def _add_shipping_address(self, order: Order, shopper: Shopper, free: bool) -> None:
        cost = Decimal(0) if free else shipping_price(order.currency_code)
        ex_tax, inc_tax = split_tax(cost, order.currency_code, shopper.locale.tax_rate)
        if order.currency_code == "USD":
            ex_tax = inc_tax = cost  # US states rarely tax shipping
        fields = vars(shopper.address) | {"email": shopper.email}
        order.shipping_addresses.append(
            ShippingAddress(
                **fields,
                id=self.take("address"),
                shipping_method="Standard Shipping",
                base_cost=cost,
                cost_ex_tax=ex_tax,
                cost_inc_tax=inc_tax,
                items_total=order.items_total,
            )
        )
        for line in order.line_items:
            line.order_address_id = order.shipping_addresses[0].id

    def _record_payment(
        self, order: Order, shopper: Shopper, pi_id: str, link: PaymentLink
    ) -> None:
        if link is PaymentLink.ORDER:
            order.payment_provider_id = pi_id
        gateway_id = "" if link is PaymentLink.NONE else pi_id
        card = shopper.card
        order.transactions.append(
            Transaction(
                id=self.take("transaction"),
                event="purchase",
                method="credit_card",
                amount=order.total_inc_tax,
                currency=order.currency_code,
                gateway="stripe",
                gateway_transaction_id=gateway_id,
                date_created=order.date_created,
                card_type=card.brand,
                card_iin=card.iin,
                card_last4=card.last4,
                card_expiry_month=card.exp_month,
                card_expiry_year=card.exp_year,
            )
        )

    def _add_refund_transaction(
        self, order: Order, amount: Decimal, when: datetime
    ) -> None:
        purchase = order.transactions[0] if order.transactions else None
        order.transactions.append(
            Transaction(
                id=self.take("transaction"),
                event="refund",
                method="credit_card",
                amount=amount,
                currency=order.currency_code,
                gateway="stripe",
                gateway_transaction_id=purchase.gateway_transaction_id
                if purchase
                else "",
                date_created=when,
            )
        )

    def _fulfil(self, rng: random.Random, order: Order, plan: Fulfilment) -> None:
        shipped = plan.shipped_at or at_daytime(
            rng, order.date_created + timedelta(days=rng.randrange(1, 4))
        )
        if shipped > self.now:
            return
        carriers = plan.carriers or (self._pick_carrier(rng, order),)
        groups = _split(order.line_items, len(carriers))
        for index, (carrier, lines) in enumerate(zip(carriers, groups, strict=True)):
            ship_time = shipped + timedelta(hours=6 * index)
            delivered = plan.delivered_at or ship_time + timedelta(
                days=rng.randrange(1, 6), hours=rng.randrange(0, 9)
            )
            if plan.delivered_at and index:
                delivered = delivered - timedelta(days=1, hours=3)
            self._ship(
                rng, order, carrier, lines, shipped=ship_time, delivered=delivered
            )
        order.date_shipped = shipped
        _settle_status(order)

    def _ship(
        self,
        rng: random.Random,
        order: Order,
        carrier: Carrier,
        lines: list[LineItem],
        *,
        shipped: datetime,
        delivered: datetime,
    ) -> None:
        info = CARRIERS[carrier]
        number = make_tracking_number(carrier, rng)
        comments = ""
        if delivered <= self.now:
            stamp = delivered.strftime("%Y-%m-%dT%H:%M:%SZ")
            comments = f"Delivered {stamp} ({rng.choice(_DELIVERY_NOTES)})"
            order.date_modified = max(order.date_modified, delivered)
        for line in lines:
            line.quantity_shipped = line.quantity
        order.shipments.append(
            Shipment(
                id=self.take("shipment"),
                order_address_id=order.shipping_addresses[0].id,
                date_created=shipped,
                tracking_number=number,
                shipping_provider=info.shipping_provider,
                tracking_carrier=info.tracking_carrier,
                shipping_method=info.shipping_method,
                tracking_link=info.tracking_link(number),
                comments=comments,
                items=[
                    ShipmentItem(line.id, line.product_id, line.quantity)
                    for line in lines
                ],
            )
        )
        order.date_modified = max(order.date_modified, shipped)

    def _pick_carrier(self, rng: random.Random, order: Order) -> Carrier:
        if order.shipping_addresses[0].country_iso2 != "US":
            return rng.choice((Carrier.DHL, Carrier.DHL, Carrier.UPS))
        return rng.choice((Carrier.UPS, Carrier.FEDEX, Carrier.USPS))


def _total_up(order: Order) -> None:
    lines = order.line_items
    order.subtotal_ex_tax = sum((li.total_ex_tax for li in lines), Decimal(0))
    order.subtotal_inc_tax = sum((li.total_inc_tax for li in lines), Decimal(0))
    address = order.shipping_addresses[0]
    address.items_total = order.items_total
    order.shipping_cost_ex_tax = address.cost_ex_tax
    order.shipping_cost_inc_tax = address.cost_inc_tax
    order.total_ex_tax = order.subtotal_ex_tax + order.shipping_cost_ex_tax
    order.total_inc_tax = order.subtotal_inc_tax + order.shipping_cost_inc_tax


def _settle_status(order: Order) -> None:
    address = order.shipping_addresses[0]
    address.items_shipped = order.items_shipped
    delivered = all(s.comments.startswith("Delivered") for s in order.shipments)
    order.status_id = OrderStatus.COMPLETED if delivered else OrderStatus.SHIPPED


def _split(lines: list[LineItem], parts: int) -> list[list[LineItem]]:
    """Spread line items over `parts` shipments, none empty when possible."""
    groups: list[list[LineItem]] = [[] for _ in range(parts)]
    for index, line in enumerate(lines):
        groups[index % parts].append(line)
    return groups
