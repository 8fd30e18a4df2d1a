"""Store objects rendered as the V2 API writes them (4-dp strings, RFC 2822)."""

from __future__ import annotations

import zlib
from decimal import Decimal
from typing import Any

from chargepilot.sandbox.bigcommerce.formats import date_v2, money_v2
from chargepilot.sandbox.bigcommerce.models import (
    Address,
    Coupon,
    LineItem,
    Order,
    Shipment,
    ShippingAddress,
    Store,
)
from chargepilot.sandbox.bigcommerce.statuses import STATUS_NAMES

ZERO = money_v2(Decimal(0))


def link(base: str, resource: str) -> dict[str, str]:
    """A sub-resource link object: absolute url plus the path below /v2."""
    return {"url": f"{base}{resource}", "resource": resource}


def address(value: Address) -> dict[str, Any]:
    return {
        "first_name": value.first_name,
        "last_name": value.last_name,
        "company": value.company,
        "street_1": value.street_1,
        "street_2": value.street_2,
        "city": value.city,
        "state": value.state,
        "zip": value.zip,
        "country": value.country,
        "country_iso2": value.country_iso2,
        "phone": value.phone,
        "email": value.email,
    }


def order(value: Order, base: str) -> dict[str, Any]:
    """One order as GET /v2/orders/{id} answers."""
    return {
        "id": value.id,
        "customer_id": value.customer_id,
        "date_created": date_v2(value.date_created),
        "date_modified": date_v2(value.date_modified),
        "date_shipped": date_v2(value.date_shipped),
        "status_id": int(value.status_id),
        "status": STATUS_NAMES[value.status_id],
        **_order_money(value),
        **_order_currency(value.currency_code),
        "items_total": value.items_total,
        "items_shipped": value.items_shipped,
        "payment_method": value.payment_method,
        "payment_provider_id": value.payment_provider_id,
        "payment_status": value.payment_status,
        "ip_address": value.ip_address,
        "ip_address_v6": value.ip_address_v6,
        "geoip_country": value.geoip_country,
        "geoip_country_iso2": value.geoip_country_iso2,
        "customer_message": value.customer_message,
        "staff_notes": value.staff_notes,
        "order_source": value.order_source,
        "channel_id": value.channel_id,
        "external_id": None,
        "is_deleted": value.is_deleted,
        "order_is_digital": value.order_is_digital,
        "is_email_opt_in": False,
        "is_tax_inclusive_pricing": False,
        "shipping_address_count": len(value.shipping_addresses),
        "billing_address": address(value.billing_address),
        **_order_links(value.id, base),
    }


def _order_money(value: Order) -> dict[str, str]:
    return {
        "subtotal_ex_tax": money_v2(value.subtotal_ex_tax),
        "subtotal_inc_tax": money_v2(value.subtotal_inc_tax),
        "subtotal_tax": money_v2(value.subtotal_inc_tax - value.subtotal_ex_tax),
        "base_shipping_cost": money_v2(value.shipping_cost_ex_tax),
        "shipping_cost_ex_tax": money_v2(value.shipping_cost_ex_tax),
        "shipping_cost_inc_tax": money_v2(value.shipping_cost_inc_tax),
        "shipping_cost_tax": money_v2(
            value.shipping_cost_inc_tax - value.shipping_cost_ex_tax
        ),
        "base_handling_cost": ZERO,
        "handling_cost_ex_tax": ZERO,
        "handling_cost_inc_tax": ZERO,
        "handling_cost_tax": ZERO,
        "base_wrapping_cost": ZERO,
        "wrapping_cost_ex_tax": ZERO,
        "wrapping_cost_inc_tax": ZERO,
        "wrapping_cost_tax": ZERO,
        "total_ex_tax": money_v2(value.total_ex_tax),
        "total_inc_tax": money_v2(value.total_inc_tax),
        "total_tax": money_v2(value.total_tax),
        "discount_amount": money_v2(value.discount_amount),
        "coupon_discount": money_v2(value.coupon_discount),
        "store_credit_amount": money_v2(value.store_credit_amount),
        "gift_certificate_amount": money_v2(value.gift_certificate_amount),
        # The spec says refunded_amount "always returns 0"; refunds live in V3.
        "refunded_amount": ZERO,
    }


def _order_currency(code: str) -> dict[str, Any]:
    return {
        "currency_id": 1,
        "currency_code": code,
        "currency_exchange_rate": "1.0000000000",
        "default_currency_id": 1,
        "default_currency_code": code,
        "store_default_currency_code": code,
        "store_default_to_transactional_exchange_rate": "1.0000000000",
    }


def _order_links(order_id: int, base: str) -> dict[str, dict[str, str]]:
    return {
        name: link(base, f"/orders/{order_id}/{name}")
        for name in ("products", "shipping_addresses", "coupons")
    }


