"""Small hand-built stores and a client for the fake BigCommerce API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import (
    Address,
    ApiAccount,
    Coupon,
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
from chargepilot.sandbox.controls import SandboxControls

HASH = "abc123"
TOKEN = "tok-full"
ORDERS_ONLY = "tok-orders"
FULL_ORDERS = "tok-orders-write"
START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
JSON = {"X-Auth-Token": TOKEN, "Accept": "application/json"}


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def address(email: str = "jane@example.test", **changes: Any) -> Address:
    fields: dict[str, Any] = {
        "first_name": "Jane",
        "last_name": "Doe",
        "street_1": "100 Peach Ave",
        "city": "St. Louis",
        "state": "Missouri",
        "zip": "63123",
        "country": "United States",
        "country_iso2": "US",
        "email": email,
    }
    return Address(**(fields | changes))


def make_customer(customer_id: int, email: str, addresses: int = 1) -> Customer:
    return Customer(
        id=customer_id,
        email=email,
        first_name="Jane",
        last_name="Doe",
        date_created=START - timedelta(days=400),
        date_modified=START - timedelta(days=10),
        registration_ip_address="203.0.113.7",
        addresses=[
            CustomerAddress(
                **vars(address(email)), id=customer_id * 10 + n, customer_id=customer_id
            )
            for n in range(addresses)
        ],
    )


def make_order(
    order_id: int,
    *,
    customer_id: int = 1,
    email: str = "jane@example.test",
    total: str = "34.1164",
    status: OrderStatus = OrderStatus.SHIPPED,
    created: datetime | None = None,
    **changes: Any,
) -> Order:
    created = created or START + timedelta(days=order_id)
    amount = Decimal(total)
    fields: dict[str, Any] = {
        "id": order_id,
        "customer_id": customer_id,
        "date_created": created,
        "date_modified": created + timedelta(hours=1),
        "status_id": status,
        "billing_address": address(email),
        "currency_code": "USD",
        "subtotal_ex_tax": amount,
        "subtotal_inc_tax": amount,
        "shipping_cost_ex_tax": Decimal(0),
        "shipping_cost_inc_tax": Decimal(0),
        "total_ex_tax": amount,
        "total_inc_tax": amount,
        "payment_provider_id": f"pi_{order_id}",
        "ip_address": "203.0.113.7",
        "line_items": [line_item(order_id * 100 + 1)],
    }
    return Order(**(fields | changes))


def line_item(item_id: int) -> LineItem:
    return LineItem(
        id=item_id,
        product_id=77,
        name="Trail shoe",
        sku="SHOE-1",
        quantity=1,
        base_price=Decimal("34.1164"),
        price_ex_tax=Decimal("34.1164"),
        price_inc_tax=Decimal("34.1164"),
        quantity_shipped=1,
    )


def shipped(order: Order) -> Order:
    """Give an order a shipping address, a shipment, a payment and a refund."""
    order.date_shipped = order.date_created + timedelta(days=1)
    order.shipping_addresses = [
        ShippingAddress(**vars(order.billing_address), id=1, items_total=1)
    ]
    order.shipments = [
        Shipment(
            id=order.id * 10,
            order_address_id=1,
            date_created=order.date_created + timedelta(days=1),
            tracking_number="1Z999AA10123456784",
            shipping_provider="ups",
            tracking_carrier="ups",
            shipping_method="Ground",
            items=[ShipmentItem(order.line_items[0].id, 77, 1)],
        )
    ]
    order.transactions = [
        Transaction(
            id=order.id * 10,
            event="purchase",
            method="credit_card",
            amount=order.total_inc_tax,
            currency="USD",
            gateway="stripe",
            gateway_transaction_id=f"pi_{order.id}",
            date_created=order.date_created,
        )
    ]
    order.refunds = [
        Refund(
            id=order.id,
            order_id=order.id,
            created=order.date_created + timedelta(days=3),
            reason="Damaged",
            total_amount=Decimal("5.00"),
            payments=[RefundPayment(1, "stripe", Decimal("5.00"))],
            item_ids=[order.line_items[0].id],
        )
    ]
    order.coupons = [Coupon(1, 9, "SPRING", Decimal(5), 2, Decimal(5))]
    return order


def make_store(store_hash: str = HASH, orders: list[Order] | None = None) -> Store:
    """A store with one full-read token, an orders-only token and a write one."""
    store = Store(
        hash=store_hash,
        name="Peach Outdoor",
        domain="peach.example.test",
        accounts=[
            ApiAccount("client-1", TOKEN),
            ApiAccount(
                "client-2", ORDERS_ONLY, frozenset({"store_v2_orders_read_only"})
            ),
            ApiAccount("client-3", FULL_ORDERS, frozenset({"store_v2_orders"})),
        ],
        customers={1: make_customer(1, "jane@example.test", addresses=2)},
        products={77: Product(77, "Trail shoe", "SHOE-1", Decimal("34.12"))},
    )
    for order in orders if orders is not None else standard_orders():
        store.orders[order.id] = order
    return store


def standard_orders() -> list[Order]:
    """Orders 1-6: shipped, unshipped, guest, archived, incomplete, big."""
    return [
        shipped(make_order(1)),
        make_order(2, status=OrderStatus.AWAITING_FULFILLMENT, total="10.0000"),
        make_order(3, customer_id=0, email="Guest@Example.test", total="99.5000"),
        make_order(4, is_deleted=True),
        make_order(5, status=OrderStatus.INCOMPLETE),
        make_order(6, total="250.0000", status=OrderStatus.COMPLETED),
    ]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controls(clock: FakeClock) -> SandboxControls:
    return SandboxControls(seed=7, clock=clock)


@pytest.fixture
def store() -> Store:
    return make_store()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client(
    store: Store, controls: SandboxControls
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_bigcommerce_app([store], controls)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver"
    ) as async_client:
        yield async_client


def v2(path: str) -> str:
    return f"/stores/{HASH}/v2{path}"


def v3(path: str) -> str:
    return f"/stores/{HASH}/v3{path}"
