"""The fifteen order statuses and the words BigCommerce shows for them."""

from __future__ import annotations

from typing import Any

from chargepilot.sandbox.bigcommerce.models import OrderStatus

STATUS_NAMES: dict[OrderStatus, str] = {
    OrderStatus.INCOMPLETE: "Incomplete",
    OrderStatus.PENDING: "Pending",
    OrderStatus.SHIPPED: "Shipped",
    OrderStatus.PARTIALLY_SHIPPED: "Partially Shipped",
    OrderStatus.REFUNDED: "Refunded",
    OrderStatus.CANCELLED: "Cancelled",
    OrderStatus.DECLINED: "Declined",
    OrderStatus.AWAITING_PAYMENT: "Awaiting Payment",
    OrderStatus.AWAITING_PICKUP: "Awaiting Pickup",
    OrderStatus.AWAITING_SHIPMENT: "Awaiting Shipment",
    OrderStatus.COMPLETED: "Completed",
    OrderStatus.AWAITING_FULFILLMENT: "Awaiting Fulfillment",
    OrderStatus.MANUAL_VERIFICATION_REQUIRED: "Manual Verification Required",
    OrderStatus.DISPUTED: "Disputed",
    OrderStatus.PARTIALLY_REFUNDED: "Partially Refunded",
}

# Our own one-line summaries (the control panel's wording is not copied).
_SUMMARIES: dict[OrderStatus, str] = {
    OrderStatus.INCOMPLETE: "Shopper reached payment but did not finish.",
    OrderStatus.PENDING: "Checkout started, not finished.",
    OrderStatus.SHIPPED: "Items shipped; receipt not confirmed.",
    OrderStatus.PARTIALLY_SHIPPED: "Some items shipped.",
    OrderStatus.REFUNDED: "Refunded in full.",
    OrderStatus.CANCELLED: "Cancelled by the seller.",
    OrderStatus.DECLINED: "Declined by the seller.",
    OrderStatus.AWAITING_PAYMENT: "Checkout done; payment not confirmed.",
    OrderStatus.AWAITING_PICKUP: "Packed; waiting for the shopper to collect.",
    OrderStatus.AWAITING_SHIPMENT: "Packed; waiting for the carrier.",
    OrderStatus.COMPLETED: "Paid and delivered (digital).",
    OrderStatus.AWAITING_FULFILLMENT: "Paid; waiting to be packed.",
    OrderStatus.MANUAL_VERIFICATION_REQUIRED: "On hold for a manual check.",
    OrderStatus.DISPUTED: "The PayPal payment is disputed.",
    OrderStatus.PARTIALLY_REFUNDED: "Refunded in part.",
}

# The control panel's default display order (the spec's `sort_order`).
SORT_ORDER: dict[OrderStatus, int] = {
    OrderStatus(status): position
    for position, status in enumerate(
        [0, 1, 7, 11, 9, 8, 3, 10, 2, 5, 6, 4, 13, 12, 14]
    )
}


def status_row(status: OrderStatus) -> dict[str, Any]:
    """One row of GET /v2/order_statuses."""
    name = STATUS_NAMES[status]
    return {
        "id": int(status),
        "name": name,
        "system_label": name,
        "custom_label": name,
        "system_description": _SUMMARIES[status],
    }


def count_row(status: OrderStatus, count: int) -> dict[str, Any]:
    """One row of the `statuses` list of GET /v2/orders/count."""
    return {**status_row(status), "count": count, "sort_order": SORT_ORDER[status]}
