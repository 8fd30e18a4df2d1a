"""GET /v2/orders and its sub-resources behave like the real V2 API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import OrderStatus, Store
from tests.sandbox.bigcommerce.conftest import JSON, START, TOKEN, make_order, v2

pytestmark = pytest.mark.anyio


async def order_ids(client: httpx.AsyncClient, query: str) -> list[int]:
    response = await client.get(v2(f"/orders?{query}"), headers=JSON)
    if response.status_code == 204:
        return []
    assert response.status_code == 200
    return [order["id"] for order in response.json()]


async def test_a_filter_matching_nothing_answers_204_with_an_empty_body(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        v2("/orders?email=nobody@example.test&limit=250&page=1"), headers=JSON
    )

    assert response.status_code == 204
    assert response.content == b""


async def test_a_page_past_the_end_answers_204(client: httpx.AsyncClient) -> None:
    response = await client.get(v2("/orders?page=9"), headers=JSON)

    assert response.status_code == 204


@pytest.mark.parametrize("sub", ["shipments", "shipping_addresses", "coupons"])
async def test_an_empty_sub_resource_answers_204(
    client: httpx.AsyncClient, sub: str
) -> None:
    response = await client.get(v2(f"/orders/2/{sub}"), headers=JSON)

    assert response.status_code == 204
    assert response.content == b""


async def test_products_past_the_last_page_answer_204(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders/1/products?page=2"), headers=JSON)

    assert response.status_code == 204


async def test_a_sub_resource_of_a_missing_order_answers_404_in_the_v2_shape(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders/999/shipments"), headers=JSON)

    assert response.status_code == 404
    assert response.json() == [
        {"status": 404, "message": "The requested resource was not found."}
    ]


async def test_without_an_accept_header_v2_answers_xml(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders/1"), headers={"X-Auth-Token": TOKEN})

    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own fake)
    assert response.headers["content-type"].startswith("application/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert (root.tag, root.findtext("id"), root.findtext("total_inc_tax")) == (
        "order",
        "1",
        "34.1164",
    )


async def test_an_xml_list_repeats_one_element_per_order(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        v2("/orders"), headers={"X-Auth-Token": TOKEN, "Accept": "*/*"}
    )

    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own fake)
    assert root.tag == "orders"
    assert [node.findtext("id") for node in root] == ["1", "2", "3", "6"]


async def test_a_limit_over_250_answers_413_with_the_max_limit(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders?limit=1000"), headers=JSON)

    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "message": "The specified limit exceeds the maximum allowed.",
        "details": {"max_limit": 250},
    }


async def test_limit_250_is_accepted(client: httpx.AsyncClient) -> None:
    assert await order_ids(client, "limit=250") == [1, 2, 3, 6]


async def test_lists_hide_archived_and_incomplete_orders(
    client: httpx.AsyncClient,
) -> None:
    assert await order_ids(client, "") == [1, 2, 3, 6]


async def test_archived_orders_stay_readable_by_id(client: httpx.AsyncClient) -> None:
    response = await client.get(v2("/orders/4"), headers=JSON)

    assert response.status_code == 200
    assert response.json()["is_deleted"] is True


async def test_incomplete_orders_are_listed_only_when_status_0_is_asked(
    client: httpx.AsyncClient,
) -> None:
    assert await order_ids(client, "status_id=0") == [5]


async def test_guest_orders_have_customer_id_0_and_are_found_by_email(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders?email=guest@example.test"), headers=JSON)

    [guest] = response.json()
    assert guest["customer_id"] == 0
    assert guest["billing_address"]["email"] == "Guest@Example.test"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customer_id=1", [1, 2, 6]),
        ("customer_id=0", [3]),
        ("email=JANE@example.test", [1, 2, 6]),
        ("email=jane@example.test&customer_id=1&min_total=20", [1, 6]),
        ("min_id=2&max_id=3", [2, 3]),
        ("min_total=34.1164&max_total=99.5", [1, 3]),
        ("max_total=10", [2]),
        ("status_id=11", [2]),
        ("status_id=2", [1, 3]),
        ("min_date_created=2026-03-03T00:00:00Z", [2, 3, 6]),
        ("max_date_created=2026-03-03T12:00:00%2B00:00", [1, 2]),
        ("min_date_created=Tue,%2003%20Mar%202026%2007:00:00%20-0500", [2, 3, 6]),
        ("max_date_created=Mon,%2002%20Mar%202026%2012:00:00%20%2B0000", [1]),
        ("min_date_created=2026-03-04", [3, 6]),
    ],
)
async def test_each_filter_narrows_the_list(
    client: httpx.AsyncClient, query: str, expected: list[int]
) -> None:
    assert await order_ids(client, query) == expected


async def test_a_malformed_date_filter_answers_400(client: httpx.AsyncClient) -> None:
    response = await client.get(v2("/orders?min_date_created=yesterday"), headers=JSON)

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("id:desc", [6, 3, 2, 1]),
        ("date_created:desc", [6, 3, 2, 1]),
        ("customer_id:asc", [3, 1, 2, 6]),
        ("status_id:desc", [2, 6, 1, 3]),
        ("status_id", [1, 3, 6, 2]),
    ],
)
async def test_sort_orders_the_list(
    client: httpx.AsyncClient, sort: str, expected: list[int]
) -> None:
    assert await order_ids(client, f"sort={sort}") == expected


async def test_an_unknown_sort_field_answers_400(client: httpx.AsyncClient) -> None:
    response = await client.get(v2("/orders?sort=total:asc"), headers=JSON)

    assert response.status_code == 400


async def test_pages_split_the_list_without_overlap(client: httpx.AsyncClient) -> None:
    pages = [await order_ids(client, f"limit=3&page={page}") for page in (1, 2, 3)]

    assert pages == [[1, 2, 3], [6], []]


async def test_the_default_page_holds_50_orders(store: Store) -> None:
    for order_id in range(100, 180):
        store.orders[order_id] = make_order(order_id)

    transport = httpx.ASGITransport(app=create_bigcommerce_app([store]))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        first = await order_ids(client, "")
        second = await order_ids(client, "page=2")

    assert len(first) == 50
    assert first[-1] == 145
    assert len(second) == 34


async def test_money_is_4_decimal_strings_and_dates_are_rfc_2822_utc(
    client: httpx.AsyncClient,
) -> None:
    order = (await client.get(v2("/orders/1"), headers=JSON)).json()

    assert order["total_inc_tax"] == "34.1164"
    assert order["refunded_amount"] == "0.0000"
    assert order["date_created"] == "Mon, 02 Mar 2026 12:00:00 +0000"
    assert parsedate_to_datetime(order["date_shipped"]) == START + timedelta(days=2)
    assert Decimal(order["total_ex_tax"]) == Decimal("34.1164")


async def test_an_unshipped_order_has_an_empty_date_shipped(
    client: httpx.AsyncClient,
) -> None:
    order = (await client.get(v2("/orders/2"), headers=JSON)).json()

    assert order["date_shipped"] == ""


async def test_orders_link_their_sub_resources(client: httpx.AsyncClient) -> None:
    order = (await client.get(v2("/orders/1"), headers=JSON)).json()

    assert order["products"] == {
        "url": "http://testserver/stores/abc123/v2/orders/1/products",
        "resource": "/orders/1/products",
    }
    linked = await client.get(order["shipping_addresses"]["url"], headers=JSON)
    assert linked.json()[0]["zip"] == "63123"


async def test_shipments_carry_tracking_and_rfc_2822_dates(
    client: httpx.AsyncClient,
) -> None:
    [shipment] = (await client.get(v2("/orders/1/shipments"), headers=JSON)).json()

    assert shipment["tracking_number"] == "1Z999AA10123456784"
    assert shipment["shipping_provider"] == "ups"
    assert shipment["date_created"] == "Tue, 03 Mar 2026 12:00:00 +0000"
    assert shipment["items"] == [
        {"order_product_id": 101, "product_id": 77, "quantity": 1}
    ]


async def test_count_gives_every_status_and_the_listable_total(
    client: httpx.AsyncClient,
) -> None:
    body = (await client.get(v2("/orders/count"), headers=JSON)).json()

    counts = {row["id"]: row["count"] for row in body["statuses"]}
    assert len(body["statuses"]) == 15
    assert counts[OrderStatus.SHIPPED] == 2
    assert counts[OrderStatus.INCOMPLETE] == 1
    assert body["count"] == 4


async def test_count_takes_the_list_filters(client: httpx.AsyncClient) -> None:
    response = await client.get(v2("/orders/count?customer_id=1"), headers=JSON)

    assert response.json()["count"] == 3


async def test_order_statuses_list_ids_0_to_14_with_their_names(
    client: httpx.AsyncClient,
) -> None:
    rows = (await client.get(v2("/order_statuses"), headers=JSON)).json()

    assert [row["id"] for row in rows] == list(range(15))
    assert rows[13]["name"] == "Disputed"
    assert rows[14]["name"] == "Partially Refunded"


async def test_store_information_names_the_store_by_its_hash(
    client: httpx.AsyncClient,
) -> None:
    body = (await client.get(v2("/store"), headers=JSON)).json()

    assert (body["id"], body["name"], body["currency"]) == (
        "abc123",
        "Peach Outdoor",
        "USD",
    )
