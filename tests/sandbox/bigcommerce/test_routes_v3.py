"""V3 transactions, refunds, customers, addresses and products."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.models import Store
from tests.sandbox.bigcommerce.conftest import (
    JSON,
    make_customer,
    make_order,
    shipped,
    v3,
)

pytestmark = pytest.mark.anyio


async def data_ids(client: httpx.AsyncClient, path: str) -> list[int]:
    response = await client.get(v3(path), headers=JSON)
    assert response.status_code == 200
    return [row["id"] for row in response.json()["data"]]


async def test_transactions_use_numbers_iso_dates_and_a_string_order_id(
    client: httpx.AsyncClient,
) -> None:
    [payment] = (await client.get(v3("/orders/1/transactions"), headers=JSON)).json()[
        "data"
    ]

    assert payment["amount"] == 34.12
    assert payment["order_id"] == "1"
    assert payment["gateway_transaction_id"] == "pi_1"
    assert datetime.fromisoformat(payment["date_created"]).tzinfo is not None
    assert payment["credit_card"]["card_last4"] == "4242"


async def test_an_order_without_transactions_answers_204(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v3("/orders/2/transactions"), headers=JSON)

    assert (response.status_code, response.content) == (204, b"")


async def test_refunds_of_one_order_are_numbers(client: httpx.AsyncClient) -> None:
    body = (
        await client.get(v3("/orders/1/payment_actions/refunds"), headers=JSON)
    ).json()

    assert body["data"][0]["total_amount"] == 5.0
    assert body["data"][0]["created"] == "2026-03-05T12:00:00Z"


async def test_an_order_without_refunds_answers_an_empty_v3_page(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v3("/orders/2/payment_actions/refunds"), headers=JSON)

    assert response.status_code == 200
    assert response.json()["data"] == []


@pytest.fixture
def refund_store(store: Store) -> Store:
    for order_id in (7, 8, 9):
        store.orders[order_id] = shipped(make_order(order_id))
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [1, 7, 8, 9]),
        ("order_id:in=7,9", [7, 9]),
        ("created:min=2026-03-11T18:00:00Z", [8, 9]),
        ("created:max=2026-03-11T18:00:00%2B00:00", [1, 7]),
        ("limit=2&page=2", [8, 9]),
    ],
)
async def test_refunds_across_orders_filter_and_page(
    refund_store: Store, client: httpx.AsyncClient, query: str, expected: list[int]
) -> None:
    assert (
        await data_ids(client, f"/orders/payment_actions/refunds?{query}") == expected
    )


@pytest.fixture
def customer_store(store: Store) -> Store:
    for customer_id in (2, 3, 4):
        store.customers[customer_id] = make_customer(
            customer_id, f"c{customer_id}@example.test"
        )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [1, 2, 3, 4]),
        ("id:in=2,4,99", [2, 4]),
        ("email:in=C3@example.test,jane@example.test", [1, 3]),
        ("limit=3&page=2", [4]),
    ],
)
async def test_customers_filter_by_id_and_email_and_page(
    customer_store: Store, client: httpx.AsyncClient, query: str, expected: list[int]
) -> None:
    assert await data_ids(client, f"/customers?{query}") == expected


async def test_customers_carry_v3_pagination_meta(
    customer_store: Store, client: httpx.AsyncClient
) -> None:
    body = (await client.get(v3("/customers?limit=3&page=1"), headers=JSON)).json()

    assert body["meta"]["pagination"] == {
        "total": 4,
        "count": 3,
        "per_page": 3,
        "current_page": 1,
        "total_pages": 2,
        "links": {"current": "?page=1&limit=3", "next": "?page=2&limit=3"},
    }


async def test_addresses_come_with_customers_only_when_included(
    client: httpx.AsyncClient,
) -> None:
    plain = (await client.get(v3("/customers"), headers=JSON)).json()["data"][0]
    full = (await client.get(v3("/customers?include=addresses"), headers=JSON)).json()

    assert "addresses" not in plain
    assert plain["address_count"] == 2
    assert [a["id"] for a in full["data"][0]["addresses"]] == [10, 11]


async def test_customer_addresses_filter_by_customer(
    customer_store: Store, client: httpx.AsyncClient
) -> None:
    assert await data_ids(client, "/customers/addresses?customer_id:in=3,4") == [30, 40]


async def test_an_empty_v3_list_is_200_with_no_data(client: httpx.AsyncClient) -> None:
    response = await client.get(v3("/customers?id:in=999"), headers=JSON)

    assert response.status_code == 200
    assert response.json()["data"] == []


async def test_catalog_products_filter_by_id(client: httpx.AsyncClient) -> None:
    assert await data_ids(client, "/catalog/products?id:in=77,78") == [77]


async def test_v3_lists_refuse_a_limit_over_250(client: httpx.AsyncClient) -> None:
    response = await client.get(v3("/customers?limit=251"), headers=JSON)

    assert response.status_code == 413
