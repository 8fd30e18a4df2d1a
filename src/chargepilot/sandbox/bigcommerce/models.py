"""What a fake BigCommerce store holds, in Python types.

The scenario generator fills these; the fake API renders them the way the
official specs say (4-decimal money strings, RFC 2822 dates in V2, ISO 8601
in V3). Money is Decimal in the store's transactional currency, dates are
aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import IntEnum

READ_SCOPES = frozenset(
    {
        "store_v2_information_read_only",
        "store_v2_orders_read_only",
        "store_v2_transactions_read_only",
        "store_v2_customers_read_only",
        "store_v2_products_read_only",
    }
)


class OrderStatus(IntEnum):
    """BigCommerce order status ids, as in GET /v2/order_statuses."""

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


@dataclass
class Address:
    first_name: str
    last_name: str
    street_1: str
    city: str
    state: str
    zip: str
    country: str
    country_iso2: str
    street_2: str = ""
    company: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class CustomerAddress(Address):
    id: int = 0
    customer_id: int = 0
    address_type: str = "residential"


@dataclass
class Customer:
    id: int
    email: str
    first_name: str
    last_name: str
    date_created: datetime
    date_modified: datetime
    phone: str = ""
    company: str = ""
    registration_ip_address: str = ""
    notes: str = ""
    customer_group_id: int = 0
    addresses: list[CustomerAddress] = field(default_factory=list)


@dataclass
class Product:
    id: int
    name: str
    sku: str
    price: Decimal
    description: str = ""
    type: str = "physical"
    weight: Decimal = Decimal("1")
    date_created: datetime | None = None


@dataclass
class LineItem:
    """One row of GET /v2/orders/{id}/products."""

    id: int
    product_id: int
    name: str
    sku: str
    quantity: int
    base_price: Decimal
    price_ex_tax: Decimal
    price_inc_tax: Decimal
    order_address_id: int = 0
    variant_id: int = 0
    quantity_shipped: int = 0
    quantity_refunded: int = 0
    type: str = "physical"

    @property
    def total_inc_tax(self) -> Decimal:
        return self.price_inc_tax * self.quantity

    @property
    def total_ex_tax(self) -> Decimal:
        return self.price_ex_tax * self.quantity


@dataclass
class ShippingAddress(Address):
    """One row of GET /v2/orders/{id}/shipping_addresses."""

    id: int = 0
    shipping_method: str = "Flat Rate"
    base_cost: Decimal = Decimal("0")
    cost_ex_tax: Decimal = Decimal("0")
    cost_inc_tax: Decimal = Decimal("0")
    items_total: int = 0
    items_shipped: int = 0


@dataclass
class ShipmentItem:
    order_product_id: int
    product_id: int
    quantity: int


@dataclass
class Shipment:
    """One row of GET /v2/orders/{id}/shipments.

    BigCommerce has no delivery field; shipping apps commonly write the
    carrier's delivery scan into `comments` ("Delivered 2026-11-02T14:05:00Z
    ..."), which is where the sandbox puts it too.
    """

    id: int
    order_address_id: int
    date_created: datetime
    tracking_number: str
    shipping_provider: str
    tracking_carrier: str
    shipping_method: str = ""
    tracking_link: str = ""
    comments: str = ""
    merchant_shipping_cost: Decimal = Decimal("0")
    items: list[ShipmentItem] = field(default_factory=list)


@dataclass
class Transaction:
    """One row of GET /v3/orders/{id}/transactions."""

    id: int
    event: str
    method: str
    amount: Decimal
    currency: str
    gateway: str
    gateway_transaction_id: str
    date_created: datetime
    status: str = "ok"
    payment_method_id: str = "stripe.card"
    test: bool = False
    fraud_review: bool = False
    avs_code: str = "Y"
    avs_message: str = "Street address and 5-digit postal code match."
    avs_street_match: str = "Y"
    avs_postal_match: str = "Y"
    cvv_code: str = "M"
    cvv_message: str = "CVV matches"
    card_type: str = "visa"
    card_iin: str = "424242"
    card_last4: str = "4242"
    card_expiry_month: int = 12
    card_expiry_year: int = 2030


@dataclass
class RefundPayment:
    id: int
    provider_id: str
    amount: Decimal
    offline: bool = False
    is_declined: bool = False
    declined_message: str = ""


@dataclass
class Refund:
    """One row of GET /v3/orders/{id}/payment_actions/refunds."""

    id: int
    order_id: int
    created: datetime
    reason: str
    total_amount: Decimal
    total_tax: Decimal = Decimal("0")
    user_id: int = 0
    payments: list[RefundPayment] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)


@dataclass
class Coupon:
    id: int
    coupon_id: int
    code: str
    amount: Decimal
    type: int
    discount: Decimal


@dataclass
class Order:
    """One order with everything hanging off it."""

    id: int
    customer_id: int
    date_created: datetime
    date_modified: datetime
    status_id: OrderStatus
    billing_address: Address
    currency_code: str
    subtotal_ex_tax: Decimal
    subtotal_inc_tax: Decimal
    shipping_cost_ex_tax: Decimal
    shipping_cost_inc_tax: Decimal
    total_ex_tax: Decimal
    total_inc_tax: Decimal
    date_shipped: datetime | None = None
    payment_status: str = "captured"
    payment_method: str = "Stripe"
    payment_provider_id: str = ""
    ip_address: str = ""
    ip_address_v6: str = ""
    geoip_country: str = ""
    geoip_country_iso2: str = ""
    discount_amount: Decimal = Decimal("0")
    coupon_discount: Decimal = Decimal("0")
    store_credit_amount: Decimal = Decimal("0")
    gift_certificate_amount: Decimal = Decimal("0")
    customer_message: str = ""
    staff_notes: str = ""
    order_source: str = "www"
    is_deleted: bool = False
    order_is_digital: bool = False
    channel_id: int = 1
    line_items: list[LineItem] = field(default_factory=list)
    shipping_addresses: list[ShippingAddress] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    coupons: list[Coupon] = field(default_factory=list)

    @property
    def total_tax(self) -> Decimal:
        return self.total_inc_tax - self.total_ex_tax

    @property
    def items_total(self) -> int:
        return sum(item.quantity for item in self.line_items)

    @property
    def items_shipped(self) -> int:
        return sum(item.quantity_shipped for item in self.line_items)

    @property
    def billing_email(self) -> str:
        return self.billing_address.email


@dataclass
class ApiAccount:
    """A store-level API account: its credentials and its scopes."""

    client_id: str
    access_token: str
    scopes: frozenset[str] = READ_SCOPES


@dataclass
class Store:
    """One fake store, addressed by its hash in /stores/{hash}/..."""

    hash: str
    name: str
    domain: str
    currency: str = "USD"
    timezone: str = "America/Chicago"
    plan_name: str = "Standard"
    admin_email: str = "owner@example.test"
    accounts: list[ApiAccount] = field(default_factory=list)
    customers: dict[int, Customer] = field(default_factory=dict)
    orders: dict[int, Order] = field(default_factory=dict)
    products: dict[int, Product] = field(default_factory=dict)

    def account_for(self, token: str) -> ApiAccount | None:
        return next((a for a in self.accounts if a.access_token == token), None)
