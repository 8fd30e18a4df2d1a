"""What the sandbox store says, worked out independently of the job's code.

Tests compare the evidence against these figures, computed here from the
scenario's own objects, rather than against numbers copied from a run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from chargepilot.sandbox.bigcommerce.models import (
    Order,
    OrderStatus,
    Shipment,
    Store,
)

UNPAID = frozenset(
    {
        OrderStatus.INCOMPLETE,
        OrderStatus.PENDING,
        OrderStatus.CANCELLED,
        OrderStatus.DECLINED,
        OrderStatus.AWAITING_PAYMENT,
    }
)
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def delivered_at(shipment: Shipment) -> datetime:
    """The carrier's scan the sandbox writes into the shipment's comments."""
    assert shipment.comments.startswith("Delivered "), shipment.comments
    stamp = shipment.comments.split()[1]
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def opened(dispute: dict[str, Any]) -> date:
    return datetime.fromtimestamp(dispute["created"], UTC).date()


def days_before(dispute: dict[str, Any], moment: datetime) -> int:
    return (opened(dispute) - utc_day(moment)).days


def money(amount: Decimal, currency: str) -> str:
    """How the evidence writes an amount: symbol, thousands, minor units."""
    digits = 0 if currency == "JPY" else 2
    rounded = amount.quantize(Decimal(1).scaleb(-digits))
    return f"{SYMBOLS[currency]}{rounded:,.{digits}f}"


def paid_orders(store: Store, order: Order) -> list[Order]:
    """The customer's paid, live orders (a guest's by email)."""
    if order.customer_id:
        mine = [o for o in store.orders.values() if o.customer_id == order.customer_id]
    else:
        email = order.billing_address.email.casefold()
        mine = [
            o
            for o in store.orders.values()
            if o.billing_address.email.casefold() == email
        ]
    return [o for o in mine if o.status_id not in UNPAID and not o.is_deleted]


def stripe_charge(state: Any, dispute: dict[str, Any], account: str | None) -> Any:
    charge = dispute["charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]
    return state.get(charge_id, account)


def packet_text(path: str | Path) -> str:
    """The packet's text as pypdf reads it, on one line."""
    reader = PdfReader(str(path))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def packet_pages(path: str | Path) -> int:
    return len(PdfReader(str(path)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())
