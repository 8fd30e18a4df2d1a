"""BigCommerce JSON rows turned into ChargePilot's domain objects."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from chargepilot.bigcommerce.results import StoreInfo
from chargepilot.bigcommerce.values import (
    Row,
    child,
    decimal,
    flag,
    integer,
    iso8601,
    money,
    optional_money,
    required_date,
    rfc2822,
    text_of,
)
from chargepilot.domain.money import Money
from chargepilot.domain.orders import (
    Coupon,
    Customer,
    LineItem,
    Order,
    OrderAddress,
    OrderStatus,
    Product,
    Refund,
    Shipment,
    ShippingAddress,
    Transaction,
)
from chargepilot.errors import BigCommerceResponseError

CARRIER_NAMES = {
    "ups": "UPS",
    "upsready": "UPS",
    "upsonline": "UPS",
    "fedex": "FedEx",
    "usps": "USPS",
    "endicia": "USPS",
    "dhl": "DHL",
    "auspost": "Australia Post",
    "canadapost": "Canada Post",
    "royalmail": "Royal Mail",
}
DELIVERED = re.compile(
    r"\bdelivered\b\W*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)",
    re.IGNORECASE,
)
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "street_1",
    "street_2",
    "city",
    "state",
    "zip",
    "country",
    "country_iso2",
    "phone",
    "email",
)


def order_currency(row: Row) -> str:
    """The transactional currency: what the shopper was charged in."""
    code = text_of(row, "default_currency_code") or text_of(row, "currency_code")
    if not code:
        raise BigCommerceResponseError(f"order {row.get('id')}: no currency code")
    return code.upper()


def order_status(row: Row) -> OrderStatus:
    status_id = integer(row, "status_id", default=-1)
    try:
        return OrderStatus(status_id)
    except ValueError:
        raise BigCommerceResponseError(
            f"order {row.get('id')}: unknown status_id {row.get('status_id')!r}"
        ) from None


def order(row: Row) -> Order:
    """One order from GET /v2/orders or /v2/orders/{id}."""
    currency = order_currency(row)
    return Order(
        id=integer(row, "id"),
        customer_id=integer(row, "customer_id"),
        status=order_status(row),
        created=required_date(rfc2822(row, "date_created"), "date_created"),
        total=money(row, "total_inc_tax", currency),
        billing=address(child(row, "billing_address")),
        status_label=text_of(row, "status"),
        modified=rfc2822(row, "date_modified"),
        shipped_at=rfc2822(row, "date_shipped"),
        subtotal=optional_money(row, "subtotal_inc_tax", currency),
        shipping_cost=optional_money(row, "shipping_cost_inc_tax", currency),
        tax=optional_money(row, "total_tax", currency),
        discount=order_discount(row, currency),
        store_credit=optional_money(row, "store_credit_amount", currency),
        gift_certificate=optional_money(row, "gift_certificate_amount", currency),
        payment_method=text_of(row, "payment_method"),
        payment_status=text_of(row, "payment_status"),
        payment_provider_id=text_of(row, "payment_provider_id"),
        ip_address=text_of(row, "ip_address") or text_of(row, "ip_address_v6"),
        items_total=integer(row, "items_total"),
        items_shipped=integer(row, "items_shipped"),
        customer_message=text_of(row, "customer_message"),
        is_deleted=flag(row, "is_deleted"),
        is_digital=flag(row, "order_is_digital"),
    )


def order_discount(row: Row, currency: str) -> Money | None:
    """Manual discounts plus coupon discounts, both taken off the total."""
    if "discount_amount" not in row and "coupon_discount" not in row:
        return None
    amount = decimal(row.get("discount_amount"), "discount_amount") + decimal(
        row.get("coupon_discount"), "coupon_discount"
    )
    return Money.from_decimal(amount, currency)


def address(row: Row) -> OrderAddress:
    """A V2 billing/shipping address (V2 field names)."""
    return OrderAddress(**{name: text_of(row, name) for name in ADDRESS_FIELDS})


def customer_address(row: Row) -> OrderAddress:
    """A V3 customer address, renamed into the V2 vocabulary."""
    return OrderAddress(
        first_name=text_of(row, "first_name"),
        last_name=text_of(row, "last_name"),
        company=text_of(row, "company"),
        street_1=text_of(row, "address1"),
        street_2=text_of(row, "address2"),
        city=text_of(row, "city"),
        state=text_of(row, "state_or_province"),
        zip=text_of(row, "postal_code"),
        country=text_of(row, "country"),
        country_iso2=text_of(row, "country_code"),
        phone=text_of(row, "phone"),
    )


def line_item(row: Row, currency: str) -> LineItem:
    """One row of GET /v2/orders/{id}/products."""
    return LineItem(
        id=integer(row, "id"),
        product_id=integer(row, "product_id"),
        name=text_of(row, "name"),
        sku=text_of(row, "sku"),
        quantity=integer(row, "quantity"),
        unit_price=money(row, "price_inc_tax", currency),
        total=money(row, "total_inc_tax", currency),
        quantity_shipped=integer(row, "quantity_shipped"),
        quantity_refunded=integer(row, "quantity_refunded"),
        order_address_id=integer(row, "order_address_id"),
    )


def shipping_address(row: Row) -> ShippingAddress:
    """One row of GET /v2/orders/{id}/shipping_addresses."""
    return ShippingAddress(
        id=integer(row, "id"),
        address=address(row),
        shipping_method=text_of(row, "shipping_method"),
    )


def shipment(row: Row) -> Shipment:
    """One row of GET /v2/orders/{id}/shipments."""
    items = row.get("items")
    return Shipment(
        id=integer(row, "id"),
        created=required_date(rfc2822(row, "date_created"), "date_created"),
        carrier=carrier_name(row),
        tracking_number=text_of(row, "tracking_number"),
        tracking_link=text_of(row, "tracking_link")
        or text_of(row, "generated_tracking_link"),
        delivered_at=delivered_at(text_of(row, "comments")),
        order_address_id=integer(row, "order_address_id"),
        shipping_method=text_of(row, "shipping_method"),
        item_count=sum(
            integer(item, "quantity")
            for item in (items if isinstance(items, list) else [])
            if isinstance(item, Mapping)
        ),
    )


def carrier_name(row: Row) -> str:
    """ "UPS", "FedEx", "USPS", "DHL"…, from whichever field names the carrier."""
    provider = text_of(row, "shipping_provider").lower()
    tracking_carrier = text_of(row, "tracking_carrier").lower()
    for slug in (provider, tracking_carrier):
        if slug in CARRIER_NAMES:
            return CARRIER_NAMES[slug]
    shown = text_of(row, "shipping_provider_display_name")
    return shown or provider or tracking_carrier


def delivered_at(comments: str) -> datetime | None:
    """The carrier's delivery scan, written as "Delivered <ISO 8601>"."""
    found = DELIVERED.search(comments)
    if found is None:
        return None
    return iso8601({"delivered": found.group(1)}, "delivered")


