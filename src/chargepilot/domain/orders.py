"""The store's record, as the BigCommerce client returns it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from chargepilot.domain.money import Money


class OrderStatus(IntEnum):
    """BigCommerce order status ids (labels can be renamed; ids cannot)."""

    INCOMPLETE = 0
    PENDING = 1
    SHIPPED = 2
    PARTIALLY_SHIPPED = 3
    REFUNDED = 4
    CANCELLED = 5
    DECLINED = 6
    AWAITING_PAYMENT = 7
    AWAITING_PICKUP = 8
    AWAITING_SHIPMENT = 9
    COMPLETED = 10
    AWAITING_FULFILLMENT = 11
    MANUAL_VERIFICATION_REQUIRED = 12
    DISPUTED = 13
    PARTIALLY_REFUNDED = 14

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").title()

    @property
    def is_paid(self) -> bool:
        """The customer paid and the order was not voided."""
        return self not in UNPAID_STATUSES


UNPAID_STATUSES = frozenset(
    {
        OrderStatus.INCOMPLETE,
        OrderStatus.PENDING,
        OrderStatus.CANCELLED,
        OrderStatus.DECLINED,
        OrderStatus.AWAITING_PAYMENT,
    }
)


@dataclass(frozen=True, slots=True)
class OrderAddress:
    """A billing, shipping or customer address as BigCommerce writes it."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    street_1: str = ""
    street_2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = ""
    country_iso2: str = ""
    phone: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def one_line(self) -> str:
        parts = (self.street_1, self.street_2, self.city, self.state, self.zip)
        return ", ".join(p for p in (*parts, self.country_iso2) if p)


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    customer_id: int
    status: OrderStatus
    created: datetime
    total: Money  # total_inc_tax, in the currency the shopper paid
    billing: OrderAddress
    status_label: str = ""
    modified: datetime | None = None
    shipped_at: datetime | None = None
    subtotal: Money | None = None
    shipping_cost: Money | None = None
    tax: Money | None = None
    discount: Money | None = None
    store_credit: Money | None = None
    gift_certificate: Money | None = None
    payment_method: str = ""
    payment_status: str = ""
    payment_provider_id: str = ""
    ip_address: str = ""
    items_total: int = 0
    items_shipped: int = 0
    customer_message: str = ""
    is_deleted: bool = False
    is_digital: bool = False

    @property
    def is_guest(self) -> bool:
        return self.customer_id == 0

    @property
    def email(self) -> str:
        return self.billing.email


@dataclass(frozen=True, slots=True)
class LineItem:
    id: int
    product_id: int
    name: str
    sku: str
    quantity: int
    unit_price: Money  # price_inc_tax
    total: Money
    quantity_shipped: int = 0
    quantity_refunded: int = 0
    order_address_id: int = 0


@dataclass(frozen=True, slots=True)
class ShippingAddress:
    id: int
    address: OrderAddress
    shipping_method: str = ""


@dataclass(frozen=True, slots=True)
class Shipment:
    id: int
    created: datetime  # the ship date
    carrier: str  # display name: "UPS", "FedEx", "USPS", "DHL"
    tracking_number: str
    tracking_link: str = ""
    delivered_at: datetime | None = None  # from the carrier's delivery scan
    order_address_id: int = 0
    shipping_method: str = ""
    item_count: int = 0


@dataclass(frozen=True, slots=True)
class Transaction:
    """A V3 order transaction: the gateway's view of a payment."""

    id: int
    event: str  # purchase, authorization, capture, refund, ...
    amount: Money
    gateway: str
    gateway_transaction_id: str
    status: str
    created: datetime
    avs_street_match: str = ""
    avs_postal_match: str = ""
    cvv_code: str = ""
    card_type: str = ""
    card_last4: str = ""


@dataclass(frozen=True, slots=True)
class Refund:
    id: int
    created: datetime
    amount: Money
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Coupon:
    code: str
    discount: Money


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    email: str
    first_name: str
    last_name: str
    created: datetime | None  # BigCommerce may leave the date out
    phone: str = ""
    registration_ip: str = ""
    addresses: tuple[OrderAddress, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    name: str
    sku: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class StoreRecord:
    """Everything the store knows about one disputed order."""

    order: Order
    line_items: tuple[LineItem, ...] = ()
    shipping_addresses: tuple[ShippingAddress, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    refunds: tuple[Refund, ...] = ()
    coupons: tuple[Coupon, ...] = ()
    customer: Customer | None = None
    history: tuple[Order, ...] = ()  # all the customer's orders, this one included
    products: tuple[Product, ...] = ()
    history_truncated: bool = False