def line_item(value: LineItem, order_id: int) -> dict[str, Any]:
    """One row of GET /v2/orders/{id}/products."""
    return {
        "id": value.id,
        "order_id": order_id,
        "product_id": value.product_id,
        "variant_id": value.variant_id,
        "order_address_id": value.order_address_id,
        "name": value.name,
        "sku": value.sku,
        "type": value.type,
        "quantity": value.quantity,
        "base_price": money_v2(value.base_price),
        "price_ex_tax": money_v2(value.price_ex_tax),
        "price_inc_tax": money_v2(value.price_inc_tax),
        "price_tax": money_v2(value.price_inc_tax - value.price_ex_tax),
        "base_total": money_v2(value.base_price * value.quantity),
        "total_ex_tax": money_v2(value.total_ex_tax),
        "total_inc_tax": money_v2(value.total_inc_tax),
        "total_tax": money_v2(value.total_inc_tax - value.total_ex_tax),
        "quantity_shipped": value.quantity_shipped,
        "quantity_refunded": value.quantity_refunded,
        "is_refunded": value.quantity_refunded > 0,
        "product_options": [],
        "applied_discounts": [],
    }


def shipment(value: Shipment, parent: Order) -> dict[str, Any]:
    """One row of GET /v2/orders/{id}/shipments."""
    return {
        "id": value.id,
        "order_id": parent.id,
        "customer_id": parent.customer_id,
        "order_address_id": value.order_address_id,
        "date_created": date_v2(value.date_created),
        "tracking_number": value.tracking_number,
        "merchant_shipping_cost": money_v2(value.merchant_shipping_cost),
        "shipping_method": value.shipping_method,
        "shipping_provider": value.shipping_provider,
        "shipping_provider_display_name": value.shipping_provider.upper(),
        "tracking_carrier": value.tracking_carrier,
        "tracking_link": value.tracking_link,
        "generated_tracking_link": _generated_link(value),
        "comments": value.comments,
        "billing_address": address(parent.billing_address),
        "shipping_address": _shipment_address(value, parent),
        "items": [
            {
                "order_product_id": item.order_product_id,
                "product_id": item.product_id,
                "quantity": item.quantity,
            }
            for item in value.items
        ],
    }


def _shipment_address(value: Shipment, parent: Order) -> dict[str, Any]:
    found = next(
        (a for a in parent.shipping_addresses if a.id == value.order_address_id),
        None,
    )
    return address(found or parent.billing_address)


def _generated_link(value: Shipment) -> str:
    if not value.tracking_number:
        return ""
    carrier = value.tracking_carrier or "any"
    return f"https://track.example.test/{carrier}/{value.tracking_number}"


def shipping_address(
    value: ShippingAddress, order_id: int, base: str
) -> dict[str, Any]:
    """One row of GET /v2/orders/{id}/shipping_addresses."""
    return {
        "id": value.id,
        "order_id": order_id,
        **address(value),
        "items_total": value.items_total,
        "items_shipped": value.items_shipped,
        "shipping_method": value.shipping_method,
        "base_cost": money_v2(value.base_cost),
        "cost_ex_tax": money_v2(value.cost_ex_tax),
        "cost_inc_tax": money_v2(value.cost_inc_tax),
        "cost_tax": money_v2(value.cost_inc_tax - value.cost_ex_tax),
        "cost_tax_class_id": 2,
        "base_handling_cost": ZERO,
        "handling_cost_ex_tax": ZERO,
        "handling_cost_inc_tax": ZERO,
        "handling_cost_tax": ZERO,
        "handling_cost_tax_class_id": 2,
        "shipping_zone_id": 1,
        "shipping_zone_name": value.country,
        "form_fields": [],
        "shipping_quotes": link(
            base, f"/orders/{order_id}/shipping_addresses/{value.id}/shipping_quotes"
        ),
    }


def coupon(value: Coupon, order_id: int) -> dict[str, Any]:
    """One row of GET /v2/orders/{id}/coupons."""
    return {
        "id": value.id,
        "coupon_id": value.coupon_id,
        "order_id": order_id,
        "code": value.code,
        # An integer: dollars or percent, depending on `type` (per the spec).
        "amount": int(value.amount) if value.amount % 1 == 0 else float(value.amount),
        "type": value.type,
        "discount": float(value.discount),
    }


def store_info(value: Store) -> dict[str, Any]:
    """GET /v2/store."""
    return {
        "id": value.hash,
        "domain": value.domain,
        "secure_url": f"https://{value.domain}",
        "control_panel_base_url": f"https://store-{value.hash}.mybigcommerce.com",
        "status": "live",
        "name": value.name,
        "admin_email": value.admin_email,
        "order_email": value.admin_email,
        "timezone": {
            "name": value.timezone,
            "raw_offset": 0,
            "dst_offset": 0,
            "dst_correction": False,
            "date_format": {
                "display": "jS M Y",
                "export": "M jS Y",
                "extended_display": "M jS Y @ g:i A",
            },
        },
        "language": "en",
        "currency": value.currency,
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "plan_name": value.plan_name,
        "plan_level": value.plan_name,
        "plan_is_trial": False,
        "store_id": _store_number(value.hash),
        "default_channel_id": 1,
        "default_site_id": 1,
        "is_price_entered_with_tax": False,
        "logo": [],
        "features": {"checkout_type": "optimized", "multi_storefront_enabled": False},
    }


def _store_number(store_hash: str) -> int:
    return int(zlib.crc32(store_hash.encode()) % 10_000_000)