def coupon(row: Row, currency: str) -> Coupon:
    """One row of GET /v2/orders/{id}/coupons (`discount` is the money off)."""
    return Coupon(code=text_of(row, "code"), discount=money(row, "discount", currency))


def transaction(row: Row) -> Transaction:
    """One row of GET /v3/orders/{id}/transactions."""
    avs, cvv, card = (
        child(row, "avs_result"),
        child(row, "cvv_result"),
        child(row, "credit_card"),
    )
    return Transaction(
        id=integer(row, "id"),
        event=text_of(row, "event"),
        amount=money(row, "amount", text_of(row, "currency")),
        gateway=text_of(row, "gateway"),
        gateway_transaction_id=text_of(row, "gateway_transaction_id"),
        status=text_of(row, "status"),
        created=required_date(iso8601(row, "date_created"), "date_created"),
        avs_street_match=text_of(avs, "street_match"),
        avs_postal_match=text_of(avs, "postal_match"),
        cvv_code=text_of(cvv, "code"),
        card_type=text_of(card, "card_type"),
        card_last4=text_of(card, "card_last4"),
    )


def refund(row: Row, currency: str) -> Refund:
    """One row of GET /v3/orders/{id}/payment_actions/refunds."""
    return Refund(
        id=integer(row, "id"),
        created=required_date(iso8601(row, "created"), "created"),
        amount=money(row, "total_amount", currency),
        reason=text_of(row, "reason"),
    )


def customer(row: Row) -> Customer:
    """One row of GET /v3/customers (addresses when included)."""
    addresses = row.get("addresses")
    return Customer(
        id=integer(row, "id"),
        email=text_of(row, "email"),
        first_name=text_of(row, "first_name"),
        last_name=text_of(row, "last_name"),
        created=iso8601(row, "date_created"),
        phone=text_of(row, "phone"),
        registration_ip=text_of(row, "registration_ip_address"),
        addresses=tuple(
            customer_address(a)
            for a in (addresses if isinstance(addresses, list) else [])
            if isinstance(a, Mapping)
        ),
    )


def product(row: Row) -> Product:
    """One row of GET /v3/catalog/products."""
    return Product(
        id=integer(row, "id"),
        name=text_of(row, "name"),
        sku=text_of(row, "sku"),
        description=text_of(row, "description"),
    )


def store_info(row: Row) -> StoreInfo:
    """GET /v2/store: who the store is."""
    return StoreInfo(
        hash=text_of(row, "id"),
        name=text_of(row, "name"),
        domain=text_of(row, "domain"),
        secure_url=text_of(row, "secure_url"),
        currency=text_of(row, "currency").upper(),
        timezone=text_of(child(row, "timezone"), "name"),
        plan_name=text_of(row, "plan_name"),
        status=text_of(row, "status"),
        admin_email=text_of(row, "admin_email"),
    )
