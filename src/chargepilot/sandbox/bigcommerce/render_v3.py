"""Store objects rendered as the V3 API writes them (numbers, ISO 8601)."""

from __future__ import annotations

from typing import Any

from chargepilot.sandbox.bigcommerce.formats import date_v3, money_v3
from chargepilot.sandbox.bigcommerce.models import (
    Customer,
    CustomerAddress,
    Product,
    Refund,
    Transaction,
)


def transaction(value: Transaction, order_id: int) -> dict[str, Any]:
    """One row of GET /v3/orders/{id}/transactions (order_id is a string)."""
    return {
        "id": value.id,
        "order_id": str(order_id),
        "event": value.event,
        "method": value.method,
        "amount": money_v3(value.amount),
        "currency": value.currency,
        "gateway": value.gateway,
        "gateway_transaction_id": value.gateway_transaction_id,
        "payment_method_id": value.payment_method_id,
        "status": value.status,
        "test": value.test,
        "fraud_review": value.fraud_review,
        "date_created": date_v3(value.date_created),
        "offline": None,
        "custom": None,
        "avs_result": {
            "code": value.avs_code,
            "message": value.avs_message,
            "street_match": value.avs_street_match,
            "postal_match": value.avs_postal_match,
        },
        "cvv_result": {"code": value.cvv_code, "message": value.cvv_message},
        "credit_card": {
            "card_type": value.card_type,
            "card_iin": value.card_iin,
            "card_last4": value.card_last4,
            "card_expiry_month": value.card_expiry_month,
            "card_expiry_year": value.card_expiry_year,
        },
        "gift_certificate": None,
        "store_credit": None,
    }


def refund(value: Refund) -> dict[str, Any]:
    """One row of GET /v3/orders/{id}/payment_actions/refunds."""
    return {
        "id": value.id,
        "order_id": value.order_id,
        "user_id": value.user_id,
        "created": date_v3(value.created),
        "reason": value.reason,
        "total_amount": money_v3(value.total_amount),
        "total_tax": money_v3(value.total_tax),
        "uses_merchant_override_values": False,
        "items": [
            {"item_type": "PRODUCT", "item_id": item_id, "quantity": 1}
            for item_id in value.item_ids
        ],
        "payments": [
            {
                "id": payment.id,
                "provider_id": payment.provider_id,
                "amount": money_v3(payment.amount),
                "offline": payment.offline,
                "is_declined": payment.is_declined,
                "declined_message": payment.declined_message,
            }
            for payment in value.payments
        ],
    }


def customer(value: Customer, *, with_addresses: bool) -> dict[str, Any]:
    """One row of GET /v3/customers (addresses only when included)."""
    row: dict[str, Any] = {
        "id": value.id,
        "email": value.email,
        "first_name": value.first_name,
        "last_name": value.last_name,
        "company": value.company,
        "phone": value.phone,
        "registration_ip_address": value.registration_ip_address,
        "notes": value.notes,
        "tax_exempt_category": "",
        "customer_group_id": value.customer_group_id,
        "date_created": date_v3(value.date_created),
        "date_modified": date_v3(value.date_modified),
        "address_count": len(value.addresses),
        "attribute_count": 0,
        "authentication": {"force_password_reset": False},
        "accepts_product_review_abandoned_cart_emails": False,
        "origin_channel_id": 1,
        "channel_ids": [1],
    }
    if with_addresses:
        # The API includes at most ten addresses per customer.
        row["addresses"] = [customer_address(a) for a in value.addresses[:10]]
    return row


def customer_address(value: CustomerAddress) -> dict[str, Any]:
    """One row of GET /v3/customers/addresses."""
    return {
        "id": value.id,
        "customer_id": value.customer_id,
        "first_name": value.first_name,
        "last_name": value.last_name,
        "company": value.company,
        "address1": value.street_1,
        "address2": value.street_2,
        "city": value.city,
        "state_or_province": value.state,
        "postal_code": value.zip,
        "country": value.country,
        "country_code": value.country_iso2,
        "phone": value.phone,
        "address_type": value.address_type,
    }


def product(value: Product) -> dict[str, Any]:
    """One row of GET /v3/catalog/products."""
    row: dict[str, Any] = {
        "id": value.id,
        "name": value.name,
        "type": value.type,
        "sku": value.sku,
        "description": value.description,
        "weight": float(value.weight),
        "price": float(value.price),
        "is_visible": True,
    }
    if value.date_created is not None:
        row["date_created"] = date_v3(value.date_created)
        row["date_modified"] = date_v3(value.date_created)
    return row
