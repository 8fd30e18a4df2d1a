"""Lists are read whole: 204 is empty, 250 a page, V3 by meta.pagination."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import httpx
import pytest

from chargepilot.bigcommerce import records
from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.jobs.metrics import Meter, MeteredTransport
from tests.bigcommerce.conftest import FakeStore, client_for, json_response

pytestmark = pytest.mark.anyio
NO_CONTENT = httpx.Response(204, headers={"Content-Length": "0"})
Call = Callable[[BigCommerceClient], Awaitable[object]]

EMPTY_LISTS: list[tuple[str, Call]] = [
    ("/v2/orders", lambda c: c.search_orders(email="nobody@example.test")),
    ("/v2/orders/7/shipments", lambda c: c.order_shipments(7)),
    ("/v2/orders/7/products", lambda c: c.order_products(7, currency="USD")),
    ("/v2/orders/7/shipping_addresses", lambda c: c.order_shipping_addresses(7)),
    ("/v3/orders/7/transactions", lambda c: c.order_transactions(7)),
]


def line(number: int) -> dict[str, object]:
    return {
        "id": number,
        "product_id": 100 + number,
        "name": f"Item {number}",
        "sku": f"SKU-{number}",
        "quantity": 1,
        "price_inc_tax": "2.5000",
        "total_inc_tax": "2.5000",
    }


def paged(rows: list[dict[str, object]]) -> Callable[[httpx.Request], httpx.Response]:
    """A V2 list that honours page/limit and answers 204 past the end."""

    def answer(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", 50))
        page = int(request.url.params.get("page", 1))
        if limit > 250:
            return json_response({"status": 413, "details": {"max_limit": 250}}, 413)
        chunk = rows[(page - 1) * limit : page * limit]
        return json_response(chunk) if chunk else NO_CONTENT

    return answer


@pytest.mark.parametrize(("path", "call"), EMPTY_LISTS, ids=[p for p, _ in EMPTY_LISTS])
async def test_no_content_is_an_empty_list(path: str, call: Call) -> None:
    server = FakeStore({path: NO_CONTENT})
    async with client_for(server) as client:
        found = await call(client)
    assert len(found) == 0  # type: ignore[arg-type]
    assert server.paths() == [path]


async def test_an_empty_200_body_is_an_empty_list_too() -> None:
    server = FakeStore({"/v2/orders/7/shipments": httpx.Response(200, content=b"")})
    async with client_for(server) as client:
        assert await client.order_shipments(7) == ()


async def test_all_73_line_items_are_read_with_pages_of_at_most_250() -> None:
    rows = [line(n) for n in range(1, 74)]
    server = FakeStore({"/v2/orders/9001/products": paged(rows)})
    async with client_for(server) as client:
        items = await client.order_products(9001, currency="USD")
    assert [i.id for i in items] == list(range(1, 74))
    assert [r.url.params["limit"] for r in server.requests] == ["250"]


async def test_pages_are_followed_until_a_short_page() -> None:
    rows = [line(n) for n in range(1, 26)]
    server = FakeStore({"/v2/orders/9001/products": paged(rows)})
    async with client_for(server, page_size=10) as client:
        items = await client.order_products(9001, currency="USD")
    assert len(items) == 25
    assert [r.url.params["page"] for r in server.requests] == ["1", "2", "3"]


async def test_pages_stop_at_a_204_after_a_full_page() -> None:
    rows = [line(n) for n in range(1, 21)]
    server = FakeStore({"/v2/orders/9001/products": paged(rows)})
    async with client_for(server, page_size=10) as client:
        items = await client.order_products(9001, currency="USD")
    assert len(items) == 20
    assert len(server.requests) == 3


def order_row(number: int) -> dict[str, object]:
    return {
        "id": number,
        "customer_id": 9,
        "status_id": 10,
        "date_created": "Tue, 20 Nov 2012 00:00:00 +0000",
        "total_inc_tax": "10.0000",
        "currency_code": "USD",
        "billing_address": {"email": "jane@example.test"},
    }


async def test_a_search_that_hits_the_page_cap_says_it_was_truncated() -> None:
    rows = [order_row(n) for n in range(1, 40)]
    server = FakeStore({"/v2/orders": paged(rows)})
    async with client_for(server, page_size=10, max_pages=2) as client:
        found = await client.search_orders(customer_id=9)
    assert found.truncated
    assert len(found.orders) == 20
    assert len(server.requests) == 2


async def test_a_search_within_the_cap_is_complete() -> None:
    server = FakeStore({"/v2/orders": paged([order_row(n) for n in range(1, 16)])})
    async with client_for(server, page_size=10, max_pages=2) as client:
        found = await client.search_orders(customer_id=9)
    assert not found.truncated
    assert len(found.orders) == 15


async def test_v3_collections_follow_meta_pagination() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        data = [{"id": page * 10 + n, "name": f"P{page}{n}"} for n in range(2)]
        meta = {"pagination": {"total": 6, "current_page": page, "total_pages": 3}}
        return json_response({"data": data, "meta": meta})

    server = FakeStore({"/v3/catalog/products": answer})
    async with client_for(server) as client:
        products = await client.products([11, 12, 21])
    assert len(products) == 6
    assert [r.url.params["page"] for r in server.requests] == ["1", "2", "3"]
    assert server.requests[0].url.params["id:in"] == "11,12,21"


async def test_products_are_asked_for_in_batches_of_ids() -> None:
    empty = {"data": [], "meta": {"pagination": {"total_pages": 1}}}
    server = FakeStore({"/v3/catalog/products": empty})
    async with client_for(server) as client:
        await client.products([*range(1, 121), 0, 5])
    batches = [r.url.params["id:in"].split(",") for r in server.requests]
    assert [len(b) for b in batches] == [50, 50, 20]


async def test_a_limit_above_250_is_refused_before_sending() -> None:
    server = FakeStore()
    async with client_for(server) as client:
        with pytest.raises(ValueError, match="above"):
            await client._get("/v2/orders", {"limit": 1000}, ())
    assert server.requests == []


def counted(rows: list[dict[str, object]], count: int) -> FakeStore:
    """Orders paged as V2 does, with /v2/orders/count answering `count`."""
    return FakeStore(
        {
            "/v2/orders": paged(rows),
            "/v2/orders/count": json_response({"count": count, "statuses": []}),
        }
    )


def order_rows(n: int) -> list[dict[str, object]]:
    return [order_row(i) for i in range(1, n + 1)]


async def test_a_long_history_is_read_with_its_count_then_every_page_at_once() -> None:
    server = counted(order_rows(600), 600)
    async with client_for(server) as client:
        found = await client.customer_orders(12)

    assert [o.id for o in found.orders] == list(range(1, 601))
    assert not found.truncated
    pages = [r.url.params["page"] for r in server.requests if r.url.path.endswith("s")]
    assert sorted(pages) == ["1", "2", "3"]


async def test_a_count_that_falls_short_does_not_lose_the_last_orders() -> None:
    server = counted(order_rows(520), 250)
    async with client_for(server) as client:
        found = await client.customer_orders(12)

    assert len(found.orders) == 520
    assert not found.truncated


async def test_a_history_past_its_page_cap_says_it_was_truncated() -> None:
    server = counted(order_rows(40), 40)
    async with client_for(server, page_size=10, history_pages=3) as client:
        found = await client.customer_orders(12)

    assert found.truncated
    assert len(found.orders) == 30


async def test_an_order_of_300_units_has_its_item_pages_read_at_once() -> None:
    rows = [line(n) for n in range(1, 301)]
    server = FakeStore({"/v2/orders/9001/products": paged(rows)})
    order = replace(records.order(order_row(9001)), items_total=300)
    meter = Meter()
    meter.start()

    transport = MeteredTransport(httpx.MockTransport(server), "bigcommerce")
    async with client_for(server, transport=transport) as client:
        items = await client.order_products(order)

    assert [i.id for i in items] == list(range(1, 301))
    assert meter.calls == 2
    assert meter.round_trips == 1
