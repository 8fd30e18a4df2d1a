"""A store with 10,000 orders, 5,000 of them one customer's, stays quick."""

from __future__ import annotations

import time

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import Store
from chargepilot.sandbox.controls import SandboxControls
from tests.sandbox.bigcommerce.conftest import JSON, make_order, make_store, v2

pytestmark = pytest.mark.anyio


def big_store() -> Store:
    orders = [
        make_order(order_id, customer_id=7, email="loyal@example.test")
        if order_id % 2
        else make_order(order_id, customer_id=order_id, email=f"c{order_id}@x.test")
        for order_id in range(1, 10_001)
    ]
    return make_store(orders=orders)


async def test_a_loyal_customers_5000_orders_page_through_quickly() -> None:
    controls = SandboxControls()
    controls.set_rate_limit(enabled=False)
    app = create_bigcommerce_app([big_store()], controls)
    transport = httpx.ASGITransport(app=app)

    seen: list[int] = []
    started = time.perf_counter()
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        for page in range(1, 22):
            response = await client.get(
                v2(f"/orders?customer_id=7&limit=250&page={page}"), headers=JSON
            )
            if response.status_code == 204:
                break
            seen += [order["id"] for order in response.json()]
        single = await client.get(v2("/orders?email=c5000@x.test"), headers=JSON)
    elapsed = time.perf_counter() - started

    assert len(seen) == 5000
    assert seen == sorted(seen)
    assert [order["id"] for order in single.json()] == [5000]
    assert elapsed < 10, f"paging 5,000 orders took {elapsed:.1f}s"
