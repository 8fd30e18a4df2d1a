"""The client against the fake BigCommerce store, through ASGITransport."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.bigcommerce.results import ApiCallCounter
from chargepilot.bigcommerce.scopes import Scope
from chargepilot.domain.money import Money
from chargepilot.errors import BigCommerceAuthError
from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import (
    READ_SCOPES,
    Address,
    ApiAccount,
    Customer,
    CustomerAddress,
    LineItem,
    Order,
    OrderStatus,
    Product,
    Refund,
    Shipment,
    ShipmentItem,
    Store,
    Transaction,
)
from chargepilot.sandbox.controls import Fault, FaultKind, SandboxControls
from tests.bigcommerce.conftest import HASH, FakeTime

pytestmark = pytest.mark.anyio
TOKEN = "tok-sandbox-full"
NO_PRODUCTS = "tok-sandbox-no-products"
START = datetime(2026, 3, 1, 12, tzinfo=UTC)


def billing(email: str) -> Address:
    return Address(
        "Jane", "Doe", "100 Peach Ave", "St. Louis", "Missouri", "63123",
        "United States", "US", email=email,
    )  # fmt: skip


def items(count: int) -> list[LineItem]:
    price = Decimal("2.5000")
    return [
        LineItem(n, 77, f"Sock {n}", f"SOCK-{n}", 1, price, price, price)
        for n in range(1, count + 1)
    ]


def big_order() -> Order:
    """Order 9001: 73 lines, shipped and delivered, paid by Stripe, refunded."""
    total = Decimal("182.5000")
    order = Order(
        9001, 1, START, START, OrderStatus.SHIPPED, billing("jane@example.test"),
        "USD", total, total, Decimal(0), Decimal(0), total, total,
        payment_provider_id="pi_9001", line_items=items(73),
    )  # fmt: skip
    order.shipments = [
        Shipment(
            1, 0, START + timedelta(days=1), "1Z999AA10123456784", "ups", "ups",
            comments="Delivered 2026-03-04T15:30:00Z front door",
            items=[ShipmentItem(1, 77, 73)],
        )
    ]  # fmt: skip
    order.transactions = [
        Transaction(
            5, "purchase", "credit_card", total, "USD", "stripe", "pi_9001", START
        )
    ]
    order.refunds = [Refund(8, 9001, START + timedelta(days=5), "late", Decimal(5))]
    return order


def guest_order() -> Order:
    total = Decimal("1500.0000")
    return Order(
        9002, 0, START, START, OrderStatus.AWAITING_FULFILLMENT,
        billing("Guest@Example.test"), "JPY", total, total, Decimal(0),
        Decimal(0), total, total, line_items=items(1),
    )  # fmt: skip


def make_store() -> Store:
    customer = Customer(
        1, "jane@example.test", "Jane", "Doe", START - timedelta(days=400), START,
        registration_ip_address="203.0.113.7",
        addresses=[CustomerAddress(**vars(billing("")), id=10, customer_id=1)],
    )  # fmt: skip
    return Store(
        hash=HASH,
        name="Peach Outdoor",
        domain="peach.example.test",
        accounts=[
            ApiAccount("c1", TOKEN),
            ApiAccount(
                "c2", NO_PRODUCTS, READ_SCOPES - {"store_v2_products_read_only"}
            ),
        ],
        customers={1: customer},
        orders={9001: big_order(), 9002: guest_order()},
        products={77: Product(77, "Wool sock", "SOCK", Decimal("2.50"))},
    )


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
def controls(clock: FakeTime) -> SandboxControls:
    return SandboxControls(seed=3, clock=clock)


def connect(
    controls: SandboxControls, clock: FakeTime, token: str = TOKEN, **options: object
) -> BigCommerceClient:
    app = create_bigcommerce_app([make_store()], controls)
    return BigCommerceClient(
        HASH,
        token,
        base_url="http://testserver",
        transport=httpx.ASGITransport(app=app),
        sleep=clock.sleep,
        clock=clock,
        rng=random.Random(1),
        **options,
    )


async def test_a_full_token_validates_and_names_the_store(
    controls: SandboxControls, clock: FakeTime
) -> None:
    async with connect(controls, clock) as client:
        report = await client.validate()
    assert report.ok
    assert report.store is not None
    assert (report.store.hash, report.store.name) == (HASH, "Peach Outdoor")


async def test_validation_names_a_missing_scope(
    controls: SandboxControls, clock: FakeTime
) -> None:
    async with connect(controls, clock, NO_PRODUCTS) as client:
        report = await client.validate()
    assert report.missing == (Scope.PRODUCTS,)
    assert "store_v2_products_read_only" in report.describe_missing()


async def test_an_unknown_token_is_rejected(
    controls: SandboxControls, clock: FakeTime
) -> None:
    async with connect(controls, clock, "tok-nobody") as client:
        with pytest.raises(BigCommerceAuthError, match="token rejected"):
            await client.validate()


async def test_everything_about_an_order_is_read_in_one_fan_out(
    controls: SandboxControls, clock: FakeTime
) -> None:
    counter = ApiCallCounter()
    async with connect(controls, clock, metrics=counter) as client:
        (order,) = (await client.orders_by_email("Jane@Example.test ")).orders
        async with asyncio.TaskGroup() as group:
            lines = group.create_task(client.order_products(order.id))
            shipments = group.create_task(client.order_shipments(order.id))
            payments = group.create_task(client.order_transactions(order.id))
            refunds = group.create_task(client.order_refunds(order.id))
            customer = group.create_task(client.get_customer(order.customer_id))
            history = group.create_task(client.customer_orders(order.customer_id))
            products = group.create_task(client.products([77]))
    assert order.total == Money(18250, "USD")
    assert len(lines.result()) == 73
    (shipment,) = shipments.result()
    assert (shipment.carrier, shipment.item_count) == ("UPS", 73)
    assert shipment.delivered_at == datetime(2026, 3, 4, 15, 30, tzinfo=UTC)
    assert payments.result()[0].gateway_transaction_id == "pi_9001"
    assert refunds.result()[0].amount == Money(500, "USD")
    found = customer.result()
    assert found is not None
    assert found.registration_ip == "203.0.113.7"
    assert len(found.addresses) == 1
    assert [o.id for o in history.result().orders] == [9001]
    assert products.result()[0].name == "Wool sock"
    assert counter.calls["GET /v2/orders/{id}"] == 0  # currency came from search


async def test_a_guest_order_is_read_in_yen_without_a_customer(
    controls: SandboxControls, clock: FakeTime
) -> None:
    async with connect(controls, clock) as client:
        (order,) = (await client.orders_by_email("guest@example.test")).orders
        assert order.is_guest
        assert order.total == Money(1500, "JPY")
        assert await client.get_customer(order.customer_id) is None
        assert await client.order_shipments(order.id) == ()
        assert await client.order_transactions(order.id) == ()


async def test_a_burst_stays_inside_a_small_quota(
    controls: SandboxControls, clock: FakeTime
) -> None:
    controls.set_rate_limit(quota=5, window_ms=30_000)
    counter = ApiCallCounter()
    async with connect(controls, clock, metrics=counter) as client:
        await client.get_order(9001)
        async with asyncio.TaskGroup() as group:
            for _ in range(12):
                group.create_task(client.order_shipments(9001))
    assert counter.total == 13
    assert counter.retries["429"] == 0
    assert clock.now - 1000.0 >= 60  # spread over three windows


async def test_server_errors_from_the_store_are_retried(
    controls: SandboxControls, clock: FakeTime
) -> None:
    controls.add_fault(
        Fault(FaultKind.SERVER_ERROR, route="*/shipments", status=503, times=2)
    )
    counter = ApiCallCounter()
    async with connect(controls, clock, metrics=counter) as client:
        (shipment,) = await client.order_shipments(9001)
    assert shipment.tracking_number == "1Z999AA10123456784"
    assert counter.retries["503"] == 2


class StatusLog(httpx.AsyncBaseTransport):
    """Keeps the status of every answer that passes through."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response


async def test_a_wide_concurrent_burst_stays_inside_the_quota_without_a_429(
    controls: SandboxControls, clock: FakeTime
) -> None:
    controls.set_rate_limit(quota=10, window_ms=1000)
    controls.set_latency(0.005)  # answers take a moment: requests overlap
    controls.sleep = asyncio.sleep
    app = create_bigcommerce_app([make_store()], controls)
    log = StatusLog(httpx.ASGITransport(app=app))
    client = BigCommerceClient(
        HASH,
        TOKEN,
        base_url="http://testserver",
        transport=log,
        sleep=clock.sleep,
        clock=clock,
        rng=random.Random(1),
    )

    async with client:
        found = await asyncio.gather(*(client.get_order(9001) for _ in range(60)))

    assert len(found) == 60
    assert 429 not in log.statuses
    assert len(log.statuses) == 60
